//! End-to-end: exams for a class, the class report and presenter mode, as a teacher runs them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const BASICS: &str = "tests/fixtures/basics.yaml";

fn quiz() -> Command {
    let mut cmd = Command::cargo_bin("quiz").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Takes the exam as `name` with answers good enough to move on ("1" and "t" fit every kind asked).
fn take_exam(dir: &Path, name: &str) -> Value {
    let out = dir.join(format!("{name}.json"));
    quiz()
        .args(["play", BASICS, "--exam", "--seed", "2024", "--plain"])
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
        .write_stdin("1\nt\n".repeat(8))
        .assert()
        .success();
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
    quiz()
        .args(["play", BASICS, "--shuffle-per-student", "--plain"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--name"));
    quiz()
        .args([
            "play",
            BASICS,
            "--shuffle-per-student",
            "--plain",
            "--name",
            "--",
        ])
        .assert()
        .code(2);
}

#[test]
fn an_existing_results_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("ana.json");
    std::fs::write(&out, "keep me").unwrap();
    quiz()
        .args([
            "play",
            BASICS,
            "--plain",
            "--shuffle-per-student",
            "--name",
            "ana",
        ])
        .arg("--out")
        .arg(&out)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("never overwritten"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}
