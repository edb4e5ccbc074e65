//! Studying over time, end to end: answers piped to plain mode, a temporary data folder, and an
//! injected clock (`QUIZ_NOW`) so that days pass in the test rather than in real time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;

use tempfile::TempDir;

use crate::common::{Quiz, Run, wait_for_line};

const BANK: &str = "tests/fixtures/basics.yaml";
const DAY1: &str = "2026-01-01T09:00:00Z";

/// Every answer right, for `play --no-shuffle --seed 1` (order and match items are always mixed).
const ALL_RIGHT: &str = "1\nf\n1,2\nKursk\n15000\n4 3 1 2\n1b 2a\n";
/// The same quiz with the first three answers wrong.
const THREE_WRONG: &str = "2\nt\n3\nKursk\n15000\n4 3 1 2\n1b 2a\n";

/// `quiz` on an 80-column screen, keeping progress in `data`, with the clock at `now`.
fn quiz(data: &Path, now: &str) -> Quiz {
    Quiz::new(&[])
        .in_crate_root()
        .data_dir(data)
        .now(now)
        .columns(80)
}

fn play(data: &Path, now: &str, answers: &str) -> Run {
    quiz(data, now)
        .args(["play", "--plain", "--no-shuffle", "--seed", "1", BANK])
        .stdin(answers)
        .run()
}

fn db(data: &Path) -> PathBuf {
    data.join("progress.db")
}

/// (question id, mode, points) of every recorded answer, in the order recorded.
fn rows(data: &Path) -> Vec<(String, String, f64)> {
    let conn = rusqlite::Connection::open(db(data)).unwrap();
    let mut stmt = conn
        .prepare("SELECT question_id, mode, points FROM answers ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn warnings(stderr: &str) -> usize {
    stderr.matches("progress is not being saved").count()
}

#[test]
fn play_records_every_answer_with_its_details() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, THREE_WRONG)
        .succeeds()
        .stderr_is("");
    let conn = rusqlite::Connection::open(db(data.path())).unwrap();
    let (bank, version, hash, at, answer, max, seconds): (
        String,
        u32,
        String,
        i64,
        String,
        f64,
        f64,
    ) = conn
        .query_row(
            "SELECT bank_id, bank_version, content_hash, answered_at, answer, max_points, seconds
             FROM answers WHERE question_id = 'signing-month'",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .unwrap();
    assert_eq!((bank.as_str(), version), ("basics", 1));
    assert_eq!(hash.len(), 16);
    assert_eq!(
        at, 1_767_258_000,
        "the injected clock, 2026-01-01T09:00:00Z"
    );
    assert_eq!(answer, r#"{"kind":"choice","value":1}"#);
    assert_eq!(max, 1.0);
    assert!((0.0..60.0).contains(&seconds));
    let recorded = rows(data.path());
    assert_eq!(recorded.len(), 7);
    assert!(recorded.iter().all(|(_, mode, _)| mode == "practice"));
    let points: f64 = recorded.iter().map(|(_, _, p)| p).sum();
    assert_eq!(points, 4.0);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 5);
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn no_save_and_classroom_exams_record_nothing() {
    let data = TempDir::new().unwrap();
    quiz(data.path(), DAY1)
        .args(["play", "--plain", "--no-save", BANK])
        .stdin(ALL_RIGHT)
        .run()
        .succeeds();
    let results = data.path().join("results.json");
    quiz(data.path(), DAY1)
        .args(["play", "--plain", "--exam", "--out"])
        .arg(&results)
        .arg(BANK)
        .stdin(ALL_RIGHT)
        .run()
        .succeeds();
    assert!(results.exists());
    assert!(!db(data.path()).exists());
}

#[test]
fn a_personal_exam_is_recorded_as_one() {
    let data = TempDir::new().unwrap();
    quiz(data.path(), DAY1)
        .args([
            "play",
            "--plain",
            "--exam",
            "--no-shuffle",
            "--seed",
            "1",
            "--count",
            "2",
            BANK,
        ])
        .stdin(ALL_RIGHT)
        .run()
        .succeeds();
    let modes: Vec<String> = rows(data.path()).into_iter().map(|r| r.1).collect();
    assert_eq!(modes, ["exam", "exam"]);
}

#[test]
fn the_data_dir_flag_wins_over_the_environment() {
    let env_dir = TempDir::new().unwrap();
    let flag_dir = TempDir::new().unwrap();
    quiz(env_dir.path(), DAY1)
        .args(["play", "--plain", "--count", "1", "--data-dir"])
        .arg(flag_dir.path())
        .arg(BANK)
        .stdin("1\n")
        .run()
        .succeeds();
    assert!(db(flag_dir.path()).exists());
    assert!(!db(env_dir.path()).exists());
}

#[test]
fn a_clock_that_is_not_a_time_is_refused() {
    let data = TempDir::new().unwrap();
    quiz(data.path(), "next tuesday")
        .args(["play", "--plain", BANK])
        .run()
        .fails_with(2)
        .stderr_contains("QUIZ_NOW=`next tuesday` is not an RFC 3339 time");
}

/// The quiz runs to the end, says once that progress is not saved, and exits normally.
fn assert_runs_unsaved(data: &Path) -> String {
    let out = play(data, DAY1, ALL_RIGHT).succeeds();
    assert_eq!(warnings(&out.stderr), 1, "{}", out.stderr);
    assert!(out.stdout.contains("Score: 7 of 7 points"));
    out.stderr
}

#[test]
fn a_locked_database_is_warned_about_once() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, "1\n");
    let holder = rusqlite::Connection::open(db(data.path())).unwrap();
    holder
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM answers;")
        .unwrap();
    let stderr = assert_runs_unsaved(data.path());
    assert!(stderr.contains("locked"), "{stderr}");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(rows(data.path()).len(), 1);
}

#[test]
fn a_corrupt_database_is_warned_about_and_left_as_it_is() {
    let data = TempDir::new().unwrap();
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(db(data.path()), &garbage).unwrap();
    let stderr = assert_runs_unsaved(data.path());
    assert!(stderr.contains("not a database"), "{stderr}");
    assert_eq!(std::fs::read(db(data.path())).unwrap(), garbage);
}

#[test]
fn a_data_folder_that_cannot_be_made_is_warned_about() {
    let parent = TempDir::new().unwrap();
    let file = parent.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let stderr = assert_runs_unsaved(&file.join("data"));
    assert!(stderr.contains("cannot create the data folder"), "{stderr}");
}

/// Makes a file or folder immutable until dropped: read-only even for root, which the tests run
/// as (where permission bits alone do not stop writes).
struct Immutable(Vec<PathBuf>);

impl Immutable {
    fn set(paths: &[&Path]) -> Option<Immutable> {
        let mut set = Immutable(Vec::new());
        for path in paths {
            let ok = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return None;
            }
            set.0.push(path.to_path_buf());
        }
        Some(set)
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        for path in &self.0 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(path)
                .status();
        }
    }
}

#[test]
fn a_read_only_database_is_warned_about_once() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, "1\n");
    let file = db(data.path());
    let Some(guard) = Immutable::set(&[&file, data.path()]) else {
        eprintln!(
            "skipped: `chattr +i` is not available here (no e2fsprogs, no CAP_LINUX_IMMUTABLE, \
             or a file system without the immutable flag), and as root nothing else makes a \
             file read-only"
        );
        return;
    };
    let stderr = assert_runs_unsaved(data.path());
    assert!(
        stderr.contains("readonly") || stderr.contains("unable to open"),
        "{stderr}"
    );
    drop(guard);
    assert_eq!(rows(data.path()).len(), 1);
}

/// Spawns a plain quiz whose output is read on a thread, line by line.
fn spawn_quiz(data: &Path) -> (Child, mpsc::Receiver<String>) {
    quiz(data, DAY1)
        .args(["play", "--plain", "--no-shuffle", "--seed", "1", BANK])
        .spawn_reading_lines(Stdio::null())
}

#[test]
fn killing_the_quiz_loses_no_answer_given() {
    let data = TempDir::new().unwrap();
    let (mut child, lines) = spawn_quiz(data.path());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"1\nf\n3\n").unwrap();
    stdin.flush().unwrap();
    // The fourth question is on screen: the first three have been graded.
    wait_for_line(&lines, "Question 4 of 7");
    child.kill().unwrap();
    child.wait().unwrap();
    let ids: Vec<String> = rows(data.path()).into_iter().map(|r| r.0).collect();
    assert_eq!(ids, ["signing-month", "in-force", "provisions"]);
}

#[test]
fn two_quizzes_at_once_lose_no_rows() {
    let data = TempDir::new().unwrap();
    let runs: Vec<(Child, mpsc::Receiver<String>)> =
        (0..2).map(|_| spawn_quiz(data.path())).collect();
    for (mut child, lines) in runs {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(ALL_RIGHT.as_bytes()).unwrap();
        drop(stdin);
        wait_for_line(&lines, "Score: 7 of 7 points");
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(rows(data.path()).len(), 14);
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

/// The first lines of a review, up to the first question, and its last lines after the result.
fn ends(stdout: &str) -> String {
    let head: Vec<&str> = stdout
        .lines()
        .take_while(|l| !l.starts_with("Question"))
        .collect();
    let tail = stdout.rsplit("── Result").next().unwrap_or("");
    format!("{}\n[...]\n── Result{tail}", head.join("\n"))
}

#[test]
fn review_over_days_asks_what_is_due_then_mistakes_then_new() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Day 1: three new questions; wrong, right, half right. The first comes back at the end, and
    // the learner leaves there (the input ends).
    let day1 = review(data, DAY1, &["--new", "3"], "2\nf\n1\n");
    insta::assert_snapshot!("review_day1_new", day1.stdout);
    // The two mistakes can be gone over again at once: the ending says so, not "come back tomorrow".
    let end = day1.stdout.rsplit("── Result").next().unwrap();
    assert!(
        end.contains("2 recent mistakes to go over again now: run `quiz review --mistakes`."),
        "{end}"
    );
    assert!(
        end.contains("Nothing else is due today. The next question is due tomorrow"),
        "{end}"
    );

    // An hour later: only the two that were not right.
    let later = review(data, "2026-01-01T10:00:00Z", &["--mistakes"], "1\n");
    let later = later.stdout;
    assert!(later.contains("2 recent mistakes · 2 questions"), "{later}");
    assert!(later.find("In which month").unwrap() < later.find("Which of these").unwrap());

    // Day 3: the half-right one and the mistake are due (a day each, the half-right one first as
    // it fell due an hour earlier), then one new question as --count allows.
    let day3 = review(
        data,
        "2026-01-03T09:00:00Z",
        &["--new", "3", "--count", "3"],
        "1,3\n1\nKursk\n",
    );
    insta::assert_snapshot!("review_day3_due_then_new", ends(&day3.stdout));

    // Later that day, with one new question a day: nothing left, and it says when to come back.
    let done = review(data, "2026-01-03T18:00:00Z", &["--new", "1"], "");
    insta::assert_snapshot!("review_day3_nothing_left", done.stdout);
}

#[test]
fn the_most_overdue_question_comes_first() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Day 1: wrong (due day 2) and right and fast (due day 16).
    review(data, DAY1, &["--new", "2"], "2\nf\n");
    let day20 = review(data, "2026-01-20T09:00:00Z", &["--new", "0"], "");
    let out = day20.stdout;
    assert!(
        out.starts_with("Review · 2026-01-20 · 2 due · 2 questions"),
        "{out}"
    );
    assert!(
        out.contains("Question 1 of 2 · 1 point\nIn which month"),
        "{out}"
    );
}

#[test]
fn a_material_edit_restarts_the_schedule_and_a_cosmetic_one_does_not() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    review(data, DAY1, &["--new", "2"], "1\nf\n");
    let original = std::fs::read_to_string(BANK).unwrap();
    let edited = |from: &str, to: &str| {
        let path = data.join("edited.yaml");
        assert!(original.contains(from));
        std::fs::write(&path, original.replace(from, to)).unwrap();
        path
    };
    let ask = |bank: &Path| {
        quiz(data, "2026-01-02T09:00:00Z")
            .args(["review", "--plain", "--new", "0"])
            .arg(bank)
            .run()
            .stdout
    };
    let cosmetic = edited("three days later.", "three days after that.");
    assert!(ask(&cosmetic).starts_with("Nothing is due."));
    let material = edited("already in force.", "in force by then.");
    let out = ask(&material);
    assert!(
        out.starts_with("Review · 2026-01-02 · 1 due · 1 question"),
        "{out}"
    );
    assert!(out.contains("in force by then"), "{out}");
}

#[test]
fn review_runs_from_scratch_on_a_corrupt_database() {
    let data = TempDir::new().unwrap();
    std::fs::write(db(data.path()), "garbage, not SQLite").unwrap();
    let out = review(data.path(), DAY1, &["--new", "2"], "1\nf\n");
    assert_eq!(warnings(&out.stderr), 1, "{}", out.stderr);
    assert!(out.stdout.contains("2 new · 2 questions"));
}

#[test]
fn review_refuses_an_unknown_bank() {
    let data = TempDir::new().unwrap();
    quiz(data.path(), DAY1)
        .args(["review", "--bank", "nope", BANK])
        .run()
        .fails_with(2)
        .stderr_contains("no bank has the id `nope`; the banks loaded are: basics");
}

#[test]
fn when_nothing_is_due_it_says_when_and_offers_new_questions() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Right and fast: Easy, due in 8 days.
    review(data, DAY1, &["--new", "1"], "1\n");
    let day2 = review(data, "2026-01-02T09:00:00Z", &["--new", "1"], "");
    let out = day2.stdout;
    assert!(
        out.starts_with(
            "Nothing is due. The next question is due in 7 days (2026-01-09). \
             Meanwhile, some new questions.\nReview · 2026-01-02 · 1 new · 1 question"
        ),
        "{out}"
    );
}

#[test]
fn a_higher_retention_brings_questions_back_sooner() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Right and fast: Easy, due in 8 days at 90%, in 3 at 95%.
    review(data, DAY1, &["--new", "1"], "1\n");
    let day2 = review(
        data,
        "2026-01-02T09:00:00Z",
        &["--new", "0", "--retention", "0.95"],
        "",
    );
    assert!(
        day2.stdout
            .starts_with("Nothing is due. The next question is due in 2 days (2026-01-04)."),
        "{}",
        day2.stdout
    );
    let day4 = review(
        data,
        "2026-01-04T09:00:00Z",
        &["--new", "0", "--retention", "0.95"],
        "",
    );
    assert!(
        day4.stdout.starts_with("Review · 2026-01-04 · 1 due"),
        "{}",
        day4.stdout
    );
    quiz(data, DAY1)
        .args(["review", "--retention", "0.5", BANK])
        .run()
        .fails_with(2)
        .stderr_contains("a retention is a number from 0.7 to 0.97");
}

fn stats(data: &Path, now: &str, columns: u16, args: &[&str]) -> String {
    quiz(data, now)
        .columns(columns)
        .arg("stats")
        .args(args)
        .arg(BANK)
        .run()
        .succeeds()
        .stdout
}

#[test]
fn stats_on_an_empty_history_say_so_and_create_nothing() {
    let data = TempDir::new().unwrap();
    let shown = stats(data.path(), DAY1, 80, &[]);
    insta::assert_snapshot!("stats_empty", shown);
    let json: serde_json::Value =
        serde_json::from_str(&stats(data.path(), DAY1, 80, &["--json"])).unwrap();
    assert_eq!(json["answers"], 0);
    assert_eq!(json["unseen"], 7);
    assert_eq!(json["banks"][0]["accuracy"], serde_json::Value::Null);
    assert_eq!(json["banks"][0]["recall"], serde_json::Value::Null);
    assert!(!db(data.path()).exists());
}

/// Three study days: a review on day 1, the mistakes on day 2, a full quiz on day 4.
fn three_days_of_study(data: &Path) {
    review(data, DAY1, &["--new", "3"], "2\nf\n1\n");
    review(data, "2026-01-02T08:00:00Z", &["--mistakes"], "1\n1,3\n");
    play(data, "2026-01-04T09:00:00Z", THREE_WRONG).succeeds();
}

/// Output piped to a file or a pager follows `COLUMNS` when there is no window to measure.
#[test]
fn piped_output_of_a_played_quiz_and_of_stats_fits_columns_60() {
    let data = TempDir::new().unwrap();
    let played = quiz(data.path(), DAY1)
        .columns(60)
        .args(["play", "--plain", "--no-shuffle", "--seed", "1", BANK])
        .stdin(THREE_WRONG)
        .run()
        .succeeds()
        .stdout;
    let shown = stats(data.path(), "2026-01-01T20:00:00Z", 60, &[]);
    assert!(played.contains("Why:"), "{played}");
    assert!(shown.contains("basics"), "{shown}");
    for (what, output) in [("the played quiz", &played), ("stats", &shown)] {
        for line in output.lines() {
            assert!(
                line.chars().count() <= 60,
                "{what}: a line wider than 60 columns:\n{line}\n\n{output}"
            );
        }
    }
}

#[test]
fn stats_show_progress_per_bank_and_tag_with_a_sparkline_and_the_weakest() {
    let data = TempDir::new().unwrap();
    three_days_of_study(data.path());
    let shown = stats(data.path(), "2026-01-04T20:00:00Z", 80, &[]);
    insta::assert_snapshot!("stats_three_days", shown);
    for line in shown.lines() {
        assert!(line.chars().count() < 80, "too wide: {line}");
    }
    let narrow = stats(data.path(), "2026-01-04T20:00:00Z", 50, &[]);
    for line in narrow.lines().filter(|l| l.contains('▓')) {
        assert!(line.chars().count() < 50, "too wide: {line}");
    }
    // On a phone-sized terminal every line still fits: nothing wraps.
    let phone = stats(data.path(), "2026-01-04T20:00:00Z", 40, &[]);
    for line in phone.lines() {
        assert!(
            line.chars().count() < 40,
            "too wide at 40:\n{line}\n\n{phone}"
        );
    }
    assert!(phone.contains("  basics\n      ▓▓▓"), "{phone}");
}

#[test]
fn stats_as_json_for_scripts() {
    let data = TempDir::new().unwrap();
    three_days_of_study(data.path());
    let json: serde_json::Value = serde_json::from_str(&stats(
        data.path(),
        "2026-01-04T20:00:00Z",
        80,
        &["--json", "--bank", "basics"],
    ))
    .unwrap();
    assert_eq!(json["answers"], 12);
    assert_eq!(json["study_days"], 3);
    assert_eq!(json["streak_days"], 1, "day 3 was skipped");
    assert_eq!(json["banks"][0]["seen"], 7);
    assert_eq!(json["daily"].as_array().unwrap().len(), 30);
    assert_eq!(json["daily"][29]["date"], "2026-01-04");
    assert_eq!(json["daily"][29]["answers"], 7);
    assert_eq!(json["weakest"][0]["question"], "signing-month");
    // Answered hours ago at most: each question is still very likely remembered.
    let recall = json["banks"][0]["recall"].as_f64().unwrap();
    assert!((0.9..1.0).contains(&recall), "{recall}");
    // The streak survives until the day is over.
    let next_day: serde_json::Value =
        serde_json::from_str(&stats(data.path(), "2026-01-05T08:00:00Z", 80, &["--json"])).unwrap();
    assert_eq!(next_day["streak_days"], 1);
    assert_eq!(next_day["studied_today"], false);
}

#[test]
fn a_question_with_a_stable_interval_counts_as_mastered() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Right and fast on day 1 (due in 8 days), and again when it falls due (due in 66 days).
    review(data, DAY1, &["--new", "1"], "1\n");
    review(data, "2026-01-09T09:00:00Z", &["--new", "0"], "1\n");
    let json: serde_json::Value =
        serde_json::from_str(&stats(data, "2026-01-09T10:00:00Z", 80, &["--json"])).unwrap();
    assert_eq!(json["banks"][0]["mastered"], 1);
    let tag = &json["tags"][0];
    assert_eq!(
        (tag["name"].as_str(), tag["mastery"].as_f64()),
        (Some("dates"), Some(1.0 / 3.0))
    );
    assert_eq!(json["due_this_week"], 0);
}

fn history(data: &Path, args: &[&str]) -> Run {
    quiz(data, DAY1)
        .arg("history")
        .args(args)
        .stdin("y\n")
        .run()
}

#[test]
fn history_shows_what_is_recorded_and_where() {
    let data = TempDir::new().unwrap();
    let out = history(data.path(), &[]);
    assert!(out.stdout.starts_with("No progress recorded yet"));
    play(data.path(), DAY1, ALL_RIGHT);
    let out = history(data.path(), &[]);
    let shown = out
        .stdout
        .replace(&data.path().display().to_string(), "[DATA]");
    insta::assert_snapshot!("history_listing", shown);
}

/// `quiz history | head -0`: the reader is gone before quiz writes a word. The output stops
/// there, quietly: no panic, exit 0; the other commands that print a listing likewise.
#[test]
fn a_listing_read_by_a_pipe_that_closed_at_once_ends_quietly() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT);
    let listings: [&[&str]; 5] = [
        &["history"],
        &["history", "--clear", "--yes", "--bank", "other"],
        &["stats"],
        &["list"],
        &["schema"],
    ];
    for args in listings {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = quiz(data.path(), DAY1)
            .args(args)
            .command()
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("quiz runs");
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {said}");
        assert!(!said.contains("panicked"), "{args:?}: {said}");
    }
    assert_eq!(rows(data.path()).len(), 7, "nothing was deleted");
}

#[test]
fn clearing_history_needs_yes_when_input_is_not_a_terminal() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT);
    let out = history(data.path(), &["--clear"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("not deleting 7 recorded answers without confirmation"),
        "{}",
        out.stderr
    );
    assert_eq!(rows(data.path()).len(), 7);

    history(data.path(), &["--clear", "--bank", "other", "--yes"])
        .stdout_is("No answers of bank `other` recorded; nothing to delete.\n");
    history(data.path(), &["--clear", "--bank", "basics", "--yes"])
        .stdout_is("Deleted 7 answers of bank `basics`.\n");
    assert!(rows(data.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn clearing_history_on_a_terminal_asks_first() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT);
    let ask = |key: &str| {
        let quiz = Quiz::new(&["history", "--clear"]).data_dir(data.path());
        let mut session = quiz.on_a_terminal();
        session
            .exp_string("Delete 7 recorded answers from")
            .unwrap();
        session.exp_string("This cannot be undone").unwrap();
        session.send(key).unwrap();
        session.flush().unwrap();
        session.exp_eof().unwrap()
    };
    assert!(ask("n").contains("Nothing deleted."));
    assert_eq!(rows(data.path()).len(), 7);
    assert!(ask("y").contains("Deleted 7 answers."));
    assert!(rows(data.path()).is_empty());
}

/// What the schedule shows a learner: the statistics on two later days and the review queue.
fn schedule_seen(data: &Path, bank: &Path) -> String {
    let mut seen = String::new();
    for now in ["2026-01-05T09:00:00Z", "2026-01-20T09:00:00Z"] {
        seen += &quiz(data, now)
            .args(["stats", "--json"])
            .arg(bank)
            .run()
            .succeeds()
            .stdout;
        seen += &quiz(data, now)
            .args(["review", "--plain", "--seed", "1", "--new", "0"])
            .arg(bank)
            .run()
            .stdout;
    }
    seen
}

/// Takes a database back to schema version 3: no answer tallies, marks by the last answer's id.
const BEFORE_TALLIES: &str = "DROP TRIGGER answer_inserted; DROP TRIGGER answer_deleted;
    DROP TRIGGER answer_edited; DROP TABLE answer_tallies; DROP TABLE state_banks;
    CREATE TABLE state_banks (bank_id TEXT PRIMARY KEY, rules INTEGER NOT NULL,
        answers INTEGER NOT NULL, last_id INTEGER NOT NULL, states INTEGER NOT NULL) WITHOUT ROWID;
    PRAGMA user_version = 3;";

/// Takes a database back to schema version 1: answers only, replayed to make every schedule.
fn before_schedules() -> String {
    format!(
        "{BEFORE_TALLIES} DROP TABLE parameters; DROP TABLE question_states;
         DROP TABLE state_banks; DROP INDEX answers_by_time; PRAGMA user_version = 1;"
    )
}

fn sql(data: &Path, statements: &str) {
    let conn = rusqlite::Connection::open(db(data)).unwrap();
    conn.execute_batch(statements).unwrap();
}

#[test]
fn the_schedule_kept_beside_the_answers_is_rebuilt_from_them_and_agrees_with_a_replay() {
    let kept = TempDir::new().unwrap();
    three_days_of_study(kept.path());
    let expected = schedule_seen(kept.path(), Path::new(BANK));
    assert!(expected.contains("\"due_this_week\""), "{expected}");

    let tamperings = [
        // Deleted.
        "DELETE FROM question_states; DELETE FROM state_banks;",
        // Copied from a release that had no schedule table.
        &before_schedules(),
        // Copied from a release that kept no parameters.
        &format!("{BEFORE_TALLIES} DROP TABLE parameters; PRAGMA user_version = 2;"),
        // Copied from a release that told current states by the last answer's id.
        BEFORE_TALLIES,
        // Written by older rules (the wrong dates show it is not used as it is).
        "UPDATE state_banks SET rules = 0; UPDATE question_states SET due = 0;",
        // Damaged.
        "UPDATE question_states SET card_state = 'broken';",
    ];
    for tampering in tamperings {
        let data = TempDir::new().unwrap();
        three_days_of_study(data.path());
        sql(data.path(), tampering);
        assert_eq!(
            schedule_seen(data.path(), Path::new(BANK)),
            expected,
            "after {tampering}"
        );
    }

    // Answers deleted or edited by another program: the states no longer match the answers.
    // (Editing the last answer keeps the count and the last id the same.)
    let edits = [
        "DELETE FROM answers WHERE id = 2;",
        "UPDATE answers SET points = max_points - points WHERE id = (SELECT max(id) FROM answers);",
    ];
    for edit in edits {
        let replayed = TempDir::new().unwrap();
        three_days_of_study(replayed.path());
        sql(replayed.path(), &format!("{edit} {}", before_schedules()));
        let replay = schedule_seen(replayed.path(), Path::new(BANK));
        assert_ne!(replay, expected, "{edit} changes the schedule");
        let data = TempDir::new().unwrap();
        three_days_of_study(data.path());
        sql(data.path(), edit);
        assert_eq!(
            schedule_seen(data.path(), Path::new(BANK)),
            replay,
            "after {edit}"
        );
    }
}

#[test]
fn after_a_material_edit_the_kept_schedule_agrees_with_a_replay() {
    let original = std::fs::read_to_string(BANK).unwrap();
    let edit = |data: &Path| {
        let path = data.join("edited.yaml");
        std::fs::write(
            &path,
            original.replace("already in force.", "in force by then."),
        )
        .unwrap();
        path
    };
    let kept = TempDir::new().unwrap();
    three_days_of_study(kept.path());
    let expected = schedule_seen(kept.path(), &edit(kept.path()));
    assert_ne!(expected, schedule_seen(kept.path(), Path::new(BANK)));

    let rebuilt = TempDir::new().unwrap();
    three_days_of_study(rebuilt.path());
    sql(rebuilt.path(), "DELETE FROM question_states;");
    assert_eq!(
        schedule_seen(rebuilt.path(), &edit(rebuilt.path())),
        expected
    );
}

/// The bank with one question's material changed, written beside the progress in `data`.
fn edited_bank(data: &Path) -> PathBuf {
    let original = std::fs::read_to_string(BANK).unwrap();
    let path = data.join("edited.yaml");
    std::fs::write(
        &path,
        original.replace("already in force.", "in force by then."),
    )
    .unwrap();
    path
}

#[test]
fn answers_given_while_a_question_was_edited_do_not_count_once_the_edit_is_undone() {
    let study = |data: &Path| {
        three_days_of_study(data);
        // A review of the bank as it is: every kept state is found to agree with its file.
        review(data, "2026-01-04T10:00:00Z", &["--new", "0"], "");
        // The author edits a question, everything is answered once more, the edit is undone.
        quiz(data, "2026-01-04T11:00:00Z")
            .args(["play", "--plain", "--no-shuffle", "--seed", "1"])
            .arg(edited_bank(data))
            .stdin(ALL_RIGHT)
            .run()
            .succeeds();
    };
    let kept = TempDir::new().unwrap();
    study(kept.path());
    let seen = schedule_seen(kept.path(), Path::new(BANK));

    let rebuilt = TempDir::new().unwrap();
    study(rebuilt.path());
    sql(rebuilt.path(), "DELETE FROM question_states;");
    assert_eq!(schedule_seen(rebuilt.path(), Path::new(BANK)), seen);
}

#[test]
fn review_and_stats_never_read_another_banks_answers() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    three_days_of_study(data);
    let expected = schedule_seen(data, Path::new(BANK));
    // A row of another bank that cannot be read as an answer: reading it would be an error.
    sql(
        data,
        "INSERT INTO answers (bank_id, bank_version, question_id, content_hash, answered_at, mode,
             answer, points, max_points, seconds) VALUES ('other', 1, 'q', 'h', 'not a time',
             'practice', '{}', 'no points', 1, 1);",
    );
    let day5 = review(data, "2026-01-05T09:00:00Z", &["--new", "0"], "");
    assert_eq!(warnings(&day5.stderr), 0, "{}", day5.stderr);
    assert_eq!(schedule_seen(data, Path::new(BANK)), expected);
}

// A damaged progress database

#[test]
fn one_unreadable_row_is_left_out_with_a_warning_and_the_rest_still_count() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT).succeeds();
    let conn = rusqlite::Connection::open(db(data.path())).unwrap();
    conn.execute(
        "INSERT INTO answers (bank_id, bank_version, question_id, content_hash, answered_at, mode,
                              answer, points, max_points, seconds)
         SELECT bank_id, bank_version, question_id, content_hash, answered_at + 60, mode, answer,
                X'00ff', max_points, seconds FROM answers LIMIT 1",
        [],
    )
    .unwrap();
    drop(conn);
    quiz(data.path(), DAY1).args(["history"]).run().succeeds();
    let stats = quiz(data.path(), DAY1)
        .args(["stats", "--json", BANK])
        .run()
        .succeeds();
    assert!(stats.stderr.contains("1 row of"), "{}", stats.stderr);
    assert!(stats.stdout.contains("\"answers\": 7"), "{}", stats.stdout);

    // Review rebuilds the schedule from the answers, and counts the row it left out then.
    review(data.path(), DAY1, &["--new", "0"], "");
    let again = quiz(data.path(), DAY1)
        .args(["stats", "--json", BANK])
        .run()
        .succeeds();
    assert_eq!(again.stderr, stats.stderr);
    assert_eq!(again.stdout, stats.stdout);
}

#[cfg(unix)]
#[test]
fn stats_and_history_read_a_database_in_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT).succeeds();
    let folder = data.path().to_path_buf();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores folder permissions: there the folder stays writable and this reads as usual.
    let stats = quiz(&folder, DAY1).args(["stats", "--json", BANK]).run();
    let history = quiz(&folder, DAY1).args(["history"]).run();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    stats.succeeds();
    assert!(
        history.succeeds().stdout.contains("basics: 7 answers"),
        "the history is read"
    );
}

/// Damages a page in the middle of the database in `data`; the file as damaged.
fn damage_a_page(data: &Path) -> Vec<u8> {
    let path = db(data);
    // Checkpoint the log into the file, then damage a page in the middle of it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    assert!(pages >= 3, "{pages} pages");
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    for byte in &mut bytes[page + 16..2 * page] {
        *byte = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    bytes
}

#[test]
fn a_damaged_database_is_not_written_into_and_the_quiz_goes_on() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT).succeeds();
    let path = db(data.path());
    let before = damage_a_page(data.path());

    let run = play(data.path(), DAY1, ALL_RIGHT).succeeds();
    assert!(run.stderr.contains("damaged"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing was written into it"
    );
}

#[test]
fn stats_reads_what_is_left_of_a_damaged_database_as_history_does() {
    let data = TempDir::new().unwrap();
    play(data.path(), DAY1, ALL_RIGHT).succeeds();
    let before = damage_a_page(data.path());
    let played = play(data.path(), DAY1, ALL_RIGHT).succeeds();
    assert!(
        played
            .stderr
            .contains("`quiz stats` may still read what is left"),
        "{}",
        played.stderr
    );

    let history = quiz(data.path(), DAY1).args(["history"]).run();
    assert!(history.succeeds().stdout.contains("basics: 7 answers"));
    let stats = quiz(data.path(), DAY1).args(["stats", BANK]).run();
    let json = quiz(data.path(), DAY1)
        .args(["stats", "--json", BANK])
        .run();
    for run in [&stats, &json] {
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("is damaged (database disk image is malformed); what is left"),
            "{}",
            run.stderr
        );
    }
    assert!(stats.stdout.contains("Treaty basics"), "{}", stats.stdout);
    assert_eq!(json.json()["answers"], 7, "{}", json.stdout);
    assert_eq!(std::fs::read(db(data.path())).unwrap(), before);
}

/// (question id, days until due) of every kept state, by question.
fn intervals(data: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(db(data)).unwrap();
    let mut stmt = conn
        .prepare("SELECT question_id, scheduled_days FROM question_states ORDER BY question_id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn count_rows(data: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db(data)).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn optimizing_with_too_few_reviews_says_how_many_and_changes_nothing() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    play(data, DAY1, ALL_RIGHT).succeeds();
    play(data, "2026-01-02T09:00:00Z", THREE_WRONG).succeeds();
    let marks = count_rows(data, "state_banks");
    let before = intervals(data);
    let run = quiz(data, "2026-01-03T09:00:00Z")
        .args(["review", "--optimize", BANK])
        .run()
        .succeeds();
    assert!(
        run.stdout.contains("needs at least 64 reviews")
            && run
                .stdout
                .contains("there are 7 so far. Nothing was changed."),
        "{}",
        run.stdout
    );
    assert_eq!(count_rows(data, "parameters"), 0);
    assert_eq!(count_rows(data, "state_banks"), marks);
    assert_eq!(intervals(data), before);
    assert_eq!(rows(data).len(), 14);
}

#[test]
fn optimizing_fits_the_learners_parameters_and_later_intervals_follow_them() {
    let dir = TempDir::new().unwrap();
    let bank = dir.path().join("facts.yaml");
    let mut yaml = String::from(
        "id: facts\ntitle: Facts\nversion: 1\nsources:\n  - id: list\n    title: The list\n    author: A teacher\nquestions:\n",
    );
    for i in 0..30 {
        yaml += &format!(
            "  - id: q{i:02}\n    kind: true_false\n    prompt: Statement {i} is true.\n    \
             answer: true\n    explanation: It is on the list.\n    \
             source: {{id: list, section: Item {i}}}\n"
        );
    }
    std::fs::write(&bank, yaml).unwrap();
    let data = dir.path().join("data");
    let facts = |data: &Path, now: &str, args: &[&str], answers: String| {
        quiz(data, now)
            .args(args)
            .arg(&bank)
            .stdin(answers)
            .run()
            .succeeds()
    };
    // Every question each study day, each right (and quick) except a quarter, in turn, after the
    // first day: 30 questions on 9 days, 240 answers on a later day than the one before.
    let days = [
        "01-01", "01-02", "01-04", "01-07", "01-11", "01-16", "01-22", "01-29", "02-06",
    ];
    for (day, date) in days.iter().enumerate() {
        let answers: String = (0..30)
            .map(|i| {
                if day > 0 && (i + day) % 4 == 0 {
                    "f\n"
                } else {
                    "t\n"
                }
            })
            .collect();
        facts(
            &data,
            &format!("2026-{date}T09:00:00Z"),
            &["play", "--plain", "--no-shuffle", "--count", "all"],
            answers,
        );
    }
    // The same history, left with the default parameters.
    let defaults = dir.path().join("defaults");
    std::fs::create_dir(&defaults).unwrap();
    std::fs::copy(db(&data), db(&defaults)).unwrap();

    let fitted = facts(
        &data,
        "2026-02-06T10:00:00Z",
        &["review", "--optimize"],
        String::new(),
    );
    assert!(
        fitted
            .stdout
            .starts_with("Fitted the scheduler's 21 parameters to your 240 reviews."),
        "{}",
        fitted.stdout
    );
    assert!(fitted.stdout.contains("log loss"), "{}", fitted.stdout);
    assert_eq!(count_rows(&data, "parameters"), 1);
    // The states are to be rebuilt under the new parameters; the answers are all there.
    assert_eq!(count_rows(&data, "state_banks"), 0);
    assert_eq!(count_rows(&data, "answers"), 270);

    // A later review rebuilds the states: the same answers now give other intervals.
    for data in [&data, &defaults] {
        facts(
            data,
            "2026-03-20T09:00:00Z",
            &[
                "review", "--plain", "--seed", "1", "--new", "0", "--count", "1",
            ],
            "t\n".into(),
        );
    }
    let (mine, default) = (intervals(&data), intervals(&defaults));
    assert_eq!(mine.len(), 30);
    assert_eq!(default.len(), 30);
    assert_ne!(mine, default);
}
