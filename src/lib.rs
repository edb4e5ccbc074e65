//! scenario-quiz: scenario-based quizzes in the terminal, with a cited source for every answer.
//!
//! The crate is built in layers, each using only those below it (`layers` lists them and a test
//! holds the code to them): `text`, `style`, `clock`, `error` and `files` at the foundation; `bank` reads
//! and validates quiz banks; `engine` plans, asks through its `Prompter` and grades a quiz;
//! `progress` is what a learner's answers to a question add up to (the store keeps it, the study
//! layer works it out); `results`, `store` and `study`, `report`, `export`, `import`, `authoring` and `lint` (how well
//! a valid bank is written) are built on the engine; the front ends `ui`, `present` and `host` (the live class) draw it; `cli` and `commands` tie it all to the
//! command line.
//!
//! The public modules are what the benchmarks, the examples and the end-to-end tests use; the
//! binary is [`run`].

mod authoring;
pub mod bank;
mod cli;
mod clock;
mod commands;
pub mod engine;
pub mod error;
mod export;
mod files;
mod hashing;
mod host;
pub mod import;
#[cfg(test)]
mod layers;
mod lint;
mod present;
mod progress;
mod report;
pub mod results;
mod store;
mod study;
mod style;
mod text;
mod ui;

pub use error::Error;
#[doc(hidden)]
pub use study::month::simulate_month;
#[doc(hidden)]
pub use study::simulate::record_study;

/// The `quiz` command: parses the command line, runs the command, reports an error.
pub fn run() -> std::process::ExitCode {
    use clap::Parser;
    use std::process::ExitCode;

    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(error) => {
            report(&error);
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
        }
    }
}

/// The one place errors reach the user.
fn report(error: &Error) {
    if let Error::InvalidBanks { shown, .. } | Error::NotExported { shown, .. } = error {
        eprint!("{shown}");
    }
    eprintln!("error: {error}");
}
