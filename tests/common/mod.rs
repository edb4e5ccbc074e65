//! Shared test tools: a builder that runs `quiz` like a user would, and the keystrokes that
//! answer a planned quiz right or wrong.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scenario_quiz::bank::{self, AnswerKey, Bank, BankFile};
use scenario_quiz::engine::{Filter, PlanOptions, Planned, plan};

/// A generated class of results files, for the report tests.
pub mod class;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// One run of the binary: the arguments, what is typed, and the folder it runs in.
pub struct Quiz {
    args: Vec<String>,
    stdin: String,
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    /// Removes the folder when the run is dropped.
    _folder: tempfile::TempDir,
}

impl Quiz {
    pub fn new(args: &[&str]) -> Self {
        Quiz {
            args: args.iter().map(|a| a.to_string()).collect(),
            stdin: String::new(),
            dir: tempfile::tempdir().expect("a temporary folder"),
            env: Vec::new(),
        }
    }

    /// The lines the user types, one answer per line.
    pub fn typing(mut self, lines: &[&str]) -> Self {
        self.stdin = lines.iter().map(|l| format!("{l}\n")).collect();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(self) -> Run {
        let output = Command::cargo_bin("quiz")
            .expect("the quiz binary")
            .args(&self.args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            // Progress goes to the run's own folder, never to the real data folder.
            .env("QUIZ_DATA_DIR", self.dir.path().join("data"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .write_stdin(self.stdin)
            .output()
            .expect("quiz runs");
        Run {
            dir: self.dir.path().to_path_buf(),
            _folder: self.dir,
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Paths in messages point at the fixtures folder on this machine; snapshots should not.
    pub fn stderr_portable(&self) -> String {
        let fixtures = fixture("");
        self.stderr
            .replace(&fixtures.display().to_string(), "fixtures/")
    }
}

pub fn load(paths: &[PathBuf]) -> Vec<Bank> {
    let files: Vec<BankFile> = if paths.is_empty() {
        bank::built_in_files()
    } else {
        bank::read_files(paths).expect("bank files")
    };
    let loaded = bank::load(&files);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks
}

pub fn planned<'b>(banks: &'b [Bank], seed: u64) -> Vec<Planned<'b>> {
    plan(
        banks,
        &PlanOptions {
            filter: Filter::default(),
            count: None,
            seed,
            shuffle: true,
        },
    )
}

fn shown_at(planned: &Planned, author_index: usize) -> usize {
    planned
        .display
        .iter()
        .position(|&i| i == author_index)
        .expect("every part is shown")
}

fn letter(i: usize) -> char {
    (b'a' + i as u8) as char
}

/// The line that answers a question perfectly in plain mode.
pub fn right_answer(planned: &Planned) -> String {
    match &planned.question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| (shown_at(planned, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(","),
        AnswerKey::TrueFalse { answer } => if *answer { "t" } else { "f" }.into(),
        AnswerKey::Short { accept, .. } => accept[0].clone(),
        AnswerKey::Numeric { answer, .. } => answer.to_string(),
        AnswerKey::Order { items } => (0..items.len())
            .map(|i| (shown_at(planned, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        AnswerKey::Match { pairs } => (0..pairs.len())
            .map(|i| format!("{}{}", i + 1, letter(shown_at(planned, i))))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The line that earns nothing: wrong choices only, the other truth value, an order and a
/// matching in which nothing is in its place.
pub fn wrong_answer(planned: &Planned) -> String {
    let n = |len: usize, shift: usize| (0..len).map(move |i| (i + shift) % len);
    match &planned.question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => {
            let wrong = choices
                .iter()
                .position(|c| !c.correct)
                .expect("a wrong choice");
            (shown_at(planned, wrong) + 1).to_string()
        }
        AnswerKey::TrueFalse { answer } => if *answer { "f" } else { "t" }.into(),
        AnswerKey::Short { .. } => "qqqqqqqqqq".into(),
        AnswerKey::Numeric { answer, .. } => (answer.abs() * 10.0 + 1000.0).to_string(),
        AnswerKey::Order { items } => n(items.len(), 1)
            .map(|i| (shown_at(planned, i) + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        AnswerKey::Match { pairs } => n(pairs.len(), 1)
            .enumerate()
            .map(|(left, right)| format!("{}{}", left + 1, letter(shown_at(planned, right))))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The keystrokes that answer every question of `banks`, planned with `seed`, right or wrong.
pub fn answer_lines(banks: &[Bank], seed: u64, right: bool) -> Vec<String> {
    let answer = if right { right_answer } else { wrong_answer };
    planned(banks, seed).iter().map(answer).collect()
}

// Authoring tests: run from the crate root and show exit code, stdout and stderr together.

/// The command, run from the crate root without colours.
pub fn quiz() -> Command {
    let mut cmd = Command::cargo_bin("quiz").expect("the quiz binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

/// What a user sees: the exit code, standard output and standard error.
pub fn seen(args: &[&str]) -> String {
    seen_in(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// As [`seen`], run from `dir`.
pub fn seen_in(args: &[&str], dir: &Path) -> String {
    let output = quiz()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("quiz runs");
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The path of a fixture, relative to the crate root (how the tests name files).
pub const FIXTURES: &str = "tests/fixtures/authoring";

/// `quiz play ARGS… basics.yaml`, run in `dir` with its progress kept there, for tests that drive
/// the process themselves (a pseudo-terminal, a pipe closed early).
pub fn play_basics(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .arg("play")
        .args(args)
        .arg(fixture("basics.yaml"))
        .current_dir(dir)
        .env("QUIZ_DATA_DIR", dir.join("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    command
}
