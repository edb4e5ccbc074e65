//! The teacher's feed: the lines the host prints, written by a thread of their own so that the
//! class never waits on the teacher's terminal. A terminal that stops reading (Ctrl-S, a stalled
//! ssh session, a slow script) only makes lines wait in a bounded queue; when too many wait, the
//! events of the class are counted instead of kept, and the count is printed in their place
//! (`… 239 answers, 2 joins not shown`), followed by the last line of each kind, which says where
//! the class is (`answered 240 of 240`).

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Events of the class are kept while fewer lines than this wait; past it they are counted.
const EVENTS_WAITING: usize = 200;

/// No line is kept while this many wait, not even one the teacher asked for (`who` in a large
/// class, typed again and again): the queue's bound, a few megabytes at most.
const LINES_WAITING: usize = 10_000;

/// What a line tells the teacher: an event of the class, which may be counted instead of shown
/// when the terminal falls behind, or a reply to the teacher, kept while there is room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Answer,
    Join,
    Back,
    Left,
    Reply,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Answer,
        Kind::Join,
        Kind::Back,
        Kind::Left,
        Kind::Reply,
    ];

    /// What one line of this kind is called in a count of skipped lines.
    fn noun(self) -> &'static str {
        match self {
            Kind::Answer => "answer",
            Kind::Join => "join",
            Kind::Back => "return",
            Kind::Left => "departure",
            Kind::Reply => "line",
        }
    }

    /// How many lines may wait before a line of this kind is counted instead of kept.
    fn room(self) -> usize {
        match self {
            Kind::Reply => LINES_WAITING,
            _ => EVENTS_WAITING,
        }
    }
}

/// One line for the teacher's terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub kind: Kind,
    pub text: String,
}

impl Line {
    pub(crate) fn event(kind: Kind, text: String) -> Line {
        Line { kind, text }
    }
}

/// A reply to the teacher.
impl From<String> for Line {
    fn from(text: String) -> Line {
        Line::event(Kind::Reply, text)
    }
}

/// The sending side of the feed; clones share one queue and one writer.
#[derive(Clone)]
pub(crate) struct Feed {
    shared: Arc<(Mutex<Queue>, Condvar)>,
}

#[derive(Default)]
struct Queue {
    lines: VecDeque<String>,
    /// By [`Kind::ALL`]: lines counted instead of kept since the last count was queued.
    skipped: [usize; Kind::ALL.len()],
    /// The last line skipped of each kind, in the order they came: shown after the count, so
    /// that the teacher sees where the class is (`answered 24 of 24`), not only how much passed.
    latest: Vec<Line>,
    /// Whether the writer is writing a line it has taken from the queue.
    writing: bool,
    /// Lines written so far, for [`Feed::drain`] to see the terminal move.
    written: u64,
}

impl Queue {
    fn skip(&mut self, line: Line) {
        let at = Kind::ALL.iter().position(|&k| k == line.kind).unwrap_or(0);
        self.skipped[at] += 1;
        self.latest.retain(|l| l.kind != line.kind);
        self.latest.push(line);
    }

    /// Queues what was skipped: the count of lines not shown, then the last of each kind.
    fn queue_skipped(&mut self) {
        let parts: Vec<String> = Kind::ALL
            .iter()
            .zip(self.skipped)
            .filter(|(_, n)| *n > 1)
            .map(|(kind, n)| crate::text::count(n - 1, kind.noun()))
            .collect();
        self.skipped = Default::default();
        if !parts.is_empty() {
            self.lines
                .push_back(format!("… {} not shown", parts.join(", ")));
        }
        for line in std::mem::take(&mut self.latest) {
            self.lines.push_back(line.text);
        }
    }

    fn idle(&self) -> bool {
        self.lines.is_empty() && !self.writing && self.latest.is_empty()
    }
}

impl Feed {
    /// A feed whose lines go to `out`, written on a thread of their own. An output that fails
    /// (`quiz host | head`) is not written to again, and the class goes on.
    pub(crate) fn start(out: impl Write + Send + 'static) -> Feed {
        let feed = Feed {
            shared: Arc::new((Mutex::new(Queue::default()), Condvar::new())),
        };
        let writer = feed.clone();
        std::thread::spawn(move || writer.write_all(out));
        feed
    }

    /// Queues a line, or counts it when too many wait.
    pub(crate) fn push(&self, line: impl Into<Line>) {
        let line = line.into();
        let mut queue = self.queue();
        if queue.lines.len() >= line.kind.room() {
            queue.skip(line);
            return;
        }
        queue.queue_skipped();
        queue.lines.push_back(line.text);
        self.shared.1.notify_all();
    }

    /// Waits until every line is written, or until the terminal has taken none for `patience`:
    /// a terminal that never reads again must not keep the host from exiting.
    pub(crate) fn drain(&self, patience: Duration) {
        let mut queue = self.queue();
        loop {
            if queue.idle() {
                return;
            }
            let written = queue.written;
            let (next, waited) = self
                .shared
                .1
                .wait_timeout_while(queue, patience, |q| !q.idle() && q.written == written)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            queue = next;
            if waited.timed_out() {
                return;
            }
        }
    }

    fn write_all(&self, mut out: impl Write) {
        let mut open = true;
        loop {
            let line = {
                let mut queue = self.queue();
                loop {
                    if queue.lines.is_empty() {
                        queue.queue_skipped();
                    }
                    if let Some(line) = queue.lines.pop_front() {
                        queue.writing = true;
                        break line;
                    }
                    queue = self
                        .shared
                        .1
                        .wait(queue)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
            };
            if open {
                open = writeln!(out, "{line}").and_then(|()| out.flush()).is_ok();
            }
            let mut queue = self.queue();
            queue.writing = false;
            queue.written += 1;
            self.shared.1.notify_all();
        }
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.shared
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// An output that tells when a write starts and holds it until let go, as a terminal
    /// stopped by Ctrl-S does; what it was given, line by line.
    struct Stopped {
        started: mpsc::Sender<()>,
        go: Arc<Mutex<()>>,
        written: Arc<Mutex<Vec<u8>>>,
    }

    impl Write for Stopped {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let _ = self.started.send(());
            let _held = self.go.lock().unwrap();
            self.written.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_terminal_that_falls_behind_sees_the_events_counted_the_last_of_each_and_every_reply() {
        let (started, writing) = mpsc::channel();
        let go = Arc::new(Mutex::new(()));
        let written = Arc::new(Mutex::new(Vec::new()));
        let stopped = go.lock().unwrap();
        let feed = Feed::start(Stopped {
            started,
            go: go.clone(),
            written: written.clone(),
        });
        feed.push("question 1 of 3 open".to_owned());
        writing.recv().unwrap();
        for n in 0..EVENTS_WAITING + 40 {
            feed.push(Line::event(Kind::Answer, format!("answered {n}")));
        }
        for n in 0..3 {
            feed.push(Line::event(Kind::Join, format!("joined {n}")));
        }
        feed.push("revealed question 1".to_owned());
        drop(stopped);
        feed.drain(Duration::from_secs(10));

        let text = String::from_utf8(written.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + EVENTS_WAITING + 4, "{text}");
        assert_eq!(lines[0], "question 1 of 3 open");
        assert_eq!(
            lines[EVENTS_WAITING],
            format!("answered {}", EVENTS_WAITING - 1)
        );
        assert_eq!(lines[EVENTS_WAITING + 1], "… 39 answers, 2 joins not shown");
        let last_answer = format!("answered {}", EVENTS_WAITING + 39);
        assert_eq!(lines[EVENTS_WAITING + 2], last_answer);
        assert_eq!(lines[EVENTS_WAITING + 3], "joined 2");
        assert_eq!(lines[EVENTS_WAITING + 4], "revealed question 1");
    }

    #[test]
    fn a_terminal_that_never_reads_again_does_not_hold_the_end() {
        let (started, writing) = mpsc::channel();
        let go = Arc::new(Mutex::new(()));
        let _stopped = go.lock().unwrap();
        let feed = Feed::start(Stopped {
            started,
            go: go.clone(),
            written: Arc::default(),
        });
        feed.push("results: 3 files".to_owned());
        writing.recv().unwrap();
        feed.drain(Duration::from_millis(50));
    }
}
