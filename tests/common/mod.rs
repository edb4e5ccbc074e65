//! Shared test tools: the builder that runs `quiz` like a user would, the fixtures, and the
//! keystrokes that answer a planned quiz right or wrong.

use std::path::{Path, PathBuf};

use scenario_quiz::bank::{self, AnswerKey, Bank, BankFile};
use scenario_quiz::engine::{Filter, PlanOptions, Planned, plan};

/// A generated class of results files, for the report tests.
pub(crate) mod class;
pub(crate) mod live;
mod quiz;
#[cfg(unix)]
pub(crate) mod screen;

pub(crate) use quiz::{Quiz, Run, wait_for_line};

pub(crate) fn fixture(name: &str) -> PathBuf {
    quiz::crate_root().join("tests/fixtures").join(name)
}

pub(crate) fn load(paths: &[PathBuf]) -> Vec<Bank> {
    let files: Vec<BankFile> = if paths.is_empty() {
        bank::built_in_files()
    } else {
        bank::read_files(paths).expect("bank files")
    };
    let loaded = bank::load(&files);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks
}

pub(crate) fn planned(banks: &[Bank], seed: u64) -> Vec<Planned<'_>> {
    plan(
        banks,
        &PlanOptions {
            filter: Filter::default(),
            count: None,
            seed,
            shuffle: true,
        },
    )
}

fn shown_at(planned: &Planned, author_index: usize) -> usize {
    planned
        .display
        .iter()
        .position(|&i| i == author_index)
        .expect("every part is shown")
}

fn letter(i: usize) -> char {
    (b'a' + i as u8) as char
}

/// The line that answers a question perfectly in plain mode.
pub(crate) fn right_answer(planned: &Planned) -> String {
    match &planned.question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| (shown_at(planned, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(","),
        AnswerKey::TrueFalse { answer } => if *answer { "t" } else { "f" }.into(),
        AnswerKey::Short { accept, .. } => accept[0].clone(),
        AnswerKey::Numeric { answer, .. } => answer.to_string(),
        AnswerKey::Order { items } => (0..items.len())
            .map(|i| (shown_at(planned, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        AnswerKey::Match { pairs } => (0..pairs.len())
            .map(|i| format!("{}{}", i + 1, letter(shown_at(planned, i))))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The line that earns nothing: wrong choices only, the other truth value, an order and a
/// matching in which nothing is in its place.
pub(crate) fn wrong_answer(planned: &Planned) -> String {
    let n = |len: usize, shift: usize| (0..len).map(move |i| (i + shift) % len);
    match &planned.question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            let wrong = choices
                .iter()
                .position(|c| !c.correct)
                .expect("a wrong choice");
            (shown_at(planned, wrong) + 1).to_string()
        }
        AnswerKey::TrueFalse { answer } => if *answer { "f" } else { "t" }.into(),
        AnswerKey::Short { .. } => "qqqqqqqqqq".into(),
        AnswerKey::Numeric { answer, .. } => (answer.abs() * 10.0 + 1000.0).to_string(),
        AnswerKey::Order { items } => n(items.len(), 1)
            .map(|i| (shown_at(planned, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        AnswerKey::Match { pairs } => n(pairs.len(), 1)
            .enumerate()
            .map(|(left, right)| format!("{}{}", left + 1, letter(shown_at(planned, right))))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The keystrokes that answer every question of `banks`, planned with `seed`, right or wrong.
pub(crate) fn answer_lines(banks: &[Bank], seed: u64, right: bool) -> Vec<String> {
    let answer = if right { right_answer } else { wrong_answer };
    planned(banks, seed).iter().map(answer).collect()
}

/// What a user sees of `quiz ARGS…` run from the crate root: exit code, stdout and stderr.
pub(crate) fn seen(args: &[&str]) -> String {
    Quiz::new(args).in_crate_root().run().seen()
}

/// As [`seen`], run in `dir`.
pub(crate) fn seen_in(args: &[&str], dir: &Path) -> String {
    Quiz::new(args).in_dir(dir).run().seen()
}

/// The path of a fixture, relative to the crate root (how the tests name files).
pub(crate) const FIXTURES: &str = "tests/fixtures/authoring";

/// `quiz play ARGS… basics.yaml`.
pub(crate) fn play_basics(args: &[&str]) -> Quiz {
    Quiz::new(&["play"]).args(args).arg(fixture("basics.yaml"))
}
