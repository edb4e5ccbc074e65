//! The derived table of each question's progress, and the write transaction that keeps it in step
//! with the answers.
//!
//! The store keeps each question's [`Progress`] as it is, keyed by bank id, question id and the
//! content its answers were given to; how it is computed from the answers is the study layer's
//! rule.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::{NewAnswer, READABLE, STORED_COLUMNS, Store, StoreError, StoredAnswer, stored_answer};
use crate::progress::{Card, Progress};

impl Mark {
    /// Whether it was made from the answers a [`tally`] of (answers, changes) counts: none
    /// written, deleted or edited since.
    fn derived_from(&self, (answers, changes): (i64, i64)) -> bool {
        self.answers == answers && self.changes == changes
    }
}

/// `card_state` as written: 0 before any review, 2 after (the values of the earlier scheduler's
/// New and Review, which are the only two a long-term schedule has).
fn card_state(card: &Card) -> i64 {
    if card.reps > 0 { 2 } else { 0 }
}

/// One question's progress as kept, with the content its answers were given to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KeptProgress {
    /// The material hash of the content the card's answers were given to.
    pub content_hash: String,
    pub progress: Progress,
}

/// Which answers of a bank its states were derived from, and by which version of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub rules: i64,
    pub answers: i64,
    /// The bank's count of changes to its answers (see `answer_tallies`) when they were derived.
    pub changes: i64,
    /// Rows in `question_states` for the bank.
    pub states: i64,
    /// The bank's answers left out because a value has the wrong type (see [`READABLE`]).
    pub unreadable: i64,
    /// The hash of the bank file whose questions every state was derived from or checked
    /// against; `None` when no single file is known to agree with them all.
    pub bank_file: Option<i64>,
}

const STATE_COLUMNS: &str = "bank_id, question_id, content_hash, due, stability, difficulty,
    elapsed_days, scheduled_days, reps, lapses, card_state, last_review, scheduled, answers,
    earned, max_points, misses, first_at, last_at, last_right";

fn at(seconds: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or(rusqlite::Error::IntegralValueOutOfRange(0, seconds))
}

/// A row of `question_states`, read as the question id and its progress as kept. A time out of
/// range in the card is an error (the row is damaged); the first and last answer times fall back
/// to the epoch, as they only date the tallies.
fn kept_row(r: &rusqlite::Row) -> rusqlite::Result<(String, KeptProgress)> {
    let count = |i| -> rusqlite::Result<u32> {
        let n: i64 = r.get(i)?;
        u32::try_from(n).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, n))
    };
    let tally_at = |i| -> rusqlite::Result<DateTime<Utc>> {
        Ok(DateTime::from_timestamp(r.get(i)?, 0).unwrap_or_default())
    };
    let progress = Progress {
        card: Card {
            due: at(r.get(3)?)?,
            stability: r.get(4)?,
            difficulty: r.get(5)?,
            elapsed_days: r.get(6)?,
            scheduled_days: r.get(7)?,
            reps: r.get(8)?,
            lapses: r.get(9)?,
            last_review: at(r.get(11)?)?,
        },
        scheduled: count(12)?,
        answers: count(13)?,
        earned: r.get(14)?,
        max: r.get(15)?,
        misses: count(16)?,
        first_at: tally_at(17)?,
        last_at: tally_at(18)?,
        last_right: r.get(19)?,
    };
    let kept = KeptProgress {
        content_hash: r.get(2)?,
        progress,
    };
    Ok((r.get(1)?, kept))
}

impl Store {
    /// Starts a write transaction; it waits for other writers rather than failing on them.
    pub(crate) fn write(&self) -> Result<Writing<'_>, StoreError> {
        self.check_undamaged()?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.fail(e))?;
        Ok(Writing { tx, store: self })
    }

    /// The mark of the states of `bank_id` when they were derived by `rules` from exactly the
    /// answers there are: the same number of them, and no answer written, deleted or edited since
    /// (by quiz or anything else: the schema's triggers count every change). `None` when not.
    pub(crate) fn current_mark(
        &self,
        bank_id: &str,
        rules: i64,
    ) -> Result<Option<Mark>, StoreError> {
        let check = || -> rusqlite::Result<Option<Mark>> {
            let Some(mark) = mark(&self.conn, bank_id)? else {
                return Ok(None);
            };
            let current = mark.rules == rules
                && mark.derived_from(tally(&self.conn, bank_id)?)
                && mark.states == state_count(&self.conn, bank_id)?;
            Ok(current.then_some(mark))
        };
        check().map_err(|e| self.fail(e))
    }

    /// Records that every state of the bank agrees with the questions of the bank file with hash
    /// `bank_file`, if its states are still those of `mark` (nothing was written since they were
    /// checked). A database that cannot be written is left as it is: the check is made again.
    pub(crate) fn mark_bank_file(&self, bank_id: &str, mark: Mark, bank_file: i64) {
        let Ok(writing) = self.write() else { return };
        let marked = writing.tx.execute(
            "UPDATE state_banks SET bank_file = ?1
             WHERE bank_id = ?2 AND rules = ?3 AND answers = ?4 AND changes = ?5 AND states = ?6",
            params![
                bank_file,
                bank_id,
                mark.rules,
                mark.answers,
                mark.changes,
                mark.states
            ],
        );
        if marked.is_ok() {
            let _ = writing.commit();
        }
    }

    /// The answers to these banks left out of every reading because a value has the wrong type
    /// (see [`READABLE`]). Counted when the bank's states were derived, so looked up at any
    /// history size; counted again when its answers changed since.
    pub(crate) fn unreadable_rows(&self, bank_ids: &[&str]) -> Result<u64, StoreError> {
        let count = || -> rusqlite::Result<i64> {
            let mut total = 0;
            for bank_id in bank_ids {
                let tally = tally(&self.conn, bank_id)?;
                total += match mark(&self.conn, bank_id)? {
                    Some(mark) if mark.derived_from(tally) => mark.unreadable,
                    _ => unreadable_count(&self.conn, bank_id)?,
                };
            }
            Ok(total)
        };
        count()
            .map(|n| n.max(0).unsigned_abs())
            .map_err(|e| self.fail(e))
    }

    /// The progress kept for the questions of a bank, by question id. A row that cannot be read
    /// is an error: the caller rebuilds the table from the answers.
    pub(crate) fn states(
        &self,
        bank_id: &str,
    ) -> Result<HashMap<String, KeptProgress>, StoreError> {
        let read = || -> rusqlite::Result<HashMap<String, KeptProgress>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {STATE_COLUMNS} FROM question_states WHERE bank_id = ?1"
            ))?;
            stmt.query_map([bank_id], kept_row)?.collect()
        };
        read().map_err(|e| self.fail(e))
    }
}

fn mark(conn: &rusqlite::Connection, bank_id: &str) -> rusqlite::Result<Option<Mark>> {
    conn.prepare_cached(
        "SELECT rules, answers, changes, states, unreadable, bank_file FROM state_banks
         WHERE bank_id = ?1",
    )?
    .query_row([bank_id], |r| {
        Ok(Mark {
            rules: r.get(0)?,
            answers: r.get(1)?,
            changes: r.get(2)?,
            states: r.get(3)?,
            unreadable: r.get(4)?,
            bank_file: r.get(5)?,
        })
    })
    .optional()
}

/// How many states the bank has: at most one per question, so cheap to count.
fn state_count(conn: &rusqlite::Connection, bank_id: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM question_states WHERE bank_id = ?1")?
        .query_row([bank_id], |r| r.get(0))
}

/// How many answers the bank has, and how many times its answers changed (0 and 0 when none),
/// as the schema's triggers keep them: one row read, at any history size.
fn tally(conn: &rusqlite::Connection, bank_id: &str) -> rusqlite::Result<(i64, i64)> {
    conn.prepare_cached("SELECT answers, changes FROM answer_tallies WHERE bank_id = ?1")?
        .query_row([bank_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map(Option::unwrap_or_default)
}

/// How many of the bank's answers cannot be read: every one of them is looked at.
fn unreadable_count(conn: &rusqlite::Connection, bank_id: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM answers WHERE bank_id = ?1 AND NOT ({READABLE})"
    ))?
    .query_row([bank_id], |r| r.get(0))
}

/// One write transaction: an answer and the state it changes commit together or not at all.
pub(crate) struct Writing<'s> {
    pub(super) tx: Transaction<'s>,
    store: &'s Store,
}

impl Writing<'_> {
    fn fail(&self, source: rusqlite::Error) -> StoreError {
        self.store.fail(source)
    }

    /// Inserts one answer (the schema's triggers count it in the bank's tally).
    pub(crate) fn insert_answer(&self, a: &NewAnswer) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO answers (bank_id, bank_version, question_id, content_hash,
                    answered_at, mode, answer, points, max_points, seconds)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    a.bank_id,
                    a.bank_version,
                    a.question_id,
                    a.content_hash,
                    a.answered_at,
                    a.mode.name(),
                    a.answer,
                    a.points,
                    a.max_points,
                    a.seconds
                ])
            })
            .map_err(|e| self.fail(e))?;
        if let Some(level) = a.confidence {
            let id = self.tx.last_insert_rowid();
            self.tx
                .prepare_cached("INSERT INTO answer_confidence (answer_id, level) VALUES (?1, ?2)")
                .and_then(|mut stmt| stmt.execute(params![id, level]))
                .map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    pub(crate) fn mark(&self, bank_id: &str) -> Result<Option<Mark>, StoreError> {
        mark(&self.tx, bank_id).map_err(|e| self.fail(e))
    }

    /// How many answers the bank has, and how many times they changed.
    pub(crate) fn tally(&self, bank_id: &str) -> Result<(i64, i64), StoreError> {
        tally(&self.tx, bank_id).map_err(|e| self.fail(e))
    }

    pub(crate) fn set_mark(&self, bank_id: &str, mark: Mark) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT OR REPLACE INTO state_banks
                    (bank_id, rules, answers, changes, states, unreadable, bank_file)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    bank_id,
                    mark.rules,
                    mark.answers,
                    mark.changes,
                    mark.states,
                    mark.unreadable,
                    mark.bank_file
                ],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Marks the bank's states as derived from every answer it has now, and from the questions of
    /// the bank file with hash `bank_file`.
    pub(crate) fn mark_all_answers(
        &self,
        bank_id: &str,
        rules: i64,
        bank_file: i64,
    ) -> Result<Mark, StoreError> {
        let counted = tally(&self.tx, bank_id)
            .and_then(|tally| {
                Ok((
                    tally,
                    state_count(&self.tx, bank_id)?,
                    unreadable_count(&self.tx, bank_id)?,
                ))
            })
            .map_err(|e| self.fail(e))?;
        let ((answers, changes), states, unreadable) = counted;
        let mark = Mark {
            rules,
            answers,
            changes,
            states,
            unreadable,
            bank_file: Some(bank_file),
        };
        self.set_mark(bank_id, mark)?;
        Ok(mark)
    }

    /// Forgets that the bank's states are current, so that the next reader rebuilds them.
    pub(crate) fn forget_mark(&self, bank_id: &str) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM state_banks WHERE bank_id = ?1", [bank_id])
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// The progress kept for one question.
    pub(crate) fn state(
        &self,
        bank_id: &str,
        question_id: &str,
    ) -> Result<Option<KeptProgress>, StoreError> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {STATE_COLUMNS} FROM question_states WHERE bank_id = ?1 AND question_id = ?2"
            ))
            .and_then(|mut stmt| stmt.query_row([bank_id, question_id], kept_row).optional())
            .map(|kept| kept.map(|(_, kept)| kept))
            .map_err(|e| self.fail(e))
    }

    /// The answers to one question, oldest first.
    pub(crate) fn question_answers(
        &self,
        bank_id: &str,
        question_id: &str,
    ) -> Result<Vec<StoredAnswer>, StoreError> {
        super::question_answers(&self.tx, bank_id, question_id).map_err(|e| self.fail(e))
    }

    /// The answers to a bank's questions, oldest first.
    pub(crate) fn bank_answers(&self, bank_id: &str) -> Result<Vec<StoredAnswer>, StoreError> {
        let read = || -> rusqlite::Result<Vec<StoredAnswer>> {
            let mut stmt = self.tx.prepare_cached(&format!(
                "SELECT {STORED_COLUMNS}
                 FROM answers WHERE bank_id = ?1 AND {READABLE} ORDER BY answered_at, id"
            ))?;
            stmt.query_map([bank_id], stored_answer)?.collect()
        };
        read().map_err(|e| self.fail(e))
    }

    pub(crate) fn clear_states(&self, bank_id: &str) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM question_states WHERE bank_id = ?1", [bank_id])
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Keeps a question's progress, derived from its answers to the content `content_hash`, in
    /// place of what was kept for it.
    pub(crate) fn put_state(
        &self,
        bank_id: &str,
        question_id: &str,
        content_hash: &str,
        progress: &Progress,
    ) -> Result<(), StoreError> {
        let card = &progress.card;
        self.tx
            .prepare_cached(&format!(
                "INSERT OR REPLACE INTO question_states ({STATE_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                         ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
            ))
            .and_then(|mut stmt| {
                stmt.execute(params![
                    bank_id,
                    question_id,
                    content_hash,
                    card.due.timestamp(),
                    card.stability,
                    card.difficulty,
                    card.elapsed_days,
                    card.scheduled_days,
                    card.reps,
                    card.lapses,
                    card_state(card),
                    card.last_review.timestamp(),
                    progress.scheduled,
                    progress.answers,
                    progress.earned,
                    progress.max,
                    progress.misses,
                    progress.first_at.timestamp(),
                    progress.last_at.timestamp(),
                    progress.last_right,
                ])
            })
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    pub(crate) fn commit(self) -> Result<(), StoreError> {
        let store = self.store;
        self.tx.commit().map_err(|e| store.fail(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    /// A question answered twice, the second time a lapse, and scheduled two days out.
    fn progress() -> Progress {
        Progress {
            card: Card {
                due: at(1_767_398_400),
                stability: 2.5,
                difficulty: 6.25,
                elapsed_days: 3,
                scheduled_days: 2,
                reps: 2,
                lapses: 1,
                last_review: at(1_767_225_600),
            },
            scheduled: 2,
            answers: 3,
            earned: 1.5,
            max: 3.0,
            misses: 2,
            first_at: at(1_766_966_400),
            last_at: at(1_767_225_600),
            last_right: false,
        }
    }

    #[test]
    fn a_questions_progress_reads_back_as_it_was_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let writing = store.write().unwrap();
        writing
            .put_state("basics", "q1", "0123abcd", &progress())
            .unwrap();
        let kept = writing.state("basics", "q1").unwrap().unwrap();
        assert_eq!(kept.content_hash, "0123abcd");
        assert_eq!(kept.progress, progress());
        assert_eq!(writing.state("basics", "q2").unwrap(), None);
        writing.commit().unwrap();

        let by_question = store.states("basics").unwrap();
        assert_eq!(by_question.len(), 1);
        assert_eq!(by_question["q1"].progress, progress());
        assert!(store.states("other").unwrap().is_empty());
    }

    #[test]
    fn a_kept_progress_replaces_the_one_before() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let writing = store.write().unwrap();
        writing
            .put_state("basics", "q1", "old", &progress())
            .unwrap();
        let mut later = progress();
        later.answers += 1;
        later.last_right = true;
        writing.put_state("basics", "q1", "new", &later).unwrap();
        let kept = writing.state("basics", "q1").unwrap().unwrap();
        assert_eq!(
            (kept.content_hash.as_str(), &kept.progress),
            ("new", &later)
        );
    }
}
