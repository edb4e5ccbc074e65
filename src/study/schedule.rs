//! Spaced repetition with FSRS-6: each question's schedule is replayed from its recorded answers.
//!
//! The schedule is always derived from the answers (the state table of [`super::states`] only
//! keeps the result), so a fix to the rules below applies to past answers too. Only answers given to the question's current content
//! (see [`crate::bank::fingerprint::material_hash`]) count: after a material edit the schedule starts over.
//!
//! The memory model is the official `fsrs` crate's; this module only turns answers into ratings
//! and the model's intervals into whole days. The memory state after each answer does not depend
//! on the desired retention, only the interval after the last one does, so a learner may change
//! the retention at any time without a replay.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use fsrs::{DEFAULT_PARAMETERS, FSRS, MemoryState};

use super::cards::{self, Rated};
use crate::bank::{Bank, Kind};
use crate::engine::{Confidence, Grade, Verdict};
use crate::progress::{Card, Progress, QuestionKey};
use crate::store::StoredAnswer;

/// The desired retention when none is chosen: the chance of recalling an answer when it falls due.
pub(crate) const RETENTION: f64 = 0.9;

/// The longest interval, in days (a hundred years, as the reference schedulers have it).
const MAX_INTERVAL: i64 = 36_500;

const DAY: i64 = 86_400;

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

/// How well an answer was recalled, FSRS's four grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

/// A walk that reaches at least this share of its best path's points, but not all of them,
/// rates Hard; below it, Again.
pub(crate) const WALK_HARD_SHARE: f64 = 0.5;

/// How a walk of a branching scenario is rated, by the share of the best path's points it
/// reached: all of them → Good, at least [`WALK_HARD_SHARE`] → Hard, less → Again.
///
/// Never Easy: a walk takes as long as its story does, so its time says little about how
/// easily the decisions came, and the next walk of the same story is partly remembered
/// rather than reasoned afresh. Good walk after Good walk still spaces it further out each time.
pub(crate) fn walk_rating(points: f64, best: f64) -> Rating {
    if best <= 0.0 {
        // A story worth no points has no wrong walk.
        return Rating::Good;
    }
    let walk = Grade {
        earned: points,
        max: best,
    };
    match walk.verdict() {
        Verdict::Right => Rating::Good,
        _ if walk.fraction() >= WALK_HARD_SHARE => Rating::Hard,
        _ => Rating::Again,
    }
}

/// How one recorded answer to a card is rated.
pub(crate) fn rate(rated: Rated, answer: &StoredAnswer) -> Rating {
    match rated {
        Rated::Question(kind) => {
            let verdict = Grade {
                earned: answer.points,
                max: answer.max_points,
            }
            .verdict();
            match answer
                .confidence
                .and_then(|l| Confidence::from_level(l.into()))
            {
                Some(confidence) => confident_rating(verdict, confidence),
                None => rating(kind, verdict, answer.seconds),
            }
        }
        Rated::Walk => walk_rating(answer.points, answer.max_points),
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

/// With confidence asked, the learner's certainty rates a right answer instead of its speed:
/// wrong → Again, partly right → Hard; right and guessing → Hard, fairly sure → Good, certain
/// → Easy. A lucky guess is not spaced out as if it were known.
pub(crate) fn confident_rating(verdict: Verdict, confidence: Confidence) -> Rating {
    match (verdict, confidence) {
        (Verdict::Wrong, _) => Rating::Again,
        (Verdict::Partial, _) | (Verdict::Right, Confidence::Guessing) => Rating::Hard,
        (Verdict::Right, Confidence::FairlySure) => Rating::Good,
        (Verdict::Right, Confidence::Certain) => Rating::Easy,
    }
}

/// The long-term scheduler: FSRS-6 with the given parameters (its defaults when none),
/// intervals in whole days, which is how a learner comes back, and no fuzz, so that the same
/// answers always give the same schedule.
#[derive(Debug, Clone)]
pub(crate) struct Scheduler {
    model: FSRS,
    /// The forgetting curve's decay, the last parameter.
    decay: f32,
    retention: f64,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new(&[], RETENTION).unwrap_or_else(|_| unreachable!("the defaults are valid"))
    }
}

impl Scheduler {
    /// `parameters`: FSRS-6's 21, or none for the defaults. An error when they are not valid.
    pub(crate) fn new(parameters: &[f32], retention: f64) -> Result<Scheduler, fsrs::FSRSError> {
        let model = FSRS::new(parameters)?;
        let decay = parameters
            .get(20)
            .copied()
            .unwrap_or(DEFAULT_PARAMETERS[20]);
        Ok(Scheduler {
            model,
            decay,
            retention,
        })
    }

    /// The desired retention.
    pub(crate) fn retention(&self) -> f64 {
        self.retention
    }

    /// Whole days until recall is expected to fall to the desired retention.
    pub(crate) fn interval(&self, stability: f64) -> i64 {
        let days = self
            .model
            .next_interval(Some(stability as f32), self.retention as f32, 1);
        (f64::from(days).round() as i64).clamp(1, MAX_INTERVAL)
    }

    /// The card after an answer rated `rating` at `at`. Days elapsed are whole days since the
    /// last review; a second answer on the same day counts as a short-term review.
    pub(crate) fn review(&self, card: &Card, at: DateTime<Utc>, rating: Rating) -> Card {
        let (memory, elapsed) = if card.reps == 0 {
            (None, 0)
        } else {
            let memory = MemoryState {
                stability: card.stability as f32,
                difficulty: card.difficulty as f32,
            };
            let elapsed = ((at - card.last_review).num_seconds() / DAY).max(0);
            (Some(memory), elapsed)
        };
        let Ok(next) = self
            .model
            .next_states(memory, self.retention as f32, elapsed as u32)
        else {
            // Only a damaged state gives no next one: the answer counts as a first one.
            return self.review(&Card::default(), at, rating);
        };
        let state = match rating {
            Rating::Again => next.again,
            Rating::Hard => next.hard,
            Rating::Good => next.good,
            Rating::Easy => next.easy,
        };
        let stability = f64::from(state.memory.stability);
        let days = self.interval(stability);
        Card {
            due: at + Duration::days(days),
            stability,
            difficulty: f64::from(state.memory.difficulty),
            elapsed_days: elapsed,
            scheduled_days: days,
            reps: card.reps + 1,
            lapses: card.lapses + i64::from(card.reps > 0 && rating == Rating::Again),
            last_review: at,
        }
    }

    /// The card with its interval after the last review worked out at this scheduler's
    /// retention.
    pub(crate) fn reschedule(&self, card: &mut Card) {
        if card.reps > 0 {
            card.scheduled_days = self.interval(card.stability);
            card.due = card.last_review + Duration::days(card.scheduled_days);
        }
    }

    /// The predicted chance of recalling the answer at `now`, from the time since the last
    /// review to the second.
    pub(crate) fn recall(&self, card: &Card, now: DateTime<Utc>) -> Option<f64> {
        if card.reps == 0 || card.stability <= 0.0 {
            return None;
        }
        let days = (now - card.last_review).num_seconds().max(0) as f32 / DAY as f32;
        let memory = MemoryState {
            stability: card.stability as f32,
            difficulty: card.difficulty as f32,
        };
        Some(f64::from(fsrs::current_retrievability(
            memory, days, self.decay,
        )))
    }
}

/// The progress of one card from its answers (oldest first); `None` if it has none.
pub(crate) fn replay(
    answers: &[&StoredAnswer],
    rated: Rated,
    hash: &str,
    scheduler: &Scheduler,
) -> Option<Progress> {
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
        apply(&mut progress, answer, rated, hash, scheduler);
    }
    Some(progress)
}

/// Adds one answer to a card's progress; only an answer given to `hash`, the current
/// content, moves the card.
pub(crate) fn apply(
    progress: &mut Progress,
    answer: &StoredAnswer,
    rated: Rated,
    hash: &str,
    scheduler: &Scheduler,
) {
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
        progress.card = scheduler.review(&progress.card, at, rate(rated, answer));
        progress.scheduled += 1;
    }
}

/// The progress of every question of `banks` that has answers. Answers to questions that are no
/// longer in the banks are left out.
pub(crate) fn progress(
    banks: &[Bank],
    answers: &[StoredAnswer],
    scheduler: &Scheduler,
) -> HashMap<QuestionKey, Progress> {
    let mut by_question: HashMap<(&str, &str), Vec<&StoredAnswer>> = HashMap::new();
    for answer in answers {
        by_question
            .entry((&answer.bank_id, &answer.question_id))
            .or_default()
            .push(answer);
    }
    let mut out = HashMap::new();
    for bank in banks {
        for card in cards::of_bank(bank) {
            let Some(answers) = by_question.get(&(bank.id.as_str(), card.id.as_str())) else {
                continue;
            };
            if let Some(p) = replay(answers, card.rated, &card.hash, scheduler) {
                out.insert((bank.id.clone(), card.id), p);
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
            confidence: None,
        }
    }

    fn intervals(history: &[StoredAnswer]) -> Vec<i64> {
        intervals_at(history, RETENTION)
    }

    fn intervals_at(history: &[StoredAnswer], retention: f64) -> Vec<i64> {
        let scheduler = Scheduler::new(&[], retention).unwrap();
        (1..=history.len())
            .map(|n| {
                let seen: Vec<&StoredAnswer> = history[..n].iter().collect();
                replay(&seen, Rated::Question(Kind::Single), "h", &scheduler)
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
    fn with_confidence_certainty_rates_a_right_answer_and_speed_does_not() {
        let rated = |points, seconds, level| {
            let mut a = answer(0, points, seconds, "h");
            a.confidence = Some(level);
            rate(Rated::Question(Kind::Single), &a)
        };
        // A quick lucky guess is Hard; a slow answer the learner was sure of is Easy.
        assert_eq!(rated(1.0, 2.0, 1), Rating::Hard);
        assert_eq!(rated(1.0, 60.0, 2), Rating::Good);
        assert_eq!(rated(1.0, 60.0, 3), Rating::Easy);
        assert_eq!(rated(0.0, 2.0, 3), Rating::Again);
        assert_eq!(rated(0.5, 2.0, 3), Rating::Hard);
    }

    #[test]
    fn a_walk_is_rated_by_the_share_of_the_best_paths_points() {
        assert_eq!(walk_rating(3.0, 3.0), Rating::Good);
        // Sums of fractions fall a hair short of the whole.
        assert_eq!(walk_rating(0.1 + 0.2, 0.3), Rating::Good);
        assert_eq!(walk_rating(2.0, 3.0), Rating::Hard);
        assert_eq!(walk_rating(1.5, 3.0), Rating::Hard);
        assert_eq!(walk_rating(1.0, 3.0), Rating::Again);
        assert_eq!(walk_rating(0.0, 3.0), Rating::Again);
        assert_eq!(walk_rating(0.0, 0.0), Rating::Good);
    }

    #[test]
    fn a_walk_is_never_easy_however_fast() {
        let mut walk = answer(0, 3.0, 1.0, "h");
        walk.max_points = 3.0;
        assert_eq!(rate(Rated::Walk, &walk), Rating::Good);
        // The same points as a single-choice answer in a second would be Easy.
        assert_eq!(rate(Rated::Question(Kind::Single), &walk), Rating::Easy);
    }

    #[test]
    fn a_first_answer_sets_the_first_interval() {
        let first = |points, seconds| intervals(&[answer(0, points, seconds, "h")])[0];
        assert_eq!(first(0.0, 5.0), 1);
        assert_eq!(first(0.5, 5.0), 1);
        assert_eq!(first(1.0, 30.0), 2);
        assert_eq!(first(1.0, 5.0), 8);
    }

    #[test]
    fn intervals_grow_with_right_answers_on_time() {
        // Good on day 0, then Good each time the question falls due.
        let history = [
            answer(0, 1.0, 30.0, "h"),
            answer(2, 1.0, 30.0, "h"),
            answer(13, 1.0, 30.0, "h"),
            answer(59, 1.0, 30.0, "h"),
            answer(222, 1.0, 30.0, "h"),
        ];
        assert_eq!(intervals(&history), [2, 11, 46, 163, 497]);
    }

    #[test]
    fn a_lapse_shortens_the_interval_and_it_grows_back() {
        let history = [
            answer(0, 1.0, 30.0, "h"),
            answer(2, 1.0, 30.0, "h"),
            answer(13, 0.0, 30.0, "h"),
            answer(15, 1.0, 30.0, "h"),
            answer(21, 0.5, 30.0, "h"),
        ];
        assert_eq!(intervals(&history), [2, 11, 2, 5, 10]);
        let seen: Vec<&StoredAnswer> = history.iter().collect();
        let p = replay(
            &seen,
            Rated::Question(Kind::Single),
            "h",
            &Scheduler::default(),
        )
        .unwrap();
        assert_eq!(p.card.lapses, 1);
        assert_eq!(p.misses, 2);
        assert_eq!(p.due().timestamp(), START + 31 * DAY);
    }

    #[test]
    fn a_higher_retention_gives_shorter_intervals() {
        let good = |day| answer(day, 1.0, 30.0, "h");
        // On time at 95%, as py-fsrs gives them.
        assert_eq!(
            intervals_at(&[good(0), good(1), good(4), good(12)], 0.95),
            [1, 3, 8, 19]
        );
        let easy = [answer(0, 1.0, 5.0, "h")];
        assert_eq!(intervals_at(&easy, 0.8), [28]);
        // The memory state does not depend on the retention: a card scheduled at 90% is due
        // when 95% says, without a replay.
        let seen: Vec<&StoredAnswer> = easy.iter().collect();
        let mut card = replay(
            &seen,
            Rated::Question(Kind::Single),
            "h",
            &Scheduler::default(),
        )
        .unwrap()
        .card;
        assert_eq!(card.scheduled_days, 8);
        Scheduler::new(&[], 0.95).unwrap().reschedule(&mut card);
        assert_eq!(card.scheduled_days, 3);
        assert_eq!(card.due.timestamp(), START + 3 * DAY);
    }

    #[test]
    fn recall_falls_to_the_retention_on_the_due_day() {
        let seen = [answer(0, 1.0, 30.0, "h"), answer(2, 1.0, 30.0, "h")];
        let seen: Vec<&StoredAnswer> = seen.iter().collect();
        let scheduler = Scheduler::default();
        let card = replay(&seen, Rated::Question(Kind::Single), "h", &scheduler)
            .unwrap()
            .card;
        let at = |day| DateTime::from_timestamp(START + day * DAY, 0).unwrap();
        let recall = |day| scheduler.recall(&card, at(day)).unwrap();
        assert!((recall(2) - 1.0).abs() < 1e-6);
        // Due on day 13 with a stability of about 11 days: just above 90%.
        assert!((0.89..0.92).contains(&recall(13)), "{}", recall(13));
        assert!(recall(100) < recall(13));
        assert_eq!(scheduler.recall(&Card::default(), at(0)), None);
    }

    /// Every interval of review logs replayed by the reference FSRS-6 scheduler (py-fsrs, long-term
    /// only, 90%, no fuzz), as the fixture's `command` produced them.
    #[test]
    fn intervals_match_the_reference_scheduler() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/fsrs6-reference.json"))
                .unwrap();
        let cards = fixture["cards"].as_object().unwrap();
        assert!(cards.len() >= 5);
        for (name, reviews) in cards {
            let mut history = Vec::new();
            let mut expected = Vec::new();
            for review in reviews.as_array().unwrap() {
                let hour = review["hour"].as_i64().unwrap();
                let (points, seconds) = match review["rating"].as_i64().unwrap() {
                    1 => (0.0, 30.0),
                    2 => (0.5, 30.0),
                    3 => (1.0, 30.0),
                    _ => (1.0, 5.0),
                };
                let mut a = answer(0, points, seconds, "h");
                a.answered_at = START + hour * 3600;
                history.push(a);
                expected.push(review["interval"].as_i64().unwrap());
            }
            assert_eq!(intervals(&history), expected, "{name}");
        }
    }

    #[test]
    fn a_material_change_restarts_the_schedule_but_keeps_the_history() {
        let history = [answer(0, 1.0, 30.0, "old"), answer(3, 1.0, 30.0, "old")];
        let seen: Vec<&StoredAnswer> = history.iter().collect();
        let p = replay(
            &seen,
            Rated::Question(Kind::Single),
            "new",
            &Scheduler::default(),
        )
        .unwrap();
        assert!(p.restarted());
        assert_eq!(p.answers, 2);
        assert_eq!(p.due().timestamp(), START + 3 * DAY);
        assert!(!p.mastered());
    }
}
