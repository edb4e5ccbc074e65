//! End to end: a branching scenario exported. GIFT, Aiken and Anki hold each decision as a
//! stand-alone question and say so; Markdown prints a gamebook whose numbers reach every step
//! and ending; Twee makes a Twine story that an independent parser, extwee, reads with the same
//! passages and links as the scenario.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::common::{Quiz, fixture, seen};
use insta::assert_snapshot;
use scenario_quiz::bank::branching::{Branching, Next, Route, Routes};
use scenario_quiz::bank::{AnswerKey, Bank};
use scenario_quiz::engine::describe::key_text;

const NIGHT_DESK: &str = "tests/fixtures/branching.yaml";

/// A scenario whose first step is an order question with a partly right outcome, and whose
/// second leads back to the first ("try again").
const LAB: &str = "id: lab
title: The lab
version: 1
sources: [{id: s, title: Safety sheet, author: A. Chemist}]
scenarios:
  - id: spill
    title: The spill
    text: Acid is spilt on the bench.
    start: first
    steps:
      - id: first
        kind: order
        prompt: Put what you do in order.
        items: [Warn the others, Neutralise the acid, Wipe the bench]
        source: {id: s, section: Spills}
        outcomes:
          right: {next: safe, consequence: The bench is clean and nobody is hurt.}
          partly: {next: again, consequence: The acid is gone but a student touched it.}
          wrong: {next: again, consequence: Someone leans on the wet bench.}
      - id: again
        kind: single
        prompt: The teacher asks you to go through it once more. What do you do?
        source: {id: s, section: Spills}
        choices:
          - {text: Go through the steps again, quality: best, next: first, consequence: You start over.}
          - {text: Leave the lab, quality: poor, next: hurt, consequence: The spill stays.}
    endings:
      - {id: safe, text: The lab is safe again., rating: best, debrief: Warn first then neutralise.}
      - {id: hurt, text: A student is burnt., rating: poor, debrief: A spill is dealt with at once.}
";

/// The night desk with ids that hold every character Twee or a link reads as markup.
fn night_desk_with_odd_ids() -> String {
    std::fs::read_to_string(fixture("branching.yaml"))
        .unwrap()
        .replace("first-move", r#""first [move] {1} \\ a|b""#)
        .replace("second-source", r#""::second->source<-x""#)
        .replace("id: leak\n", "id: \"leak::x\"\n")
        .replace("next: scoop", r#"next: "scoop|1]]""#)
        .replace("id: scoop", r#"id: "scoop|1]]""#)
}

/// A bank written into a fresh folder, for `quiz export` to read.
fn bank_file(quiz: &Quiz, name: &str, yaml: &str) -> PathBuf {
    let path = quiz.dir().join(name);
    std::fs::write(&path, yaml).unwrap();
    path
}

fn branching(bank: &Bank) -> &Branching {
    bank.scenarios
        .iter()
        .find_map(|s| s.branching.as_ref())
        .expect("a branching scenario")
}

#[test]
fn gift_holds_each_decision_as_a_question_and_says_the_branching_was_flattened() {
    assert_snapshot!(seen(&["export", "--format", "gift", NIGHT_DESK]));
}

#[test]
fn aiken_holds_the_single_choice_decisions_and_says_on_stderr_that_the_rest_is_gone() {
    let run = Quiz::new(&["export", "--format", "aiken", NIGHT_DESK])
        .in_crate_root()
        .run()
        .succeeds();
    assert_eq!(run.stdout.matches("ANSWER: A").count(), 2, "{}", run.stdout);
    assert!(run.stdout.starts_with("What do you do first?\n"));
    assert!(
        run.stderr.contains(
            "note: night-desk/leak: branching flattened: each decision is written as a \
             stand-alone question"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "skipped: night-desk/second-source: Aiken holds single-choice questions only"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("exported 2 of 3 question(s) from 1 bank(s) as aiken\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn anki_tags_each_decision_as_flattened_and_its_back_gives_each_choice_quality() {
    let run = Quiz::new(&["export", "--format", "anki", NIGHT_DESK])
        .in_crate_root()
        .run()
        .succeeds();
    let notes: Vec<&str> = run.stdout.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(notes.len(), 3, "{}", run.stdout);
    for note in &notes {
        assert!(
            note.ends_with("\tThe night desk\tbranching-flattened"),
            "{note}"
        );
    }
    assert!(
        notes[0].contains(
            "Best: Call the press office to confirm the memo<br>Acceptable: Check the metadata \
             of the file<br>Poor: Publish it online at once"
        ),
        "{}",
        notes[0]
    );
    assert!(run.stderr.contains("branching flattened"), "{}", run.stderr);
}

#[test]
fn markdown_prints_the_scenario_as_a_gamebook_and_its_key() {
    assert_snapshot!(seen(&["export", "--format", "markdown", NIGHT_DESK]));
}

#[test]
fn twee_writes_a_passage_for_each_step_and_ending() {
    assert_snapshot!(seen(&["export", "--format", "twee", NIGHT_DESK]));
}

#[test]
fn twee_of_banks_without_branching_scenarios_writes_nothing() {
    let run = Quiz::new(&["export", "--format", "twee", "tests/fixtures/basics.yaml"])
        .in_crate_root()
        .run()
        .fails_with(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains(": Twee holds branching scenarios only"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("can be written as twee"),
        "{}",
        run.stderr
    );
}

/// The gamebook's sections by number, each with the text below its heading.
fn gamebook_sections(sheet: &str) -> BTreeMap<usize, String> {
    let mut sections = BTreeMap::new();
    let mut current: Option<usize> = None;
    for line in sheet.lines() {
        if let Some(number) = line.strip_prefix("### ") {
            let number = number.trim().parse().expect("a section number");
            assert!(
                sections.insert(number, String::new()).is_none(),
                "{number} twice"
            );
            current = Some(number);
        } else if line.starts_with('#') {
            current = None;
        } else if let Some(n) = current {
            let text = sections.get_mut(&n).unwrap();
            text.push_str(line);
            text.push('\n');
        }
    }
    sections
}

/// The sections a text sends the reader to: every "go to N".
fn go_tos(text: &str) -> Vec<usize> {
    text.split("go to ")
        .skip(1)
        .map(|after| {
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().expect("a section number after `go to`")
        })
        .collect()
}

/// Where each step and ending of the scenario stands in the gamebook: the one section holding
/// its prompt or its text.
fn section_of(sections: &BTreeMap<usize, String>, text: &str) -> usize {
    let holding: Vec<usize> = (sections.iter())
        .filter(|(_, body)| body.contains(text))
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(holding.len(), 1, "`{text}` is in sections {holding:?}");
    holding[0]
}

#[test]
fn every_step_and_ending_of_a_gamebook_is_reached_by_following_its_numbers_from_1() {
    let quiz = Quiz::new(&["export", "--format", "markdown"]);
    let lab = bank_file(&quiz, "lab.yaml", LAB);
    for path in [fixture("branching.yaml"), lab] {
        let run = Quiz::new(&["export", "--format", "markdown"])
            .arg(&path)
            .run()
            .succeeds();
        let (sheet, key) = run
            .stdout
            .split_once("\n---\n")
            .expect("a sheet and its key");
        let sections = gamebook_sections(sheet);
        let bank = &crate::common::load(std::slice::from_ref(&path))[0];
        let branching = branching(bank);
        let count = branching.steps.len() + branching.endings.len();
        assert_eq!(
            sections.keys().copied().collect::<Vec<_>>(),
            (1..=count).collect::<Vec<_>>()
        );
        // From section 1, following every number, the reader reaches every section.
        let mut reached = BTreeSet::from([1]);
        let mut to_read = vec![1];
        while let Some(n) = to_read.pop() {
            for next in go_tos(&sections[&n]) {
                if reached.insert(next) {
                    to_read.push(next);
                }
            }
        }
        assert_eq!(reached.len(), count, "reached only {reached:?}");
        // Each number leads where the decision leads in the scenario.
        let section_of_next = |next: Next| match next {
            Next::Step(s) => section_of(&sections, branching.steps[s].question.prompt.trim()),
            Next::Ending(e) => section_of(&sections, branching.endings[e].text.trim()),
        };
        assert_eq!(
            section_of_next(Next::Step(branching.start)),
            1,
            "the story starts at 1"
        );
        for step in &branching.steps {
            let body = &sections[&section_of(&sections, step.question.prompt.trim())];
            let wanted: BTreeSet<usize> = step
                .routes
                .all()
                .iter()
                .map(|r| section_of_next(r.next))
                .collect();
            assert_eq!(go_tos(body).into_iter().collect::<BTreeSet<_>>(), wanted);
            if let (AnswerKey::Single { choices }, Routes::ByChoice(routes)) =
                (&step.question.key, &step.routes)
            {
                for (choice, route) in choices.iter().zip(routes) {
                    let line = (body.lines())
                        .find(|l| l.contains(choice.text.trim()))
                        .expect("a line for each choice");
                    assert_eq!(go_tos(line), [section_of_next(route.next)], "{line}");
                }
            }
        }
        for ending in &branching.endings {
            let body = &sections[&section_of(&sections, ending.text.trim())];
            assert!(body.trim_start().starts_with("**The end"), "{body}");
            assert!(go_tos(body).is_empty(), "{body}");
        }
        // The key gives the best path and each ending's rating and debrief.
        assert!(key.contains("Best path: 1 → "), "{key}");
        for ending in &branching.endings {
            assert!(
                key.contains(&format!("rated {}", ending.rating.name())),
                "{key}"
            );
            assert!(key.contains(ending.debrief.trim()), "{key}");
        }
    }
}

/// extwee, an independent Twee 3 parser, installed by `.ci/run` into `.ci/extwee`.
fn extwee() -> Option<PathBuf> {
    let folder = fixture("../../.ci/extwee");
    let installed = folder.join("node_modules/extwee").is_dir();
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok();
    (installed && node).then(|| folder.join("parse.mjs"))
}

/// A story exported as Twee, as extwee reads it (see `.ci/extwee/parse.mjs`).
fn read_by_extwee(parser: &PathBuf, path: &PathBuf) -> serde_json::Value {
    let run = Quiz::new(&["export", "--format", "twee", "-o", "story.twee"])
        .arg(path)
        .run()
        .succeeds();
    let output = std::process::Command::new("node")
        .arg(parser)
        .arg(run.dir.join("story.twee"))
        .output()
        .expect("node runs");
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The passage extwee read whose tag is `tag` and whose text holds `text`.
fn passage<'s>(story: &'s serde_json::Value, tag: &str, text: &str) -> &'s serde_json::Value {
    let found: Vec<&serde_json::Value> = (story["passages"].as_array().unwrap().iter())
        .filter(|p| p["tags"] == serde_json::json!([tag]))
        .filter(|p| p["text"].as_str().unwrap().contains(text))
        .collect();
    assert_eq!(found.len(), 1, "{tag} passages holding `{text}`: {found:?}");
    found[0]
}

/// The passage extwee read named `name`.
fn by_name<'s>(story: &'s serde_json::Value, name: &str) -> &'s serde_json::Value {
    (story["passages"].as_array().unwrap().iter())
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no passage `{name}`"))
}

/// Where a link to `name` leads the reader: through a decision's consequence to the passage after.
fn onward(story: &serde_json::Value, name: &str) -> String {
    let passage = by_name(story, name);
    if passage["tags"] != serde_json::json!(["consequence"]) {
        return name.to_owned();
    }
    let on = links(passage);
    assert_eq!(on.len(), 1, "{passage}");
    on[0].1.clone()
}

/// Each link of a passage: its text and its target.
fn links(passage: &serde_json::Value) -> Vec<(String, String)> {
    (passage["links"].as_array().unwrap().iter())
        .map(|l| {
            let text = l["text"].as_str().unwrap().to_owned();
            (text, l["target"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn a_twee_export_reads_in_an_independent_twee_parser_with_the_scenario_passages_and_links() {
    let Some(parser) = extwee() else {
        eprintln!("skipped: the Twee check needs node and extwee (npm ci --prefix .ci/extwee)");
        return;
    };
    let quiz = Quiz::new(&["export"]);
    let odd = bank_file(&quiz, "odd.yaml", &night_desk_with_odd_ids());
    let lab = bank_file(&quiz, "lab.yaml", LAB);
    for path in [fixture("branching.yaml"), odd, lab] {
        let story = read_by_extwee(&parser, &path);
        let bank = &crate::common::load(std::slice::from_ref(&path))[0];
        let branching = branching(bank);
        assert_eq!(story["format"], "SugarCube");
        assert_eq!(story["formatVersion"], "2.37.3");
        let ifid = story["ifid"].as_str().unwrap();
        assert!(
            ifid.len() == 36 && ifid.chars().nth(14) == Some('4') && ifid == ifid.to_uppercase(),
            "{ifid}"
        );
        // One passage for the scenario's text, each step, each decision's consequence and each
        // ending; no name holds what Twee or a link reads as markup.
        let passages = story["passages"].as_array().unwrap();
        let decisions_told = (branching.steps.iter())
            .flat_map(|s| s.routes.all())
            .filter(|r| !r.consequence.trim().is_empty())
            .count();
        assert_eq!(
            passages.len(),
            1 + branching.steps.len() + decisions_told + branching.endings.len()
        );
        for p in passages {
            let name = p["name"].as_str().unwrap();
            for markup in ["[", "]", "{", "}", "\\", "|", "->", "<-", ":"] {
                assert!(!name.contains(markup), "{name}");
            }
        }
        let name = |p: &serde_json::Value| p["name"].as_str().unwrap().to_owned();
        let scenario = &bank.scenarios[0];
        let intro = passage(&story, "scenario", scenario.text.trim());
        assert_eq!(story["start"], name(intro));
        let passage_of = |next: Next| match next {
            Next::Step(s) => name(passage(
                &story,
                "step",
                branching.steps[s].question.prompt.trim(),
            )),
            Next::Ending(e) => name(passage(&story, "ending", branching.endings[e].text.trim())),
        };
        assert_eq!(
            links(intro),
            [("Begin".to_owned(), passage_of(Next::Step(branching.start)))]
        );
        for step in &branching.steps {
            assert_step_read(&story, bank, step, &passage_of);
        }
        for ending in &branching.endings {
            let read = passage(&story, "ending", ending.text.trim());
            assert!(
                read["text"]
                    .as_str()
                    .unwrap()
                    .contains(ending.debrief.trim())
            );
            assert_eq!(links(read), [("Start again".to_owned(), name(intro))]);
        }
    }
}

/// A step's passage as extwee read it: its links, its folded key, and each decision's consequence
/// on the way to where it leads.
fn assert_step_read(
    story: &serde_json::Value,
    bank: &Bank,
    step: &scenario_quiz::bank::branching::Step,
    passage_of: &dyn Fn(Next) -> String,
) {
    let read = passage(story, "step", step.question.prompt.trim());
    let targets: BTreeSet<String> = links(read)
        .into_iter()
        .map(|(_, t)| onward(story, &t))
        .collect();
    let wanted: BTreeSet<String> = step
        .routes
        .all()
        .iter()
        .map(|r| passage_of(r.next))
        .collect();
    assert_eq!(targets, wanted, "{}", step.question.id);
    // No link gives the answer away: a step the reader grades keeps its key folded.
    let text = read["text"].as_str().unwrap();
    let folded = text.find("<details><summary>Check your answer</summary>");
    if let Some(folded) = folded {
        assert!(text[folded..].contains(&key_text(&step.question)), "{text}");
    }
    assert_eq!(
        folded.is_some(),
        !matches!(
            step.question.key,
            AnswerKey::Single { .. } | AnswerKey::TrueFalse { .. }
        ),
        "{text}"
    );
    let routes = decisions(step);
    assert_eq!(links(read).len(), routes.len(), "{}", step.question.id);
    for (text, route) in routes {
        let (_, told) = (links(read).into_iter())
            .find(|(t, _)| *t == text)
            .unwrap_or_else(|| panic!("{}: no link `{text}`", step.question.id));
        // The link tells the decision's consequence, with its source, then goes on.
        let told = by_name(story, &told);
        assert_eq!(told["tags"], serde_json::json!(["consequence"]));
        let said = told["text"].as_str().unwrap();
        assert!(said.contains(route.consequence.trim()), "{said}");
        if let Some(citation) = &route.citation {
            assert!(said.contains(&bank.source_line(citation)), "{said}");
        }
        assert_eq!(
            links(told),
            [("Continue".to_owned(), passage_of(route.next))],
            "{}: `{text}`",
            step.question.id
        );
    }
}

/// The links a step should have: each choice's text, True and False, or the reader's verdict.
fn decisions(step: &scenario_quiz::bank::branching::Step) -> Vec<(String, &Route)> {
    match (&step.question.key, &step.routes) {
        (AnswerKey::Single { choices }, Routes::ByChoice(routes)) => (choices.iter())
            .map(|c| c.text.trim().to_owned())
            .zip(routes)
            .collect(),
        (AnswerKey::TrueFalse { answer }, Routes::ByVerdict { right, wrong, .. }) => {
            let (if_true, if_false) = if *answer {
                (right, wrong)
            } else {
                (wrong, right)
            };
            vec![("True".into(), &**if_true), ("False".into(), &**if_false)]
        }
        (_, routes) => {
            let all = routes.all();
            let mut texts = vec!["My answer is right".to_owned()];
            if all.len() == 3 {
                texts.push("My answer is partly right".into());
            }
            texts.push("My answer is wrong".into());
            texts.into_iter().zip(all).collect()
        }
    }
}
