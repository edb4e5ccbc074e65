//! A live class for the tests: `quiz host` on a free port of 127.0.0.1, the teacher's commands
//! typed on its standard input, its lines read as they come, and students that talk to it over
//! the websocket the page uses.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

use super::Quiz;

const WAIT: Duration = Duration::from_secs(20);

/// A running `quiz host`.
pub(crate) struct Host {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// Every line printed so far.
    pub(crate) seen: Vec<String>,
    pub(crate) port: u16,
    pub(crate) code: String,
    /// What it printed on its standard error so far (passed on to the test's as well).
    errors: std::sync::Arc<std::sync::Mutex<String>>,
    error_reader: Option<std::thread::JoinHandle<()>>,
    /// The host's output while nobody reads it (see [`Host::start_unread`]).
    unread: Option<BufReader<ChildStdout>>,
    _quiz: Quiz,
}

impl Host {
    /// `quiz host --bind 127.0.0.1 --port 0 ARGS`, waiting for its address.
    pub(crate) fn start(args: &[&str]) -> Host {
        let quiz = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0"])
            .args(args)
            .in_crate_root();
        Host::start_with(quiz)
    }

    pub(crate) fn start_with(quiz: Quiz) -> Host {
        let (mut child, lines) = quiz.spawn_reading_lines(Stdio::piped());
        let errors = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("its standard error");
        let kept = errors.clone();
        let error_reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                eprintln!("{line}");
                let mut kept = kept.lock().unwrap();
                kept.push_str(&line);
                kept.push('\n');
            }
        });
        let mut host = Host {
            stdin: child.stdin.take(),
            child,
            lines,
            seen: Vec::new(),
            port: 0,
            code: String::new(),
            errors,
            error_reader: Some(error_reader),
            unread: None,
            _quiz: quiz,
        };
        let link = host.wait_for("http://127.0.0.1:");
        host.take_address(&link);
        host
    }

    /// Like [`Host::start`], but once the join link is read nobody reads the host's output any
    /// more, as with a terminal stopped by Ctrl-S or a stalled ssh session: what it prints piles
    /// up in a pipe until [`Host::read_again`].
    pub(crate) fn start_unread(quiz: Quiz) -> Host {
        let mut child = quiz
            .command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("quiz starts");
        let mut output = BufReader::new(child.stdout.take().expect("its standard output"));
        let mut seen = Vec::new();
        let mut line = String::new();
        while !line.contains("http://127.0.0.1:") {
            line.clear();
            let read = output.read_line(&mut line).expect("the host prints");
            assert!(read > 0, "the host stopped before its link: {seen:#?}");
            seen.push(line.trim_end().to_owned());
        }
        let mut host = Host {
            stdin: child.stdin.take(),
            child,
            lines: channel().1,
            seen,
            port: 0,
            code: String::new(),
            errors: std::sync::Arc::default(),
            error_reader: None,
            unread: Some(output),
            _quiz: quiz,
        };
        host.take_address(&line);
        host
    }

    /// The teacher's terminal reads again what the host printed.
    pub(crate) fn read_again(&mut self) {
        let output = self.unread.take().expect("a host started unread");
        self.lines = read_lines(output);
    }

    fn take_address(&mut self, link: &str) {
        let address = link.trim().trim_start_matches("http://127.0.0.1:");
        let (port, code) = address.split_once("/?code=").expect("a join link");
        self.port = port.parse().expect("a port");
        code.clone_into(&mut self.code);
    }

    /// The teacher key of the board link the host printed at its start (`/board#key=KEY`).
    pub(crate) fn board_key(&mut self) -> String {
        let line = match self.seen.iter().find(|l| l.contains("/board#key=")) {
            Some(line) => line.clone(),
            None => self.wait_for("/board#key="),
        };
        let (_, key) = line.split_once("/board#key=").expect("a board link");
        key.trim().to_owned()
    }

    /// Types a teacher's command.
    pub(crate) fn type_line(&mut self, command: &str) {
        let stdin = self.stdin.as_mut().expect("standard input is open");
        writeln!(stdin, "{command}").expect("the host reads its input");
        stdin.flush().expect("the host reads its input");
    }

    /// The next line that contains `part`, waiting for it.
    pub(crate) fn wait_for(&mut self, part: &str) -> String {
        let until = Instant::now() + WAIT;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(part) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no line with {part:?}; saw:\n{}", self.seen.join("\n"))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the host stopped before {part:?}; saw:\n{}",
                        self.seen.join("\n")
                    )
                }
            }
        }
    }

    /// Types `end` and waits for the host to exit; its exit code.
    pub(crate) fn end(mut self) -> (i32, Vec<String>) {
        self.type_line("end");
        self.wait_for("results:");
        self.exits()
    }

    /// `quiz host --bind 127.0.0.1 --port 0 --resume DIR ARGS`: the class in `dir` continued.
    pub(crate) fn resume(dir: &std::path::Path, args: &[&str]) -> Host {
        Host::start_with(Host::resuming(dir, args))
    }

    /// The command that resumes the class in `dir`, for a test that expects it to be refused.
    pub(crate) fn resuming(dir: &std::path::Path, args: &[&str]) -> Quiz {
        Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0", "--resume"])
            .arg(dir)
            .args(args)
            .in_crate_root()
    }

    /// Sends the host a signal by name (`TERM`, `HUP`, `INT`).
    #[cfg(unix)]
    pub(crate) fn signal(&self, name: &str) {
        let sent = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{name}");
    }

    /// What the host has printed on its standard error so far.
    pub(crate) fn errors(&self) -> String {
        self.errors.lock().unwrap().clone()
    }

    /// Waits until the host has printed `part` on its standard error; all it printed there.
    pub(crate) fn wait_for_error(&self, part: &str) -> String {
        let until = Instant::now() + WAIT;
        loop {
            let errors = self.errors();
            if errors.contains(part) {
                return errors;
            }
            assert!(
                Instant::now() < until,
                "no error with {part:?}; saw:\n{errors}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes the host's standard input, as a script's pipe closes when the script stops.
    pub(crate) fn close_input(&mut self) {
        self.stdin.take();
    }

    /// Waits for the host to exit on its own; its exit code and every line it printed.
    pub(crate) fn exits(&mut self) -> (i32, Vec<String>) {
        let until = Instant::now() + WAIT;
        loop {
            match self
                .lines
                .recv_timeout(until.saturating_duration_since(Instant::now()))
            {
                Ok(line) => self.seen.push(line),
                // Its output closes as it exits.
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the host did not exit; saw:\n{}", self.seen.join("\n"))
                }
            }
        }
        let status = self.child.wait().expect("the host exits");
        if let Some(reader) = self.error_reader.take() {
            reader.join().expect("its standard error is read");
        }
        (status.code().unwrap_or(-1), std::mem::take(&mut self.seen))
    }

    /// Kills the host the way a power cut would: no chance to write anything more.
    pub(crate) fn kill(mut self) {
        self.child.kill().expect("the host can be killed");
        self.child.wait().expect("the host exits");
    }

    /// The host's process id, to read its memory from `/proc`.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(crate) fn url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines of `output` as they come, read on a thread of their own.
fn read_lines(output: BufReader<ChildStdout>) -> Receiver<String> {
    let (send, lines) = channel();
    std::thread::spawn(move || {
        for line in output.lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                return;
            }
        }
    });
    lines
}

/// One student's page, as the websocket sees it.
pub(crate) struct Student {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Every message received, in order.
    pub(crate) received: Vec<Value>,
    pub(crate) token: Option<String>,
}

impl Student {
    /// A page that comes back to its seat with the seat's `token` (after a reload, or after the
    /// class continued), once the host has welcomed it.
    pub(crate) async fn rejoin(host: &Host, token: &str) -> Student {
        let mut student = Student::connect(host).await;
        student
            .send(json!({"type": "rejoin", "code": host.code, "token": token}))
            .await;
        student.expect("welcome").await;
        student
    }

    pub(crate) async fn connect(host: &Host) -> Student {
        let (socket, _) = tokio::time::timeout(WAIT, connect_async(host.url()))
            .await
            .expect("the websocket opens in time")
            .expect("the websocket opens");
        Student {
            socket,
            received: Vec::new(),
            token: None,
        }
    }

    /// A board page that watches the class with `ask` (`{"code": …}` or `{"key": …}`): the
    /// page and what it was told first (`watching`, or the error that refused it).
    pub(crate) async fn watch(host: &Host, ask: Value) -> (Student, Value) {
        let mut board = Student::connect(host).await;
        let mut message = json!({"type": "watch"});
        message
            .as_object_mut()
            .unwrap()
            .extend(ask.as_object().unwrap().clone());
        board.send(message).await;
        let first = board
            .wait_until(
                |m| m["type"] == "watching" || m["type"] == "error",
                "watching",
            )
            .await;
        (board, first)
    }

    /// The next board view that `wanted` accepts.
    pub(crate) async fn wait_for_board(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_until(
            |m| m["type"] == "board" && wanted(&m["view"]),
            "such a board",
        )
        .await["view"]
            .clone()
    }

    /// Joins as `name` and waits for the seat.
    pub(crate) async fn join(host: &Host, name: &str) -> Student {
        let mut student = Student::connect(host).await;
        student
            .send(json!({"type": "join", "code": host.code, "name": name}))
            .await;
        let welcome = student.expect("welcome").await;
        student.token = Some(welcome["token"].as_str().unwrap().to_owned());
        student
    }

    pub(crate) async fn send(&mut self, message: Value) {
        self.send_text(message.to_string()).await;
    }

    pub(crate) async fn send_text(&mut self, text: String) {
        self.socket
            .send(Message::Text(text.into()))
            .await
            .expect("the message goes out");
    }

    /// Sends `message`; `false` when the connection is gone.
    pub(crate) async fn try_send(&mut self, message: Value) -> bool {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .is_ok()
    }

    /// The next message, waiting for it; `None` once the connection is closed.
    pub(crate) async fn next_message(&mut self) -> Option<Value> {
        loop {
            match tokio::time::timeout(WAIT, self.socket.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => {
                    let message: Value = serde_json::from_str(&text).unwrap();
                    self.received.push(message.clone());
                    return Some(message);
                }
                Ok(Some(Ok(Message::Close(_)) | Err(_)) | None) => return None,
                Ok(Some(Ok(_))) => {}
                Err(elapsed) => panic!("no message in time ({elapsed}); got {:#?}", self.received),
            }
        }
    }

    /// The next message of type `kind`, waiting for it.
    pub(crate) async fn expect(&mut self, kind: &str) -> Value {
        self.wait_until(|m| m["type"] == kind, kind).await
    }

    /// The next state whose phase is `phase` (and, for questions, whose number is `number`).
    pub(crate) async fn expect_state(&mut self, phase: &str, number: Option<u64>) -> Value {
        self.wait_until(
            |m| {
                m["type"] == "state"
                    && m["phase"] == phase
                    && number.is_none_or(|n| m["question"]["number"] == n)
            },
            phase,
        )
        .await
    }

    /// The next state that `wanted` accepts.
    pub(crate) async fn wait_for_state(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_until(|m| m["type"] == "state" && wanted(m), "such a state")
            .await
    }

    async fn wait_until(&mut self, wanted: impl Fn(&Value) -> bool, what: &str) -> Value {
        let until = tokio::time::Instant::now() + WAIT;
        loop {
            let next = tokio::time::timeout_at(until, self.socket.next()).await;
            let message = match next {
                Ok(Some(Ok(Message::Text(text)))) => serde_json::from_str::<Value>(&text).unwrap(),
                Ok(Some(Ok(_))) => continue,
                Ok(Some(Err(_)) | None) => panic!("closed before {what}; got {:#?}", self.received),
                Err(elapsed) => panic!("no {what} in time ({elapsed}); got {:#?}", self.received),
            };
            self.received.push(message.clone());
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Waits for the connection to close; the messages that came before.
    pub(crate) async fn closed(&mut self) -> bool {
        let until = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(until, self.socket.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => {
                    self.received.push(serde_json::from_str(&text).unwrap());
                }
                Ok(Some(Ok(Message::Close(_)) | Err(_)) | None) => return true,
                Ok(Some(Ok(_))) => {}
                Err(_) => return false,
            }
        }
    }

    /// Waits for the host to close the connection with a close frame; its code and reason.
    pub(crate) async fn close_frame(&mut self) -> (u16, String) {
        let until = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(until, self.socket.next()).await {
                Ok(Some(Ok(Message::Close(Some(frame))))) => {
                    return (u16::from(frame.code), frame.reason.to_string());
                }
                Ok(Some(Ok(Message::Text(text)))) => {
                    self.received.push(serde_json::from_str(&text).unwrap());
                }
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(_)) | None) => panic!("closed without a close frame"),
                Err(elapsed) => panic!("still open ({elapsed}); got {:#?}", self.received),
            }
        }
    }

    /// Reads on (as an open page does, which answers the host's pings) until the host has
    /// pinged `count` times; panics if the connection closes first.
    pub(crate) async fn answer_pings(&mut self, count: usize) {
        let until = tokio::time::Instant::now() + WAIT;
        let mut pinged = 0;
        while pinged < count {
            match tokio::time::timeout_at(until, self.socket.next()).await {
                Ok(Some(Ok(Message::Ping(_)))) => pinged += 1,
                Ok(Some(Ok(Message::Text(text)))) => {
                    self.received.push(serde_json::from_str(&text).unwrap());
                }
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(_)) | None) => panic!("closed after {pinged} pings"),
                Err(elapsed) => panic!("only {pinged} pings in time ({elapsed})"),
            }
        }
    }

    /// Answers question `number` with `response` (positions as shown).
    pub(crate) async fn answer(&mut self, number: u64, response: Value) {
        self.send(json!({"type": "answer", "question": number, "response": response}))
            .await;
    }

    /// The page's view once it shows `answer` taken: a whole state that shows it, or the short
    /// `answered` reply applied to the last state, as the page applies it.
    pub(crate) async fn taken(&mut self, answer: &Value) -> Value {
        loop {
            let message = self
                .wait_until(
                    |m| m["type"] == "state" || m["type"] == "answered",
                    "the answer",
                )
                .await;
            if message["type"] == "state" && message["answer"] == *answer {
                return message;
            }
            if message["type"] == "answered" && message["answer"] == *answer {
                let mut view = self
                    .received
                    .iter()
                    .rev()
                    .find(|m| m["type"] == "state")
                    .cloned()
                    .expect("a state before the answer");
                assert_eq!(view["question"]["number"], message["question"], "{message}");
                view["answer"] = message["answer"].clone();
                view["confidence"] = message["confidence"].clone();
                return view;
            }
        }
    }
}

/// An answer of the right shape for any question as shown: the first choice, true, a word, a
/// number, the items as shown, every item matched to the first right side.
pub(crate) fn some_answer(question: &Value) -> Value {
    let count = |key: &str| question[key].as_array().map_or(0, Vec::len);
    match question["kind"].as_str().unwrap() {
        "single" => json!({"kind": "choice", "value": 0}),
        "multiple" => json!({"kind": "choices", "value": [0]}),
        "true_false" => json!({"kind": "bool", "value": true}),
        "short" => json!({"kind": "text", "value": "somewhere"}),
        "numeric" => json!({"kind": "text", "value": "15k"}),
        "order" => json!({"kind": "order", "value": (0..count("options")).collect::<Vec<_>>()}),
        "match" => json!({"kind": "match", "value": vec![0; count("options")]}),
        other => panic!("unknown kind {other}"),
    }
}
