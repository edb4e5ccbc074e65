//! The one way the tests start `quiz`: a builder that sets up the environment the same way every
//! time, runs the binary like a user would, and checks what it did.
//!
//! Every run gets its own temporary folder, which is also where progress is kept
//! (`QUIZ_DATA_DIR`), and runs in it unless told otherwise. Colours are off (`NO_COLOR=1`), the
//! screen is 100 columns wide (`COLUMNS`, what clap assumes off a terminal), and the variables of
//! the developer's shell that would change what `quiz` does are removed.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use tempfile::TempDir;

/// A run that takes longer than this is stuck (waiting for input that never comes, say).
const TIMEOUT: Duration = Duration::from_secs(60);

/// Where a pseudo-terminal run notes the name of its terminal, so that a test can resize it.
const TTY_FILE: &str = ".tty";
/// `stty -a` of the terminal before `quiz` starts on it.
const TTY_FLAGS_FILE: &str = ".tty-flags";

/// How long a pseudo-terminal session waits for what is expected on screen.
const SCREEN_TIMEOUT_MS: u64 = 10_000;

/// Variables of the developer's environment that change what `quiz` does or prints. Every
/// `QUIZ_*` variable is removed as well.
const CLEARED: &[&str] = &[
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "TERM",
    "XDG_DATA_HOME",
];

/// One run of the binary: the arguments, what is typed, where it runs and its environment.
#[must_use]
pub(crate) struct Quiz {
    args: Vec<OsString>,
    stdin: String,
    current_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    env: Vec<(OsString, OsString)>,
    /// The most bytes any file it writes may hold, as on a disk that fills up.
    file_size_limit: Option<u64>,
    tempdir: TempDir,
}

/// What a run did: its exit code, what it printed, and the folder it ran in.
pub(crate) struct Run {
    /// The exit code, or -1 if a signal ended the process.
    pub code: i32,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// The run's temporary folder.
    pub dir: PathBuf,
    /// Removes the folder when the run is dropped.
    _folder: TempDir,
}

/// The crate's root folder, where `tests/fixtures/...` paths start.
pub(super) fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

impl Quiz {
    /// `quiz ARGS…`, in a fresh temporary folder.
    pub(crate) fn new(args: &[&str]) -> Self {
        Quiz {
            args: args.iter().map(OsString::from).collect(),
            stdin: String::new(),
            current_dir: None,
            data_dir: None,
            env: Vec::new(),
            file_size_limit: None,
            tempdir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub(crate) fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub(crate) fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// The lines the user types, one answer per line.
    pub(crate) fn typing(mut self, lines: &[&str]) -> Self {
        self.stdin = lines.iter().map(|l| format!("{l}\n")).collect();
        self
    }

    /// Exactly what arrives on standard input.
    pub(crate) fn stdin(mut self, text: impl Into<String>) -> Self {
        self.stdin = text.into();
        self
    }

    pub(crate) fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The clock `quiz` reads, as an RFC 3339 time (`QUIZ_NOW`).
    pub(crate) fn now(self, time: &str) -> Self {
        self.env("QUIZ_NOW", time)
    }

    /// The width of the screen (`COLUMNS`).
    pub(crate) fn columns(self, columns: u16) -> Self {
        self.env("COLUMNS", columns.to_string())
    }

    /// Keeps progress in `dir` rather than in the run's own folder, so that runs can share it.
    pub(crate) fn data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data_dir = Some(dir.into());
        self
    }

    /// Any file it writes can hold at most about `bytes` (rounded up to the shell's block of
    /// 512 or 1,024 bytes): past that, writes fail as on a full disk (Unix only).
    pub(crate) fn file_size_limit(mut self, bytes: u64) -> Self {
        self.file_size_limit = Some(bytes);
        self
    }

    /// Runs in `dir` rather than in the run's own folder.
    pub(crate) fn in_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.current_dir = Some(dir.into());
        self
    }

    /// Runs from the crate's root, where the tests name files as `tests/fixtures/...`.
    pub(crate) fn in_crate_root(self) -> Self {
        self.in_dir(crate_root())
    }

    /// The run's own temporary folder.
    pub(crate) fn dir(&self) -> &Path {
        self.tempdir.path()
    }

    /// Starts `quiz` with its standard input open and its output read line by line on a thread
    /// of its own, for tests that answer as it goes or stop it midway. `stderr` says where its
    /// errors go. Keep `self` for as long as the process runs.
    pub(crate) fn spawn_reading_lines(&self, stderr: Stdio) -> (Child, Receiver<String>) {
        let mut child = self
            .command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("quiz starts");
        let stdout = child.stdout.take().expect("its standard output");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        (child, lines)
    }

    /// The command, set up like every run, for tests that drive the process themselves: spawn it,
    /// read it as it goes, send it signals. What is typed is not passed on. The folder goes away
    /// with `self`, so keep `self` for as long as the process runs.
    pub(crate) fn command(&self) -> Command {
        let mut command = match self.file_size_limit {
            None => Command::new(env!("CARGO_BIN_EXE_quiz")),
            Some(bytes) => limited_in_file_size(bytes),
        };
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("QUIZ_") {
                command.env_remove(key);
            }
        }
        for key in CLEARED {
            command.env_remove(key);
        }
        let data_dir = self
            .data_dir
            .clone()
            .unwrap_or_else(|| self.dir().join("data"));
        command
            .args(&self.args)
            .current_dir(self.current_dir.as_deref().unwrap_or(self.dir()))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            // Progress goes to a temporary folder, never to the real data folder.
            .env("QUIZ_DATA_DIR", data_dir)
            .env("XDG_DATA_HOME", self.dir().join("xdg-data"))
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Starts `quiz` on a pseudo-terminal, as a person at a keyboard would see it.
    #[cfg(unix)]
    pub(crate) fn on_a_terminal(&self) -> rexpect::session::PtySession {
        self.on_a_terminal_sized(100, 24)
    }

    /// Starts `quiz` on a pseudo-terminal window `cols` columns wide and `rows` high; the window
    /// can be resized later with [`resize`].
    #[cfg(unix)]
    pub(crate) fn on_a_terminal_sized(&self, cols: u16, rows: u16) -> rexpect::session::PtySession {
        let tty = self.dir().join(TTY_FILE);
        self.on_a_terminal_through(&format!(
            "stty cols {cols} rows {rows} && tty > '{}' && stty -a > '{}' && exec \"$0\" \"$@\"",
            tty.display(),
            self.dir().join(TTY_FLAGS_FILE).display()
        ))
    }

    /// Starts `quiz` with its keyboard and its error output on a pseudo-terminal, and its
    /// standard output going to `file` in the run's folder (`quiz play > file`).
    #[cfg(unix)]
    pub(crate) fn on_a_terminal_writing_to(&self, file: &str) -> rexpect::session::PtySession {
        self.on_a_terminal_through(&format!("exec \"$0\" \"$@\" > {file}"))
    }

    /// Runs `quiz` on a pseudo-terminal through `sh -c SCRIPT quiz ARGS…`.
    #[cfg(unix)]
    fn on_a_terminal_through(&self, script: &str) -> rexpect::session::PtySession {
        let quiz = self.command();
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(script)
            .arg(quiz.get_program())
            .args(quiz.get_args());
        for (key, value) in quiz.get_envs() {
            match value {
                Some(value) => sh.env(key, value),
                None => sh.env_remove(key),
            };
        }
        if let Some(dir) = quiz.get_current_dir() {
            sh.current_dir(dir);
        }
        if !self.env.iter().any(|(key, _)| key == "TERM") {
            sh.env("TERM", "xterm");
        }
        rexpect::session::spawn_command(sh, Some(SCREEN_TIMEOUT_MS)).expect("a pty")
    }

    /// Resizes the window of a run started with [`Quiz::on_a_terminal_sized`], as dragging its
    /// corner would.
    pub(crate) fn resize(&self, cols: u16, rows: u16) {
        let tty = std::fs::read_to_string(self.dir().join(TTY_FILE)).expect("the terminal's name");
        let status = Command::new("stty")
            .args([
                "-F",
                tty.trim(),
                "cols",
                &cols.to_string(),
                "rows",
                &rows.to_string(),
            ])
            .status()
            .expect("stty runs");
        assert!(status.success(), "stty could not resize {tty}");
    }

    /// The settings of the terminal of a run started with [`Quiz::on_a_terminal`] (`stty -a`),
    /// as they were before `quiz` started and as they are now.
    pub(crate) fn terminal_settings(&self) -> (String, String) {
        let tty = std::fs::read_to_string(self.dir().join(TTY_FILE)).expect("the terminal's name");
        let output = Command::new("stty")
            .args(["-a", "-F", tty.trim()])
            .output()
            .expect("stty runs");
        assert!(output.status.success(), "stty could not read {tty}");
        let before = std::fs::read_to_string(self.dir().join(TTY_FLAGS_FILE)).expect("stty -a");
        // `stty` wraps its lines to the width of where it writes: words are what counts.
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        (
            words(&before),
            words(&String::from_utf8_lossy(&output.stdout)),
        )
    }

    /// Runs `quiz` to the end with what is typed, and returns what it did.
    pub(crate) fn run(self) -> Run {
        let output = assert_cmd::Command::from_std(self.command())
            .write_stdin(self.stdin)
            .timeout(TIMEOUT)
            .output()
            .expect("quiz runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            dir: self.tempdir.path().to_path_buf(),
            _folder: self.tempdir,
        }
    }
}

impl Run {
    /// Asserts that the run exited 0.
    #[track_caller]
    pub(crate) fn succeeds(self) -> Self {
        assert_eq!(
            self.code, 0,
            "quiz failed\n--- stdout\n{}--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts that the run exited with `code`.
    #[track_caller]
    pub(crate) fn fails_with(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "the exit code\n--- stdout\n{}--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn stdout_is(self, expected: &str) -> Self {
        assert_eq!(self.stdout, expected);
        self
    }

    #[track_caller]
    pub(crate) fn stderr_is(self, expected: &str) -> Self {
        assert_eq!(self.stderr, expected);
        self
    }

    #[track_caller]
    pub(crate) fn stderr_contains(self, part: &str) -> Self {
        assert!(
            self.stderr.contains(part),
            "standard error lacks {part:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Standard output read as JSON.
    #[track_caller]
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// What a user sees: the exit code, standard output and standard error.
    pub(crate) fn seen(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.status
                .code()
                .map_or("signal".into(), |c| c.to_string()),
            self.stdout,
            self.stderr
        )
    }

    /// Paths in messages point at the fixtures folder on this machine; snapshots should not.
    pub(crate) fn stderr_portable(&self) -> String {
        let fixtures = super::fixture("");
        self.stderr
            .replace(&fixtures.display().to_string(), "fixtures/")
    }
}

/// Waits for the line of a spawned `quiz` that contains `wanted`, up to 30 s.
pub(crate) fn wait_for_line(lines: &Receiver<String>, wanted: &str) {
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("the quiz never showed {wanted:?}"));
        if line.contains(wanted) {
            return;
        }
    }
}

/// `quiz` run through `sh`, whose `ulimit -f` caps the size of every file it writes. The signal
/// that would end it at the cap is ignored (an ignored signal stays ignored across exec), so
/// the write fails instead, as it does on a full disk.
fn limited_in_file_size(bytes: u64) -> Command {
    let blocks = bytes.div_ceil(shell_block_size());
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_quiz"));
    command
}

/// The bytes in a block of `ulimit -f`: 512 for a POSIX shell, 1,024 for bash.
fn shell_block_size() -> u64 {
    static SIZE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *SIZE.get_or_init(|| {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let probe = folder.path().join("probe");
        Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 1 && head -c 4096 /dev/zero > \"$0\"")
            .arg(&probe)
            .stderr(Stdio::null())
            .status()
            .expect("sh runs");
        std::fs::metadata(&probe).map_or(512, |m| m.len().max(1))
    })
}
