//! A month of study of the built-in banks by a simulated learner with a fixed model, through
//! quiz's own review queue, recorder and scheduler (see `src/study/month.rs` for the model).
//! Prints reviews per day, true retention and the calibration table, as the README shows them.
//!
//! cargo run --release --example study_month -- DATA_DIR [SEED]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, seed) = match args.as_slice() {
        [dir] => (dir, Ok(1)),
        [dir, seed] => (dir, seed.parse::<u64>().map_err(|_| seed)),
        _ => {
            eprintln!("usage: study_month DATA_DIR [SEED]");
            return ExitCode::from(2);
        }
    };
    let Ok(seed) = seed else {
        eprintln!("SEED must be a number");
        return ExitCode::from(2);
    };
    match scenario_quiz::simulate_month(&PathBuf::from(dir), seed) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
