//! Spaced repetition with FSRS: each question's schedule is replayed from its recorded answers.
//!
//! The schedule is always derived from the answers (the state table of [`super::progress`] only
//! keeps the result), so a fix to the rules below applies to past answers too. Only answers given to the question's current content
//! (see [`crate::bank::fingerprint::material_hash`]) count: after a material edit the schedule starts over.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};

use crate::bank::fingerprint::material_hash;
use crate::bank::{Bank, Kind};
use crate::engine::{Grade, Verdict};
use crate::store::StoredAnswer;

/// A question whose next interval is at least this many days counts as mastered.
pub(crate) const STABLE_DAYS: i64 = 21;

/// An answer that is fully right and given in less than this many seconds rates Easy. Longer for
/// kinds that take longer to read and answer.
pub(crate) fn fast_seconds(kind: Kind) -> f64 {
    match kind {
        Kind::TrueFalse => 6.0,
        Kind::Single => 10.0,
        Kind::Short | Kind::Numeric => 12.0,
        Kind::Multiple => 15.0,
        Kind::Order | Kind::Match => 25.0,
    }
}

/// Wrong → Again, partly right → Hard, right → Good, right and fast → Easy.
pub(crate) fn rating(kind: Kind, verdict: Verdict, seconds: f64) -> Rating {
    match verdict {
        Verdict::Right if seconds < fast_seconds(kind) => Rating::Easy,
        Verdict::Right => Rating::Good,
        Verdict::Partial => Rating::Hard,
        Verdict::Wrong => Rating::Again,
    }
}

/// The long-term scheduler: intervals in whole days, which is how a learner comes back. No fuzz,
/// so that the same answers always give the same schedule.
fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

/// Bank id and question id: what progress keys on.
pub(crate) type QuestionKey = (String, String);

/// What the answers to one question add up to.
#[derive(Debug, Clone)]
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

/// The progress of one question from its answers (oldest first); `None` if it has none.
pub(crate) fn replay(answers: &[&StoredAnswer], kind: Kind, hash: &str) -> Option<Progress> {
    let first = answers.first()?;
    let at = |a: &StoredAnswer| DateTime::from_timestamp(a.answered_at, 0).unwrap_or_default();
    let mut progress = Progress {
        card: Card {
            due: at(first),
            last_review: at(first),
            ..Card::default()
        },
        scheduled: 0,
        answers: 0,
        earned: 0.0,
        max: 0.0,
        misses: 0,
        first_at: at(first),
        last_at: at(first),
        last_right: false,
    };
    for answer in answers {
        apply(&mut progress, answer, kind, hash);
    }
    Some(progress)
}

/// Adds one answer to a question's progress; only an answer given to `hash`, the current
/// content, moves the card.
pub(crate) fn apply(progress: &mut Progress, answer: &StoredAnswer, kind: Kind, hash: &str) {
    let at = DateTime::from_timestamp(answer.answered_at, 0).unwrap_or_default();
    let verdict = Grade {
        earned: answer.points,
        max: answer.max_points,
    }
    .verdict();
    progress.answers += 1;
    progress.earned += answer.points;
    progress.max += answer.max_points;
    progress.last_right = verdict == Verdict::Right;
    progress.misses += u32::from(!progress.last_right);
    progress.last_at = at;
    if answer.content_hash == hash {
        let rating = rating(kind, verdict, answer.seconds);
        progress.card = scheduler()
            .next(std::mem::take(&mut progress.card), at, rating)
            .card;
        progress.scheduled += 1;
    }
}

/// The progress of every question of `banks` that has answers. Answers to questions that are no
/// longer in the banks are left out.
pub(crate) fn progress(banks: &[Bank], answers: &[StoredAnswer]) -> HashMap<QuestionKey, Progress> {
    let mut by_question: HashMap<(&str, &str), Vec<&StoredAnswer>> = HashMap::new();
    for answer in answers {
        by_question
            .entry((&answer.bank_id, &answer.question_id))
            .or_default()
            .push(answer);
    }
    let mut out = HashMap::new();
    for bank in banks {
        for question in &bank.questions {
            let Some(answers) = by_question.get(&(bank.id.as_str(), question.id.as_str())) else {
                continue;
            };
            let hash = material_hash(question);
            if let Some(p) = replay(answers, question.kind(), &hash) {
                out.insert((bank.id.clone(), question.id.clone()), p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    /// 2026-01-01T00:00:00Z
    const START: i64 = 1_767_225_600;

    fn answer(day: i64, points: f64, seconds: f64, hash: &str) -> StoredAnswer {
        StoredAnswer {
            bank_id: "b".into(),
            question_id: "q".into(),
            content_hash: hash.into(),
            answered_at: START + day * DAY,
            points,
            max_points: 1.0,
            seconds,
        }
    }

    fn intervals(history: &[StoredAnswer]) -> Vec<i64> {
        (1..=history.len())
            .map(|n| {
                let seen: Vec<&StoredAnswer> = history[..n].iter().collect();
                replay(&seen, Kind::Single, "h")
                    .unwrap()
                    .card
                    .scheduled_days
            })
            .collect()
    }

    #[test]
    fn grade_and_time_give_the_rating() {
        assert_eq!(rating(Kind::Single, Verdict::Wrong, 3.0), Rating::Again);
        assert_eq!(rating(Kind::Single, Verdict::Partial, 3.0), Rating::Hard);
        assert_eq!(rating(Kind::Single, Verdict::Right, 30.0), Rating::Good);
        assert_eq!(rating(Kind::Single, Verdict::Right, 3.0), Rating::Easy);
        // Twelve seconds is slow for true or false, quick for putting items in order.
        assert_eq!(rating(Kind::TrueFalse, Verdict::Right, 12.0), Rating::Good);
        assert_eq!(rating(Kind::Order, Verdict::Right, 12.0), Rating::Easy);
    }

    #[test]
    fn a_first_answer_sets_the_first_interval() {
        let first = |points, seconds| intervals(&[answer(0, points, seconds, "h")])[0];
        assert_eq!(first(0.0, 5.0), 1);
        assert_eq!(first(0.5, 5.0), 2);
        assert_eq!(first(1.0, 30.0), 3);
        assert_eq!(first(1.0, 5.0), 15);
    }

    #[test]
    fn intervals_grow_with_right_answers_on_time() {
        // Good on day 0, then Good each time the question falls due.
        let history = [
            answer(0, 1.0, 30.0, "h"),
            answer(3, 1.0, 30.0, "h"),
            answer(14, 1.0, 30.0, "h"),
            answer(58, 1.0, 30.0, "h"),
        ];
        assert_eq!(intervals(&history), [3, 11, 36, 119]);
    }

    #[test]
    fn a_lapse_shortens_the_interval_and_it_grows_back() {
        let history = [
            answer(0, 1.0, 30.0, "h"),
            answer(3, 1.0, 30.0, "h"),
            answer(14, 0.0, 30.0, "h"),
            answer(16, 1.0, 30.0, "h"),
            answer(21, 0.5, 30.0, "h"),
        ];
        assert_eq!(intervals(&history), [3, 11, 2, 6, 8]);
        let seen: Vec<&StoredAnswer> = history.iter().collect();
        let p = replay(&seen, Kind::Single, "h").unwrap();
        assert_eq!(p.card.lapses, 1);
        assert_eq!(p.misses, 2);
        assert_eq!(p.due().timestamp(), START + 29 * DAY);
    }

    #[test]
    fn a_material_change_restarts_the_schedule_but_keeps_the_history() {
        let history = [answer(0, 1.0, 30.0, "old"), answer(3, 1.0, 30.0, "old")];
        let seen: Vec<&StoredAnswer> = history.iter().collect();
        let p = replay(&seen, Kind::Single, "new").unwrap();
        assert!(p.restarted());
        assert_eq!(p.answers, 2);
        assert_eq!(p.due().timestamp(), START + 3 * DAY);
        assert!(!p.mastered());
    }
}
