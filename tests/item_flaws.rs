//! An author runs `quiz check` on questions with item-writing flaws and is shown each flaw on the
//! line of the question or choice; a close question without the flaw gets no warning.

use crate::common::Quiz;

/// A bank with `questions` (YAML list items, indented by two spaces), a source and a scenario.
fn bank(questions: &str) -> String {
    format!(
        "id: t\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, publisher: P}}\n\
         defaults:\n  shuffle: true\n\
         scenarios:\n  - id: desk\n    title: Desk\n    text: You are on a news desk.\n\
         questions:\n{questions}"
    )
}

/// A single-choice question; `choices` are YAML flow items, the first one right.
fn single(id: &str, prompt: &str, right: &str, wrong: &[&str]) -> String {
    let mut text = format!(
        "  - id: {id}\n    kind: single\n    prompt: \"{prompt}\"\n    choices:\n      - text: \"{right}\"\n        correct: true\n"
    );
    for w in wrong {
        text.push_str(&format!(
            "      - text: \"{w}\"\n        why: It is not so.\n"
        ));
    }
    text.push_str(
        "    explanation: The source gives this fact in its second part.\n    source: {id: s, section: x}\n",
    );
    text
}

/// Every warning of `quiz check` on `bank`, as (lint, line, question).
fn warnings(bank: &str) -> Vec<(String, u64, String)> {
    let quiz = Quiz::new(&["check", "bank.yaml", "--format", "json"]);
    std::fs::write(quiz.dir().join("bank.yaml"), bank).unwrap();
    let run = quiz.run();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            (
                d["lint"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap(),
                d["question"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The lines at which `lint` is reported.
fn found(bank: &str, lint: &str) -> Vec<u64> {
    warnings(bank)
        .into_iter()
        .filter(|(l, _, _)| l == lint)
        .map(|(_, line, _)| line)
        .collect()
}

/// The line of the first line of `bank` that contains `text`.
fn line_of(bank: &str, text: &str) -> u64 {
    bank.lines().position(|l| l.contains(text)).expect(text) as u64 + 1
}

#[test]
fn a_negative_stem_is_found_unless_written_in_capitals() {
    let wrong = ["Moscow", "Beijing", "Seoul"];
    let flawed = bank(&single(
        "q1",
        "Which city was not the place of signing?",
        "Pyongyang",
        &wrong,
    ));
    assert_eq!(
        found(&flawed, "negative-stem"),
        [line_of(&flawed, "- id: q1")]
    );
    let stressed = bank(&single(
        "q1",
        "Which city was NOT the place of signing?",
        "Pyongyang",
        &wrong,
    ));
    assert!(found(&stressed, "negative-stem").is_empty());
    let positive = bank(&single(
        "q1",
        "Which city was the place of signing?",
        "Pyongyang",
        &wrong,
    ));
    assert!(found(&positive, "negative-stem").is_empty());
}

#[test]
fn an_absolute_term_in_a_wrong_choice_is_found_at_that_choice() {
    let flawed = bank(&single(
        "q1",
        "What does the clause require?",
        "Military help if either side is invaded",
        &[
            "Help that is always sent at once",
            "Help for trade disputes",
            "Help for China",
        ],
    ));
    assert_eq!(
        found(&flawed, "absolute-term"),
        [line_of(&flawed, "always sent")]
    );
    let close = bank(&single(
        "q1",
        "What does the clause require?",
        "Military help if either side is invaded",
        &[
            "Help that is sent after a vote",
            "Help for trade disputes",
            "Help for China",
        ],
    ));
    assert!(found(&close, "absolute-term").is_empty());
}

#[test]
fn a_vague_term_in_a_true_false_statement_is_found() {
    let question = |prompt: &str| {
        format!(
            "  - id: tf\n    kind: true_false\n    prompt: \"{prompt}\"\n    answer: true\n\
             \x20   explanation: The source reports it in its second part.\n    source: {{id: s, section: x}}\n"
        )
    };
    let flawed = bank(&question("Russia may send technology to North Korea."));
    assert_eq!(found(&flawed, "vague-term"), [line_of(&flawed, "- id: tf")]);
    let close = bank(&question(
        "Russia is believed to send technology to North Korea.",
    ));
    assert!(found(&close, "vague-term").is_empty());
    let month = bank(&question("The treaty was not signed in May 2024."));
    assert!(found(&month, "vague-term").is_empty());
}

#[test]
fn a_stem_word_repeated_only_in_the_right_choice_is_a_cue() {
    let flawed = bank(&single(
        "q1",
        "Which chamber ratified the treaty?",
        "The chamber called the State Duma",
        &[
            "The Senate",
            "The Supreme People's Assembly",
            "The Bundestag",
        ],
    ));
    assert_eq!(
        found(&flawed, "word-repeat"),
        [line_of(&flawed, "called the State Duma")]
    );
    let close = bank(&single(
        "q1",
        "Which chamber ratified the treaty?",
        "The State Duma",
        &[
            "The Senate",
            "The Supreme People's Assembly",
            "The Bundestag",
        ],
    ));
    assert!(found(&close, "word-repeat").is_empty());
}

#[test]
fn a_right_choice_built_from_the_others_words_is_a_convergence_cue() {
    let flawed = bank(&single(
        "q1",
        "What did Russia send?",
        "Russian missile technology aid",
        &[
            "Russian missile troops",
            "missile technology loans",
            "technology aid grants",
        ],
    ));
    assert_eq!(
        found(&flawed, "convergence-cue"),
        [line_of(&flawed, "missile technology aid")]
    );
    let close = bank(&single(
        "q1",
        "What did Russia send?",
        "Missile technology",
        &["Troops", "Grain", "Oil"],
    ));
    assert!(found(&close, "convergence-cue").is_empty());
}

#[test]
fn a_stem_ending_in_an_article_that_fits_only_the_right_choice_is_a_grammatical_cue() {
    let flawed = bank(&single(
        "q1",
        "The treaty's defense clause is an",
        "obligation to help at once",
        &["promise to talk first", "trade rule", "cultural pledge"],
    ));
    assert_eq!(
        found(&flawed, "grammatical-cue"),
        [line_of(&flawed, "promise to talk first")]
    );
    let close = bank(&single(
        "q1",
        "What is the treaty's defense clause?",
        "An obligation to help at once",
        &[
            "A promise to talk first",
            "A trade rule",
            "A cultural pledge",
        ],
    ));
    assert!(found(&close, "grammatical-cue").is_empty());
}

#[test]
fn dates_shown_out_of_order_are_a_lost_sequence_only_when_not_shuffled() {
    let question = |shuffle: bool, dates: [&str; 4]| {
        let mut q = single(
            "q1",
            "When did the treaty take effect?",
            dates[0],
            &dates[1..],
        );
        q.push_str(&format!("    shuffle: {shuffle}\n"));
        bank(&q)
    };
    let flawed = question(
        false,
        [
            "4 December 2024",
            "18 June 2024",
            "11 November 2024",
            "9 November 2024",
        ],
    );
    assert_eq!(
        found(&flawed, "lost-sequence"),
        [line_of(&flawed, "4 December 2024")]
    );
    let ordered = question(
        false,
        [
            "18 June 2024",
            "9 November 2024",
            "11 November 2024",
            "4 December 2024",
        ],
    );
    assert!(found(&ordered, "lost-sequence").is_empty());
    let shuffled = question(
        true,
        [
            "4 December 2024",
            "18 June 2024",
            "11 November 2024",
            "9 November 2024",
        ],
    );
    assert!(found(&shuffled, "lost-sequence").is_empty());
}

#[test]
fn a_choice_that_combines_others_is_found() {
    let flawed = bank(&single(
        "q1",
        "Which did North Korea send?",
        "A and B",
        &["Shells", "Troops", "Grain"],
    ));
    assert_eq!(
        found(&flawed, "combination-option"),
        [line_of(&flawed, "A and B")]
    );
    let close = bank(&single(
        "q1",
        "Which did North Korea send?",
        "Shells and troops",
        &["Grain", "Oil", "Cars"],
    ));
    assert!(found(&close, "combination-option").is_empty());
}

#[test]
fn a_sentence_to_complete_is_a_fill_in_the_blank_stem() {
    let wrong = ["Moscow", "Beijing", "Seoul"];
    let flawed = bank(&single(
        "q1",
        "The treaty was signed in ___.",
        "Pyongyang",
        &wrong,
    ));
    assert_eq!(
        found(&flawed, "fill-in-the-blank"),
        [line_of(&flawed, "- id: q1")]
    );
    let dangling = bank(&single(
        "q1",
        "The treaty was signed in",
        "Pyongyang",
        &wrong,
    ));
    assert_eq!(
        found(&dangling, "fill-in-the-blank"),
        [line_of(&dangling, "- id: q1")]
    );
    let close = bank(&single(
        "q1",
        "In which city was the treaty signed?",
        "Pyongyang",
        &wrong,
    ));
    assert!(found(&close, "fill-in-the-blank").is_empty());
}

#[test]
fn a_right_choice_much_shorter_or_longer_than_every_wrong_one_is_found() {
    let long = bank(&single(
        "q1",
        "Why did the ties revive?",
        "Sanctions after 2022 isolated both states, and Russia needed shells for its war",
        &["A new trade route", "A royal wedding", "A sports event"],
    ));
    assert_eq!(
        found(&long, "option-length"),
        [line_of(&long, "Sanctions after 2022")]
    );
    let short = bank(&single(
        "q1",
        "What did the Soviet Union send?",
        "Weapons",
        &[
            "Troops to fight in the Kursk region",
            "Food paid for with exported labor",
            "Ships built for the Pacific fleet",
        ],
    ));
    assert_eq!(found(&short, "option-length"), [line_of(&short, "Weapons")]);
    let even = bank(&single(
        "q1",
        "Why did the ties revive?",
        "Sanctions isolated both states",
        &[
            "A new trade route opened",
            "A royal wedding took place",
            "A sports event united them",
        ],
    ));
    assert!(found(&even, "option-length").is_empty());
}

fn true_false(id: &str, answer: bool) -> String {
    format!(
        "  - id: {id}\n    kind: true_false\n    prompt: \"Is statement {id} right?\"\n    answer: {answer}\n\
         \x20   explanation: The source settles statement {id} in its second part.\n    source: {{id: s, section: x}}\n"
    )
}

#[test]
fn true_false_answers_that_are_mostly_false_are_found_across_the_bank() {
    let answers = [false, false, false, false, true, false];
    let flawed = bank(
        &answers
            .iter()
            .enumerate()
            .map(|(i, a)| true_false(&format!("t{i}"), *a))
            .collect::<String>(),
    );
    assert_eq!(
        found(&flawed, "true-false-balance"),
        [line_of(&flawed, "- id: t0")]
    );
    let answers = [false, true, false, true, true, false];
    let balanced = bank(
        &answers
            .iter()
            .enumerate()
            .map(|(i, a)| true_false(&format!("t{i}"), *a))
            .collect::<String>(),
    );
    assert!(found(&balanced, "true-false-balance").is_empty());
}

fn multiple(id: &str, right: usize) -> String {
    let mut q = format!(
        "  - id: {id}\n    kind: multiple\n    prompt: \"Which of these does {id} name?\"\n    choices:\n"
    );
    for i in 0..5 {
        if i < right {
            q.push_str(&format!(
                "      - text: \"Place {i} of {id}\"\n        correct: true\n"
            ));
        } else {
            q.push_str(&format!(
                "      - text: \"Item {i} of {id}\"\n        why: Not named.\n"
            ));
        }
    }
    q.push_str("    explanation: The source names these in its second part.\n    source: {id: s, section: x}\n");
    q
}

#[test]
fn the_same_count_of_right_choices_in_most_multiple_answer_questions_is_found() {
    let flawed = bank(
        &[3, 3, 3, 3, 2]
            .iter()
            .enumerate()
            .map(|(i, r)| multiple(&format!("m{i}"), *r))
            .collect::<String>(),
    );
    assert_eq!(
        found(&flawed, "answer-count"),
        [line_of(&flawed, "- id: m0")]
    );
    let varied = bank(
        &[3, 2, 3, 4, 2]
            .iter()
            .enumerate()
            .map(|(i, r)| multiple(&format!("m{i}"), *r))
            .collect::<String>(),
    );
    assert!(found(&varied, "answer-count").is_empty());
}

#[test]
fn the_right_choice_in_one_place_in_most_unshuffled_questions_is_found() {
    let unshuffled = |id: &str, right_first: bool| {
        let mut q = if right_first {
            single(
                id,
                &format!("Which is {id}?"),
                &format!("Right {id}"),
                &["Wrong a", "Wrong b"],
            )
        } else {
            let mut q = single(id, &format!("Which is {id}?"), "Wrong first", &[]);
            q = q.replace("correct: true", "why: Not so.");
            q.replace("choices:\n", &format!("choices:\n      - text: \"Right {id}\"\n        correct: true\n      - text: Wrong c\n        why: Not so.\n"))
        };
        q.push_str("    shuffle: false\n");
        q
    };
    let flawed = bank(
        &(0..5)
            .map(|i| unshuffled(&format!("k{i}"), true))
            .collect::<String>(),
    );
    assert_eq!(
        found(&flawed, "key-position"),
        [line_of(&flawed, "- id: k0")]
    );
    let varied: String = (0..5)
        .map(|i| {
            let q = unshuffled(&format!("k{i}"), true);
            if i % 2 == 0 {
                q
            } else {
                // The right choice moved to the end.
                q.replacen("      - text: \"Right", "      - text: \"Moved", 1)
                    .replace("correct: true", "why: Not so.")
                    .replace(
                        "    explanation:",
                        &format!(
                            "      - text: \"Right {i}\"\n        correct: true\n    explanation:"
                        ),
                    )
                    .replace(
                        "choices:\n      - text: \"Moved",
                        "choices:\n      - text: \"Other",
                    )
            }
        })
        .collect();
    let varied = bank(&varied);
    assert!(found(&varied, "key-position").is_empty(), "{varied}");
}

#[test]
fn a_question_may_allow_a_lint_by_name_and_a_misspelt_name_is_reported() {
    let wrong = ["Moscow", "Beijing", "Seoul"];
    let mut question = single(
        "q1",
        "Which city was not the place of signing?",
        "Pyongyang",
        &wrong,
    );
    question.push_str("    allow: [negative-stem]\n");
    let allowed = bank(&question);
    assert!(found(&allowed, "negative-stem").is_empty());
    assert!(found(&allowed, "unknown-allow").is_empty());
    let misspelt = bank(&question.replace("[negative-stem]", "[negative-stems]"));
    let all = warnings(&misspelt);
    assert!(
        all.iter()
            .any(|(l, line, _)| l == "unknown-allow" && *line == line_of(&misspelt, "allow:")),
        "{all:?}"
    );
    assert!(all.iter().any(|(l, _, _)| l == "negative-stem"), "{all:?}");
}

/// A scenario question, asked in written order.
fn in_scenario(q: &str) -> String {
    q.replacen("    kind:", "    scenario: desk\n    kind:", 1)
}

#[test]
fn an_answer_shown_by_an_earlier_question_of_the_scenario_is_a_leak() {
    let order = "  - id: timeline\n    kind: order\n    scenario: desk\n    prompt: Put the steps in order.\n\
                 \x20   items: [Kim and Putin sign the treaty in Pyongyang, North Korea ratifies it]\n\
                 \x20   explanation: Signing came in June and ratification in November.\n    source: {id: s, section: x}\n";
    let city = "  - id: city\n    kind: short\n    scenario: desk\n    prompt: In which city was the treaty signed?\n\
                \x20   accept: [Pyongyang]\n    explanation: The leaders met in the North Korean capital.\n    source: {id: s, section: x}\n";
    let flawed = bank(&format!("{order}{city}"));
    let all = warnings(&flawed);
    assert_eq!(
        all.iter()
            .filter(|(l, _, _)| l == "answer-leak")
            .collect::<Vec<_>>(),
        [&(
            "answer-leak".to_owned(),
            line_of(&flawed, "accept: [Pyongyang]"),
            "city".to_owned()
        )]
    );
    let reordered = bank(&format!("{city}{order}"));
    assert!(found(&reordered, "answer-leak").is_empty());
}

#[test]
fn a_name_in_the_source_line_of_an_earlier_question_is_a_leak() {
    let earlier = |locator: &str| {
        format!(
            "  - id: signed\n    kind: true_false\n    scenario: desk\n    prompt: Was the treaty signed in 2024?\n\
             \x20   answer: true\n    explanation: It was signed that June.\n\
             \x20   source: {{id: s, section: The signing, locator: {locator}}}\n"
        )
    };
    let name = "  - id: name\n    kind: short\n    scenario: desk\n    prompt: What is the treaty called?\n\
                \x20   accept: [Comprehensive Strategic Partnership Treaty]\n    explanation: Its full name.\n\
                \x20   source: {id: s, section: x}\n";
    let flawed = bank(&format!(
        "{}{name}",
        earlier("the Comprehensive Strategic Partnership Treaty was signed")
    ));
    let quiz = Quiz::new(&["check", "bank.yaml"]);
    std::fs::write(quiz.dir().join("bank.yaml"), &flawed).unwrap();
    let run = quiz.run();
    let messages = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(
        found(&flawed, "answer-leak"),
        [line_of(&flawed, "accept: [Comprehensive")],
        "{messages}"
    );
    assert!(
        messages.contains("the source line of question `signed`"),
        "{messages}"
    );
    let close = bank(&format!("{}{name}", earlier("the treaty was signed")));
    assert!(found(&close, "answer-leak").is_empty());
}

#[test]
fn a_figure_with_its_unit_in_an_earlier_explanation_is_a_leak() {
    let first = in_scenario(&true_false("in-force", false)).replace(
        "The source settles statement in-force in its second part.",
        "It took effect three days after your note.",
    );
    let days = "  - id: days-left\n    kind: numeric\n    scenario: desk\n    prompt: How many days remain?\n    answer: 3\n\
                \x20   unit: days\n    explanation: From the first to the fourth of December.\n    source: {id: s, section: x}\n";
    let flawed = bank(&format!("{first}{days}"));
    assert_eq!(
        found(&flawed, "answer-leak"),
        [line_of(&flawed, "answer: 3")]
    );
    let close = bank(&format!(
        "{}{days}",
        first.replace("three days after your note", "after your note")
    ));
    assert!(found(&close, "answer-leak").is_empty());
}

/// A diagnostic as (severity, lint, file, line, question).
type Found = (String, String, String, u64, String);

/// Every diagnostic of `quiz check --deny-warnings` on the bank files `files` (name, text), with
/// the exit code.
fn check_files(files: &[(&str, &str)]) -> (Vec<Found>, i32) {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let quiz = Quiz::new(&["check", "--format", "json", "--deny-warnings"]).args(&names);
    for (name, text) in files {
        std::fs::write(quiz.dir().join(name), text).unwrap();
    }
    let run = quiz.run();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |field: &str| d[field].as_str().unwrap_or_default().to_owned();
            (
                text("severity"),
                text("lint"),
                text("file"),
                d["line"].as_u64().unwrap(),
                text("question"),
            )
        })
        .collect();
    (found, run.code)
}

/// The (severity, file, line) of each `answer-leak` in `files`.
fn leaks(files: &[(&str, &str)]) -> Vec<(String, String, u64)> {
    check_files(files)
        .0
        .into_iter()
        .filter(|(_, lint, ..)| lint == "answer-leak")
        .map(|(severity, _, file, line, _)| (severity, file, line))
        .collect()
}

fn warning_at(file: &str, line: u64) -> (String, String, u64) {
    ("warning".into(), file.into(), line)
}

fn note_at(file: &str, line: u64) -> (String, String, u64) {
    ("note".into(), file.into(), line)
}

#[test]
fn a_date_match_that_names_a_step_in_other_words_gives_away_the_latest_step() {
    let dates = |first: &str| {
        format!(
            "  - id: date-match\n    kind: match\n    scenario: desk\n    prompt: Match each step with its date.\n\
             \x20   pairs:\n      - {{left: The leaders sign the pact, right: 18 June 2024}}\n\
             \x20     - {{left: {first}, right: 11 November 2024}}\n\
             \x20   explanation: The signing came in June and the last step in November.\n    source: {{id: s, section: x}}\n"
        )
    };
    let latest = in_scenario(&single(
        "latest-step",
        "Which is the most recent step done by 1 December?",
        "North Korea ratifying the treaty",
        &[
            "The treaty entering into force",
            "Russia's parliament voting",
        ],
    ));
    let flawed = bank(&format!(
        "{}{latest}",
        dates("North Korea ratifies the treaty")
    ));
    assert_eq!(
        leaks(&[("bank.yaml", &flawed)]),
        [warning_at(
            "bank.yaml",
            line_of(&flawed, "- text: \"North Korea ratifying")
        )]
    );
    let close = bank(&format!("{}{latest}", dates("Pyongyang hosts a parade")));
    assert!(leaks(&[("bank.yaml", &close)]).is_empty());
}

#[test]
fn a_factor_explained_with_the_rating_s_words_gives_away_the_rating() {
    let factor = |explanation: &str| {
        format!(
            "  - id: factor\n    kind: numeric\n    scenario: desk\n\
             \x20   prompt: How many times the reported ceiling is the post's figure?\n\
             \x20   answer: 10\n    unit: times\n    tolerance: 0\n\
             \x20   explanation: {explanation}\n    source: {{id: s, section: x}}\n"
        )
    };
    let rating = in_scenario(&single(
        "rating",
        "Which rating fits the post?",
        "False: troops inflated tenfold",
        &[
            "Mostly true: the figure holds",
            "Half true: only the count is off",
        ],
    ));
    let flawed = bank(&format!(
        "{}{rating}",
        factor("The post inflated the troop count tenfold, so its claim is false.")
    ));
    assert_eq!(
        leaks(&[("bank.yaml", &flawed)]),
        [warning_at(
            "bank.yaml",
            line_of(&flawed, "- text: \"False: troops")
        )]
    );
    let close = bank(&format!(
        "{}{rating}",
        factor("The table gives a ceiling of 15,000 soldiers for the deployment.")
    ));
    assert!(leaks(&[("bank.yaml", &close)]).is_empty());
}

/// A bank `id` of one scenario, `id-desk`, with `questions` in it.
fn scenario_bank(id: &str, questions: &str) -> String {
    format!(
        "id: {id}\ntitle: T\nversion: 1\nsources:\n  - {{id: s, title: S, publisher: P}}\n\
         scenarios:\n  - id: {id}-desk\n    title: Desk\n    text: You answer readers' letters.\n\
         questions:\n{}",
        questions.replace("scenario: desk", &format!("scenario: {id}-desk"))
    )
}

#[test]
fn a_quoted_word_in_a_match_item_of_another_bank_may_give_away_a_short_answer() {
    let quotes = |quoted: &str| {
        scenario_bank(
            "faq",
            &format!(
                "  - id: quotes-match\n    kind: match\n    scenario: desk\n\
                 \x20   prompt: Match each quoted word with the voice the article gives it.\n\
                 \x20   pairs:\n      - {{left: \"\\\"{quoted}\\\"\", right: Unnamed reports}}\n\
                 \x20     - {{left: \"\\\"heroes\\\"\", right: Putin}}\n\
                 \x20   explanation: The article credits each word to whoever used it.\n    source: {{id: s, section: x}}\n"
            ),
        )
    };
    let labour = scenario_bank(
        "economy",
        "  - id: labor-conditions\n    kind: short\n    scenario: desk\n\
         \x20   prompt: What hyphenated term describes the workers' conditions?\n\
         \x20   accept: [slave-like, slave like]\n\
         \x20   explanation: The article puts it in quotation marks, after reports it does not name.\n    source: {id: s, section: x}\n",
    );
    let flawed = quotes("slave-like");
    let files = [("faq.yaml", flawed.as_str()), ("economy.yaml", &labour)];
    assert_eq!(
        leaks(&files),
        [note_at("economy.yaml", line_of(&labour, "accept:"))]
    );
    // A note: shuffling decides whether it is shown first, so it does not fail the check.
    assert_eq!(check_files(&files).1, 0);
    let close = quotes("hegemony");
    assert!(leaks(&[("faq.yaml", &close), ("economy.yaml", &labour)]).is_empty());
}

#[test]
fn a_name_in_a_why_of_another_scenario_may_give_away_a_short_answer() {
    let controversy = |why: &str| {
        format!(
            "  - id: controversy\n    kind: single\n    scenario: mailbag\n\
             \x20   prompt: Which reason does the FAQ give for the controversy?\n\
             \x20   choices:\n      - text: It violates UN sanctions\n        correct: true\n\
             \x20     - text: Russia's parliament refused to ratify it\n        why: {why}\n\
             \x20   explanation: The FAQ names the sanctions first among its reasons.\n    source: {{id: s, section: x}}\n"
        )
    };
    let duma = "  - id: duma\n    kind: short\n    scenario: desk\n\
                \x20   prompt: Besides the Federation Council, which chamber ratified the treaty?\n\
                \x20   accept: [State Duma, Duma]\n\
                \x20   explanation: Both chambers of Russia's parliament approved the pact.\n    source: {id: s, section: x}\n";
    let two_scenarios = |questions: String| {
        bank(&questions).replace(
            "scenarios:\n",
            "scenarios:\n  - id: mailbag\n    title: Mailbag\n    text: Readers write in.\n",
        )
    };
    let flawed = two_scenarios(format!(
        "{}{duma}",
        controversy("The State Duma and the Federation Council ratified it.")
    ));
    assert_eq!(
        leaks(&[("bank.yaml", &flawed)]),
        [note_at(
            "bank.yaml",
            line_of(&flawed, "accept: [State Duma")
        )]
    );
    let close = two_scenarios(format!(
        "{}{duma}",
        controversy("Both chambers of Russia's parliament ratified it.")
    ));
    assert!(leaks(&[("bank.yaml", &close)]).is_empty());
}

#[test]
fn a_scenario_text_that_says_the_answer_in_other_words_gives_it_away() {
    let verdict = in_scenario(&single(
        "memo-verdict",
        "Which sentence can go to the board?",
        "The article calls such trade sanction-busting; the lawyers judge this contract.",
        &[
            "The article shows that this deal breaks the sanctions.",
            "The article says the treaty makes such trade lawful.",
        ],
    ));
    let with_text = |text: &str| {
        bank(&verdict).replace("text: You are on a news desk.", &format!("text: {text}"))
    };
    let flawed = with_text(
        "Lawyers judge each contract here, and the memo must say how the article calls this trade sanction busting.",
    );
    assert_eq!(
        leaks(&[("bank.yaml", &flawed)]),
        [warning_at(
            "bank.yaml",
            line_of(&flawed, "- text: \"The article calls")
        )]
    );
    let close =
        with_text("You write the bottom line of a memo on a freight contract for the board.");
    assert!(leaks(&[("bank.yaml", &close)]).is_empty());
}
