//! Arguments of the commands for writing and converting banks.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::BankArgs;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    /// Exit 1 on warnings too, not only on errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// How to print the diagnostics: text for people, json for editors and scripts, sarif (SARIF
    /// 2.1.0) for CI code scanning
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Look up every cited section and locator in this source text (ID=FILE: only the citations of
    /// source ID); repeat for several sources
    #[arg(long = "source", value_name = "[ID=]FILE")]
    pub sources: Vec<String>,

    /// Also report, for each --source, how many questions cite each of its sections and which of
    /// its figures, dates and quoted phrases no question asks about or explains
    #[arg(long, requires = "sources")]
    pub coverage: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The bank file to write, e.g. water-cycle.yaml (its name gives the bank id)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The bank's title (default: from the file name)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,

    /// A starter bank with one small branching scenario instead: decisions that lead on to
    /// other steps and to endings
    #[arg(long)]
    pub branching: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The format to write
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,

    #[command(flatten)]
    pub banks: BankArgs,

    /// Write to FILE instead of standard output (markdown also writes FILE's answer key beside
    /// it, named with `-key`: sheet.md and sheet-key.md)
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Moodle's GIFT (every kind; order needs Moodle's ordering question type)
    Gift,
    /// Aiken, for Moodle and other LMSs (single-choice questions only)
    Aiken,
    /// Anki notes, tab-separated, one deck per bank
    Anki,
    /// A printable worksheet and its answer key; branching scenarios as a gamebook
    Markdown,
    /// Twine's Twee 3 text (SugarCube): the branching scenarios as an interactive story
    Twee,
    /// Moodle XML, every kind (order as Moodle's ordering question)
    MoodleXml,
    /// One bank of our own format for `quiz play` and `quiz review` (several banks merged;
    /// branching scenarios left out)
    Yaml,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Gift => crate::export::Format::Gift,
            ExportFormat::Aiken => crate::export::Format::Aiken,
            ExportFormat::Anki => crate::export::Format::Anki,
            ExportFormat::Markdown => crate::export::Format::Markdown,
            ExportFormat::Twee => crate::export::Format::Twee,
            ExportFormat::MoodleXml => crate::export::Format::MoodleXml,
            ExportFormat::Yaml => crate::export::Format::Yaml,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The format of FILE
    #[arg(value_enum, value_name = "FORMAT")]
    pub format: ImportFormat,

    /// The file to read
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write the bank to OUT.yaml instead of standard output
    #[arg(short, long, value_name = "OUT.yaml")]
    pub out: Option<PathBuf>,

    /// Replace OUT.yaml if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFormat {
    /// Moodle's GIFT
    Gift,
    /// Aiken (single-choice questions), read as Moodle reads it
    Aiken,
    /// Moodle XML, as Moodle exports it
    MoodleXml,
}

impl ImportFormat {
    /// The name on the command line, as in `quiz import NAME`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ImportFormat::Gift => "gift",
            ImportFormat::Aiken => "aiken",
            ImportFormat::MoodleXml => "moodle-xml",
        }
    }

    /// What a file of this format is called in messages.
    pub(crate) fn file_kind(self) -> &'static str {
        match self {
            ImportFormat::Gift => "GIFT file",
            ImportFormat::Aiken => "Aiken file",
            ImportFormat::MoodleXml => "Moodle XML file",
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write a page per command (quiz.1, quiz-play.1, …) into DIR instead of printing quiz.1
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}
