//! How each kind of question is graded, and how a seed fixes the quiz.

use proptest::prelude::*;
use scenario_quiz::bank::{self, Bank, BankFile};
use scenario_quiz::engine::{Filter, PlanOptions, Response, grade, plan};

/// A one-question bank; `answer_fields` are the kind-specific lines of the question.
fn bank_with(kind: &str, answer_fields: &str) -> Bank {
    let text = format!(
        "id: t\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, author: A}}\nquestions:\n  - id: q\n    kind: {kind}\n    prompt: P?\n    explanation: E.\n    source: {{id: s, section: X}}\n    points: 2\n{answer_fields}"
    );
    let loaded = bank::load(&[BankFile {
        origin: "t.yaml".into(),
        bytes: text.into_bytes(),
    }]);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks.into_iter().next().unwrap()
}

fn earned(bank: &Bank, response: &Response) -> f64 {
    grade(&bank.questions[0], response).earned
}

const MULTIPLE: &str = "    choices:\n      - {text: A, correct: true}\n      - {text: B, correct: true}\n      - {text: C, correct: true}\n      - {text: D}\n      - {text: E}\n";

#[test]
fn single_gives_all_or_nothing() {
    let bank = bank_with(
        "single",
        "    choices:\n      - {text: A}\n      - {text: B, correct: true}\n",
    );
    assert_eq!(earned(&bank, &Response::Choice(1)), 2.0);
    assert_eq!(earned(&bank, &Response::Choice(0)), 0.0);
}

#[test]
fn multiple_counts_right_picks_minus_wrong_picks_over_the_correct_count() {
    let bank = bank_with("multiple", MULTIPLE);
    let score = |picks: &[usize]| earned(&bank, &Response::Choices(picks.to_vec())) / 2.0;
    assert_eq!(score(&[0, 1, 2]), 1.0);
    assert!((score(&[0, 1]) - 2.0 / 3.0).abs() < 1e-9);
    assert!((score(&[0, 1, 2, 3]) - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(score(&[0, 3]), 0.0);
    assert_eq!(score(&[3, 4]), 0.0, "never below zero");
    assert_eq!(score(&[0, 0, 0]), 1.0 / 3.0, "a repeated pick counts once");
}

#[test]
fn true_false_compares_the_truth_value() {
    let bank = bank_with("true_false", "    answer: false\n");
    assert_eq!(earned(&bank, &Response::Bool(false)), 2.0);
    assert_eq!(earned(&bank, &Response::Bool(true)), 0.0);
}

#[test]
fn short_answers_forgive_case_accents_punctuation_spacing_and_one_typo() {
    let bank = bank_with("short", "    accept: [Pyongyang, North Korea's capital]\n");
    for typed in [
        "pyongyang",
        "  PYONGYANG ",
        "Pyŏngyang",
        "Pyongyang.",
        "Pyongyng",
        "Pyongayng",
        "north   korea’s capital",
    ] {
        assert_eq!(
            earned(&bank, &Response::Text(typed.into())),
            2.0,
            "typed {typed:?}"
        );
    }
    for typed in ["Pyongy", "Seoul", "Pyngyng"] {
        assert_eq!(
            earned(&bank, &Response::Text(typed.into())),
            0.0,
            "typed {typed:?}"
        );
    }
}

#[test]
fn short_answers_of_under_six_letters_or_marked_exact_forgive_no_typo() {
    let short = bank_with("short", "    accept: [Kursk]\n");
    assert_eq!(earned(&short, &Response::Text("kursk".into())), 2.0);
    assert_eq!(earned(&short, &Response::Text("Kurk".into())), 0.0);
    let exact = bank_with("short", "    accept: [Pyongyang]\n    accept_exact: true\n");
    assert_eq!(earned(&exact, &Response::Text("PYONGYANG".into())), 2.0);
    assert_eq!(earned(&exact, &Response::Text("Pyongyng".into())), 0.0);
}

#[test]
fn numeric_answers_count_within_an_absolute_or_percent_tolerance() {
    let absolute = bank_with("numeric", "    answer: 15000\n    tolerance: 500\n");
    assert_eq!(earned(&absolute, &Response::Number(15500.0)), 2.0);
    assert_eq!(earned(&absolute, &Response::Number(14500.0)), 2.0);
    assert_eq!(earned(&absolute, &Response::Number(15501.0)), 0.0);
    let percent = bank_with("numeric", "    answer: 2000\n    tolerance: \"10%\"\n");
    assert_eq!(earned(&percent, &Response::Number(2200.0)), 2.0);
    assert_eq!(earned(&percent, &Response::Number(2201.0)), 0.0);
    let exact = bank_with("numeric", "    answer: 0.3\n");
    assert_eq!(
        earned(&exact, &Response::Number(0.1 + 0.2)),
        2.0,
        "rounding noise is not an error"
    );
    assert_eq!(earned(&exact, &Response::Number(0.31)), 0.0);
}

#[test]
fn order_credits_each_item_in_its_place() {
    let bank = bank_with("order", "    items: [A, B, C, D]\n");
    let score = |order: &[usize]| earned(&bank, &Response::Order(order.to_vec())) / 2.0;
    assert_eq!(score(&[0, 1, 2, 3]), 1.0);
    assert_eq!(score(&[0, 1, 3, 2]), 0.5);
    assert_eq!(
        score(&[1, 2, 3, 0]),
        0.0,
        "shifted by one: nothing in its place"
    );
}

#[test]
fn match_credits_each_correct_pair() {
    let bank = bank_with(
        "match",
        "    pairs:\n      - {left: a, right: 1}\n      - {left: b, right: 2}\n      - {left: c, right: 3}\n",
    );
    let score = |rights: &[usize]| earned(&bank, &Response::Match(rights.to_vec())) / 2.0;
    assert_eq!(score(&[0, 1, 2]), 1.0);
    assert!((score(&[0, 2, 1]) - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(score(&[1, 2, 0]), 0.0);
}

#[test]
fn a_response_of_the_wrong_shape_earns_nothing() {
    let bank = bank_with("true_false", "    answer: true\n");
    assert_eq!(earned(&bank, &Response::Text("true".into())), 0.0);
}

#[test]
fn seed_42_gives_this_quiz_on_every_build() {
    let banks = crate::common::load(&[crate::common::fixture("basics.yaml")]);
    let options = PlanOptions {
        filter: Filter::default(),
        count: None,
        seed: 42,
        shuffle: true,
    };
    let asked: Vec<String> = plan(&banks, &options)
        .iter()
        .map(|p| format!("{}:{:?}", p.question.id, p.display))
        .collect();
    insta::assert_snapshot!(asked.join("\n"));
}

proptest! {
    #[test]
    fn every_grade_lies_between_nothing_and_full_points(picks in proptest::collection::vec(0usize..8, 0..8)) {
        let bank = bank_with("multiple", MULTIPLE);
        let points = earned(&bank, &Response::Choices(picks.clone()));
        prop_assert!((0.0..=2.0).contains(&points));
        let order = bank_with("order", "    items: [A, B, C, D]\n");
        let points = earned(&order, &Response::Order(picks));
        prop_assert!((0.0..=2.0).contains(&points));
    }

    #[test]
    fn numbers_typed_with_thousands_separators_read_back(n in 0u64..10_000_000_000) {
        let digits = n.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 { grouped.push(','); }
            grouped.push(c);
        }
        prop_assert_eq!(scenario_quiz::engine::parse_number(&grouped, None).ok(), Some(n as f64));
        prop_assert_eq!(scenario_quiz::engine::parse_number(&grouped.replace(',', " "), None).ok(), Some(n as f64));
    }
}
