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

/// The dates in the "Next review:" lines, in the order shown (a question asked again later in
/// the session has none yet).
fn told_due_dates(stdout: &str) -> Vec<NaiveDate> {
    stdout
        .lines()
        .filter(|l| l.starts_with("Next review:") && !l.contains("later in this session"))
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
    // Wrong (Again), then right and quick (Easy): every answer from a pipe is quick. The first
    // comes back at the end of the review and is answered right.
    let day1 = review(data, DAY1, &["--new", "2"], "2\nf\n1\n");
    let stdout = day1.stdout;
    assert!(
        stdout.contains("Next review: in 8 days (2026-01-09) · rated Easy (right and quick)"),
        "{stdout}"
    );
    let told = told_due_dates(&stdout);
    let stored: Vec<NaiveDate> = stored_due_dates(data).into_iter().map(|(_, d)| d).collect();
    assert_eq!(told.len(), 2, "{stdout}");
    assert_eq!(stored.len(), 2);
    let mut told_sorted = told.clone();
    told_sorted.sort();
    let mut stored_sorted = stored.clone();
    stored_sorted.sort();
    assert_eq!(told_sorted, stored_sorted);
    // The end of the session counts what falls due in the coming days.
    assert!(
        stdout.contains(
            "Next review: later in this session, until answered right · rated Again (wrong)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("Coming up: 1 due tomorrow, 1 in the next 7 days.\n"),
        "{stdout}"
    );
}

/// The words of each question asked, in the order asked, from a plain review's output.
fn asked(stdout: &str) -> Vec<String> {
    let lines: Vec<&str> = stdout.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("Question "))
        .map(|(i, _)| lines[i + 1].to_owned())
        .collect()
}

#[test]
fn a_wrong_answer_comes_back_later_in_the_same_review_until_it_is_right() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Five new questions: the first answered wrong, then the others right; it comes back after
    // three others, is wrong again, and comes back at the end, where it is answered right.
    let run = review(
        data,
        DAY1,
        &["--new", "5"],
        "2\nf\n1,3\nKursk\n3\n3 1 2 4\n1\n",
    );
    let stdout = run.stdout;
    let asked = asked(&stdout);
    let month = "In which month of 2024 did the two leaders sign the treaty?";
    let at: Vec<usize> = (0..asked.len()).filter(|&i| asked[i] == month).collect();
    assert_eq!(at, [0, 4, 6], "{stdout}");
    assert_eq!(
        stdout
            .matches("── Once more: a question you missed earlier ──")
            .count(),
        2,
        "{stdout}"
    );
    // Only the first answer counts in the score; every answer is recorded.
    assert!(
        stdout.contains("Score: 4 of 5 points (80%) · 5 of 5 questions answered"),
        "{stdout}"
    );
    let conn = rusqlite::Connection::open(data.join("progress.db")).unwrap();
    let answers: i64 = conn
        .query_row(
            "SELECT count(*) FROM answers WHERE question_id = 'signing-month'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(answers, 3);
    // Right in the end: no mistake left to go over.
    assert!(!stdout.contains("quiz review --mistakes"), "{stdout}");
}

#[test]
fn a_scenario_question_due_on_its_own_comes_with_its_scenario() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Day 1: the scenario's first question right (due in 8 days), its second wrong and then right.
    review(data, DAY1, &["--new", "2"], "1\nt\nf\n");
    // Day 2: only the second is due, asked without the first.
    let day2 = review(data, "2026-01-02T09:00:00Z", &["--new", "0"], "f\n").stdout;
    assert!(
        day2.contains(
            "── Scenario: Briefing an editor ──\nIt is 1 December 2024. Your editor asks \
             whether the new treaty is already\nbinding.\n\nQuestion 1 of 1 · 1 point\n\
             On 1 December 2024 the treaty was already in force."
        ),
        "{day2}"
    );
}

/// The lines after the result, where the review says what is left.
fn end_of(stdout: &str) -> String {
    let tail = stdout.rsplit("── Result").next().unwrap_or("");
    let after_tags = tail.split("\n\n").last().unwrap_or("");
    after_tags.replace('\n', " ")
}

#[test]
fn the_end_of_a_review_says_what_is_left_and_the_command_for_each() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // One question of the three new ones allowed: two new ones left for today.
    let first = review(data, DAY1, &["--new", "3", "--count", "1"], "1\n").stdout;
    assert!(
        end_of(&first).starts_with("2 new questions left for today: run `quiz review` again."),
        "{first}"
    );
    // The other two, wrong and half right, and left so (the input ends when they come back).
    let second = review(data, DAY1, &["--new", "3"], "t\n1\n").stdout;
    let end = end_of(&second);
    assert!(
        end.starts_with(
            "2 recent mistakes to go over again now: run `quiz review --mistakes`. \
             4 questions not seen yet; today's limit of 3 new is reached: `quiz review --new 10` \
             raises it. Nothing else is due today. The next question is due tomorrow \
             (2026-01-02). To study ahead: `quiz review --ahead 10`."
        ),
        "{second}"
    );
    // Day 3, with room for one: what is due and not asked is still due today.
    let day3 = review(
        data,
        "2026-01-03T09:00:00Z",
        &["--new", "3", "--count", "1"],
        "f\n",
    );
    let end = end_of(&day3.stdout);
    assert!(
        end.starts_with(
            "1 question still due today, then 3 new questions: run `quiz review` again."
        ),
        "{}",
        day3.stdout
    );
}

#[test]
fn studying_ahead_asks_the_questions_closest_to_due() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Day 1: right and quick (due in 8 days), right after a miss (due tomorrow).
    review(data, DAY1, &["--new", "2"], "1\nt\nf\n");
    // Later the same day nothing is due: the one due tomorrow is the closest.
    let later = "2026-01-01T18:00:00Z";
    let nothing = review(data, later, &["--new", "0"], "").stdout;
    assert!(
        nothing.starts_with(
            "Nothing is due. The next question is due tomorrow (2026-01-02). To study ahead: \
             `quiz review --ahead 10`."
        ),
        "{nothing}"
    );
    let ahead = review(data, later, &["--ahead", "1"], "f\n").stdout;
    assert!(
        ahead.starts_with(
            "Nothing is due. The next question is due tomorrow (2026-01-02). Meanwhile, those \
             closest to due, ahead of time.\nReview · 2026-01-01 · 1 ahead · 1 question"
        ),
        "{ahead}"
    );
    assert!(
        ahead.contains("On 1 December 2024 the treaty was already in force."),
        "{ahead}"
    );
    quiz(data, later)
        .args(["review", "--ahead", "2", "--mistakes", BANK])
        .run()
        .fails_with(2);
}

/// The interval kept for a question, in days.
fn stored_interval(data: &Path, question: &str) -> i64 {
    let conn = rusqlite::Connection::open(data.join("progress.db")).unwrap();
    conn.query_row(
        "SELECT scheduled_days FROM question_states WHERE question_id = ?1",
        [question],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn with_confidence_a_right_answer_one_is_certain_of_comes_back_later_than_a_guess() {
    let certain = TempDir::new().unwrap();
    let guessing = TempDir::new().unwrap();
    // The same right answer, as quick, then 3 (certain) or 1 (guessing).
    let sure = review(
        certain.path(),
        DAY1,
        &["--new", "1", "--confidence"],
        "1\n3\n",
    )
    .stdout;
    let guess = review(
        guessing.path(),
        DAY1,
        &["--new", "1", "--confidence"],
        "1\n1\n",
    )
    .stdout;
    assert!(
        sure.contains("How sure are you? 1 guessing · 2 fairly sure · 3 certain (1-3): 3\n✔ Right"),
        "{sure}"
    );
    assert!(
        sure.contains("Next review: in 8 days (2026-01-09) · rated Easy (you were certain)"),
        "{sure}"
    );
    assert!(
        guess.contains("Next review: tomorrow (2026-01-02) · rated Hard (you were guessing)"),
        "{guess}"
    );
    let (sure_days, guess_days) = (
        stored_interval(certain.path(), "signing-month"),
        stored_interval(guessing.path(), "signing-month"),
    );
    assert!(sure_days > guess_days, "{sure_days} vs {guess_days}");
    assert!(sure.contains("Certainty-based marks: 3 of 3"), "{sure}");
}

#[test]
fn the_setting_asks_for_confidence_by_default_and_a_wrong_certain_answer_costs_six() {
    let data = TempDir::new().unwrap();
    let run = quiz(data.path(), DAY1)
        .env("QUIZ_CONFIDENCE", "1")
        .args([
            "play",
            "--plain",
            "--no-shuffle",
            "--seed",
            "1",
            "--count",
            "2",
            "--exam",
        ])
        .arg(BANK)
        .stdin("2\n3\nf\n1\n")
        .run()
        .succeeds();
    // Wrong and certain: −6; right and guessing: 1. An exam says nothing until the end.
    assert!(!run.stdout.contains("Next review"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Certainty-based marks: -5 of 6"),
        "{}",
        run.stdout
    );
    quiz(data.path(), DAY1)
        .env("QUIZ_CONFIDENCE", "maybe")
        .args(["play", "--plain", BANK])
        .run()
        .fails_with(2)
        .stderr_contains("QUIZ_CONFIDENCE is `maybe`");
}

#[test]
fn stats_show_calibration_the_confident_errors_and_a_forecast_of_reviews() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Right and certain, wrong and certain (then right, guessing, when it comes back), right
    // and guessing.
    review(
        data,
        DAY1,
        &["--new", "3", "--confidence"],
        "1\n3\nt\n3\n1,3\n1\nf\n1\n",
    );
    let shown = quiz(data, "2026-01-01T12:00:00Z")
        .args(["stats", BANK])
        .run()
        .succeeds()
        .stdout;
    assert!(
        shown.contains(
            "Calibration (answers given with --confidence):\n  \
             guessing     2 answers    right 100%\n  \
             certain      2 answers    right  50%\n\
             Certain, and wrong (the answers most worth reading again):\n  \
             • On 1 December 2024 the treaty was already in force. (1×)\n"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("Reviews due, next 30 days: 3 in all"),
        "{shown}"
    );
    let json = quiz(data, "2026-01-01T12:00:00Z")
        .args(["stats", "--json", BANK])
        .run()
        .succeeds()
        .json();
    assert_eq!(json["calibration"][1]["confidence"], "certain");
    assert_eq!(json["calibration"][1]["accuracy"], 0.5);
    assert_eq!(json["confident_errors"][0]["question"], "in-force");
    let forecast = json["forecast"].as_array().unwrap();
    assert_eq!(forecast.len(), 30);
    let due: u64 = forecast.iter().map(|d| d["due"].as_u64().unwrap()).sum();
    assert_eq!(due, 3);
}

/// `name` sits the bank's first two questions as an exam, typing `typed`, with the options
/// `more`, and the results are written to `results`.
fn sit_two_questions(data: &Path, name: &str, typed: &str, more: &[&str], results: &Path) {
    quiz(data, DAY1)
        .args([
            "play",
            "--plain",
            "--no-shuffle",
            "--seed",
            "1",
            "--count",
            "2",
        ])
        .args(["--exam", "--no-save", "--name", name])
        .args(more)
        .arg("--out")
        .arg(results)
        .arg(BANK)
        .stdin(typed)
        .run()
        .succeeds();
}

#[test]
fn a_class_report_shows_certainty_based_marks_and_calibration_when_the_files_carry_them() {
    let data = TempDir::new().unwrap();
    let out = data.path().join("results");
    std::fs::create_dir(&out).unwrap();
    // The first two questions of the same exam: Ana right and certain twice; Ben wrong and
    // certain, then right and guessing.
    for (name, typed) in [("ana", "1\n3\nf\n3\n"), ("ben", "2\n3\nf\n1\n")] {
        sit_two_questions(
            data.path(),
            name,
            typed,
            &["--confidence"],
            &out.join(format!("{name}.json")),
        );
    }
    let (html, csv) = (
        data.path().join("class.html"),
        data.path().join("class.csv"),
    );
    let report = quiz(data.path(), DAY1)
        .arg("report")
        .arg(&out)
        .arg("--html")
        .arg(&html)
        .arg("--csv")
        .arg(&csv)
        .run()
        .succeeds()
        .stdout;
    let html = std::fs::read_to_string(html).unwrap();
    for row in [
        "<tr><td>ana</td><td class=\"num\">2/2</td><td class=\"num\">6/6</td></tr>",
        "<tr><td>ben</td><td class=\"num\">1/2</td><td class=\"num\">-5/6</td></tr>",
        "<tr><td>guessing</td><td class=\"num\">1</td><td class=\"num\">100%</td></tr>",
        "<tr><td>certain</td><td class=\"num\">3</td><td class=\"num\">67%</td></tr>",
    ] {
        assert!(html.contains(row), "{row} not in {html}");
    }
    let csv = std::fs::read_to_string(csv).unwrap();
    // The last two columns of each answer: how sure, and the certainty-based mark.
    let marks: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let last: Vec<&str> = line.rsplitn(3, ',').collect();
            format!("{} {}", last[1], last[0])
        })
        .collect();
    assert_eq!(
        marks,
        ["certain 3", "certain 3", "certain -6", "guessing 1"],
        "{csv}"
    );
    assert!(
        report.contains(
            "Certainty-based marks (right 1, 2 or 3 × points; wrong 0, −2 or −6 ×)\n  \
             ana                   6 of 6\n  \
             ben                   -5 of 6\n\
             Calibration: right at each level\n  \
             guessing      1 answer     100% right\n  \
             certain       3 answers     67% right\n"
        ),
        "{report}"
    );
}

#[test]
fn questions_missed_in_an_exam_join_the_learners_review_as_mistakes() {
    let data = TempDir::new().unwrap();
    let results = data.path().join("ben.json");
    // Ben's exam: the month wrong, the second question right.
    sit_two_questions(data.path(), "ben", "2\nf\n", &[], &results);
    let added = quiz(data.path(), DAY1)
        .args(["review", "--add"])
        .arg(&results)
        .arg(BANK)
        .run()
        .succeeds();
    assert_eq!(
        added.stdout,
        "1 question missed there added to your review: `quiz review` asks it among your recent \
         mistakes.\n"
    );
    let run = review(data.path(), DAY1, &["--count", "1"], "1\n");
    assert!(
        run.stdout
            .starts_with("Review · 2026-01-01 · 1 recent mistake · 1 question"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("In which month of 2024"),
        "{}",
        run.stdout
    );
    // Without the bank the class used, the miss cannot be placed: it is named, nothing is added.
    let elsewhere = quiz(data.path(), DAY1)
        .args(["review", "--add"])
        .arg(&results)
        .run()
        .succeeds();
    assert!(
        elsewhere
            .stdout
            .contains("basics/signing-month: not in the banks studied; name its bank file"),
        "{}",
        elsewhere.stdout
    );
    assert!(
        elsewhere
            .stdout
            .ends_with("No question missed there was added.\n")
    );
}

#[test]
fn a_file_that_is_not_results_is_refused_by_review_add() {
    let data = TempDir::new().unwrap();
    let file = data.path().join("notes.json");
    std::fs::write(&file, "{}").unwrap();
    let run = quiz(data.path(), DAY1)
        .args(["review", "--add"])
        .arg(&file)
        .run()
        .fails_with(1);
    assert!(
        run.stderr
            .contains("notes.json` is not a quiz results file"),
        "{}",
        run.stderr
    );
}
