//! SQLite's own check of the file, done before the first write: writing into a damaged file can
//! spread the damage. And when only reading (`stats`, `history`), damage met on the way ends a
//! reading with what was read before it, as far as the file can still be read.
//!
//! The check reads every page, so it grows with the history. It runs on a second, read-only
//! connection while the banks load and the first question is on screen, and the first write waits
//! for its verdict: the learner never waits for it before a question.

use std::cell::RefCell;
use std::path::Path;
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags};

use super::BUSY_TIMEOUT;

/// What the check found, once it is known.
enum Verdict {
    Running(JoinHandle<rusqlite::Result<String>>),
    /// `ok`, or SQLite's first complaint.
    Found(String),
    /// The check could not run on its own connection: the first write runs it.
    NotRun,
}

pub(super) struct DamageCheck {
    verdict: RefCell<Verdict>,
}

impl DamageCheck {
    /// Starts checking the database at `path` on its own connection.
    pub(super) fn start(path: &Path) -> DamageCheck {
        let path = path.to_path_buf();
        let running = std::thread::Builder::new()
            .name("quick_check".into())
            .spawn(move || {
                quick_check(&Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY,
                )?)
            });
        DamageCheck {
            verdict: RefCell::new(match running {
                Ok(handle) => Verdict::Running(handle),
                Err(_) => Verdict::NotRun,
            }),
        }
    }

    /// SQLite's verdict on the file: `ok`, or what is damaged. Waits for the check when it is
    /// still running; runs it on `conn` when it could not run on its own.
    pub(super) fn verdict(&self, conn: &Connection) -> rusqlite::Result<String> {
        let mut verdict = self.verdict.borrow_mut();
        let found = match std::mem::replace(&mut *verdict, Verdict::NotRun) {
            Verdict::Found(found) => found,
            Verdict::Running(handle) => match handle.join() {
                Ok(Ok(found)) => found,
                // The second connection failed (or its thread did): ask on this one.
                Ok(Err(_)) | Err(_) => quick_check(conn)?,
            },
            Verdict::NotRun => quick_check(conn)?,
        };
        *verdict = Verdict::Found(found.clone());
        Ok(found)
    }
}

fn quick_check(conn: &Connection) -> rusqlite::Result<String> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
}

/// Whether SQLite stopped because the file is damaged (rather than busy, read-only or missing).
pub(super) fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}
