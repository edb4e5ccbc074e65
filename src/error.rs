//! Everything that can stop a command, with the exit code it maps to. This module sits below
//! every other: the layers that raise an error add the constructors that need their types.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("`{}` holds no {wanted}", folder.display())]
    EmptyFolder { folder: PathBuf, wanted: String },

    #[error("`{}` is {size} bytes; a {what} may have at most {limit}", path.display())]
    TooLarge {
        path: PathBuf,
        /// "bank file", "GIFT file", "Moodle XML file".
        what: &'static str,
        size: u64,
        limit: u64,
    },

    /// The banks have errors; `shown` is every diagnostic, drawn with its source line.
    #[error("{count} problem{} in the banks; nothing was asked", crate::text::plural_s(*count))]
    InvalidBanks { count: usize, shown: String },

    #[error("no question matches {0}")]
    NoQuestions(String),

    #[error("`{}` already exists; results are never overwritten (pick another file name)", .0.display())]
    OutputExists(PathBuf),

    #[error("cannot write results to `{}`: {source}; nothing was asked (name a file in a folder you can write to)", path.display())]
    OutputUnwritable {
        path: PathBuf,
        source: std::io::Error,
    },

    /// The final results file could not be written; `kept` says where the answers are instead.
    #[error("{error}; {kept}")]
    ResultsKept { error: Box<Error>, kept: String },

    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("`{}` already exists; pass --force to replace it", .0.display())]
    WouldOverwrite(PathBuf),

    #[error(
        "`{}` is a {what}, not a bank; turn it into one with `quiz import {format} {}`",
        path.display(),
        path.display()
    )]
    NotABank {
        path: PathBuf,
        /// "GIFT file", "Moodle XML file".
        what: &'static str,
        /// The name `quiz import` takes for it.
        format: &'static str,
    },

    #[error("`{}` is a folder; name a file inside it", .0.display())]
    IsAFolder(PathBuf),

    #[error("`{}` has {count} problem(s), listed above; nothing was written", path.display())]
    BrokenInput { path: PathBuf, count: usize },

    #[error("`{}` holds no question that can be imported", .0.display())]
    NothingToImport(PathBuf),

    #[error("cannot write the bank as YAML: {0}")]
    Yaml(String),

    /// The banks to export have errors; `shown` is every diagnostic, drawn with its source line.
    #[error("{count} problem{} in the banks; nothing was exported", crate::text::plural_s(*count))]
    NotExported { count: usize, shown: String },

    #[error("none of the {total} question(s) can be written as {format} (see `skipped` above)")]
    NothingToExport { format: &'static str, total: usize },

    #[error("{0}")]
    Usage(String),

    /// The progress database failed; `store` converts its own errors into this one.
    #[error("progress database: {0}")]
    Store(Box<dyn std::error::Error + Send + Sync>),
    /// `quiz report` found nothing it could use; the notes printed before say why.
    #[error("no results to report on: {0}")]
    NoResults(String),

    /// A file given as results that cannot be used; `why` says it in a few words.
    #[error("`{}` {why}", path.display())]
    NotResults { path: PathBuf, why: String },

    /// `quiz report` was given results of different exams; `exams` lists each with its files.
    #[error(
        "these results come from {count} different exams (other questions, seed or branching \
         scenarios), which one report would mix:\n{exams}\nreport each exam on its own, or give --mixed for one \
         section per exam; nothing was written"
    )]
    MixedExams { count: usize, exams: String },

    /// Reading a key or an answer, or drawing a question, failed.
    #[error("the terminal failed: {0}")]
    Terminal(std::io::Error),

    /// The live class's server could not listen or start (its socket, its runtime).
    #[error("the class's server failed: {0}")]
    Server(std::io::Error),

    /// A line of a live class's journal, other than a last line cut short, is not an entry.
    #[error(
        "`{}` line {line} is damaged ({reason}); the class cannot be resumed from it as it is \
         (a copy of the file with that line mended or removed can be)",
        path.display()
    )]
    DamagedJournal {
        path: PathBuf,
        line: usize,
        /// Not JSON of an entry, or an entry the class cannot have written there.
        reason: Box<dyn std::error::Error + Send + Sync>,
    },

    /// The command's output could not be written (a full disk behind `> file`, a closed pipe
    /// is not an error).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
}

impl Error {
    /// 2 for a command line that cannot work as written, 3 for a damaged class journal, 1 for
    /// everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::DamagedJournal { .. } => 3,
            _ => 1,
        }
    }
}
