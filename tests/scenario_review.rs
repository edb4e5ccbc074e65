//! A learner reviews a branching scenario as a whole: `quiz review` walks it from its start like
//! `quiz play --scenario`, the walk is rated by the share of the best path's points it reached,
//! and the scenario comes back when it is due; `quiz stats` shows the best walk so far. Days pass
//! through `QUIZ_NOW`, answers come from a pipe in plain mode.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::common::{Quiz, Run, fixture};

const DAY1: &str = "2026-01-01T09:00:00Z";

/// In the fixture's story: the acceptable first move, then the wrong answer at the second
/// source (1 of the best path's 3 points).
const POOR_WALK: &str = "2\nt\n";
/// The best path: call the press office, then know one voice is not enough (3 of 3 points).
const BEST_WALK: &str = "1\nf\n";

fn quiz(data: &Path, now: &str) -> Quiz {
    Quiz::new(&[])
        .in_crate_root()
        .data_dir(data)
        .now(now)
        .columns(80)
}

fn review(data: &Path, now: &str, banks: &[PathBuf], answers: &str) -> Run {
    quiz(data, now)
        .args(["review", "--plain", "--seed", "1"])
        .args(banks)
        .stdin(answers)
        .run()
        .succeeds()
}

fn story() -> Vec<PathBuf> {
    vec![fixture("branching.yaml")]
}

fn stats(data: &Path, now: &str, banks: &[PathBuf]) -> String {
    quiz(data, now)
        .arg("stats")
        .args(banks)
        .run()
        .succeeds()
        .stdout
}

fn stats_json(data: &Path, now: &str, banks: &[PathBuf]) -> serde_json::Value {
    quiz(data, now)
        .args(["stats", "--json"])
        .args(banks)
        .run()
        .succeeds()
        .json()
}

/// (question id, mode, points, max points) of every recorded answer, in the order recorded.
fn rows(data: &Path) -> Vec<(String, String, f64, f64)> {
    let conn = rusqlite::Connection::open(data.join("progress.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT question_id, mode, points, max_points FROM answers ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The stats entry of the fixture's scenario, its wrapped lines joined.
fn scenario_line(shown: &str) -> String {
    let mut lines = shown
        .lines()
        .skip_while(|l| !l.contains("The leaked memo (leak)"));
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("no line for the scenario:\n{shown}"));
    let rest = lines.take_while(|l| l.starts_with("    "));
    std::iter::once(first)
        .chain(rest.map(str::trim_start))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_poor_walk_comes_back_the_next_day_and_a_best_one_is_spaced_further_out() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Day 1: the scenario is new; it is walked from its start as in play, to its ending.
    let day1 = review(data, DAY1, &story(), POOR_WALK);
    insta::assert_snapshot!("scenario_review_day1_poor_walk", day1.stdout);
    assert_eq!(
        rows(data),
        [("scenario:leak".to_owned(), "review".to_owned(), 1.0, 3.0)]
    );
    // Scheduled: due tomorrow (a third of the points rates Again), with its best score so far.
    let shown = stats(data, "2026-01-01T10:00:00Z", &story());
    assert_eq!(
        scenario_line(&shown),
        "  The leaked memo (leak): 33% (1 of 3 points) · 1 walk · due tomorrow (2026-01-02)"
    );
    // Day 2: it is due, and comes back from its start.
    let day2 = review(data, "2026-01-02T09:00:00Z", &story(), BEST_WALK);
    let out = &day2.stdout;
    assert!(
        out.starts_with("Review · 2026-01-02 · 1 due · 1 branching scenario\n"),
        "{out}"
    );
    assert!(out.contains("What do you do first?"), "{out}");
    assert!(out.contains("You took the best path."), "{out}");
    assert!(out.contains("Score: 3 of 3 points (100%)"), "{out}");
    // All of the best path's points rate Good: it is not due for days.
    let json = stats_json(data, "2026-01-02T10:00:00Z", &story());
    let leak = &json["scenarios"][0];
    assert_eq!(leak["scenario"], "leak");
    assert_eq!(leak["walks"], 2);
    assert_eq!(leak["best_points"], 3.0);
    assert_eq!(leak["best_path_points"], 3.0);
    assert_eq!(leak["best_share"], 1.0);
    assert_eq!(leak["due"], "2026-01-04");
    let shown = stats(data, "2026-01-02T10:00:00Z", &story());
    assert_eq!(
        scenario_line(&shown),
        "  The leaked memo (leak): 100% (3 of 3 points) · 2 walks · due in 2 days (2026-01-04)"
    );
    // Until then review has nothing for it, and says when it comes back.
    let day3 = review(data, "2026-01-03T09:00:00Z", &story(), "");
    assert!(
        day3.stdout.starts_with(
            "Nothing is due. The next branching scenario is due tomorrow (2026-01-04). To study \
             ahead: `quiz review --ahead 10`.\n"
        ),
        "{}",
        day3.stdout
    );
    // And on the day, it does.
    let day4 = review(data, "2026-01-04T09:00:00Z", &story(), BEST_WALK);
    assert!(
        day4.stdout
            .starts_with("Review · 2026-01-04 · 1 due · 1 branching scenario\n"),
        "{}",
        day4.stdout
    );
    assert_eq!(rows(data).len(), 3);
}

#[test]
fn the_best_walk_so_far_stays_the_score_after_a_worse_one() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    review(data, DAY1, &story(), BEST_WALK);
    // Walked again on purpose, badly, as a scenario of `quiz play`: it counts for the schedule.
    quiz(data, "2026-01-01T12:00:00Z")
        .args(["play", "--plain", "--seed", "1", "--scenario", "leak"])
        .args(story())
        .stdin(POOR_WALK)
        .run()
        .succeeds();
    let json = stats_json(data, "2026-01-01T13:00:00Z", &story());
    let leak = &json["scenarios"][0];
    assert_eq!(
        (leak["walks"].as_u64(), leak["best_share"].as_f64()),
        (Some(2), Some(1.0))
    );
    // The poor walk is the last one: the scenario is due again tomorrow.
    assert_eq!(leak["due"], "2026-01-02");
}

#[test]
fn a_walk_left_before_its_ending_is_not_counted() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // Input ends after the first decision.
    let run = review(data, DAY1, &story(), "2\n");
    assert!(
        run.stdout
            .contains("── The story stopped before an ending ──"),
        "{}",
        run.stdout
    );
    assert!(rows(data).is_empty(), "{:?}", rows(data));
    let shown = stats(data, DAY1, &story());
    assert!(!shown.contains("due"), "{shown}");
    // Still new: the next review starts it again.
    let again = review(data, "2026-01-01T10:00:00Z", &story(), BEST_WALK);
    assert!(
        again
            .stdout
            .starts_with("Review · 2026-01-01 · 1 new · 1 branching scenario\n"),
        "{}",
        again.stdout
    );
}

#[test]
fn questions_come_first_then_the_scenario_and_each_keeps_its_own_card() {
    let data = TempDir::new().unwrap();
    let data = data.path();
    // The scenario's bank first: with three new cards a day, the scenario and two questions.
    let banks = vec![fixture("branching.yaml"), fixture("basics.yaml")];
    let run = quiz(data, DAY1)
        .args(["review", "--plain", "--seed", "1", "--new", "3"])
        .args(&banks)
        // The first one wrong, then right when it comes back after the second.
        .stdin(format!("2\nf\n1\n{BEST_WALK}"))
        .run()
        .succeeds();
    let out = &run.stdout;
    assert!(
        out.starts_with("Review · 2026-01-01 · 3 new · 2 questions and 1 branching scenario\n"),
        "{out}"
    );
    let result = out.find("── Result").expect(out);
    let story = out.find("What do you do first?").expect(out);
    assert!(
        result < story,
        "the questions' result comes before the walk:\n{out}"
    );
    assert!(out.contains("Score: 3 of 3 points (100%)"), "{out}");
    // The questions keep the ids they always had in the learner's progress.
    let recorded: Vec<String> = rows(data).into_iter().map(|r| r.0).collect();
    assert_eq!(
        recorded,
        [
            "signing-month",
            "in-force",
            "signing-month",
            "scenario:leak"
        ]
    );
    let json = stats_json(data, "2026-01-01T10:00:00Z", &banks);
    assert_eq!(json["scenarios"][0]["best_share"], 1.0);
    assert_eq!(json["answers"], 4);
    // Questions not seen yet are the basics bank's other five; the scenario is listed apart.
    assert_eq!(json["unseen"], 5);
    // A walk at 100% is no mistake to go over again.
    let mistakes = quiz(data, "2026-01-01T10:00:00Z")
        .args(["review", "--plain", "--seed", "1", "--mistakes"])
        .args(&banks)
        .run()
        .succeeds();
    assert!(
        !mistakes.stdout.contains("branching scenario"),
        "{}",
        mistakes.stdout
    );
}

/// The banks of the fixture's story with each `from` replaced by its `to` (which must occur
/// once), written to `dir`.
fn edited_story(dir: &Path, edits: &[(&str, &str)]) -> Vec<PathBuf> {
    let mut text = std::fs::read_to_string(fixture("branching.yaml")).unwrap();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "`{from}` occurs once");
        text = text.replace(from, to);
    }
    let path = dir.join("edited.yaml");
    std::fs::write(&path, text).unwrap();
    vec![path]
}

/// A step between the second source and the scoop.
const ADDED_STEP: [(&str, &str); 2] = [
    (
        "          right:\n            next: scoop",
        "          right:\n            next: headline",
    ),
    (
        "    endings:\n",
        "      - id: headline
        kind: true_false
        prompt: The headline may say the hospitals will close.
        answer: false
        source: {id: guide, section: Headlines}
        outcomes:
          right:
            next: scoop
            consequence: The headline says the city plans to close them.
          wrong:
            next: corrected
            consequence: The city says no decision is taken.
    endings:\n",
    ),
];

#[test]
fn a_story_edited_later_starts_its_schedule_over_and_keeps_its_walks() {
    let dir = TempDir::new().unwrap();
    let data = dir.path();
    review(data, DAY1, &story(), BEST_WALK);
    // A step is added: the best path is worth 4 points now, and the story is due again.
    let longer = edited_story(data, &ADDED_STEP);
    let shown = stats(data, "2026-01-02T09:00:00Z", &longer);
    assert_eq!(
        scenario_line(&shown),
        "  The leaked memo (leak): changed since your last walk · 1 walk · due today \
         (2026-01-02)"
    );
    let day2 = review(data, "2026-01-02T09:00:00Z", &longer, "1\nf\nf\n");
    assert!(
        day2.stdout
            .starts_with("Review · 2026-01-02 · 1 due · 1 branching scenario\n"),
        "{}",
        day2.stdout
    );
    assert!(
        day2.stdout.contains("Score: 4 of 4 points (100%)"),
        "{}",
        day2.stdout
    );
    let json = stats_json(data, "2026-01-02T10:00:00Z", &longer);
    let leak = &json["scenarios"][0];
    assert_eq!(leak["walks"], 2);
    assert_eq!(
        (
            leak["best_points"].as_f64(),
            leak["best_path_points"].as_f64()
        ),
        (Some(4.0), Some(4.0))
    );

    // A step is removed: the poor first move now leads straight to the retraction.
    let original = std::fs::read_to_string(fixture("branching.yaml")).unwrap();
    let rushed = &original[original.find("      - id: rushed").unwrap()
        ..original.find("      - id: second-source").unwrap()];
    let shorter = edited_story(
        data,
        &[
            (
                "            next: rushed\n",
                "            next: retracted\n",
            ),
            (rushed, ""),
        ],
    );
    let day3 = review(data, "2026-01-03T09:00:00Z", &shorter, "3\n");
    assert!(
        day3.stdout.contains("The paper retracts the story"),
        "{}",
        day3.stdout
    );
    let json = stats_json(data, "2026-01-03T10:00:00Z", &shorter);
    let leak = &json["scenarios"][0];
    assert_eq!(leak["walks"], 3);
    assert_eq!(leak["best_share"], 0.0);
    assert_eq!(leak["due"], "2026-01-04");
    // The first story is still there to go back to, with its own best walk.
    let json = stats_json(data, "2026-01-03T10:00:00Z", &story());
    assert_eq!(json["scenarios"][0]["best_share"], 1.0);
}

#[test]
fn a_question_may_not_take_the_id_a_scenario_is_reviewed_under() {
    let with_id = |id: &str| {
        let text = std::fs::read_to_string(fixture("branching.yaml")).unwrap();
        let quiz = Quiz::new(&["check", "bank.yaml"]);
        std::fs::write(
            quiz.dir().join("bank.yaml"),
            format!(
                "{text}questions:
  - id: {id}
    kind: true_false
    prompt: A memo needs its own check.
    answer: true
    explanation: One voice does not prove a document.
    source: {{id: guide, section: Two-source rule}}
"
            ),
        )
        .unwrap();
        quiz.run()
    };
    let taken = with_id("scenario:leak");
    assert_eq!(taken.code, 1, "{}", taken.stderr);
    assert!(
        taken.stderr.contains(
            "the id `scenario:leak` at line 84 is kept for the progress of branching scenario `leak`"
        ),
        "{}",
        taken.stderr
    );
    let free = with_id("scenario-leak");
    assert_eq!(free.code, 0, "{}\n{}", free.stdout, free.stderr);
}

#[test]
fn a_tag_picks_the_scenarios_with_a_step_that_has_it() {
    let data = TempDir::new().unwrap();
    let header = |tags: &[&str]| {
        let run = quiz(data.path(), DAY1)
            .args(["review", "--plain", "--seed", "1", "--new", "20"])
            .args(tags)
            .args([fixture("branching.yaml"), fixture("basics.yaml")])
            .run()
            .succeeds();
        run.stdout.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(
        header(&[]),
        "Review · 2026-01-01 · 8 new · 7 questions and 1 branching scenario"
    );
    // None of the story's steps is about dates.
    assert_eq!(
        header(&["--tag", "dates"]),
        "Review · 2026-01-01 · 3 new · 3 questions"
    );
}
