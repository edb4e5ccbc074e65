//! The options of the commands that keep the learner's progress.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Clone, Default, Args)]
pub struct DataArgs {
    /// Folder of the progress database [default: $QUIZ_DATA_DIR, else the platform's data folder]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}
