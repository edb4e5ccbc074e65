//! One module per subcommand; `run` dispatches and returns the process exit code.

mod check;
mod check_sarif;
mod docs;
mod export;
mod history;
mod host;
mod import;
mod list;
mod new;
mod output;
mod play;
mod present;
mod report;
mod results_out;
mod review;
mod schema;
mod stats;
mod study;
mod walk;

use crate::bank::{self, Bank, BankFile};
use crate::cli::{BankArgs, Cli, Command, Count, FilterArgs};
use crate::engine::{Filter, PlanOptions};
use crate::error::Error;

pub(crate) fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Play(args) => play::play(&args),
        Command::List(args) => list::list(&args),
        Command::Check(args) => check::check(&args),
        Command::Review(args) => review::review(&args),
        Command::Stats(args) => stats::stats(&args),
        Command::History(args) => history::history(&args),
        Command::Report(args) => report::report(&args),
        Command::Present(args) => present::present(&args),
        Command::Host(args) => host::host(&args),
        Command::New(args) => new::new(&args),
        Command::Export(args) => export::export(&args),
        Command::Import(args) => import::import(&args),
        Command::Schema => schema::schema(),
        Command::Completions(args) => docs::completions(&args),
        Command::Man(args) => docs::man(&args),
    }
}

/// The files named, or the built-in banks when none are.
fn bank_files(args: &BankArgs) -> Result<Vec<BankFile>, Error> {
    if args.banks.is_empty() {
        Ok(bank::built_in_files())
    } else {
        bank::read_files(&args.banks)
    }
}

/// Banks that are free of errors, or every problem found.
fn valid_banks(args: &BankArgs) -> Result<Vec<Bank>, Error> {
    valid_bank_files(&bank_files(args)?)
}

/// The banks of `files`, if they are free of errors; every problem found if not.
fn valid_bank_files(files: &[BankFile]) -> Result<Vec<Bank>, Error> {
    let loaded = bank::load(files);
    if loaded.has_errors() {
        return Err(Error::invalid_banks(
            &loaded.problems,
            files,
            crate::style::colours_on_stderr(),
        ));
    }
    Ok(loaded.banks)
}

/// The same plan as `quiz play` makes from the same filters and seed.
pub(super) fn plan_options(args: &FilterArgs, seed: u64) -> PlanOptions {
    PlanOptions {
        filter: Filter {
            tags: args.tags.clone(),
            difficulty: args.difficulty.clone(),
            kinds: args.kinds.clone(),
        },
        count: match args.count {
            Some(Count::AtMost(n)) => Some(n as usize),
            Some(Count::All) | None => None,
        },
        seed,
        shuffle: !args.no_shuffle,
    }
}

/// The filters in words, for "no question matches …".
pub(super) fn describe_filter(args: &FilterArgs) -> String {
    let mut parts = Vec::new();
    if !args.tags.is_empty() {
        parts.push(format!("tag {}", args.tags.join(" or ")));
    }
    if let Some(d) = &args.difficulty {
        parts.push(format!("difficulty {}..{}", d.start(), d.end()));
    }
    if !args.kinds.is_empty() {
        let kinds: Vec<&str> = args.kinds.iter().map(|k| k.name()).collect();
        parts.push(format!("kind {}", kinds.join(" or ")));
    }
    if parts.is_empty() {
        "(the banks have no questions)".into()
    } else {
        format!(
            "{} (see `quiz list` for the tags and kinds there are)",
            parts.join(", ")
        )
    }
}
