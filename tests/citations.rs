//! An author cites every section of the source an answer draws on (`section: [A, B]`), and the
//! learner, the class and every export see all of them.

use crate::common::{Quiz, Run, fixture};

/// A harbour bank: `busy-soon` cites two sections, `building-time` one.
const TWO_SECTIONS: &str = "tests/fixtures/two-sections.yaml";
const HARBOUR: &str = "tests/fixtures/harbour.txt";

/// The whole line that credits both sections, as every front end and export writes it.
const BOTH: &str = "Source: Harbour report — Port Gazette, 2021 · sections “The Harbour Opens” and \
                    “Ships and Cargo” (“2,400 ships”)";
/// A question of one section reads exactly as it always has.
const ONE: &str = "Source: Harbour report — Port Gazette, 2021 · section “The Harbour Opens”";

fn quiz(args: &[&str]) -> Quiz {
    Quiz::new(args).in_crate_root()
}

/// `text` with every run of spaces and line breaks as one space: wrapped lines read as one.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `quiz check bank.yaml ARGS…` on `bank`, written into the run's folder beside the harbour text.
fn check(bank: &str, args: &[&str]) -> Run {
    let quiz = Quiz::new(&["check", "bank.yaml"]).args(args);
    std::fs::write(quiz.dir().join("bank.yaml"), bank).unwrap();
    std::fs::copy(fixture("harbour.txt"), quiz.dir().join("harbour.txt")).unwrap();
    quiz.run()
}

/// The fixture with the first question's `section:` line replaced by `section`.
fn citing(section: &str) -> String {
    std::fs::read_to_string(fixture("two-sections.yaml"))
        .unwrap()
        .replacen(
            "      section: [The Harbour Opens, Ships and Cargo]\n",
            &format!("      section: {section}\n"),
            1,
        )
}

#[test]
fn a_learner_sees_both_sections_under_the_answer() {
    let run = quiz(&["play", TWO_SECTIONS, "--no-shuffle", "--seed", "1"])
        .typing(&["t", "14"])
        .run()
        .succeeds();
    let screen = flat(&run.stdout);
    assert!(screen.contains(BOTH), "{}", run.stdout);
    assert!(screen.contains(&format!("{ONE} ")), "{}", run.stdout);
    assert!(
        run.stdout.contains("Score: 2 of 2 points (100%)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_projector_and_every_export_show_both_sections() {
    let present = quiz(&["present", TWO_SECTIONS, "--no-shuffle", "--seed", "1"])
        .run()
        .succeeds();
    assert!(flat(&present.stdout).contains(BOTH), "{}", present.stdout);
    for format in ["gift", "anki", "markdown"] {
        let run = quiz(&["export", "--format", format, TWO_SECTIONS])
            .run()
            .succeeds();
        // GIFT writes `:` as `\:`.
        let text = run.stdout.replace("\\:", ":");
        assert!(text.contains(BOTH), "{format}: {}", run.stdout);
        assert!(text.contains(ONE), "{format}: {}", run.stdout);
    }
}

#[test]
fn a_gift_export_imports_back_with_both_sections() {
    let dir = tempfile::tempdir().unwrap();
    let gift = dir.path().join("harbour.gift");
    quiz(&["export", "--format", "gift", TWO_SECTIONS, "-o"])
        .arg(&gift)
        .run()
        .succeeds();
    let back = quiz(&["import", "gift"]).arg(&gift).run().succeeds();
    assert!(
        back.stdout.contains(
            "    section:\n    - The Harbour Opens\n    - Ships and Cargo\n    locator: 2,400 ships\n"
        ),
        "{}",
        back.stdout
    );
    assert!(
        back.stdout.contains("    section: The Harbour Opens\n"),
        "{}",
        back.stdout
    );
}

#[test]
fn check_finds_a_misspelled_second_heading_and_names_the_closest() {
    let run = check(
        &citing("\n        - The Harbour Opens\n        - Ships and Crago"),
        &["--source", "harbour.txt"],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error: cited section `Ships and Crago` cannot be found in harbour.txt
      --> bank.yaml:19:11
       |
    19 |         - Ships and Crago
       |           ^^^^^^^^^^^^^^^ in question `busy-soon`
       |
       = help: the closest line there is `Ships and Cargo`

    1 error(s), 0 warning(s) in 1 file(s)
    ");
}

#[test]
fn check_passes_a_bank_whose_every_cited_section_is_in_the_source() {
    let run = check(
        &citing("[The Harbour Opens, Ships and Cargo]"),
        &["--source", "harbour.txt"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The locator is looked up as before: in the source's text.
    let run = check(
        &citing("[The Harbour Opens, Ships and Cargo]").replace("2,400 ships", "2,500 ships"),
        &["--source", "harbour.txt"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: cited locator `2,500 ships` cannot be found in harbour.txt"),
        "{}",
        run.stderr
    );
}

#[test]
fn coverage_counts_a_question_under_each_section_it_cites() {
    let run = quiz(&["check", TWO_SECTIONS, "--source", HARBOUR, "--coverage"])
        .run()
        .succeeds();
    insta::assert_snapshot!(run.stdout, @r"
    coverage of tests/fixtures/harbour.txt: 2 question(s) cite it

    questions  section
            2  The Harbour Opens
            1  Ships and Cargo

    figures, dates and quotes no question asks about or explains: 1
      quote   a door to the sea  — line 5, Ships and Cargo

    ok: 1 bank(s), 2 question(s), 0 warning(s) in 1 file(s)
    ");
}

#[test]
fn an_empty_list_an_empty_heading_and_a_repeated_heading_are_errors() {
    let run = check(&citing("[]"), &[]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error: the source's `section` lists no heading
      --> bank.yaml:17:16
       |
    17 |       section: []
       |                ^^ in question `busy-soon`
       |
       = help: name the heading the answer comes from, or list each one it draws on: `section: [First heading, Second heading]`

    1 error(s), 0 warning(s) in 1 file(s)
    ");
    let run = check(&citing("[The Harbour Opens, \"\"]"), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error: the source's `section` list has an empty heading\n  --> bank.yaml:17:36\n"
        ),
        "{}",
        run.stderr
    );
    let run = check(
        &citing(
            "\n        - The Harbour Opens\n        - Ships and Cargo\n        - the harbour opens",
        ),
        &[],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error: the source's `section` lists `the harbour opens` twice
      --> bank.yaml:20:11
       |
    20 |         - the harbour opens
       |           ^^^^^^^^^^^^^^^^^ in question `busy-soon`
       |
       = help: cite each heading once: `The Harbour Opens` is already listed on line 18

    1 error(s), 0 warning(s) in 1 file(s)
    ");
}

#[test]
fn one_heading_written_as_before_keeps_working() {
    let run = check(
        &citing("The Harbour Opens"),
        &["--source", "harbour.txt", "--deny-warnings"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for empty in ["\"\"", ""] {
        let run = check(&citing(empty), &[]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr
                .contains("error: the source has an empty `section`"),
            "{}",
            run.stderr
        );
    }
}
