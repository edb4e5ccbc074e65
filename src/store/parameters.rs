//! The learner's own scheduler parameters, fitted to their answers and kept beside them.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// Parameters fitted to a learner's answers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parameters {
    pub weights: Vec<f32>,
    /// How many reviews they were fitted to.
    pub reviews: i64,
    /// When, in Unix seconds.
    pub fitted_at: i64,
}

impl Store {
    /// The stored parameters, if any. A database from before they were kept, or a row that
    /// cannot be read, gives none: the scheduler's defaults apply.
    pub(crate) fn parameters(&self) -> Option<Parameters> {
        let row = self
            .conn
            .query_row(
                "SELECT weights, reviews, fitted_at FROM parameters WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                },
            )
            .optional()
            .ok()??;
        let weights = row
            .0
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<f32>, _>>()
            .ok()?;
        Some(Parameters {
            weights,
            reviews: row.1,
            fitted_at: row.2,
        })
    }

    /// Keeps `parameters` in place of any before and, in the same transaction, forgets which
    /// states are up to date, so that every bank's states are rebuilt from its answers under the
    /// new parameters when next read. No answer is touched.
    pub(crate) fn save_parameters(&self, parameters: &Parameters) -> Result<(), StoreError> {
        let weights: Vec<String> = parameters.weights.iter().map(f32::to_string).collect();
        let writing = self.write()?;
        writing
            .tx
            .execute(
                "INSERT OR REPLACE INTO parameters (id, weights, reviews, fitted_at)
                 VALUES (1, ?1, ?2, ?3)",
                params![weights.join(" "), parameters.reviews, parameters.fitted_at],
            )
            .and_then(|_| writing.tx.execute("DELETE FROM state_banks", []))
            .map_err(|e| self.fail(e))?;
        writing.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_kept_and_read_back_and_clear_the_marks() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.parameters(), None);
        store
            .conn
            .execute(
                "INSERT INTO state_banks VALUES ('b', 2, 1, 1, 1, 0, NULL)",
                [],
            )
            .unwrap();
        let kept = Parameters {
            weights: vec![0.25, 1.5, 3.0],
            reviews: 70,
            fitted_at: 1_767_225_600,
        };
        store.save_parameters(&kept).unwrap();
        assert_eq!(store.parameters(), Some(kept));
        let marks: i64 = store
            .conn
            .query_row("SELECT count(*) FROM state_banks", [], |r| r.get(0))
            .unwrap();
        assert_eq!(marks, 0);
    }

    #[test]
    fn a_database_without_the_table_has_no_parameters() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.conn.execute_batch("DROP TABLE parameters").unwrap();
        assert_eq!(store.parameters(), None);
    }
}
