//! What `quiz review` asks, in order: questions that are due (most overdue first), then recent
//! mistakes, then new questions up to the daily limit. A branching scenario is one card among
//! them, walked as a whole.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::bank::branching::review_card_id;
use crate::bank::{Bank, Question, Scenario};
use crate::engine::{self, Filter, PlanOptions, Planned};
use crate::progress::{Progress, QuestionKey};

/// A question last answered wrong within this many days is a recent mistake.
pub(crate) const RECENT_DAYS: i64 = 7;

#[derive(Debug, Clone)]
pub(crate) struct ReviewOptions {
    pub count: usize,
    /// New questions per day, counting those first seen earlier today (in play or review).
    pub new_per_day: usize,
    /// Bank ids; none: every bank.
    pub banks: Vec<String>,
    pub tags: Vec<String>,
    /// Only questions whose last answer was not fully right, whatever their schedule.
    pub mistakes_only: bool,
    /// After those due, this many of the cards not due yet, the closest to due first, instead
    /// of mistakes and new questions (studying ahead).
    pub ahead: Option<usize>,
}

/// Questions a review asks unless told otherwise (`quiz review --count`).
pub(crate) const REVIEW_COUNT: u32 = 20;
/// New questions a day unless told otherwise (`quiz review --new`).
pub(crate) const NEW_PER_DAY: u32 = 10;

impl Default for ReviewOptions {
    /// `quiz review` with no options: every bank and tag, due questions, then mistakes, then new.
    fn default() -> Self {
        ReviewOptions {
            count: REVIEW_COUNT as usize,
            new_per_day: NEW_PER_DAY as usize,
            banks: Vec::new(),
            tags: Vec::new(),
            mistakes_only: false,
            ahead: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    Due,
    Mistake,
    New,
    /// Not due yet, asked ahead of time (`--ahead`).
    Ahead,
}

/// One card to review: a question, or a branching scenario to walk from its start.
#[derive(Debug, Clone)]
pub(crate) enum Pick<'b> {
    Question(Planned<'b>),
    Walk {
        bank: &'b Bank,
        scenario: &'b Scenario,
    },
}

impl Pick<'_> {
    /// The card's key in the learner's progress.
    fn key(&self) -> QuestionKey {
        match self {
            Pick::Question(planned) => (planned.bank.id.clone(), planned.question.id.clone()),
            Pick::Walk { bank, scenario } => (bank.id.clone(), review_card_id(&scenario.id)),
        }
    }

    fn is_walk(&self) -> bool {
        matches!(self, Pick::Walk { .. })
    }

    pub(crate) fn bank_id(&self) -> &str {
        match self {
            Pick::Question(planned) => &planned.bank.id,
            Pick::Walk { bank, .. } => &bank.id,
        }
    }

    /// The scenario whose questions this question is one of (not a branching scenario, which is
    /// a card of its own).
    pub(crate) fn scenario_id(&self) -> Option<&str> {
        match self {
            Pick::Question(planned) => planned.scenario.map(|s| s.id.as_str()),
            Pick::Walk { .. } => None,
        }
    }

    /// The first tag of the question, or of a branching scenario's first step; "" for none.
    pub(crate) fn first_tag(&self) -> &str {
        let question = match self {
            Pick::Question(planned) => Some(planned.question),
            Pick::Walk { scenario, .. } => scenario
                .branching
                .as_ref()
                .and_then(|b| b.steps.first())
                .map(|step| &step.question),
        };
        question
            .and_then(|q| q.tags.first())
            .map_or("", String::as_str)
    }
}

#[derive(Debug)]
pub(crate) struct Queue<'b> {
    pub picks: Vec<(Pick<'b>, Reason)>,
    /// Due in all, including those beyond `count`.
    pub due: usize,
    /// Of those, the branching scenarios.
    pub due_walks: usize,
    pub new_unseen: usize,
    pub new_today: usize,
    /// New questions that may still be asked today (under the daily limit), whether or not
    /// `count` left room for them in this queue.
    pub new_left: usize,
    /// When the first card (question or branching scenario) that is not due yet falls due.
    pub next_due: Option<DateTime<Utc>>,
    /// Whether that is a branching scenario.
    pub next_due_walk: bool,
    /// Cards falling due tomorrow, and in the seven days from tomorrow (those of tomorrow among
    /// them).
    pub due_tomorrow: usize,
    pub due_this_week: usize,
}

impl<'b> Queue<'b> {
    pub(crate) fn count(&self, reason: Reason) -> usize {
        self.picks.iter().filter(|(_, r)| *r == reason).count()
    }

    /// The questions picked, in order.
    pub(crate) fn questions(&self) -> Vec<Planned<'b>> {
        self.picks
            .iter()
            .filter_map(|(pick, _)| match pick {
                Pick::Question(planned) => Some(planned.clone()),
                Pick::Walk { .. } => None,
            })
            .collect()
    }

    /// The branching scenarios picked, in order.
    pub(crate) fn walks(&self) -> Vec<(&'b Bank, &'b Scenario)> {
        self.picks
            .iter()
            .filter_map(|(pick, _)| match pick {
                Pick::Walk { bank, scenario } => Some((*bank, *scenario)),
                Pick::Question(_) => None,
            })
            .collect()
    }
}

/// The cards that may be reviewed, in the order they are written (each bank's questions, then
/// its branching scenarios), the choices of questions shuffled by `seed`. A branching scenario
/// matches the tags when one of its steps does.
pub(crate) fn candidates<'b>(
    banks: &'b [Bank],
    options: &ReviewOptions,
    seed: u64,
) -> Vec<Pick<'b>> {
    let filter = Filter {
        tags: options.tags.clone(),
        ..Filter::default()
    };
    let plan_options = PlanOptions {
        filter: filter.clone(),
        count: None,
        seed,
        shuffle: true,
    };
    let in_banks = |bank: &Bank| options.banks.is_empty() || options.banks.contains(&bank.id);
    let mut plan: Vec<Planned> = engine::plan(banks, &plan_options)
        .into_iter()
        .filter(|p| in_banks(p.bank))
        .collect();
    // Positions looked up once: searching the bank for each comparison made sorting a big bank
    // quadratic.
    let positions: HashMap<*const Question, (usize, usize)> = banks
        .iter()
        .enumerate()
        .flat_map(|(b, bank)| {
            bank.questions
                .iter()
                .enumerate()
                .map(move |(q, question)| (std::ptr::from_ref(question), (b, q)))
        })
        .collect();
    plan.sort_by_key(|p| positions.get(&std::ptr::from_ref(p.question)).copied());
    let mut picks: Vec<(usize, Pick)> = plan
        .into_iter()
        .map(|p| {
            let bank = positions
                .get(&std::ptr::from_ref(p.question))
                .map_or(0, |at| at.0);
            (bank, Pick::Question(p))
        })
        .collect();
    for (b, bank) in banks.iter().enumerate().filter(|(_, bank)| in_banks(bank)) {
        for scenario in &bank.scenarios {
            let Some(branching) = &scenario.branching else {
                continue;
            };
            if branching.steps.iter().any(|s| filter.admits(&s.question)) {
                picks.push((b, Pick::Walk { bank, scenario }));
            }
        }
    }
    // Stable: within a bank, questions keep their order and come before its scenarios.
    picks.sort_by_key(|(bank, _)| *bank);
    picks.into_iter().map(|(_, pick)| pick).collect()
}

/// Due when its due date (in the learner's time zone) is today or earlier: intervals are whole
/// days, so the hour of the last answer should not hold a question back until the afternoon.
pub(crate) fn is_due(progress: &Progress, now: DateTime<FixedOffset>) -> bool {
    progress.due().with_timezone(now.offset()).date_naive() <= now.date_naive()
}

/// The days after a learner's first answer during which new questions keep a share of each
/// review (see [`build`]).
pub(crate) const FIRST_WEEK_DAYS: i64 = 7;

/// The review: due cards, most overdue first, then recent mistakes, then new cards in the fair
/// order of [`super::introduce`] up to the daily limit, `count` in all. In the learner's first
/// week (since their first answer to any of the banks), due cards and mistakes leave half of
/// `count` to new questions when there are any left today, so reviews never crowd out the
/// banks not yet met.
pub(crate) fn build<'b>(
    candidates: Vec<Pick<'b>>,
    progress: &HashMap<QuestionKey, Progress>,
    now: DateTime<FixedOffset>,
    options: &ReviewOptions,
    seed: u64,
) -> Queue<'b> {
    let today = now.date_naive();
    let new_today = progress
        .values()
        .filter(|p| p.first_at.with_timezone(now.offset()).date_naive() == today)
        .count();
    let recent = now.to_utc() - Duration::days(RECENT_DAYS);
    let (mut due, mut mistakes, mut new) = (Vec::new(), Vec::new(), Vec::new());
    let mut not_due = Vec::new();
    let mut next_due: Option<DateTime<Utc>> = None;
    let mut next_due_walk = false;
    let (mut due_tomorrow, mut due_this_week) = (0, 0);
    for planned in candidates {
        match progress.get(&planned.key()) {
            None => new.push(planned),
            Some(p) if options.mistakes_only => {
                if !p.last_right {
                    mistakes.push((planned, p));
                }
            }
            Some(p) if is_due(p, now) => due.push((planned, p)),
            Some(p) => {
                let days = (p.due().with_timezone(now.offset()).date_naive() - today).num_days();
                due_tomorrow += usize::from(days == 1);
                due_this_week += usize::from((1..=7).contains(&days));
                if next_due.is_none_or(|d| p.due() < d) {
                    next_due = Some(p.due());
                    next_due_walk = planned.is_walk();
                }
                if options.ahead.is_some() {
                    not_due.push((planned, p));
                } else if !p.last_right && p.last_at >= recent {
                    mistakes.push((planned, p));
                }
            }
        }
    }
    due.sort_by_key(|(_, p)| p.due());
    mistakes.sort_by_key(|(_, p)| std::cmp::Reverse(p.last_at));
    let new_unseen = new.len();
    not_due.sort_by_key(|(_, p)| p.due());
    let new_left = if options.mistakes_only || options.ahead.is_some() {
        0
    } else {
        options.new_per_day.saturating_sub(new_today)
    };
    let due_total = due.len();
    let due_walks = due.iter().filter(|(pick, _)| pick.is_walk()).count();
    let first_answer = progress.values().map(|p| p.first_at).min();
    let first_week =
        first_answer.is_none_or(|first| now.to_utc() - first < Duration::days(FIRST_WEEK_DAYS));
    let kept_for_new = if first_week {
        new_left.min(new_unseen).min(options.count / 2)
    } else {
        0
    };
    let reviews = options.count - kept_for_new;
    let new = if new_left > 0 {
        super::introduce::fair_order(new, seed)
    } else {
        Vec::new()
    };
    let picks = due
        .into_iter()
        .map(|(q, _)| (q, Reason::Due))
        .chain(mistakes.into_iter().map(|(q, _)| (q, Reason::Mistake)))
        .take(reviews)
        .chain(new.into_iter().take(new_left).map(|q| (q, Reason::New)))
        .chain(
            not_due
                .into_iter()
                .take(options.ahead.unwrap_or(0))
                .map(|(q, _)| (q, Reason::Ahead)),
        )
        .take(options.count)
        .collect();
    Queue {
        picks,
        due: due_total,
        due_walks,
        new_unseen,
        new_today,
        new_left: new_left.min(new_unseen),
        next_due,
        next_due_walk,
        due_tomorrow,
        due_this_week,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Card;

    fn due_at(rfc3339: &str) -> Progress {
        let at = DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc();
        Progress {
            card: Card {
                due: at,
                ..Card::default()
            },
            scheduled: 1,
            answers: 1,
            earned: 1.0,
            max: 1.0,
            misses: 0,
            first_at: at,
            last_at: at,
            last_right: true,
        }
    }

    #[test]
    fn a_question_is_due_all_day_on_its_due_date_in_the_learners_zone() {
        let morning = DateTime::parse_from_rfc3339("2026-01-02T07:00:00+02:00").unwrap();
        assert!(is_due(&due_at("2026-01-02T23:00:00+02:00"), morning));
        assert!(is_due(&due_at("2025-12-30T12:00:00Z"), morning));
        // 23:30 UTC on the 2nd is the 3rd at +02:00.
        assert!(!is_due(&due_at("2026-01-02T23:30:00Z"), morning));
    }
}
