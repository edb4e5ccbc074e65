use std::process::ExitCode;

use clap::Parser;
use scenario_quiz::{Error, cli::Cli, commands};

fn main() -> ExitCode {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(error) => {
            report(&error);
            ExitCode::from(error.exit_code() as u8)
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
