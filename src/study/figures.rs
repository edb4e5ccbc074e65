//! The numbers behind `quiz stats`: progress per bank and tag, daily accuracy, streak, weakest
//! questions and what falls due.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::Serialize;

use super::cards::StudyCard;
use super::schedule::{self, Scheduler};
use super::states;
use crate::bank::{Bank, Question};
use crate::engine::{Confidence, Grade, Verdict};
use crate::progress::{Progress, QuestionKey, STABLE_DAYS};
use crate::store::{ConfidentAnswer, Store, StoreError, StoredAnswer};

/// Days in the daily accuracy series.
pub(crate) const DAYS: usize = 30;
/// Questions in the weakest list.
pub(crate) const WEAKEST: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Stats {
    pub today: NaiveDate,
    /// Answers recorded to the questions of these banks.
    pub answers: usize,
    pub study_days: usize,
    /// Consecutive days with answers, up to today (or up to yesterday when today has none yet).
    pub streak_days: usize,
    pub studied_today: bool,
    /// Days of interval from which a question counts as mastered.
    pub stable_days: i64,
    pub banks: Vec<Group>,
    pub tags: Vec<Group>,
    /// The last `DAYS` days, oldest first.
    pub daily: Vec<Day>,
    pub weakest: Vec<Weak>,
    pub due_today: usize,
    pub due_this_week: usize,
    /// Questions not answered yet (branching scenarios are listed apart).
    pub unseen: usize,
    /// The branching scenarios, each reviewed as a whole, in the order written.
    pub scenarios: Vec<ScenarioScore>,
    /// For answers given with a confidence: how often each level was right.
    pub calibration: Vec<Calibration>,
    /// Questions answered wrong while certain, most often first.
    pub confident_errors: Vec<ConfidentError>,
    /// Of the reviews in the last `DAYS` days of questions that had fallen due, how many were
    /// answered right, against the desired retention.
    pub retention: Retention,
    /// Cards falling due on each of the next `FORECAST_DAYS` days, today first (today counts
    /// what is overdue too).
    pub forecast: Vec<DueOn>,
}

/// True retention: the share of due reviews answered right, which the scheduler aims to hold at
/// the desired retention.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Retention {
    pub due_reviews: usize,
    pub right: usize,
    /// `right` over `due_reviews`; `None` before any due review.
    pub share: Option<f64>,
    pub target: f64,
}

/// Days in the forecast of reviews.
pub(crate) const FORECAST_DAYS: usize = 30;

/// One level of confidence: answers given at it, how many were fully right, and the share.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Calibration {
    pub level: u8,
    pub confidence: &'static str,
    pub answers: usize,
    pub right: usize,
    pub accuracy: f64,
}

/// A question answered wrong while the learner was certain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct ConfidentError {
    pub bank: String,
    pub question: String,
    pub prompt: String,
    pub times: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct DueOn {
    pub date: NaiveDate,
    pub due: usize,
}

/// A branching scenario's progress: how often it was walked, the best share of the best path's
/// points a walk of its current version reached, and when it is next due.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct ScenarioScore {
    pub bank: String,
    pub scenario: String,
    pub title: String,
    /// Walks that reached an ending, of every version of the scenario.
    pub walks: u32,
    /// What the best path earns.
    pub best_path_points: f64,
    /// The points of the best walk of the scenario as it is now; `None` before one.
    pub best_points: Option<f64>,
    /// `best_points` as a share of `best_path_points`.
    pub best_share: Option<f64>,
    /// When it is next due for a walk; `None` before any walk.
    pub due: Option<NaiveDate>,
}

/// A bank or a tag.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Group {
    pub name: String,
    pub total: usize,
    pub seen: usize,
    pub mastered: usize,
    pub answers: usize,
    /// Points earned over points possible, over every answer; `None` before any.
    pub accuracy: Option<f64>,
    /// Share of all the questions (seen or not) that are mastered.
    pub mastery: f64,
    /// The predicted chance of recalling an answer today, on average over the questions seen
    /// (since their last material edit); `None` before any.
    pub recall: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Day {
    pub date: NaiveDate,
    pub answers: usize,
    pub accuracy: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Weak {
    pub bank: String,
    pub question: String,
    pub prompt: String,
    pub answers: u32,
    pub misses: u32,
    pub accuracy: f64,
}

/// What the statistics are made of, read from the store without going through every answer: each
/// question's progress from the state table, the days of study and the answers of the last days.
#[derive(Debug, Default)]
pub(crate) struct History {
    /// The scheduler the progress was derived with, which also predicts recall.
    pub scheduler: Scheduler,
    pub progress: HashMap<QuestionKey, Progress>,
    /// Local days with answers, as days since 1970-01-01.
    pub days: Vec<i64>,
    /// When each answer of the last `DAYS` days was given (Unix seconds), and its points.
    pub recent: Vec<(i64, f64, f64)>,
    /// The best walk of each branching scenario walked in its current version: its points and
    /// the best path's.
    pub best_walks: HashMap<QuestionKey, (f64, f64)>,
    /// The answers given with a confidence.
    pub confident: Vec<ConfidentAnswer>,
    /// Due reviews in the last `DAYS` days, and how many were right.
    pub due_reviews: (usize, usize),
}

impl History {
    pub(crate) fn read(
        store: &Store,
        banks: &[Bank],
        now: DateTime<FixedOffset>,
    ) -> Result<History, StoreError> {
        let bank_ids: Vec<&str> = banks.iter().map(|b| b.id.as_str()).collect();
        let offset = i64::from(now.offset().local_minus_utc());
        let first = now.date_naive() - Duration::days(DAYS as i64 - 1);
        let since = (first - epoch()).num_days() * 86_400 - offset;
        let scheduler = states::scheduler(store, super::schedule::RETENTION);
        let mut best_walks = HashMap::new();
        for bank in banks {
            for card in bank.scenarios.iter().filter_map(StudyCard::of_scenario) {
                if let Some(best) = store.best_answer(&bank.id, &card.id, &card.hash)? {
                    best_walks.insert((bank.id.clone(), card.id), best);
                }
            }
        }
        let due_reviews = due_reviews(
            banks,
            &store.answers_of_questions_answered_since(&bank_ids, since)?,
            &scheduler,
            since,
            now,
        );
        Ok(History {
            best_walks,
            progress: states::load(store, banks, &scheduler)?,
            scheduler,
            days: store.study_days(&bank_ids, offset)?,
            recent: store.points_since(&bank_ids, since)?,
            // A database from before confidence was recorded has none to read.
            confident: store.confident_answers(&bank_ids).unwrap_or_default(),
            due_reviews,
        })
    }
}

/// The reviews since `since` of cards that were due that day (on their due day or later, in the
/// learner's time zone), and how many of them were answered right, replaying each card's answers
/// (`answers`: every answer to the cards answered since then).
fn due_reviews(
    banks: &[Bank],
    answers: &[StoredAnswer],
    scheduler: &Scheduler,
    since: i64,
    now: DateTime<FixedOffset>,
) -> (usize, usize) {
    let mut by_card: HashMap<(&str, &str), Vec<&StoredAnswer>> = HashMap::new();
    for answer in answers {
        by_card
            .entry((&answer.bank_id, &answer.question_id))
            .or_default()
            .push(answer);
    }
    let (mut due, mut right) = (0, 0);
    for bank in banks {
        for card in super::cards::of_bank(bank) {
            let Some(answers) = by_card.get(&(bank.id.as_str(), card.id.as_str())) else {
                continue;
            };
            let Some((first, rest)) = answers.split_first() else {
                continue;
            };
            let Some(mut progress) = schedule::replay(&[first], card.rated, &card.hash, scheduler)
            else {
                continue;
            };
            for answer in rest {
                let at = DateTime::from_timestamp(answer.answered_at, 0).unwrap_or_default();
                let was_due = progress.scheduled > 0
                    && answer.content_hash == card.hash
                    && local_date(progress.due(), now) <= local_date(at, now);
                if was_due && answer.answered_at >= since {
                    due += 1;
                    right += usize::from(
                        Grade {
                            earned: answer.points,
                            max: answer.max_points,
                        }
                        .verdict()
                            == Verdict::Right,
                    );
                }
                schedule::apply(&mut progress, answer, card.rated, &card.hash, scheduler);
            }
        }
    }
    (due, right)
}

fn epoch() -> NaiveDate {
    NaiveDate::default()
}

pub(crate) fn compute(banks: &[Bank], history: &History, now: DateTime<FixedOffset>) -> Stats {
    let progress = &history.progress;
    let total: usize = banks.iter().map(|b| b.questions.len()).sum();
    let today = now.date_naive();
    let days: BTreeSet<NaiveDate> = history
        .days
        .iter()
        .map(|&n| epoch() + Duration::days(n))
        .collect();
    let week_end = today + Duration::days(6);
    let recall = |p: &Progress| {
        if p.restarted() {
            None
        } else {
            history.scheduler.recall(&p.card, now.to_utc())
        }
    };
    let due_by = |day: NaiveDate| {
        progress
            .values()
            .filter(|p| local_date(p.due(), now) <= day)
            .count()
    };
    Stats {
        today,
        answers: progress.values().map(|p| p.answers as usize).sum(),
        study_days: days.len(),
        streak_days: streak(&days, today),
        studied_today: days.contains(&today),
        stable_days: STABLE_DAYS,
        banks: banks
            .iter()
            .map(|b| bank_group(b, progress, &recall))
            .collect(),
        tags: tag_groups(banks, progress, &recall),
        daily: daily(&history.recent, now),
        weakest: weakest(banks, progress),
        due_today: due_by(today),
        due_this_week: due_by(week_end),
        unseen: total.saturating_sub(seen_questions(banks, progress)),
        scenarios: scenario_scores(banks, history, now),
        calibration: calibration(&history.confident),
        confident_errors: confident_errors(banks, &history.confident),
        forecast: forecast(progress, now),
        retention: {
            let (due_reviews, right) = history.due_reviews;
            Retention {
                due_reviews,
                right,
                share: (due_reviews > 0).then(|| right as f64 / due_reviews as f64),
                target: history.scheduler.retention(),
            }
        },
    }
}

fn right(points: f64, max: f64) -> bool {
    Grade {
        earned: points,
        max,
    }
    .verdict()
        == Verdict::Right
}

fn calibration(confident: &[ConfidentAnswer]) -> Vec<Calibration> {
    Confidence::ALL
        .into_iter()
        .filter_map(|confidence| {
            let at: Vec<_> = confident
                .iter()
                .filter(|a| a.level == confidence.level())
                .collect();
            let right = at.iter().filter(|a| right(a.points, a.max_points)).count();
            (!at.is_empty()).then(|| Calibration {
                level: confidence.level(),
                confidence: confidence.name(),
                answers: at.len(),
                right,
                accuracy: right as f64 / at.len() as f64,
            })
        })
        .collect()
}

fn confident_errors(banks: &[Bank], confident: &[ConfidentAnswer]) -> Vec<ConfidentError> {
    let mut times: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for a in confident {
        if a.level == Confidence::Certain.level() && a.points <= 0.0 && a.max_points > 0.0 {
            *times.entry((&a.bank_id, &a.question_id)).or_default() += 1;
        }
    }
    let mut out: Vec<ConfidentError> = times
        .into_iter()
        .filter_map(|((bank, question), times)| {
            let prompt = banks
                .iter()
                .find(|b| b.id == bank)?
                .questions
                .iter()
                .find(|q| q.id == question)?
                .prompt
                .clone();
            Some(ConfidentError {
                bank: bank.to_owned(),
                question: question.to_owned(),
                prompt,
                times,
            })
        })
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.times));
    out.truncate(WEAKEST);
    out
}

fn forecast(progress: &HashMap<QuestionKey, Progress>, now: DateTime<FixedOffset>) -> Vec<DueOn> {
    let today = now.date_naive();
    let mut due = vec![0; FORECAST_DAYS];
    for p in progress.values() {
        let days = (local_date(p.due(), now) - today).num_days().max(0);
        if let Some(slot) = usize::try_from(days).ok().and_then(|d| due.get_mut(d)) {
            *slot += 1;
        }
    }
    due.into_iter()
        .enumerate()
        .map(|(d, due)| DueOn {
            date: today + Duration::days(d as i64),
            due,
        })
        .collect()
}

fn seen_questions(banks: &[Bank], progress: &HashMap<QuestionKey, Progress>) -> usize {
    banks
        .iter()
        .flat_map(|b| b.questions.iter().map(move |q| (b, q)))
        .filter(|(b, q)| progress.contains_key(&(b.id.clone(), q.id.clone())))
        .count()
}

fn scenario_scores(
    banks: &[Bank],
    history: &History,
    now: DateTime<FixedOffset>,
) -> Vec<ScenarioScore> {
    let mut out = Vec::new();
    for bank in banks {
        for scenario in &bank.scenarios {
            let (Some(card), Some(branching)) =
                (StudyCard::of_scenario(scenario), &scenario.branching)
            else {
                continue;
            };
            let key = (bank.id.clone(), card.id);
            let walked = history.progress.get(&key);
            let best = history.best_walks.get(&key);
            out.push(ScenarioScore {
                bank: bank.id.clone(),
                scenario: scenario.id.clone(),
                title: scenario.title.clone(),
                walks: walked.map_or(0, |p| p.answers),
                best_path_points: branching.best_points(),
                best_points: best.map(|&(points, _)| points),
                best_share: best.map(|&(earned, max)| Grade { earned, max }.fraction()),
                due: walked.map(|p| local_date(p.due(), now)),
            });
        }
    }
    out
}

fn local_date(at: DateTime<chrono::Utc>, now: DateTime<FixedOffset>) -> NaiveDate {
    at.with_timezone(now.offset()).date_naive()
}

fn streak(days: &BTreeSet<NaiveDate>, today: NaiveDate) -> usize {
    // A streak is not broken before the day is over.
    let mut day = if days.contains(&today) {
        today
    } else {
        today - Duration::days(1)
    };
    let mut streak = 0;
    while days.contains(&day) {
        streak += 1;
        day -= Duration::days(1);
    }
    streak
}

/// A question's predicted recall now, if it has a schedule.
type Recall<'a> = dyn Fn(&Progress) -> Option<f64> + 'a;

fn group<'q>(
    name: &str,
    questions: impl Iterator<Item = (&'q Bank, &'q Question)>,
    progress: &HashMap<QuestionKey, Progress>,
    recall: &Recall,
) -> Group {
    let mut g = Group {
        name: name.to_owned(),
        total: 0,
        seen: 0,
        mastered: 0,
        answers: 0,
        accuracy: None,
        mastery: 0.0,
        recall: None,
    };
    let (mut earned, mut max) = (0.0, 0.0);
    let (mut recall_sum, mut recalled) = (0.0, 0);
    for (bank, question) in questions {
        g.total += 1;
        let Some(p) = progress.get(&(bank.id.clone(), question.id.clone())) else {
            continue;
        };
        g.seen += 1;
        g.mastered += usize::from(p.mastered());
        g.answers += p.answers as usize;
        earned += p.earned;
        max += p.max;
        if let Some(r) = recall(p) {
            recall_sum += r;
            recalled += 1;
        }
    }
    g.recall = (recalled > 0).then(|| recall_sum / f64::from(recalled));
    g.accuracy = (max > 0.0).then(|| earned / max);
    g.mastery = if g.total > 0 {
        g.mastered as f64 / g.total as f64
    } else {
        0.0
    };
    g
}

fn bank_group(bank: &Bank, progress: &HashMap<QuestionKey, Progress>, recall: &Recall) -> Group {
    group(
        &bank.id,
        bank.questions.iter().map(|q| (bank, q)),
        progress,
        recall,
    )
}

fn tag_groups(
    banks: &[Bank],
    progress: &HashMap<QuestionKey, Progress>,
    recall: &Recall,
) -> Vec<Group> {
    let mut by_tag: BTreeMap<&str, Vec<(&Bank, &Question)>> = BTreeMap::new();
    for bank in banks {
        for question in &bank.questions {
            for tag in &question.tags {
                by_tag.entry(tag).or_default().push((bank, question));
            }
        }
    }
    by_tag
        .into_iter()
        .map(|(tag, questions)| group(tag, questions.into_iter(), progress, recall))
        .collect()
}

fn daily(answers: &[(i64, f64, f64)], now: DateTime<FixedOffset>) -> Vec<Day> {
    let today = now.date_naive();
    let first = today - Duration::days(DAYS as i64 - 1);
    let mut days: Vec<Day> = (0..DAYS as i64)
        .map(|i| Day {
            date: first + Duration::days(i),
            answers: 0,
            accuracy: None,
        })
        .collect();
    let mut points = vec![(0.0, 0.0); DAYS];
    for &(answered_at, earned, max) in answers {
        let Some(at) = DateTime::from_timestamp(answered_at, 0) else {
            continue;
        };
        let Ok(index) = usize::try_from((local_date(at, now) - first).num_days()) else {
            continue;
        };
        if index < DAYS {
            days[index].answers += 1;
            points[index].0 += earned;
            points[index].1 += max;
        }
    }
    for (day, (earned, max)) in days.iter_mut().zip(points) {
        day.accuracy = (max > 0.0).then(|| earned / max);
    }
    days
}

/// Questions missed at least once, lowest accuracy first.
fn weakest(banks: &[Bank], progress: &HashMap<QuestionKey, Progress>) -> Vec<Weak> {
    let mut weak: Vec<(Weak, i64)> = Vec::new();
    for bank in banks {
        for question in &bank.questions {
            let Some(p) = progress.get(&(bank.id.clone(), question.id.clone())) else {
                continue;
            };
            if p.misses == 0 {
                continue;
            }
            let entry = Weak {
                bank: bank.id.clone(),
                question: question.id.clone(),
                prompt: question.prompt.trim().to_owned(),
                answers: p.answers,
                misses: p.misses,
                accuracy: p.accuracy(),
            };
            weak.push((entry, p.last_at.timestamp()));
        }
    }
    weak.sort_by(|(a, a_at), (b, b_at)| {
        a.accuracy
            .total_cmp(&b.accuracy)
            .then(b.misses.cmp(&a.misses))
            .then(b_at.cmp(a_at))
    });
    weak.into_iter().take(WEAKEST).map(|(w, _)| w).collect()
}
