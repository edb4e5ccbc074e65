//! A live class walks a branching scenario. Paced, every student decides on their phone, the
//! reveal shows how the class split and the story follows the majority (or the teacher's
//! choice); each student is scored on their own decisions. Self-paced, each student walks their
//! own path.

use serde_json::{Value, json};

use crate::common::Quiz;
use crate::common::live::{Host, Student};

/// The night desk: "first-move" (A best 2 points, B acceptable, C poor → "rushed"), "rushed"
/// (A best → "second-source", B poor → the "retracted" ending), "second-source" (true/false,
/// false is right → the "scoop" ending).
const NIGHT_DESK: &str = "tests/fixtures/branching.yaml";

fn choice(value: u64) -> Value {
    json!({"kind": "choice", "value": value})
}

fn boolean(value: bool) -> Value {
    json!({"kind": "bool", "value": value})
}

/// Sends a decision and waits for the page to show it taken.
async fn decide(student: &mut Student, number: u64, response: Value) -> Value {
    student.answer(number, response.clone()).await;
    student.taken(&response).await
}

fn paced(out: &std::path::Path) -> Host {
    Host::start(&[NIGHT_DESK, "--no-shuffle", "--out", out.to_str().unwrap()])
}

fn results(out: &std::path::Path, name: &str) -> Value {
    let text = std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Each decision this student's results file records: step, answer and quality.
fn decisions(result: &Value) -> Vec<(String, String, String)> {
    result["walks"][0]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["step"].as_str().unwrap().to_owned(),
                d["answer_text"].as_str().unwrap().to_owned(),
                d["quality"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The marks a page shows: nothing of them may come before the reveal.
fn marks(state: &Value) -> Value {
    json!({
        "score": state["score"],
        "result": state["result"],
        "followed": state["story"]["followed"],
        "ending": state["story"]["ending"],
    })
}

#[tokio::test]
async fn the_story_follows_the_majority_the_teacher_may_override_and_each_student_is_scored_on_their_own_picks()
 {
    let out = tempfile::tempdir().unwrap();
    let mut host = paced(out.path());
    assert!(
        host.seen
            .iter()
            .any(|l| l.contains("a branching scenario: The leaked memo")),
        "{:#?}",
        host.seen
    );
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    let mut cleo = Student::join(&host, "Cleo").await;
    host.wait_for("joined Cleo (3 in class)");

    // Decision 1: Ana takes the best choice, Ben and Cleo the poor one.
    host.type_line("start");
    host.wait_for("decision 1 open: What do you do first?");
    let asked = ana.expect_state("question", Some(1)).await;
    assert_eq!(asked["story"]["title"], "The leaked memo");
    assert_eq!(asked["question"]["points"], 2.0);
    assert_eq!(asked["question"]["scenario"]["title"], "The leaked memo");
    let before = marks(&asked);
    for (student, pick) in [(&mut ana, 0), (&mut ben, 2), (&mut cleo, 2)] {
        let taken = decide(student, 1, choice(pick)).await;
        // An answer sent moves no mark: the page learns nothing of which choice is best.
        assert_eq!(marks(&taken), before, "{taken:#}");
    }
    host.wait_for("answered 3 of 3 (question 1)");

    host.type_line("reveal");
    host.wait_for("revealed question 1");
    let bars = host.wait_for("C Publish it online at once");
    assert!(bars.contains("   2  "), "{bars}");
    let follows = host.wait_for("the story follows");
    assert!(
        follows.contains("C Publish it online at once (the class's choice): Within the hour"),
        "{follows}"
    );
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(revealed["result"]["quality"], "best");
    assert_eq!(
        (&revealed["result"]["earned"], &revealed["result"]["max"]),
        (&json!(2.0), &json!(2.0))
    );
    let followed = &revealed["story"]["followed"];
    assert_eq!(followed["choice"], "C Publish it online at once");
    assert_eq!(followed["by"], "majority");
    assert_eq!(followed["quality"], "poor");
    assert!(
        followed["consequence"]
            .as_str()
            .unwrap()
            .starts_with("Within the hour a reader points out"),
        "{followed}"
    );
    let ben_sees = ben.expect_state("revealed", Some(1)).await;
    assert_eq!(ben_sees["result"]["quality"], "poor");
    assert_eq!(ben_sees["result"]["earned"], 0.0);

    // Decision 2 is the step the class's choice leads to. Ana and Ben split one each: the
    // tie goes to the better decision, taking the story down.
    host.type_line("next");
    host.wait_for("decision 2 open: Your editor asks you to take the story down");
    ana.expect_state("question", Some(2)).await;
    decide(&mut ana, 2, choice(1)).await;
    decide(&mut ben, 2, choice(0)).await;
    host.wait_for("answered 2 of 3 (question 2)");
    host.type_line("reveal");
    let follows = host.wait_for("the story follows");
    assert!(
        follows.contains("A Take it down and start checking the memo (the class's choice)"),
        "{follows}"
    );

    // The teacher has the story follow the other choice instead.
    host.type_line("follow B");
    let follows = host.wait_for("the story follows");
    assert!(
        follows.contains(
            "B Leave it up with a note that it is unconfirmed (the teacher's choice): The city denies it"
        ),
        "{follows}"
    );
    let cleo_sees = cleo
        .wait_for_state(|s| s["story"]["followed"]["by"] == "teacher")
        .await;
    assert_eq!(cleo_sees["result"]["verdict"], "unanswered");
    host.type_line("follow Z");
    host.wait_for("? follow which choice? type its letter as shown, A to B");

    // Its route ends the story.
    host.type_line("next");
    let ending = host.wait_for("the story reached its ending");
    assert!(ending.contains("retracted (poor ending)"), "{ending}");
    host.wait_for("The paper retracts the story and apologises.");
    host.wait_for(
        "Debrief: An unconfirmed document should never be published, even with a caveat.",
    );
    let ended = ana.expect_state("ended", None).await;
    the_retraction_is_shown(&ended);
    host.exits();

    each_is_scored_on_their_own_picks(out.path());
}

/// The ending the teacher's choice led to, with Ana's score: 2 of 2 points at the first step,
/// 0 of 1 at the second.
fn the_retraction_is_shown(ended: &Value) {
    let shown = &ended["story"]["ending"];
    assert_eq!(shown["title"], "retracted");
    assert_eq!(
        shown["text"],
        "The paper retracts the story and apologises."
    );
    assert_eq!(shown["rating"], "poor");
    assert!(
        shown["debrief"]
            .as_str()
            .unwrap()
            .contains("never be published"),
        "{shown}"
    );
    assert_eq!(ended["summary"]["score"], 2.0);
    assert_eq!(ended["summary"]["max"], 3.0);
}

/// Ana: 2 of 2 points at the first step, 0 of 1 at the second; Ben 0 and 1; Cleo decided only at
/// the first step, poorly. The report reads the class.
fn each_is_scored_on_their_own_picks(out: &std::path::Path) {
    let ana = results(out, "Ana");
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(2.0), Some(3.0))
    );
    assert_eq!(ana["ending"], "finished");
    let walk = &ana["walks"][0];
    assert_eq!(walk["scenario"], "leak");
    assert_eq!(
        walk["class_path"],
        json!(["first-move", "rushed", "retracted"])
    );
    assert_eq!(walk["ending"], "retracted");
    assert_eq!(
        decisions(&ana),
        [
            (
                "first-move".into(),
                "Call the press office to confirm the memo".into(),
                "best".into()
            ),
            (
                "rushed".into(),
                "Leave it up with a note that it is unconfirmed".into(),
                "poor".into()
            ),
        ]
    );
    let ben = results(out, "Ben");
    assert_eq!(
        (ben["score"].as_f64(), ben["max_score"].as_f64()),
        (Some(1.0), Some(3.0))
    );
    // Cleo decided only at the first step, poorly.
    let cleo = results(out, "Cleo");
    assert_eq!(
        (cleo["score"].as_f64(), cleo["max_score"].as_f64()),
        (Some(0.0), Some(3.0))
    );
    assert_eq!(decisions(&cleo).len(), 1);

    let journal = std::fs::read_to_string(out.join("journal.jsonl")).unwrap();
    assert_eq!(journal.matches("\"event\":\"follow\"").count(), 3);
    assert!(journal.contains(r#"{"event":"follow","question":1,"route":1,"teacher":true}"#));

    let report = Quiz::new(&["report"])
        .arg(out)
        .args(["--bank", NIGHT_DESK])
        .in_crate_root()
        .run()
        .succeeds();
    assert!(
        report.stdout.contains("Ana") && report.stdout.contains("Cleo"),
        "{}",
        report.stdout
    );
}

#[tokio::test]
async fn a_step_of_another_kind_is_followed_by_the_verdict_most_of_the_class_earned() {
    let out = tempfile::tempdir().unwrap();
    let mut host = paced(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    for student in [&mut ana, &mut ben] {
        student.expect_state("question", Some(1)).await;
        decide(student, 1, choice(0)).await;
    }
    host.wait_for("answered 2 of 2 (question 1)");
    host.type_line("reveal");
    host.wait_for("the story follows A Call the press office");
    host.type_line("next");
    host.wait_for("decision 2 open: One named official confirming the memo");
    // Both answer "false", which is right.
    for student in [&mut ana, &mut ben] {
        student.expect_state("question", Some(2)).await;
        decide(student, 2, boolean(false)).await;
    }
    host.wait_for("answered 2 of 2 (question 2)");
    host.type_line("reveal");
    let follows = host.wait_for("the story follows");
    assert!(
        follows.contains("a right answer (the class's choice): You find a second official"),
        "{follows}"
    );
    host.type_line("next");
    host.wait_for("the story reached its ending, A clean scoop (best ending)");
    let ended = ana.expect_state("ended", None).await;
    assert_eq!(ended["story"]["ending"]["title"], "A clean scoop");
    host.exits();
    let ana = results(out.path(), "Ana");
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(3.0), Some(3.0))
    );
    assert_eq!(
        ana["walks"][0]["class_path"],
        json!(["first-move", "second-source", "scoop"])
    );
}

fn self_paced(out: &std::path::Path, exam: bool) -> Host {
    let mut args = vec![NIGHT_DESK, "--no-shuffle", "--self-paced"];
    if exam {
        args.push("--exam");
    }
    args.extend(["--out", out.to_str().unwrap()]);
    Host::start(&args)
}

/// Takes decision `number` and waits for its consequence.
async fn decide_alone(student: &mut Student, number: u64, response: Value) -> Value {
    student.answer(number, response).await;
    student
        .wait_for_state(|s| s["question"]["number"] == number && !s["story"]["followed"].is_null())
        .await
}

#[tokio::test]
async fn self_paced_each_student_walks_their_own_path_and_sees_each_consequence() {
    let out = tempfile::tempdir().unwrap();
    let mut host = self_paced(out.path(), false);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    host.wait_for("each student walks The leaked memo at their own pace");

    // Ana decides well: her consequence, judged, then the step it leads to.
    ana.expect_state("question", Some(1)).await;
    let after = decide_alone(&mut ana, 1, choice(0)).await;
    assert_eq!(after["story"]["followed"]["by"], "you");
    assert_eq!(after["story"]["followed"]["quality"], "best");
    assert!(
        after["story"]["followed"]["consequence"]
            .as_str()
            .unwrap()
            .starts_with("The press officer will not confirm"),
        "{after}"
    );
    assert_eq!(after["result"]["earned"], 2.0);
    assert_eq!(after["question"]["open"], false);
    // A decision taken cannot be taken again.
    ana.answer(1, choice(1)).await;
    let refused = ana.expect("error").await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("No question is open"),
        "{refused}"
    );
    ana.send(json!({"type": "next"})).await;
    let second = ana.expect_state("question", Some(2)).await;
    assert_eq!(
        second["question"]["prompt"],
        "One named official confirming the memo is enough to publish it as fact."
    );
    decide_alone(&mut ana, 2, boolean(false)).await;
    ana.send(json!({"type": "next"})).await;
    let done = ana.expect_state("done", None).await;
    let ending = &done["story"]["ending"];
    assert_eq!(ending["title"], "A clean scoop");
    assert_eq!(ending["rating"], "best");
    assert!(!ending["debrief"].as_str().unwrap().is_empty());
    assert_eq!(done["summary"]["score"], 3.0);

    // Ben's poor start leads him elsewhere; he cannot skip a decision.
    ben.expect_state("question", Some(1)).await;
    ben.send(json!({"type": "next"})).await;
    let refused = ben.expect("error").await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("cannot be skipped"),
        "{refused}"
    );
    let after = decide_alone(&mut ben, 1, choice(2)).await;
    assert_eq!(after["story"]["followed"]["quality"], "poor");
    ben.send(json!({"type": "next"})).await;
    let rushed = ben.expect_state("question", Some(2)).await;
    assert!(
        rushed["question"]["prompt"]
            .as_str()
            .unwrap()
            .starts_with("Your editor asks you"),
        "{rushed}"
    );
    host.type_line("who");
    host.wait_for("Ben · 1 decision · 0 points");
    host.type_line("end");
    host.exits();

    let ana = results(out.path(), "Ana");
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(3.0), Some(3.0))
    );
    assert_eq!(ana["ending"], "finished");
    assert_eq!(ana["walks"][0]["ending"], "scoop");
    assert!(ana["walks"][0]["class_path"].is_null());
    assert_eq!(decisions(&ana).len(), 2);
    let ben = results(out.path(), "Ben");
    assert_eq!(
        (ben["score"].as_f64(), ben["max_score"].as_f64()),
        (Some(0.0), Some(3.0))
    );
    assert_eq!(ben["ending"], "stopped_early");
    assert_eq!(ben["walks"][0]["path"][0]["next"], "rushed");
}

#[tokio::test]
async fn a_self_paced_exam_tells_the_story_and_keeps_the_marks_for_the_end() {
    let out = tempfile::tempdir().unwrap();
    let mut host = self_paced(out.path(), true);
    let mut ana = Student::join(&host, "Ana").await;
    host.wait_for("joined Ana");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    let after = decide_alone(&mut ana, 1, choice(1)).await;
    assert!(
        after["story"]["followed"]["consequence"]
            .as_str()
            .unwrap()
            .starts_with("The file was made on a city computer"),
        "{after}"
    );
    assert!(after["story"]["followed"]["quality"].is_null(), "{after}");
    assert!(
        after["result"].is_null() && after["score"].is_null(),
        "{after}"
    );
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    decide_alone(&mut ana, 2, boolean(true)).await;
    ana.send(json!({"type": "next"})).await;
    let done = ana.expect_state("done", None).await;
    let ending = &done["story"]["ending"];
    assert_eq!(
        ending["text"],
        "The story runs and needs a correction the next day."
    );
    assert!(
        ending["rating"].is_null() && ending["debrief"].is_null(),
        "{done}"
    );
    assert!(
        done["summary"].is_null() && done["score"].is_null(),
        "{done}"
    );

    host.type_line("end");
    let ended = ana.expect_state("ended", None).await;
    assert_eq!(ended["story"]["ending"]["rating"], "acceptable");
    assert!(!ended["story"]["ending"]["debrief"].is_null());
    // The metadata check is acceptable (1 of 2 points), the wrong answer earns nothing.
    assert_eq!(ended["summary"]["score"], 1.0);
    assert_eq!(ended["summary"]["max"], 3.0);
    host.exits();
    let ana = results(out.path(), "Ana");
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(1.0), Some(3.0))
    );
    assert_eq!(ana["mode"], "exam");
}

/// A page that comes back to its seat after the class continued.
async fn back(host: &Host, token: &str) -> Student {
    let mut student = Student::connect(host).await;
    student
        .send(json!({"type": "rejoin", "code": host.code, "token": token}))
        .await;
    student.expect("welcome").await;
    student
}

#[tokio::test]
async fn a_paused_story_goes_on_at_the_same_step_with_the_decisions_taken_and_followed() {
    let out = tempfile::tempdir().unwrap();
    let mut host = paced(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    for student in [&mut ana, &mut ben] {
        student.expect_state("question", Some(1)).await;
        decide(student, 1, choice(2)).await;
    }
    host.wait_for("answered 2 of 2 (question 1)");
    host.type_line("reveal");
    host.wait_for("the story follows C Publish it online at once (the class's choice)");
    host.type_line("follow A");
    host.wait_for(
        "the story follows A Call the press office to confirm the memo (the teacher's choice)",
    );
    host.type_line("next");
    host.wait_for("decision 2 open: One named official");
    ana.expect_state("question", Some(2)).await;
    decide(&mut ana, 2, boolean(false)).await;
    host.wait_for("answered 1 of 2 (question 2)");
    host.close_input();
    ana.expect_state("paused", None).await;
    host.exits();

    let mut host = Host::resume(out.path(), &[]);
    let greeting = host.wait_for("Resumed:");
    assert!(
        greeting.contains("2 students back in their seats with 3 answers")
            && greeting.contains("decision 2 is open"),
        "{greeting}"
    );
    let mut ana = back(&host, ana.token.as_deref().unwrap()).await;
    let again = ana.expect_state("question", Some(2)).await;
    assert_eq!(again["answer"], boolean(false));
    assert!(
        again["question"]["prompt"]
            .as_str()
            .unwrap()
            .starts_with("One named official"),
        "{again}"
    );
    let mut ben = back(&host, ben.token.as_deref().unwrap()).await;
    ben.expect_state("question", Some(2)).await;
    decide(&mut ben, 2, boolean(true)).await;
    host.wait_for("answered 2 of 2 (question 2)");
    host.type_line("reveal");
    // One right, one wrong: the tie goes to the better answer.
    host.wait_for("the story follows a right answer (the class's choice)");
    host.type_line("next");
    host.wait_for("the story reached its ending, A clean scoop");
    host.exits();

    // Ana: the poor first pick earns nothing of 2, the right answer 1 of 1.
    let ana = results(out.path(), "Ana");
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(1.0), Some(3.0))
    );
    assert_eq!(
        ana["walks"][0]["class_path"],
        json!(["first-move", "second-source", "scoop"])
    );
    let ben = results(out.path(), "Ben");
    assert_eq!(
        (ben["score"].as_f64(), ben["max_score"].as_f64()),
        (Some(0.0), Some(3.0))
    );
}

#[tokio::test]
async fn a_paused_self_paced_story_goes_on_where_each_student_was() {
    let out = tempfile::tempdir().unwrap();
    let mut host = self_paced(out.path(), false);
    let mut ana = Student::join(&host, "Ana").await;
    host.wait_for("joined Ana");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    decide_alone(&mut ana, 1, choice(2)).await;
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    host.close_input();
    ana.expect_state("paused", None).await;
    host.exits();

    let host = Host::resume(out.path(), &[]);
    let mut ana = back(&host, ana.token.as_deref().unwrap()).await;
    let again = ana.expect_state("question", Some(2)).await;
    assert!(
        again["question"]["prompt"]
            .as_str()
            .unwrap()
            .starts_with("Your editor asks you"),
        "{again}"
    );
    let after = decide_alone(&mut ana, 2, choice(0)).await;
    assert_eq!(after["story"]["followed"]["quality"], "best");
    ana.send(json!({"type": "next"})).await;
    let third = ana.expect_state("question", Some(3)).await;
    assert!(
        third["question"]["prompt"]
            .as_str()
            .unwrap()
            .starts_with("One named official"),
        "{third}"
    );
    let mut host = host;
    host.type_line("end");
    host.exits();
    let ana = results(out.path(), "Ana");
    let steps: Vec<&str> = ana["walks"][0]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["first-move", "rushed"]);
    // The poor start earns nothing; taking the story down earns its point.
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(1.0), Some(3.0))
    );
}

#[test]
fn a_scenario_that_is_not_there_is_refused_with_the_one_meant() {
    let out = tempfile::tempdir().unwrap();
    Quiz::new(&[
        "host",
        NIGHT_DESK,
        "--scenario",
        "leek",
        "--port",
        "0",
        "--out",
    ])
    .arg(out.path())
    .in_crate_root()
    .run()
    .fails_with(2)
    .stderr_contains("no branching scenario `leek` in these banks; did you mean `leak`?");
    assert!(!out.path().join("journal.jsonl").exists());
}
