//! The class record a teacher reads: every question planned counts (one not answered is 0 of
//! its points), each results file says how the student's quiz ended, and `quiz report` shows the
//! class as it happened, its questions numbered in the order asked with their prompts, for a bank
//! of the teacher's own that the report is not given.

use std::path::Path;

use serde_json::Value;

use crate::common::Quiz;
use crate::common::Run;
use crate::common::live::{Host, Student, some_answer};

/// Nine questions of a teacher's own: a single choice in a scenario and eight true/false
/// statements, all of them true.
const HARBOUR: &str = "tests/fixtures/harbour.yaml";

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write(path: &Path, result: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(result).unwrap()).unwrap();
}

/// `quiz play --exam --out` on the harbour's eight true/false statements, typing `typed`.
fn sit_exam(out: &Path, name: &str, seed: &str, typed: &[&str]) -> Run {
    Quiz::new(&[
        "play",
        HARBOUR,
        "--exam",
        "--kind",
        "true_false",
        "--count",
        "all",
        "--seed",
        seed,
        "--name",
        name,
        "--out",
    ])
    .arg(out)
    .typing(typed)
    .in_crate_root()
    .run()
    .succeeds()
}

/// `quiz report FOLDER ARGS` without naming the bank.
fn report(folder: &Path, args: &[&str]) -> Run {
    Quiz::new(&["report"])
        .arg(folder)
        .args(args)
        .in_crate_root()
        .run()
}

/// The row of the students table that starts with `name`.
fn row<'a>(report: &'a Run, name: &str) -> &'a str {
    report
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{}", report.stdout))
}

/// The question ids after `Q1 `, `Q2 `, … in the report, in its order.
fn numbered_questions(report: &Run) -> Vec<String> {
    report
        .stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('Q'))
        .filter_map(|l| l.split_once(' '))
        .map(|(_, rest)| rest.split(' ').next().unwrap().to_owned())
        .collect()
}

fn asked_ids(result: &Value) -> Vec<String> {
    result["asked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            format!(
                "{}/{}",
                q["bank"].as_str().unwrap(),
                q["question"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_student_who_answers_one_of_eight_right_and_stops_gets_1_of_8_not_1_of_1() {
    let folder = tempfile::tempdir().unwrap();
    let ana = folder.path().join("ana.json");
    // One right answer, then the input ends: the quiz stops early.
    let play = sit_exam(&ana, "Ana", "3", &["t"]);
    // The line is wrapped to the window, wherever the width puts the break.
    let words = play.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Score: 1 of 8 points (12%) · 1 of 8 questions answered (the 7 questions not \
             answered count 0)"
        ),
        "{}",
        play.stdout
    );
    let saved = read(&ana);
    assert_eq!(saved["ending"], "stopped_early");
    assert_eq!(
        (saved["score"].as_f64(), saved["max_score"].as_f64()),
        (Some(1.0), Some(8.0))
    );
    assert_eq!(saved["asked"].as_array().unwrap().len(), 8);

    let report = report(folder.path(), &[]).succeeds();
    let ana_row = row(&report, "Ana");
    for part in ["1/8", " 12 ", "1/8", "FAIL", "stopped early"] {
        assert!(ana_row.contains(part), "{part:?} in {ana_row:?}");
    }
    assert!(
        report
            .stderr
            .contains("Ana stopped early: answered 1 of 8 questions; the 7 not answered count 0"),
        "{}",
        report.stderr
    );
    // The questions she never reached are in the report, each 0 for her.
    assert_eq!(numbered_questions(&report).len(), 8);
    assert!(
        report.stdout.contains("answered by 0 of 1"),
        "{}",
        report.stdout
    );

    // The spreadsheet has a row for each of the eight: seven of them 0 of 1, unanswered.
    let spreadsheets = tempfile::tempdir().unwrap();
    let csv = spreadsheets.path().join("class.csv");
    self::report(folder.path(), &["--csv", csv.to_str().unwrap()]).succeeds();
    let csv = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 8, "{csv}");
    let unanswered: Vec<&&str> = rows.iter().filter(|r| r.contains(",unanswered,")).collect();
    assert_eq!(unanswered.len(), 7, "{csv}");
    assert!(
        unanswered
            .iter()
            .all(|r| r.contains(",0,1,unanswered,,12.5,no,")),
        "{csv}"
    );
}

#[test]
fn a_student_who_answers_every_question_finished() {
    let folder = tempfile::tempdir().unwrap();
    let ben = folder.path().join("ben.json");
    sit_exam(&ben, "Ben", "3", &["t"; 8]);
    assert_eq!(read(&ben)["ending"], "finished");
    let report = report(folder.path(), &[]).succeeds();
    let ben_row = row(&report, "Ben");
    assert!(
        ben_row.contains("8/8") && ben_row.contains("finished"),
        "{ben_row}"
    );
    assert!(!report.stderr.contains("Ben "), "{}", report.stderr);
}

#[test]
fn time_up_a_class_interrupted_on_the_host_and_an_older_file_are_each_said_as_they_were() {
    let folder = tempfile::tempdir().unwrap();
    let ana = folder.path().join("ana.json");
    sit_exam(&ana, "Ana", "3", &["t", "t"]);
    let mut result = read(&ana);
    for (name, ending) in [("Cleo", "time_up"), ("Dan", "host_interrupted")] {
        result["name"] = name.into();
        result["ending"] = ending.into();
        write(&folder.path().join(format!("{name}.json")), &result);
    }
    // A file of the first format: no questions asked recorded, the score over those answered.
    let mut older = read(&ana);
    older["name"] = "Eve".into();
    older["format_version"] = 1.into();
    older["ending"] = "end_of_input".into();
    older["max_score"] = 2.0.into();
    older.as_object_mut().unwrap().remove("asked");
    write(&folder.path().join("eve.json"), &older);

    let report = report(folder.path(), &[]).succeeds();
    assert!(
        row(&report, "Cleo").contains("time up"),
        "{}",
        report.stdout
    );
    assert!(
        row(&report, "Dan").contains("host interrupted"),
        "{}",
        report.stdout
    );
    for (name, words) in [
        ("Cleo", "Cleo ran out of time: answered 2 of 8 questions"),
        (
            "Dan",
            "Dan was in the class when the host paused it (quiz host --resume continues it): \
             answered 2 of 8",
        ),
        (
            "Eve",
            "Eve stopped early: answered 2 of 8 questions; the 6 not answered count 0",
        ),
    ] {
        assert!(report.stderr.contains(words), "{name}: {}", report.stderr);
    }
    // The older file still counts its unanswered questions: 2 of 8, not 2 of 2.
    let eve = row(&report, "Eve");
    assert!(
        eve.contains("2/8") && eve.contains("stopped early"),
        "{eve}"
    );
    assert!(
        report.stderr.contains("Eve's results file is an older one"),
        "{}",
        report.stderr
    );
    // It is the same exam as the others, so nothing is refused.
    assert!(
        !report.stderr.contains("different exams"),
        "{}",
        report.stderr
    );
}

#[test]
fn results_of_different_exams_are_refused_by_name_unless_mixed_asks_for_one_section_each() {
    let folder = tempfile::tempdir().unwrap();
    sit_exam(&folder.path().join("ana.json"), "Ana", "3", &["t"; 8]);
    sit_exam(&folder.path().join("ben.json"), "Ben", "3", &["t"; 4]);
    sit_exam(&folder.path().join("cleo.json"), "Cleo", "4", &["t"; 8]);

    let refused = report(folder.path(), &[]).fails_with(1);
    let said = &refused.stderr;
    assert!(said.contains("2 different exams"), "{said}");
    assert!(said.contains("exam 1: seed 3, 8 questions"), "{said}");
    assert!(
        said.contains("ana.json") && said.contains("ben.json"),
        "{said}"
    );
    assert!(said.contains("exam 2: seed 4, 8 questions"), "{said}");
    assert!(
        said.contains("cleo.json") && said.contains("--mixed"),
        "{said}"
    );
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);

    let html = folder.path().join("out").join("class.html");
    std::fs::create_dir(html.parent().unwrap()).unwrap();
    let mixed = report(
        folder.path(),
        &["--mixed", "--html", html.to_str().unwrap()],
    )
    .succeeds();
    let sections: Vec<&str> = mixed.stdout.split("══ Exam ").skip(1).collect();
    assert_eq!(sections.len(), 2, "{}", mixed.stdout);
    assert!(
        sections[0].starts_with("1 of 2 · seed 3"),
        "{}",
        sections[0]
    );
    assert!(sections[0].contains("Class report · 2 students · 8 questions"));
    assert!(
        sections[1].starts_with("2 of 2 · seed 4"),
        "{}",
        sections[1]
    );
    assert!(sections[1].contains("Class report · 1 student · 8 questions"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<section class=\"exam\" id=\"exam-2\">"),
        "{page}"
    );
    // Each exam's questions link to its own sections.
    assert!(page.contains("<a href=\"#exam-2-q1\">Q1</a>"), "{page}");
    assert_eq!(page.matches("id=\"exam-2-q1\"").count(), 1, "{page}");
}

/// Runs the class the test below tells of, its results written to `out`.
async fn run_a_paced_class_that_stops_early(out: &Path) {
    let mut host = Host::start(&[
        HARBOUR,
        "--count",
        "3",
        "--seed",
        "5",
        "--out",
        out.to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    let mut cleo = Student::join(&host, "Cleo").await;
    host.wait_for("joined Cleo");
    host.type_line("start");
    let first = ana.expect_state("question", Some(1)).await;
    ana.answer(1, some_answer(&first["question"])).await;
    cleo.expect_state("question", Some(1)).await;
    cleo.answer(1, some_answer(&first["question"])).await;
    host.wait_for("answered 2 of 2 (question 1)");
    host.type_line("kick cleo");
    host.wait_for("removed Cleo");
    host.type_line("reveal");
    ana.expect_state("revealed", Some(1)).await;
    host.type_line("next");
    let second = ana.expect_state("question", Some(2)).await;
    let mut ben = Student::join(&host, "Ben").await;
    ben.expect_state("question", Some(2)).await;
    ben.answer(2, some_answer(&second["question"])).await;
    ana.answer(2, some_answer(&second["question"])).await;
    host.wait_for("answered 2 of 2 (question 2)");
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
}

/// A paced class on three of the harbour's questions, asked in an order of their own (seed 5:
/// rule-6, gale-flag, rule-7). Ana stays to the end the teacher calls; Cleo answers the first
/// question and is removed; Ben joins while the second is open. The teacher ends the class at
/// the second question, so the third is never asked.
#[tokio::test]
async fn a_paced_class_records_who_left_who_came_late_and_that_it_stopped_early() {
    let out = tempfile::tempdir().unwrap();
    run_a_paced_class_that_stops_early(out.path()).await;
    let result = |name: &str| read(&out.path().join(format!("{name}.json")));
    let (ana, ben, cleo) = (result("Ana"), result("Ben"), result("Cleo"));
    assert_eq!(ana["ending"], "stopped_early");
    assert_eq!(ben["ending"], "stopped_early");
    assert_eq!(ben["joined_at"], 2);
    assert_eq!(cleo["ending"], "removed");
    for student in [&ana, &ben, &cleo] {
        assert_eq!(student["max_score"], 3.0, "{student:#}");
    }
    let asked = asked_ids(&ana);
    assert_eq!(
        asked,
        ["harbour/rule-6", "harbour/gale-flag", "harbour/rule-7"]
    );

    // The report, given no bank, numbers the questions as they were asked and shows each one.
    let report = report(out.path(), &[]).succeeds();
    assert_eq!(numbered_questions(&report), asked);
    for line in [
        "Boats leaving by the outer channel keep to its starboard side (rule 6).",
        "Scenario: A storm warning",
        "Which flag on the harbour mast warns boats of a gale?",
        "Key: Red over red",
        "A) Red over red ✔",
        "answered by 0 of 3",
    ] {
        assert!(
            report.stdout.contains(line),
            "{line:?} in\n{}",
            report.stdout
        );
    }
    assert!(!report.stderr.contains("not loaded"), "{}", report.stderr);
    assert!(
        row(&report, "Cleo").contains("removed"),
        "{}",
        report.stdout
    );
    assert!(row(&report, "Ana").contains("/3"), "{}", report.stdout);
    let ben_points = ben["score"].as_f64().unwrap();
    let ben_row = row(&report, "Ben");
    assert!(ben_row.contains(&format!("{ben_points}/3")), "{ben_row}");
    assert!(
        ben_row.contains("joined at Q2 · stopped early"),
        "{ben_row}"
    );
    assert!(
        report.stderr.contains(
            "Ben joined at question 2 (question 1 counts 0; --excuse-late leaves it out), then \
             stopped early: answered 1 of 3 questions"
        ),
        "{}",
        report.stderr
    );
    assert!(
        report
            .stderr
            .contains("Cleo was removed by the teacher: answered 1 of 3 questions"),
        "{}",
        report.stderr
    );

    // Excused, the question before Ben came is left out for him alone.
    let excused = self::report(out.path(), &["--excuse-late"]).succeeds();
    let ben_row = row(&excused, "Ben");
    assert!(ben_row.contains(&format!("{ben_points}/2")), "{ben_row}");
    assert!(ben_row.contains("1/2"), "{ben_row}");
    assert!(row(&excused, "Ana").contains("/3"), "{}", excused.stdout);
    assert!(
        excused
            .stderr
            .contains("Ben joined at question 2 (question 1 left out: --excuse-late)"),
        "{}",
        excused.stderr
    );
}

/// When the teacher goes on past the last question, everyone still in the class finished, and a
/// question left unanswered counts 0 of its points.
#[tokio::test]
async fn a_class_taken_to_its_last_question_is_finished_and_an_unanswered_question_counts_0() {
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        HARBOUR,
        "--kind",
        "true_false",
        "--count",
        "2",
        "--seed",
        "1",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let mut ana = Student::join(&host, "Ana").await;
    host.wait_for("joined Ana");
    host.type_line("start");
    ana.expect_state("question", Some(1)).await;
    ana.answer(1, serde_json::json!({"kind": "bool", "value": true}))
        .await;
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    host.type_line("next");
    ana.expect_state("question", Some(2)).await;
    host.type_line("reveal");
    host.type_line("next");
    host.wait_for("that was the last question");
    host.wait_for("results:");
    let ana = read(&out.path().join("Ana.json"));
    assert_eq!(ana["ending"], "finished");
    assert_eq!(
        (ana["score"].as_f64(), ana["max_score"].as_f64()),
        (Some(1.0), Some(2.0))
    );
    let report = report(out.path(), &[]).succeeds();
    let row = row(&report, "Ana");
    assert!(
        row.contains("1/2") && row.contains(" 50 ") && row.contains("FAIL"),
        "{row}"
    );
    assert!(
        report.stderr.contains(
            "Ana went on to the end: answered 1 of 2 questions; the 1 not answered counts 0"
        ),
        "{}",
        report.stderr
    );
}
