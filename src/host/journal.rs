//! The class's journal: every event that changes the class, one JSON line each, appended to
//! `journal.jsonl` in the results folder as it happens. A host that crashes or loses power
//! loses nothing written there, and `quiz host --resume DIR` replays it.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::class::{Class, Phase};
use super::snapshot::ClassSetup;
use crate::engine::Response;
use crate::error::Error;

pub(crate) const FILE_NAME: &str = "journal.jsonl";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub(crate) enum Entry {
    /// The first line: what class this is.
    Class {
        code: String,
        seed: u64,
        /// `bank/question` ids in the order asked.
        questions: Vec<String>,
        started_at: String,
        /// What the class was set up with; journals of older versions have none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        setup: Option<Box<ClassSetup>>,
    },
    Join {
        token: String,
        name: String,
    },
    /// `question` is 0-based; `shown` uses the positions the student saw.
    Answer {
        token: String,
        question: usize,
        shown: Response,
        seconds: f64,
    },
    /// Self-paced: the student moved on.
    Next {
        token: String,
    },
    Remove {
        token: String,
    },
    Open {
        question: usize,
    },
    Reveal {
        question: usize,
    },
    /// The host stopped without ending the class. `open_seconds`: how long the open question
    /// (self-paced: the class) had been open. `results`: the results file written for each
    /// seat, by token, which the next pause or the end writes over. `ended`: the class was
    /// ended, but some results files could not be written; resuming writes them.
    Pause {
        open_seconds: Option<f64>,
        results: BTreeMap<String, String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        ended: bool,
    },
    End,
}

/// Appends entries on a thread of its own: each batch is written and synced to disk together,
/// so a burst of answers costs one sync, not one each. A write that fails (a full disk) is
/// tried again with the next batch, from the byte where it stopped, so the journal catches up
/// once there is room and its lines stay whole.
#[derive(Clone)]
pub(crate) struct Journal {
    lines: Sender<Pending>,
    /// Set while entries wait in memory for a write that failed.
    behind: Arc<AtomicBool>,
}

/// What the writer thread is sent: a line to append, or someone waiting for the lines before.
enum Pending {
    Line(String),
    Flushed(Sender<()>),
}

impl Journal {
    /// Starts a new journal in `folder`, which must not hold one yet. Its first line is written
    /// and synced before the class starts: a folder that cannot take it (a full disk) is refused
    /// then, not found out at the end.
    pub(crate) fn create(folder: &Path, first: &Entry) -> Result<Self, Error> {
        let path = folder.join(FILE_NAME);
        let mut file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                    "`{}` holds a class already ({FILE_NAME}); continue it with --resume {} or pick another folder",
                    folder.display(),
                    folder.display()
                )),
                _ => Error::Write {
                    path: path.clone(),
                    source,
                },
            })?;
        let line = line_of(first).unwrap_or_default();
        if let Err(source) = file
            .write_all(line.as_bytes())
            .and_then(|()| file.sync_data())
        {
            drop(file);
            // Nothing of the class is in it: the folder is left as it was found.
            let _ = std::fs::remove_file(&path);
            return Err(Error::Write { path, source });
        }
        Ok(Journal::start(file, path))
    }

    /// Opens the journal in `folder` to go on appending to it, once its end is whole again: a
    /// last line cut short is cut off, and a last line without its line break gets one.
    pub(crate) fn reopen(folder: &Path, last_line: &LastLine) -> Result<Self, Error> {
        let path = folder.join(FILE_NAME);
        let write_error = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(write_error)?;
        match last_line {
            LastLine::Whole => {}
            LastLine::Unfinished => file.write_all(b"\n").map_err(write_error)?,
            LastLine::Torn { keep, .. } => file.set_len(*keep).map_err(write_error)?,
        }
        file.sync_data().map_err(write_error)?;
        Ok(Journal::start(file, path))
    }

    fn start(mut file: File, path: PathBuf) -> Self {
        let (lines, pending) = channel::<Pending>();
        let behind = Arc::new(AtomicBool::new(false));
        let flag = behind.clone();
        std::thread::spawn(move || write_batches(&mut file, &path, &pending, &flag));
        Journal { lines, behind }
    }

    pub(crate) fn append(&self, entry: &Entry) {
        if let Some(line) = line_of(entry) {
            // The writer runs as long as the host does.
            let _ = self.lines.send(Pending::Line(line));
        }
    }

    /// Whether entries still wait for a write that failed (after [`Journal::flush`]: whether
    /// the journal on disk lacks some of the class).
    pub(crate) fn is_behind(&self) -> bool {
        self.behind.load(Ordering::SeqCst)
    }

    /// Waits until every entry appended so far is on disk (or the writer has stopped on an
    /// error it reported), so that the host can exit without losing the last ones.
    pub(crate) fn flush(&self) {
        let (done, wait) = channel();
        if self.lines.send(Pending::Flushed(done)).is_ok() {
            let _ = wait.recv_timeout(FLUSH_WAIT);
        }
    }
}

/// The longest the host waits for the journal's last lines to reach the disk before it exits.
const FLUSH_WAIT: Duration = Duration::from_secs(10);

fn line_of(entry: &Entry) -> Option<String> {
    serde_json::to_string(entry).ok().map(|line| line + "\n")
}

/// Writes what comes, a batch at a time. Bytes that could not be written stay in `unwritten`
/// and go first with the next batch; the teacher is warned once when writing fails and told
/// when the journal has caught up.
fn write_batches(file: &mut File, path: &Path, pending: &Receiver<Pending>, behind: &AtomicBool) {
    let mut unwritten: Vec<u8> = Vec::new();
    while let Ok(first) = pending.recv() {
        let mut waiting = Vec::new();
        for next in std::iter::once(first).chain(std::iter::from_fn(|| pending.try_recv().ok())) {
            match next {
                Pending::Line(line) => unwritten.extend_from_slice(line.as_bytes()),
                Pending::Flushed(done) => waiting.push(done),
            }
        }
        let was_behind = behind.load(Ordering::SeqCst);
        let written = write_some(file, &mut unwritten).and_then(|()| file.sync_data());
        match (written, was_behind) {
            (Ok(()), true) => {
                behind.store(false, Ordering::SeqCst);
                eprintln!("the journal `{}` is written again", path.display());
            }
            (Err(error), false) => {
                behind.store(true, Ordering::SeqCst);
                eprintln!(
                    "warning: cannot write the journal `{}`: {error}; the class goes on, its \
                     answers are kept in memory and written to the journal once there is room",
                    path.display()
                );
            }
            // Written as before, or failing as before: the teacher knows already.
            _ => {}
        }
        for done in waiting {
            let _ = done.send(());
        }
    }
}

/// Writes `bytes`, removing what was written: after an error, what is left is exactly what
/// the file lacks.
fn write_some(out: &mut impl Write, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    while !bytes.is_empty() {
        match out.write(bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(written) => drop(bytes.drain(..written)),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// A journal as read back: its whole entries, and how its last line ends.
pub(crate) struct Contents {
    pub entries: Vec<Entry>,
    pub last_line: LastLine,
}

/// How the journal's last line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LastLine {
    /// With a line break, as every line is written.
    Whole,
    /// A whole entry whose line break never reached the disk.
    Unfinished,
    /// Cut short mid-write (a crash or a power cut): the first `keep` bytes are whole lines,
    /// the `cut` bytes after them are left out.
    Torn { keep: u64, cut: usize },
}

/// Every whole entry of the journal in `folder`. A last line cut short by a crash is left out
/// (and [`Contents::last_line`] says so); a damaged line elsewhere is an error that names it.
pub(crate) fn read(folder: &Path) -> Result<Contents, Error> {
    let path = folder.join(FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    let mut entries = Vec::new();
    let mut last_line = LastLine::Whole;
    let mut offset = 0;
    let mut lines = bytes
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .peekable();
    while let Some((number, line)) = lines.next() {
        let last = lines.peek().is_none();
        let ended = line.ends_with(b"\n");
        match serde_json::from_slice(line.strip_suffix(b"\n").unwrap_or(line)) {
            Ok(entry) => {
                entries.push(entry);
                if last && !ended {
                    last_line = LastLine::Unfinished;
                }
            }
            Err(_) if last => {
                last_line = LastLine::Torn {
                    keep: offset as u64,
                    cut: line.len(),
                };
            }
            Err(e) => {
                return Err(Error::Usage(format!(
                    "`{}` line {}: not a journal entry ({e})",
                    path.display(),
                    number + 1
                )));
            }
        }
        offset += line.len();
    }
    Ok(Contents { entries, last_line })
}

/// What the journal says beside the state of the class.
#[derive(Debug, Default)]
pub(crate) struct Replayed {
    /// The results file written for each seat at the last pause, by token.
    pub results: BTreeMap<String, String>,
}

/// The class as the journal left it. `class` is the class planned afresh with the journal's
/// seed; its questions must be the journal's.
pub(crate) fn replay(
    class: &mut Class,
    entries: &[Entry],
    now: Instant,
) -> Result<Replayed, String> {
    let mut replayed = Replayed::default();
    for entry in entries {
        match entry {
            Entry::Class {
                code,
                questions,
                started_at,
                ..
            } => {
                let planned = question_ids(class);
                if &planned != questions {
                    return Err(format!(
                        "the banks and options given ask other questions than the class in the journal \
                         ({} now, {} then); run with the same banks and options",
                        planned.len(),
                        questions.len()
                    ));
                }
                class.code.clone_from(code);
                class.started_at.clone_from(started_at);
            }
            Entry::Join { token, name } => class.seat_with(token.clone(), name.clone()),
            Entry::Answer {
                token,
                question,
                shown,
                seconds,
            } => {
                // A line the host wrote itself; one that no longer fits is left out.
                let _ = class.record(token, *question, shown.clone(), *seconds);
            }
            Entry::Next { token } => {
                let _ = class.next_for(token);
            }
            Entry::Remove { token } => class.remove_token(token),
            Entry::Open { question } => {
                class.phase = Phase::Open {
                    index: *question,
                    opened: now,
                };
            }
            Entry::Reveal { question } => class.phase = Phase::Revealed { index: *question },
            Entry::End => class.phase = Phase::Ended,
            Entry::Pause {
                ended: true,
                results,
                ..
            } => {
                class.phase = Phase::Ended;
                replayed.results.clone_from(results);
            }
            Entry::Pause {
                open_seconds,
                results,
                ..
            } => {
                // The open question goes on with the time it had been open before the pause.
                let open_for = open_seconds.and_then(|s| Duration::try_from_secs_f64(s).ok());
                if let (Phase::Open { opened, .. }, Some(open_for)) = (&mut class.phase, open_for) {
                    *opened = now.checked_sub(open_for).unwrap_or(now);
                }
                replayed.results.clone_from(results);
            }
        }
    }
    Ok(replayed)
}

/// `bank/question` for each question of the class, in order.
pub(crate) fn question_ids(class: &Class) -> Vec<String> {
    class
        .plan
        .iter()
        .map(|p| format!("{}/{}", p.bank.id, p.question.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOIN: &str = r#"{"event":"join","token":"t1","name":"Ana"}"#;
    const OPEN: &str = r#"{"event":"open","question":0}"#;

    /// A journal holding `text`, read back and reopened; what the file then holds.
    fn reopened(text: &str) -> (Contents, String) {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join(FILE_NAME), text).unwrap();
        let contents = read(folder.path()).unwrap();
        let journal = Journal::reopen(folder.path(), &contents.last_line).unwrap();
        journal.append(&Entry::End);
        journal.flush();
        let after = std::fs::read_to_string(folder.path().join(FILE_NAME)).unwrap();
        (contents, after)
    }

    #[test]
    fn a_last_line_cut_short_is_left_out_and_cut_off_before_the_next_line() {
        let whole = format!("{JOIN}\n{OPEN}\n");
        let torn = r#"{"event":"ans"#;
        let (contents, after) = reopened(&format!("{whole}{torn}"));
        assert_eq!(contents.entries.len(), 2);
        assert_eq!(
            contents.last_line,
            LastLine::Torn {
                keep: whole.len() as u64,
                cut: torn.len()
            }
        );
        assert_eq!(after, format!("{whole}{{\"event\":\"end\"}}\n"));
    }

    #[test]
    fn a_last_entry_without_its_line_break_is_kept_and_ended() {
        let (contents, after) = reopened(&format!("{JOIN}\n{OPEN}"));
        assert_eq!(contents.entries.len(), 2);
        assert_eq!(contents.last_line, LastLine::Unfinished);
        assert_eq!(after, format!("{JOIN}\n{OPEN}\n{{\"event\":\"end\"}}\n"));
    }

    #[test]
    fn a_whole_journal_is_appended_to_as_it_is() {
        let (contents, after) = reopened(&format!("{JOIN}\n"));
        assert_eq!(contents.last_line, LastLine::Whole);
        assert_eq!(after, format!("{JOIN}\n{{\"event\":\"end\"}}\n"));
    }

    /// A disk with room for `room` more bytes.
    struct Disk {
        written: Vec<u8>,
        room: usize,
    }

    impl Write for Disk {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            let taken = bytes.len().min(self.room);
            self.written.extend_from_slice(&bytes[..taken]);
            self.room -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_on_a_full_disk_goes_on_from_the_byte_where_it_stopped() {
        let mut disk = Disk {
            written: Vec::new(),
            room: 10,
        };
        let mut pending = format!("{JOIN}\n").into_bytes();
        assert!(write_some(&mut disk, &mut pending).is_err());
        assert_eq!(disk.written, JOIN.as_bytes()[..10]);
        pending.extend_from_slice(format!("{OPEN}\n").as_bytes());
        disk.room = 1000;
        write_some(&mut disk, &mut pending).unwrap();
        assert!(pending.is_empty());
        assert_eq!(
            String::from_utf8(disk.written).unwrap(),
            format!("{JOIN}\n{OPEN}\n")
        );
    }

    #[test]
    fn a_damaged_line_before_the_last_is_an_error_that_names_it() {
        let folder = tempfile::tempdir().unwrap();
        let text = format!("{JOIN}\n{{\"event\":\"ans{OPEN}\n{OPEN}\n");
        std::fs::write(folder.path().join(FILE_NAME), text).unwrap();
        let error = read(folder.path()).err().expect("refused").to_string();
        assert!(error.contains("line 2: not a journal entry"), "{error}");
    }
}
