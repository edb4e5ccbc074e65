//! Writes a bank of N questions (default 10,000), cycling through every kind, for benchmarks.
//!
//! cargo run --release --example make_big_bank -- /tmp/big.yaml 10000

use std::fmt::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "big-bank.yaml".into());
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let mut yaml = String::from(
        "id: big\ntitle: Benchmark bank\nversion: 1\nsources:\n  - {id: src, title: Generated, author: Benchmark}\n\
         scenarios:\n  - {id: sc, title: A scenario, text: Some situation.}\nquestions:\n",
    );
    for i in 0..count {
        question(&mut yaml, i);
    }
    std::fs::write(&path, yaml).expect("the bank is written");
    eprintln!("wrote {count} questions to {path}");
}

/// `n` words picked from a small vocabulary by a hash of `seed`: texts that differ from each other
/// as real prompts do, so the bank raises no near-duplicate warnings.
fn words(seed: usize, n: usize) -> String {
    const VOCABULARY: [&str; 32] = [
        "treaty",
        "signed",
        "ratified",
        "troops",
        "border",
        "region",
        "missile",
        "economy",
        "labour",
        "sanctions",
        "alliance",
        "defence",
        "article",
        "charter",
        "summit",
        "council",
        "report",
        "agency",
        "estimate",
        "figure",
        "date",
        "month",
        "capital",
        "leader",
        "trade",
        "energy",
        "food",
        "currency",
        "workers",
        "shells",
        "rockets",
        "technology",
    ];
    let mut state = seed as u64 ^ 0x9E37_79B9_7F4A_7C15;
    let mut text = Vec::with_capacity(n);
    for _ in 0..n {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push(VOCABULARY[(state >> 59) as usize]);
    }
    let mut text = text.join(" ");
    text[..1].make_ascii_uppercase();
    text
}

fn question(yaml: &mut String, i: usize) {
    let kinds = [
        "single",
        "multiple",
        "true_false",
        "short",
        "numeric",
        "order",
        "match",
    ];
    let kind = kinds[i % kinds.len()];
    let _ = write!(
        yaml,
        "  - id: q{i}\n    kind: {kind}\n    prompt: {}?\n\
         \x20   explanation: {}.\n    source: {{id: src, section: Section {}}}\n\
         \x20   tags: [t{}, all]\n    difficulty: {}\n",
        words(i, 9),
        words(i.wrapping_mul(7919) + 13, 12),
        i % 20,
        i % 30,
        i % 3 + 1
    );
    if i.is_multiple_of(4) {
        yaml.push_str("    scenario: sc\n");
    }
    // Answers vary as in a real bank: true and false alike, one to three right choices, and
    // pairs of their own, so the bank raises no warning and `quiz check` times the lints alone.
    let round = i / kinds.len();
    let answer = match kind {
        "single" => "    choices:\n      - {text: Right, correct: true}\n      - {text: Wrong, why: Not so.}\n      - {text: Other, why: No.}\n".to_string(),
        "multiple" => {
            let right = |n: usize| if round % 3 >= n { "correct: true" } else { "why: No." };
            format!(
                "    choices:\n      - {{text: A, correct: true}}\n      - {{text: B, {}}}\n      - {{text: C, {}}}\n      - {{text: D, why: No.}}\n",
                right(1),
                right(2)
            )
        }
        "true_false" => format!("    answer: {}\n", round.is_multiple_of(2)),
        "short" => "    accept: [Kursk, Kursk region]\n".to_string(),
        "numeric" => format!("    answer: {}\n    tolerance: \"5%\"\n    unit: soldiers\n", 1000 + i),
        "order" => "    items: [First, Second, Third, Fourth]\n".to_string(),
        _ => format!("    pairs:\n      - {{left: a{i}, right: x{i}}}\n      - {{left: b{i}, right: y{i}}}\n      - {{left: c{i}, right: z{i}}}\n"),
    };
    yaml.push_str(&answer);
}
