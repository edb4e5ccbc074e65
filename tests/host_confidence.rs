//! A live class that asks how sure students are (`quiz host --confidence`): each answer is sent
//! with its level, the last one sent counts, it survives the host's crash, and the results and
//! the report carry certainty-based marks and the class's calibration.

use serde_json::{Value, json};

use crate::common::Quiz;
use crate::common::live::{Host, Student};

const BASICS: &str = "tests/fixtures/basics.yaml";
/// The first two questions of the basics bank, in written order: June (the first choice) is
/// right, then "false".
const JUNE: usize = 0;
const NOVEMBER: usize = 1;

fn choice(index: usize) -> Value {
    json!({"kind": "choice", "value": index})
}

async fn answer_sure(student: &mut Student, number: u64, response: Value, level: u8) {
    student
        .send(json!({"type": "answer", "question": number, "response": response, "confidence": level}))
        .await;
}

#[tokio::test]
async fn students_say_how_sure_they_are_and_the_report_shows_their_certainty_based_marks() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--count",
        "2",
        "--confidence",
        "--out",
        out_dir,
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    let lobby = ana.expect_state("lobby", None).await;
    assert_eq!(lobby["asks_confidence"], true, "{lobby}");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    // Ana is sure of the wrong month, then changes her mind and is only fairly sure of June.
    answer_sure(&mut ana, 1, choice(NOVEMBER), 3).await;
    ana.taken(&choice(NOVEMBER)).await;
    answer_sure(&mut ana, 1, choice(JUNE), 2).await;
    let changed = ana.taken(&choice(JUNE)).await;
    assert_eq!(changed["confidence"], 2, "{changed}");
    assert!(
        changed["result"].is_null(),
        "no grade before the reveal: {changed}"
    );
    ben.expect_state("question", Some(1)).await;
    answer_sure(&mut ben, 1, choice(NOVEMBER), 3).await;
    host.wait_for("answered 2 of 2 (question 1)");
    host.type_line("reveal");
    ana.expect_state("revealed", Some(1)).await;
    host.type_line("next");
    ana.expect_state("question", Some(2)).await;
    let token = ana.token.clone().unwrap();
    let code = host.code.clone();
    host.kill();

    // What was said survives the host: the journal holds it.
    let mut host = Host::resume(out.path(), &[]);
    assert_eq!(host.code, code, "the class keeps its code");
    let mut back = Student::rejoin(&host, &token).await;
    back.expect_state("question", Some(2)).await;
    // A level that is not one is refused, and nothing is taken.
    answer_sure(&mut back, 2, json!({"kind": "bool", "value": false}), 4).await;
    let refused = back.expect("error").await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("not one this class understands"),
        "{refused}"
    );
    answer_sure(&mut back, 2, json!({"kind": "bool", "value": false}), 1).await;
    host.wait_for("answered 1 of 2 (question 2)");
    host.type_line("end");
    let end = back.expect_state("ended", None).await;
    // Right and fairly sure (2 × 1) plus right and guessing (1 × 1), out of 3 × 2 points.
    assert_eq!(
        end["summary"]["certainty"],
        json!({"marks": 3.0, "best": 6.0}),
        "{end}"
    );
    // The end looks back on every question: what Ana answered beside the right answer.
    let looked_back: Vec<(Value, Value, Value)> = end["summary"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["verdict"].clone(),
                q["your_answer"].clone(),
                q["correct"].clone(),
            )
        })
        .collect();
    assert_eq!(
        looked_back,
        [
            (json!("right"), json!("June"), json!("June")),
            (json!("right"), json!("False"), json!("False")),
        ],
        "{end}"
    );
    host.exits();

    results_and_report_carry_what_was_said(out.path());
}

/// Ana: right and fairly sure, then right and guessing; Ben: wrong and certain, then nothing.
fn results_and_report_carry_what_was_said(out: &std::path::Path) {
    let said = |name: &str| -> Vec<Value> {
        let text = std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap();
        let result: Value = serde_json::from_str(&text).unwrap();
        result["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["confidence"].clone())
            .collect()
    };
    assert_eq!(said("Ana"), [json!(2), json!(1)]);
    assert_eq!(said("Ben"), [json!(3)]);
    let report = Quiz::new(&["report"])
        .arg(out)
        .in_crate_root()
        .run()
        .succeeds()
        .stdout;
    assert!(
        report.contains(
            "Calibration: right at each level\n  \
             guessing      1 answer     100% right\n  \
             fairly sure   1 answer     100% right\n  \
             certain       1 answer       0% right\n"
        ),
        "{report}"
    );
    assert!(report.contains("Ben                   -6 of 6"), "{report}");
}

#[tokio::test]
async fn a_class_that_does_not_ask_keeps_no_confidence() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[BASICS, "--no-shuffle", "--count", "1", "--out", out_dir]);
    let mut ana = Student::join(&host, "Ana").await;
    let lobby = ana.expect_state("lobby", None).await;
    assert_eq!(lobby["asks_confidence"], false, "{lobby}");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    answer_sure(&mut ana, 1, choice(JUNE), 3).await;
    let taken = ana.taken(&choice(JUNE)).await;
    assert!(taken["confidence"].is_null(), "{taken}");
    host.wait_for("answered 1 of 1 (question 1)");
    let (status, _) = host.end();
    assert_eq!(status, 0);
    let text = std::fs::read_to_string(out.path().join("Ana.json")).unwrap();
    assert!(!text.contains("confidence"), "{text}");
}
