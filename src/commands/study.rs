//! What the study commands share: the clock, the data folder and the one warning.

use std::path::PathBuf;

use crate::bank::Bank;
use crate::cli::DataArgs;
use crate::clock::{self, Clock};
use crate::error::Error;
use crate::store::{self, Sitting, Store, StoreError};
use crate::study::recorder::Recorder;

/// The setting that asks for confidence by default: `QUIZ_CONFIDENCE=1`.
pub(crate) const CONFIDENCE_VAR: &str = "QUIZ_CONFIDENCE";

/// Whether to ask how sure the learner is: `--confidence`, else `QUIZ_CONFIDENCE` (1, yes or
/// true for on; 0, no, false or empty for off).
pub(super) fn confidence_asked(flag: bool) -> Result<bool, Error> {
    if flag {
        return Ok(true);
    }
    let setting = std::env::var(CONFIDENCE_VAR).unwrap_or_default();
    match setting.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Ok(true),
        "" | "0" | "no" | "false" | "off" => Ok(false),
        other => Err(Error::Usage(format!(
            "{CONFIDENCE_VAR} is `{}`; set it to 1 to be asked how sure you are, or 0 not to be",
            crate::text::for_terminal(other)
        ))),
    }
}

/// The system clock, or the instant in `QUIZ_NOW`.
pub(super) fn clock() -> Result<Box<dyn Clock>, Error> {
    let setting = std::env::var(clock::NOW_VAR).ok();
    clock::from_setting(setting.as_deref()).map_err(|bad| Error::Usage(bad.to_string()))
}

pub(super) fn data_dir(args: &DataArgs) -> Result<PathBuf, StoreError> {
    let env = std::env::var_os(store::DATA_DIR_VAR);
    store::data_dir(args.data_dir.as_deref(), env).ok_or(StoreError::NoDataDir)
}

pub(super) fn open(args: &DataArgs) -> Result<Store, StoreError> {
    Store::open(&data_dir(args)?)
}

/// Says how many rows of these banks in the progress database could not be read and were left
/// out.
pub(super) fn warn_skipped(store: &Store, banks: &[Bank]) {
    let bank_ids: Vec<&str> = banks.iter().map(|b| b.id.as_str()).collect();
    let skipped = store.unreadable_rows(&bank_ids).unwrap_or(0);
    if skipped > 0 {
        warn(&format!(
            "{} of `{}` could not be read and {} left out",
            crate::text::count(skipped as usize, "row"),
            store.path().display(),
            if skipped == 1 { "was" } else { "were" }
        ));
    }
}

/// After reading a damaged database only to look (`stats`, `history`): what was shown is what
/// could still be read of it.
pub(super) fn warn_damaged(store: &Store) {
    if let Some(detail) = store.damage_met() {
        warn(&format!(
            "`{}` is damaged ({detail}); what is left of it is shown. Move it aside to start a \
             new one",
            store.path().display()
        ));
    }
}

/// Printed once per run when progress cannot be saved; the quiz goes on.
pub(super) fn warn(message: &str) {
    eprintln!("warning: {message}");
}

/// The recorder of a quiz: on `save`, the store in the data folder; otherwise nothing.
pub(super) fn recorder<'c>(
    args: &DataArgs,
    save: bool,
    mode: Sitting,
    clock: &'c dyn Clock,
) -> Recorder<'c> {
    if save {
        Recorder::new(open(args), mode, clock, warn)
    } else {
        Recorder::off(clock)
    }
}

/// Refuses bank ids that none of the loaded banks has, naming the ones there are.
pub(super) fn check_bank_ids(banks: &[crate::bank::Bank], ids: &[String]) -> Result<(), Error> {
    for id in ids {
        if !banks.iter().any(|b| &b.id == id) {
            let known: Vec<&str> = banks.iter().map(|b| b.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "no bank has the id `{id}`; the banks loaded are: {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}
