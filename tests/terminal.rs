//! The dialoguer front end in a real pseudo-terminal: Ctrl-C mid-quiz restores the cursor,
//! keeps what was answered and exits 130.

mod common;

use std::process::Command;

use rexpect::process::WaitStatus;

#[test]
fn ctrl_c_mid_quiz_restores_the_cursor_keeps_answers_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .args(["play", "--no-shuffle", "--seed", "1", "--out", "r.json"])
        .arg(common::fixture("basics.yaml"))
        .current_dir(dir.path())
        .env("QUIZ_DATA_DIR", dir.path().join("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).expect("a pty");

    // The first question is a Select widget; Enter takes the highlighted first choice, June.
    session.exp_string("In which month of 2024").unwrap();
    session.exp_string("December").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("Right").unwrap();

    // The second question is up; the learner presses Ctrl-C.
    session.exp_string("True or false?").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();

    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is made visible again:\n{rest:?}"
    );
    assert!(rest.contains("Result (stopped with Ctrl-C)"), "{rest}");
    assert!(rest.contains("1 of 7 questions answered"), "{rest}");
    match session.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(saved["ending"], "interrupted");
    assert_eq!(saved["answers"][0]["question"], "signing-month");
    assert_eq!(saved["answers"][0]["points"], 1.0);
}

#[test]
fn ctrl_c_in_plain_mode_on_a_terminal_keeps_answers_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .args([
            "play",
            "--plain",
            "--no-shuffle",
            "--seed",
            "1",
            "--out",
            "r.json",
        ])
        .arg(common::fixture("basics.yaml"))
        .current_dir(dir.path())
        .env("QUIZ_DATA_DIR", dir.path().join("data"))
        .env("NO_COLOR", "1");
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).expect("a pty");
    session.exp_string("Your answer (1-3): ").unwrap();
    session.send_line("1").unwrap();
    session.exp_string("True or false (t/f): ").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("Result (stopped with Ctrl-C)"), "{rest}");
    match session.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
    let saved = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert!(saved.contains("\"ending\": \"interrupted\""), "{saved}");
}
