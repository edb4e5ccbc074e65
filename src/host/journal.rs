//! The class's journal: every event that changes the class, one JSON line each, appended to
//! `journal.jsonl` in the results folder as it happens, and `quiz host --resume DIR` replays it.
//! A host that is killed loses nothing a page was told was taken; a power cut loses at most the
//! entries of the last moment, those written since the last sync to the disk.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
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
    /// seat, by token, which the next pause or the end writes over.
    Pause {
        open_seconds: Option<f64>,
        results: BTreeMap<String, String>,
    },
    End,
}

/// Appends entries as they happen. Each is written to the file (handed to the operating system)
/// before [`Journal::append`] returns, and `append` is called with the class's lock held, so the
/// lines stand in the order the events happened, and a page is told an answer is taken only once
/// it is in the file: a host killed at any moment keeps it. Syncing to the disk, which a power cut
/// needs, is done on a thread of its own, one sync for every burst of entries rather than one each.
pub(crate) struct Journal {
    /// Written only under the class's lock (see [`Journal::append`]), so never by two at once.
    file: File,
    path: PathBuf,
    /// Wakes the syncing thread: something was written since its last sync.
    written: Sender<()>,
    /// Whether the teacher was told the journal cannot be written; said once.
    failed: AtomicBool,
}

impl Journal {
    /// Starts a new journal in `folder`, which must not hold one yet.
    pub(crate) fn create(folder: &Path, first: &Entry) -> Result<Self, Error> {
        let path = folder.join(FILE_NAME);
        let file = OpenOptions::new()
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
        let journal = Journal::start(file, path)?;
        journal.write(first);
        sync_folder(folder);
        Ok(journal)
    }

    /// Opens the journal in `folder` to go on appending to it, once its end is whole again: a
    /// last line cut short is cut off, and a last line without its line break gets one.
    pub(crate) fn reopen(folder: &Path, end: &End) -> Result<Self, Error> {
        let path = folder.join(FILE_NAME);
        let write_error = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(write_error)?;
        match end {
            End::Whole => {}
            End::Unfinished => file.write_all(b"\n").map_err(write_error)?,
            End::Torn { keep, .. } => file.set_len(*keep).map_err(write_error)?,
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
            written,
            failed: AtomicBool::new(false),
        })
    }

    /// Writes `entry`, an event that just changed `_class`. Taking the class, which is only
    /// reached through its lock, keeps every caller inside that lock: two events are written
    /// in the order they changed the class.
    pub(crate) fn append(&self, _class: &Class, entry: &Entry) {
        self.write(entry);
    }

    fn write(&self, entry: &Entry) {
        let Ok(mut line) = serde_json::to_string(entry) else {
            return;
        };
        line.push('\n');
        // One `write` of a whole line to a file opened for appending.
        match (&self.file).write_all(line.as_bytes()) {
            Ok(()) => {
                // The syncing thread only stops with the process.
                let _ = self.written.send(());
            }
            Err(error) if !self.failed.swap(true, Ordering::SeqCst) => eprintln!(
                "warning: cannot write the journal `{}`: {error}; the answers are kept and written \
                 to the results files at the end, but a host that stops before then loses them",
                self.path.display()
            ),
            Err(_) => {}
        }
    }

    /// Syncs what was written to the disk, before the host reports the class done.
    pub(crate) fn sync(&self) {
        let _ = self.file.sync_data();
    }
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

/// A journal as read back: its whole entries, and how its last line ends.
pub(crate) struct Contents {
    pub entries: Vec<Entry>,
    pub end: End,
}

/// How the journal's last line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// With a line break, as every line is written.
    Whole,
    /// A whole entry whose line break never reached the disk.
    Unfinished,
    /// Cut short mid-write (a crash or a power cut): the first `keep` bytes are whole lines,
    /// the `cut` bytes after them are left out.
    Torn { keep: u64, cut: usize },
}

/// Every whole entry of the journal in `folder`. A last line cut short by a crash is left out
/// (and [`Contents::end`] says so); a damaged line elsewhere is an error that names it.
pub(crate) fn read(folder: &Path) -> Result<Contents, Error> {
    let path = folder.join(FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    let mut entries = Vec::new();
    let mut end = End::Whole;
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
                    end = End::Unfinished;
                }
            }
            Err(_) if last => {
                end = End::Torn {
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
    Ok(Contents { entries, end })
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
            Entry::Join { token, name } => {
                class.seat_with(token.clone(), name.clone());
            }
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
            Entry::Pause {
                open_seconds,
                results,
            } => {
                // The open question goes on with the time it had been open before the pause.
                let open_for = open_seconds.and_then(|s| Duration::try_from_secs_f64(s).ok());
                if let (Phase::Open { opened, .. }, Some(open_for)) = (&mut class.phase, open_for) {
                    *opened = now.checked_sub(open_for).unwrap_or(now);
                }
                replayed.results.clone_from(results);
            }
            Entry::End => class.phase = Phase::Ended,
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
        let journal = Journal::reopen(folder.path(), &contents.end).unwrap();
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
            contents.end,
            End::Torn {
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
        assert_eq!(contents.end, End::Unfinished);
        assert_eq!(after, format!("{JOIN}\n{OPEN}\n{{\"event\":\"end\"}}\n"));
    }

    #[test]
    fn a_whole_journal_is_appended_to_as_it_is() {
        let (contents, after) = reopened(&format!("{JOIN}\n"));
        assert_eq!(contents.end, End::Whole);
        assert_eq!(after, format!("{JOIN}\n{{\"event\":\"end\"}}\n"));
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
