//! A live class on a network with someone on it who means harm, or a page that misbehaves: the
//! host stays small, closes what is idle, keeps each seat to a few tabs and a steady pace of
//! answers, takes sockets only from its own page and join codes only at a slow pace. Short
//! limits (`QUIZ_HOST_LIMITS`) let the timeouts show in a second.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::common::Quiz;
use crate::common::live::{Host, Student, some_answer};

const BASICS: &str = "tests/fixtures/basics.yaml";

/// The longest any one step of these tests may take before it counts as stuck.
const STUCK: Duration = Duration::from_secs(60);

/// The basics bank in written order, with `limits` for `QUIZ_HOST_LIMITS`.
fn host_with(out: &Path, limits: &str, extra: &[&str]) -> Host {
    let quiz = Quiz::new(&["host", "--bind", "127.0.0.1", "--port", "0", BASICS])
        .args(["--no-shuffle", "--out", out.to_str().unwrap()])
        .args(extra)
        .env("QUIZ_HOST_LIMITS", limits)
        .in_crate_root();
    Host::start_with(quiz)
}

/// The most memory the process has held at once, in bytes (`VmHWM`).
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc is there");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("a peak memory line");
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a number of kB");
    kib * 1024
}

/// A websocket's opening request, as a script would send it by hand.
fn upgrade_request(port: u16) -> String {
    format!(
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
}

/// 64 KB of ping frames as a client sends them (masked), each with the largest payload a
/// control frame may carry (125 bytes).
fn pings() -> Vec<u8> {
    const FIN_PING: u8 = 0x89;
    const MASKED_125: u8 = 0x80 | 0x7d;
    let mut frame = vec![FIN_PING, MASKED_125, 1, 2, 3, 4];
    frame.extend((0..125u8).map(|i| i ^ [1, 2, 3, 4][usize::from(i) % 4]));
    frame.repeat(65_536 / frame.len())
}

/// Opens websockets and sends pings without ever reading, opening another each time the host
/// closes one, until `total` bytes went out; how many connections that took.
fn ping_without_reading(port: u16, total: usize) -> usize {
    let chunk = pings();
    let started = Instant::now();
    let (mut sent, mut connections) = (0, 0);
    while sent < total {
        assert!(
            started.elapsed() < STUCK,
            "the host neither read nor closed"
        );
        let Ok(mut socket) = TcpStream::connect(("127.0.0.1", port)) else {
            continue;
        };
        connections += 1;
        socket
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        if socket.write_all(upgrade_request(port).as_bytes()).is_err() {
            continue;
        }
        while sent < total && socket.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
    }
    connections
}

#[tokio::test]
async fn pages_that_ping_and_never_read_leave_the_host_small_and_the_class_going() {
    let out = tempfile::tempdir().unwrap();
    let mut host = host_with(out.path(), "", &[]);
    // Ten pages, each sending 64 MB of pings: a host that kept an answer to each would hold
    // 640 MB of them.
    let port = host.port;
    let floods: Vec<_> = (0..10)
        .map(|_| std::thread::spawn(move || ping_without_reading(port, 64 << 20)))
        .collect();
    let connections: usize = floods.into_iter().map(|f| f.join().unwrap()).sum();
    let peak = peak_memory(host.pid());
    assert!(
        peak < 200 << 20,
        "the host grew to {} MB over {connections} connections",
        peak >> 20
    );

    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    ana.answer(1, some_answer(&asked["question"])).await;
    host.wait_for("answered 1 of 1 (question 1)");
    let (code, _) = host.end();
    assert_eq!(code, 0);
    assert!(out.path().join("Ana.json").exists());
}

/// Reads until the host closes the connection; what it sent. Panics if it stays open.
fn read_until_closed(socket: &mut TcpStream) -> String {
    socket.set_read_timeout(Some(STUCK)).unwrap();
    let mut got = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match socket.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the host kept an idle connection open ({e})"),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test]
async fn idle_connections_are_closed_and_past_the_cap_told_the_class_is_full() {
    let out = tempfile::tempdir().unwrap();
    // 128 open files: 64 kept back for the results, 64 connections at most.
    let mut host = host_with(out.path(), "handshake=1,join=1,send=1,open_files=128", &[]);
    let warning = host.wait_for("warning: the open-file limit");
    assert!(warning.contains("hold 64 connections"), "{warning}");
    let port = host.port;
    let mut bare: Vec<TcpStream> = (0..150)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("the host listens"))
        .collect();
    let mut half_sent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    half_sent
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();

    let answers: Vec<String> = bare.iter_mut().map(read_until_closed).collect();
    let full = answers
        .iter()
        .filter(|a| a.starts_with("HTTP/1.1 503") && a.contains("The class is full"))
        .count();
    assert!(
        full > 0,
        "no connection past the cap was told the class is full"
    );
    assert_eq!(read_until_closed(&mut half_sent), "");

    // A script that asks for the page over and over and never reads the answers is closed
    // once the answers fill the network's buffers and the host has waited long enough.
    let mut greedy = TcpStream::connect(("127.0.0.1", port)).unwrap();
    greedy.set_write_timeout(Some(STUCK)).unwrap();
    let request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(64);
    let refused = loop {
        if let Err(e) = greedy.write_all(&request) {
            break e;
        }
    };
    assert!(
        matches!(
            refused.kind(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
        ),
        "the host kept a connection that never reads ({refused})"
    );

    // A socket that opens but never joins is closed too, with a word why.
    let (mut idle, _) = tokio_tungstenite::connect_async(host.url()).await.unwrap();
    let closed = tokio::time::timeout(STUCK, idle.next()).await;
    let Ok(Some(Ok(Message::Close(Some(close))))) = closed else {
        panic!("a socket that never joined was not closed: {closed:?}");
    };
    assert_eq!(u16::from(close.code), 4002);
    assert_eq!(
        close.reason,
        "This connection did not join the class in time."
    );

    let mut ana = Student::join(&host, "Ana").await;
    host.type_line("start");
    let asked = ana.expect_state("question", Some(1)).await;
    ana.answer(1, some_answer(&asked["question"])).await;
    host.wait_for("answered 1 of 1 (question 1)");
    let (code, _) = host.end();
    assert_eq!(code, 0);
    assert!(out.path().join("Ana.json").exists());
}

#[tokio::test]
async fn a_page_that_falls_silent_is_closed_and_one_that_answers_pings_stays() {
    let out = tempfile::tempdir().unwrap();
    let mut host = host_with(out.path(), "silence=1", &[]);
    // Ana's phone goes to sleep: its socket answers nothing.
    let _ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    // Ben's page answers six pings (two seconds, twice the silence limit) and stays open.
    ben.answer_pings(6).await;
    host.wait_for("left Ana (1 connected)");
    host.type_line("start");
    ben.expect_state("question", Some(1)).await;
}

/// The journal's answers from the seat of `token`.
fn journaled_answers(out: &Path, token: &str) -> Vec<Value> {
    std::fs::read_to_string(out.join("journal.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e["event"] == "answer" && e["token"] == token)
        .collect()
}

#[tokio::test]
async fn one_seat_in_many_tabs_keeps_four_and_answers_at_the_pace_of_one() {
    let out = tempfile::tempdir().unwrap();
    let mut host = host_with(out.path(), "", &[]);
    let first = Student::join(&host, "Ana").await;
    let token = first.token.clone().unwrap();
    let mut tabs = vec![first];
    for _ in 0..10 {
        let mut tab = Student::connect(&host).await;
        tab.send(json!({"type": "rejoin", "code": host.code, "token": token}))
            .await;
        tab.expect("welcome").await;
        tabs.push(tab);
    }
    // Each new tab past the fourth closed the oldest.
    let mut open = tabs.split_off(7);
    for old in &mut tabs {
        let (code, reason) = old.close_frame().await;
        assert_eq!(
            (code, reason.as_str()),
            (4001, "This seat was opened in another tab.")
        );
    }
    assert_eq!(open.len(), 4);

    host.type_line("start");
    for tab in &mut open {
        tab.expect_state("question", Some(1)).await;
    }
    // Every open tab changes the answer 18 times at once: each within its own budget of 20
    // messages a second (with its rejoin and the last message below), but 72 for the seat.
    let started = Instant::now();
    for round in 0..18 {
        for tab in &mut open {
            tab.send(json!({"type": "answer", "question": 1,
                            "response": {"kind": "choice", "value": round % 3}}))
                .await;
        }
    }
    // A message every tab gets an error for, to know that all before it were answered.
    for tab in &mut open {
        tab.send(json!({"type": "join", "code": host.code, "name": "Again"}))
            .await;
    }
    let mut too_fast = 0;
    for tab in &mut open {
        loop {
            let reply = tab.next_message().await.expect("a reply");
            if reply["type"] != "error" {
                continue;
            }
            let message = reply["message"].as_str().unwrap();
            if message == "This page has a seat already." {
                break;
            }
            assert!(message.contains("too fast"), "{reply}");
            too_fast += 1;
        }
    }
    let seconds = started.elapsed().as_secs() + 1;
    host.wait_for("answered 1 of 1 (question 1)");
    let (code, seen) = host.end();
    assert_eq!(code, 0);

    let kept = journaled_answers(out.path(), &token);
    assert!(too_fast > 0);
    assert_eq!(kept.len() + too_fast, 72);
    assert!(
        kept.len() as u64 <= 20 * (seconds + 1),
        "{} answers kept in {seconds} s",
        kept.len()
    );
    // The teacher's count changed once, and was printed once.
    let counts = seen.iter().filter(|l| l.starts_with("answered ")).count();
    assert_eq!(counts, 1, "{seen:#?}");
    // The last answer kept is the one in the results.
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("Ana.json")).unwrap())
            .unwrap();
    assert_eq!(
        results["answers"][0]["response"],
        kept.last().unwrap()["shown"]
    );
}

#[tokio::test]
async fn a_seat_coming_back_over_and_over_is_slowed_down() {
    let out = tempfile::tempdir().unwrap();
    let host = host_with(out.path(), "", &[]);
    let ana = Student::join(&host, "Ana").await;
    let rejoin = json!({"type": "rejoin", "code": host.code, "token": ana.token}).to_string();
    let started = Instant::now();
    let (mut back, mut slowed) = (0, 0);
    for _ in 0..25 {
        let (mut tab, _) = tokio_tungstenite::connect_async(host.url()).await.unwrap();
        tab.send(Message::Text(rejoin.clone().into()))
            .await
            .unwrap();
        match tokio::time::timeout(STUCK, tab.next()).await {
            Ok(Some(Ok(Message::Text(welcome)))) if welcome.contains("welcome") => back += 1,
            Ok(Some(Ok(Message::Close(Some(close))))) => {
                assert_eq!(u16::from(close.code), 4003, "{close:?}");
                slowed += 1;
            }
            other => panic!("neither a welcome nor a close: {other:?}"),
        }
    }
    let seconds = started.elapsed().as_secs();
    assert_eq!(back + slowed, 25);
    assert!(
        back as u64 <= 10 * (seconds + 1),
        "{back} pages came back in {seconds} s"
    );
}

#[tokio::test]
async fn only_the_hosts_own_page_may_open_a_socket() {
    let out = tempfile::tempdir().unwrap();
    let host = host_with(out.path(), "", &[]);
    let with_origin = |origin: &str| {
        let mut request = host.url().into_client_request().unwrap();
        request
            .headers_mut()
            .insert("Origin", origin.parse().unwrap());
        request
    };
    let refused = tokio_tungstenite::connect_async(with_origin("http://quiz.example.com"))
        .await
        .expect_err("a page elsewhere on the web is refused");
    let tokio_tungstenite::tungstenite::Error::Http(response) = refused else {
        panic!("refused without an answer: {refused}");
    };
    assert_eq!(response.status(), 403);

    let own = format!("http://127.0.0.1:{}", host.port);
    let (mut socket, _) = tokio_tungstenite::connect_async(with_origin(&own))
        .await
        .expect("the host's own page opens a socket");
    socket
        .send(Message::Text(
            json!({"type": "join", "code": host.code, "name": "Ana"})
                .to_string()
                .into(),
        ))
        .await
        .unwrap();
    let Some(Ok(Message::Text(welcome))) = socket.next().await else {
        panic!("no welcome")
    };
    assert!(welcome.contains("welcome"), "{welcome}");
}

#[tokio::test]
async fn wrong_join_codes_are_taken_only_a_few_at_a_time() {
    let out = tempfile::tempdir().unwrap();
    let host = host_with(out.path(), "", &[]);
    let ana = Student::join(&host, "Ana").await;
    let mut guesser = Student::connect(&host).await;
    for guess in 0..10 {
        guesser
            .send(json!({"type": "join", "code": format!("WRONG{guess}"), "name": "Eve"}))
            .await;
        let reply = guesser.expect("error").await;
        assert!(
            reply["message"].as_str().unwrap().contains("code"),
            "{reply}"
        );
    }
    // Even the right code is refused now, so that guessing on cannot find it.
    guesser
        .send(json!({"type": "join", "code": host.code, "name": "Eve"}))
        .await;
    let reply = guesser.expect("error").await;
    assert_eq!(
        reply["message"],
        "Too many wrong codes from this device; wait a minute and try again."
    );
    // Coming back to a seat with a guessed code is a guess as well.
    let mut rejoin = Student::connect(&host).await;
    rejoin
        .send(json!({"type": "rejoin", "code": host.code, "token": "0".repeat(32)}))
        .await;
    let reply = rejoin.expect("error").await;
    assert!(
        reply["message"]
            .as_str()
            .unwrap()
            .contains("Too many wrong codes")
    );
    // A student whose phone slept comes back to the seat all the same, from the same address.
    let mut back = Student::connect(&host).await;
    back.send(json!({"type": "rejoin", "code": host.code, "token": ana.token}))
        .await;
    assert_eq!(back.expect("welcome").await["name"], "Ana");
}

#[test]
fn a_large_room_can_have_a_longer_join_code() {
    let out = tempfile::tempdir().unwrap();
    let host = host_with(out.path(), "", &["--code-length", "8"]);
    assert_eq!(host.code.len(), 8);
    let run = Quiz::new(&["host", "--out", "x", "--code-length", "4"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--code-length"), "{}", run.stderr);
}

#[test]
fn no_page_of_the_class_can_be_shown_inside_another_site() {
    let out = tempfile::tempdir().unwrap();
    let host = host_with(out.path(), "", &[]);
    for path in ["/", "/app.js", "/style.css"] {
        let mut socket = TcpStream::connect(("127.0.0.1", host.port)).unwrap();
        write!(
            socket,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let response = read_until_closed(&mut socket);
        let head = response.split("\r\n\r\n").next().unwrap().to_lowercase();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(
            head.contains("content-security-policy: ") && head.contains("frame-ancestors 'none'"),
            "{path}: {head}"
        );
        assert!(head.contains("x-frame-options: deny"), "{path}: {head}");
    }
}

#[test]
fn a_mistyped_limit_is_refused_before_the_class_starts() {
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join(BASICS);
    let run = Quiz::new(&["host", "--port", "0", "--out", "class"])
        .arg(bank)
        .env("QUIZ_HOST_LIMITS", "join=soon")
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("QUIZ_HOST_LIMITS: `join=soon` is not `name=number`"),
        "{}",
        run.stderr
    );
    assert!(!run.dir.join("class").exists());
}
