//! An author runs `quiz check` on banks with mistakes and is told every one, with its place.

use crate::common::{Quiz, fixture};

#[test]
fn a_bank_with_every_kind_of_mistake_gets_every_error_at_once() {
    let run = Quiz::new(&["check", fixture("broken.yaml").to_str().unwrap()]).run();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr_portable());
}

#[test]
fn a_clean_bank_passes() {
    Quiz::new(&["check", fixture("basics.yaml").to_str().unwrap()])
        .run()
        .succeeds()
        .stdout_is("ok: 1 bank(s), 7 question(s), 0 warning(s) in 1 file(s)\n");
}

#[test]
fn the_built_in_banks_pass() {
    let run = Quiz::new(&["check", "--deny-warnings"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
}

#[test]
fn play_refuses_a_broken_bank_and_says_why() {
    let run = Quiz::new(&["play", fixture("broken.yaml").to_str().unwrap()]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: duplicate question id `no-explanation`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("error: 14 problems in the banks; nothing was asked\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("Question 1"));
}

/// An `error:` line with `message`, whose `-->` line names `place` (file:line:col or a prefix).
fn reported(stderr: &str, message: &str, place: &str) -> bool {
    let lines: Vec<&str> = stderr.lines().collect();
    lines.windows(2).any(|pair| {
        pair[0] == format!("error: {message}")
            && pair[1].trim_start().starts_with(&format!("--> {place}"))
    })
}

/// Some diagnostic points at `place`.
fn points_at(stderr: &str, place: &str) -> bool {
    stderr
        .lines()
        .any(|l| l.trim_start().starts_with(&format!("--> {place}")))
}

/// Writes `content` to a file in a fresh folder and runs `quiz check` on it.
fn check_file(name: &str, content: &[u8]) -> crate::common::Run {
    let quiz = Quiz::new(&["check", name]);
    std::fs::write(quiz.dir().join(name), content).unwrap();
    quiz.run()
}

#[test]
fn a_misspelt_field_names_the_question_and_the_field_meant() {
    let bank = "id: t\ntitle: T\nversion: 1\nquestions:\n  - id: q1\n    kind: true_false\n    explantion: x\n";
    let run = check_file("typo.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error: unknown field `explantion`
     --> typo.yaml:7:5
      |
    7 |     explantion: x
      |     ^^^^^^^^^^^^^ in question `q1`
      |
      = help: did you mean `explanation`?

    1 error(s), 0 warning(s) in 1 file(s)
    ");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_position() {
    let run = check_file("latin1.yaml", b"id: t\ntitle: Caf\xe9\n");
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "the file is not UTF-8 text",
            "latin1.yaml:2:11"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_file_is_an_error_not_an_empty_bank() {
    let run = check_file("empty.yaml", b"# only a comment\n\n");
    assert_eq!(run.code, 1);
    assert!(
        reported(&run.stderr, "the bank is empty", "empty.yaml:1:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_that_is_not_yaml_is_an_error_with_a_position() {
    let run = check_file("prose.yaml", b"id: [unclosed\ntitle: x\n");
    assert_eq!(run.code, 1);
    assert!(points_at(&run.stderr, "prose.yaml:1:"), "{}", run.stderr);
}

#[test]
fn yaml_of_the_wrong_shape_is_an_error() {
    let run = check_file("list.yaml", b"- one\n- two\n");
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "expected `key: value` lines here",
            "list.yaml:1:1"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_alias_bomb_stops_with_an_error() {
    let mut bank = String::from(
        "id: t\ntitle: t\nversion: 1\nquestions:\n  - id: q\n    tags: &a [x, x, x, x, x, x, x, x, x, x]\n",
    );
    let mut previous = "a".to_string();
    for level in 0..12 {
        let name = format!("l{level}");
        bank.push_str(&format!(
            "  - id: {name}\n    tags: &{name} [{}]\n",
            vec![format!("*{previous}"); 10].join(", ")
        ));
        previous = name;
    }
    let run = check_file("bomb.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(points_at(&run.stderr, "bomb.yaml:"), "{}", run.stderr);
}

#[test]
fn nesting_a_hundred_thousand_deep_stops_with_an_error() {
    let bank = format!(
        "id: t\ntitle: t\nversion: 1\nquestions: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let run = check_file("deep.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(points_at(&run.stderr, "deep.yaml:4:"), "{}", run.stderr);
}

#[test]
fn a_twenty_megabyte_line_is_read_without_trouble() {
    let bank = format!(
        "id: t\ntitle: t\nversion: 1\ndescription: {}\nquestions: 7\n",
        "a".repeat(20 * 1024 * 1024)
    );
    let run = check_file("long.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(points_at(&run.stderr, "long.yaml:5:"), "{}", run.stderr);
}

#[test]
fn a_missing_file_is_named() {
    let run = Quiz::new(&["check", "nowhere.yaml"]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error: cannot read `nowhere.yaml`: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_banks_is_named() {
    let quiz = Quiz::new(&["check", "."]);
    let run = quiz.run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: `.` holds no bank files (*.yaml or *.yml)\n"
    );
}

#[test]
fn two_banks_with_one_id_are_reported() {
    let quiz = Quiz::new(&["check", "."]);
    let bank = std::fs::read(fixture("basics.yaml")).unwrap();
    std::fs::write(quiz.dir().join("a.yaml"), &bank).unwrap();
    std::fs::create_dir(quiz.dir().join("more")).unwrap();
    std::fs::write(quiz.dir().join("more/b.yml"), &bank).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "bank id `basics` is used twice",
            "./more/b.yml:"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_match_with_more_pairs_than_letters_is_refused() {
    let pairs: String = (0..27)
        .map(|i| format!("      - {{left: l{i}, right: r{i}}}\n"))
        .collect();
    let bank = format!(
        "id: t\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, author: A}}\nquestions:\n  - id: big-match\n    kind: match\n    prompt: Match.\n    explanation: Each left goes with its right.\n    source: {{id: s, section: X}}\n    pairs:\n{pairs}"
    );
    let run = check_file("big.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "`pairs` has 27 pairs; a match question has at most 26",
            "big.yaml:13:"
        ),
        "{}",
        run.stderr
    );
}

mod loading_never_panics {
    use proptest::prelude::*;
    use scenario_quiz::bank::{BankFile, load};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Fragments of banks in any order and nesting: errors with positions, never a panic.
        #[test]
        fn on_any_bank_like_text(text in "(id: [a-z]{0,3}\n|title: x\n|version: [0-9-]{1,3}\nquestions:\n|  - |    kind: (single|multiple|true_false|short|numeric|order|match|x)\n|    choices: \\[\\{text: a, correct: true\\}, \\{text: a\\}\\]\n|    answer: (true|7|x)\n|    tolerance: (\"5%\"|-1|x)\n|    pairs: \\[\\{left: a, right: b\\}\\]\n|    items: \\[a\\]\n|    source: \\{id: s, section: x\\}\n|    scenario: q\n|&a |\\*a|\\[|\\]|\\{|\\}|: |\n){0,40}") {
            let loaded = load(&[BankFile { origin: "fuzz.yaml".into(), bytes: text.into_bytes() }]);
            for problem in &loaded.problems {
                prop_assert!(problem.line >= 1 && problem.column >= 1);
            }
        }
    }
}

/// A bank of one question written by `answer_fields`, with everything else in place.
fn one_question_bank(kind: &str, answer_fields: &str) -> String {
    format!(
        "id: t\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, publisher: P}}\n\
         questions:\n  - id: q1\n    kind: {kind}\n    prompt: Match or order these.\n\
         {answer_fields}    explanation: Because.\n    source: {{id: s, section: x}}\n"
    )
}

#[test]
fn a_pair_with_an_empty_side_is_refused_at_that_pair() {
    let bank = one_question_bank(
        "match",
        "    pairs:\n      - {left: cat, right: cat food}\n      - {left: dog, right: dog food}\n      - {left: \"\", right: Chat}\n",
    );
    let run = check_file("blank.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "a pair has an empty `left:`",
            "blank.yaml:13:9"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_repeated_right_side_is_reported_where_it_repeats_naming_the_first() {
    let bank = one_question_bank(
        "match",
        "    pairs:\n      - {left: cat, right: food}\n      - {left: dog, right: Food}\n",
    );
    let run = check_file("twice.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "`Food` appears twice as a `right:` side in `pairs` (first on line 11)",
            "twice.yaml:12:9"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_repeated_order_item_is_reported_where_it_repeats_naming_the_first() {
    let bank = one_question_bank(
        "order",
        "    items:\n      - one\n      - two\n      - One\n",
    );
    let run = check_file("items.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "item `One` appears twice (first on line 11)",
            "items.yaml:13:9"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bank_without_a_version_is_told_to_add_one_at_the_top() {
    let bank = one_question_bank("true_false", "    answer: true\n").replace("version: 1\n", "");
    let run = check_file("unversioned.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "missing field `version`",
            "unversioned.yaml:1:1"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: add `version: 1`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_colon_inside_unquoted_text_gets_the_hint_to_quote_it() {
    let bank = one_question_bank("true_false", "    answer: true\n").replace(
        "prompt: Match or order these.",
        "prompt: Ratio: is 1:2 a half?",
    );
    let run = check_file("colon.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("help: quote this text"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_field_left_empty_or_of_the_wrong_type_is_told_what_to_write() {
    let bank = one_question_bank("true_false", "    answer: true\n");
    for (line, changed, message, help) in [
        (
            "title: T",
            "title: ~",
            "this field has no text",
            "write its text after the colon",
        ),
        (
            "title: T",
            "title: [a, b]",
            "expected a text here",
            "write the text after the colon",
        ),
        (
            "version: 1",
            "version: one",
            "expected a whole number here",
            "write a whole number without quotes",
        ),
        (
            "kind: true_false",
            "kind: true_false\n    shuffle: sometimes",
            "expected true or false here",
            "write `true` or `false`",
        ),
    ] {
        let run = check_file("typed.yaml", bank.replacen(line, changed, 1).as_bytes());
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.starts_with(&format!("error: {message}\n")),
            "{changed}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("= help: {help}")),
            "{changed}: {}",
            run.stderr
        );
    }
}

#[test]
fn answers_in_a_short_question_are_pointed_to_accept() {
    let bank = one_question_bank("short", "    answers: [Kursk, Kursk region]\n");
    let run = check_file("short.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(&run.stderr, "unknown field `answers`", "short.yaml:10:5"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "= help: did you mean `accept`? `short` questions take their answer in `accept:`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_answer_field_of_another_kind_is_reported_where_it_is_written() {
    let bank = one_question_bank("order", "    items: [one, two]\n    accept: [one two]\n");
    let run = check_file("misplaced.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "`accept` is not used by `order` questions",
            "misplaced.yaml:11:5"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("(`order` questions take `items`)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_comma_inside_unquoted_text_in_braces_gets_the_hint_to_quote_it() {
    let bank = one_question_bank(
        "match",
        "    pairs:\n      - {left: cat, right: Felix, the cat}\n      - {left: dog, right: Rex}\n",
    );
    let run = check_file("comma.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(&run.stderr, "unknown field `the cat`", "comma.yaml:11:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= help: quote this text"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_broken_question_is_reported_not_only_the_first_one_yaml_could_not_read() {
    let bank = r"id: t
title: T
version: 1
sources:
  - {id: s, title: S, publisher: P}
questions:
  - id: misspelt
    kind: true_false
    prompt: Is it?
    answer: true
    explantion: Yes.
    source: {id: s, section: x}
  - id: wordy-difficulty
    kind: true_false
    prompt: Is it?
    answer: true
    difficulty: hard
    explanation: Yes.
    source: {id: s, section: x}
  - id: no-source
    kind: true_false
    prompt: Is it?
    answer: true
    explanation: Yes.
  - id: fine
    kind: true_false
    prompt: Is it really?
    answer: true
    explanation: It is, as the source says.
    source: {id: s, section: x}
";
    let run = check_file("many.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    for (message, place) in [
        ("unknown field `explantion`", "many.yaml:11:5"),
        ("expected a whole number here", "many.yaml:17:17"),
        ("question has no `source`", "many.yaml:20:"),
    ] {
        assert!(
            reported(&run.stderr, message, place),
            "{message}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("3 error(s), 0 warning(s) in 1 file(s)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_repeated_question_id_does_not_hide_the_question_s_other_errors() {
    let bank = one_question_bank("true_false", "    answer: true\n")
        + "  - id: q1\n    kind: true_false\n    prompt: Again?\n    answer: maybe\n    explanation: No.\n";
    let run = check_file("again.yaml", bank.as_bytes());
    assert_eq!(run.code, 1);
    for (message, place) in [
        ("duplicate question id `q1`", "again.yaml:13:5"),
        (
            "the `answer` of a `true_false` question must be true or false",
            "again.yaml:16:13",
        ),
        ("question has no `source`", "again.yaml:13:5"),
    ] {
        assert!(
            reported(&run.stderr, message, place),
            "{message}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_key_written_twice_is_named_in_plain_words() {
    let run = check_file("twice.yaml", b"id: a\nid: b\ntitle: t\nversion: 1\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`id` is written twice here"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("DuplicateKeyPolicy"), "{}", run.stderr);
    assert!(points_at(&run.stderr, "twice.yaml:2:"), "{}", run.stderr);
}

/// A bank of `n` true/false questions, each on 8 lines from line 7; question `i` starts on line
/// `7 + 8 * i`. Over 256 KB for 1,000 questions, so `quiz check` parses it in two halves.
fn big_bank(n: usize, late_prompt: &str, late_kind: &str) -> String {
    let mut text = String::from(
        "id: big\ntitle: Big ça\nversion: 1\nsources:\n  - {id: s, title: S, author: A}\nquestions:\n",
    );
    for i in 0..n {
        let (kind, prompt) = if i == n - 10 {
            (late_kind, late_prompt.to_owned())
        } else {
            (
                "true_false",
                format!("Is statement number {i} about the région true?"),
            )
        };
        text.push_str(&format!(
            "  - id: q{i}\n    kind: {kind}\n    prompt: {prompt}\n    answer: true\n    \
             source: {{id: s, section: Part {i}}}\n    explanation: It is, by part {i} of the \
             source, which says so at length for this statement alone.\n    tags: [t{}, all]\n    difficulty: 2\n",
            i % 50
        ));
    }
    text
}

#[test]
fn a_big_bank_gets_its_warnings_and_errors_at_their_places_in_its_second_half() {
    let late_line = 7 + 8 * 990;
    let warned = big_bank(1000, "Is this not about the région?", "true_false");
    assert!(warned.len() > 256 * 1024);
    let run = check_file("big.yaml", warned.as_bytes());
    assert!(
        run.stderr
            .contains("warning: the prompt turns on the word `not`, which is easy to miss"),
        "{}",
        run.stderr
    );
    assert!(
        points_at(&run.stderr, &format!("big.yaml:{late_line}:5")),
        "{}",
        run.stderr
    );

    let broken = big_bank(1000, "Is it?", "singel");
    let run = check_file("big.yaml", broken.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        reported(
            &run.stderr,
            "unknown question kind `singel`",
            &format!("big.yaml:{}:11", late_line + 1)
        ),
        "{}",
        run.stderr
    );
}
