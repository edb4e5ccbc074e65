//! The options of the commands that study over time: review, stats and history.

use std::path::PathBuf;

use clap::Args;

use super::{BadValue, BankArgs, RETENTION};
use crate::study::queue::{NEW_PER_DAY, REVIEW_COUNT};

#[derive(Debug, Clone, Default, Args)]
pub(crate) struct DataArgs {
    /// Folder of the progress database [default: $QUIZ_DATA_DIR, else the platform's data folder]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    /// Ask at most N questions
    #[arg(short = 'n', long, value_name = "N", default_value_t = REVIEW_COUNT,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub count: u32,

    /// At most N questions seen for the first time per day (in play or review)
    #[arg(long = "new", value_name = "N", default_value_t = NEW_PER_DAY)]
    pub new_per_day: u32,

    /// Only questions of the bank with this id (repeat for several)
    #[arg(short, long = "bank", value_name = "ID")]
    pub bank_ids: Vec<String>,

    /// Only questions with this tag (repeat for any of several)
    #[arg(short, long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// After each answer, say how sure you are (1 guessing, 2 fairly sure, 3 certain): certainty-based
    /// marks beside the score, and the review's rating from it [default: on when QUIZ_CONFIDENCE=1]
    #[arg(long)]
    pub confidence: bool,

    /// Only the questions whose last answer was wrong or partly right
    #[arg(long, conflicts_with = "ahead")]
    pub mistakes: bool,

    /// Add the questions missed in a class or an exam (its results file, as `quiz host` and
    /// `quiz play --exam --out` write them) to your review as recent mistakes; repeat for several
    #[arg(long, value_name = "RESULTS", conflicts_with_all = ["mistakes", "ahead", "optimize"])]
    pub add: Vec<std::path::PathBuf>,

    /// Study ahead: after anything due, the N questions closest to falling due (no new
    /// questions and no mistakes)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub ahead: Option<u32>,

    /// Desired retention: the chance of still knowing an answer when it falls due, from 0.7
    /// (fewer reviews, more forgotten) to 0.97 (many more reviews)
    #[arg(long, value_name = "R", default_value_t = 0.9, value_parser = retention)]
    pub retention: f64,

    /// Seed for the choice order [default: the current time]
    #[arg(short, long, value_name = "N")]
    pub seed: Option<u64>,

    /// Plain numbered prompts read line by line (automatic when not on a terminal)
    #[arg(long)]
    pub plain: bool,

    /// Fit the scheduler to your own answers to the banks and keep it; ask nothing
    #[arg(long)]
    pub optimize: bool,

    #[command(flatten)]
    pub data: DataArgs,
}

fn retention(text: &str) -> Result<f64, BadValue> {
    let (low, high) = RETENTION;
    match text.parse::<f64>() {
        Ok(r) if (low..=high).contains(&r) => Ok(r),
        _ => Err(BadValue::Retention),
    }
}

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    /// Only the bank with this id (repeat for several)
    #[arg(short, long = "bank", value_name = "ID")]
    pub bank_ids: Vec<String>,

    /// Print the numbers as JSON, for scripts
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// Delete the recorded answers (all, or those of --bank)
    #[arg(long)]
    pub clear: bool,

    /// Only the answers to the bank with this id
    #[arg(short, long, value_name = "ID")]
    pub bank: Option<String>,

    /// Do not ask for confirmation (needed when input is not a terminal)
    #[arg(short, long)]
    pub yes: bool,

    #[command(flatten)]
    pub data: DataArgs,
}
