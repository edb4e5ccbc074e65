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
        student.answer(1, some_answer(&asked["question"])).await;
    }
    host.type_line("reveal");
    for student in &mut students {
        student.expect_state("revealed", Some(1)).await;
    }

    host.read_again();
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
