//! Quiz banks: the YAML format, loading with positions, and validation.

mod answer_key;
pub mod diagnostic;
pub mod fingerprint;
pub mod format;
pub mod load;
pub mod model;
mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{BankFile, Loaded, built_in_files, load, read_files};
pub use model::{
    AnswerKey, Bank, Choice, Citation, Kind, Pair, Question, Scenario, Source, Tolerance,
};
pub use validate::closest;
