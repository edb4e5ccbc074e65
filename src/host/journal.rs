//! The class's journal: every event that changes the class, one JSON line each, appended to
//! `journal.jsonl` in the results folder as it happens. A host that crashes or loses power
//! loses nothing written there, and `quiz host --resume DIR` replays it.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
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

/// Appends entries on a thread of its own: each batch is written and synced to disk together,
/// so a burst of answers costs one sync, not one each.
#[derive(Clone)]
pub(crate) struct Journal {
    lines: Sender<String>,
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
        let journal = Journal::start(file, path);
        journal.append(first);
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
        Ok(Journal::start(file, path))
    }

    fn start(mut file: File, path: PathBuf) -> Self {
        let (lines, pending) = channel::<String>();
        std::thread::spawn(move || {
            if let Err(error) = write_batches(&mut file, &pending) {
                eprintln!(
                    "warning: cannot write the journal `{}`: {error}; the results files are still written at the end",
                    path.display()
                );
            }
        });
        Journal { lines }
    }

    pub(crate) fn append(&self, entry: &Entry) {
        if let Ok(mut line) = serde_json::to_string(entry) {
            line.push('\n');
            // The writer only stops on a write error, which it has reported already.
            let _ = self.lines.send(line);
        }
    }
}

fn write_batches(file: &mut File, pending: &Receiver<String>) -> std::io::Result<()> {
    while let Ok(first) = pending.recv() {
        let mut batch = first;
        while let Ok(more) = pending.try_recv() {
            batch.push_str(&more);
        }
        file.write_all(batch.as_bytes())?;
        file.sync_data()?;
    }
    Ok(())
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
