//! A live class that stops and goes on: Ctrl-C, SIGTERM, SIGHUP or the end of the teacher's
//! input pause it, `quiz host --resume DIR` alone continues it with its banks, options, seats
//! and answers, and only `end` ends it for good.
#![cfg(unix)]

use std::path::Path;

use serde_json::{Value, json};

use crate::common::live::{Host, Student};

const BASICS: &str = "tests/fixtures/basics.yaml";

/// The results files in `dir`, by name, sorted.
fn results_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test]
async fn a_class_paused_by_sigterm_continues_with_resume_dir_alone() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--no-leaderboard",
        "--max-students",
        "2",
        "--out",
        dir,
    ]);
    let code = host.code.clone();
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 2})).await;
    ben.answer(1, json!({"kind": "choice", "value": 0})).await;
    host.wait_for("answered 2 of 2 (question 1)");
    host.type_line("reveal");
    host.type_line("next");
    ana.expect_state("question", Some(2)).await;
    ana.answer(2, json!({"kind": "bool", "value": false})).await;
    host.wait_for("answered 1 of 2 (question 2)");

    host.signal("TERM");
    ana.expect_state("paused", None).await;
    ben.expect_state("paused", None).await;
    let (status, said) = host.exits();
    assert_eq!(status, 0, "{said:#?}");
    let said = said.join("\n");
    assert!(said.contains("paused by SIGTERM"), "{said}");
    assert!(
        said.contains(&format!("quiz host --resume {dir}")),
        "{said}"
    );
    assert!(!said.contains("has ended"), "{said}");
    // The pause writes the results so far.
    assert_eq!(results_files(out.path()), ["Ana.json", "Ben.json"]);
    let paused = read_json(&out.path().join("Ana.json"));
    assert_eq!(paused["answers"].as_array().unwrap().len(), 2);

    // No bank and no option named: the class goes on as it began.
    let mut host = Host::resume(out.path(), &[]);
    assert_eq!(host.code, code, "the class keeps its code");
    let greeting = host.wait_for("Resumed:");
    assert!(
        greeting.contains("2 students back in their seats with 3 answers")
            && greeting.contains("question 2 of 7 is open"),
        "{greeting}"
    );
    assert!(
        !host.seen.join("\n").contains("Type start"),
        "{:#?}",
        host.seen
    );

    let mut ana = Student::rejoin(&host, ana.token.as_ref().unwrap()).await;
    let state = ana.expect_state("question", Some(2)).await;
    assert_eq!(state["answer"], json!({"kind": "bool", "value": false}));
    let mut ben = Student::rejoin(&host, ben.token.as_ref().unwrap()).await;
    ben.expect_state("question", Some(2)).await;
    // --max-students 2 still holds.
    let mut cat = Student::connect(&host).await;
    cat.send(json!({"type": "join", "code": code, "name": "Cat"}))
        .await;
    let full = cat.expect("error").await;
    assert_eq!(full["message"], "The class is full.");

    ben.answer(2, json!({"kind": "bool", "value": true})).await;
    host.wait_for("answered 2 of 2 (question 2)");
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(2)).await;
    // --no-leaderboard still holds.
    assert!(revealed["leaderboard"].is_null(), "{revealed}");
    let (status, said) = host.end();
    assert_eq!(status, 0, "{said:#?}");
    // The end brings the pause's files up to date rather than writing a second set.
    assert_eq!(results_files(out.path()), ["Ana.json", "Ben.json"]);
    let ended = read_json(&out.path().join("Ben.json"));
    assert_eq!(ended["answers"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_class_ended_with_end_cannot_be_resumed() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[BASICS, "--out", out.path().to_str().unwrap()]);
    Student::join(&host, "Ana").await;
    host.wait_for("joined Ana");
    let (status, _) = host.end();
    assert_eq!(status, 0);
    let before = std::fs::read(out.path().join("Ana.json")).unwrap();

    let run = Host::resuming(out.path(), &[]).run().fails_with(2);
    assert!(
        run.stderr.contains("was ended with `end`") && run.stderr.contains("quiz report"),
        "{}",
        run.stderr
    );
    assert_eq!(results_files(out.path()), ["Ana.json"]);
    assert_eq!(std::fs::read(out.path().join("Ana.json")).unwrap(), before);
}

#[tokio::test]
async fn an_open_question_s_timer_runs_again_after_a_resume() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--timer",
        "3",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    host.wait_for("question 1 of 7 open (3 s)");
    host.signal("INT");
    ana.expect_state("paused", None).await;
    let (_, said) = host.exits();
    assert!(said.join("\n").contains("paused by Ctrl-C"), "{said:#?}");

    let mut host = Host::resume(out.path(), &[]);
    let greeting = host.wait_for("Resumed:");
    assert!(greeting.contains("question 1 of 7 is open ("), "{greeting}");
    let mut ana = Student::rejoin(&host, ana.token.as_ref().unwrap()).await;
    ana.expect_state("question", Some(1)).await;
    // Nobody types reveal: the timer closes the question.
    host.wait_for("revealed question 1");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(revealed["result"]["verdict"], "unanswered");
}

#[tokio::test]
async fn a_class_paused_after_a_reveal_shows_the_reveal_again_and_moves_on() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    host.wait_for("answered 1 of 1");
    host.type_line("reveal");
    let before = ana.expect_state("revealed", Some(1)).await;
    host.signal("TERM");
    ana.expect_state("paused", None).await;
    host.exits();

    let mut host = Host::resume(out.path(), &[]);
    let greeting = host.wait_for("Resumed:");
    assert!(
        greeting.contains("question 1 of 7 was revealed; type next for question 2"),
        "{greeting}"
    );
    let mut ana = Student::rejoin(&host, ana.token.as_ref().unwrap()).await;
    let again = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(again["result"], before["result"]);
    host.type_line("next");
    host.wait_for("question 2 of 7 open");
    ana.expect_state("question", Some(2)).await;
}

#[tokio::test]
async fn a_torn_last_journal_line_is_cut_off_and_the_next_resume_accepts_the_journal() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let token = ana.token.clone().unwrap();
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 2})).await;
    host.wait_for("answered 1 of 1");
    // A script's pipe closes: the class pauses.
    host.close_input();
    let (status, said) = host.exits();
    assert_eq!(status, 0);
    assert!(
        said.join("\n")
            .contains("paused by the end of the teacher's input"),
        "{said:#?}"
    );

    // Power fails while the host writes a line.
    let journal = out.path().join("journal.jsonl");
    let mut torn = std::fs::read(&journal).unwrap();
    torn.extend_from_slice(br#"{"event":"answer","token":"#);
    std::fs::write(&journal, &torn).unwrap();

    let mut host = Host::resume(out.path(), &[]);
    let note = host.wait_for("note:");
    assert!(note.contains("last line was cut short"), "{note}");
    let mut ana = Student::rejoin(&host, &token).await;
    let state = ana.expect_state("question", Some(1)).await;
    assert_eq!(state["answer"], json!({"kind": "choice", "value": 2}));
    let changed = json!({"kind": "choice", "value": 1});
    ana.answer(1, changed.clone()).await;
    ana.taken(&changed).await;
    host.signal("HUP");
    let (status, _) = host.exits();
    assert_eq!(status, 0);

    // The torn bytes were cut off, not appended to: every line is whole.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'));
    for line in text.lines() {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
    let mut host = Host::resume(out.path(), &[]);
    host.wait_for("Resumed:");
    assert!(!host.seen.join("\n").contains("note:"), "{:#?}", host.seen);
    let mut ana = Student::rejoin(&host, &token).await;
    let state = ana.expect_state("question", Some(1)).await;
    assert_eq!(state["answer"], json!({"kind": "choice", "value": 1}));
}

#[tokio::test]
async fn a_journal_damaged_before_its_last_line_is_named_and_exits_3() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[BASICS, "--out", out.path().to_str().unwrap()]);
    Student::join(&host, "Ana").await;
    host.wait_for("joined Ana");
    host.close_input();
    let (status, _) = host.exits();
    assert_eq!(status, 0);

    // A line in the middle is garbled (an editor, a bad copy): not a crash's torn last line.
    let journal = out.path().join("journal.jsonl");
    let mut lines: Vec<String> = std::fs::read_to_string(&journal)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(lines.len() >= 3, "{lines:#?}");
    lines[1] = r#"{"event":"jo"#.to_owned();
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let before = std::fs::read(&journal).unwrap();

    let run = Host::resuming(out.path(), &[]).run().fails_with(3);
    assert!(
        run.stderr.contains("line 2 is damaged") && run.stderr.contains("journal.jsonl"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        before,
        "the journal is left as it was"
    );
}

#[tokio::test]
async fn a_bank_changed_since_the_class_began_is_named_and_refused() {
    let work = tempfile::tempdir().unwrap();
    let bank = work.path().join("basics.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(BASICS), &bank).unwrap();
    let out = work.path().join("period-2");
    let mut host = Host::start(&[bank.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    host.signal("TERM");
    host.exits();

    // Named again unchanged, with the options it began with: accepted.
    let mut host = Host::resume(&out, &[bank.to_str().unwrap()]);
    host.signal("TERM");
    host.exits();

    let mut text = std::fs::read_to_string(&bank).unwrap();
    text.push_str("# edited during the break\n");
    std::fs::write(&bank, text).unwrap();
    let run = Host::resuming(&out, &[bank.to_str().unwrap()])
        .run()
        .fails_with(2);
    assert!(
        run.stderr.contains(&format!(
            "`{}` has changed since the class began",
            bank.display()
        )),
        "{}",
        run.stderr
    );

    let run = Host::resuming(
        &out,
        &["--timer", "30", "--self-paced", "--extra-time", "Ana=50"],
    )
    .run()
    .fails_with(2);
    assert!(
        run.stderr.contains("--timer 30 (the class has no --timer)")
            && run
                .stderr
                .contains("--self-paced (the class has no --self-paced)")
            && run
                .stderr
                .contains("--extra-time Ana=50 (the class has no --extra-time)"),
        "{}",
        run.stderr
    );

    // Without the bank, the class goes on with the bank as it began, in its lobby.
    let mut host = Host::resume(&out, &[]);
    let greeting = host.wait_for("Resumed:");
    assert!(greeting.contains("in the lobby"), "{greeting}");
    host.type_line("start");
    host.wait_for("question 1 of 7 open");
}

#[test]
fn a_results_folder_that_cannot_take_the_journal_is_refused_before_the_class_starts() {
    let out = tempfile::tempdir().unwrap();
    let quiz = crate::common::Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0", BASICS])
        .arg("--out")
        .arg(out.path())
        .in_crate_root()
        // The journal's first line holds the bank, over 3 KB.
        .file_size_limit(2048);
    let output = quiz
        .command()
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("journal.jsonl") && stderr.contains("too large"),
        "{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("join code"),
        "the class did not start"
    );
    assert!(!out.path().join("journal.jsonl").exists());
}

#[tokio::test]
async fn results_that_cannot_be_written_are_named_and_resume_writes_them() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 2})).await;
    ben.answer(1, json!({"kind": "choice", "value": 1})).await;
    host.wait_for("answered 2 of 2");
    // Something takes the place of Ana's results file: it cannot be written there.
    std::fs::create_dir(out.path().join("Ana.json")).unwrap();
    host.type_line("end");
    let (status, said) = host.exits();
    assert_eq!(status, 1, "{said:#?}");
    assert!(
        said.iter().any(|l| l.starts_with("results: 1 file in")),
        "{said:#?}"
    );
    let errors = host.errors();
    assert!(
        errors.contains("the results of Ana (1 of 2) are not written")
            && errors.contains("quiz host --resume")
            && errors.contains("writes them and ends the class"),
        "{errors}"
    );
    assert_eq!(
        read_json(&out.path().join("Ben.json"))["answers"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Room again: --resume writes what is missing and ends the class, without serving it.
    std::fs::remove_dir(out.path().join("Ana.json")).unwrap();
    let run = Host::resuming(out.path(), &[]).run().succeeds();
    assert!(run.stdout.contains("results: 2 files in"), "{}", run.stdout);
    assert!(!run.stdout.contains("join code"), "{}", run.stdout);
    assert_eq!(results_files(out.path()), ["Ana.json", "Ben.json"]);
    let ana = read_json(&out.path().join("Ana.json"));
    assert_eq!(ana["answers"].as_array().unwrap().len(), 1, "{ana}");

    let run = Host::resuming(out.path(), &[]).run().fails_with(2);
    assert!(
        run.stderr.contains("was ended with `end`"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn a_disk_that_fills_during_the_class_costs_one_warning_and_no_answer() {
    // How long the journal's first line is for this class.
    let measured = tempfile::tempdir().unwrap();
    let args = |out: &Path| {
        let out = out.to_str().unwrap().to_owned();
        [BASICS, "--no-shuffle", "--seed", "1", "--out"]
            .map(str::to_owned)
            .into_iter()
            .chain([out])
            .collect::<Vec<_>>()
    };
    let mut host = Host::start(
        &args(measured.path())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    host.signal("TERM");
    host.exits();
    let journal = std::fs::read_to_string(measured.path().join("journal.jsonl")).unwrap();
    let first_line = journal.lines().next().unwrap().len() as u64 + 1;

    // The disk takes the first line and less than 2 KB more.
    let out = tempfile::tempdir().unwrap();
    let quiz = crate::common::Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0"])
        .args(args(out.path()))
        .in_crate_root()
        .file_size_limit(first_line + 600);
    let mut host = Host::start_with(quiz);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    for change in 0..12 {
        let answer = json!({"kind": "choice", "value": change % 3});
        ana.answer(1, answer.clone()).await;
        ana.taken(&answer).await;
    }
    host.wait_for_error("warning: cannot write the journal");
    // More answers, and no second warning.
    for change in 0..3 {
        let answer = json!({"kind": "choice", "value": change});
        ana.answer(1, answer.clone()).await;
        ana.taken(&answer).await;
    }
    let errors = host.errors();
    assert_eq!(
        errors.matches("warning: cannot write the journal").count(),
        1,
        "{errors}"
    );
    assert!(errors.contains("the class goes on"), "{errors}");
    // The class goes on: the last answer counts at the reveal and in the results.
    host.type_line("reveal");
    let revealed = ana.expect_state("revealed", Some(1)).await;
    assert_eq!(revealed["answer"], json!({"kind": "choice", "value": 2}));
    let (status, said) = host.end();
    assert_eq!(status, 0, "{said:#?}");
    assert!(
        said.iter()
            .any(|l| l.contains("lacks the class's last events")),
        "{said:#?}"
    );
    let results = read_json(&out.path().join("Ana.json"));
    assert_eq!(results["answers"].as_array().unwrap().len(), 1, "{results}");
}

#[tokio::test]
async fn a_self_paced_student_comes_back_at_the_question_they_had_reached() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    ana.expect_state("revealed", Some(1)).await;
    ana.send(json!({"type": "next"})).await;
    ana.expect_state("question", Some(2)).await;
    host.signal("TERM");
    ana.expect_state("paused", None).await;
    host.exits();

    let mut host = Host::resume(out.path(), &[]);
    let greeting = host.wait_for("Resumed:");
    assert!(
        greeting.contains("under way at each student's own pace"),
        "{greeting}"
    );
    let mut ana = Student::rejoin(&host, ana.token.as_ref().unwrap()).await;
    let state = ana.expect_state("question", Some(2)).await;
    assert!(state["answer"].is_null(), "{state}");
    assert_eq!(state["question"]["open"], true);
    host.type_line("who");
    host.wait_for("Ana · question 2 of 7");
}
