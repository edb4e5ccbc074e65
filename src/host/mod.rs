//! `quiz host`: a live class. Students answer on their own phones and laptops through a page
//! this process serves; the teacher runs the class from the terminal. The only part of `quiz`
//! that starts an async runtime.

mod board;
mod board_view;
mod class;
mod feed;
mod gate;
mod journal;
mod limits;
mod listen;
mod protocol;
mod refusal;
mod results;
mod roster;
mod seat;
mod server;
mod shared_part;
mod snapshot;
mod story;
mod tabs;
mod tally;
mod teacher;
mod trace;
mod views;
mod whom;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use qrcode::render::unicode::Dense1x2;
use tokio::sync::{mpsc, watch};

pub(crate) use class::ClassOptions;
use class::{Class, ClassEnd, Phase};
use feed::Feed;
use journal::{Entry, Journal};
pub(crate) use limits::{LIMITS_VAR, Limits};
use refusal::Declined;
use server::Shared;
pub(crate) use snapshot::{BankCopy, ClassSetup, Selection, differs as banks_differ};
use teacher::Command;

use crate::bank::{Bank, Scenario};
use crate::engine::Planned;
use crate::error::Error;

/// Everything `quiz host` was asked for, ready to run.
pub(crate) struct HostSetup {
    pub plan: Vec<Planned<'static>>,
    /// The branching scenario the class walks instead of a quiz of questions.
    pub story: Option<(&'static Bank, &'static Scenario)>,
    pub seed: u64,
    pub options: ClassOptions,
    pub bind: IpAddr,
    pub port: u16,
    pub out: PathBuf,
    /// The banks and the selection the plan was made from, for the journal's first line.
    pub banks: Vec<BankCopy>,
    pub selection: Selection,
    /// The class to continue, read from the journal in `out`.
    pub resume: Option<Resumable>,
    /// Characters in a new class's join code.
    pub code_length: usize,
    pub limits: Limits,
    /// The current time for results files, from the one clock.
    pub now: Box<dyn Fn() -> String>,
}

/// A class that `quiz host --resume DIR` can continue: what its journal holds.
pub(crate) struct Resumable {
    pub seed: u64,
    /// What it was set up with; `None` in the journal of an older version of quiz, whose
    /// banks and options must be given again.
    pub setup: Option<ClassSetup>,
    /// The class was ended, but some of its results files could not be written: resuming
    /// writes them, and the class is not served again.
    pub ended: bool,
    contents: journal::Contents,
}

/// The class whose journal is in `folder`, unless it cannot be continued: no class there, or
/// a class ended with `end`, whose results are final.
pub(crate) fn resumable(folder: &std::path::Path) -> Result<Resumable, Error> {
    let path = folder.join(journal::FILE_NAME);
    if !path.exists() {
        return Err(Error::Usage(format!(
            "`{}` holds no class to continue (no {}); start one with --out",
            folder.display(),
            journal::FILE_NAME
        )));
    }
    let contents = journal::read(folder)?;
    let Some(Entry::Class { seed, setup, .. }) = contents.entries.first() else {
        return Err(Error::Usage(format!(
            "`{}` does not start with the class it belongs to; it cannot be resumed",
            path.display()
        )));
    };
    if contents.entries.iter().any(|e| matches!(e, Entry::End)) {
        return Err(Error::Usage(format!(
            "the class in `{0}` was ended with `end`, and its results are final (quiz report {0}); \
             start a new class with --out and another folder",
            folder.display()
        )));
    }
    let ended = contents.entries.iter().rev().find_map(|e| match e {
        Entry::Pause { ended, .. } => Some(*ended),
        _ => None,
    });
    Ok(Resumable {
        seed: *seed,
        setup: setup.as_deref().cloned(),
        ended: ended.unwrap_or(false),
        contents,
    })
}

/// What reaches the class's control loop: the teacher's commands, the timer, and what pauses
/// a class.
enum Control {
    Teacher(Command),
    TimeUp(usize),
    Pause(&'static str),
}

/// How the class is left when the host stops.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    Ended,
    /// `open_for`: how long the open question had been open.
    Paused {
        open_for: Option<Duration>,
    },
}

/// Runs the class until it ends or pauses and writes one results file per student; the exit code.
pub(crate) fn run(setup: HostSetup) -> Result<i32, Error> {
    std::fs::create_dir_all(&setup.out).map_err(|source| Error::Write {
        path: setup.out.clone(),
        source,
    })?;
    if setup.resume.as_ref().is_some_and(|r| r.ended) {
        // Only the results are left to write.
        let opened = open_class(&setup, setup.port)?;
        let feed = Feed::start(std::io::stdout());
        for note in &opened.notes {
            feed.push(note.clone());
        }
        let finished_at = (setup.now)();
        let (lines, outcome) = write_results(
            &opened.class,
            &opened.journal,
            &setup.out,
            &finished_at,
            &opened.results,
            Stop::Ended,
        );
        for line in lines {
            feed.push(line);
        }
        feed.drain(FEED_PATIENCE);
        return outcome;
    }
    let listener = bind(setup.bind, setup.port)?;
    let port = listener.local_addr().map_err(Error::Server)?.port();
    let cap = listen::connection_cap(&setup.limits);
    let opened = open_class(&setup, port)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Server)?;
    // The teacher's terminal is written from a thread of its own: the class never waits on it.
    let feed = Feed::start(std::io::stdout());
    let code = runtime.block_on(serve(listener, cap, opened, feed.clone(), setup));
    feed.drain(FEED_PATIENCE);
    code
}

/// How long the host waits at its end for a teacher's terminal that takes no more lines.
const FEED_PATIENCE: Duration = Duration::from_secs(3);

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
    listener.set_nonblocking(true).map_err(Error::Server)?;
    Ok(listener)
}

/// The class as the host opens it: new, or continued from its journal.
struct Opened {
    class: Class,
    journal: Journal,
    /// The results file each seat was given at a pause, by token: written over at the end.
    results: BTreeMap<String, String>,
    resumed: bool,
    /// What the teacher is told about the journal before the class goes on.
    notes: Vec<String>,
}

/// A new class with a fresh code and journal, or the class the journal in `--out` left.
fn open_class(setup: &HostSetup, port: u16) -> Result<Opened, Error> {
    let mut class = Class::new(
        seat::new_join_code(setup.code_length),
        setup.seed,
        setup.plan.clone(),
        setup.options.clone(),
        (setup.now)(),
    );
    if let Some((bank, scenario)) = setup.story
        && let Some(story) = story::Story::new(bank, scenario, setup.seed, setup.selection.shuffle)
    {
        class = class.with_story(story);
    }
    if let Some(resume) = &setup.resume {
        let replayed = journal::replay(&mut class, &resume.contents.entries, Instant::now())
            .map_err(|error| match error {
                journal::ReplayError::OtherQuestions { .. } => Error::Usage(error.to_string()),
                journal::ReplayError::StoryAstray { line, declined } => Error::DamagedJournal {
                    path: setup.out.join(journal::FILE_NAME),
                    line,
                    reason: Box::new(declined),
                },
            })?;
        let journal = Journal::reopen(&setup.out, &resume.contents.last_line)?;
        let notes = match resume.contents.last_line {
            journal::LastLine::Torn { cut, .. } => vec![format!(
                "note: the journal's last line was cut short when the host stopped mid-write; \
                 its {} are left out and the class goes on from the line before",
                crate::text::count(cut, "byte")
            )],
            _ => Vec::new(),
        };
        return Ok(Opened {
            class,
            journal,
            results: replayed.results,
            resumed: true,
            notes,
        });
    }
    let first = Entry::Class {
        code: class.code.clone(),
        seed: class.seed,
        questions: journal::question_ids(&class),
        started_at: class.started_at.clone(),
        setup: Some(Box::new(ClassSetup {
            banks: setup.banks.clone(),
            selection: setup.selection.clone(),
            options: setup.options.clone(),
            bind: setup.bind,
            port,
        })),
    };
    let journal = Journal::create(&setup.out, &first)?;
    Ok(Opened {
        class,
        journal,
        results: BTreeMap::new(),
        resumed: false,
        notes: Vec::new(),
    })
}

async fn serve(
    listener: TcpListener,
    cap: usize,
    opened: Opened,
    feed: Feed,
    setup: HostSetup,
) -> Result<i32, Error> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(Error::Server)?;
    let address = listener.local_addr().map_err(Error::Server)?;
    let (changed, _) = watch::channel(0);
    let (control, mut controls) = mpsc::unbounded_channel::<Control>();
    let origin = match reachable_addresses(address, setup.bind).first() {
        Some(ip) => format!("http://{}", SocketAddr::new(*ip, address.port())),
        None => format!("http://{address}"),
    };
    let board = board::Board::new(&opened.class, origin, control.clone());
    let shared = Arc::new(Shared {
        class: Mutex::new(opened.class),
        changed,
        events: feed.clone(),
        journal: opened.journal,
        shown_end: std::sync::atomic::AtomicUsize::new(0),
        seat_changed: Mutex::new(std::collections::HashMap::new()),
        limits: setup.limits.clone(),
        gate: gate::Gate::new(host_addresses),
        tabs: tabs::Tabs::default(),
        board,
        trace: trace::RevealTrace::from_env(),
    });
    greet(&shared, address, setup.bind, opened.resumed);
    for note in opened.notes {
        shared.say(note);
    }
    if cap < setup.options.max_students {
        shared.say(format!(
            "warning: the open-file limit lets the host hold {cap} connections at once, fewer than \
             --max-students ({}); past them students are told the class is full (raise it with \
             `ulimit -n` before quiz host)",
            setup.options.max_students
        ));
    }
    if opened.resumed {
        arm_timer(&shared.class(), &control, Instant::now());
    }
    read_teacher(control.clone(), feed);
    watch_signals(control.clone());
    let app = server::router(shared.clone());
    tokio::spawn(listen::serve(listener, app, setup.limits.clone(), cap));
    let mut stop = None;
    while stop.is_none()
        && let Some(next) = controls.recv().await
    {
        stop = act(&shared, next, &control);
    }
    let stop = stop.unwrap_or(Stop::Paused { open_for: None });
    finish(&shared, &setup, &opened.results, stop).await
}

/// The class's address, join code and QR code, for the projector.
fn greet(shared: &Shared, address: SocketAddr, bind: IpAddr, resumed: bool) {
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
    let what = match &class.story {
        Some(story) => format!(
            "a branching scenario: {}",
            crate::text::for_terminal(&story.scenario.title)
        ),
        None => crate::text::count(class.plan.len(), "question"),
    };
    let mut text = format!(
        "Live class · {what} · join code {}\nStudents join at:\n",
        class.code
    );
    for link in &links {
        text.push_str(&format!("  {link}\n"));
    }
    text.push_str(&format!(
        "The board for the projector (its key runs the class: keep the link to yourself):\n  {}\n",
        shared.board.teacher_link()
    ));
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
    if resumed {
        text.push_str(&format!(
            "{}\n{}",
            teacher::resumed(&class, Instant::now()),
            teacher::HELP
        ));
    } else {
        text.push_str(&format!(
            "Type start when everyone is in. {}",
            teacher::HELP
        ));
    }
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

/// Teacher commands from standard input, a line each. The end of input (Ctrl-D, or a script's
/// closed pipe) pauses the class as Ctrl-C does: only `end` ends a class.
fn read_teacher(control: mpsc::UnboundedSender<Control>, feed: Feed) {
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut line = String::new();
        loop {
            line.clear();
            match stdin.read_line(&mut line) {
                Ok(0) | Err(_) => {
                    let _ = control.send(Control::Pause("the end of the teacher's input"));
                    return;
                }
                Ok(_) if line.trim().is_empty() => {}
                Ok(_) => match teacher::parse(&line) {
                    Ok(command) => {
                        let _ = control.send(Control::Teacher(command));
                    }
                    Err(message) => feed.push(format!("? {message}")),
                },
            }
        }
    });
}

/// Ctrl-C, SIGTERM and SIGHUP (a closed terminal) pause the class.
fn watch_signals(control: mpsc::UnboundedSender<Control>) {
    let interrupt = control.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = interrupt.send(Control::Pause("Ctrl-C"));
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
                        let _ = control.send(Control::Pause(name));
                    }
                });
            }
        }
    }
}

/// Carries out one control; how the class stopped, once it has.
fn act(
    shared: &Arc<Shared>,
    control: Control,
    sender: &mpsc::UnboundedSender<Control>,
) -> Option<Stop> {
    let now = Instant::now();
    let mut paused = None;
    let outcome: Result<Vec<String>, Declined> = {
        let mut class = shared.class();
        match control {
            Control::Pause(why) => {
                paused = Some(Stop::Paused {
                    open_for: class.pause(now),
                });
                Ok(vec![format!("paused by {why}")])
            }
            Control::TimeUp(index) => match class.phase {
                Phase::Open { index: open, .. } if open == index && !class.options.self_paced => {
                    class.reveal().map(|i| revealed(shared, &class, i))
                }
                Phase::Open { .. } if class.options.self_paced => {
                    class.end(ClassEnd::TimeUp);
                    Ok(vec!["time is up: the class has ended".into()])
                }
                _ => Ok(Vec::new()),
            },
            Control::Teacher(command) => {
                if let Some(line) = shared.trace.report() {
                    shared.say(line);
                }
                command_on(shared, &mut class, command, now)
            }
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
    if let Phase::Open { opened, .. } = class.phase
        && opened == now
    {
        arm_timer(&class, sender, now);
    }
    if class.phase == Phase::Ended {
        Some(Stop::Ended)
    } else {
        paused
    }
}

/// Starts the open question's timer (self-paced: the class's) for the time it has left.
fn arm_timer(class: &Class, sender: &mpsc::UnboundedSender<Control>, now: Instant) {
    let (Phase::Open { index, .. }, Some(left)) = (class.phase, class.closes_in(now)) else {
        return;
    };
    let sender = sender.clone();
    let index = if class.options.self_paced {
        usize::MAX
    } else {
        index
    };
    tokio::spawn(async move {
        tokio::time::sleep(left).await;
        let _ = sender.send(Control::TimeUp(index));
    });
}

fn command_on(
    shared: &Shared,
    class: &mut Class,
    command: Command,
    now: Instant,
) -> Result<Vec<String>, Declined> {
    match command {
        Command::Start => {
            let index = class.start(now)?;
            shared
                .journal
                .append(class, &Entry::Open { question: index });
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
                let from = match class.phase {
                    Phase::Revealed { index } => Some(index),
                    _ => None,
                };
                if let Some(index) = class.next(now)? {
                    shared
                        .journal
                        .append(class, &Entry::Open { question: index });
                    Ok(vec![opened_line(class, index)])
                } else {
                    class.end(ClassEnd::LastQuestion);
                    if let (Some(question), Some(_)) = (from, &class.story) {
                        // A resumed class that must still write its results knows the ending.
                        shared.journal.append(class, &Entry::Ending { question });
                    }
                    Ok(vec![teacher::last(class)])
                }
            }
        },
        Command::End => {
            class.end(ClassEnd::Teacher);
            Ok(vec!["the class has ended".into()])
        }
        Command::Remove(who) => {
            let (token, name) = class.remove(&who)?;
            shared.journal.append(class, &Entry::Remove { token });
            Ok(vec![format!("removed {name}")])
        }
        Command::Follow(choice) => {
            let (index, route) = class.follow(&choice)?;
            shared.journal.append(
                class,
                &Entry::Follow {
                    question: index,
                    route,
                    teacher: true,
                },
            );
            Ok(teacher::followed(class, index).into_iter().collect())
        }
        Command::Who => Ok(teacher::roll(class)),
        Command::Help => Ok(vec![teacher::HELP.into()]),
    }
}

fn opened_line(class: &Class, index: usize) -> String {
    if let Some(story) = class.story.as_ref().filter(|_| class.options.self_paced) {
        format!(
            "the class has started: each student walks {} at their own pace",
            story.scenario.title
        )
    } else if class.options.self_paced {
        format!(
            "the class has started: {} at each student's own pace",
            crate::text::count(class.plan.len(), "question")
        )
    } else {
        teacher::opened(class, index)
    }
}

fn revealed(shared: &Shared, class: &Class, index: usize) -> Vec<String> {
    shared.trace.revealed(Instant::now());
    shared
        .journal
        .append(class, &Entry::Reveal { question: index });
    // The decision the story follows, as the reveal chose it: a resumed class goes on with it.
    if let Some((_, followed)) = class.story.as_ref().and_then(|s| s.followed_route(index)) {
        shared.journal.append(
            class,
            &Entry::Follow {
                question: index,
                route: followed.route,
                teacher: followed.by == story::Chooser::Teacher,
            },
        );
    }
    let mut lines = teacher::histogram(class, index);
    if class.options.leaderboard {
        lines.push(teacher::leaderboard(class));
    }
    lines
}

/// Writes every student's results and records how the class stopped, then gives the pages a
/// moment to show the end or the pause before the server stops. The files are written from a
/// copy of the class, so that the pages can draw meanwhile: with hundreds of students, each
/// file synced to disk in turn takes seconds, too long to hold the class for.
async fn finish(
    shared: &Arc<Shared>,
    setup: &HostSetup,
    earlier: &BTreeMap<String, String>,
    stop: Stop,
) -> Result<i32, Error> {
    let stopped = Instant::now();
    let (class, pages) = {
        let class = shared.class();
        if class.options.leaderboard && stop == Stop::Ended {
            shared.say(teacher::leaderboard(&class));
        }
        let pages: usize = class.seated().map(|s| s.connections).sum();
        (class.clone(), pages)
    };
    let (journalled, out, earlier) = (shared.clone(), setup.out.clone(), earlier.clone());
    let finished_at = (setup.now)();
    let (lines, outcome) = tokio::task::spawn_blocking(move || {
        let journal = &journalled.journal;
        write_results(&class, journal, &out, &finished_at, &earlier, stop)
    })
    .await
    .unwrap_or_else(|panic| std::panic::resume_unwind(panic.into_panic()));
    // Every connected page is sent the end or the pause, or a few seconds pass; and a moment
    // more to send it.
    while shared.shown_end.load(std::sync::atomic::Ordering::SeqCst) < pages
        && stopped.elapsed() < END_WAIT
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    for line in lines {
        shared.say(line);
    }
    outcome
}

/// Writes every student's results file that can be written (over the files a pause wrote),
/// records in the journal how the class stopped, and waits for the journal to reach the disk.
/// The lines for the teacher, and the exit code or the error that names what is not written.
///
/// A class is recorded as ended only once every results file is written: until then
/// `--resume` can finish it.
fn write_results(
    class: &Class,
    journal: &Journal,
    out: &std::path::Path,
    finished_at: &str,
    earlier: &BTreeMap<String, String>,
    stop: Stop,
) -> (Vec<String>, Result<i32, Error>) {
    // The journal's waiting lines first: on a disk with little room left, the record of the
    // class comes before the files made from it.
    journal.flush();
    let written = results::write_all(class, out, finished_at, earlier);
    let entry = match stop {
        Stop::Ended if written.failed.is_empty() => Entry::End,
        Stop::Ended => Entry::Pause {
            open_seconds: None,
            results: written.files.clone(),
            ended: true,
        },
        Stop::Paused { open_for } => Entry::Pause {
            open_seconds: open_for.map(|d| d.as_secs_f64()),
            results: written.files.clone(),
            ended: false,
        },
    };
    // The class no longer changes once it is paused or ended: its copy stands for it.
    journal.append(class, &entry);
    journal.flush();
    let shown = out.display();
    let mut lines = vec![format!(
        "results: {} in {shown} (quiz report {shown} gives the class report)",
        crate::text::count(written.files.len(), "file"),
    )];
    if journal.is_behind() {
        lines.push(format!(
            "warning: the journal `{}` lacks the class's last events, as the disk took no more; \
             the results files written now hold every answer, but --resume would go on without them",
            out.join(journal::FILE_NAME).display()
        ));
    }
    if let Stop::Paused { .. } = stop {
        lines.push(format!(
            "the class is paused; continue it with quiz host --resume {shown} \
             (the results files are brought up to date when it ends)"
        ));
    }
    let names: Vec<&str> = written
        .failed
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    let kept = unwritten(&names, class.seats().len(), out, stop, journal.is_behind());
    let outcome = match written.failed.into_iter().next() {
        Some((_, error)) => Err(Error::ResultsKept {
            error: Box::new(error),
            kept,
        }),
        None => Ok(0),
    };
    (lines, outcome)
}

/// What the teacher is told about the results files that could not be written.
fn unwritten(
    names: &[&str],
    students: usize,
    out: &std::path::Path,
    stop: Stop,
    journal_behind: bool,
) -> String {
    const NAMED: usize = 10;
    let mut named = names
        .iter()
        .take(NAMED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMED {
        named.push_str(&format!(" and {} more", names.len() - NAMED));
    }
    let whose = format!(
        "the results of {named} ({} of {students}) are not written",
        names.len()
    );
    if journal_behind {
        return format!("{whose}, and the journal could not take their last answers either");
    }
    let then = match stop {
        Stop::Ended => "writes them and ends the class",
        Stop::Paused { .. } => "continues the class, and its end writes them",
    };
    format!(
        "{whose}; their answers are in the journal: once they can be written (room on the disk), \
         quiz host --resume {} {then}",
        out.display()
    )
}
/// The longest the host waits at the end for the pages to be sent the end of the class.
const END_WAIT: Duration = Duration::from_secs(5);
