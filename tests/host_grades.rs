//! A live class keeps its marks to itself until they are due: a student who tries every choice of
//! an open question one after the other learns nothing from the page (no score, leaderboard,
//! summary or result moves) until the teacher reveals it, or, in a self-paced exam, until the
//! end. The teacher's terminal, often on the projector, counts answers and never says whose are
//! right.

use serde_json::{Value, json};

use crate::common::live::{Host, Student};

const BASICS: &str = "tests/fixtures/basics.yaml";

/// In written order, question 1 is a single choice whose first choice (June) is right, and
/// question 2 a true/false whose answer is false.
const SINGLE: [&str; 2] = [BASICS, "--no-shuffle"];

/// What on a student's page depends on which answers are right.
fn graded(state: &Value) -> Value {
    json!({
        "score": state["score"],
        "leaderboard": state["leaderboard"],
        "summary": state["summary"],
        "result": state["result"],
    })
}

fn choice(value: u64) -> Value {
    json!({"kind": "choice", "value": value})
}

fn boolean(value: bool) -> Value {
    json!({"kind": "bool", "value": value})
}

/// Sends each answer in turn to question `number` and waits for the page to show it taken, and
/// after the first for the teacher's line about it (a changed answer changes no count, so the
/// terminal prints nothing for it); the page's view after each (a whole state, or the short
/// reply applied to the last one), and the teacher's lines. Nothing the page got meanwhile
/// holds a grade beyond what the views show.
async fn try_each(
    host: &mut Host,
    student: &mut Student,
    number: u64,
    answers: &[Value],
    teacher_sees: &str,
) -> (Vec<Value>, Vec<String>) {
    let first_message = student.received.len();
    let first_line = host.seen.len();
    let mut views = Vec::new();
    for (n, answer) in answers.iter().enumerate() {
        student.answer(number, answer.clone()).await;
        let taken = student.taken(answer).await;
        assert_eq!(taken["question"]["open"], true, "{taken}");
        views.push(taken);
        if n == 0 {
            host.wait_for(teacher_sees);
        }
    }
    for message in &student.received[first_message..] {
        let keys: Vec<&str> = message
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        if message["type"] == "answered" {
            assert_eq!(
                keys,
                ["answer", "confidence", "question", "type"],
                "{message}"
            );
        }
    }
    (views, host.seen[first_line..].to_vec())
}

/// Every state holds the same marks as `before`.
fn unchanged(before: &Value, states: &[Value]) {
    assert!(!states.is_empty());
    for state in states {
        assert_eq!(graded(state), graded(before), "{state:#}");
    }
}

#[tokio::test]
async fn trying_every_choice_of_an_open_question_moves_no_score_until_the_reveal() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        SINGLE[0],
        SINGLE[1],
        "--speed-bonus",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    assert_eq!(asked["score"], 0.0, "{asked}");
    ben.expect_state("question", Some(1)).await;

    // Ana tries the wrong choices first and ends on the right one; Ben answers wrong.
    let tries = [choice(2), choice(1), choice(0)];
    let (states, lines) = try_each(
        &mut host,
        &mut ana,
        1,
        &tries,
        "answered 1 of 2 (question 1)",
    )
    .await;
    assert_eq!(states.len(), 3, "one state for each answer taken");
    unchanged(&asked, &states);
    // The terminal counted the first answer and said nothing of the changes, right or wrong.
    let said: Vec<&String> = lines.iter().filter(|l| l.contains("answered")).collect();
    assert_eq!(said.len(), 1, "{lines:#?}");
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("point") && !l.contains("right")),
        "{lines:#?}"
    );
    ben.answer(1, choice(1)).await;
    host.wait_for("answered 2 of 2 (question 1)");
    let ben_asked = ben.taken(&choice(1)).await;
    assert_eq!(graded(&ben_asked), graded(&asked));

    // The reveal moves the score, once, for what was kept.
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    let score = revealed["score"].as_f64().unwrap();
    assert!((1.0..=1.5).contains(&score), "{revealed}");
    assert_eq!(revealed["result"]["verdict"], "right");
    assert_eq!(revealed["leaderboard"]["place"], 1);
    let ben_revealed = ben.expect_state("revealed", Some(1)).await;
    assert_eq!(ben_revealed["score"], 0.0);

    // On the next question the score stays where the reveal put it, whatever Ana tries.
    host.type_line("next");
    let second = ana.expect_state("question", Some(2)).await;
    assert_eq!(second["score"], revealed["score"]);
    assert!(second["leaderboard"].is_null() && second["result"].is_null());
    let (states, _) = try_each(
        &mut host,
        &mut ana,
        2,
        &[boolean(true), boolean(false), boolean(true)],
        "answered 1 of 2 (question 2)",
    )
    .await;
    unchanged(&second, &states);
    host.type_line("reveal");
    let revealed_again = ana.expect_state("revealed", Some(2)).await;
    assert_eq!(revealed_again["score"], revealed["score"], "true is wrong");
    assert_eq!(revealed_again["result"]["verdict"], "wrong");
}

#[tokio::test]
async fn a_self_paced_exam_gives_no_marks_until_its_end() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        SINGLE[0],
        SINGLE[1],
        "--self-paced",
        "--exam",
        "--count",
        "2",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    assert!(asked["score"].is_null(), "no score in an exam: {asked}");

    let (states, lines) = try_each(
        &mut host,
        &mut ana,
        1,
        &[choice(2), choice(1), choice(0)],
        "Ana: 1 of 2 answered",
    )
    .await;
    unchanged(&asked, &states);
    assert!(lines.iter().all(|l| !l.contains("point")), "{lines:#?}");

    ana.send(json!({"type": "next"})).await;
    let second = ana.expect_state("question", Some(2)).await;
    unchanged(&asked, &[second]);
    let (states, lines) = try_each(
        &mut host,
        &mut ana,
        2,
        &[boolean(false), boolean(true), boolean(false)],
        "Ana: 2 of 2 answered",
    )
    .await;
    unchanged(&asked, &states);
    assert!(lines.iter().all(|l| !l.contains("point")), "{lines:#?}");

    ana.send(json!({"type": "next"})).await;
    let done = ana.expect_state("done", None).await;
    unchanged(&asked, &[done]);
    host.type_line("who");
    let roll = host.wait_for("Ana ·");
    assert!(!roll.contains("point"), "{roll}");

    // At the end everything comes at once: both answers were right.
    host.type_line("end");
    let end = ana.expect_state("ended", None).await;
    assert_eq!(end["score"], 2.0, "{end}");
    assert_eq!(end["summary"]["score"], 2.0, "{end}");
    assert!(end["leaderboard"]["top"].is_array(), "{end}");
}

#[tokio::test]
async fn in_self_paced_practice_the_score_moves_with_each_feedback() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        SINGLE[0],
        SINGLE[1],
        "--self-paced",
        "--count",
        "2",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    assert_eq!(asked["score"], 0.0);
    ana.answer(1, choice(0)).await;
    // The answer is locked and its feedback shown in the same state as the score that counts it.
    let feedback = ana.expect("state").await;
    assert_eq!(feedback["phase"], "revealed", "{feedback}");
    assert_eq!(feedback["result"]["verdict"], "right");
    assert_eq!(feedback["score"], 1.0);
    assert_eq!(feedback["question"]["open"], false);
    host.wait_for("Ana: 1 of 2 answered · 1 point");
    ana.answer(1, choice(1)).await;
    let refused = ana.expect("error").await;
    assert!(
        refused["message"].as_str().unwrap().contains("No question"),
        "{refused}"
    );
}
