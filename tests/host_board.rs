//! The board on the projector: it watches a live class over the students' websocket, shows the
//! room the join code, the names, the question, the count and, at the reveal, the bars; and
//! with the teacher key the host printed, it runs the class. Nothing without the key can.

use serde_json::{Value, json};

use crate::common::Quiz;
use crate::common::live::{Host, Student};

const BASICS: &str = "tests/fixtures/basics.yaml";

/// The basics bank's single-choice question ("In which month…", June is right) and its
/// true/false one, in written order.
fn two_questions(out: &std::path::Path, extra: &[&str]) -> Host {
    let mut args = vec![
        BASICS,
        "--no-shuffle",
        "--kind",
        "single",
        "--kind",
        "true_false",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    Host::start(&args)
}

fn choice(question: &Value, text: &str) -> Value {
    let at = question["options"]
        .as_array()
        .unwrap()
        .iter()
        .position(|o| o == text)
        .expect("the choice is shown");
    json!({"kind": "choice", "value": at})
}

#[tokio::test]
async fn the_board_shows_the_code_the_names_the_question_the_count_and_the_bars() {
    let out = tempfile::tempdir().unwrap();
    let mut host = two_questions(out.path(), &[]);
    let (mut board, watching) = Student::watch(&host, json!({"code": host.code})).await;
    assert_eq!(watching["type"], "watching", "{watching}");
    assert_eq!(watching["code"], host.code.as_str());
    assert_eq!(watching["title"], "Treaty basics");
    assert_eq!(watching["control"], false);
    let link = format!("http://127.0.0.1:{}/?code={}", host.port, host.code);
    assert_eq!(watching["link"], link.as_str());
    assert!(watching["qr"].as_str().unwrap().contains("<svg"));

    // The names arrive as the students join.
    let mut students = Vec::new();
    for name in ["Ana", "Ben", "Cleo"] {
        students.push(Student::join(&host, name).await);
        host.wait_for(&format!("joined {name}"));
    }
    let lobby = board
        .wait_for_board(|v| v["phase"] == "lobby" && v["students"] == 3)
        .await;
    assert_eq!(lobby["names"], json!(["Ana", "Ben", "Cleo"]));

    // The question in large type, and the count as answers come in.
    host.type_line("start");
    let asked = board.wait_for_board(|v| v["phase"] == "question").await;
    let question = asked["question"].clone();
    assert_eq!(question["number"], 1);
    assert_eq!(question["total"], 2);
    assert!(
        question["prompt"]
            .as_str()
            .unwrap()
            .contains("In which month")
    );
    assert_eq!(question["scenario"]["title"], "Briefing an editor");
    assert_eq!(question["options"], json!(["June", "November", "December"]));
    assert_eq!(
        (asked["answered"].clone(), asked["students"].clone()),
        (json!(0), json!(3))
    );
    let picks = ["June", "June", "December"];
    for (student, pick) in students.iter_mut().zip(picks) {
        student.expect_state("question", Some(1)).await;
        student.answer(1, choice(&question, pick)).await;
    }
    let counted = board.wait_for_board(|v| v["answered"] == 3).await;
    assert_eq!(counted["phase"], "question");
    // A changed answer changes no count.
    students[2].answer(1, choice(&question, "November")).await;
    students[2].taken(&choice(&question, "November")).await;

    host.type_line("reveal");
    let revealed = board.wait_for_board(|v| v["phase"] == "revealed").await;
    let bars = &revealed["reveal"]["bars"];
    assert_eq!(
        bars,
        &json!([
            {"letter": "A", "label": "June", "count": 2, "right": true},
            {"letter": "B", "label": "November", "count": 1, "right": false},
            {"letter": "C", "label": "December", "count": 0, "right": false},
        ])
    );
    assert_eq!(revealed["answered"], 3);
    assert_eq!(revealed["reveal"]["no_answer"], 0);
    assert_eq!(revealed["reveal"]["correct"], "June");
    assert!(
        revealed["reveal"]["explanation"]
            .as_str()
            .unwrap()
            .contains("The signing took place in Pyongyang")
    );
    assert!(
        revealed["reveal"]["source"]
            .as_str()
            .unwrap()
            .starts_with("Source: ")
    );
    // Ana and Ben have the same points, so the same place; Cleo comes third.
    assert_eq!(
        revealed["leaderboard"],
        json!([
            {"place": 1, "name": "Ana", "score": 1.0},
            {"place": 1, "name": "Ben", "score": 1.0},
            {"place": 3, "name": "Cleo", "score": 0.0},
        ])
    );

    // Nothing the board showed before the reveal tells a student more than their own page.
    nothing_secret_before_the_reveal(&board.received);

    // The last question, then the end: the podium's places come from the whole class's points.
    host.type_line("next");
    board.wait_for_board(|v| v["phase"] == "question").await;
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
    let ended = board.wait_for_board(|v| v["phase"] == "ended").await;
    assert_eq!(ended["leaderboard"][0]["place"], 1);
    assert_eq!(ended["leaderboard"][1]["place"], 1);
}

#[tokio::test]
async fn a_forged_control_message_is_refused_and_changes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let mut host = two_questions(out.path(), &[]);
    let key = host.board_key();
    assert_eq!(key.len(), 32, "128 bits as hex: {key}");
    let mut ana = Student::join(&host, "Ana").await;
    ana.expect_state("lobby", None).await;

    // A student's page sends the board's commands.
    for command in ["start", "reveal", "next", "end"] {
        ana.send(json!({"type": "control", "command": command}))
            .await;
        let refused = ana.expect("error").await;
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("Only the teacher's board"),
            "{refused}"
        );
    }
    // A board that watches with the code only.
    let (mut watcher, watching) = Student::watch(&host, json!({"code": host.code})).await;
    assert_eq!(watching["control"], false);
    watcher
        .send(json!({"type": "control", "command": "end"}))
        .await;
    let refused = watcher.expect("error").await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Only the teacher's board")
    );
    // A board with a made-up key, and a page that never watched.
    let forged = if key.starts_with('0') { "1" } else { "0" }.repeat(32);
    let (_, refused) = Student::watch(&host, json!({"key": forged})).await;
    assert_eq!(refused["type"], "error");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("not this class's teacher key")
    );
    let mut stranger = Student::connect(&host).await;
    stranger
        .send(json!({"type": "control", "command": "start"}))
        .await;
    stranger.expect("error").await;

    // The class is where it was: in the lobby, and the terminal still runs it.
    let _ben = Student::join(&host, "Ben").await;
    let lobby = watcher.wait_for_board(|v| v["students"] == 2).await;
    assert_eq!(lobby["phase"], "lobby");
    assert_eq!(lobby["names"], json!(["Ana", "Ben"]));
    host.type_line("who");
    host.wait_for("2 students in class");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    let (code, seen) = host.end();
    assert_eq!(code, 0);
    assert!(!seen.iter().any(|l| l.starts_with("board:")), "{seen:#?}");
    assert!(
        seen.iter()
            .filter(|l| l.contains("the class has ended"))
            .count()
            == 1,
        "{seen:#?}"
    );
}

#[tokio::test]
async fn with_the_teacher_key_the_board_runs_a_whole_class_without_the_terminal() {
    let out = tempfile::tempdir().unwrap();
    let mut host = two_questions(out.path(), &["--no-leaderboard"]);
    let key = host.board_key();
    let (mut board, watching) = Student::watch(&host, json!({"key": key})).await;
    assert_eq!(watching["control"], true, "{watching}");
    let mut ana = Student::join(&host, "Ana").await;
    board.wait_for_board(|v| v["students"] == 1).await;

    board
        .send(json!({"type": "control", "command": "start"}))
        .await;
    host.wait_for("board: start");
    let asked = ana.expect_state("question", Some(1)).await;
    ana.answer(1, choice(&asked["question"], "June")).await;
    board.wait_for_board(|v| v["answered"] == 1).await;
    board
        .send(json!({"type": "control", "command": "reveal"}))
        .await;
    let revealed = board.wait_for_board(|v| v["phase"] == "revealed").await;
    assert!(
        revealed["leaderboard"].is_null(),
        "--no-leaderboard: {revealed}"
    );
    ana.expect_state("revealed", Some(1)).await;

    board
        .send(json!({"type": "control", "command": "next"}))
        .await;
    ana.expect_state("question", Some(2)).await;
    ana.answer(2, json!({"kind": "bool", "value": false})).await;
    // The board's count shows the answer taken before the reveal is asked for.
    board
        .wait_for_board(|v| v["phase"] == "question" && v["answered"] == 1)
        .await;
    board
        .send(json!({"type": "control", "command": "reveal"}))
        .await;
    ana.expect_state("revealed", Some(2)).await;
    board
        .send(json!({"type": "control", "command": "end"}))
        .await;
    let ended = board.wait_for_board(|v| v["phase"] == "ended").await;
    assert!(ended["leaderboard"].is_null());
    let (code, seen) = host.exits();
    assert_eq!(code, 0, "{seen:#?}");
    for line in ["board: start", "board: reveal", "board: next", "board: end"] {
        assert!(seen.iter().any(|l| l == line), "{line} in {seen:#?}");
    }
    let result = std::fs::read_to_string(out.path().join("Ana.json")).unwrap();
    let result: Value = serde_json::from_str(&result).unwrap();
    assert_eq!(result["answers"].as_array().unwrap().len(), 2, "{result:#}");
}

#[tokio::test]
async fn boards_are_few_and_stay_open_past_the_time_to_join_while_they_answer_pings() {
    let out = tempfile::tempdir().unwrap();
    let quiz = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0", BASICS])
        .args(["--no-shuffle", "--out", out.path().to_str().unwrap()])
        .env("QUIZ_HOST_LIMITS", "join=1,silence=1")
        .in_crate_root();
    let host = Host::start_with(quiz);
    let mut boards = Vec::new();
    for _ in 0..8 {
        let (board, watching) = Student::watch(&host, json!({"code": host.code})).await;
        assert_eq!(watching["type"], "watching");
        boards.push(board);
    }
    let (_, refused) = Student::watch(&host, json!({"code": host.code})).await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("8 boards watch this class already"),
        "{refused}"
    );
    // Pinged every third of a second: four pings are past the one second a page has to join.
    boards[0].answer_pings(4).await;
    // A board that closes gives its place back.
    drop(boards.pop());
    let mut again = None;
    for _ in 0..200 {
        let (board, first) = Student::watch(&host, json!({"code": host.code})).await;
        if first["type"] == "watching" {
            again = Some(board);
            break;
        }
    }
    assert!(again.is_some(), "a closed board's place is given back");
    // A message larger than a page may send closes the board, as it closes a student's page.
    boards[1].send_text("x".repeat(17 * 1024)).await;
    assert!(boards[1].closed().await);
}

/// The board's messages until the first reveal carry no key, no explanation, no source and no
/// leaderboard.
fn nothing_secret_before_the_reveal(received: &[Value]) {
    let before: Vec<&Value> = received
        .iter()
        .take_while(|m| m["view"]["phase"] != "revealed")
        .collect();
    assert!(before.len() >= 4);
    for message in before {
        let text = message.to_string();
        for secret in [
            "\"correct\"",
            "explanation",
            "\"right\"",
            "Source:",
            "Pyongyang",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(message["view"]["leaderboard"].is_null(), "{text}");
    }
}

#[tokio::test]
async fn in_a_branching_scenario_the_board_tells_what_happens_and_the_ending() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        "tests/fixtures/branching.yaml",
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let (mut board, watching) = Student::watch(&host, json!({"code": host.code})).await;
    assert_eq!(watching["title"], "The leaked memo");
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    let decision = board.wait_for_board(|v| v["phase"] == "question").await;
    assert_eq!(decision["question"]["total"], 0);
    assert!(decision["followed"].is_null());
    ana.answer(
        1,
        choice(
            &asked["question"],
            "Call the press office to confirm the memo",
        ),
    )
    .await;
    board.wait_for_board(|v| v["answered"] == 1).await;
    host.type_line("reveal");
    let revealed = board.wait_for_board(|v| v["phase"] == "revealed").await;
    let followed = &revealed["followed"];
    assert_eq!(followed["by"], "majority");
    assert!(
        followed["choice"]
            .as_str()
            .unwrap()
            .contains("Call the press office"),
        "{followed}"
    );
    assert!(
        followed["consequence"]
            .as_str()
            .unwrap()
            .contains("The press officer will not confirm"),
        "{followed}"
    );
    host.type_line("next");
    ana.expect_state("question", Some(2)).await;
    ana.answer(2, json!({"kind": "bool", "value": false})).await;
    host.wait_for("answered 1 of 1 (question 2)");
    host.type_line("reveal");
    board
        .wait_for_board(|v| v["phase"] == "revealed" && v["question"]["number"] == 2)
        .await;
    host.type_line("next");
    let ended = board.wait_for_board(|v| v["phase"] == "ended").await;
    assert_eq!(ended["ending"]["title"], "A clean scoop", "{ended}");
    assert_eq!(ended["ending"]["rating"], "best");
    host.exits();
}

#[tokio::test]
async fn the_teacher_board_comes_in_while_wrong_codes_are_refused() {
    let out = tempfile::tempdir().unwrap();
    let mut host = two_questions(out.path(), &[]);
    let key = host.board_key();
    // Ten wrong codes from this address: the gate closes for a minute.
    for _ in 0..10 {
        let (_, refused) = Student::watch(&host, json!({"code": "WRONG"})).await;
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("not this class's code"),
            "{refused}"
        );
    }
    let (_, shut) = Student::watch(&host, json!({"code": host.code})).await;
    assert_eq!(shut["type"], "error");
    assert!(
        !shut["message"]
            .as_str()
            .unwrap()
            .contains("not this class's code"),
        "{shut}"
    );
    // A made-up key meets the same closed gate; the teacher's key does not.
    let (_, forged) = Student::watch(&host, json!({"key": "0".repeat(32)})).await;
    assert_eq!(forged["message"], shut["message"]);
    let (_, watching) = Student::watch(&host, json!({"key": key})).await;
    assert_eq!(watching["type"], "watching", "{watching}");
    assert_eq!(watching["control"], true);
}
