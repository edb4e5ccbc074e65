//! Running the `quiz` binary the way a user does, and showing what they would see.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

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
