//! `quiz host`: a live class. Students answer on their own phones and laptops through a page
//! this process serves; the teacher runs the class from the terminal. The only part of `quiz`
//! that starts an async runtime.

mod class;
mod gate;
mod journal;
mod limits;
mod listen;
mod protocol;
mod results;
mod roster;
mod seat;
mod server;
mod tabs;
mod teacher;
mod views;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use qrcode::render::unicode::Dense1x2;
use tokio::sync::{mpsc, watch};

pub(crate) use class::ClassOptions;
use class::{Class, Phase};
use journal::{Entry, Journal};
pub(crate) use limits::{LIMITS_VAR, Limits};
use server::Shared;
use teacher::Command;

use crate::engine::Planned;
use crate::error::Error;

/// Everything `quiz host` was asked for, ready to run.
pub(crate) struct HostSetup {
    pub plan: Vec<Planned<'static>>,
    pub seed: u64,
    pub options: ClassOptions,
    pub bind: IpAddr,
    pub port: u16,
    pub out: PathBuf,
    pub resume: bool,
    /// Characters in a new class's join code.
    pub code_length: usize,
    pub limits: Limits,
    /// The current time for results files, from the one clock.
    pub now: Box<dyn Fn() -> String>,
}

/// One line for the teacher. A closed output (`quiz host | head`) must not stop the class: the
/// journal and the results files still record everything.
fn print_line(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// The seed of the class whose journal is in `folder`, so that it is planned as it was.
pub(crate) fn resumed_seed(folder: &std::path::Path) -> Result<u64, Error> {
    match journal::read(folder)?.first() {
        Some(Entry::Class { seed, .. }) => Ok(*seed),
        _ => Err(Error::Usage(format!(
            "`{}` does not start with the class it belongs to; it cannot be resumed",
            folder.join(journal::FILE_NAME).display()
        ))),
    }
}

/// What reaches the class's control loop: the teacher's commands, the timer and the signals
/// that stop a class.
enum Control {
    Teacher(Command),
    TimeUp(usize),
    Stop(&'static str),
}

/// Runs the class to its end and writes one results file per student; the exit code.
pub(crate) fn run(setup: HostSetup) -> Result<i32, Error> {
    std::fs::create_dir_all(&setup.out).map_err(|source| Error::Write {
        path: setup.out.clone(),
        source,
    })?;
    let listener = bind(setup.bind, setup.port)?;
    let cap = listen::connection_cap(&setup.limits);
    let (class, journal) = open_class(&setup)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Terminal)?;
    runtime.block_on(serve(listener, cap, class, journal, setup))
}

fn bind(address: IpAddr, port: u16) -> Result<TcpListener, Error> {
    let listener =
        TcpListener::bind(SocketAddr::new(address, port)).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => Error::Usage(format!(
                "port {port} is in use on {address}; pick another with --port"
            )),
            _ => Error::Usage(format!(
                "cannot listen on {address} port {port}: {e} (see --bind and --port)"
            )),
        })?;
    listener.set_nonblocking(true).map_err(Error::Terminal)?;
    Ok(listener)
}

/// A new class with a fresh code and journal, or the class the journal in `--out` left.
fn open_class(setup: &HostSetup) -> Result<(Class, Journal), Error> {
    let mut class = Class::new(
        seat::new_join_code(setup.code_length),
        setup.seed,
        setup.plan.clone(),
        setup.options.clone(),
        (setup.now)(),
    );
    if setup.resume {
        let entries = journal::read(&setup.out)?;
        journal::replay(&mut class, &entries, Instant::now()).map_err(Error::Usage)?;
        return Ok((class, Journal::reopen(&setup.out)?));
    }
    let first = Entry::Class {
        code: class.code.clone(),
        seed: class.seed,
        questions: journal::question_ids(&class),
        started_at: class.started_at.clone(),
    };
    let journal = Journal::create(&setup.out, &first)?;
    Ok((class, journal))
}

async fn serve(
    listener: TcpListener,
    cap: usize,
    class: Class,
    journal: Journal,
    setup: HostSetup,
) -> Result<i32, Error> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(Error::Terminal)?;
    let address = listener.local_addr().map_err(Error::Terminal)?;
    let (events, mut lines) = mpsc::unbounded_channel::<String>();
    let (changed, _) = watch::channel(0);
    let shared = Arc::new(Shared {
        class: Mutex::new(class),
        changed,
        events,
        journal,
        shown_end: std::sync::atomic::AtomicUsize::new(0),
        seat_changed: Mutex::new(std::collections::HashMap::new()),
        limits: setup.limits.clone(),
        gate: gate::Gate::new(host_addresses),
        tabs: tabs::Tabs::default(),
    });
    tokio::spawn(async move {
        while let Some(line) = lines.recv().await {
            print_line(&line);
        }
    });
    greet(&shared, address, setup.bind);
    if cap < setup.options.max_students {
        shared.say(format!(
            "warning: the open-file limit lets the host hold {cap} connections at once, fewer than \
             --max-students ({}); past them students are told the class is full (raise it with \
             `ulimit -n` before quiz host)",
            setup.options.max_students
        ));
    }
    let (control, mut controls) = mpsc::unbounded_channel::<Control>();
    read_teacher(control.clone());
    watch_signals(control.clone());
    let app = server::router(shared.clone());
    tokio::spawn(listen::serve(listener, app, setup.limits.clone(), cap));
    while let Some(next) = controls.recv().await {
        if act(&shared, next, &control) {
            break;
        }
    }
    finish(&shared, &setup).await
}

/// The class's address, join code and QR code, for the projector.
fn greet(shared: &Shared, address: SocketAddr, bind: IpAddr) {
    let class = shared.class();
    let links: Vec<String> = reachable_addresses(address, bind)
        .into_iter()
        .map(|ip| {
            format!(
                "http://{}/?code={}",
                SocketAddr::new(ip, address.port()),
                class.code
            )
        })
        .collect();
    let mut text = format!(
        "Live class · {} · join code {}\nStudents join at:\n",
        crate::text::count(class.plan.len(), "question"),
        class.code
    );
    for link in &links {
        text.push_str(&format!("  {link}\n"));
    }
    if let Some(link) = links.first().filter(|_| std::io::stdout().is_terminal())
        && let Ok(code) = qrcode::QrCode::new(link.as_bytes())
    {
        // Light modules drawn as blocks, as `qrencode -t UTF8` does: on the usual light-on-dark
        // terminal the code then shows dark on light, with its quiet zone around it.
        let qr = code
            .render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .build();
        text.push_str(&qr);
        text.push('\n');
    }
    text.push_str(&format!(
        "Type start when everyone is in. {}",
        teacher::HELP
    ));
    shared.say(text);
}

/// Where phones can reach the host: every network interface when it listens on all of them
/// (the LAN's first, so the QR code points there), else the address it listens on.
fn reachable_addresses(address: SocketAddr, bind: IpAddr) -> Vec<IpAddr> {
    if !bind.is_unspecified() {
        return vec![address.ip()];
    }
    let mut all: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(|ip| ip.is_ipv4() == bind.is_ipv4())
        .collect();
    all.sort_by_key(IpAddr::is_loopback);
    all.dedup();
    if all.is_empty() {
        all.push(address.ip());
    }
    all
}

/// Every address of this machine, from which its own page may open a socket.
fn host_addresses() -> Vec<IpAddr> {
    if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .collect()
}

/// Teacher commands from standard input, a line each; the end of input ends the class.
fn read_teacher(control: mpsc::UnboundedSender<Control>) {
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut line = String::new();
        loop {
            line.clear();
            match stdin.read_line(&mut line) {
                Ok(0) | Err(_) => {
                    let _ = control.send(Control::Stop("the end of the teacher's input"));
                    return;
                }
                Ok(_) if line.trim().is_empty() => {}
                Ok(_) => match teacher::parse(&line) {
                    Ok(command) => {
                        let _ = control.send(Control::Teacher(command));
                    }
                    Err(message) => print_line(&format!("? {message}")),
                },
            }
        }
    });
}

/// Ctrl-C, SIGTERM and SIGHUP (a closed terminal) end the class the way `end` does.
fn watch_signals(control: mpsc::UnboundedSender<Control>) {
    let interrupt = control.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = interrupt.send(Control::Stop("Ctrl-C"));
        }
    });
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        for (kind, name) in [
            (SignalKind::terminate(), "SIGTERM"),
            (SignalKind::hangup(), "SIGHUP"),
        ] {
            let control = control.clone();
            if let Ok(mut stream) = signal(kind) {
                tokio::spawn(async move {
                    if stream.recv().await.is_some() {
                        let _ = control.send(Control::Stop(name));
                    }
                });
            }
        }
    }
}

/// Carries out one control; `true` when the class is over.
fn act(shared: &Arc<Shared>, control: Control, sender: &mpsc::UnboundedSender<Control>) -> bool {
    let now = Instant::now();
    let outcome: Result<Vec<String>, String> = {
        let mut class = shared.class();
        match control {
            Control::Stop(why) => {
                end(shared, &mut class);
                Ok(vec![format!("ended by {why}")])
            }
            Control::TimeUp(index) => match class.phase {
                Phase::Open { index: open, .. } if open == index && !class.options.self_paced => {
                    class.reveal().map(|i| revealed(shared, &class, i))
                }
                Phase::Open { .. } if class.options.self_paced => {
                    end(shared, &mut class);
                    Ok(vec!["time is up: the class has ended".into()])
                }
                _ => Ok(Vec::new()),
            },
            Control::Teacher(command) => command_on(shared, &mut class, command, now),
        }
    };
    match outcome {
        Ok(lines) => {
            for line in lines {
                shared.say(line);
            }
        }
        Err(message) => shared.say(format!("? {message}")),
    }
    shared.bump();
    let class = shared.class();
    if let Phase::Open { index, opened } = class.phase
        && opened == now
        && let Some(timer) = class.options.timer
    {
        let sender = sender.clone();
        let index = if class.options.self_paced {
            usize::MAX
        } else {
            index
        };
        tokio::spawn(async move {
            tokio::time::sleep(timer).await;
            let _ = sender.send(Control::TimeUp(index));
        });
    }
    class.phase == Phase::Ended
}

fn command_on(
    shared: &Shared,
    class: &mut Class,
    command: Command,
    now: Instant,
) -> Result<Vec<String>, String> {
    match command {
        Command::Start => {
            let index = class.start(now)?;
            shared.journal.append(&Entry::Open { question: index });
            Ok(vec![opened_line(class, index)])
        }
        Command::Reveal => {
            let index = class.reveal()?;
            Ok(revealed(shared, class, index))
        }
        Command::Next => match class.phase {
            Phase::Open { .. } if !class.options.self_paced => {
                let index = class.reveal()?;
                Ok(revealed(shared, class, index))
            }
            _ => {
                if let Some(index) = class.next(now)? {
                    shared.journal.append(&Entry::Open { question: index });
                    Ok(vec![opened_line(class, index)])
                } else {
                    end(shared, class);
                    Ok(vec![
                        "that was the last question: the class has ended".into(),
                    ])
                }
            }
        },
        Command::End => {
            end(shared, class);
            Ok(vec!["the class has ended".into()])
        }
        Command::Remove(name) => {
            let token = class.remove(&name)?;
            shared.journal.append(&Entry::Remove { token });
            Ok(vec![format!("removed {}", seat::clean_name(&name))])
        }
        Command::Who => Ok(teacher::roll(class)),
        Command::Help => Ok(vec![teacher::HELP.into()]),
    }
}

/// Ends the class, in the journal too.
fn end(shared: &Shared, class: &mut Class) {
    class.end();
    shared.journal.append(&Entry::End);
}

fn opened_line(class: &Class, index: usize) -> String {
    if class.options.self_paced {
        format!(
            "the class has started: {} at each student's own pace",
            crate::text::count(class.plan.len(), "question")
        )
    } else {
        teacher::opened(class, index)
    }
}

fn revealed(shared: &Shared, class: &Class, index: usize) -> Vec<String> {
    shared.journal.append(&Entry::Reveal { question: index });
    let mut lines = teacher::histogram(class, index);
    if class.options.leaderboard {
        lines.push(teacher::leaderboard(class));
    }
    lines
}

/// Writes every student's results, tells the teacher where, and gives the pages a moment to
/// show the end before the server stops. The files are written from a copy of the class, so
/// that the pages can draw the end meanwhile: with hundreds of students, each file synced to
/// disk in turn takes seconds, too long to hold the class for.
async fn finish(shared: &Arc<Shared>, setup: &HostSetup) -> Result<i32, Error> {
    let ended = Instant::now();
    let (class, pages) = {
        let class = shared.class();
        if class.options.leaderboard {
            shared.say(teacher::leaderboard(&class));
        }
        let pages: usize = class.seated().map(|s| s.connections).sum();
        (class.clone(), pages)
    };
    let out = setup.out.clone();
    let finished_at = (setup.now)();
    let written =
        tokio::task::spawn_blocking(move || results::write_all(&class, &out, &finished_at))
            .await
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic.into_panic()));
    // Every connected page is sent its end, or a few seconds pass; and a moment more to send it.
    while shared.shown_end.load(std::sync::atomic::Ordering::SeqCst) < pages
        && ended.elapsed() < END_WAIT
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    match written {
        Ok(count) => {
            print_line(&format!(
                "results: {} in {} (quiz report {} gives the class report)",
                crate::text::count(count, "file"),
                setup.out.display(),
                setup.out.display()
            ));
            Ok(0)
        }
        Err(error) => Err(error),
    }
}

/// The longest the host waits at the end for the pages to be sent the end of the class.
const END_WAIT: Duration = Duration::from_secs(5);
