//! What a class, a bank and the progress database survive: a teacher's terminal that stops
//! reading, names that look blank, tags too long to draw, a damaged database and a planted link.

use crate::common::Quiz;
use crate::common::live::{Host, Student, some_answer};

const BASICS: &str = "tests/fixtures/basics.yaml";

#[tokio::test]
async fn a_teacher_terminal_that_stops_reading_does_not_hold_up_the_class() {
    let out = tempfile::tempdir().unwrap();
    // One core, as on a small classroom machine: a blocked worker would be all of them.
    let quiz = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0", BASICS])
        .args(["--no-shuffle", "--out", out.path().to_str().unwrap()])
        .env("TOKIO_WORKER_THREADS", "1")
        .in_crate_root();
    let mut host = Host::start_unread(quiz);
    // The terminal stops (Ctrl-S) after far more lines than a pipe holds.
    for _ in 0..2000 {
        host.type_line("help");
    }
    let mut students = Vec::new();
    for n in 1..=60 {
        students.push(Student::join(&host, &format!("Student {n}")).await);
    }
    host.type_line("start");
    for student in &mut students {
        let asked = student.expect_state("question", Some(1)).await;
        let answer = some_answer(&asked["question"]);
        student.answer(1, answer.clone()).await;
        student.taken(&answer).await;
    }
    host.type_line("reveal");
    for student in &mut students {
        student.expect_state("revealed", Some(1)).await;
    }

    host.read_again();
    // Where the class is comes through, after the count of the lines left out.
    host.wait_for("answered 60 of 60 (question 1)");
    host.wait_for("revealed question 1");
    let skipped: Vec<&String> = host.seen.iter().filter(|l| l.starts_with("… ")).collect();
    assert!(
        skipped.iter().any(|l| l.contains(" joins"))
            && skipped.iter().any(|l| l.contains(" answers")),
        "{skipped:#?}"
    );
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
    assert!(
        seen.iter().any(|l| l.contains("results: 60 files")),
        "{seen:#?}"
    );
}

/// A bank of one true/false question with `tags`.
fn bank_with_tags(tags: &str) -> String {
    format!(
        "id: t\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, author: A}}\nquestions:\n  \
         - id: long-tag\n    kind: true_false\n    prompt: Is it true?\n    answer: true\n    \
         explanation: Because it is.\n    source: {{id: s, section: X}}\n    tags: [{tags}]\n"
    )
}

#[test]
fn a_tag_too_long_for_a_summary_is_refused_by_check_with_its_place_and_the_limit() {
    let quiz = Quiz::new(&["check", "long.yaml"]);
    let tags = format!("dates, {}", "t".repeat(65_536));
    std::fs::write(quiz.dir().join("long.yaml"), bank_with_tags(&tags)).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = format!(
        "error: tag `{}…` has 65536 characters; a tag has at most 60",
        "t".repeat(20)
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = lines.iter().position(|l| *l == message);
    assert!(
        at.is_some(),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(
        lines[at.unwrap() + 1]
            .trim_start()
            .starts_with("--> long.yaml:13:19")
    );
    assert!(run.stderr.contains("long-tag"));
}

#[test]
fn play_refuses_a_tag_too_long_for_its_summary_instead_of_failing_at_the_end() {
    let quiz = Quiz::new(&["play", "--plain", "long.yaml"]).typing(&["t"]);
    let tags = "t".repeat(65_536);
    std::fs::write(quiz.dir().join("long.yaml"), bank_with_tags(&tags)).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
    assert!(run.stderr.contains("a tag has at most 60"));
    assert!(run.stderr.ends_with("nothing was asked\n"));
}

#[test]
fn a_tag_at_the_limit_is_fine() {
    let quiz = Quiz::new(&["check", "fine.yaml"]);
    let tags = "t".repeat(60);
    std::fs::write(quiz.dir().join("fine.yaml"), bank_with_tags(&tags)).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[tokio::test]
async fn names_that_look_blank_are_refused_with_a_reason() {
    let out = tempfile::tempdir().unwrap();
    let host = Host::start(&[BASICS, "--out", out.path().to_str().unwrap()]);
    for blank in [
        "\u{3164}",
        "\u{115f}",
        "\u{301}\u{302}\u{303}",
        " \u{3164} \u{115f} ",
    ] {
        let mut page = Student::connect(&host).await;
        page.send(serde_json::json!({"type": "join", "code": host.code, "name": blank}))
            .await;
        let refused = page.expect("error").await;
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("letter or digit"),
            "{blank:?}: {refused}"
        );
        assert!(!page.received.iter().any(|m| m["type"] == "welcome"));
    }
    Student::join(&host, "\u{d55c}\u{3164}Bo").await;
}

#[tokio::test]
async fn kick_takes_a_number_from_who_or_the_start_of_one_name_and_offers_the_name_meant() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[BASICS, "--out", out.path().to_str().unwrap()]);
    let mut pages = Vec::new();
    for name in ["Ana", "Anabel", "\u{3164}Ben", "Cleo", "Cleon"] {
        pages.push(Student::join(&host, name).await);
    }
    host.wait_for("joined Cleon (5 in class)");
    host.type_line("who");
    host.wait_for("3. \u{3164}Ben");

    host.type_line("kick 3");
    host.wait_for("removed \u{3164}Ben");
    pages[2].expect_state("removed", None).await;
    host.type_line("kick ana");
    host.wait_for("removed Ana");
    // Typed twice, a name does not pass to the student whose name it starts.
    host.type_line("kick ana");
    host.wait_for("? Ana was removed already");
    host.type_line("kick cle");
    host.wait_for("? 2 names start with cle: Cleo, Cleon");
    host.type_line("kick 3");
    host.wait_for("? 3. \u{3164}Ben was removed already");
    host.type_line("kick 9");
    host.wait_for("? no student has number 9; `who` lists them");
    // A slip of the keyboard gets the name meant, with its number.
    host.type_line("kick Cloen");
    host.wait_for("? no student is called Cloen; did you mean Cleon (number 5)?");
    host.type_line("kick Zygmunt");
    host.wait_for("? no student is called Zygmunt; `who` lists them with their numbers");
    host.type_line("kick ANAB");
    host.wait_for("removed Anabel");
    host.type_line("who");
    host.wait_for("2 students in class");
    host.wait_for("4. Cleo");
    host.wait_for("5. Cleon");
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
}

/// Every answer right, for `play --plain --no-shuffle --seed 1` of the basics bank.
const ALL_RIGHT: &str = "1\nf\n1,2\nKursk\n15000\n4 3 1 2\n1b 2a\n";

fn play_keeping_progress_in(data: &std::path::Path) -> crate::common::Run {
    Quiz::new(&["play", "--plain", "--no-shuffle", "--seed", "1", BASICS])
        .in_crate_root()
        .data_dir(data)
        .stdin(ALL_RIGHT)
        .run()
}

#[cfg(unix)]
#[test]
fn a_link_at_the_progress_database_is_refused_not_followed() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("planted.db");
    let link = data.path().join("progress.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    // Dangling: the quiz goes on unsaved, and nothing is made where the link leads.
    let played = play_keeping_progress_in(data.path()).succeeds();
    assert!(
        played.stderr.contains("is a symbolic link"),
        "{}",
        played.stderr
    );
    assert!(!target.exists());
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());

    // Leading to a database: neither read nor written through the link.
    let real = tempfile::tempdir().unwrap();
    play_keeping_progress_in(real.path()).succeeds();
    std::fs::copy(real.path().join("progress.db"), &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    for args in [
        &["stats", BASICS][..],
        &["history"],
        &["history", "--clear", "--yes"],
    ] {
        let run = Quiz::new(args)
            .in_crate_root()
            .data_dir(data.path())
            .run()
            .fails_with(1);
        assert!(
            run.stderr.contains("progress.db` is a symbolic link"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("--data-dir"), "{}", run.stderr);
    }
    play_keeping_progress_in(data.path()).succeeds();
    assert_eq!(std::fs::read(&target).unwrap(), before);
}
