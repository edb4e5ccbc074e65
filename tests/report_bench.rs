//! Benchmark, not a timed test: how long `quiz report` takes on a class of 1,000 results files.
//!
//! Run it on a release build (bench/report does exactly this):
//!
//! ```text
//! cargo test --release --test main report_bench -- --ignored --nocapture
//! ```

use std::time::Instant;

use crate::common::{Quiz, class};

const STUDENTS: usize = 1_000;
const RUNS: usize = 5;

#[test]
#[ignore = "a benchmark: run it on a release build, see the module comment"]
fn report_on_a_thousand_results_files() {
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), STUDENTS, 1);
    let html = dir.path().join("report.html");
    let csv = dir.path().join("report.csv");
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let report = Quiz::new(&["report"])
            .arg(dir.path())
            .args(["--bank", class::BANK, "--html"])
            .arg(&html)
            .arg("--csv")
            .arg(&csv)
            .in_crate_root();
        let started = Instant::now();
        report.run().succeeds();
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "quiz report on {STUDENTS} results files (terminal + HTML + CSV), {RUNS} runs: \
         fastest {:.3} s, median {:.3} s, slowest {:.3} s ({} build)",
        times[0],
        times[RUNS / 2],
        times[RUNS - 1],
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
}
