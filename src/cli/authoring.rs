//! Arguments of the commands for writing and converting banks.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::BankArgs;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    /// Exit 1 on warnings too, not only on errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// How to print the diagnostics: text for people, json for editors and CI
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Look up every cited section and locator in this source text (ID=FILE: only the citations of
    /// source ID); repeat for several sources
    #[arg(long = "source", value_name = "[ID=]FILE")]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The bank file to write, e.g. water-cycle.yaml (its name gives the bank id)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The bank's title (default: from the file name)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}
