//! The class's journal: every event that changes the class, one JSON line each, appended to
//! `journal.jsonl` in the results folder as it happens, and `quiz host --resume DIR` replays it.
//! A host that is killed loses nothing a page was told was taken; a power cut loses at most the
//! entries of the last moment, those written since the last sync to the disk.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::class::{Class, Phase};
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

    /// Opens the journal in `folder` to go on appending to it.
    pub(crate) fn reopen(folder: &Path) -> Result<Self, Error> {
        let path = folder.join(FILE_NAME);
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
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

/// Every whole entry of the journal in `folder`. A last line cut short by a crash is left out;
/// a damaged line elsewhere is an error that names it.
pub(crate) fn read(folder: &Path) -> Result<Vec<Entry>, Error> {
    let path = folder.join(FILE_NAME);
    let file = File::open(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    let lines: Vec<String> = BufReader::new(file)
        .lines()
        .collect::<Result<_, _>>()
        .map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
    let last = lines.len().saturating_sub(1);
    let mut entries = Vec::new();
    for (number, line) in lines.iter().enumerate() {
        match serde_json::from_str(line) {
            Ok(entry) => entries.push(entry),
            Err(_) if number == last => {}
            Err(e) => {
                return Err(Error::Usage(format!(
                    "`{}` line {}: not a journal entry ({e})",
                    path.display(),
                    number + 1
                )));
            }
        }
    }
    Ok(entries)
}

/// The class as the journal left it. `class` is the class planned afresh with the journal's
/// seed; its questions must be the journal's.
pub(crate) fn replay(class: &mut Class, entries: &[Entry], now: Instant) -> Result<(), String> {
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
        }
    }
    Ok(())
}

/// `bank/question` for each question of the class, in order.
pub(crate) fn question_ids(class: &Class) -> Vec<String> {
    class
        .plan
        .iter()
        .map(|p| format!("{}/{}", p.bank.id, p.question.id))
        .collect()
}
