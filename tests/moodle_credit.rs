//! Multiple-answer questions imported from GIFT earn in `quiz play` what Moodle gives for them:
//! Moodle adds up the weights of the ticked answers and keeps the total between 0 and 100%.

use scenario_quiz::bank::{self, Bank, BankFile};
use scenario_quiz::engine::{Response, grade};

/// The GIFT imported and loaded as `quiz play` would load the written bank.
fn imported(gift: &str) -> Bank {
    let imported = scenario_quiz::import::gift::import(gift, "moodle.gift");
    assert!(
        imported.notices.iter().all(|n| !n.error),
        "{:?}",
        imported.notices
    );
    let yaml = serde_saphyr::to_string(&imported.bank).unwrap();
    let loaded = bank::load(&[BankFile {
        origin: "moodle.yaml".into(),
        bytes: yaml.clone().into_bytes(),
    }]);
    assert!(!loaded.has_errors(), "{:#?}\n{yaml}", loaded.problems);
    loaded.banks.into_iter().next().unwrap()
}

/// The share of the points ticking `picks` (by the answers' text) earns.
fn credit(bank: &Bank, picks: &[&str]) -> f64 {
    let q = &bank.questions[0];
    let scenario_quiz::bank::AnswerKey::Multiple { choices, .. } = &q.key else {
        panic!("not a multiple-answer question: {:?}", q.key);
    };
    let indices = picks
        .iter()
        .map(|p| choices.iter().position(|c| c.text == *p).unwrap())
        .collect();
    grade(q, &Response::Choices(indices)).fraction()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn grants_tomb_ticking_every_answer_earns_all_as_in_moodle() {
    let bank = imported(
        "What two people are entombed in Grant's tomb? {\n~No one\n~%50%Grant\n~%50%Grant's wife\n~Grant's father\n}\n",
    );
    let all = ["No one", "Grant", "Grant's wife", "Grant's father"];
    assert!(close(credit(&bank, &all), 1.0));
    assert!(close(credit(&bank, &["Grant", "Grant's wife"]), 1.0));
    assert!(close(credit(&bank, &["Grant"]), 0.5));
    assert!(close(credit(&bank, &["No one"]), 0.0));
}

#[test]
fn a_penalty_of_a_whole_takes_everything_the_right_answers_earned() {
    let bank =
        imported("Which colours are warm? {~%50%yellow ~%-100%red ~%50%off-beige ~%-100%blue}\n");
    assert!(close(credit(&bank, &["yellow", "off-beige", "red"]), 0.0));
    assert!(close(credit(&bank, &["yellow", "off-beige"]), 1.0));
    assert!(close(credit(&bank, &["yellow"]), 0.5));
}

#[test]
fn a_penalty_of_a_half_leaves_half() {
    let bank = imported("Which is yellow? {~%100%yellow ~%-50%red ~%-50%blue}\n");
    assert!(close(credit(&bank, &["yellow", "red"]), 0.5));
    assert!(close(credit(&bank, &["yellow", "red", "blue"]), 0.0));
    assert!(close(credit(&bank, &["yellow"]), 1.0));
}

#[test]
fn thirds_add_up_to_the_whole() {
    let bank = imported("Which are primes? {~%33.33333%2 ~%33.33333%3 ~%33.33333%5 ~%-100%4}\n");
    assert!(close(credit(&bank, &["2", "3", "5"]), 1.0));
    assert!(close(credit(&bank, &["2", "3", "5", "4"]), 0.0));
}

#[test]
fn the_written_bank_says_moodle_scoring_and_only_the_weights_that_differ() {
    let imported = scenario_quiz::import::gift::import(
        "Which colours are warm? {~%50%yellow ~%-100%red ~%50%off-beige ~%-100%blue}\n",
        "moodle.gift",
    );
    let yaml = serde_saphyr::to_string(&imported.bank).unwrap();
    assert!(yaml.contains("scoring: moodle"), "{yaml}");
    assert!(yaml.contains("weight: -100"), "{yaml}");
    assert!(
        !yaml.contains("weight: 50"),
        "equal shares are the default: {yaml}"
    );
}

#[test]
fn the_default_scoring_is_unchanged_and_moodle_scoring_can_be_set_for_a_whole_bank() {
    let text = |defaults: &str| {
        format!(
            "id: t\ntitle: T\nversion: 1\n{defaults}sources:\n  - {{id: s, title: S, author: A}}\nquestions:\n  - id: q\n    kind: multiple\n    prompt: P?\n    explanation: E.\n    source: {{id: s, section: X}}\n    choices:\n      - {{text: a, correct: true}}\n      - {{text: b, correct: true}}\n      - {{text: c}}\n      - {{text: d}}\n"
        )
    };
    let load = |yaml: String| {
        let loaded = bank::load(&[BankFile {
            origin: "t.yaml".into(),
            bytes: yaml.into_bytes(),
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks.into_iter().next().unwrap()
    };
    let plain = load(text(""));
    let moodle = load(text("defaults:\n  scoring: moodle\n"));
    let every = ["a", "b", "c", "d"];
    assert!(close(credit(&plain, &every), 0.0));
    assert!(close(credit(&moodle, &every), 1.0));
    assert!(close(credit(&plain, &["a", "c"]), 0.0));
    assert!(close(credit(&moodle, &["a", "c"]), 0.5));
}

#[test]
fn weights_that_do_not_fit_are_errors_with_the_question_and_a_hint() {
    let load = |question: &str| {
        let yaml = format!(
            "id: t\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, author: A}}\nquestions:\n  - id: q\n    kind: multiple\n    prompt: P?\n    explanation: E.\n    source: {{id: s, section: X}}\n{question}"
        );
        let loaded = bank::load(&[BankFile {
            origin: "t.yaml".into(),
            bytes: yaml.into_bytes(),
        }]);
        loaded
            .problems
            .iter()
            .map(|p| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let without_scoring =
        load("    choices:\n      - {text: a, correct: true, weight: 100}\n      - {text: b}\n");
    assert!(
        without_scoring.contains("scoring: moodle"),
        "{without_scoring}"
    );
    let positive_wrong = load(
        "    scoring: moodle\n    choices:\n      - {text: a, correct: true}\n      - {text: b, weight: 50}\n",
    );
    assert!(positive_wrong.contains("does not fit"), "{positive_wrong}");
    let short = load(
        "    scoring: moodle\n    choices:\n      - {text: a, correct: true, weight: 50}\n      - {text: b, correct: true, weight: 40}\n      - {text: c}\n",
    );
    assert!(short.contains("add up to 90%"), "{short}");
    let unknown = load(
        "    scoring: moodel\n    choices:\n      - {text: a, correct: true}\n      - {text: b}\n",
    );
    assert!(unknown.contains("right_minus_wrong, moodle"), "{unknown}");
}

/// The paper key and the GIFT export say what each tick is worth under Moodle's scoring.
#[test]
fn the_key_and_the_gift_export_give_each_ticks_weight() {
    let bank = "id: m\ntitle: M\nversion: 1\nsources: [{id: s, title: S, author: A}]\n\
        questions:\n  - id: warm\n    kind: multiple\n    scoring: moodle\n    shuffle: false\n\
        \x20   prompt: Warm?\n    choices:\n      - {text: yellow, correct: true}\n\
        \x20     - {text: red, weight: -100}\n      - {text: off-beige, correct: true}\n\
        \x20     - {text: blue}\n    explanation: E.\n    source: {id: s, section: X}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.yaml");
    std::fs::write(&path, bank).unwrap();
    let export = |format: &str| {
        crate::common::Quiz::new(&["export", "--format", format, path.to_str().unwrap()])
            .run()
            .succeeds()
            .stdout
            .clone()
    };
    let key = export("markdown");
    assert!(
        key.contains("A (yellow), C (off-beige); each ticked answer counts (the total kept between 0 and all the points): A +50%, B −100%, C +50%, D 0%"),
        "{key}"
    );
    let gift = export("gift");
    assert!(
        gift.contains("\t~%50%yellow\n\t~%-100%red\n\t~%50%off-beige\n\t~%0%blue\n"),
        "{gift}"
    );
    let back = imported(&gift);
    assert!(close(credit(&back, &["yellow", "off-beige", "blue"]), 1.0));
    assert!(close(credit(&back, &["yellow", "red"]), 0.0));
}

/// Each wrong answer costing what each right one earns is how a bank scores by default: such a
/// question comes back without `scoring:`, as it went out.
#[test]
fn equal_gains_and_penalties_come_back_as_the_default_scoring() {
    let imported = scenario_quiz::import::gift::import(
        "Which? {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-33.33333%d}\n",
        "m.gift",
    );
    let yaml = serde_saphyr::to_string(&imported.bank).unwrap();
    assert!(!yaml.contains("scoring"), "{yaml}");
    assert!(!yaml.contains("weight"), "{yaml}");
    let bank = imported_text(&yaml);
    assert!(close(credit(&bank, &["a", "b", "d"]), 1.0 / 3.0));
}

fn imported_text(yaml: &str) -> Bank {
    let loaded = bank::load(&[BankFile {
        origin: "m.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    }]);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks.into_iter().next().unwrap()
}
