//! An author runs `quiz check --source FILE --coverage` and sees which sections of the source the
//! questions cite and which of its figures, dates and quotes no question asks about.

use crate::common::{Quiz, Run};

const SOURCE: &str = "\
A town gets a harbour.
The Harbour Opens
The new harbour opened on May 3, 2021, after 14 months of work.
Ships and Cargo
It handles 2,400 ships a year, the mayor called it “a door to the sea”.
";

/// A bank whose second question says `cargo_fact` and cites `cargo_section`.
fn bank(cargo_fact: &str, cargo_section: &str) -> String {
    format!(
        "id: port\ntitle: Port\nversion: 1\nsources:\n  - {{id: s, title: S, publisher: P}}\n\
         questions:\n\
         \x20 - id: opened\n    kind: true_false\n    prompt: Did the harbour open on 3 May 2021?\n    answer: true\n\
         \x20   explanation: It opened then, after 14 months of building, and was called a door to the sea.\n\
         \x20   source: {{id: s, section: The Harbour Opens}}\n\
         \x20 - id: ships\n    kind: true_false\n    prompt: Is the harbour busy?\n    answer: true\n\
         \x20   explanation: {cargo_fact}\n    source: {{id: s, section: {cargo_section}}}\n"
    )
}

fn coverage(bank: &str, format: &str) -> Run {
    let quiz = Quiz::new(&[
        "check",
        "port.yaml",
        "--source",
        "source.txt",
        "--coverage",
        "--format",
        format,
    ]);
    std::fs::write(quiz.dir().join("port.yaml"), bank).unwrap();
    std::fs::write(quiz.dir().join("source.txt"), SOURCE).unwrap();
    quiz.run()
}

#[test]
fn an_untested_section_and_figure_are_listed() {
    let run = coverage(
        &bank(
            "Ships call there all year round, more than at any port nearby.",
            "The Harbour Opens",
        ),
        "text",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    coverage of source.txt: 2 question(s) cite it

    questions  section
            2  The Harbour Opens
            0  Ships and Cargo

    figures, dates and quotes no question asks about or explains: 1
      figure  2,400  — line 5, Ships and Cargo

    ok: 1 bank(s), 2 question(s), 0 warning(s) in 1 file(s)
    ");
}

#[test]
fn a_section_and_figure_that_are_asked_about_are_not_listed() {
    let run = coverage(
        &bank("About 2400 ships call there each year.", "Ships and Cargo"),
        "text",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("        1  Ships and Cargo\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("figures, dates and quotes no question asks about or explains: 0\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("2,400  —"), "{}", run.stdout);
}

#[test]
fn the_json_report_gives_each_section_and_fact_with_its_count() {
    let run = coverage(
        &bank(
            "Ships call there all year round, more than at any port nearby.",
            "The Harbour Opens",
        ),
        "json",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let report = &json["coverage"][0];
    assert_eq!(report["questions"], 2);
    assert_eq!(report["sections"][1]["heading"], "Ships and Cargo");
    assert_eq!(report["sections"][1]["questions"], 0);
    let facts: Vec<(String, u64)> = report["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap().to_owned(),
                f["questions"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        facts,
        vec![
            ("May 3, 2021".to_owned(), 1),
            ("14".to_owned(), 1),
            ("a door to the sea".to_owned(), 1),
            ("2,400".to_owned(), 0),
        ]
    );
}

#[test]
fn coverage_needs_a_source() {
    let run = Quiz::new(&["check", "port.yaml", "--coverage"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--source"), "{}", run.stderr);
}
