//! A teacher's class walks a branching scenario, each student at their own terminal with
//! `quiz play --scenario … --out`, and `quiz report` shows how the class went through it: the
//! score of each walk out of the best path's, how the class split at each step, the endings it
//! reached, a flow picture in the HTML and each student's path in the CSV.

use std::path::Path;

use serde_json::Value;

use crate::common::{Quiz, Run, fixture};

/// The night desk: `first-move` (A best → second-source, B acceptable → second-source, C poor
/// → rushed), `rushed` (A best → second-source, B poor → retracted), `second-source` (a
/// true/false step: right → scoop, wrong → corrected). The best path earns 3 points.
const BANK: &str = "tests/fixtures/branching.yaml";

/// `name` walks the leaked memo from a pipe, typing `typed`, into `folder/NAME.json`.
fn walk(folder: &Path, name: &str, seed: &str, typed: &[&str]) -> Value {
    let out = folder.join(format!("{}.json", name.to_lowercase()));
    Quiz::new(&[
        "play",
        BANK,
        "--scenario",
        "leak",
        "--plain",
        "--no-shuffle",
    ])
    .args(["--seed", seed, "--name", name, "--out"])
    .arg(&out)
    .typing(typed)
    .in_crate_root()
    .run()
    .succeeds();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// Four students, each with a seed of their own: Ana takes the best path (3 of 3), Ben
/// publishes at once, takes it down, then trusts one voice (1 of 3), Cleo checks the metadata
/// and then judges well (2 of 3), and Dev publishes at once and goes no further (0 of 3).
fn class(folder: &Path) {
    walk(folder, "Ana", "11", &["1", "f"]);
    walk(folder, "Ben", "12", &["3", "1", "t"]);
    walk(folder, "Cleo", "13", &["2", "f"]);
    walk(folder, "Dev", "14", &["3"]);
}

/// `quiz report FOLDER ARGS…`.
fn report(folder: &Path, args: &[&str]) -> Run {
    Quiz::new(&["report"])
        .arg(folder)
        .args(args)
        .in_crate_root()
        .run()
        .succeeds()
}

/// The row of the students table that starts with `name`.
fn row<'a>(report: &'a Run, name: &str) -> &'a str {
    report
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(name))
        .unwrap_or_else(|| panic!("no row for {name}:\n{}", report.stdout))
}

/// The line of the report that holds `part`, its runs of spaces made one.
fn line_with(report: &Run, part: &str) -> String {
    let line = report
        .stdout
        .lines()
        .find(|l| l.contains(part))
        .unwrap_or_else(|| panic!("no line with {part:?}:\n{}", report.stdout));
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line of the endings reached that starts with `ending`, its runs of spaces made one.
fn ending_line(report: &Run, ending: &str) -> String {
    let line = report
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(ending))
        .unwrap_or_else(|| panic!("no ending {ending:?}:\n{}", report.stdout));
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The block of the report from the line naming `step` to the next blank line.
fn step_block(report: &Run, step: &str) -> String {
    let out = &report.stdout;
    let start = out
        .find(&format!("{step} · decided by"))
        .unwrap_or_else(|| panic!("no step {step}:\n{out}"));
    let block = &out[start..];
    let end = block.find("\n\n").unwrap_or(block.len());
    block[..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn each_walk_counts_its_points_out_of_the_best_paths_and_the_class_split_is_shown() {
    let folder = tempfile::tempdir().unwrap();
    class(folder.path());
    let report = report(folder.path(), &["--bank", BANK]);
    assert!(
        report
            .stdout
            .starts_with("Class report · 4 students · 0 questions · 1 branching scenario"),
        "{}",
        report.stdout
    );
    for (name, score, percent, result) in [
        ("Ana", "3/3", " 100 ", "pass"),
        ("Ben", "1/3", " 33 ", "FAIL"),
        ("Cleo", "2/3", " 67 ", "pass"),
        ("Dev", "0/3", " 0 ", "FAIL"),
    ] {
        let row = row(&report, name);
        for part in [score, percent, result] {
            assert!(row.contains(part), "{part:?} in {row:?}");
        }
    }
    assert!(row(&report, "Dev").contains("0/1") && row(&report, "Dev").contains("stopped early"));
    assert!(
        report.stdout.contains("mean 50.0% · median 50.0%"),
        "{}",
        report.stdout
    );
    assert!(
        report.stderr.contains(
            "Dev stopped early: reached an ending in 0 of 1 branching scenario; a scenario left \
             before its ending counts the decisions taken, out of its best path's points"
        ),
        "{}",
        report.stderr
    );

    // How the class split at each step: every choice, taken or not, with what it leads to.
    assert!(line_with(&report, "night-desk/leak · walked by").contains(
        "The leaked memo · night-desk/leak · walked by 4 · mean 50% of the best path's points"
    ));
    assert!(
        line_with(&report, "Best path:").ends_with("first-move → second-source → scoop"),
        "{}",
        report.stdout
    );
    let first = step_block(&report, "first-move");
    for part in [
        "first-move · decided by 4 of 4 What do you do first?",
        "✔ A) Call the press office to confirm the memo best → second-source 1 25%",
        "B) Check the metadata of the file acceptable → second-source 1 25%",
        "C) Publish it online at once poor → rushed 2 50%",
    ] {
        assert!(first.contains(part), "{part:?} in {first}");
    }
    let rushed = step_block(&report, "rushed");
    assert!(rushed.contains("rushed · decided by 1 of 4"), "{rushed}");
    assert!(rushed.contains("→ second-source 1 100%"), "{rushed}");
    assert!(rushed.contains("poor → retracted 0 0%"), "{rushed}");
    let judged = step_block(&report, "second-source");
    assert!(judged.contains("decided by 3 of 4"), "{judged}");
    assert!(judged.contains("✔ right best → scoop 2 67%"), "{judged}");
    assert!(judged.contains("wrong poor → corrected 1 33%"), "{judged}");

    // Which endings the class reached, each with its rating.
    for (part, count) in [
        ("scoop (A clean scoop) best ending", "2 50%"),
        ("corrected acceptable ending", "1 25%"),
        ("retracted poor ending", "0 0%"),
        ("stopped before an ending", "1 25%"),
    ] {
        let line = ending_line(&report, part.split(' ').next().unwrap());
        assert!(
            line.starts_with(&format!("{part} {count}")),
            "{part} {count} in {line:?}"
        );
    }
}

#[test]
fn without_the_bank_the_walks_count_as_recorded_and_the_split_is_read_from_the_files() {
    let folder = tempfile::tempdir().unwrap();
    class(folder.path());
    // Anyone can hand in a results file: an escape sequence in it never reaches the terminal.
    let cleo = folder.path().join("cleo.json");
    let mut text: Value = serde_json::from_str(&std::fs::read_to_string(&cleo).unwrap()).unwrap();
    text["walks"][0]["path"][0]["answer_text"] = "Check the \u{1b}[2Jmetadata of the file".into();
    text["walks"][0]["ending"] = "scoop\u{1b}]0;owned\u{7}".into();
    std::fs::write(&cleo, serde_json::to_string(&text).unwrap()).unwrap();
    let report = report(folder.path(), &[]);
    assert!(!report.stdout.contains('\u{1b}'), "{:?}", report.stdout);
    assert!(!report.stderr.contains('\u{1b}'), "{:?}", report.stderr);
    assert!(
        report.stderr.contains(
            "branching scenario `night-desk/leak` is not loaded, so its walks count as their \
             results files record them (name its bank with --bank)"
        ),
        "{}",
        report.stderr
    );
    assert!(row(&report, "Ben").contains("1/3"), "{}", report.stdout);
    let first = step_block(&report, "first-move");
    assert!(
        first.contains("C) Publish it online at once poor → rushed 2 50%"),
        "{first}"
    );
    // Without the bank, a choice no one took is not known.
    assert!(!report.stdout.contains("retracted"), "{}", report.stdout);
}

#[test]
fn a_results_file_that_claims_more_than_its_decisions_earn_counts_what_they_earn() {
    let folder = tempfile::tempdir().unwrap();
    class(folder.path());
    let ben = folder.path().join("ben.json");
    let mut claimed: Value = serde_json::from_str(&std::fs::read_to_string(&ben).unwrap()).unwrap();
    claimed["score"] = 3.0.into();
    claimed["walks"][0]["score"] = 3.0.into();
    claimed["walks"][0]["ending"] = "scoop".into();
    claimed["walks"][0]["rating"] = "best".into();
    std::fs::write(&ben, serde_json::to_string_pretty(&claimed).unwrap()).unwrap();

    let report = report(folder.path(), &["--bank", BANK]);
    assert!(row(&report, "Ben").contains("1/3"), "{}", report.stdout);
    assert!(
        report.stderr.contains(
            "Ben's results file says 3 of 3 points, ending `scoop` on scenario \
             `night-desk/leak`; its decisions, taken again on the loaded bank, earn 1 of 3 \
             points, ending `corrected`: the report counts these"
        ),
        "{}",
        report.stderr
    );
    assert!(
        ending_line(&report, "corrected").contains("corrected acceptable ending 1 25%"),
        "{}",
        report.stdout
    );

    // A score above the best path's is no score a quiz writes: the file is skipped, and said.
    claimed["walks"][0]["score"] = 5.0.into();
    std::fs::write(&ben, serde_json::to_string_pretty(&claimed).unwrap()).unwrap();
    let report = self::report(folder.path(), &["--bank", BANK]);
    assert!(
        report
            .stderr
            .contains("it has an impossible score (5 of 3 points on scenario `leak`)"),
        "{}",
        report.stderr
    );
    assert!(report.stdout.starts_with("Class report · 3 students"));
}

#[test]
fn the_html_report_draws_the_flow_with_arrows_as_wide_as_the_students_who_took_them() {
    let folder = tempfile::tempdir().unwrap();
    // The bank's texts are drawn into the picture: markup in them must stay text.
    let text = std::fs::read_to_string(fixture("branching.yaml"))
        .unwrap()
        .replace(
            "What do you do first?",
            "What do you do first? <b>Fast</b> & right?",
        );
    let bank = folder.path().join("night-desk.yaml");
    std::fs::write(&bank, text).unwrap();
    let results = folder.path().join("results");
    std::fs::create_dir(&results).unwrap();
    class(&results);
    let html = folder.path().join("class.html");
    report(
        &results,
        &[
            "--bank",
            bank.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    let figure = &page[page
        .find("<figure class=\"flow\" id=\"flow-1\">")
        .expect("the flow")..];
    let svg = &figure[..figure.find("</svg>").unwrap()];
    // Two of the four published at once: that arrow is half as wide as the widest (16).
    assert!(
        svg.contains("<title>C) Publish it online at once → rushed: 2 students</title><path d=\"M"),
        "{svg}"
    );
    let arrow = |title: &str| {
        let at = svg
            .find(title)
            .unwrap_or_else(|| panic!("{title} in {svg}"));
        let path = &svg[at..];
        let width = path.split("stroke-width=\"").nth(1).unwrap();
        let class_at = svg[..at].rfind("<g class=\"").unwrap();
        let class = svg[class_at + 10..].split('"').next().unwrap().to_owned();
        (width.split('"').next().unwrap().to_owned(), class)
    };
    assert_eq!(
        arrow("C) Publish it online at once → rushed"),
        ("9.0".into(), "flow-arrow".into())
    );
    assert_eq!(
        arrow("A) Call the press office to confirm the memo → second-source"),
        ("5.5".into(), "flow-arrow best".into())
    );
    assert_eq!(
        arrow("right → scoop"),
        ("9.0".into(), "flow-arrow best".into())
    );
    assert_eq!(
        arrow("B) Leave it up with a note that it is unconfirmed → retracted"),
        ("1.0".into(), "flow-arrow untaken".into())
    );
    // The steps as boxes, the best path's outlined; the endings with their rating.
    assert!(
        svg.contains("<g class=\"flow-step best\"><title>What do you do first? &lt;b&gt;Fast&lt;/b&gt; &amp; right?</title>"),
        "{svg}"
    );
    assert!(!page.contains("<b>Fast</b>"));
    assert!(
        svg.contains("<g class=\"flow-step\"><title>Your editor asks"),
        "{svg}"
    );
    assert!(svg.contains(">A clean scoop</text><text"), "{svg}");
    assert!(svg.contains(">best · 2 of 4</text>"), "{svg}");
    assert!(svg.contains(">poor · 0 of 4</text>"), "{svg}");
    assert!(figure.contains("1 student stopped before an ending."));
    // And the same split as tables.
    assert!(page.contains(
        "<td>C) Publish it online at once</td><td>poor</td><td>rushed</td>\
         <td class=\"num\">2</td><td class=\"num\">50%</td>"
    ));
    assert!(page.contains("<td>stopped before an ending</td><td></td><td class=\"num\">1</td>"));
}

#[test]
fn the_csv_has_a_row_for_each_walk_with_its_path_its_points_and_its_ending() {
    let folder = tempfile::tempdir().unwrap();
    let results = folder.path().join("results");
    std::fs::create_dir(&results).unwrap();
    class(&results);
    let csv = folder.path().join("class.csv");
    report(&results, &["--bank", BANK, "--csv", csv.to_str().unwrap()]);
    let csv = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{csv}");
    let ben = rows.iter().find(|r| r.starts_with("Ben,")).unwrap();
    assert!(
        ben.contains(
            ",night-desk,1,leak,branching,,first-move: Publish it online at once → rushed: \
             Take it down and start checking the memo → second-source: True → corrected,1,3,\
             ending corrected (acceptable),"
        ),
        "{ben}"
    );
    assert!(ben.contains(",33.3,no,fnv1a64:"), "{ben}");
    let dev = rows.iter().find(|r| r.starts_with("Dev,")).unwrap();
    assert!(
        dev.contains(",first-move: Publish it online at once,0,3,stopped before an ending,"),
        "{dev}"
    );
}

#[test]
fn students_with_seeds_of_their_own_are_one_class_and_another_scenario_is_another_exam() {
    let folder = tempfile::tempdir().unwrap();
    class(folder.path());
    // The same story under another id is another scenario: its walk is not of this class.
    let text = std::fs::read_to_string(fixture("branching.yaml"))
        .unwrap()
        .replace("id: leak", "id: leak-again");
    let bank = folder.path().join("other.yaml");
    std::fs::write(&bank, text).unwrap();
    Quiz::new(&["play", "--plain", "--no-shuffle", "--name", "Eve", "--out"])
        .arg(folder.path().join("eve.json"))
        .arg(&bank)
        .typing(&["1", "f"])
        .run()
        .succeeds();
    let refused = Quiz::new(&["report"]).arg(folder.path()).run();
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("branching scenario `night-desk/leak-again`"),
        "{}",
        refused.stderr
    );
    let mixed = report(folder.path(), &["--mixed"]);
    assert!(mixed.stdout.contains("Exam 1 of 2"), "{}", mixed.stdout);
    assert!(
        mixed.stdout.contains("Class report · 4 students"),
        "{}",
        mixed.stdout
    );
}

/// The night desk with a second branching scenario, the same story under other ids.
fn two_scenarios() -> String {
    let text = std::fs::read_to_string(fixture("branching.yaml")).unwrap();
    let at = text.find("  - id: leak").unwrap();
    let mut again = text[at..].to_owned();
    for (from, to) in [
        ("id: leak", "id: leak-two"),
        ("The leaked memo", "The second memo"),
        ("first-move", "first-move-2"),
        ("second-source", "second-source-2"),
        ("rushed", "rushed-2"),
        ("scoop", "scoop-2"),
        ("corrected", "corrected-2"),
        ("retracted", "retracted-2"),
    ] {
        again = again.replace(from, to);
    }
    text + &again
}

#[test]
fn a_scenario_never_reached_in_a_sitting_counts_0_of_its_best_paths_points() {
    let folder = tempfile::tempdir().unwrap();
    let bank = folder.path().join("two.yaml");
    std::fs::write(&bank, two_scenarios()).unwrap();
    let results = folder.path().join("results");
    // Yan takes the first decision of the first story, then stops: the second never begins.
    Quiz::new(&["play", "--plain", "--no-shuffle", "--name", "Yan", "--out"])
        .arg(results.join("yan.json"))
        .arg(&bank)
        .typing(&["1"])
        .run()
        .succeeds();
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(results.join("yan.json")).unwrap()).unwrap();
    assert_eq!(saved["ending"], "stopped_early");
    assert_eq!(saved["walks"][1]["scenario"], "leak-two");
    assert_eq!(saved["walks"][1]["path"], serde_json::json!([]));
    assert_eq!(
        (saved["score"].as_f64(), saved["max_score"].as_f64()),
        (Some(2.0), Some(6.0))
    );

    let report = report(&results, &["--bank", bank.to_str().unwrap()]);
    let yan = row(&report, "Yan");
    assert!(
        yan.contains("2/6") && yan.contains(" 33 ") && yan.contains("0/2"),
        "{yan}"
    );
    assert!(
        report
            .stderr
            .contains("Yan stopped early: reached an ending in 0 of 2 branching scenarios"),
        "{}",
        report.stderr
    );
    assert!(
        ending_line(&report, "stopped before an ending").contains("1 100%"),
        "{}",
        report.stdout
    );
}

/// Writes the report of the four students' walks as HTML to `$QUIZ_HTML_CHECK_DIR/walks.html`
/// for scripts/check-html-in-chromium.sh, which opens it in a real browser.
#[test]
#[ignore = "run by scripts/check-html-in-chromium.sh"]
fn html_for_the_browser_check() {
    let dir = std::path::PathBuf::from(std::env::var("QUIZ_HTML_CHECK_DIR").unwrap());
    let results = dir.join("walks");
    std::fs::create_dir_all(&results).unwrap();
    class(&results);
    let html = dir.join("walks.html");
    report(
        &results,
        &["--bank", BANK, "--html", html.to_str().unwrap()],
    );
}

#[test]
fn a_student_who_goes_round_a_loop_counts_once_under_each_decision_taken() {
    let folder = tempfile::tempdir().unwrap();
    // Leaving the story up leads back to the editor's question: a way round, decided twice.
    let text = std::fs::read_to_string(fixture("branching.yaml"))
        .unwrap()
        .replace("next: retracted", "next: rushed");
    let bank = folder.path().join("loop.yaml");
    std::fs::write(&bank, text).unwrap();
    let results = folder.path().join("results");
    for (name, typed) in [
        ("Fay", &["3", "2", "2", "1", "f"][..]),
        ("Gus", &["3", "1", "f"]),
    ] {
        Quiz::new(&[
            "play",
            "--plain",
            "--no-shuffle",
            "--scenario",
            "leak",
            "--name",
            name,
        ])
        .arg("--out")
        .arg(results.join(format!("{name}.json")))
        .arg(&bank)
        .typing(typed)
        .run()
        .succeeds();
    }
    let html = folder.path().join("class.html");
    let report = report(
        &results,
        &[
            "--bank",
            bank.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
        ],
    );
    // Fay left it up twice and then took it down: one student under each decision.
    let rushed = step_block(&report, "rushed");
    assert!(rushed.contains("rushed · decided by 2 of 2"), "{rushed}");
    assert!(rushed.contains("→ second-source 2 100%"), "{rushed}");
    assert!(rushed.contains("poor → rushed 1 50%"), "{rushed}");
    // Only her first decision at the editor's question counts (leaving it up, 0 points): she
    // earns the right answer's point only, and Gus, who took it down at once, earns 2.
    assert!(row(&report, "Fay").contains("1/3"), "{}", report.stdout);
    assert!(row(&report, "Gus").contains("2/3"), "{}", report.stdout);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains(
            "<g class=\"flow-arrow\"><title>B) Leave it up with a note that it is unconfirmed → \
             rushed: 1 student</title>"
        ),
        "{page}"
    );
}
