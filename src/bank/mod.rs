//! Quiz banks: the YAML format, loading with positions, and validation.

pub mod annotate;
mod answer_key;
pub mod citations;
pub mod diagnostic;
pub mod fingerprint;
pub mod format;
pub mod lint;
pub mod load;
pub mod model;
pub mod schema;
mod shapes;
pub mod spots;
mod validate;

pub use diagnostic::{Diagnostic, Lint, Severity};
pub use load::{BankFile, Loaded, built_in_files, load, read_files};
pub use model::{
    AnswerKey, Bank, Choice, Citation, Kind, Pair, Question, Scenario, Source, Tolerance,
};
pub use validate::closest;
