//! The progress database: one row per graded answer, in SQLite.
//!
//! WAL mode and one autocommitted insert per answer mean that a crash, Ctrl-C or a closed terminal
//! loses at most the question on screen. A busy timeout lets several `quiz` processes write at
//! once without losing rows.

mod damage;
pub(crate) mod location;
pub(crate) mod parameters;
pub(crate) mod schema;
pub(crate) mod states;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, params};

use damage::{DamageCheck, is_damage};

use location::planted_link;
pub(crate) use location::{DATA_DIR_VAR, FILE_NAME, data_dir};
pub(crate) use parameters::Parameters;
pub(crate) use states::{KeptProgress, Mark, Writing};

/// How long a write waits for another process's write to finish. Writes take milliseconds, so
/// reaching this means something holds the database for good (and the answer is not saved).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data folder could be found; set {DATA_DIR_VAR} or pass --data-dir")]
    NoDataDir,

    #[error("cannot create the data folder `{}`: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("`{}`: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("`{}` has schema version {found}, newer than this quiz knows ({}); update quiz", path.display(), schema::VERSION)]
    TooNew { path: PathBuf, found: i64 },

    /// A symbolic link where the database or its log would be: not followed.
    #[error("`{}` is a symbolic link; the progress database is not opened through one (a link planted there could send it anywhere). Remove the link, or give the folder it leads to with --data-dir", path.display())]
    Link { path: PathBuf },

    /// SQLite's own check found the file damaged; nothing more is written into it.
    #[error("`{}` is damaged ({detail}); nothing is written into it. Move it aside to start a new one; `quiz stats` may still read what is left", path.display())]
    Damaged { path: PathBuf, detail: String },
}

impl From<StoreError> for crate::error::Error {
    fn from(error: StoreError) -> Self {
        crate::error::Error::Store(Box::new(error))
    }
}

/// How a recorded answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sitting {
    Practice,
    Exam,
    Review,
}

impl Sitting {
    /// The name kept in the database's `mode` column.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Sitting::Practice => "practice",
            Sitting::Exam => "exam",
            Sitting::Review => "review",
        }
    }
}

/// One answer to record.
#[derive(Debug, Clone)]
pub(crate) struct NewAnswer<'a> {
    pub bank_id: &'a str,
    pub bank_version: u32,
    pub question_id: &'a str,
    pub content_hash: &'a str,
    /// Unix seconds, UTC.
    pub answered_at: i64,
    pub mode: Sitting,
    /// The response as JSON.
    pub answer: &'a str,
    pub points: f64,
    pub max_points: f64,
    pub seconds: f64,
    /// How sure the learner said they were: 1, 2 or 3; none when not asked.
    pub confidence: Option<u8>,
}

impl NewAnswer<'_> {
    /// The answer as it reads back once recorded.
    pub(crate) fn stored(&self) -> StoredAnswer {
        StoredAnswer {
            bank_id: self.bank_id.to_owned(),
            question_id: self.question_id.to_owned(),
            content_hash: self.content_hash.to_owned(),
            answered_at: self.answered_at,
            points: self.points,
            max_points: self.max_points,
            seconds: self.seconds,
            confidence: self.confidence,
        }
    }
}

/// An answer given with a confidence, as the calibration reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConfidentAnswer {
    pub bank_id: String,
    pub question_id: String,
    /// 1 guessing, 2 fairly sure, 3 certain.
    pub level: u8,
    pub points: f64,
    pub max_points: f64,
}

/// One recorded answer, as read back: what scheduling and statistics use (not the response).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredAnswer {
    pub bank_id: String,
    pub question_id: String,
    pub content_hash: String,
    pub answered_at: i64,
    pub points: f64,
    pub max_points: f64,
    pub seconds: f64,
    /// 1, 2 or 3 when confidence was asked.
    pub confidence: Option<u8>,
}

pub(crate) struct Store {
    conn: Connection,
    path: PathBuf,
    /// `None` for a store opened only to read.
    damage: Option<DamageCheck>,
    /// What SQLite said of the damage that cut a reading short, on a store opened only to read.
    damage_met: std::cell::RefCell<Option<String>>,
}

impl Store {
    /// Opens (creating if needed) `progress.db` in `dir` and brings its schema up to date.
    pub(crate) fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
        refuse_links(dir)?;
        let path = dir.join(FILE_NAME);
        let sqlite = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let conn = Connection::open(&path).map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        // A garbage file only fails at its first read: this is it.
        enable_wal(&conn).map_err(sqlite)?;
        // NORMAL is durable against a crash of the process, which is what can happen mid-quiz.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        let damage = Some(DamageCheck::start(&path));
        let mut store = Store {
            conn,
            path,
            damage,
            damage_met: std::cell::RefCell::default(),
        };
        if schema::user_version(&store.conn).map_err(|e| store.fail(e))? < schema::VERSION {
            // Bringing the schema up to date writes.
            store.check_undamaged()?;
        }
        match schema::migrate(&mut store.conn).map_err(|e| store.fail(e))? {
            schema::Migrated::UpToDate => Ok(store),
            schema::Migrated::TooNew(found) => Err(StoreError::TooNew {
                path: store.path,
                found,
            }),
        }
    }

    /// Opens the database in `dir` if there is one, to change it (`history --clear`); `None`
    /// when nothing was ever recorded there.
    pub(crate) fn open_existing(dir: &Path) -> Result<Option<Store>, StoreError> {
        refuse_links(dir)?;
        if dir.join(FILE_NAME).exists() {
            Store::open(dir).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Opens the database in `dir` only to read it, as `stats` and `history` do: it works on a
    /// read-only folder or mount (opened as immutable there), and a damaged file is read as far
    /// as it can be. `None` when nothing was ever recorded there.
    pub(crate) fn open_to_read(dir: &Path) -> Result<Option<Store>, StoreError> {
        refuse_links(dir)?;
        let path = dir.join(FILE_NAME);
        if !path.exists() {
            return Ok(None);
        }
        let sqlite = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let writable_folder = std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
            && tempfile::tempfile_in(dir).is_ok();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = if writable_folder {
            Connection::open_with_flags(&path, flags)
        } else {
            // Without a writable folder SQLite cannot make the WAL's shared-memory file; a file
            // nobody can be writing to is read as immutable instead.
            let uri = format!("file:{}?immutable=1", uri_path(&path));
            Connection::open_with_flags(uri, flags)
        }
        .map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        match schema::user_version(&conn).map_err(sqlite)? {
            found if found > schema::VERSION => Err(StoreError::TooNew { path, found }),
            _ => Ok(Some(Store {
                conn,
                path,
                damage: None,
                damage_met: std::cell::RefCell::default(),
            })),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Fails with [`StoreError::Damaged`] when SQLite finds the file damaged. Every write asks
    /// first; the check itself runs once.
    fn check_undamaged(&self) -> Result<(), StoreError> {
        let Some(damage) = &self.damage else {
            return Ok(());
        };
        match damage.verdict(&self.conn).map_err(|e| self.fail(e))? {
            verdict if verdict == "ok" => Ok(()),
            detail => Err(StoreError::Damaged {
                path: self.path.clone(),
                detail,
            }),
        }
    }

    /// The rows `read` gives. On a store opened only to read, damage met on the way ends the
    /// reading with the rows read before it, and is noted for [`Store::damage_met`].
    fn read_left<T>(
        &self,
        read: impl FnOnce(&mut Vec<T>) -> rusqlite::Result<()>,
    ) -> Result<Vec<T>, StoreError> {
        let mut rows = Vec::new();
        match read(&mut rows) {
            Ok(()) => Ok(rows),
            Err(error) if self.damage.is_none() && is_damage(&error) => {
                self.damage_met.replace(Some(error.to_string()));
                Ok(rows)
            }
            Err(error) => Err(self.fail(error)),
        }
    }

    /// What SQLite said of damage that cut a reading short; `None` when every reading was whole.
    pub(crate) fn damage_met(&self) -> Option<String> {
        self.damage_met.borrow().clone()
    }

    fn fail(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Commits one answer at once, without the state it changes: the next reader finds the
    /// states behind the answers and rebuilds them.
    #[cfg(test)]
    pub(crate) fn record(&self, a: &NewAnswer) -> Result<(), StoreError> {
        let writing = self.write()?;
        writing.insert_answer(a)?;
        writing.commit()
    }

    /// The answers to the questions of these banks, oldest first (ties in the order they were
    /// recorded). Other banks' rows are not read.
    pub(crate) fn answers(&self, bank_ids: &[&str]) -> Result<Vec<StoredAnswer>, StoreError> {
        let mut out = Vec::new();
        for bank_id in bank_ids {
            out.extend(self.read_left(|out| {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT {STORED_COLUMNS}
                     FROM answers WHERE bank_id = ?1 AND {READABLE} ORDER BY answered_at, id"
                ))?;
                for row in stmt.query_map([bank_id], stored_answer)? {
                    out.push(row?);
                }
                Ok(())
            })?);
        }
        out.sort_by_key(|a| a.answered_at);
        Ok(out)
    }

    /// How many answers are recorded, for one bank or all.
    pub(crate) fn count(&self, bank: Option<&str>) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM answers WHERE ?1 IS NULL OR bank_id = ?1",
                [bank],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as u64)
            .map_err(|e| self.fail(e))
    }

    /// Answers per bank id, for `quiz history`.
    pub(crate) fn count_by_bank(&self) -> Result<Vec<(String, u64)>, StoreError> {
        self.read_left(|out| {
            let mut stmt = self.conn.prepare(
                "SELECT bank_id, count(*) FROM answers GROUP BY bank_id ORDER BY bank_id",
            )?;
            for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))? {
                out.push(row?);
            }
            Ok(())
        })
    }

    /// Deletes the answers of one bank, or all, with their states; returns how many went.
    pub(crate) fn clear(&self, bank: Option<&str>) -> Result<u64, StoreError> {
        self.check_undamaged()?;
        let clear = || -> rusqlite::Result<usize> {
            let tx = self.conn.unchecked_transaction()?;
            let deleted = tx.execute(
                "DELETE FROM answers WHERE ?1 IS NULL OR bank_id = ?1",
                [bank],
            )?;
            tx.execute(
                "DELETE FROM question_states WHERE ?1 IS NULL OR bank_id = ?1",
                [bank],
            )?;
            tx.execute(
                "DELETE FROM state_banks WHERE ?1 IS NULL OR bank_id = ?1",
                [bank],
            )?;
            tx.commit()?;
            Ok(deleted)
        };
        clear().map(|n| n as u64).map_err(|e| self.fail(e))
    }

    /// The local days (day numbers counted from 1970-01-01 at `offset_seconds` east of UTC) on
    /// which any of these banks' questions were answered, found one day at a time through the
    /// index on answer time rather than by reading every answer.
    pub(crate) fn study_days(
        &self,
        bank_ids: &[&str],
        offset_seconds: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let mut days = Vec::new();
        for bank_id in bank_ids {
            days.extend(self.read_left(|days| {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT min(answered_at) FROM answers WHERE bank_id = ?1 AND answered_at >= ?2",
                )?;
                let mut from = i64::MIN;
                while let Some(at) =
                    stmt.query_row(params![bank_id, from], |r| r.get::<_, Option<i64>>(0))?
                {
                    let day = (at + offset_seconds).div_euclid(DAY_SECONDS);
                    days.push(day);
                    from = (day + 1) * DAY_SECONDS - offset_seconds;
                }
                Ok(())
            })?);
        }
        days.sort_unstable();
        days.dedup();
        Ok(days)
    }

    /// The answer to one card, in its current content, that earned the largest share of its
    /// points: (points, max points).
    pub(crate) fn best_answer(
        &self,
        bank_id: &str,
        question_id: &str,
        content_hash: &str,
    ) -> Result<Option<(f64, f64)>, StoreError> {
        let rows = self.read_left(|out| {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT points, max_points FROM answers
                 WHERE bank_id = ?1 AND question_id = ?2 AND content_hash = ?3 AND {READABLE}
                 ORDER BY CASE WHEN max_points > 0 THEN points / max_points ELSE 1 END DESC
                 LIMIT 1"
            ))?;
            for row in stmt.query_map(params![bank_id, question_id, content_hash], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })? {
                out.push(row?);
            }
            Ok(())
        })?;
        Ok(rows.into_iter().next())
    }

    /// When each answer to these banks since `since` (Unix seconds) was given, and its points.
    pub(crate) fn points_since(
        &self,
        bank_ids: &[&str],
        since: i64,
    ) -> Result<Vec<(i64, f64, f64)>, StoreError> {
        let mut out = Vec::new();
        for bank_id in bank_ids {
            out.extend(self.read_left(|out| {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT answered_at, points, max_points FROM answers
                     WHERE bank_id = ?1 AND answered_at >= ?2 AND {READABLE}"
                ))?;
                for row in stmt.query_map(params![bank_id, since], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })? {
                    out.push(row?);
                }
                Ok(())
            })?);
        }
        Ok(out)
    }

    /// The questions of these banks answered since `since` (Unix seconds), and all the answers
    /// to each, oldest first: what the true retention of the last days is worked out from.
    pub(crate) fn answers_of_questions_answered_since(
        &self,
        bank_ids: &[&str],
        since: i64,
    ) -> Result<Vec<StoredAnswer>, StoreError> {
        let mut out = Vec::new();
        for bank_id in bank_ids {
            out.extend(self.read_left(|out| {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT DISTINCT question_id FROM answers
                     WHERE bank_id = ?1 AND answered_at >= ?2 AND {READABLE}"
                ))?;
                let questions: Vec<String> = stmt
                    .query_map(params![bank_id, since], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for question in questions {
                    out.extend(question_answers(&self.conn, bank_id, &question)?);
                }
                Ok(())
            })?);
        }
        Ok(out)
    }

    /// Every answer to these banks given with a confidence.
    pub(crate) fn confident_answers(
        &self,
        bank_ids: &[&str],
    ) -> Result<Vec<ConfidentAnswer>, StoreError> {
        let mut out = Vec::new();
        for bank_id in bank_ids {
            out.extend(self.read_left(|out| {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT bank_id, question_id, level, points, max_points
                     FROM answers JOIN answer_confidence ON answer_id = answers.id
                     WHERE bank_id = ?1 AND {READABLE} ORDER BY answered_at, answers.id"
                ))?;
                for row in stmt.query_map(params![bank_id], |r| {
                    Ok(ConfidentAnswer {
                        bank_id: r.get(0)?,
                        question_id: r.get(1)?,
                        level: r.get(2)?,
                        points: r.get(3)?,
                        max_points: r.get(4)?,
                    })
                })? {
                    out.push(row?);
                }
                Ok(())
            })?);
        }
        Ok(out)
    }
}

const DAY_SECONDS: i64 = 86_400;

fn refuse_links(dir: &Path) -> Result<(), StoreError> {
    match planted_link(dir) {
        Some(path) => Err(StoreError::Link { path }),
        None => Ok(()),
    }
}

/// The answers rows that can be read: one odd row (a blob or text where a number belongs) must
/// not stop `stats` or `review` from reading all the others. Every query that reads answers
/// for scheduling or statistics keeps to these.
pub(crate) const READABLE: &str = "typeof(answered_at) = 'integer' \
    AND typeof(points) IN ('integer', 'real') AND typeof(max_points) IN ('integer', 'real') \
    AND typeof(seconds) IN ('integer', 'real') AND typeof(content_hash) = 'text' \
    AND typeof(question_id) = 'text'";

/// A path as the path of a `file:` URI: the characters that end or escape it are percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

fn stored_answer(r: &rusqlite::Row) -> rusqlite::Result<StoredAnswer> {
    Ok(StoredAnswer {
        bank_id: r.get(0)?,
        question_id: r.get(1)?,
        content_hash: r.get(2)?,
        answered_at: r.get(3)?,
        points: r.get(4)?,
        max_points: r.get(5)?,
        seconds: r.get(6)?,
        // A level that is not 1 to 3 cannot be written (the table checks it).
        confidence: r
            .get::<_, Option<i64>>(7)?
            .and_then(|level| u8::try_from(level).ok()),
    })
}

/// The answers to one question, oldest first.
fn question_answers(
    conn: &Connection,
    bank_id: &str,
    question_id: &str,
) -> rusqlite::Result<Vec<StoredAnswer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {STORED_COLUMNS}
         FROM answers WHERE bank_id = ?1 AND question_id = ?2 AND {READABLE}
         ORDER BY answered_at, id"
    ))?;
    stmt.query_map([bank_id, question_id], stored_answer)?
        .collect()
}

/// The columns [`stored_answer`] reads, from `answers`.
pub(crate) const STORED_COLUMNS: &str = "bank_id, question_id, content_hash, answered_at, points, \
    max_points, seconds, \
    (SELECT level FROM answer_confidence WHERE answer_id = answers.id) AS confidence";

/// Switches to WAL. The switch needs the file to itself and SQLite does not wait for that with the
/// busy handler, so two quizzes opening a new database at once would otherwise see "locked".
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        let switched =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        match switched {
            Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other.map(|_| ()),
        }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(question_id: &str, at: i64) -> NewAnswer<'_> {
        NewAnswer {
            bank_id: "basics",
            bank_version: 1,
            question_id,
            content_hash: "0123456789abcdef",
            answered_at: at,
            mode: Sitting::Practice,
            answer: r#"{"kind":"bool","value":true}"#,
            points: 1.0,
            max_points: 1.0,
            seconds: 2.5,
            confidence: None,
        }
    }

    #[test]
    fn answers_are_read_back_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.record(&answer("b", 20)).unwrap();
        store.record(&answer("a", 10)).unwrap();
        let read = store.answers(&["basics"]).unwrap();
        let ids: Vec<&str> = read.iter().map(|a| a.question_id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(read[0].seconds, 2.5);
        assert!(store.answers(&["other"]).unwrap().is_empty());
    }

    #[test]
    fn a_reopened_database_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        Store::open(dir.path())
            .unwrap()
            .record(&answer("a", 1))
            .unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.count(None).unwrap(), 1);
        assert_eq!(store.count(Some("other")).unwrap(), 0);
    }

    #[test]
    fn clearing_one_bank_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.record(&answer("a", 1)).unwrap();
        let mut other = answer("a", 2);
        other.bank_id = "other";
        store.record(&other).unwrap();
        assert_eq!(store.clear(Some("basics")).unwrap(), 1);
        assert_eq!(
            store.count_by_bank().unwrap(),
            vec![("other".to_string(), 1)]
        );
        assert_eq!(store.clear(None).unwrap(), 1);
    }

    #[test]
    fn a_garbage_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), vec![0x5a; 4096]).unwrap();
        let error = Store::open(dir.path()).err().unwrap();
        assert!(error.to_string().contains("not a database"), "{error}");
    }

    #[test]
    fn nothing_is_created_when_only_looking() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Store::open_existing(dir.path()).unwrap().is_none());
        assert!(!dir.path().join(FILE_NAME).exists());
    }
}
