//! Fills a progress database with simulated answers to a bank, through quiz's own writer, for the
//! benchmark `bench/study`. Prints the mean time in ms to record each of the last 1,000 answers.
//!
//! cargo run --release --example record_study -- BANK.yaml DATA_DIR ANSWERS

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bank, dir, count] = args.as_slice() else {
        eprintln!("usage: record_study BANK.yaml DATA_DIR ANSWERS");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse() else {
        eprintln!("ANSWERS must be a number, not `{count}`");
        return ExitCode::from(2);
    };
    match scenario_quiz::record_study(&PathBuf::from(bank), &PathBuf::from(dir), count) {
        Ok(each) => {
            println!("{:.2}", each.as_secs_f64() * 1000.0);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
