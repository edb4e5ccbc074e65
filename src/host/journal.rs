//! The class's journal: every event that changes the class, one JSON line each, appended to
//! `journal.jsonl` in the results folder as it happens. A host that crashes or loses power
//! loses nothing written there, and `quiz host --resume DIR` replays it.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::class::{Class, ClassEnd, Phase};
use super::refusal::Declined;
use super::snapshot::ClassSetup;
use super::story::{Chooser, Followed};
use crate::engine::{Confidence, Response};
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
        /// How sure the student said they were, in a class that asks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidence: Option<Confidence>,
    },
    /// Self-paced: the student moved on.
    Next {
        token: String,
    },
    /// Self-paced: the student went to question `question` (0-based), back or on again.
    GoTo {
        token: String,
        question: usize,
    },
    /// A self-paced exam: the student handed in.
    HandIn {
        token: String,
    },
    Remove {
        token: String,
    },
    Open {
        question: usize,
    },
    /// A branching scenario walked together: the class moved on from question `question`
    /// along the route it follows, which ends the story, and so the class.
    Ending {
        question: usize,
    },
    Reveal {
        question: usize,
    },
    /// A branching scenario walked together: the story follows route `route` (its place among
    /// the step's routes: choices in the bank's order, or right, partly, wrong) from question
    /// `question`, as the reveal's majority chose it or (`teacher`) the teacher.
    Follow {
        question: usize,
        route: usize,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        teacher: bool,
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

/// Appends entries as they happen. Each is written to the file (handed to the operating system)
/// before [`Journal::append`] returns, and `append` is called with the class's lock held, so the
/// lines stand in the order the events happened, and a page is told an answer is taken only once
/// it is in the file: a host killed at any moment keeps it. Syncing to the disk, which a power cut
/// needs, is done on a thread of its own, one sync for every burst of entries rather than one each.
/// A write that fails (a full disk) keeps what it could not write in memory and goes on from that
/// byte with the next entry, so the journal catches up once there is room and its lines stay whole.
pub(crate) struct Journal {
    file: File,
    path: PathBuf,
    /// The bytes a failed write left over: what the file lacks. Its lock is also what keeps
    /// two writes apart.
    unwritten: Mutex<Vec<u8>>,
    /// Set while entries wait in memory for a write that failed.
    behind: AtomicBool,
    /// Wakes the syncing thread: something was written since its last sync.
    written: Sender<()>,
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
        sync_folder(folder);
        Journal::start(file, path)
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
        Journal::start(file, path)
    }

    fn start(file: File, path: PathBuf) -> Result<Self, Error> {
        let for_sync = file.try_clone().map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        let (written, pending) = channel::<()>();
        std::thread::spawn(move || sync_batches(&for_sync, &pending));
        Ok(Journal {
            file,
            path,
            unwritten: Mutex::new(Vec::new()),
            behind: AtomicBool::new(false),
            written,
        })
    }

    /// Writes `entry`, an event that just changed `_class`. Taking the class, which is only
    /// reached through its lock, keeps every caller inside that lock: two events are written
    /// in the order they changed the class.
    pub(crate) fn append(&self, _class: &Class, entry: &Entry) {
        self.write(entry);
    }

    fn write(&self, entry: &Entry) {
        if let Some(line) = line_of(entry) {
            let mut unwritten = self.unwritten();
            unwritten.extend_from_slice(line.as_bytes());
            self.catch_up(&mut unwritten);
        }
    }

    fn unwritten(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.unwritten
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes what the file lacks; the teacher is warned once when writing fails and told when
    /// the journal has caught up.
    fn catch_up(&self, unwritten: &mut Vec<u8>) {
        let was_behind = self.behind.load(Ordering::SeqCst);
        match write_some(&mut &self.file, unwritten) {
            Ok(()) => {
                // The syncing thread only stops with the process.
                let _ = self.written.send(());
                if was_behind {
                    self.behind.store(false, Ordering::SeqCst);
                    eprintln!("the journal `{}` is written again", self.path.display());
                }
            }
            Err(error) if !was_behind => {
                self.behind.store(true, Ordering::SeqCst);
                eprintln!(
                    "warning: cannot write the journal `{}`: {error}; the class goes on, its \
                     answers are kept in memory and written to the journal once there is room",
                    self.path.display()
                );
            }
            // Failing as before: the teacher knows already.
            Err(_) => {}
        }
    }

    /// Whether entries still wait for a write that failed (after [`Journal::flush`]: whether
    /// the journal on disk lacks some of the class).
    pub(crate) fn is_behind(&self) -> bool {
        self.behind.load(Ordering::SeqCst)
    }

    /// Writes what a failed write left over, if there is room now, and syncs the journal to the
    /// disk, so that the host can exit without losing the last entries.
    pub(crate) fn flush(&self) {
        let mut unwritten = self.unwritten();
        if !unwritten.is_empty() {
            self.catch_up(&mut unwritten);
        }
        let _ = self.file.sync_data();
    }
}

fn line_of(entry: &Entry) -> Option<String> {
    serde_json::to_string(entry).ok().map(|line| line + "\n")
}

/// Syncs the folder's list of files, so that a power cut right after the class starts does not
/// lose the new journal itself. Not every system can open a folder to sync it; there the journal
/// is as safe as that system makes new files.
fn sync_folder(folder: &Path) {
    if let Ok(listing) = File::open(folder) {
        let _ = listing.sync_all();
    }
}

/// Syncs the journal to the disk whenever something was written since the last sync: while one
/// sync runs, every entry written meanwhile waits for the next, so a burst costs one or two.
fn sync_batches(file: &File, written: &Receiver<()>) {
    while written.recv().is_ok() {
        while written.try_recv().is_ok() {}
        // A failing disk shows in the writes, which the teacher is told about.
        let _ = file.sync_data();
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
            Err(reason) => {
                return Err(Error::DamagedJournal {
                    path,
                    line: number + 1,
                    reason: Box::new(reason),
                });
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

/// Why the journal cannot be replayed onto the class planned now.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReplayError {
    #[error(
        "the banks and options given ask other questions than the class in the journal \
         ({now} now, {then} then); run with the same banks and options"
    )]
    OtherQuestions { now: usize, then: usize },
    /// A line moves a branching scenario's story where it could not have gone.
    #[error("line {line} moves the story where it cannot go: {declined}")]
    StoryAstray { line: usize, declined: Declined },
}

/// The class as the journal left it. `class` is the class planned afresh with the journal's
/// seed; its questions must be the journal's.
pub(crate) fn replay(
    class: &mut Class,
    entries: &[Entry],
    now: Instant,
) -> Result<Replayed, ReplayError> {
    let mut replayed = Replayed::default();
    for (number, entry) in entries.iter().enumerate() {
        // Entries are the journal's lines, in order, from its first.
        let astray = |declined| ReplayError::StoryAstray {
            line: number + 1,
            declined,
        };
        match entry {
            Entry::Class {
                code,
                questions,
                started_at,
                ..
            } => {
                let planned = question_ids(class);
                if &planned != questions {
                    return Err(ReplayError::OtherQuestions {
                        now: planned.len(),
                        then: questions.len(),
                    });
                }
                class.code.clone_from(code);
                class.started_at.clone_from(started_at);
            }
            Entry::Join { token, name } => {
                class.seat_with(token.clone(), name.clone());
            }
            Entry::Answer {
                token,
                question,
                shown,
                seconds,
                confidence,
            } => {
                // A line the host wrote itself; one that no longer fits is left out.
                let _ = class.record(token, *question, shown.clone(), *seconds, *confidence);
            }
            Entry::Next { token } => {
                let _ = class.next_for(token);
            }
            Entry::GoTo { token, question } => {
                let _ = class.go_to(token, *question);
            }
            Entry::HandIn { token } => {
                let _ = class.hand_in(token);
            }
            Entry::Remove { token } => class.remove_token(token),
            Entry::Follow {
                question,
                route,
                teacher,
            } => class.set_followed(
                *question,
                Followed {
                    route: *route,
                    by: if *teacher {
                        Chooser::Teacher
                    } else {
                        Chooser::Majority
                    },
                },
            ),
            Entry::Open { question } => {
                // The step a branching scenario meets next is the one its followed route leads to.
                if *question > 0 && class.story.is_some() {
                    class.meet_next(*question - 1).map_err(astray)?;
                }
                class.phase = Phase::Open {
                    index: *question,
                    opened: now,
                };
            }
            Entry::Reveal { question } => class.phase = Phase::Revealed { index: *question },
            Entry::Ending { question } => {
                class.meet_next(*question).map_err(astray)?;
                class.end(ClassEnd::LastQuestion);
            }
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
        journal.write(&Entry::End);
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
        let error = read(folder.path()).err().expect("refused");
        assert!(
            matches!(error, Error::DamagedJournal { line: 2, .. }),
            "{error}"
        );
        assert_eq!(error.exit_code(), 3);
    }
}
