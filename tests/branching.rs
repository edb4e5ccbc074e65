//! An author writes a branching scenario: `quiz check` reads it as a graph and points at each
//! flaw with its place; `quiz list` shows its shape.

use crate::common::{Quiz, fixture};

/// The scenario of the fixture with `from` replaced by `to` (which must occur once).
fn variant(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixture("branching.yaml")).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` occurs once");
    text.replace(from, to)
}

/// `quiz check --format json` on a bank with `text`: its diagnostics as
/// (severity, lint or "", line, column, message, help).
fn check(text: &str) -> Vec<(String, String, u64, u64, String, String)> {
    let quiz = Quiz::new(&["check", "--format", "json", "bank.yaml"]);
    std::fs::write(quiz.dir().join("bank.yaml"), text).unwrap();
    let run = quiz.run();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                text(&d["severity"]),
                text(&d["lint"]),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                text(&d["message"]),
                text(&d["help"]),
            )
        })
        .collect()
}

fn fixture_text() -> String {
    std::fs::read_to_string(fixture("branching.yaml")).unwrap()
}

#[test]
fn the_example_scenario_is_clean() {
    assert_eq!(check(&fixture_text()), []);
}

#[test]
fn a_next_that_names_nothing_is_an_error_with_the_closest_id() {
    let found = check(&variant("next: rushed", "next: rushd"));
    assert_eq!(found.len(), 1, "{found:#?}");
    let (severity, _, line, column, message, help) = &found[0];
    assert_eq!(severity, "error");
    assert_eq!((*line, *column), (36, 19));
    assert_eq!(
        message,
        "`next: rushd` names no step or ending of this scenario"
    );
    assert_eq!(help, "did you mean `rushed`?");
}

#[test]
fn a_start_that_names_nothing_is_an_error() {
    let found = check(&variant("start: first-move", "start: first-mov"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].2, found[0].3), (17, 12));
    assert_eq!(found[0].5, "did you mean `first-move`?");
}

#[test]
fn a_decision_without_next_leads_nowhere() {
    let found = check(&variant(
        "          - text: Publish it online at once\n            next: rushed\n",
        "          - text: Publish it online at once\n",
    ));
    assert!(
        found
            .iter()
            .any(|d| d.4 == "this decision leads nowhere: it has no `next`"
                && (d.2, d.3) == (35, 13)),
        "{found:#?}"
    );
}

#[test]
fn a_step_no_path_reaches_is_a_warning() {
    // The only way into `rushed` now goes straight on, and `retracted` is reached only from it.
    let found = check(&variant("next: rushed", "next: second-source"));
    assert_eq!(
        found[0],
        (
            "warning".into(),
            "unreachable-step".into(),
            40,
            9,
            "no path from the start reaches step `rushed`".into(),
            "lead a decision to it with `next: rushed`, or remove it".into()
        )
    );
    assert_eq!(found[1].1, "unreachable-ending");
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn an_ending_no_path_reaches_is_a_warning() {
    let found = check(&variant("next: retracted", "next: corrected"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "unreachable-ending");
    assert_eq!((found[0].2, found[0].3), (79, 9));
}

#[test]
fn a_loop_with_no_exit_is_an_error() {
    // Leaving the story up now leads back to the same step, and so does taking it down.
    let text = variant("next: retracted", "next: rushed");
    let text = text.replacen(
        "          - text: Take it down and start checking the memo\n            next: second-source",
        "          - text: Take it down and start checking the memo\n            next: rushed",
        1,
    );
    let found = check(&text);
    assert!(
        found.iter().any(|d| d.0 == "error"
            && d.4 == "step `rushed` is caught in a loop with no exit: no path from it ends"
            && (d.2, d.3) == (40, 9)),
        "{found:#?}"
    );
}

#[test]
fn a_loop_with_an_exit_is_fine() {
    // Leaving the story up sends the learner back to decide again: a way back, not a trap.
    let found = check(&variant("next: retracted", "next: rushed"));
    assert!(found.iter().all(|d| d.0 != "error"), "{found:#?}");
}

#[test]
fn best_decisions_that_miss_the_best_ending_are_an_error() {
    let found = check(&variant("next: scoop", "next: corrected"));
    assert!(
        found.iter().any(|d| d.0 == "error"
            && d.4
                == "no path to the best ending: the best decisions end at `corrected`, rated `acceptable`"
            && d.2 == 55),
        "{found:#?}"
    );
    let found = check(&variant("rating: best", "rating: acceptable"));
    assert!(
        found
            .iter()
            .any(|d| d.4 == "no ending of this scenario is rated `best`"),
        "{found:#?}"
    );
}

#[test]
fn a_path_longer_than_eight_decisions_is_a_warning() {
    let mut text = String::from(
        "id: long\ntitle: Long\nversion: 1\nsources:\n  - {id: s, title: S, author: A}\n\
         scenarios:\n  - id: walk\n    title: Walk\n    text: On and on.\n    start: s1\n    steps:\n",
    );
    let steps = 9;
    for n in 1..=steps {
        let next = if n == steps {
            "end".to_owned()
        } else {
            format!("s{}", n + 1)
        };
        text.push_str(&format!(
            "      - id: s{n}\n        kind: single\n        prompt: Step {n}?\n        choices:\n\
             \x20         - {{text: On, next: {next}, quality: best, consequence: On., source: {{id: s, section: A}}}}\n\
             \x20         - {{text: Stop, next: end, quality: poor, consequence: Stop., source: {{id: s, section: A}}}}\n"
        ));
    }
    text.push_str(
        "    endings:\n      - {id: end, text: The end., rating: best, debrief: Done.}\n",
    );
    let found = check(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "long-path");
    assert_eq!(found[0].4, "scenario `walk` has a path of 9 decisions");
    assert_eq!((found[0].2, found[0].3), (7, 9));
    // Eight steps are fine.
    let shorter = text.replace("next: s9,", "next: end,");
    let found = check(&shorter);
    assert_eq!(found[0].1, "unreachable-step", "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn a_decision_without_consequence_or_source_is_a_warning() {
    let found = check(&variant(
        "            consequence: The file was made on a city computer last week. A start, but not proof.\n            source: {id: guide, section: Reading metadata}\n",
        "",
    ));
    let lints: Vec<(&str, u64)> = found.iter().map(|d| (d.1.as_str(), d.2)).collect();
    assert_eq!(
        lints,
        [
            ("decision-without-consequence", 30),
            ("decision-without-source", 30)
        ]
    );
}

#[test]
fn a_step_of_another_kind_needs_outcomes_and_a_single_step_one_best_choice() {
    let found = check(&variant("        outcomes:\n", "        results:\n"));
    assert!(
        found.iter().any(|d| d.4 == "unknown field `results`"),
        "{found:#?}"
    );
    let found = check(&variant(
        "            quality: acceptable\n",
        "            quality: best\n",
    ));
    assert!(
        found
            .iter()
            .any(|d| d.4 == "2 choices of this step are rated `quality: best`" && d.2 == 24),
        "{found:#?}"
    );
    let found = check(&variant(
        "quality: poor\n            consequence: Within",
        "quality: por\n            consequence: Within",
    ));
    assert!(
        found
            .iter()
            .any(|d| d.4 == "`por` is not a quality" && d.5 == "did you mean `poor`?"),
        "{found:#?}"
    );
}

#[test]
fn list_shows_the_steps_endings_and_longest_path() {
    let run = Quiz::new(&["list", fixture("branching.yaml").to_str().unwrap()])
        .run()
        .succeeds();
    assert!(
        run.stdout.contains(
            "  scenario leak: The leaked memo (branching: 3 steps, 3 endings, longest path 3 decisions)\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn the_schema_describes_steps_choices_and_endings() {
    let run = Quiz::new(&["schema"]).run().succeeds();
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let definitions = &schema["definitions"];
    let scenario = &definitions["RawScenario"]["properties"];
    for field in ["start", "steps", "endings"] {
        assert!(scenario.get(field).is_some(), "{field}: {scenario:#}");
    }
    let choice = &definitions["RawChoice"]["properties"];
    for field in ["next", "consequence", "quality", "points", "source"] {
        assert!(choice.get(field).is_some(), "{field}: {choice:#}");
    }
    assert_eq!(
        definitions["Quality"]["enum"],
        serde_json::json!(["best", "acceptable", "poor"])
    );
}

#[test]
fn the_example_scenario_passes_the_schema_as_an_editor_reads_it() {
    let schema = Quiz::new(&["schema"]).run().succeeds().json();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let options = serde_saphyr::options! { strict_booleans: true };
    let bank: serde_json::Value =
        serde_saphyr::from_str_with_options(&fixture_text(), options).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&bank)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // An ordinary question takes no `outcomes`; a step needs no `explanation`.
    let mut question = bank.clone();
    question["questions"] = serde_json::json!([{
        "id": "q", "kind": "true_false", "prompt": "P", "answer": true, "explanation": "E",
        "source": {"id": "guide", "section": "S"},
        "outcomes": {"right": {"next": "x"}, "wrong": {"next": "y"}}
    }]);
    assert!(!validator.is_valid(&question));
}

#[test]
fn a_question_outside_a_scenario_cannot_branch() {
    let text = format!(
        "{}questions:\n  - id: q\n    kind: single\n    prompt: P?\n    explanation: E.\n    \
         source: {{id: guide, section: S}}\n    choices:\n      - {{text: A, correct: true, next: scoop}}\n      \
         - {{text: B, why: No.}}\n",
        fixture_text()
    );
    let found = check(&text);
    assert!(
        found.iter().any(|d| d.0 == "error"
            && d.4 == "`next` on a choice belongs to the steps of a branching scenario"),
        "{found:#?}"
    );
}

/// `quiz play --no-save ARGS… branching.yaml` with `lines` typed.
fn walk(args: &[&str], lines: &[&str]) -> crate::common::Run {
    Quiz::new(&["play", "--no-save"])
        .args(args)
        .arg(fixture("branching.yaml"))
        .typing(lines)
        .run()
}

#[test]
fn a_learner_walks_the_story_sees_each_consequence_and_is_debriefed_at_the_ending() {
    // Publishes at once (poor), takes it down (best), then judges one voice enough (wrong).
    let run = walk(
        &["--plain", "--seed", "1", "--no-shuffle"],
        &["3", "1", "t"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    let at = |text: &str| {
        out.find(text)
            .unwrap_or_else(|| panic!("`{text}` is shown:\n{out}"))
    };
    // The story comes first, then each decision with its consequence and source before the next.
    assert!(at("── Scenario: The leaked memo ──") < at("Decision 1 · 2 points"));
    assert!(at("letterhead is two years") < at("Decision 2 · 1 point"));
    assert!(at("✘ Poor decision · 0 of 2 points") < at("Decision 2"));
    assert!(at("section “Speed and") < at("Decision 2"));
    assert!(at("── Ending: corrected ──") > at("Decision 3"));
    assert!(out.contains("Rating: acceptable ending"));
    assert!(out.contains("Score: 1 of 3 points (33%)"));
    assert!(out.contains("Debrief: One voice is not enough"));
    insta::assert_snapshot!(out);
}

#[test]
fn the_best_path_earns_full_marks_and_says_so() {
    let run = walk(&["--seed", "1", "--no-shuffle"], &["1", "f"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Score: 3 of 3 points (100%)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("You took the best path."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Rating: best ending"), "{}", run.stdout);
}

#[test]
fn an_exam_tells_the_story_but_keeps_the_judgement_for_the_end() {
    let run = walk(&["--seed", "1", "--no-shuffle", "--exam"], &["2", "f"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    let ending = out.find("── Ending:").expect("an ending");
    let (way, end) = out.split_at(ending);
    assert!(
        way.contains("→ The file was made on a city computer"),
        "{way}"
    );
    assert!(way.contains("section “Reading metadata”"), "{way}");
    for judgement in ["decision ·", "acceptable", "Debrief", "Score"] {
        assert!(
            !way.contains(judgement),
            "`{judgement}` before the end:\n{way}"
        );
    }
    assert!(
        end.contains("1. Check the metadata of the file — acceptable · 1 of 2 points"),
        "{end}"
    );
    assert!(end.contains("Score: 2 of 3 points (67%)"), "{end}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_decision_cannot_be_skipped_and_a_loop_back_counts_the_first_decision() {
    // Leaving the story up leads back to the same step here: a way back, decided twice.
    let text = variant("next: retracted", "next: rushed");
    let quiz = Quiz::new(&[
        "play",
        "--no-save",
        "--no-shuffle",
        "--seed",
        "1",
        "bank.yaml",
    ])
    .typing(&["3", "", "2", "1", "f"]);
    std::fs::write(quiz.dir().join("bank.yaml"), text).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("? A decision cannot be skipped: pick one to go on.")
    );
    assert!(
        run.stdout
            .contains("(decided here before: the score counts the first decision)")
    );
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "3. Take it down and start checking the memo — best · 1 of 1 point (not counted: decided before)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Score: 1 of 3 points (33%)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_results_file_records_the_path_the_ending_and_the_score_against_the_best_path() {
    let quiz = Quiz::new(&[
        "play",
        "--no-shuffle",
        "--seed",
        "1",
        "--name",
        "Ada",
        "--out",
        "r.json",
    ])
    .arg(fixture("branching.yaml"))
    .typing(&["2", "t"]);
    let dir = quiz.dir().to_path_buf();
    let run = quiz.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("r.json")).unwrap()).unwrap();
    assert_eq!(saved["ending"], "finished");
    assert_eq!(
        (saved["score"].as_f64(), saved["max_score"].as_f64()),
        (Some(1.0), Some(3.0))
    );
    let walk = &saved["walks"][0];
    assert_eq!(walk["scenario"], "leak");
    let steps: Vec<&str> = walk["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["first-move", "second-source"]);
    assert_eq!(walk["path"][0]["quality"], "acceptable");
    assert_eq!(
        walk["path"][0]["answer_text"],
        "Check the metadata of the file"
    );
    assert_eq!(walk["path"][1]["quality"], "poor");
    assert_eq!(walk["path"][1]["next"], "corrected");
    assert_eq!(walk["ending"], "corrected");
    assert_eq!(walk["rating"], "acceptable");
    assert_eq!(
        walk["best_path"],
        serde_json::json!(["first-move", "second-source", "scoop"])
    );
    assert_eq!(saved["banks"][0]["id"], "night-desk");
}

#[test]
fn input_that_ends_midway_keeps_the_decisions_taken() {
    let quiz = Quiz::new(&["play", "--no-shuffle", "--seed", "1", "--out", "r.json"])
        .arg(fixture("branching.yaml"))
        .typing(&["3"]);
    let dir = quiz.dir().to_path_buf();
    let run = quiz.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("── The story stopped before an ending ──"),
        "{}",
        run.stdout
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("r.json")).unwrap()).unwrap();
    assert_eq!(saved["ending"], "stopped_early");
    assert_eq!(saved["walks"][0]["path"][0]["step"], "first-move");
    assert_eq!(saved["walks"][0]["ending"], serde_json::Value::Null);
}

#[test]
fn the_same_seed_shows_the_same_choices_in_the_same_order() {
    // The second step lets its choices be shuffled.
    let text = variant("What now?\n        shuffle: false\n", "What now?\n");
    let play = |seed: u64| {
        let quiz = Quiz::new(&[
            "play",
            "--no-save",
            "--seed",
            &seed.to_string(),
            "bank.yaml",
        ])
        .typing(&["3", "1", "1"]);
        std::fs::write(quiz.dir().join("bank.yaml"), &text).unwrap();
        quiz.run().stdout
    };
    assert_eq!(play(5), play(5));
    let orders: std::collections::BTreeSet<String> = (1..=8)
        .map(|seed| {
            let out = play(seed);
            let start = out.find("What now?").unwrap();
            out[start..start + 80].to_owned()
        })
        .collect();
    assert!(
        orders.len() > 1,
        "the seed shuffles the choices: {orders:#?}"
    );
}

#[test]
fn an_unknown_scenario_is_a_usage_error_with_the_closest_id() {
    let run = walk(&["--scenario", "leek"], &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no branching scenario `leek` in these banks; did you mean `leak`?\n"
    );
}

#[test]
fn a_quiz_of_ordinary_questions_says_how_to_walk_the_branching_scenarios_beside_them() {
    let run = Quiz::new(&["play", "--no-save", "--seed", "1", "--count", "1"])
        .arg(fixture("basics.yaml"))
        .arg(fixture("branching.yaml"))
        .typing(&["1"])
        .run();
    assert!(
        run.stdout.contains(
            "Branching scenarios are walked on their own: quiz play --scenario ID (leak)."
        ),
        "{}",
        run.stdout
    );
    let run = Quiz::new(&[
        "play",
        "--no-save",
        "--seed",
        "1",
        "--no-shuffle",
        "--scenario",
        "leak",
    ])
    .arg(fixture("basics.yaml"))
    .arg(fixture("branching.yaml"))
    .typing(&["1", "f"])
    .run();
    assert!(
        run.stdout.contains("You took the best path."),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn with_arrow_key_menus_the_story_goes_on_from_each_pick() {
    let quiz = Quiz::new(&["play", "--no-save", "--no-shuffle", "--seed", "1"])
        .arg(fixture("branching.yaml"));
    let mut session = quiz.on_a_terminal();
    session.exp_string("What do you do first?").unwrap();
    session.exp_string("Publish it online at once").unwrap();
    // `s` would skip a question; a decision is asked again instead.
    session.send("s").unwrap();
    session.flush().unwrap();
    session.exp_string("A decision cannot be skipped").unwrap();
    session.exp_string("Publish it online at once").unwrap();
    // Enter takes the highlighted first choice: call the press office.
    session.send("\r").unwrap();
    session.flush().unwrap();
    session
        .exp_string("will not confirm, but does not deny")
        .unwrap();
    session.exp_string("Best decision").unwrap();
    session.exp_string("True or false?").unwrap();
    session.send("\x1b[B").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("the story runs at").unwrap();
    session.exp_string("Ending: A clean scoop").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("You took the best path."), "{rest}");
    assert!(rest.contains("Score: 3 of 3 points (100%)"), "{rest}");
}

#[test]
fn quiz_new_branching_writes_a_scenario_that_checks_clean_and_plays_to_its_best_ending() {
    let quiz = Quiz::new(&["new", "storm.yaml", "--branching"]);
    let dir = quiz.dir().to_path_buf();
    let run = quiz.run().succeeds();
    assert!(
        run.stdout
            .starts_with("Wrote storm.yaml: a starter bank with one branching scenario.\n")
    );
    let text = std::fs::read_to_string(dir.join("storm.yaml")).unwrap();
    assert_eq!(check(&text), []);
    let play = Quiz::new(&[
        "play",
        "--no-save",
        "--no-shuffle",
        "--seed",
        "1",
        "storm.yaml",
    ])
    .typing(&["1", "f"]);
    std::fs::write(play.dir().join("storm.yaml"), &text).unwrap();
    let run = play.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("── Ending: Home, dry and wiser ──"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("You took the best path."),
        "{}",
        run.stdout
    );
}

#[test]
fn control_characters_in_a_story_are_never_sent_to_the_terminal() {
    let text = variant(
        "consequence: The press officer will not confirm",
        "consequence: \"The press \\e[31mofficer\\u202e will not confirm",
    )
    .replacen(
        "but does not deny it either.",
        "but does not deny it either.\"",
        1,
    )
    .replacen(
        "text: The story leads the morning edition",
        "text: \"The story \\e[2J leads\" # the morning edition",
        1,
    );
    let found = check(&text);
    let lints: Vec<(&str, u64)> = found.iter().map(|d| (d.1.as_str(), d.2)).collect();
    assert_eq!(
        lints,
        [("control-character", 12), ("control-character", 19)],
        "{found:#?}"
    );
    let quiz = Quiz::new(&[
        "play",
        "--no-save",
        "--no-shuffle",
        "--seed",
        "1",
        "bank.yaml",
    ])
    .typing(&["1", "f"]);
    std::fs::write(quiz.dir().join("bank.yaml"), &text).unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\x1b') && !run.stdout.contains('\u{202e}'));
    assert!(
        run.stdout.contains("The press \\x1b[31mofficer"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("The story \\x1b[2J leads"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_question_cannot_name_a_branching_scenario() {
    let text = format!(
        "{}questions:\n  - id: q\n    kind: true_false\n    scenario: leak\n    prompt: P?\n    answer: true\n    \
         explanation: E.\n    source: {{id: guide, section: S}}\n",
        fixture_text()
    );
    let found = check(&text);
    assert!(
        found.iter().any(|d| d.0 == "error"
            && d.4 == "scenario `leak` is a branching scenario"
            && (d.2, d.3) == (86, 15)),
        "{found:#?}"
    );
}

#[test]
fn a_filter_that_matches_no_question_says_so_even_beside_a_branching_scenario() {
    let run = Quiz::new(&["play", "--no-save", "--tag", "nothing-has-this"])
        .arg(fixture("basics.yaml"))
        .arg(fixture("branching.yaml"))
        .run();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(!run.stdout.contains("Decision 1"), "{}", run.stdout);
}

#[test]
fn a_steps_cited_section_is_checked_against_the_source_text() {
    let quiz = Quiz::new(&["check", "--source", "guide=guide.md"]).arg(fixture("branching.yaml"));
    std::fs::write(
        quiz.dir().join("guide.md"),
        "# Verification handbook\n## Confirming documents\n## Two-source rule\n",
    )
    .unwrap();
    let run = quiz.run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: cited section `Corrections` cannot be found in guide.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("branching.yaml:40:9"), "{}", run.stderr);
}
