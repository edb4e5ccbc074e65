//! Quiz banks: the YAML format, loading with positions, and validation.

pub(crate) mod annotate;
mod answer_key;
pub mod branching;
pub(crate) mod citations;
pub(crate) mod coverage;
pub(crate) mod diagnostic;
pub mod fingerprint;
pub mod format;
mod halves;
pub mod load;
pub(crate) mod model;
pub(crate) mod schema;
mod shapes;
pub(crate) mod spots;
mod terminal_safe;
mod validate;
mod validate_branching;
mod yaml_errors;
mod yaml_syntax;

pub use diagnostic::{Diagnostic, Lint, Severity};
pub use load::{BankFile, Loaded, built_in_files, load, read_files};
pub use model::{
    AnswerKey, Bank, Choice, Citation, Kind, Pair, Question, Scenario, Scoring, Source, TAG_LIMIT,
    Tolerance, cited_sections, read_cited_sections,
};
pub use validate::closest;
