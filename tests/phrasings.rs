//! A learner types an answer to a short-answer or numeric question about the article (kept in
//! `tests/fixtures/phrasings.yaml`, some of them as earlier versions of the built-in banks asked
//! them): right phrasings of the key earn the points, a second
//! guess or a negation beside it earns nothing, and a number that reads two ways is asked again.

use scenario_quiz::bank::{AnswerKey, Bank, Question};
use scenario_quiz::engine::{NumberError, Response, grade, parse_number};
use serde_json::json;

use crate::common::live::{Host, Student};
#[cfg(unix)]
use crate::common::screen::Window;
use crate::common::{Quiz, fixture, load};

fn bank() -> Bank {
    load(&[fixture("phrasings.yaml")]).remove(0)
}

fn question<'b>(bank: &'b Bank, id: &str) -> &'b Question {
    bank.questions
        .iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

/// What a typed line earns, as a share of the question's points; `None` when it is not read as
/// an answer at all (a numeric question asks again).
fn earns(question: &Question, typed: &str) -> Option<f64> {
    let response = match &question.key {
        AnswerKey::Numeric { unit, .. } => {
            Response::Number(parse_number(typed, unit.as_deref()).ok()?)
        }
        _ => Response::Text(typed.to_owned()),
    };
    Some(grade(question, &response).fraction())
}

/// Each question with answers typed for it that are right.
const RIGHT: &[(&str, &[&str])] = &[
    (
        "seoul-japan",
        &[
            "Japan",
            "Japanese",
            "the Japanese",
            "japan",
            "Tokyo",
            "Tokyo, Japan",
        ],
    ),
    (
        "documentary-city",
        &["Pyongyang", "in Pyongyang", "Pyongyang, North Korea"],
    ),
    (
        "analyst-region",
        &["Kursk", "the Kursk region", "Kursk Oblast", "Kurks region"],
    ),
    (
        "china-muted",
        &[
            "muted",
            "mute",
            "mutted",
            "It has been muted",
            "it was muted",
        ],
    ),
    (
        "labor-conditions",
        &[
            "slave-like",
            "slavery-like",
            "Slave like",
            "slave-like conditions",
        ],
    ),
    (
        "editor-duma",
        &["Duma", "the State Duma", "State Duma", "Russia's Duma"],
    ),
    ("eurasia-axis", &["Eurasia", "Eurasian", "Europe and Asia"]),
    (
        "un-treaty-article",
        &[
            "4",
            "art 4",
            "art. 4",
            "#4",
            "IV",
            "Article IV",
            "Article 4",
            "article four",
        ],
    ),
    (
        "un-charter-article",
        &["51", "Article 51 of the UN Charter", "art. 51", "LI"],
    ),
    (
        "viral-factor",
        &[
            "10", "10x", "10-fold", "x10", "tenfold", "ten-fold", "10 times", "ten",
        ],
    ),
    ("editor-days-left", &["3", "three", "three days", "3 days"]),
    (
        "essay-1953",
        &[
            "1953",
            "in 1953",
            "July 1953",
            "27 July 1953",
            "July 27, 1953",
        ],
    ),
];

/// Each question with answers that hold or resemble its key and are wrong.
const WRONG: &[(&str, &[&str])] = &[
    (
        "seoul-japan",
        &[
            "Japan/Taiwan",
            "China Japan",
            "Japan & Taiwan",
            "Japan, South Korea",
            "not Japan",
        ],
    ),
    (
        "documentary-city",
        &[
            "Moscow Pyongyang",
            "Pyongyang/Moscow",
            "Pyongyang or Moscow",
        ],
    ),
    (
        "analyst-region",
        &[
            "Kursk/Donetsk",
            "Kursk, Donetsk",
            "Kursk and Belgorod",
            "Kurk",
        ],
    ),
    (
        "china-muted",
        &["hardly muted", "not muted", "it has not been muted", "loud"],
    ),
    (
        "labor-conditions",
        &["nothing slave-like", "not slave-like", "hardly slave-like"],
    ),
    (
        "editor-duma",
        &[
            "Duma, Federation Council",
            "Federation Council",
            "not the Duma",
        ],
    ),
    ("un-treaty-article", &["5", "Article 5", "V"]),
    ("un-charter-article", &["52", "Article 52"]),
    ("viral-factor", &["100", "hundredfold", "9-fold"]),
    ("editor-days-left", &["4", "four days"]),
    ("essay-1953", &["1950", "July 1950"]),
];

#[test]
fn right_phrasings_of_the_key_earn_the_points() {
    let bank = bank();
    for (id, typed) in RIGHT {
        let question = question(&bank, id);
        for given in *typed {
            assert_eq!(earns(question, given), Some(1.0), "{given:?} for {id}");
        }
    }
}

#[test]
fn a_second_guess_a_negation_or_another_number_earns_nothing() {
    let bank = bank();
    for (id, typed) in WRONG {
        let question = question(&bank, id);
        for given in *typed {
            // A numeric answer that is not read as a number is asked again, which earns nothing.
            assert!(
                earns(question, given).is_none_or(|f| f == 0.0),
                "{given:?} for {id}"
            );
        }
    }
}

#[test]
fn a_number_that_reads_two_ways_is_never_graded() {
    let bank = bank();
    let AnswerKey::Numeric { unit, .. } = &question(&bank, "viral-factor").key else {
        panic!("viral-factor is numeric");
    };
    assert_eq!(
        parse_number("0,010", unit.as_deref()),
        Err(NumberError::TwoReadings {
            decimal: 0.01,
            thousands: 10.0
        })
    );
    assert_eq!(parse_number("0,01", unit.as_deref()), Ok(0.01));
    assert_eq!(parse_number("1,000", unit.as_deref()), Ok(1000.0));
}

#[test]
fn a_learner_who_types_a_number_that_reads_two_ways_is_asked_which_they_mean() {
    let run = Quiz::new(&[
        "play",
        "tests/fixtures/phrasings.yaml",
        "--plain",
        "--no-save",
    ])
    .in_crate_root()
    .args(["--kind", "numeric", "--tag", "fact-check", "--seed", "1"])
    .typing(&["0,010", "10"])
    .run()
    .succeeds();
    let asked_again = "? That could be 0.01 or 10: type 0.01 or 10, whichever you mean.";
    let again = run.stdout.find(asked_again);
    let right = run.stdout.find("✔ Right · 1 of 1 point");
    assert!(
        again.is_some() && right.is_some() && again < right,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("You answered: 10 times"),
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn a_student_whose_number_reads_two_ways_is_told_both_readings_and_answers_again() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        "tests/fixtures/phrasings.yaml",
        "--kind",
        "numeric",
        "--tag",
        "fact-check",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "text", "value": "0,010"}))
        .await;
    let error = ana.expect("error").await;
    assert_eq!(
        error["message"],
        "That could be 0.01 or 10: type 0.01 or 10, whichever you mean."
    );
    ana.answer(1, json!({"kind": "text", "value": "10-fold"}))
        .await;
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(revealed["result"]["your_answer"], "10 times", "{revealed}");
    assert_eq!(revealed["result"]["verdict"], "right", "{revealed}");
}

#[cfg(unix)]
#[test]
fn on_a_terminal_a_number_that_reads_two_ways_is_asked_again_too() {
    let quiz = Quiz::new(&["play", "--no-save", "--seed", "1"])
        .args(["--kind", "numeric", "--tag", "fact-check"])
        .arg(fixture("phrasings.yaml"));
    let mut window = Window::new(quiz.on_a_terminal_sized(100, 30), 100);
    window.wait_for("Your answer (times)");
    window.keys("0,010\r");
    window.wait_for("That could be 0.01 or 10: type 0.01 or 10, whichever you mean.");
    window.keys("10\r");
    window.wait_for("Right");
    window.wait_for("You answered: 10 times");
    window.wait_for_end();
}
