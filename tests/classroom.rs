//! End-to-end: exams for a class, the class report and presenter mode, as a teacher runs them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::Quiz;

const BASICS: &str = "tests/fixtures/basics.yaml";

/// `quiz ARGS…` run from the crate root, where the teacher's banks are `tests/fixtures/...`.
fn quiz(args: &[&str]) -> Quiz {
    Quiz::new(args).in_crate_root()
}

/// Takes the exam as `name` with answers good enough to move on ("1" and "t" fit every kind asked).
fn take_exam(dir: &Path, name: &str) -> Value {
    let out = dir.join(format!("{name}.json"));
    quiz(&["play", BASICS, "--exam", "--seed", "2024", "--plain"])
        .args([
            "--kind",
            "single",
            "--kind",
            "true_false",
            "--kind",
            "short",
        ])
        .args(["--kind", "numeric", "--shuffle-per-student", "--name", name])
        .arg("--out")
        .arg(&out)
        .stdin("1\nt\n".repeat(8))
        .run()
        .succeeds();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn question_order(result: &Value) -> Vec<String> {
    result["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["question"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn shuffle_per_student_keeps_the_questions_and_changes_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let ana = take_exam(dir.path(), "ana");
    let ana_order = question_order(&ana);
    assert_eq!(ana_order.len(), 4);
    assert_eq!(ana["shuffle_per_student"], true);
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    // Four questions in three blocks have six possible orders; the names fix which each student
    // gets, and these three do not all get ana's.
    let others: Vec<Vec<String>> = ["ben", "cleo", "dev"]
        .iter()
        .map(|name| question_order(&take_exam(dir.path(), name)))
        .collect();
    assert!(others.iter().any(|order| *order != ana_order));
    for order in others {
        assert_eq!(sorted(order), sorted(ana_order.clone()));
    }
    let again = tempfile::tempdir().unwrap();
    assert_eq!(question_order(&take_exam(again.path(), "ana")), ana_order);
}

#[test]
fn results_record_the_bank_and_question_content_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let ana = take_exam(dir.path(), "ana");
    let bank = &ana["banks"][0];
    assert_eq!(bank["id"], "basics");
    assert!(
        bank["content_hash"]
            .as_str()
            .unwrap()
            .starts_with("fnv1a64:")
    );
    for answer in ana["answers"].as_array().unwrap() {
        assert!(
            answer["question_hash"]
                .as_str()
                .unwrap()
                .starts_with("fnv1a64:")
        );
    }
    let ben = take_exam(dir.path(), "ben");
    assert_eq!(ana["banks"], ben["banks"]);
}

#[test]
fn shuffle_per_student_needs_a_name() {
    quiz(&["play", BASICS, "--shuffle-per-student", "--plain"])
        .run()
        .fails_with(2)
        .stderr_contains("--name");
    quiz(&[
        "play",
        BASICS,
        "--shuffle-per-student",
        "--plain",
        "--name",
        "--",
    ])
    .run()
    .fails_with(2);
}

#[test]
fn an_existing_results_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("ana.json");
    std::fs::write(&out, "keep me").unwrap();
    quiz(&[
        "play",
        BASICS,
        "--plain",
        "--shuffle-per-student",
        "--name",
        "ana",
    ])
    .arg("--out")
    .arg(&out)
    .run()
    .fails_with(1)
    .stderr_contains("never overwritten");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}

// ---------------------------------------------------------------------------------------------
// quiz report

use crate::common::class;
use scenario_quiz::engine::Response;
use scenario_quiz::results::ResultFile;

/// Runs `quiz report` and returns (stdout, stderr) with the temporary folder written as `[DIR]`.
fn report(dir: &Path, args: &[&str]) -> (String, String) {
    let run = quiz(&["report"]).arg(dir).args(args).run().succeeds();
    let clean = |text: &str| text.replace(&dir.display().to_string(), "[DIR]");
    (clean(&run.stdout), clean(&run.stderr))
}

/// The report's block about one question, from its `Qn` line to the next.
fn question_block<'a>(report: &'a str, question: &str) -> &'a str {
    report
        .split("\n  Q")
        .find(|block| block.contains(&format!("/{question} (")))
        .unwrap_or_else(|| panic!("no block for {question} in\n{report}"))
}

#[test]
fn the_report_finds_the_question_with_the_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), 30, 6);
    let (out, _) = report(dir.path(), &["--bank", class::BANK]);
    let flagged: Vec<&str> = out
        .split("\n  Q")
        .filter(|b| b.contains("negative discrimination"))
        .collect();
    assert_eq!(flagged.len(), 1, "{out}");
    assert!(flagged[0].contains(&format!("/{} (", class::BAD)));
    assert!(question_block(&out, class::BAD).contains("check this question's key"));
    insta::assert_snapshot!("report_fixture_class", out);
}

/// The five students of the hand-checked example in src/report/stats.rs.
fn write_hand_checked_class(dir: &Path) {
    let bank = class::bank();
    let table = [[1, 1, 1], [1, 1, 0], [1, 0, 1], [0, 1, 0], [0, 0, 0]];
    let questions = ["signing-city", "signing-month", "economy"];
    for (s, row) in table.iter().enumerate() {
        let answers = questions
            .iter()
            .zip(row)
            .map(|(id, &right)| {
                let q = bank.questions.iter().find(|q| q.id == *id).unwrap();
                // Choice 0 is the keyed answer of these three questions.
                let response = Response::Choice(usize::from(right != 1));
                class::entry(&bank, q, response, 20.0)
            })
            .collect();
        let name = format!("s{}", s + 1);
        class::result_file(&bank, &name, answers)
            .write_new(&dir.join(format!("{name}.json")))
            .unwrap();
    }
}

#[test]
fn facility_and_discrimination_equal_the_hand_checked_example() {
    let dir = tempfile::tempdir().unwrap();
    write_hand_checked_class(dir.path());
    let (out, _) = report(dir.path(), &["--bank", class::BANK]);
    for (question, facility, discrimination) in [
        ("signing-city", "facility  60%", "discrimination 64.5"),
        ("signing-month", "facility  60%", "discrimination 0.0"),
        ("economy", "facility  40%", "discrimination 32.7"),
    ] {
        let block = question_block(&out, question);
        assert!(block.contains(facility), "{block}");
        assert!(block.contains(discrimination), "{block}");
    }
    assert!(
        out.contains("mean 53.3% · median 66.7% · standard deviation 38.0"),
        "{out}"
    );
    insta::assert_snapshot!("report_hand_checked", out);
}

#[test]
fn the_csv_has_one_row_per_student_per_question() {
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), 30, 6);
    let csv_path = dir.path().join("out").join("class.csv");
    std::fs::create_dir(csv_path.parent().unwrap()).unwrap();
    let (out, _) = report(
        dir.path(),
        &["--bank", class::BANK, "--csv", csv_path.to_str().unwrap()],
    );
    assert!(out.contains("CSV written to [DIR]/out/class.csv"));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 30 * 9);
    assert_eq!(
        lines[0],
        "student,file,bank,bank_version,question,kind,tags,answer,points,max_points,result,\
         seconds,student_percent,student_passed,question_hash,question_number,exam,confidence,certainty_mark"
    );
    assert!(lines.iter().all(|l| l.split(',').count() == 19), "{csv}");
    let row: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(row[0], "Student 0001");
    assert_eq!((row[2], row[3], row[4]), ("class", "1", "signing-city"));
    assert!(["right", "wrong"].contains(&row[10]));
    // Running again replaces the report (it is derived data, unlike results files).
    report(
        dir.path(),
        &["--bank", class::BANK, "--csv", csv_path.to_str().unwrap()],
    );
}

#[test]
fn the_html_is_one_self_contained_page_with_tables_and_charts() {
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), 30, 6);
    let html_path = dir.path().join("class.html");
    report(
        dir.path(),
        &["--bank", class::BANK, "--html", html_path.to_str().unwrap()],
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for id in [
        "summary",
        "students",
        "histogram",
        "questions",
        "facility-chart",
        "tags",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no #{id}");
    }
    let students = html.split("<table id=\"students\">").nth(1).unwrap();
    let students = students.split("</table>").next().unwrap();
    assert_eq!(students.matches("<tr>").count(), 1 + 30);
    // One chart for the scores, two for facility and discrimination, one per question, one for
    // the tags.
    assert_eq!(html.matches("<svg").count(), 1 + 2 + 9 + 1);
    for tag in [
        "html", "head", "body", "table", "svg", "section", "figure", "tr", "td", "div",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(
            opened,
            html.matches(&format!("</{tag}>")).count(),
            "<{tag}>"
        );
    }
    for remote in ["http:", "https:", "<script", "<link", "src=", "url("] {
        assert!(!html.contains(remote), "the page refers to {remote}");
    }
    assert!(html.contains("id=\"q3\""));
    assert!(html.contains("check this question's key"));
    // The questions' table names each question by its text too, not only by its id.
    assert!(html.contains(
        "class/signing-city<br><span class=\"muted\">Where was the treaty signed?</span>"
    ));
    // On a phone a wide table scrolls inside its own box rather than widening the page.
    assert_eq!(
        html.matches("sideways\"><table").count(),
        html.matches("<table").count()
    );
    // The question with the wrong key discriminates negatively: its bar is drawn left of the
    // zero line, not as an empty bar.
    let chart = html.split("id=\"discrimination-chart\"").nth(1).unwrap();
    let chart = chart.split("</figure>").next().unwrap();
    let zero = chart
        .split("<line class=\"axisline\" x1=\"")
        .nth(1)
        .unwrap();
    let zero: f64 = zero.split('"').next().unwrap().parse().unwrap();
    let row = chart.split("entry-into-force").nth(1).unwrap();
    let bar = row.split("<rect class=\"bad\" x=\"").nth(1).unwrap();
    let mut numbers = bar
        .split(['"', ' '])
        .filter_map(|t| t.trim_start_matches("width=").parse::<f64>().ok());
    let x = numbers.next().unwrap();
    assert!(
        x < zero,
        "the bar starts at {x}, right of the zero line at {zero}"
    );
}

/// A results file of the generated class, changed by `edit`.
fn write_edited(dir: &Path, file: &str, name: &str, edit: impl FnOnce(&mut ResultFile)) {
    let bank = class::bank();
    let mut rng = scenario_quiz::engine::shuffle::SeededRng::new(9);
    let mut result = class::student(&bank, name, 0.7, &mut rng);
    edit(&mut result);
    result.write_new(&dir.join(file)).unwrap();
}

#[test]
fn bad_files_are_skipped_and_every_oddity_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), 4, 6);
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"format\": \"scenario-quiz-res",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("foreign.json"),
        "{\"format\": \"gradebook\"}",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not looked at").unwrap();
    write_edited(dir.path(), "retake.json", "student 0002", |r| {
        r.started_at = "2025-03-04T09:00:00Z".into();
    });
    write_edited(dir.path(), "v2.json", "Late Comer", |r| {
        r.banks[0].version = 2;
        r.banks[0].bank_hash = Some("fnv1a64:deadbeef00000000".into());
        r.answers[0].question_hash = Some("fnv1a64:deadbeef00000000".into());
    });
    write_edited(dir.path(), "anonymous.json", "", |r| r.name = None);
    let (out, err) = report(dir.path(), &["--bank", class::BANK]);
    assert!(out.contains("Class report · 6 students"), "{out}");
    insta::assert_snapshot!("report_notes", err);
}

#[test]
fn without_the_bank_choices_are_named_from_the_results() {
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), 5, 6);
    let (out, err) = report(dir.path(), &[]);
    assert!(err.contains("bank `class` is not loaded"), "{err}");
    let block = question_block(&out, "signing-city");
    assert!(block.contains("A) Pyongyang ✔"), "{block}");
}

#[test]
fn a_report_with_nothing_usable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.json"), "[]").unwrap();
    quiz(&["report"])
        .arg(dir.path())
        .run()
        .fails_with(1)
        .stderr_contains("skipped")
        .stderr_contains("no results to report on");
}

/// Writes the fixture class and its HTML report to `$QUIZ_HTML_CHECK_DIR` for
/// scripts/check-html-in-chromium.sh, which opens it in a real browser.
#[test]
#[ignore = "run by scripts/check-html-in-chromium.sh"]
fn html_for_the_browser_check() {
    let dir = PathBuf::from(std::env::var("QUIZ_HTML_CHECK_DIR").unwrap());
    let results = dir.join("results");
    std::fs::create_dir_all(&results).unwrap();
    class::write_class(&results, 30, 6);
    let html = dir.join("class.html");
    report(
        &results,
        &["--bank", class::BANK, "--html", html.to_str().unwrap()],
    );
}

// ---------------------------------------------------------------------------------------------
// quiz present

#[test]
fn present_off_a_terminal_prints_each_question_then_its_answer() {
    let text = quiz(&["present", BASICS, "--seed", "3", "--count", "4"])
        .run()
        .succeeds()
        .stdout;
    let question = text.find("── Question 1 of 4 ──").unwrap();
    let answer = text.find("Answer:").unwrap();
    assert!(question < answer);
    assert_eq!(text.matches("Answer:").count(), 4);
    insta::assert_snapshot!("present_plain", text);
}

#[test]
fn present_uses_the_same_questions_and_order_as_play_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    quiz(&[
        "play", BASICS, "--plain", "--seed", "11", "--kind", "single",
    ])
    .args([
        "--kind",
        "true_false",
        "--kind",
        "short",
        "--kind",
        "numeric",
        "--out",
    ])
    .arg(&out)
    .stdin("1\nt\n".repeat(8))
    .run()
    .succeeds();
    let played: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let shown = quiz(&[
        "present", BASICS, "--seed", "11", "--kind", "single", "--kind",
    ])
    .args(["true_false", "--kind", "short", "--kind", "numeric"])
    .run()
    .stdout;
    let bank = class_free_prompts();
    let order: Vec<usize> = question_order(&played)
        .iter()
        .map(|id| shown.find(bank[id.as_str()]).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{shown}");
}

/// The prompts of tests/fixtures/basics.yaml by question id.
fn class_free_prompts() -> std::collections::HashMap<&'static str, &'static str> {
    [
        (
            "signing-month",
            "In which month of 2024 did the two leaders sign",
        ),
        (
            "in-force",
            "On 1 December 2024 the treaty was already in force.",
        ),
        (
            "region",
            "In which Russian region were North Korean soldiers",
        ),
        (
            "planned-troops",
            "Up to how many more soldiers did North Korea plan",
        ),
    ]
    .into_iter()
    .collect()
}

#[test]
fn present_refuses_out_without_a_terminal_and_an_empty_filter() {
    quiz(&["present", BASICS, "--out", "t.json"])
        .run()
        .fails_with(2)
        .stderr_contains("--out saves the counts");
    quiz(&["present", BASICS, "--tag", "nothing-like-it"])
        .run()
        .fails_with(1)
        .stderr_contains("no question matches tag nothing-like-it");
}

/// Presenter mode on a real terminal (a pseudo-terminal): move, count hands, reveal, quit.
#[cfg(unix)]
#[test]
fn present_on_a_terminal_reveals_counts_and_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tallies.json");
    let quiz = quiz(&["present", BASICS, "--no-shuffle", "--seed", "5", "--out"]).arg(&out);
    let mut session = quiz.on_a_terminal();
    let mut press = |keys: &str, then: &str| {
        session.send(keys).unwrap();
        session.flush().unwrap();
        session.exp_string(then).unwrap();
    };
    press("", "Question 1 of 7");
    press("c", "Hands for A B C");
    press("12 5 0\r", "Counts saved");
    press("r", "The class answered (17 counted)");
    press(" ", "Question 2 of 7");
    // The countdown redraws the slide every second (its block digits are not ASCII, which the
    // pseudo-terminal reader would mangle).
    press("t", "Question 2 of 7");
    press("q", "Stop the lesson? y/n");
    press("y", "");
    session.exp_eof().unwrap();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(saved["format"], "scenario-quiz-tally");
    let question = &saved["questions"][0];
    assert_eq!(question["question"], "signing-month");
    assert_eq!(question["options"][0]["label"], "A) June");
    assert_eq!(question["options"][0]["count"], 12);
    assert_eq!(question["options"][0]["correct"], true);
}

/// After a break: the lesson begins at question 5, `b` goes back one, and a `q` pressed by
/// mistake is answered with n and the lesson goes on.
#[cfg(unix)]
#[test]
fn present_begins_at_a_question_goes_back_and_asks_before_stopping() {
    let quiz = quiz(&[
        "present",
        BASICS,
        "--no-shuffle",
        "--seed",
        "5",
        "--start",
        "5",
    ]);
    let mut session = quiz.on_a_terminal();
    let mut press = |keys: &str, then: &str| {
        session.send(keys).unwrap();
        session.flush().unwrap();
        session.exp_string(then).unwrap();
    };
    press("", "Question 5 of 7");
    press("b", "Question 4 of 7");
    press("q", "Stop the lesson? y/n");
    press("n", "q quit");
    press(" ", "Question 5 of 7");
    press("q", "Stop the lesson? y/n");
    press("y", "");
    session.exp_eof().unwrap();
}

#[test]
fn present_start_on_paper_prints_from_that_question_and_refuses_one_past_the_end() {
    let text = quiz(&[
        "present", BASICS, "--seed", "3", "--count", "4", "--start", "3",
    ])
    .run()
    .succeeds()
    .stdout;
    assert!(!text.contains("── Question 2 of 4 ──"), "{text}");
    assert!(text.contains("── Question 3 of 4 ──"), "{text}");
    assert_eq!(text.matches("Answer:").count(), 2);
    quiz(&[
        "present", BASICS, "--seed", "3", "--count", "4", "--start", "5",
    ])
    .run()
    .fails_with(2)
    .stderr_contains("--start 5: this lesson has 4 questions");
}

#[test]
fn a_match_on_paper_is_answered_with_its_pairs_and_the_compact_key() {
    let text = quiz(&["present", "tests/fixtures/four-pairs.yaml", "--seed", "3"])
        .run()
        .succeeds()
        .stdout;
    insta::assert_snapshot!("present_plain_match", text);
}

#[test]
fn the_classroom_commands_explain_themselves_with_examples() {
    for command in ["report", "present"] {
        let help = quiz(&[command, "--help"]).run().stdout;
        assert!(help.contains("Examples:"), "{help}");
        insta::assert_snapshot!(format!("help_{command}"), help);
    }
}

#[test]
fn an_exam_taken_at_a_fixed_time_is_stamped_with_that_time() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ana.json");
    quiz(&[
        "play", BASICS, "--exam", "--seed", "7", "--plain", "--count", "1",
    ])
    .now("2026-03-02T10:30:00+01:00")
    .arg("--out")
    .arg(&out)
    .stdin("1\n")
    .run()
    .succeeds();
    let result: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(result["started_at"], "2026-03-02T09:30:00Z");
    assert_eq!(result["finished_at"], "2026-03-02T09:30:00Z");
}

// ---------------------------------------------------------------------------------------------
// quiz present on a branching scenario

const NIGHT_DESK: &str = "tests/fixtures/branching.yaml";

/// The class takes a poor first decision (C), the teacher types the hands for the next step and
/// the story follows the majority (A), then a letter for the last: the transcript from a pipe
/// reads as the lesson did, to the ending with the class's path beside the best path.
#[test]
fn present_walks_a_branching_scenario_from_a_pipe_to_its_ending() {
    let run = quiz(&["present", NIGHT_DESK, "--seed", "1", "--no-shuffle"])
        .stdin("c\n14 3\na\n")
        .run()
        .succeeds();
    let text = run.stdout;
    let at = |part: &str| {
        text.find(part)
            .unwrap_or_else(|| panic!("{part:?} is missing:\n{text}"))
    };
    // The scenario, then each decision with what follows it, then the ending.
    assert!(at("── Scenario: The leaked memo ──") < at("── Decision 1 ──"));
    assert!(at("The class decided: Publish it online at once") < at("── Decision 2 ──"));
    assert!(at("Poor decision · 0 of 2 points") < at("── Decision 2 ──"));
    assert!(
        text.contains("Hands: A 14 · B 3; the story follows A."),
        "{text}"
    );
    assert!(at("── Decision 3 ──") < at("── Ending: corrected ──"));
    assert!(text.contains("Rating: acceptable ending"), "{text}");
    // Taking it down earns 1 point; the poor start and the wrong answer earn nothing.
    assert!(text.contains("Score: 1 of 3 points (33%)"), "{text}");
    assert!(text.contains("The class's path"), "{text}");
    assert!(text.contains("The best path"), "{text}");
    assert!(text.contains("Debrief: One voice is not enough"), "{text}");
    insta::assert_snapshot!("present_walk_plain", text);
}

#[test]
fn present_asks_again_for_a_letter_not_on_the_slide_and_for_a_tie_of_hands() {
    let text = quiz(&["present", NIGHT_DESK, "--seed", "1", "--no-shuffle"])
        .stdin("d\n5 5 1\na\n")
        .run()
        .succeeds()
        .stdout;
    assert!(
        text.contains("Type the letter the class chose, A to C, or the hands for each option."),
        "{text}"
    );
    assert!(
        text.contains("No option has the most hands: type the letter the class goes with."),
        "{text}"
    );
    assert!(
        text.contains("The class decided: Call the press office"),
        "{text}"
    );
    // The input ended before the story did.
    assert!(
        text.ends_with("── The lesson stopped before an ending ──\n"),
        "{text}"
    );
}

#[test]
fn present_names_the_branching_scenario_or_says_which_there_are() {
    quiz(&["present", NIGHT_DESK, "--scenario", "leek"])
        .run()
        .fails_with(2)
        .stderr_contains("did you mean `leak`?");
    quiz(&["present", NIGHT_DESK, "--start", "2"])
        .run()
        .fails_with(2)
        .stderr_contains("a branching scenario begins at its start");
}

/// On a terminal: the teacher counts hands, the majority is offered, Enter follows it, the
/// story goes on with →, and the ending shows both paths.
#[cfg(unix)]
#[test]
fn present_on_a_terminal_follows_the_class_through_a_branching_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hands.json");
    let quiz = quiz(&[
        "present",
        NIGHT_DESK,
        "--seed",
        "1",
        "--no-shuffle",
        "--out",
    ])
    .arg(&out);
    let mut session = quiz.on_a_terminal_sized(100, 40);
    let mut press = |keys: &str, then: &str| {
        session.send(keys).unwrap();
        session.flush().unwrap();
        session.exp_string(then).unwrap();
    };
    press("", "Decision 1");
    press(" ", "The class decides first");
    press("c", "Hands for A B C");
    press("12 5 0\r", "Most hands: A; d, then Enter follows it.");
    press("d", "The class decides (Enter follows it");
    press("\r", "The class decided: Call the press office");
    press(" ", "Decision 2");
    press("db\r", "Best decision");
    press(" ", "The ending");
    press("", "The best path");
    press("b", "Decision 2");
    press("q", "Stop the lesson? y/n");
    press("y", "");
    session.exp_eof().unwrap();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let step = &saved["questions"][0];
    assert_eq!(step["question"], "first-move");
    assert_eq!(step["options"][0]["count"], 12);
}
