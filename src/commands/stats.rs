//! `quiz stats`: progress per bank and tag, as pictures or JSON.

use super::output::say;
use super::{study, valid_banks};
use crate::bank::Bank;
use crate::cli::StatsArgs;
use crate::error::Error;
use crate::store::Store;
use crate::study::figures::{History, compute};
use crate::study::screen;

pub(super) fn stats(args: &StatsArgs) -> Result<i32, Error> {
    let mut banks = valid_banks(&args.banks)?;
    study::check_bank_ids(&banks, &args.bank_ids)?;
    if !args.bank_ids.is_empty() {
        banks.retain(|b| args.bank_ids.contains(&b.id));
    }
    let clock = study::clock()?;
    let now = clock.now();
    // Looking creates nothing: no database yet is an empty history.
    let history = match Store::open_to_read(&study::data_dir(&args.data)?)? {
        Some(store) => {
            let history = History::read(&store, &banks, now)?;
            study::warn_damaged(&store);
            study::warn_skipped(&store, &banks);
            history
        }
        None => History::default(),
    };
    let stats = compute(&banks, &history, now);
    if args.json {
        // Plain numbers, strings and dates: serialising cannot fail.
        say!(
            "{}",
            serde_json::to_string_pretty(&stats).unwrap_or_default()
        )?;
    } else {
        let screen = screen::stats_screen::render(&stats, &title(&banks), screen::width());
        super::output::print_out(screen.as_bytes())?;
    }
    Ok(0)
}

/// The bank's title, or how many banks: several titles would not fit on a line.
fn title(banks: &[Bank]) -> String {
    match banks {
        [bank] => bank.title.clone(),
        _ => format!("Progress on {} banks", banks.len()),
    }
}
