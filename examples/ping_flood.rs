//! Pings without reading, against `quiz host` (see `bench/ping-flood`): starts the host, then N
//! clients open websockets and send 125-byte ping frames as fast as they can without ever
//! reading, opening another socket each time the host closes one, for S seconds. Prints what
//! went out and the host's peak memory and CPU time, from `/proc`.
//!
//! `ping_flood --quiz PATH [--clients N] [--seconds S]`

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Options {
    quiz: String,
    clients: usize,
    seconds: u64,
}

fn options() -> Options {
    let mut options = Options {
        quiz: "target/release/quiz".into(),
        clients: 10,
        seconds: 30,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--quiz" => options.quiz = value,
            "--clients" => options.clients = value.parse().expect("--clients N"),
            "--seconds" => options.seconds = value.parse().expect("--seconds S"),
            other => panic!("unknown option {other}"),
        }
    }
    options
}

/// 64 KB of masked ping frames with 125-byte payloads.
fn pings() -> Vec<u8> {
    let mut frame = vec![0x89, 0x80 | 0x7d, 1, 2, 3, 4];
    frame.extend((0..125u8).map(|i| i ^ [1, 2, 3, 4][usize::from(i) % 4]));
    frame.repeat(65_536 / frame.len())
}

/// Pings until `until`; bytes sent and sockets opened.
fn flood(port: u16, until: Instant) -> (usize, usize) {
    let chunk = pings();
    let request = format!(
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    let (mut sent, mut sockets) = (0, 0);
    while Instant::now() < until {
        let Ok(mut socket) = TcpStream::connect(("127.0.0.1", port)) else {
            continue;
        };
        sockets += 1;
        socket
            .set_write_timeout(Some(Duration::from_secs(1)))
            .unwrap();
        if socket.write_all(request.as_bytes()).is_err() {
            continue;
        }
        while Instant::now() < until && socket.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
    }
    (sent, sockets)
}

/// A line of `/proc/PID/status`, such as `VmHWM:`.
fn status(pid: u32, key: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .map(|l| l[key.len()..].trim().to_owned())
        .unwrap_or_default()
}

/// User and system CPU seconds of a process, from `/proc/PID/stat`.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<f64>().ok()))
        .sum();
    ticks / 100.0
}

fn main() {
    let options = options();
    let out = std::env::temp_dir().join(format!("ping-flood-{}", std::process::id()));
    let mut host = Command::new(&options.quiz)
        .args(["host", "--bind", "127.0.0.1", "--port", "0", "--out"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("quiz starts");
    let pid = host.id();
    let mut lines = BufReader::new(host.stdout.take().unwrap()).lines();
    let port: u16 = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.trim()
                .strip_prefix("http://127.0.0.1:")
                .and_then(|rest| rest.split('/').next()?.parse().ok())
        })
        .expect("the host prints its link");
    std::thread::spawn(move || lines.for_each(drop));

    let until = Instant::now() + Duration::from_secs(options.seconds);
    let clients: Vec<_> = (0..options.clients)
        .map(|_| std::thread::spawn(move || flood(port, until)))
        .collect();
    let (sent, sockets) = clients
        .into_iter()
        .map(|c| c.join().unwrap())
        .fold((0, 0), |(s, n), (a, b)| (s + a, n + b));
    // What the clients' kernel took: the host reads at most 20 frames of a socket in a second
    // and then closes it, and what it did not read is dropped with the socket.
    println!(
        "{} clients, {} s: {sockets} sockets opened, {} MB of pings written to them",
        options.clients,
        options.seconds,
        sent >> 20
    );
    println!(
        "host: peak memory {}, now {}, CPU {:.1} s",
        status(pid, "VmHWM:"),
        status(pid, "VmRSS:"),
        cpu_seconds(pid)
    );
    let _ = writeln!(host.stdin.as_mut().unwrap(), "end");
    let _ = host.wait();
    let _ = std::fs::remove_dir_all(&out);
}
