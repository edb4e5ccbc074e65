//! The database schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. A migration is only ever added,
//! never edited, so a database written by any release can be brought up to date.

use rusqlite::{Connection, TransactionBehavior};

/// Each entry brings the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: one row per graded answer. Times are Unix seconds (UTC); `answer` is the response as JSON
    // in the author's order of choices, items and pairs.
    "CREATE TABLE answers (
        id            INTEGER PRIMARY KEY,
        bank_id       TEXT    NOT NULL,
        bank_version  INTEGER NOT NULL,
        question_id   TEXT    NOT NULL,
        content_hash  TEXT    NOT NULL,
        answered_at   INTEGER NOT NULL,
        mode          TEXT    NOT NULL,
        answer        TEXT    NOT NULL,
        points        REAL    NOT NULL,
        max_points    REAL    NOT NULL,
        seconds       REAL    NOT NULL
    );
    CREATE INDEX answers_by_question ON answers (bank_id, question_id, answered_at);",
    // 2: each question's schedule, derived from its answers and kept in step with them, so that
    // review does not replay the whole history. `question_states` holds the FSRS card for the
    // answers given to `content_hash`, and what all its answers add up to; `state_banks` says
    // which answers of a bank the states were derived from (count and last id), how many
    // states that made, and by which version of the rules. Days of study are found through `answers_by_time`.
    "CREATE TABLE question_states (
        bank_id        TEXT    NOT NULL,
        question_id    TEXT    NOT NULL,
        content_hash   TEXT    NOT NULL,
        due            INTEGER NOT NULL,
        stability      REAL    NOT NULL,
        difficulty     REAL    NOT NULL,
        elapsed_days   INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        reps           INTEGER NOT NULL,
        lapses         INTEGER NOT NULL,
        card_state     INTEGER NOT NULL,
        last_review    INTEGER NOT NULL,
        scheduled      INTEGER NOT NULL,
        answers        INTEGER NOT NULL,
        earned         REAL    NOT NULL,
        max_points     REAL    NOT NULL,
        misses         INTEGER NOT NULL,
        first_at       INTEGER NOT NULL,
        last_at        INTEGER NOT NULL,
        last_right     INTEGER NOT NULL,
        PRIMARY KEY (bank_id, question_id)
    ) WITHOUT ROWID;
    CREATE TABLE state_banks (
        bank_id  TEXT    PRIMARY KEY,
        rules    INTEGER NOT NULL,
        answers  INTEGER NOT NULL,
        last_id  INTEGER NOT NULL,
        states   INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX answers_by_time ON answers (bank_id, answered_at);",
    // 3: the learner's own scheduler parameters, fitted to their answers by `quiz review
    // --optimize`: one row at most. `weights` holds the numbers separated by spaces; `reviews`
    // is how many reviews they were fitted to, `fitted_at` when (Unix seconds). Without a row the
    // scheduler's defaults apply.
    "CREATE TABLE parameters (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        weights    TEXT    NOT NULL,
        reviews    INTEGER NOT NULL,
        fitted_at  INTEGER NOT NULL
    );",
    // 4: how many answers each bank has and how often its answers changed, kept by triggers, so
    // that telling whether a bank's states are current costs the same at any history size
    // (counting the answers grew with them). Every insert, delete or edit of an answer, by quiz
    // or anything else, adds one to `changes`. `state_banks` now holds the `changes` its states
    // were derived at, and how many of the bank's rows could not be read then (written by
    // something else with values of the wrong type), and the hash of the bank file every state was
    // found to agree with (none until one was); being derived, it starts empty and is rebuilt
    // from the answers.
    "CREATE TABLE answer_tallies (
        bank_id  TEXT    PRIMARY KEY,
        answers  INTEGER NOT NULL,
        changes  INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO answer_tallies (bank_id, answers, changes)
        SELECT bank_id, count(*), 0 FROM answers GROUP BY bank_id;
    CREATE TRIGGER answer_inserted AFTER INSERT ON answers BEGIN
        INSERT INTO answer_tallies (bank_id, answers, changes) VALUES (NEW.bank_id, 1, 1)
            ON CONFLICT (bank_id) DO UPDATE SET answers = answers + 1, changes = changes + 1;
    END;
    CREATE TRIGGER answer_deleted AFTER DELETE ON answers BEGIN
        UPDATE answer_tallies SET answers = answers - 1, changes = changes + 1
            WHERE bank_id = OLD.bank_id;
    END;
    CREATE TRIGGER answer_edited AFTER UPDATE ON answers BEGIN
        UPDATE answer_tallies SET changes = changes + 1 WHERE bank_id = OLD.bank_id;
        UPDATE answer_tallies SET answers = answers - 1 WHERE bank_id = OLD.bank_id;
        INSERT INTO answer_tallies (bank_id, answers, changes) VALUES (NEW.bank_id, 1, 1)
            ON CONFLICT (bank_id) DO UPDATE SET answers = answers + 1, changes = changes + 1;
    END;
    DROP TABLE state_banks;
    CREATE TABLE state_banks (
        bank_id  TEXT    PRIMARY KEY,
        rules    INTEGER NOT NULL,
        answers  INTEGER NOT NULL,
        changes     INTEGER NOT NULL,
        states      INTEGER NOT NULL,
        unreadable  INTEGER NOT NULL,
        bank_file   INTEGER
    ) WITHOUT ROWID;",
    // 5: how sure the learner said they were of an answer (1 guessing, 2 fairly sure, 3
    // certain), for answers given with confidence asked; kept beside the answers so that rows
    // written by earlier releases stay as they are. A deleted answer takes its row with it.
    "CREATE TABLE IF NOT EXISTS answer_confidence (
        answer_id  INTEGER PRIMARY KEY,
        level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3)
    );
    CREATE TRIGGER IF NOT EXISTS answer_confidence_deleted AFTER DELETE ON answers BEGIN
        DELETE FROM answer_confidence WHERE answer_id = OLD.id;
    END;",
];

/// The schema version this build writes.
pub(crate) const VERSION: i64 = MIGRATIONS.len() as i64;

/// What `migrate` found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Migrated {
    UpToDate,
    /// The file comes from a newer release: readable perhaps, but not ours to write.
    TooNew(i64),
}

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the missing migrations in one write transaction, so two processes starting at once
/// cannot both apply the same one: the second waits, then sees the new version.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<Migrated> {
    let found = user_version(conn)?;
    if found > VERSION {
        return Ok(Migrated::TooNew(found));
    }
    if found == VERSION {
        return Ok(Migrated::UpToDate);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(Migrated::UpToDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_migration_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), Migrated::UpToDate);
        assert_eq!(user_version(&conn).unwrap(), VERSION);
        // Running again changes nothing.
        assert_eq!(migrate(&mut conn).unwrap(), Migrated::UpToDate);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'answers'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 1);
    }

    #[test]
    fn a_newer_schema_is_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), Migrated::TooNew(VERSION + 1));
    }
}
