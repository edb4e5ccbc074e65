//! Load for `quiz host` (see `bench/live`): starts the host, plays the teacher on its standard
//! input and N students over websockets on 127.0.0.1, then prints what was sent, what the host
//! kept and how long the teacher's count and the students' reveals took.
//!
//! `live_students --quiz PATH --students N --out DIR [--think-ms MS] [--drop-percent P]`
//!
//! Every student answers each question after a pause drawn from 0..MS; P% of them drop their
//! connection when the middle question opens and come back with their token before answering.
//! The teacher reveals once every answer is counted (or a deadline passes), moves on once every
//! student shows the reveal, and ends the class after the last question.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{Semaphore, mpsc};
use tokio_tungstenite::tungstenite::Message;

const QUESTIONS: usize = 10;
/// Students connecting and joining at the same moment.
const JOINING_AT_ONCE: usize = 64;
/// The longest wait for any one step; the run stops with an error after it.
const STEP_LIMIT: Duration = Duration::from_secs(60);

struct Options {
    quiz: String,
    students: usize,
    out: String,
    think_ms: u64,
    drop_percent: usize,
}

fn options() -> Options {
    let mut options = Options {
        quiz: "target/release/quiz".into(),
        students: 300,
        out: String::new(),
        think_ms: 2000,
        drop_percent: 10,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--quiz" => options.quiz = value,
            "--students" => options.students = value.parse().expect("--students N"),
            "--out" => options.out = value,
            "--think-ms" => options.think_ms = value.parse().expect("--think-ms MS"),
            "--drop-percent" => options.drop_percent = value.parse().expect("--drop-percent P"),
            other => panic!("unknown option {other}"),
        }
    }
    assert!(!options.out.is_empty(), "--out DIR is required");
    options
}

/// What every student task and the teacher share.
struct Board {
    joined: AtomicUsize,
    /// Students that have seen question n (index n-1) open, and its reveal.
    opened: Vec<AtomicUsize>,
    revealed: Vec<AtomicUsize>,
    ended: AtomicUsize,
}

/// What one student did and saw.
#[derive(Default)]
struct Record {
    /// (question, when the answer went out)
    sent: Vec<(usize, Instant)>,
    /// (question, when the host's confirmation of the answer came)
    confirmed: Vec<(usize, Instant)>,
    /// (question, when its open state came)
    opened: Vec<(usize, Instant)>,
    /// (question, when its revealed state came)
    revealed: Vec<(usize, Instant)>,
    errors: Vec<String>,
    joined: bool,
    rejoined: bool,
    ended: bool,
}

/// A small deterministic random source per student (splitmix64).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// An answer of the right shape for any question as shown.
fn some_answer(question: &Value) -> Value {
    let count = |key: &str| question[key].as_array().map_or(0, Vec::len);
    match question["kind"].as_str().unwrap_or_default() {
        "multiple" => json!({"kind": "choices", "value": [0]}),
        "true_false" => json!({"kind": "bool", "value": true}),
        "short" => json!({"kind": "text", "value": "somewhere"}),
        "numeric" => json!({"kind": "text", "value": "15k"}),
        "order" => json!({"kind": "order", "value": (0..count("options")).collect::<Vec<_>>()}),
        "match" => json!({"kind": "match", "value": vec![0; count("options")]}),
        _ => json!({"kind": "choice", "value": 0}),
    }
}

async fn next_message(socket: &mut Socket) -> Option<Value> {
    loop {
        match tokio::time::timeout(STEP_LIMIT, socket.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => return serde_json::from_str(&text).ok(),
            Ok(Some(Ok(Message::Close(_)) | Err(_)) | None) | Err(_) => return None,
            Ok(Some(Ok(_))) => {}
        }
    }
}

/// Opens a socket and sends `hello` (a join or a rejoin); the token of the welcome.
async fn sit(url: &str, hello: Value, record: &mut Record) -> Option<(Socket, String)> {
    let (mut socket, _) = match tokio_tungstenite::connect_async(url).await {
        Ok(pair) => pair,
        Err(error) => {
            record.errors.push(format!("connect: {error}"));
            return None;
        }
    };
    socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .ok()?;
    loop {
        let message = next_message(&mut socket).await?;
        match message["type"].as_str() {
            Some("welcome") => return Some((socket, message["token"].as_str()?.to_owned())),
            Some("error") => {
                record.errors.push(message["message"].to_string());
                return None;
            }
            _ => {}
        }
    }
}

async fn student(
    number: usize,
    url: String,
    code: String,
    drops: bool,
    think_ms: u64,
    board: Arc<Board>,
    joining: Arc<Semaphore>,
) -> Record {
    let mut record = Record::default();
    let mut dice = Dice(number as u64 + 1);
    let name = format!("Student {number:04}");
    let seated = {
        let _turn = joining.acquire().await;
        sit(
            &url,
            json!({"type": "join", "code": code, "name": name}),
            &mut record,
        )
        .await
    };
    let Some((mut socket, token)) = seated else {
        return record;
    };
    record.joined = true;
    board.joined.fetch_add(1, Ordering::SeqCst);
    let middle = QUESTIONS / 2;
    let mut answered = 0;
    let mut seen_open = 0;
    let mut seen_revealed = 0;
    while let Some(message) = next_message(&mut socket).await {
        match message["type"].as_str() {
            Some("error") => {
                record.errors.push(message["message"].to_string());
                continue;
            }
            Some("answered") => {
                let question = message["question"].as_u64().unwrap_or(0) as usize;
                record.confirmed.push((question, Instant::now()));
                continue;
            }
            Some("state") => {}
            _ => continue,
        }
        let now = Instant::now();
        let question = message["question"]["number"].as_u64().unwrap_or(0) as usize;
        // A host that confirms an answer with the whole page: the first state that shows it.
        if question == answered
            && !message["answer"].is_null()
            && record.confirmed.last().is_none_or(|(q, _)| *q != question)
        {
            record.confirmed.push((question, now));
        }
        match message["phase"].as_str().unwrap_or_default() {
            "question" if message["question"]["open"] == true && question > answered => {
                if question > seen_open {
                    seen_open = question;
                    record.opened.push((question, now));
                    board.opened[question - 1].fetch_add(1, Ordering::SeqCst);
                }
                if drops && question == middle && !record.rejoined {
                    record.rejoined = true;
                    let _ = socket.close(None).await;
                    tokio::time::sleep(Duration::from_millis(100 + dice.below(400))).await;
                    let hello = json!({"type": "rejoin", "code": code, "token": token});
                    match sit(&url, hello, &mut record).await {
                        Some((again, _)) => socket = again,
                        None => return record,
                    }
                    continue;
                }
                tokio::time::sleep(Duration::from_millis(dice.below(think_ms))).await;
                let answer = json!({"type": "answer", "question": question,
                                    "response": some_answer(&message["question"])});
                record.sent.push((question, Instant::now()));
                if socket
                    .send(Message::Text(answer.to_string().into()))
                    .await
                    .is_err()
                {
                    record.errors.push(format!("send of answer {question}"));
                    return record;
                }
                answered = question;
            }
            "revealed" if question > seen_revealed => {
                seen_revealed = question;
                record.revealed.push((question, now));
                board.revealed[question - 1].fetch_add(1, Ordering::SeqCst);
            }
            "ended" => {
                record.ended = true;
                board.ended.fetch_add(1, Ordering::SeqCst);
                let _ = socket.close(None).await;
                break;
            }
            _ => {}
        }
    }
    record
}

/// The host's lines as they come, with when each came.
struct Teacher {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::UnboundedReceiver<(Instant, String)>,
    seen: Vec<(Instant, String)>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Teacher {
    fn start(options: &Options) -> Teacher {
        let max = (options.students * 2).to_string();
        let mut command = Command::new("/usr/bin/time");
        command
            .args(["-f", "host: %M KB peak, %U s user, %S s system, %e s wall"])
            .arg(&options.quiz)
            .args(["host", "--bind", "127.0.0.1", "--port", "0", "--count"])
            .arg(QUESTIONS.to_string())
            .args(["--seed", "1", "--max-students", &max, "--out", &options.out])
            // The host says how long each reveal took to reach the last page.
            .env("QUIZ_HOST_TRACE", "1");
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("/usr/bin/time and quiz start");
        let stdout = child.stdout.take().expect("its standard output");
        let (send, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send((Instant::now(), line)).is_err() {
                    return;
                }
            }
        });
        let stderr_lines = Arc::new(Mutex::new(Vec::new()));
        let errors = child.stderr.take().expect("its standard error");
        let keep = stderr_lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(errors).lines().map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
        Teacher {
            stdin: child.stdin.take().expect("its standard input"),
            child,
            lines,
            seen: Vec::new(),
            stderr: stderr_lines,
        }
    }

    /// Types a command; when it went in.
    fn type_line(&mut self, command: &str) -> Instant {
        let at = Instant::now();
        writeln!(self.stdin, "{command}").expect("the host reads its input");
        self.stdin.flush().expect("the host reads its input");
        at
    }

    /// Waits for a line for which `wanted` holds, up to `limit`; the line, if it came.
    async fn wait_for(&mut self, limit: Duration, wanted: impl Fn(&str) -> bool) -> Option<String> {
        let until = tokio::time::Instant::now() + limit;
        loop {
            match tokio::time::timeout_at(until, self.lines.recv()).await {
                Ok(Some((at, line))) => {
                    self.seen.push((at, line.clone()));
                    if wanted(&line) {
                        return Some(line);
                    }
                }
                Ok(None) | Err(_) => return None,
            }
        }
    }

    /// Every line so far, waiting no longer.
    fn drain(&mut self) {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
    }
}

/// Waits until `counter` reaches `target` or `limit` passes; whether it did.
async fn reach(counter: &AtomicUsize, target: usize, limit: Duration) -> bool {
    let until = Instant::now() + limit;
    while counter.load(Ordering::SeqCst) < target {
        if Instant::now() >= until {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    true
}

/// `answered X of Y (question N)` as (X, N).
fn count_line(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix("answered ")?;
    let (x, rest) = rest.split_once(" of ")?;
    let n = rest.split_once("(question ")?.1.trim_end_matches(')');
    Some((x.parse().ok()?, n.parse().ok()?))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at quantile `q` (0..=1) of sorted `values`, nearest rank.
fn quantile(values: &[f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

fn summary(mut values: Vec<f64>) -> String {
    values.sort_by(f64::total_cmp);
    format!(
        "median {:.2} ms, p99 {:.2} ms, max {:.2} ms (n = {})",
        quantile(&values, 0.5),
        quantile(&values, 0.99),
        values.last().copied().unwrap_or(f64::NAN),
        values.len()
    )
}

/// CPU seconds (user + system) of this process so far.
fn own_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, in clock ticks of 1/100 s on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

/// Answers kept in the journal and in the results files of `folder`.
fn kept(folder: &str) -> (usize, usize, usize) {
    let journal = std::fs::read_to_string(format!("{folder}/journal.jsonl")).unwrap_or_default();
    let in_journal = journal
        .lines()
        .filter(|l| l.contains("\"event\":\"answer\""))
        .count();
    let mut files = 0;
    let mut in_files = 0;
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let value: Value = serde_json::from_str(&text).unwrap_or_default();
            files += 1;
            in_files += value["answers"].as_array().map_or(0, Vec::len);
        }
    }
    (in_journal, files, in_files)
}

#[tokio::main]
async fn main() {
    let options = options();
    let n = options.students;
    let mut teacher = Teacher::start(&options);
    let link = teacher
        .wait_for(STEP_LIMIT, |l| l.contains("http://127.0.0.1:"))
        .await
        .expect("the host prints its join link");
    let address = link.trim().trim_start_matches("http://");
    let (host, code) = address.split_once("/?code=").expect("a join link");
    let url = format!("ws://{host}/ws");
    let board = Arc::new(Board {
        joined: AtomicUsize::new(0),
        opened: (0..QUESTIONS).map(|_| AtomicUsize::new(0)).collect(),
        revealed: (0..QUESTIONS).map(|_| AtomicUsize::new(0)).collect(),
        ended: AtomicUsize::new(0),
    });
    let joining = Arc::new(Semaphore::new(JOINING_AT_ONCE));
    let drop_every = 100usize
        .checked_div(options.drop_percent)
        .unwrap_or(usize::MAX);
    let began = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            tokio::spawn(student(
                i,
                url.clone(),
                code.to_owned(),
                i % drop_every == 0,
                options.think_ms,
                board.clone(),
                joining.clone(),
            ))
        })
        .collect();
    let all_joined = reach(&board.joined, n, STEP_LIMIT).await;
    let join_time = began.elapsed();
    // Every page has its lobby state before the class starts.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut typed_open = Vec::new();
    let mut typed_reveal = Vec::new();
    let mut complete = Vec::new();
    let answer_limit = Duration::from_millis(options.think_ms) + Duration::from_secs(15);
    for q in 1..=QUESTIONS {
        typed_open.push(teacher.type_line(if q == 1 { "start" } else { "next" }));
        let everyone = format!("answered {n} of {n} (question {q})");
        complete.push(
            teacher
                .wait_for(answer_limit, |l| l == everyone)
                .await
                .is_some(),
        );
        typed_reveal.push(teacher.type_line("reveal"));
        reach(&board.revealed[q - 1], n, STEP_LIMIT).await;
    }
    teacher.type_line("end");
    let results = teacher
        .wait_for(STEP_LIMIT, |l| l.starts_with("results:"))
        .await;
    let mut records = Vec::new();
    for task in tasks {
        records.push(task.await.unwrap_or_default());
    }
    let _ = teacher.child.wait();
    teacher.drain();
    std::thread::sleep(Duration::from_millis(100));
    let host_usage = teacher
        .stderr
        .lock()
        .unwrap()
        .iter()
        .rfind(|l| l.starts_with("host: "))
        .cloned()
        .unwrap_or_else(|| "host: (no figures from /usr/bin/time)".into());
    report(
        &options,
        &teacher,
        &records,
        &typed_open,
        &typed_reveal,
        &complete,
        all_joined,
        join_time,
        results.as_deref(),
        &host_usage,
    );
}

#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
fn report(
    options: &Options,
    teacher: &Teacher,
    records: &[Record],
    typed_open: &[Instant],
    typed_reveal: &[Instant],
    complete: &[bool],
    all_joined: bool,
    join_time: Duration,
    results: Option<&str>,
    host_usage: &str,
) {
    let n = options.students;
    let sent: usize = records.iter().map(|r| r.sent.len()).sum();
    let errors: Vec<&String> = records.iter().flat_map(|r| &r.errors).collect();
    let rejoined = records.iter().filter(|r| r.rejoined).count();
    let ended = records.iter().filter(|r| r.ended).count();
    let mut counted_lines = [0usize; QUESTIONS];
    let mut counted = vec![Vec::<(Instant, usize)>::new(); QUESTIONS];
    for (at, line) in &teacher.seen {
        if let Some((x, q)) = count_line(line)
            && (1..=QUESTIONS).contains(&q)
        {
            counted_lines[q - 1] = counted_lines[q - 1].max(x);
            counted[q - 1].push((*at, x));
        }
    }
    // The k-th answer sent to a question is matched with the first count line that reaches k.
    let mut to_count = Vec::new();
    let mut last_to_count = Vec::new();
    for q in 1..=QUESTIONS {
        let mut sends: Vec<Instant> = records
            .iter()
            .flat_map(|r| &r.sent)
            .filter(|(question, _)| *question == q)
            .map(|(_, at)| *at)
            .collect();
        sends.sort();
        for (k, sent_at) in sends.iter().enumerate() {
            if let Some((at, _)) = counted[q - 1].iter().find(|(_, x)| *x > k) {
                to_count.push(ms(at.saturating_duration_since(*sent_at)));
            }
        }
        if let (Some(last), Some((at, _))) = (
            sends.last(),
            counted[q - 1].iter().find(|(_, x)| *x >= sends.len()),
        ) {
            last_to_count.push(ms(at.saturating_duration_since(*last)));
        }
    }
    // The first confirmation of each answer sent (each question is answered once).
    let confirm: Vec<f64> = records
        .iter()
        .flat_map(|r| {
            r.sent.iter().filter_map(|(q, at)| {
                let (_, back) = r.confirmed.iter().find(|(c, _)| c == q)?;
                Some(ms(back.saturating_duration_since(*at)))
            })
        })
        .collect();
    // "trace: the reveal reached N pages, the last X ms after it"
    let host_last: Vec<f64> = teacher
        .seen
        .iter()
        .filter_map(|(_, line)| {
            let rest = line.strip_prefix("trace: the reveal reached ")?;
            rest.split_once("the last ")?
                .1
                .strip_suffix(" ms after it")?
                .parse()
                .ok()
        })
        .collect();
    let mut reveal_last = Vec::new();
    let mut reveal_all = Vec::new();
    let mut open_last = Vec::new();
    for q in 1..=QUESTIONS {
        let seen: Vec<f64> = records
            .iter()
            .flat_map(|r| &r.revealed)
            .filter(|(question, _)| *question == q)
            .map(|(_, at)| ms(at.saturating_duration_since(typed_reveal[q - 1])))
            .collect();
        reveal_last.push(seen.iter().copied().fold(0.0, f64::max));
        reveal_all.extend(seen);
        let opened = records
            .iter()
            .flat_map(|r| &r.opened)
            .filter(|(question, _)| *question == q)
            .map(|(_, at)| ms(at.saturating_duration_since(typed_open[q - 1])))
            .fold(0.0, f64::max);
        open_last.push(opened);
    }
    let (in_journal, files, in_files) = kept(&options.out);
    println!(
        "{n} students, {QUESTIONS} questions, answers after 0..{} ms",
        options.think_ms
    );
    println!(
        "  joined           {} in {:.2} s{}",
        records.iter().filter(|r| r.joined).count(),
        join_time.as_secs_f64(),
        if all_joined { "" } else { " (not all joined)" }
    );
    println!("  dropped and back {rejoined}");
    println!("  answers sent     {sent}");
    println!(
        "  answers kept     {} by the count lines, {in_journal} in the journal, {in_files} in {files} results files",
        counted_lines.iter().sum::<usize>()
    );
    println!(
        "  every answer counted before reveal: {}",
        if complete.iter().all(|c| *c) {
            "yes"
        } else {
            "no"
        }
    );
    println!("  students shown the end: {ended}");
    println!("  errors           {}", errors.len());
    for error in errors.iter().take(5) {
        println!("    {error}");
    }
    println!("  answer sent -> its confirmation: {}", summary(confirm));
    println!(
        "  answer sent -> teacher's count line: {}",
        summary(to_count)
    );
    println!(
        "  last answer of a question -> its full count: {}",
        summary(last_to_count)
    );
    println!(
        "  reveal typed -> last student revealed, per question: {}",
        summary(reveal_last)
    );
    println!(
        "  reveal -> the host's last send of it, per question: {}",
        summary(host_last)
    );
    println!(
        "  reveal typed -> each student revealed: {}",
        summary(reveal_all)
    );
    println!(
        "  start/next typed -> last student shown the question: {}",
        summary(open_last)
    );
    println!("  {host_usage}");
    println!(
        "  load generator: {:.2} s CPU (same 2 cores)",
        own_cpu_seconds()
    );
    println!("  {}", results.unwrap_or("results: (no results line)"));
}
