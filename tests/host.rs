//! A live class: the teacher runs `quiz host`, students answer from their phones over the page's
//! websocket, and `quiz report` reads the results the class leaves.

use serde_json::{Value, json};

use crate::common::Quiz;
use crate::common::live::{Host, Student, some_answer};

const BASICS: &str = "tests/fixtures/basics.yaml";

/// The basics bank in written order: one question of every kind.
fn every_kind(out: &std::path::Path) -> Host {
    Host::start(&[BASICS, "--no-shuffle", "--out", out.to_str().unwrap()])
}

#[tokio::test]
async fn a_class_answers_every_kind_and_the_report_reads_its_results() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    ana.expect_state("lobby", None).await;

    host.type_line("start");
    for number in 1..=7 {
        let asked = ana.expect_state("question", Some(number)).await;
        let question = asked["question"].clone();
        assert_eq!(question["open"], true);
        ana.answer(number, some_answer(&question)).await;
        ben.expect_state("question", Some(number)).await;
        ben.answer(number, some_answer(&question)).await;
        host.wait_for(&format!("answered 2 of 2 (question {number})"));
        host.type_line("reveal");
        let revealed = ana.expect_state("revealed", Some(number)).await;
        assert!(revealed["result"]["explanation"].as_str().unwrap().len() > 10);
        assert!(
            revealed["result"]["source"]
                .as_str()
                .unwrap()
                .starts_with("Source: ")
        );
        assert!(revealed["leaderboard"]["top"].as_array().unwrap().len() == 2);
        if number < 7 {
            host.type_line("next");
        }
    }
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
    assert!(
        seen.iter().any(|l| l.contains("results: 2 files")),
        "{seen:#?}"
    );

    for name in ["Ana", "Ben"] {
        let text = std::fs::read_to_string(out.path().join(format!("{name}.json"))).unwrap();
        let result: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(result["name"], name);
        assert_eq!(result["answers"].as_array().unwrap().len(), 7);
    }
    let journal = std::fs::read_to_string(out.path().join("journal.jsonl")).unwrap();
    assert_eq!(journal.matches("\"event\":\"answer\"").count(), 14);

    let report = Quiz::new(&["report"])
        .arg(out.path())
        .args(["--bank", BASICS])
        .in_crate_root()
        .run()
        .succeeds();
    assert!(
        report.stdout.contains("Ana") && report.stdout.contains("Ben"),
        "{}",
        report.stdout
    );
}

#[tokio::test]
async fn no_message_before_the_reveal_gives_the_answer_away() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    for number in 1..=7 {
        let asked = ana.expect_state("question", Some(number)).await;
        ana.answer(number, some_answer(&asked["question"])).await;
        host.wait_for(&format!("answered 1 of 1 (question {number})"));
        host.type_line("reveal");
        ana.expect_state("revealed", Some(number)).await;
        if number < 7 {
            host.type_line("next");
        }
    }
    let before_reveal: Vec<&Value> = ana
        .received
        .iter()
        .filter(|m| m["phase"] == "question" || m["type"] == "welcome" || m["phase"] == "lobby")
        .collect();
    assert!(before_reveal.len() >= 7);
    for message in before_reveal {
        let text = message.to_string();
        for secret in ["\"correct\"", "explanation", "\"why\"", "accept", "Source:"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(message["result"].is_null(), "{text}");
    }
}

#[tokio::test]
async fn a_student_who_reloads_keeps_the_seat_and_the_answer() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let token = ana.token.clone().unwrap();
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 2})).await;
    host.wait_for("answered 1 of 1");
    drop(ana);
    host.wait_for("left Ana");

    let mut again = Student::connect(&host).await;
    again
        .send(json!({"type": "rejoin", "code": host.code, "token": token}))
        .await;
    let welcome = again.expect("welcome").await;
    assert_eq!(welcome["name"], "Ana");
    let state = again.expect_state("question", Some(1)).await;
    assert_eq!(state["answer"], json!({"kind": "choice", "value": 2}));
    host.wait_for("back Ana");
}

#[tokio::test]
async fn seats_belong_to_their_tokens_and_their_class() {
    let out = tempfile::tempdir().unwrap();
    let host = every_kind(out.path());
    let other_out = tempfile::tempdir().unwrap();
    let other = every_kind(other_out.path());
    let ana = Student::join(&other, "Ana").await;

    let mut stranger = Student::connect(&host).await;
    stranger
        .send(json!({"type": "rejoin", "code": other.code, "token": ana.token.clone().unwrap()}))
        .await;
    let refused = stranger.expect("error").await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("another class"),
        "{refused}"
    );
    stranger
        .send(json!({"type": "rejoin", "code": host.code, "token": ana.token.clone().unwrap()}))
        .await;
    stranger.expect("error").await;
    stranger
        .send(json!({"type": "answer", "question": 1, "response": {"kind": "choice", "value": 0}}))
        .await;
    let error = stranger.expect("error").await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Join the class first"),
        "{error}"
    );
}

#[tokio::test]
async fn bad_messages_get_a_clear_error_and_change_nothing() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let mut twin = Student::connect(&host).await;
    twin.send(json!({"type": "join", "code": host.code, "name": " ana "}))
        .await;
    let taken = twin.expect("error").await;
    assert!(
        taken["message"]
            .as_str()
            .unwrap()
            .contains("pick another name"),
        "{taken}"
    );

    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    assert!(
        ana.expect("error").await["message"]
            .as_str()
            .unwrap()
            .contains("No question is open")
    );
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    for (bad, says) in [
        ("not json".to_owned(), "not one this class understands"),
        (
            json!({"type": "answer", "question": 1, "response": {"kind": "choice", "value": 99}})
                .to_string(),
            "does not fit",
        ),
        (
            json!({"type": "answer", "question": 2, "response": {"kind": "bool", "value": true}})
                .to_string(),
            "is not open",
        ),
        (
            json!({"type": "answer", "question": 1, "response": {"kind": "text", "value": "x"}})
                .to_string(),
            "does not fit",
        ),
        (
            json!({"type": "start"}).to_string(),
            "not one this class understands",
        ),
    ] {
        ana.send_text(bad.clone()).await;
        let error = ana.expect("error").await;
        assert!(
            error["message"].as_str().unwrap().contains(says),
            "{bad} → {error}"
        );
    }
    host.type_line("who");
    host.wait_for("1 student in class");
    let (code, _) = host.end();
    assert_eq!(code, 0);
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("Ana.json")).unwrap())
            .unwrap();
    assert_eq!(result["answers"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_page_that_floods_or_sends_a_huge_message_is_cut_off_and_the_class_goes_on() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut flooder = Student::join(&host, "Flood").await;
    for _ in 0..50 {
        // The host may cut the page off before all 50 are out.
        if !flooder.try_send(json!({"type": "next"})).await {
            break;
        }
    }
    assert!(flooder.closed().await, "a flood closes the connection");
    let mut huge = Student::connect(&host).await;
    huge.send_text(format!(
        "{{\"type\":\"join\",\"code\":\"x\",\"name\":\"{}\"}}",
        "a".repeat(100_000)
    ))
    .await;
    assert!(
        huge.closed().await,
        "an oversized message closes the connection"
    );

    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    host.wait_for("question 1 of 7 open");
}

#[tokio::test]
async fn the_longest_answer_arrives_whole_however_the_page_encodes_it() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--kind",
        "short",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    // 1,000 characters, the most an answer may have, each written as a JSON escape the way
    // some encoders do: a message of 6 KB, far more than a page usually sends at once.
    let typed = "가".repeat(1000);
    let escaped = "\\uac00".repeat(1000);
    ana.send_text(format!(
        r#"{{"type":"answer","question":1,"response":{{"kind":"text","value":"{escaped}"}}}}"#
    ))
    .await;
    host.wait_for("answered 1 of 1");
    let state = ana.taken(&json!({"kind": "text", "value": typed})).await;
    assert_eq!(state["question"]["number"], 1);
}

#[tokio::test]
async fn names_are_cleaned_before_anyone_sees_them() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut mallory = Student::join(
        &host,
        "\u{1b}]0;owned\u{7}<script>alert(1)</script>\u{202e}",
    )
    .await;
    let line = host.wait_for("joined");
    assert!(
        !line.contains('\u{1b}') && !line.contains('\u{7}') && !line.contains('\u{202e}'),
        "{line:?}"
    );
    let lobby = mallory.expect_state("lobby", None).await;
    let name = lobby["name"].as_str().unwrap();
    assert_eq!(name, "]0;owned<script>alert(1)</script>");
    let (_, seen) = host.end();
    assert!(seen.iter().all(|l| !l.contains('\u{1b}')), "{seen:#?}");
    let files: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        files.contains(&"0-owned-script-alert-1-script.json".to_owned()),
        "{files:?}"
    );
}

#[tokio::test]
async fn a_removed_student_loses_the_seat_but_not_the_answers() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    host.wait_for("answered 1 of 1");
    host.type_line("kick ana");
    host.wait_for("removed Ana");
    ana.expect_state("removed", None).await;
    assert!(ana.closed().await);
    let (_, _) = host.end();
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("Ana.json")).unwrap())
            .unwrap();
    assert_eq!(result["answers"].as_array().unwrap().len(), 1);
}

/// The names on a revealed page's leaderboard, best first, and the page's own place.
fn leaderboard(state: &Value) -> (Vec<String>, u64) {
    let board = &state["leaderboard"];
    let names = board["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}. {} {}",
                s["place"],
                s["name"].as_str().unwrap(),
                s["score"]
            )
        })
        .collect();
    (names, board["place"].as_u64().unwrap())
}

#[tokio::test]
async fn the_leaderboard_ranks_by_points_ties_share_a_place_and_kicked_students_leave_it() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    let mut cleo = Student::join(&host, "Cleo").await;
    let mut dan = Student::join(&host, "Dan").await;
    host.wait_for("joined Dan (4 in class)");
    host.type_line("start");
    for student in [&mut ana, &mut ben, &mut cleo, &mut dan] {
        student.expect_state("question", Some(1)).await;
    }
    // June (the first choice) is right; Ana does not answer.
    ben.answer(1, json!({"kind": "choice", "value": 1})).await;
    host.wait_for("answered 1 of 4");
    cleo.answer(1, json!({"kind": "choice", "value": 0})).await;
    host.wait_for("answered 2 of 4");
    dan.answer(1, json!({"kind": "choice", "value": 0})).await;
    host.wait_for("answered 3 of 4");
    host.type_line("reveal");
    // Equal points share a place, listed in the order of joining.
    host.wait_for("leaderboard: 1. Cleo 1 · 1. Dan 1 · 3. Ana 0 · 3. Ben 0");
    let everyone = ["1. Cleo 1.0", "1. Dan 1.0", "3. Ana 0.0", "3. Ben 0.0"].map(String::from);
    for (student, place) in [(&mut ana, 3), (&mut ben, 3), (&mut cleo, 1), (&mut dan, 1)] {
        let revealed = student.expect_state("revealed", Some(1)).await;
        assert_eq!(leaderboard(&revealed), (everyone.to_vec(), place));
    }

    host.type_line("next");
    for student in [&mut ana, &mut ben, &mut dan] {
        student.expect_state("question", Some(2)).await;
    }
    // The treaty was not yet in force: false is right. Dan does not answer.
    ana.answer(2, json!({"kind": "bool", "value": true})).await;
    host.wait_for("answered 1 of 4");
    ben.answer(2, json!({"kind": "bool", "value": false})).await;
    host.wait_for("answered 2 of 4");
    host.type_line("kick cleo");
    host.wait_for("removed Cleo");
    cleo.expect_state("removed", None).await;
    host.type_line("reveal");
    host.wait_for("leaderboard: 1. Ben 1 · 1. Dan 1 · 3. Ana 0");
    let left = ["1. Ben 1.0", "1. Dan 1.0", "3. Ana 0.0"].map(String::from);
    for (student, place) in [(&mut ana, 3), (&mut ben, 1), (&mut dan, 1)] {
        let revealed = student.expect_state("revealed", Some(2)).await;
        assert_eq!(leaderboard(&revealed), (left.to_vec(), place));
    }
}

#[tokio::test]
async fn a_class_whose_host_died_goes_on_with_every_answer_after_resume() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let token = ana.token.clone().unwrap();
    host.type_line("start");
    for number in 1..=2 {
        let asked = ana.expect_state("question", Some(number)).await;
        ana.answer(number, some_answer(&asked["question"])).await;
        host.wait_for(&format!("answered 1 of 1 (question {number})"));
        host.type_line("reveal");
        ana.expect_state("revealed", Some(number)).await;
        host.type_line("next");
    }
    ana.expect_state("question", Some(3)).await;
    let code = host.code.clone();
    host.kill();

    let mut host = Host::resume(out.path(), &[BASICS, "--no-shuffle"]);
    assert_eq!(host.code, code, "the class keeps its code");
    let mut back = Student::connect(&host).await;
    back.send(json!({"type": "rejoin", "code": code, "token": token}))
        .await;
    let state = back.expect_state("question", Some(3)).await;
    assert!(state["score"].as_f64().unwrap() > 0.0, "{state}");
    back.answer(3, json!({"kind": "choices", "value": [0]}))
        .await;
    host.wait_for("answered 1 of 1 (question 3)");
    let (status, _) = host.end();
    assert_eq!(status, 0);
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("Ana.json")).unwrap())
            .unwrap();
    assert_eq!(result["answers"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn self_paced_students_move_on_alone_and_the_teacher_sees_how_far() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--count",
        "2",
        "--out",
        out_dir,
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let first = ana.expect_state("question", Some(1)).await;
    ana.answer(1, some_answer(&first["question"])).await;
    host.wait_for("Ana: 1 of 2 answered");
    let feedback = ana.expect_state("revealed", Some(1)).await;
    assert!(feedback["result"]["correct"].is_string());
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    host.type_line("who");
    host.wait_for("Ana · question 2 of 2");
    let (status, _) = host.end();
    assert_eq!(status, 0);
}

#[tokio::test]
async fn a_self_paced_exam_shows_nothing_until_the_end() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--exam",
        "--count",
        "2",
        "--out",
        out_dir,
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let first = ana.expect_state("question", Some(1)).await;
    let answer = some_answer(&first["question"]);
    ana.answer(1, answer.clone()).await;
    let kept = ana.taken(&answer).await;
    assert!(
        kept["answer"].is_object() && kept["result"].is_null(),
        "{kept}"
    );
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    host.type_line("end");
    let end = ana.expect_state("ended", None).await;
    assert_eq!(end["summary"]["answered"], 1);
}

#[test]
fn a_port_in_use_names_the_option_to_change_it() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = tempfile::tempdir().unwrap();
    let run = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", &port, "--out"])
        .arg(out.path())
        .run()
        .fails_with(2);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}

#[test]
fn an_output_folder_that_cannot_be_made_is_refused_before_the_class() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let run = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0", "--out"])
        .arg(file.join("class"))
        .run()
        .fails_with(1);
    assert!(run.stderr.contains("not-a-folder"), "{}", run.stderr);
    assert!(!run.stdout.contains("join code"), "{}", run.stdout);
}

#[tokio::test]
async fn the_class_page_credits_every_section_a_question_cites() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        "tests/fixtures/two-sections.yaml",
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    ana.answer(1, some_answer(&asked["question"])).await;
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(
        revealed["result"]["source"],
        "Source: Harbour report — Port Gazette, 2021 · sections “The Harbour Opens” and \
         “Ships and Cargo” (“2,400 ships”)"
    );
    host.kill();
}

#[tokio::test]
async fn reveal_says_when_the_question_is_revealed_already_or_none_is_open_yet() {
    let out = tempfile::tempdir().unwrap();
    let mut host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("reveal");
    host.wait_for("? no question is open yet; type start to open the first");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    host.type_line("reveal");
    host.wait_for("revealed question 1");
    host.type_line("reveal");
    host.wait_for("? question 1 is revealed already; type next to go on");
    host.type_line("next");
    ana.expect_state("question", Some(2)).await;
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
}

#[tokio::test]
async fn a_self_paced_class_has_no_reveal_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--self-paced",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    host.type_line("reveal");
    host.wait_for("? a self-paced class has no reveal: each student goes at their own pace");
    let (code, _) = host.end();
    assert_eq!(code, 0);
}

#[tokio::test]
async fn the_lobby_shows_the_quiz_title() {
    let out = tempfile::tempdir().unwrap();
    let host = every_kind(out.path());
    let mut ana = Student::join(&host, "Ana").await;
    let lobby = ana.expect_state("lobby", None).await;
    assert_eq!(lobby["title"], "Treaty basics");
}

#[tokio::test]
async fn a_self_paced_timer_counts_down_the_whole_quiz_not_each_question() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--timer",
        "300",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let lobby = ana.expect_state("lobby", None).await;
    assert!(lobby["quiz_time_left"].is_null(), "{lobby}");
    host.type_line("start");
    let first = ana.expect_state("question", Some(1)).await;
    assert!(first["question"]["time_limit"].is_null(), "{first}");
    let left_at_first = first["quiz_time_left"].as_u64().unwrap();
    assert!((1..=300).contains(&left_at_first), "{first}");
    ana.answer(1, some_answer(&first["question"])).await;
    ana.expect_state("revealed", Some(1)).await;
    ana.send(json!({"type": "next"})).await;
    let second = ana.expect_state("question", Some(2)).await;
    assert!(second["question"]["time_limit"].is_null(), "{second}");
    // The question has no timer of its own, and the quiz's clock never goes back up.
    let left_at_second = second["quiz_time_left"].as_u64().unwrap();
    assert!(
        left_at_second <= left_at_first,
        "{left_at_second} after {left_at_first}"
    );
    let (code, _) = host.end();
    assert_eq!(code, 0);
}

/// Self-paced, extra time lengthens the whole quiz for its student: Ana's clock starts half as
/// long again as Ben's.
#[tokio::test]
async fn a_self_paced_student_given_extra_time_has_longer_for_the_whole_quiz() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--timer",
        "600",
        "--extra-time",
        "Ana=50",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    let ana_first = ana.expect_state("question", Some(1)).await;
    let ben_first = ben.expect_state("question", Some(1)).await;
    let left = |state: &Value| state["quiz_time_left"].as_u64().unwrap();
    assert!((850..=900).contains(&left(&ana_first)), "{ana_first}");
    assert!((550..=600).contains(&left(&ben_first)), "{ben_first}");
    let (code, _) = host.end();
    assert_eq!(code, 0);
}

#[tokio::test]
async fn a_scenario_wrapped_by_hand_reaches_the_phone_as_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("ward.yaml");
    std::fs::write(
        &bank,
        "id: ward\ntitle: Ward\nversion: 1\nsources: [{id: s, title: S, author: A}]\n\
         scenarios:\n  - id: night\n    title: Night shift\n    text: |\n      The patient is pale and\n      \
         growing slowly worse.\n\n      The night nurse calls you.\n\
         questions:\n  - id: call\n    kind: true_false\n    scenario: night\n    prompt: Call the doctor?\n    \
         answer: true\n    explanation: Because.\n    source: {id: s, section: x}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut host = Host::start(&[bank.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    assert_eq!(
        asked["question"]["scenario"]["text"],
        "The patient is pale and growing slowly worse.\n\nThe night nurse calls you."
    );
}

/// An answer is confirmed with a short reply of what was taken, not the whole page again: the
/// next thing the page is sent is the reveal.
#[tokio::test]
async fn an_answer_is_confirmed_by_a_short_reply_and_the_page_is_not_sent_again() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[BASICS, "--no-shuffle", "--count", "2", "--out", out_dir]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 1})).await;
    let ack = ana.next_message().await.unwrap();
    assert_eq!(
        ack,
        json!({"type": "answered", "question": 1,
               "answer": {"kind": "choice", "value": 1}, "confidence": null})
    );
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    let next = ana.next_message().await.unwrap();
    assert_eq!(next["type"], "state", "{next}");
    assert_eq!(next["phase"], "revealed", "{next}");
    assert_eq!(
        next["answer"],
        json!({"kind": "choice", "value": 1}),
        "{next}"
    );
}

/// For the benchmark, the host measures how long a reveal takes to reach its last page and says
/// so when the class moves on.
#[tokio::test]
async fn with_the_trace_on_the_host_says_how_long_a_reveal_took_to_reach_every_page() {
    let out = tempfile::tempdir().unwrap();
    let quiz = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0"])
        .args([BASICS, "--no-shuffle", "--count", "2", "--out"])
        .arg(out.path())
        .in_crate_root()
        .env("QUIZ_HOST_TRACE", "1");
    let mut host = Host::start_with(quiz);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    host.type_line("reveal");
    ana.expect_state("revealed", Some(1)).await;
    ben.expect_state("revealed", Some(1)).await;
    host.type_line("next");
    let line = host.wait_for("trace: the reveal reached 2 pages, the last ");
    assert!(line.ends_with(" ms after it"), "{line}");
}

#[tokio::test]
async fn at_the_end_the_student_takes_the_missed_questions_home_for_anki_and_as_a_bank() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[BASICS, "--no-shuffle", "--count", "2", "--out", out_dir]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    // November: wrong. Then "false": right.
    ana.answer(1, json!({"kind": "choice", "value": 1})).await;
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert!(revealed["summary"].is_null(), "{revealed}");
    host.type_line("next");
    ana.expect_state("question", Some(2)).await;
    ana.answer(2, json!({"kind": "bool", "value": false})).await;
    host.wait_for("answered 1 of 1 (question 2)");
    host.type_line("end");
    let end = ana.expect_state("ended", None).await;
    let anki = end["summary"]["missed_for_anki"].as_str().unwrap();
    assert!(anki.starts_with("#separator:tab\n"), "{anki}");
    assert!(anki.contains("In which month of 2024"), "{anki}");
    assert!(!anki.contains("already in force"), "{anki}");
    assert_eq!(
        anki.lines().filter(|l| !l.starts_with('#')).count(),
        1,
        "{anki}"
    );
    // The same miss as a bank file that `quiz play` takes: one question, the one she missed.
    let bank = end["summary"]["missed_as_bank"].as_str().unwrap();
    let kept = out.path().join("missed.yaml");
    std::fs::write(&kept, bank).unwrap();
    let checked = Quiz::new(&["check", kept.to_str().unwrap()]).run().seen();
    assert!(
        checked.contains("ok: 1 bank(s), 1 question(s)"),
        "{checked}\n{bank}"
    );
    assert!(bank.contains("In which month of 2024"), "{bank}");
    assert!(!bank.contains("already in force"), "{bank}");
}

#[tokio::test]
async fn a_self_paced_exam_student_goes_back_changes_an_answer_checks_the_list_and_hands_in() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let exam = [
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--exam",
        "--count",
        "2",
        "--out",
        out_dir,
    ];
    let mut host = Host::start(&exam);
    let mut ana = Student::join(&host, "Ana").await;
    let token = ana.token.clone().unwrap();
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    // Questions not reached yet cannot be jumped to.
    ana.send(json!({"type": "go_to", "question": 2})).await;
    assert!(
        ana.expect("error").await["message"]
            .as_str()
            .unwrap()
            .contains("already reached")
    );
    // November (wrong), then "true" (wrong): the list before handing in shows both answered.
    ana.answer(1, json!({"kind": "choice", "value": 1})).await;
    ana.taken(&json!({"kind": "choice", "value": 1})).await;
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    ana.answer(2, json!({"kind": "bool", "value": true})).await;
    ana.taken(&json!({"kind": "bool", "value": true})).await;
    ana.send(json!({"type": "next"})).await;
    let done = ana.expect_state("done", None).await;
    let listed: Vec<(u64, bool)> = done["review"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["number"].as_u64().unwrap(), q["answered"] == true))
        .collect();
    assert_eq!(listed, [(1, true), (2, true)], "{done}");
    assert!(
        done["summary"].is_null() && done["score"].is_null(),
        "{done}"
    );
    // Back to the first question: her answer is there, and she changes it to June.
    ana.send(json!({"type": "go_to", "question": 1})).await;
    let back = ana.expect_state("question", Some(1)).await;
    assert_eq!(back["answer"], json!({"kind": "choice", "value": 1}));
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    ana.taken(&json!({"kind": "choice", "value": 0})).await;
    // The host dies here; the class comes back with her place and her changed answer.
    let code = host.code.clone();
    host.kill();
    let mut host = Host::resume(out.path(), &[]);
    assert_eq!(host.code, code, "the class keeps its code");
    let mut ana = Student::rejoin(&host, &token).await;
    let again = ana.expect_state("question", Some(1)).await;
    assert_eq!(again["answer"], json!({"kind": "choice", "value": 0}));
    ana.send(json!({"type": "go_to", "question": 3})).await;
    assert_eq!(ana.expect("error").await["message"], "No such question.");
    ana.send(json!({"type": "go_to", "question": 2})).await;
    ana.expect_state("question", Some(2)).await;
    ana.send(json!({"type": "hand_in"})).await;
    let handed = ana.expect_state("done", None).await;
    assert_eq!(handed["handed_in"], true, "{handed}");
    assert!(handed["review"].is_null(), "{handed}");
    ana.send(json!({"type": "go_to", "question": 1})).await;
    assert_eq!(
        ana.expect("error").await["message"],
        "Your answers are handed in."
    );
    host.type_line("end");
    let end = ana.expect_state("ended", None).await;
    assert_eq!(end["summary"]["score"], 1.0, "{end}");
    host.exits();
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("Ana.json")).unwrap())
            .unwrap();
    assert_eq!(result["answers"][0]["answer_text"], "June", "{result:#}");
    assert_eq!(result["ending"], "finished", "{result:#}");
}

#[tokio::test]
async fn going_back_in_self_paced_practice_shows_the_feedback_and_keeps_the_answer() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--count",
        "2",
        "--out",
        out_dir,
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 1})).await;
    ana.expect_state("revealed", Some(1)).await;
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    ana.send(json!({"type": "go_to", "question": 1})).await;
    let back = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(back["result"]["verdict"], "wrong", "{back}");
    // Practice locks an answer once its feedback shows: going back changes nothing.
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    ana.expect("error").await;
    ana.send(json!({"type": "hand_in"})).await;
    assert_eq!(
        ana.expect("error").await["message"],
        "Only a self-paced exam is handed in."
    );
    host.type_line("end");
    let end = ana.expect_state("ended", None).await;
    assert_eq!(end["summary"]["score"], 0.0, "{end}");
}

#[tokio::test]
async fn a_student_given_extra_time_counts_down_a_longer_limit_and_no_one_earns_speed_points() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        "--out",
        out.path().to_str().unwrap(),
        BASICS,
        "--no-shuffle",
        "--kind",
        "single",
        "--timer",
        "60",
        "--extra-time",
        "Ana=50",
        "--extra-time",
        "Cleo=100",
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.wait_for("joined Ben (2 in class)");
    host.type_line("start");
    // Ana's page counts down 60 s and half as much again; Ben's the class's 60 s.
    let asked = ana.expect_state("question", Some(1)).await;
    assert_eq!(asked["question"]["time_limit"], 90, "{asked:#}");
    let asked = ben.expect_state("question", Some(1)).await;
    assert_eq!(asked["question"]["time_limit"], 60, "{asked:#}");
    // Both answer right at once: without --speed-bonus, the answer's point and nothing more.
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    ben.answer(1, json!({"kind": "choice", "value": 0})).await;
    host.wait_for("answered 2 of 2 (question 1)");
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(revealed["score"], 1.0, "{revealed:#}");
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
}

#[test]
fn extra_time_is_given_as_a_name_and_a_percent() {
    for wrong in ["Ana", "Ana=0", "Ana=lots", "=50", "Ana=900"] {
        Quiz::new(&["host", BASICS, "--extra-time", wrong])
            .in_crate_root()
            .run()
            .fails_with(2)
            .stderr_contains("is not NAME=PERCENT, e.g. Ana=50");
    }
}
