//! The class report (`quiz report`): who needs help, which questions need attention, which topics
//! to re-teach. Item statistics follow Moodle's quiz statistics; see docs/classroom.md.
//!
//! `ingest` reads the results files, `analysis` computes the report, and `text`, `csv` and `html`
//! render it.

pub(crate) mod analysis;
pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod ingest;
pub(crate) mod stats;
pub(crate) mod svg;
pub(crate) mod text;

use std::fmt;
use std::path::PathBuf;

pub(crate) use ingest::read_class;

/// Something the teacher should know about the files behind the report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Note {
    /// The file was left out of the report.
    Skipped { file: PathBuf, why: String },
    /// The file names no student; its file name stands in.
    Unnamed { file: PathBuf, name: String },
    /// A student has more than one results file; only the first attempt counts.
    Duplicate {
        name: String,
        kept: PathBuf,
        skipped: PathBuf,
    },
    /// The quiz was stopped before its end.
    Incomplete {
        name: String,
        answered: usize,
        planned: usize,
    },
    /// Students answered different versions of one bank: (version label, number of files).
    MixedBankVersions {
        bank: String,
        versions: Vec<(String, usize)>,
    },
    /// Students used different seeds, so they may not have had the same questions.
    MixedSeeds { seeds: usize },
    /// One question's content differs between results files.
    QuestionChanged { bank: String, question: String },
    /// The bank is not among those loaded: choices are named from the results or by letter.
    BankNotLoaded { bank: String },
    /// The loaded bank's question differs from the one answered: its choices are not named from it.
    BankDiffers { bank: String, question: String },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Skipped { file, why } => write!(f, "skipped `{}`: it {why}", file.display()),
            Note::Unnamed { file, name } => write!(
                f,
                "`{}` names no student; it is listed as `{name}`",
                file.display()
            ),
            Note::Duplicate {
                name,
                kept,
                skipped,
            } => write!(
                f,
                "{name} has more than one results file: skipped `{}`, kept the first attempt `{}`",
                skipped.display(),
                kept.display()
            ),
            Note::Incomplete {
                name,
                answered,
                planned,
            } => write!(
                f,
                "{name} answered {answered} of {planned} questions (the quiz was stopped early)"
            ),
            Note::MixedBankVersions { bank, versions } => {
                let list: Vec<String> = versions
                    .iter()
                    .map(|(v, n)| format!("{v} in {n} file{}", crate::text::plural_s(*n)))
                    .collect();
                write!(
                    f,
                    "bank `{bank}` differs between files: {}; compare like with like",
                    list.join(", ")
                )
            }
            Note::MixedSeeds { seeds } => write!(
                f,
                "the results come from {seeds} different seeds, so students may not have had the \
                 same questions"
            ),
            Note::QuestionChanged { bank, question } => write!(
                f,
                "question `{bank}/{question}` was changed between files; its statistics mix versions"
            ),
            Note::BankNotLoaded { bank } => write!(
                f,
                "bank `{bank}` is not loaded, so some choices are shown by letter (name it with --bank)"
            ),
            Note::BankDiffers { bank, question } => write!(
                f,
                "question `{bank}/{question}` in the loaded bank differs from the one answered; \
                 its choices are shown as recorded"
            ),
        }
    }
}
