//! Records each answer as it is graded, with the question's new schedule, and keeps a quiz going
//! when the database cannot.

use super::progress;
use crate::bank::fingerprint::material_hash;
use crate::clock::Clock;
use crate::engine::{Answered, Planned};
use crate::store::{NewAnswer, Sitting, Store, StoreError};

/// Wraps the store of a running quiz. A database that cannot be opened or written never stops the
/// quiz: the learner is told once that progress is not being saved, and recording stops there
/// (retrying would wait out the busy timeout again on every question).
pub(crate) struct Recorder<'c> {
    store: Option<Store>,
    mode: Sitting,
    clock: &'c dyn Clock,
    warn: Box<dyn FnMut(&str) + 'c>,
}

impl<'c> Recorder<'c> {
    /// `warn` receives the one message about progress not being saved.
    pub(crate) fn new(
        opened: Result<Store, StoreError>,
        mode: Sitting,
        clock: &'c dyn Clock,
        warn: impl FnMut(&str) + 'c,
    ) -> Self {
        let mut recorder = Recorder {
            store: None,
            mode,
            clock,
            warn: Box::new(warn),
        };
        match opened {
            Ok(store) => recorder.store = Some(store),
            Err(error) => recorder.give_up(&error),
        }
        recorder
    }

    /// A recorder that saves nothing and says nothing (`--no-save`, classroom exams).
    pub(crate) fn off(clock: &'c dyn Clock) -> Self {
        Recorder {
            store: None,
            // Nothing is recorded, so the sitting is never written.
            mode: Sitting::Practice,
            clock,
            warn: Box::new(|_| {}),
        }
    }

    fn give_up(&mut self, error: &StoreError) {
        self.store = None;
        (self.warn)(&format!("progress is not being saved: {error}"));
    }

    pub(crate) fn record(&mut self, planned: &Planned, answered: &Answered) {
        let Some(store) = &self.store else { return };
        let question = planned.question;
        let hash = material_hash(question);
        // Serialising a Response cannot fail (no maps with non-string keys, no foreign types).
        let answer = serde_json::to_string(&answered.response).unwrap_or_default();
        let row = NewAnswer {
            bank_id: &planned.bank.id,
            bank_version: planned.bank.version,
            question_id: &question.id,
            content_hash: &hash,
            answered_at: self.clock.now().timestamp(),
            mode: self.mode,
            answer: &answer,
            points: answered.grade.earned,
            max_points: answered.grade.max,
            seconds: (answered.seconds * 1000.0).round() / 1000.0,
        };
        if let Err(error) = progress::record(store, &row, planned.bank, question) {
            self.give_up(&error);
        }
    }

    /// The store, while it still works.
    pub(crate) fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }
}
