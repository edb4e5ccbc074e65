//! Records each answer as it is graded, with the question's new schedule, and keeps a quiz going
//! when the database cannot.

use chrono::{DateTime, Utc};

use super::cards::{Rated, StudyCard};
use super::schedule::{self, Rating};
use super::states;
use crate::bank::fingerprint::material_hash;
use crate::bank::{Bank, Scenario};
use crate::clock::Clock;
use crate::engine::walk::Walk;
use crate::engine::{Answered, Confidence, Planned};
use crate::store::{NewAnswer, Sitting, Store, StoreError};

/// When an answer just recorded brings its question back, and how it was rated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scheduled {
    pub due: DateTime<Utc>,
    /// Whole days from the answer to `due`.
    pub days: i64,
    pub rating: Rating,
    /// How sure the learner said they were, when the rating came from it.
    pub confidence: Option<Confidence>,
}

/// Wraps the store of a running quiz. A database that cannot be opened or written never stops the
/// quiz: the learner is told once that progress is not being saved, and recording stops there
/// (retrying would wait out the busy timeout again on every question).
pub(crate) struct Recorder<'c> {
    store: Option<Store>,
    mode: Sitting,
    clock: &'c dyn Clock,
    warn: Box<dyn FnMut(&str) + 'c>,
    /// The desired retention the intervals told are worked out at.
    retention: f64,
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
            retention: schedule::RETENTION,
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
            retention: schedule::RETENTION,
        }
    }

    /// The intervals told after each answer at this desired retention (`quiz review
    /// --retention`), as the next review will schedule them.
    pub(crate) fn at_retention(mut self, retention: f64) -> Self {
        self.retention = retention;
        self
    }

    fn give_up(&mut self, error: &StoreError) {
        self.store = None;
        (self.warn)(&format!("progress is not being saved: {error}"));
    }

    /// Records an answer; when it is saved, says when the question comes back.
    pub(crate) fn record(&mut self, planned: &Planned, answered: &Answered) -> Option<Scheduled> {
        let store = self.store.as_ref()?;
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
            confidence: answered.confidence.map(Confidence::level),
        };
        let rated = Rated::Question(question.kind());
        match states::record(store, &row, planned.bank, rated) {
            Ok(Some(progress)) => {
                let mut card = progress.card;
                states::scheduler(store, self.retention).reschedule(&mut card);
                Some(Scheduled {
                    due: card.due,
                    days: card.scheduled_days,
                    rating: schedule::rate(rated, &row.stored()),
                    confidence: answered.confidence,
                })
            }
            Ok(None) => None,
            Err(error) => {
                self.give_up(&error);
                None
            }
        }
    }

    /// Records a walk of a branching scenario that reached an ending as one answer to the
    /// scenario's card: the points of the decisions taken out of the best path's, and the path
    /// (step ids) and ending as the answer. A walk stopped before an ending is not recorded.
    pub(crate) fn record_walk(&mut self, bank: &Bank, scenario: &Scenario, walk: &Walk) {
        let Some(store) = &self.store else { return };
        let (Some(card), Some(ending)) = (StudyCard::of_scenario(scenario), walk.ending()) else {
            return;
        };
        let (points, best) = walk.score();
        let seconds: f64 = walk.decisions().iter().map(|d| d.seconds).sum();
        // The path by step ids, which stay meaningful whatever is later added to the story.
        let path: Vec<&str> = walk
            .decisions()
            .iter()
            .map(|d| walk.branching.steps[d.step].question.id.as_str())
            .collect();
        let answer = serde_json::json!({ "path": path, "ending": ending.id }).to_string();
        let row = NewAnswer {
            bank_id: &bank.id,
            bank_version: bank.version,
            question_id: &card.id,
            content_hash: &card.hash,
            answered_at: self.clock.now().timestamp(),
            mode: self.mode,
            answer: &answer,
            points,
            max_points: best,
            seconds: (seconds * 1000.0).round() / 1000.0,
            confidence: None,
        };
        if let Err(error) = states::record(store, &row, bank, card.rated) {
            self.give_up(&error);
        }
    }

    /// The store, while it still works.
    pub(crate) fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }
}
