//! One review as a learner lives it: after each answer, when the question comes back; a wrong
//! answer asked again later in the same review; at the end, what is left and the command for it.
//! Answers come from a pipe in plain mode, days pass through `QUIZ_NOW`.

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use tempfile::TempDir;

use crate::common::{Quiz, Run};

const BANK: &str = "tests/fixtures/basics.yaml";
const DAY1: &str = "2026-01-01T09:00:00Z";

fn quiz(data: &Path, now: &str) -> Quiz {
    Quiz::new(&[])
        .in_crate_root()
        .data_dir(data)
        .now(now)
        .columns(80)
}

fn review(data: &Path, now: &str, args: &[&str], answers: &str) -> Run {
    quiz(data, now)
        .args(["review", "--plain", "--seed", "1"])
        .args(args)
        .arg(BANK)
        .stdin(answers)
        .run()
        .succeeds()
}

/// Each question's due date as the progress database keeps it.
fn stored_due_dates(data: &Path) -> Vec<(String, NaiveDate)> {
    let conn = rusqlite::Connection::open(data.join("progress.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT question_id, due FROM question_states ORDER BY first_at, question_id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .unwrap()
        .map(|row| {
            let (id, due) = row.unwrap();
            (id, DateTime::from_timestamp(due, 0).unwrap().date_naive())
        })
        .collect()
}

/// The dates in the "Next review:" lines, in the order shown.
fn told_due_dates(stdout: &str) -> Vec<NaiveDate> {
    stdout
        .lines()
        .filter(|l| l.starts_with("Next review:"))
        .map(|l| {
            let date = l.split('(').nth(1).unwrap().split(')').next().unwrap();
            date.parse().unwrap()
        })
        .collect()
}

#[test]
fn after_each_answer_the_line_says_when_it_comes_back_as_the_schedule_keeps_it() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Wrong (Again), then right and quick (Easy): every answer from a pipe is quick.
    let day1 = review(data, DAY1, &["--new", "2"], "2\nf\n");
    let stdout = day1.stdout;
    assert!(
        stdout.contains("Next review: in 8 days (2026-01-09) · rated Easy (right and quick)"),
        "{stdout}"
    );
    let told = told_due_dates(&stdout);
    let stored: Vec<NaiveDate> = stored_due_dates(data).into_iter().map(|(_, d)| d).collect();
    assert_eq!(told.len(), 2, "{stdout}");
    let mut told_sorted = told.clone();
    told_sorted.sort();
    let mut stored_sorted = stored.clone();
    stored_sorted.sort();
    assert_eq!(told_sorted, stored_sorted);
    // The end of the session counts what falls due in the coming days.
    assert!(
        stdout.contains("Next review: tomorrow (2026-01-02) · rated Again (wrong)"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("Coming up: 1 due tomorrow, 1 in the next 7 days.\n"),
        "{stdout}"
    );
}
