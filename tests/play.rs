//! A learner takes quizzes in plain mode: the bank, what they type, what the screen shows.

use crate::common::{Quiz, answer_lines, fixture, load, play_basics};

const DAY1: &str = "2026-01-01T09:00:00Z";

fn basics() -> String {
    fixture("basics.yaml").display().to_string()
}

/// The keystrokes that answer the basics bank, planned with `seed`, right or wrong.
fn answers(seed: u64, right: bool) -> Vec<String> {
    answer_lines(&load(&[fixture("basics.yaml")]), seed, right)
}

fn typed(lines: &[String]) -> Vec<&str> {
    lines.iter().map(String::as_str).collect()
}

#[test]
fn a_learner_who_knows_everything_scores_full_marks_with_a_source_after_each_answer() {
    let lines = answers(7, true);
    // The day is fixed: after each answer, the day it comes back is shown.
    let run = Quiz::new(&["play", &basics(), "--seed", "7"])
        .now(DAY1)
        .typing(&typed(&lines))
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Score: 7 of 7 points (100%) · 7 of 7 questions answered · seed 7")
    );
    assert_eq!(
        run.stdout
            .matches("Source: The Kim–Putin partnership")
            .count(),
        7
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_learner_who_gets_everything_wrong_scores_zero_and_sees_what_to_review() {
    let lines = answers(7, false);
    let run = Quiz::new(&["play", &basics(), "--seed", "7"])
        .typing(&typed(&lines))
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Score: 0 of 7 points (0%)"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("✘ Wrong").count(), 7);
    let review = run
        .stdout
        .split("To review:")
        .nth(1)
        .expect("a review list");
    assert_eq!(review.matches("  • ").count(), 7);
}

#[test]
fn a_wrong_pick_shows_why_it_is_wrong() {
    // --no-shuffle: the choices stand as written; 3 is "December".
    let run = Quiz::new(&[
        "play",
        &basics(),
        "--no-shuffle",
        "--seed",
        "1",
        "--count",
        "1",
    ])
    .now(DAY1)
    .typing(&["3"])
    .run();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn an_exam_gives_no_feedback_until_the_review_at_the_end() {
    let lines = answers(3, true);
    let run = Quiz::new(&["play", &basics(), "--seed", "3", "--exam"])
        .typing(&typed(&lines))
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (asking, review) = run.stdout.split_once("── Review ──").expect("a review");
    assert!(
        !asking.contains("Right") && !asking.contains("Why:"),
        "feedback during the exam:\n{asking}"
    );
    assert_eq!(review.matches("✔ Right").count(), 7);
    assert_eq!(review.matches("Why: ").count(), 7);
}

#[test]
fn answers_that_cannot_be_read_are_asked_again_with_a_hint() {
    let run = Quiz::new(&[
        "play",
        &basics(),
        "--no-shuffle",
        "--seed",
        "1",
        "--count",
        "2",
    ])
    .typing(&["june", "9", "1", "maybe", "no"])
    .run();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout
            .matches("  ? Type one number from 1 to 3.")
            .count(),
        2
    );
    assert_eq!(
        run.stdout
            .matches("  ? Type t for true or f for false.")
            .count(),
        1
    );
    assert!(
        run.stdout.contains("Score: 2 of 2 points (100%)"),
        "{}",
        run.stdout
    );
}

#[test]
fn input_that_ends_midway_keeps_what_was_answered() {
    let lines = answers(5, true);
    let quiz = Quiz::new(&[
        "play",
        &basics(),
        "--seed",
        "5",
        "--out",
        "result.json",
        "--name",
        "Ana",
    ])
    .typing(&typed(&lines[..3]));
    let run = quiz.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("── Result (input ended) ──"));
    assert!(
        run.stdout
            .contains("Score: 3 of 7 points (43%) · 3 of 7 questions answered"),
        "{}",
        run.stdout
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.dir.join("result.json")).unwrap())
            .unwrap();
    assert_eq!(saved["format"], "scenario-quiz-result");
    assert_eq!(saved["name"], "Ana");
    assert_eq!(saved["seed"], 5);
    assert_eq!(saved["ending"], "stopped_early");
    assert_eq!(saved["banks"][0]["id"], "basics");
    assert_eq!(saved["banks"][0]["version"], 1);
    assert_eq!(saved["questions_planned"], 7);
    assert_eq!(saved["answers"].as_array().unwrap().len(), 3);
    assert_eq!(saved["score"], 3.0);
    let first = &saved["answers"][0];
    assert_eq!(first["points"], first["max_points"]);
    assert!(first["seconds"].as_f64().unwrap() >= 0.0);
    assert!(first["question"].is_string() && first["response"]["kind"].is_string());
}

#[test]
fn results_are_never_written_over_an_existing_file() {
    let quiz = Quiz::new(&["play", &basics(), "--out", "taken.json"]).typing(&["1"]);
    std::fs::write(quiz.dir().join("taken.json"), "earlier results").unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error: `taken.json` already exists"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("Question 1"), "asked before refusing");
    assert_eq!(
        std::fs::read_to_string(run.dir.join("taken.json")).unwrap(),
        "earlier results"
    );
}

#[test]
fn the_same_seed_gives_the_same_quiz_and_another_seed_another() {
    let run = |seed: &str| Quiz::new(&["play", &basics(), "--seed", seed]).run().stdout;
    assert_eq!(run("11"), run("11"));
    assert_ne!(run("11"), run("12"));
}

#[test]
fn without_a_seed_one_is_drawn_and_printed_for_replay() {
    let run = Quiz::new(&["play", &basics()]).run();
    let first_line = run.stdout.lines().next().unwrap();
    let seed: u64 = first_line
        .split("replay with --seed ")
        .nth(1)
        .unwrap()
        .trim_end_matches(')')
        .parse()
        .unwrap();
    let replay = Quiz::new(&["play", &basics(), "--seed", &seed.to_string()]).run();
    assert_eq!(replay.stdout, run.stdout);
}

#[test]
fn filters_choose_which_questions_are_asked() {
    let asked = |args: &[&str]| {
        let mut all = vec!["play", "--no-shuffle"];
        let bank = basics();
        all.push(&bank);
        all.extend_from_slice(args);
        let run = Quiz::new(&all).run();
        run.stdout.lines().next().unwrap().to_string()
    };
    assert!(asked(&["--kind", "numeric"]).contains("· 1 question ·"));
    assert!(asked(&["--kind", "numeric", "--kind", "short"]).contains("· 2 questions ·"));
    assert!(asked(&["--tag", "dates"]).contains("· 3 questions ·"));
    assert!(asked(&["--tag", "dates", "--tag", "troops"]).contains("· 5 questions ·"));
    assert!(asked(&["--difficulty", "1"]).contains("· 1 question ·"));
    assert!(asked(&["--difficulty", "2..3"]).contains("· 6 questions ·"));
    assert!(asked(&["--count", "4"]).contains("· 4 questions ·"));
}

#[test]
fn a_filter_that_matches_nothing_says_so() {
    let run = Quiz::new(&["play", &basics(), "--tag", "nothing"]).run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: no question matches tag nothing (see `quiz list` for the tags and kinds there are)\n"
    );
}

#[test]
fn scenario_questions_follow_their_scenario_text() {
    let run = Quiz::new(&[
        "play",
        &basics(),
        "--no-shuffle",
        "--seed",
        "1",
        "--count",
        "2",
    ])
    .typing(&["1", "f"])
    .run();
    let scenario = run
        .stdout
        .find("── Scenario: Briefing an editor ──")
        .expect("the scenario");
    let first = run.stdout.find("Question 1 of 2").unwrap();
    let second = run.stdout.find("Question 2 of 2").unwrap();
    assert!(scenario < first && first < second);
    assert_eq!(
        run.stdout.matches("── Scenario").count(),
        1,
        "the scenario is shown once"
    );
}

#[test]
fn the_listing_counts_questions_by_kind() {
    let run = Quiz::new(&["list", &basics()]).run();
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout.replace(&basics(), "basics.yaml"));
}

#[test]
fn help_shows_examples() {
    let run = Quiz::new(&["play", "--help"]).run();
    assert!(
        run.stdout.contains("Examples:\n  quiz play  "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("quiz play --count all"),
        "{}",
        run.stdout
    );
    let wrong = Quiz::new(&["play", "--count", "0"]).run();
    assert_eq!(wrong.code, 2);
}

#[test]
fn a_reader_that_closes_the_output_ends_the_quiz_quietly_and_keeps_the_results() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::Stdio;
    let quiz = play_basics(&["--plain", "--no-shuffle", "--seed", "1", "--out", "r.json"]);
    let mut child = quiz
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `quiz play | head -1`: read the first line, then stop reading.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("Treaty basics"), "{first}");
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(b"1\nf\n1,2\n");
    drop(stdin);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
    let saved = std::fs::read_to_string(quiz.dir().join("r.json")).unwrap();
    assert!(saved.contains("\"ending\": \"stopped_early\""), "{saved}");
}

#[test]
fn an_empty_line_skips_a_question_until_the_end() {
    let run = play_basics(&["--no-shuffle", "--seed", "1", "--count", "2", "--no-save"])
        .typing(&["", "f", "1"])
        .run()
        .succeeds();
    let out = &run.stdout;
    assert!(out.contains("(skipped: it comes back at the end)"), "{out}");
    // The true-or-false question comes before the skipped first one, which comes back.
    let second = out.find("True or false (t/f): f").unwrap();
    let again = out.rfind("Your answer (1-3): 1").unwrap();
    assert!(second < again, "{out}");
    assert!(
        out.contains("Score: 2 of 2 points (100%) · 2 of 2"),
        "{out}"
    );
}

#[test]
fn stopping_before_any_answer_says_nothing_was_answered() {
    let run = play_basics(&["--no-shuffle", "--seed", "1", "--no-save"])
        .stdin("")
        .run()
        .succeeds();
    assert!(
        run.stdout.contains("Nothing was answered: 0 of 7 points."),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Score:"), "{}", run.stdout);
}

#[test]
fn a_misspelt_short_answer_says_what_it_was_accepted_as() {
    let run = play_basics(&["--kind", "short", "--seed", "1", "--no-save"])
        .typing(&["Kursk regon"])
        .run()
        .succeeds();
    assert!(
        run.stdout.contains("↳ accepted as Kursk region"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_number_typed_with_a_word_after_it_gets_a_hint_with_the_unit() {
    let run = play_basics(&["--kind", "numeric", "--seed", "1", "--no-save"])
        .typing(&["15000 troops", "15000"])
        .run()
        .succeeds();
    assert!(
        run.stdout
            .contains("? Type a number, like 100 or 100 soldiers"),
        "{}",
        run.stdout
    );
}

#[test]
fn typed_match_pairs_are_marked_right_or_wrong_one_by_one() {
    let run = play_basics(&[
        "--kind",
        "match",
        "--no-shuffle",
        "--seed",
        "1",
        "--no-save",
    ])
    .typing(&["1a 2a"])
    .run()
    .succeeds();
    let out = run.stdout;
    assert!(out.contains("◐ Partly right"), "{out}");
    // The right sides are shown as a) 1953, b) 2024.
    assert!(
        out.contains("You answered:\n  ✘ North Korea–Russia → 1953 (right: 2024)\n"),
        "{out}"
    );
    assert!(out.contains("  ✔ U.S.–South Korea → 1953\n"), "{out}");
}

#[test]
fn a_first_quiz_asks_ten_questions_and_says_how_to_get_every_one() {
    let run = Quiz::new(&["play", "--seed", "3", "--no-save"])
        .run()
        .succeeds();
    let out = run.stdout;
    let total: usize = load(&[]).iter().map(|b| b.questions.len()).sum();
    assert!(out.contains(" · 10 questions · practice"), "{out}");
    assert!(
        out.contains(&format!(
            "10 questions of {total}: --count all asks every one, --count N any number."
        )),
        "{out}"
    );
    let all = Quiz::new(&["play", "--seed", "3", "--no-save", "--count", "all"])
        .run()
        .succeeds()
        .stdout;
    assert!(
        all.contains(&format!(" · {total} questions · practice")),
        "{all}"
    );
    assert!(!all.contains("--count all asks"), "{all}");
}
