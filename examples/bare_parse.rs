//! The floor for `quiz check`: parsing a bank with serde-saphyr into the bank's own raw types,
//! with the same parser limits, and nothing else. Prints the best of N runs in milliseconds.
//!
//! cargo run --release --example bare_parse -- /tmp/big.yaml 10

use std::time::Instant;

use scenario_quiz::bank::format::RawBank;
use scenario_quiz::bank::load::parse_options;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a bank file");
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let mut best = f64::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        let text = std::fs::read_to_string(&path).expect("a readable bank");
        let bank: RawBank =
            serde_saphyr::from_str_with_options(&text, parse_options()).expect("a valid bank");
        assert!(!bank.questions.is_empty());
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!("{best:.1}");
}
