//! What `quiz` promises against bad luck and bad intent (docs/reliability.md): no answer lost once
//! typed, no file replaced, no raw control characters on the screen, bounded work.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::common::{Quiz, answer_lines, fixture, load, wait_for_line};

fn basics() -> PathBuf {
    fixture("basics.yaml")
}

/// The seven lines that answer the basics bank right, planned with seed 7.
fn right_answers() -> Vec<String> {
    answer_lines(&load(&[basics()]), 7, true)
}

fn exam(out: &Path) -> Quiz {
    Quiz::new(&["play", "--plain", "--exam", "--seed", "7"])
        .arg(basics())
        .arg("--out")
        .arg(out)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Starts `quiz` with its output read line by line on a thread.
fn spawn(quiz: &Quiz) -> (Child, mpsc::Receiver<String>) {
    quiz.spawn_reading_lines(Stdio::piped())
}

#[cfg(unix)]
fn signal(child: &Child, name: &str) {
    let sent = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Types the first two answers of the exam and waits until the third question is up.
fn two_answers_in(quiz: &Quiz) -> (Child, mpsc::Receiver<String>) {
    let (mut child, lines) = spawn(quiz);
    let mut stdin = child.stdin.take().unwrap();
    let answers = right_answers();
    writeln!(stdin, "{}\n{}", answers[0], answers[1]).unwrap();
    stdin.flush().unwrap();
    wait_for_line(&lines, "Question 3 of 7");
    // Keep standard input open: the quiz is waiting for the third answer.
    std::mem::forget(stdin);
    (child, lines)
}

// ---------------------------------------------------------------------------------------------
// No exam lost

#[test]
fn an_exam_into_a_missing_folder_creates_the_folder() {
    let quiz = Quiz::new(&[]);
    let out = quiz.dir().join("results/period-3/ana.json");
    let lines = right_answers();
    exam(&out)
        .typing(&lines.iter().map(String::as_str).collect::<Vec<_>>())
        .run()
        .succeeds();
    assert_eq!(read_json(&out)["answers"].as_array().unwrap().len(), 7);
    assert_eq!(read_json(&out)["ending"], "finished");
}

#[test]
fn an_exam_that_cannot_be_saved_is_refused_before_the_first_question() {
    let quiz = Quiz::new(&[]);
    // A file where the folder should be: no one, root included, can write there.
    let blocker = quiz.dir().join("results");
    std::fs::write(&blocker, "not a folder").unwrap();
    let run = exam(&blocker.join("ana.json"))
        .stdin(right_answers().join("\n"))
        .run()
        .fails_with(1)
        .stderr_contains("nothing was asked");
    assert!(!run.stdout.contains("Question 1"), "{}", run.stdout);
}

#[test]
fn a_killed_exam_leaves_every_answer_given_on_disk() {
    let quiz = Quiz::new(&[]);
    let out = quiz.dir().join("ana.json");
    let exam = exam(&out);
    let (mut child, _lines) = two_answers_in(&exam);
    child.kill().unwrap();
    child.wait().unwrap();
    let saved = read_json(&out);
    assert_eq!(saved["answers"].as_array().unwrap().len(), 2);
    assert_eq!(saved["ending"], "interrupted");
    assert_eq!(saved["score"], 2.0);
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_end_an_exam_like_ctrl_c() {
    for name in ["TERM", "HUP", "INT"] {
        let quiz = Quiz::new(&[]);
        let out = quiz.dir().join("ana.json");
        let exam = exam(&out);
        let (child, lines) = two_answers_in(&exam);
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        let shown: Vec<String> = lines.try_iter().collect();
        assert_eq!(
            output.status.code(),
            Some(130),
            "after SIG{name}: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            shown.join("\n")
        );
        let saved = read_json(&out);
        assert_eq!(saved["answers"].as_array().unwrap().len(), 2, "SIG{name}");
        assert_eq!(saved["ending"], "interrupted");
    }
}

#[test]
fn when_the_results_cannot_be_written_the_answers_are_kept_and_the_error_says_where() {
    let quiz = Quiz::new(&[]);
    let out = quiz.dir().join("ana.json");
    let spare = quiz.dir().join("tmp");
    std::fs::create_dir(&spare).unwrap();
    let exam = exam(&out).env("TMPDIR", &spare);
    let (mut child, lines) = spawn(&exam);
    let mut stdin = child.stdin.take().unwrap();
    let answers = right_answers();
    writeln!(stdin, "{}", answers[0]).unwrap();
    stdin.flush().unwrap();
    wait_for_line(&lines, "Question 2 of 7");
    // Something takes the results file's place: no write there can succeed any more.
    std::fs::remove_file(&out).unwrap();
    std::fs::create_dir(&out).unwrap();
    for answer in &answers[1..] {
        writeln!(stdin, "{answer}").unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let kept: Vec<PathBuf> = std::fs::read_dir(&spare)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(stderr.contains(&kept[0].display().to_string()), "{stderr}");
    let saved = read_json(&kept[0]);
    assert_eq!(saved["answers"].as_array().unwrap().len(), 7);
    assert_eq!(saved["ending"], "finished");
}

// ---------------------------------------------------------------------------------------------
// Report outputs

/// A folder with one student's finished exam in it.
fn class_folder(quiz: &Quiz) -> PathBuf {
    let folder = quiz.dir().join("res");
    let lines = right_answers();
    exam(&folder.join("ana.json"))
        .typing(&lines.iter().map(String::as_str).collect::<Vec<_>>())
        .run()
        .succeeds();
    folder
}

#[test]
fn a_report_never_writes_over_one_of_its_results_files() {
    let quiz = Quiz::new(&[]);
    let folder = class_folder(&quiz);
    let student = folder.join("ana.json");
    let before = std::fs::read_to_string(&student).unwrap();
    for flag in ["--csv", "--html"] {
        Quiz::new(&["report"])
            .arg(&folder)
            .arg(flag)
            .arg(&student)
            .run()
            .fails_with(2)
            .stderr_contains("one of the results files");
        // The same file by another name.
        Quiz::new(&["report"])
            .arg(&folder)
            .arg(flag)
            .arg(folder.join("../res/./ana.json"))
            .run()
            .fails_with(2);
    }
    assert_eq!(std::fs::read_to_string(&student).unwrap(), before);
}

#[test]
fn a_report_refuses_one_file_named_for_both_csv_and_html() {
    let quiz = Quiz::new(&[]);
    let folder = class_folder(&quiz);
    let both = quiz.dir().join("report.out");
    Quiz::new(&["report"])
        .arg(&folder)
        .arg("--csv")
        .arg(&both)
        .arg("--html")
        .arg(&both)
        .run()
        .fails_with(2)
        .stderr_contains("both name");
    assert!(!both.exists());
}

// ---------------------------------------------------------------------------------------------
// No raw control characters on the screen

/// A bank whose texts carry a window title change, a screen clear, a link and reversed text.
const HOSTILE_BANK: &str = r#"id: hostile
title: "Hostile \e]0;owned\a bank"
description: A bank with escape sequences.
version: 1
sources:
  - id: article
    title: "The \e]8;;http://evil.example\e\\article\e]8;;\e\\"
    author: "Someone \e[1m"
scenarios:
  - id: room
    title: "Room \u202E"
    text: "Scenario text \e[2J"
questions:
  - id: pick
    kind: single
    scenario: room
    prompt: "Which \e[2J one? \u202Eesrever"
    choices:
      - text: "Right \e]0;title\a"
        correct: true
      - text: "Wrong \x9b31m"
        why: "Because \u2066isolated\u2069"
    explanation: "Explained \e[31m in red"
    source: {id: article, section: "Section \e[1A"}
    tags: ["tag\e[5m"]
"#;

fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
                | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[track_caller]
fn assert_no_raw_controls(what: &str, text: &str) {
    assert!(
        raw_controls(text).is_empty(),
        "{what} printed {:?}:\n{text}",
        raw_controls(text)
    );
}

#[test]
fn bank_text_reaches_no_screen_raw() {
    let quiz = Quiz::new(&[]);
    let bank = quiz.dir().join("hostile.yaml");
    std::fs::write(&bank, HOSTILE_BANK).unwrap();
    let runs = [
        ("play", vec!["play", "--plain", "--seed", "1"], "1\n"),
        (
            "play --exam",
            vec!["play", "--plain", "--exam", "--seed", "1"],
            "2\n",
        ),
        ("list", vec!["list"], ""),
        ("present", vec!["present", "--plain", "--seed", "1"], ""),
        ("check", vec!["check"], ""),
        ("review", vec!["review", "--plain"], "1\n"),
    ];
    for (what, args, typed) in runs {
        let run = Quiz::new(&args).arg(&bank).stdin(typed).run();
        assert_no_raw_controls(what, &run.stdout);
        assert_no_raw_controls(what, &run.stderr);
        if what == "play" {
            assert!(run.stdout.contains("Which \\x1b[2J one?"), "{}", run.stdout);
            assert!(run.stdout.contains("\\u{202e}esrever"), "{}", run.stdout);
        }
    }
}

#[test]
fn check_warns_about_control_characters_in_bank_text() {
    let quiz = Quiz::new(&[]);
    let bank = quiz.dir().join("hostile.yaml");
    std::fs::write(&bank, HOSTILE_BANK).unwrap();
    let run = Quiz::new(&["check", "--format", "json"]).arg(&bank).run();
    let json = run.json();
    let lints: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["lint"].as_str())
        .collect();
    assert_eq!(
        lints.iter().filter(|l| **l == "control-character").count(),
        2,
        "{lints:?}"
    );
}

#[test]
fn results_file_text_reaches_no_screen_raw() {
    let quiz = Quiz::new(&[]);
    let folder = class_folder(&quiz);
    let student = folder.join("ana.json");
    let mut result = read_json(&student);
    result["name"] = "Ana \u{1b}]0;owned\u{7}\u{202e}".into();
    result["answers"][0]["answer_text"] = "\u{1b}[2J cleared".into();
    result["answers"][0]["tags"] = serde_json::json!(["\u{1b}[5mblink"]);
    let renamed = result["answers"][0]["question"].clone();
    result["answers"][0]["question"] = "q\u{9b}1A".into();
    // The questions asked, as the file records them, hold the same question under its new name.
    for asked in result["asked"].as_array_mut().unwrap() {
        if asked["question"] == renamed {
            asked["question"] = "q\u{9b}1A".into();
            asked["prompt"] = "\u{1b}[2J Which \u{202e}city?".into();
            asked["key"] = "\u{1b}[31mred".into();
        }
    }
    std::fs::write(&student, result.to_string()).unwrap();
    std::fs::write(folder.join("anon\u{1b}[2J.json"), {
        let mut other = result.clone();
        other["name"] = serde_json::Value::Null;
        other.to_string()
    })
    .unwrap();
    let run = Quiz::new(&["report"]).arg(&folder).run().succeeds();
    assert_no_raw_controls("report", &run.stdout);
    assert_no_raw_controls("report", &run.stderr);
    assert!(run.stdout.contains("Ana \\x1b]0;owned"), "{}", run.stdout);
}

#[test]
fn the_html_report_escapes_what_results_files_hold() {
    let quiz = Quiz::new(&[]);
    let folder = class_folder(&quiz);
    let student = folder.join("ana.json");
    let mut result = read_json(&student);
    result["name"] = "<script>alert('ana')</script>".into();
    result["answers"][0]["answer_text"] = "<img src=x onerror=alert(1)>".into();
    std::fs::write(&student, result.to_string()).unwrap();
    let page = quiz.dir().join("report.html");
    Quiz::new(&["report"])
        .arg(&folder)
        .arg("--html")
        .arg(&page)
        .run()
        .succeeds();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert('ana')"), "{html}");
}

/// A bank whose one question speaks of markup, as a question about web pages might.
const MARKUP_BANK: &str = r#"id: markup
title: Markup & pages
version: 1
sources:
  - id: guide
    title: A guide to web pages
    author: A web teacher
questions:
  - id: tags
    kind: single
    prompt: "Does <script>alert(1)</script> & co. run when a page shows it as text?"
    choices:
      - text: "No, <b>tags</b> shown as text stay text"
        correct: true
      - text: Yes
    explanation: A page that escapes its text shows the angle brackets rather than obeying them.
    source: {id: guide, section: Escaping}
"#;

#[test]
fn the_html_report_shows_a_question_and_a_name_that_hold_markup_as_text() {
    let quiz = Quiz::new(&[]);
    let bank = quiz.dir().join("markup.yaml");
    std::fs::write(&bank, MARKUP_BANK).unwrap();
    let folder = quiz.dir().join("results");
    Quiz::new(&["play", "--plain", "--exam", "--seed", "1"])
        .arg(&bank)
        .args(["--name", "Bo <script>alert(2)</script> & Al"])
        .arg("--out")
        .arg(folder.join("bo.json"))
        .typing(&["1"])
        .run()
        .succeeds();
    let page = quiz.dir().join("report.html");
    Quiz::new(&["report"])
        .arg(&folder)
        .arg("--bank")
        .arg(&bank)
        .arg("--html")
        .arg(&page)
        .run()
        .succeeds();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(
        html.contains("bo.json\">Bo &lt;script&gt;alert(2)&lt;/script&gt; &amp; Al</td>"),
        "{html}"
    );
    // The question's text in the questions' table and in its own section.
    let question = "Does &lt;script&gt;alert(1)&lt;/script&gt; &amp; co. run when a page shows it \
                    as text?";
    assert!(
        html.contains(&format!("<span class=\"muted\">{question}</span>")),
        "{html}"
    );
    assert!(
        html.contains(&format!("<p class=\"prompt\">{question}</p>")),
        "{html}"
    );
    assert!(
        html.contains(
            "<p class=\"key\">Key: No, &lt;b&gt;tags&lt;/b&gt; shown as text stay text</p>"
        ),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------------
// Ctrl-C everywhere

#[cfg(unix)]
fn exit_code(session: &mut rexpect::session::PtySession) -> i32 {
    match session.process_mut().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("quiz did not exit normally: {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_history_clear_question_deletes_nothing_shows_the_cursor_and_exits_130() {
    let data = tempfile::tempdir().unwrap();
    let lines = right_answers();
    Quiz::new(&["play", "--plain", "--seed", "7"])
        .arg(basics())
        .data_dir(data.path())
        .typing(&lines.iter().map(String::as_str).collect::<Vec<_>>())
        .run()
        .succeeds();
    let quiz = Quiz::new(&["history", "--clear"]).data_dir(data.path());
    let mut session = quiz.on_a_terminal();
    session.exp_string("cannot be undone").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(
        rest.contains("\u{1b}[?25h"),
        "the cursor is shown: {rest:?}"
    );
    assert!(rest.contains("Nothing deleted."), "{rest}");
    assert_eq!(exit_code(&mut session), 130);
    Quiz::new(&["history"])
        .data_dir(data.path())
        .run()
        .succeeds()
        .stdout
        .contains("basics: 7 answers")
        .then_some(())
        .expect("the answers are still there");
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_present_exits_130() {
    let quiz = Quiz::new(&["present", "--seed", "5"]).arg(basics());
    let mut session = quiz.on_a_terminal();
    session.exp_string("Question 1 of 7").unwrap();
    session.send_control('c').unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&mut session), 130);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_where_a_bank_is_written_is_refused() {
    let quiz = Quiz::new(&[]);
    let link = quiz.dir().join("bank.yaml");
    std::os::unix::fs::symlink(quiz.dir().join("elsewhere.yaml"), &link).unwrap();
    Quiz::new(&["new"])
        .arg(&link)
        .run()
        .fails_with(1)
        .stderr_contains("already exists");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(!quiz.dir().join("elsewhere.yaml").exists());
}

/// The head of a bank with one source and `scenarios` scenarios, ready for `questions:`.
fn bank_head(id: &str, scenarios: usize) -> String {
    let mut text = format!(
        "id: {id}\ntitle: Hostile\ndescription: Built to be slow.\nversion: 1\nsources:\n  \
         - id: article\n    title: An article\n    author: Someone\n"
    );
    if scenarios > 0 {
        text.push_str("scenarios:\n");
        for n in 0..scenarios {
            text.push_str(&format!(
                "  - id: scenario-{n}\n    title: Scenario {n}\n    text: Scene {n}.\n"
            ));
        }
    }
    text.push_str("questions:\n");
    text
}

/// One true/false question with the given extra lines (`tags: …`, `scenario: …`).
fn hostile_question(id: &str, source: &str, extra: &str) -> String {
    format!(
        "  - id: {id}\n    kind: true_false\n    prompt: Is {id} true?\n    answer: true\n    \
         explanation: Because it is.\n    source: {{id: {source}, section: Part one}}\n{extra}"
    )
}

/// Runs `quiz` on an input made in its folder; how long it took, and what it said.
fn timed(name: &str, quiz: Quiz, timings: &mut Vec<(String, Duration)>) -> crate::common::Run {
    let started = std::time::Instant::now();
    let run = quiz.run();
    timings.push((name.to_owned(), started.elapsed()));
    assert!(
        run.code == 0 || run.code == 1,
        "{name}: exit {}\n{}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    run
}

/// Each input here once took from 10 to over 50 seconds: every "did you mean" search compared
/// every string with every other, whole; the GIFT import looked for a free source id from the
/// start for each question; `check --source` compared each missing section with every line of
/// the source, normalising both again each time. Here each must still end with its answer; how
/// long each takes is no part of the test: `bench/hostile` reports it for a release build.
#[test]
fn hostile_inputs_are_answered() {
    answer_hostile_inputs();
}

/// Benchmark, not a timed test: the time each hostile input takes (bench/hostile runs it on a
/// release build).
#[test]
#[ignore = "a benchmark: run it with bench/hostile"]
fn hostile_inputs_times() {
    for (name, took) in answer_hostile_inputs() {
        println!("hostile input: {name}: {:.2} s", took.as_secs_f64());
    }
}

/// Runs `quiz` on each hostile input and checks its answer; how long each took.
fn answer_hostile_inputs() -> Vec<(String, Duration)> {
    let mut timings = Vec::new();
    let write = |quiz: &Quiz, name: &str, text: &str| std::fs::write(quiz.dir().join(name), text);

    let quiz = Quiz::new(&["check", "bank.yaml"]);
    let mut bank = bank_head("tags", 0);
    for n in 0..5_000 {
        bank.push_str(&hostile_question(
            &format!("q{n}"),
            "article",
            &format!("    tags: [tag-{n}-x]\n"),
        ));
    }
    write(&quiz, "bank.yaml", &bank).unwrap();
    timed("5,000 unique tags", quiz, &mut timings);

    let quiz = Quiz::new(&["check", "bank.yaml"]);
    let mut bank = bank_head("long-tags", 0);
    for (n, letter) in ["a", "b"].iter().enumerate() {
        let tag = letter.repeat(100_000);
        bank.push_str(&hostile_question(
            &format!("q{n}"),
            "article",
            &format!("    tags: [{tag}]\n"),
        ));
    }
    write(&quiz, "bank.yaml", &bank).unwrap();
    timed("two 100,000-character tags", quiz, &mut timings);

    let quiz = Quiz::new(&["play", "--plain", "bank.yaml"]);
    let mut bank = bank_head("long-source", 0);
    bank.push_str(&hostile_question("q", &"x".repeat(100_000), ""));
    write(&quiz, "bank.yaml", &bank).unwrap();
    let run = timed("a 100,000-character mistyped source id", quiz, &mut timings);
    assert!(run.stderr.contains("is not declared"), "{}", run.stderr);

    let quiz = Quiz::new(&["play", "--plain", "bank.yaml"]);
    let mut bank = bank_head("scenarios", 3_000);
    for n in 0..3_000 {
        bank.push_str(&hostile_question(
            &format!("q{n}"),
            "article",
            &format!("    scenario: scenaro-{n}\n"),
        ));
    }
    write(&quiz, "bank.yaml", &bank).unwrap();
    let run = timed("3,000 mistyped scenario ids", quiz, &mut timings);
    assert!(
        run.stderr.contains("did you mean `scenario-1`?"),
        "{}",
        run.stderr
    );

    let quiz = Quiz::new(&["check", "bank.yaml"]);
    let mut bank = bank_head("many-tags", 0);
    for n in 0..10_000 {
        bank.push_str(&hostile_question(
            &format!("q{n}"),
            "article",
            &format!("    tags: [tag-{n}]\n"),
        ));
    }
    write(&quiz, "bank.yaml", &bank).unwrap();
    timed("10,000 tags used once each", quiz, &mut timings);

    let quiz = Quiz::new(&["import", "gift", "shared.gift", "-o", "out.yaml"]);
    let mut gift = String::new();
    for n in 0..5_000 {
        gift.push_str(&format!(
            "::Q{n}:: Is {n} even? {{T####Because.\nSource: Shared title — Publisher {n} · \
             section “Part {n}”}}\n\n"
        ));
    }
    write(&quiz, "shared.gift", &gift).unwrap();
    let run = timed(
        "5,000 GIFT questions whose sources share a title",
        quiz,
        &mut timings,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);

    let quiz = Quiz::new(&["check", "bank.yaml", "--source", "source.txt"]);
    let mut bank = bank_head("cited", 0);
    for n in 0..50 {
        bank.push_str(&hostile_question(&format!("q{n}"), "article", ""));
    }
    let bank = bank.replace("section: Part one", "section: A heading nobody wrote down");
    write(&quiz, "bank.yaml", &bank).unwrap();
    let mut source = String::new();
    while source.len() < 2_000_000 {
        source.push_str("A line of the source, about as long as a heading is, or longer.\n");
    }
    source.push_str(&"One paragraph without an end ".repeat(20_000));
    write(&quiz, "source.txt", &source).unwrap();
    timed("a 2 MB source", quiz, &mut timings);
    timings
}
