//! What a learner's answers to one question add up to: its memory card under FSRS and the tallies
//! of its answers.
//!
//! This is the model both sides of spaced repetition share. The study layer works it out from the
//! answers (`study::schedule`) and the store keeps it as it is, keyed by bank id, question id and
//! the content its answers were given to. It sits in a layer of its own below both, and needs
//! nothing but the foundation, so that the store can persist it without knowing how it is computed
//! and the study layer can compute it without a copy made for the store: each points down to it,
//! neither to the other.

use chrono::{DateTime, Utc};

/// A question whose next interval is at least this many days counts as mastered.
pub(crate) const STABLE_DAYS: i64 = 21;

/// Bank id and question id: what progress keys on.
pub(crate) type QuestionKey = (String, String);

/// A question's memory state under FSRS and the interval it gave, as the scheduler left it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Card {
    pub due: DateTime<Utc>,
    /// Days for recall to fall to 90%.
    pub stability: f64,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// Whole days between the last two reviews.
    pub elapsed_days: i64,
    /// Whole days from the last review to `due`.
    pub scheduled_days: i64,
    pub reps: i64,
    /// Reviews rated Again after the first.
    pub lapses: i64,
    pub last_review: DateTime<Utc>,
}

/// What the answers to one question add up to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Progress {
    /// The FSRS card after the answers to the current content.
    pub card: Card,
    /// Answers that count in the schedule (given to the current content).
    pub scheduled: u32,
    /// Every answer, whatever the content was then.
    pub answers: u32,
    pub earned: f64,
    pub max: f64,
    /// Answers that were not fully right.
    pub misses: u32,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    pub last_right: bool,
}

impl Progress {
    /// Answered before, but the question has changed materially since: to be asked again now.
    pub(crate) fn restarted(&self) -> bool {
        self.scheduled == 0
    }

    pub(crate) fn due(&self) -> DateTime<Utc> {
        if self.restarted() {
            self.last_at
        } else {
            self.card.due
        }
    }

    pub(crate) fn mastered(&self) -> bool {
        !self.restarted() && self.card.scheduled_days >= STABLE_DAYS
    }

    pub(crate) fn accuracy(&self) -> f64 {
        if self.max > 0.0 {
            self.earned / self.max
        } else {
            0.0
        }
    }
}
