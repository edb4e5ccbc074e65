//! `quiz history`: how many answers are recorded, and deleting them.

use super::output::say;
use std::io::IsTerminal;

use super::study;
use crate::cli::HistoryArgs;
use crate::error::Error;
use crate::store::Store;
use crate::text::count;
use crate::ui::confirm::confirm;

pub(super) fn history(args: &HistoryArgs) -> Result<i32, Error> {
    let dir = study::data_dir(&args.data)?;
    let opened = if args.clear {
        Store::open_existing(&dir)?
    } else {
        Store::open_to_read(&dir)?
    };
    let Some(store) = opened else {
        say!(
            "No progress recorded yet (no database in {}).",
            dir.display()
        )?;
        return Ok(0);
    };
    if args.clear {
        clear(&store, args)
    } else {
        show(&store, args)
    }
}

fn show(store: &Store, args: &HistoryArgs) -> Result<i32, Error> {
    say!("Progress database: {}", store.path().display())?;
    let counts = store.count_by_bank()?;
    study::warn_damaged(store);
    let shown: Vec<&(String, u64)> = counts
        .iter()
        .filter(|(bank, _)| args.bank.as_ref().is_none_or(|b| b == bank))
        .collect();
    if shown.is_empty() {
        say!("No answers recorded.")?;
    }
    for (bank, n) in shown {
        say!("  {bank}: {}", count(*n as usize, "answer"))?;
    }
    Ok(0)
}

fn clear(store: &Store, args: &HistoryArgs) -> Result<i32, Error> {
    let bank = args.bank.as_deref();
    let of_bank = bank.map(|b| format!(" of bank `{b}`")).unwrap_or_default();
    let n = store.count(bank)? as usize;
    if n == 0 {
        say!("No answers{of_bank} recorded; nothing to delete.")?;
        return Ok(0);
    }
    let what = format!("{}{of_bank}", count(n, "recorded answer"));
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Usage(format!(
                "not deleting {what} without confirmation; input is not a terminal, so add --yes"
            )));
        }
        let question = format!(
            "Delete {what} from {}? This cannot be undone",
            store.path().display()
        );
        // Ctrl-C at the question ends the command at once: nothing has been deleted yet.
        crate::ui::interrupt::install();
        crate::ui::interrupt::wake_on_interrupt(|| {
            eprintln!();
            // Through the one route to standard output: a closed pipe is no panic here either.
            let _ = say!("Nothing deleted.");
            std::process::exit(crate::ui::interrupt::INTERRUPTED_EXIT);
        });
        match confirm(&question) {
            Ok(true) => {}
            Ok(false) => {
                say!("Nothing deleted.")?;
                return Ok(0);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                say!("Nothing deleted.")?;
                return Ok(crate::ui::interrupt::INTERRUPTED_EXIT);
            }
            Err(e) => return Err(Error::Terminal(e)),
        }
    }
    let deleted = store.clear(bank)? as usize;
    say!("Deleted {}{of_bank}.", count(deleted, "answer"))?;
    Ok(0)
}
