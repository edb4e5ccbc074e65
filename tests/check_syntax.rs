//! An author breaks the YAML of the starter bank the ways authors do, and `quiz check` points at
//! each mistake where it is written, in its own words.

use crate::common::{Quiz, Run};

/// The starter bank of `quiz new`, as `edit` leaves it, checked with `quiz check` (in `format`).
fn check_starter(format: &str, edit: impl Fn(String) -> String) -> Run {
    let quiz = Quiz::new(&["check", "--format", format, "bank.yaml"]);
    Quiz::new(&["new", "bank.yaml"])
        .in_dir(quiz.dir())
        .run()
        .succeeds();
    let path = quiz.dir().join("bank.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changes the bank");
    std::fs::write(&path, edited).unwrap();
    quiz.run()
}

/// `text` with its `nth` (from 0) line that equals `line` replaced by `with`.
fn replace_line(text: &str, line: &str, nth: usize, with: &str) -> String {
    let mut seen = 0;
    text.lines()
        .map(|l| {
            if l == line {
                seen += 1;
                if seen == nth + 1 {
                    return with.to_owned();
                }
            }
            l.to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Words of the YAML parser that name its own states rather than the bank.
const PARSER_WORDS: [&str; 6] = [
    "while parsing",
    "did not find expected",
    "mapping values are not allowed",
    "trailing content",
    "tabs disallowed",
    "block collection",
];

fn says_nothing_of_the_parser(stderr: &str) {
    for words in PARSER_WORDS {
        assert!(!stderr.contains(words), "{words}: {stderr}");
    }
}

#[test]
fn an_unclosed_quote_and_tabs_are_each_reported_at_their_own_line() {
    let run = check_starter("text", |bank| {
        let bank = bank.replace("    date: \"2025\"", "    date: \"2025");
        let bank = replace_line(
            &bank,
            "    tags: [condensation]",
            0,
            "\t    tags: [condensation]",
        );
        replace_line(
            &bank,
            "    tags: [precipitation]",
            0,
            "  \t  tags: [precipitation]",
        )
    });
    assert_eq!(run.code, 1);
    says_nothing_of_the_parser(&run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn every_tab_of_one_question_is_reported_not_only_the_first() {
    let run = check_starter("text", |bank| {
        let bank = bank.replace("    kind: short\n", "\tkind: short\n");
        bank.replace(
            "    accept: [condensation, condensing]\n",
            "\taccept: [condensation, condensing]\n",
        )
    });
    assert_eq!(run.code, 1);
    says_nothing_of_the_parser(&run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_key_indented_too_deep_says_where_the_question_s_keys_are() {
    let run = check_starter("text", |bank| {
        replace_line(&bank, "    choices:", 0, "       choices:")
    });
    assert_eq!(run.code, 1);
    says_nothing_of_the_parser(&run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_key_indented_too_little_says_where_the_question_s_keys_are() {
    let run = check_starter("text", |bank| {
        replace_line(&bank, "    choices:", 0, "   choices:")
    });
    assert_eq!(run.code, 1);
    says_nothing_of_the_parser(&run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_choice_out_of_line_with_the_others_is_named_as_a_choice() {
    let run = check_starter("text", |bank| {
        bank.replacen(
            "      - text: It froze into the soil",
            "       - text: It froze into the soil",
            1,
        )
    });
    assert_eq!(run.code, 1);
    says_nothing_of_the_parser(&run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_source_key_out_of_line_is_named_as_the_source_s() {
    let run = check_starter("text", |bank| {
        bank.replacen("    author: Your name", "      author: Your name", 1)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: `author:` is at column 7; the source's other keys are at column 5\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn other_broken_yaml_is_told_in_plain_words() {
    for (line, broken) in [
        (
            "    source: {id: notes, section: Evaporation}",
            "    source: {id: notes, section: Evaporation",
        ),
        ("    tags: [evaporation]", "    tags: [evaporation}"),
        (
            "    prompt: Where did the morning dew go?",
            "    prompt: \"Where did the \\q dew go?\"",
        ),
        (
            "    prompt: Where did the morning dew go?",
            "    prompt: Where: did the dew go?",
        ),
    ] {
        let run = check_starter("text", |bank| bank.replacen(line, broken, 1));
        assert_eq!(run.code, 1, "{broken}");
        assert!(
            run.stderr.contains("--> bank.yaml:"),
            "{broken}: {}",
            run.stderr
        );
        says_nothing_of_the_parser(&run.stderr);
    }
}

#[test]
fn json_gives_each_diagnostic_the_end_of_its_range() {
    let run = check_starter("json", |bank| {
        replace_line(&bank, "    choices:", 0, "       choices:")
    });
    assert_eq!(run.code, 1);
    let report = run.json();
    let problem = &report["diagnostics"][0];
    assert_eq!(
        (&problem["line"], &problem["column"]),
        (&30.into(), &8.into())
    );
    assert_eq!(
        (&problem["end_line"], &problem["end_column"]),
        (&30.into(), &16.into()),
        "`choices:` spans columns 8 to 15"
    );
}

#[test]
fn the_readme_shows_the_unclosed_quote_as_it_prints() {
    let quiz = Quiz::new(&["check", "water-cycle.yaml"]);
    Quiz::new(&["new", "water-cycle.yaml"])
        .in_dir(quiz.dir())
        .run()
        .succeeds();
    let path = quiz.dir().join("water-cycle.yaml");
    let bank = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, bank.replace("date: \"2025\"", "date: \"2025")).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 1);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let shown = format!("$ quiz check water-cycle.yaml\n{}```", run.stderr);
    assert!(readme.contains(&shown), "the README should show:\n{shown}");
}
