//! A month of study by a simulated learner, through the same queue, recorder and scheduler as
//! `quiz review --confidence`: the figures in the README's study section come from it.
//!
//! The learner is a fixed model, drawn from the seed: each question has a hidden difficulty
//! from 0 to 1. A new question is answered right with a chance of 0.75 − 0.35 × difficulty; a
//! question seen before with the chance FSRS predicts for it that day raised to the power
//! 0.5 + difficulty (harder questions are forgotten faster than the model assumes); a question
//! missed earlier in the same review with a chance of 0.85. Confidence follows the chance, with
//! noise of ±0.25: above 0.8 certain, above 0.5 fairly sure, else guessing. The learner reviews
//! every day at 09:00 UTC with the defaults (20 cards, 10 new), except every seventh day.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Duration};

use super::figures::{History, compute};
use super::queue::{self, Pick, Reason, ReviewOptions};
use super::recorder::Recorder;
use super::schedule::RETENTION;
use super::states;
use crate::bank::{Bank, built_in_files, load};
use crate::clock::FixedClock;
use crate::engine::shuffle::SeededRng;
use crate::engine::{Answered, Confidence, Grade, Planned, Response, Verdict};
use crate::error::Error;
use crate::store::{Sitting, Store};

/// Days simulated.
const DAYS: i64 = 30;
/// 2026-01-01T09:00:00Z, the first day.
const START: &str = "2026-01-01T09:00:00+00:00";

/// One day of study, as the report lists it.
struct Day {
    date: chrono::NaiveDate,
    due: usize,
    due_right: usize,
    new: usize,
    again: usize,
    mistakes: usize,
}

/// Runs the month into a progress database in `data_dir` (which should be empty) and returns the
/// report: reviews per day, true retention, the questions introduced and the calibration table.
#[doc(hidden)]
pub fn simulate_month(data_dir: &Path, seed: u64) -> Result<String, Error> {
    let loaded = load(&built_in_files());
    let banks = loaded.banks;
    let mut rng = SeededRng::new(seed);
    let mut chance = || rng.below(1_000_000) as f64 / 1_000_000.0;
    let difficulty: HashMap<(String, String), f64> = banks
        .iter()
        .flat_map(|b| {
            b.questions
                .iter()
                .map(move |q| (b.id.clone(), q.id.clone()))
        })
        .map(|key| (key, chance()))
        .collect();
    let start = DateTime::parse_from_rfc3339(START).unwrap_or_default();
    // The learner runs `quiz review` as it comes.
    let options = ReviewOptions::default();
    let mut days = Vec::new();
    let mut introduced_by = None;
    for day in 0..DAYS {
        if day % 7 == 6 {
            continue;
        }
        let now = start + Duration::days(day);
        let clock = FixedClock(now);
        let store = Store::open(data_dir)?;
        let history = states::load(&store, &banks, &states::scheduler(&store, RETENTION))?;
        let scheduler = states::scheduler(&store, RETENTION);
        let candidates = queue::candidates(&banks, &options, seed + day as u64);
        let picked = queue::build(candidates, &history, now, &options, seed + day as u64);
        let mut recorder = Recorder::new(Ok(store), Sitting::Review, &clock, |_| {});
        let mut today = Day {
            date: now.date_naive(),
            due: 0,
            due_right: 0,
            new: 0,
            again: 0,
            mistakes: 0,
        };
        for (pick, reason) in &picked.picks {
            let Pick::Question(planned) = pick else {
                continue;
            };
            let key = (planned.bank.id.clone(), planned.question.id.clone());
            let hard = difficulty.get(&key).copied().unwrap_or(0.5);
            let first = match history.get(&key) {
                None => 0.75 - 0.35 * hard,
                Some(p) => scheduler
                    .recall(&p.card, now.to_utc())
                    .unwrap_or(0.5)
                    .powf(0.5 + hard),
            };
            let right = answer(&mut recorder, planned, first, &mut chance);
            match reason {
                Reason::Due => {
                    today.due += 1;
                    today.due_right += usize::from(right);
                }
                Reason::New => today.new += 1,
                _ => today.mistakes += 1,
            }
            // Relearning in the session, as review does it.
            let mut again = right;
            while !again {
                today.again += 1;
                again = answer(&mut recorder, planned, 0.85, &mut chance);
            }
        }
        days.push(today);
        let store = Store::open(data_dir)?;
        let seen = states::load(&store, &banks, &states::scheduler(&store, RETENTION))?;
        let questions: usize = banks.iter().map(|b| b.questions.len()).sum();
        let introduced = banks
            .iter()
            .flat_map(|b| {
                b.questions
                    .iter()
                    .map(move |q| (b.id.clone(), q.id.clone()))
            })
            .filter(|key| seen.contains_key(key))
            .count();
        if introduced == questions && introduced_by.is_none() {
            introduced_by = Some((day + 1, questions));
        }
    }
    report(
        data_dir,
        &banks,
        &days,
        introduced_by,
        start + Duration::days(DAYS),
    )
}

/// Answers `planned` right with chance `p`, with the confidence the learner feels; records it
/// and says whether it was right.
fn answer(
    recorder: &mut Recorder,
    planned: &Planned,
    p: f64,
    chance: &mut impl FnMut() -> f64,
) -> bool {
    let right = chance() < p;
    let felt = p + (chance() - 0.5) * 0.5;
    let confidence = if felt > 0.8 {
        Confidence::Certain
    } else if felt > 0.5 {
        Confidence::FairlySure
    } else {
        Confidence::Guessing
    };
    let points = planned.question.points;
    let answered = Answered {
        index: 0,
        response: Response::Text("(simulated)".into()),
        grade: Grade {
            earned: if right { points } else { 0.0 },
            max: points,
        },
        seconds: 20.0,
        confidence: Some(confidence),
    };
    recorder.record(planned, &answered);
    answered.grade.verdict() == Verdict::Right
}

fn report(
    data_dir: &Path,
    banks: &[Bank],
    days: &[Day],
    introduced_by: Option<(i64, usize)>,
    end: DateTime<chrono::FixedOffset>,
) -> Result<String, Error> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| date | due | due right | new | recent mistakes | asked again |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for d in days {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            d.date, d.due, d.due_right, d.new, d.mistakes, d.again
        );
    }
    let due: usize = days.iter().map(|d| d.due).sum();
    let due_right: usize = days.iter().map(|d| d.due_right).sum();
    let _ = writeln!(out);
    if due > 0 {
        let _ = writeln!(
            out,
            "True retention: {due_right} of {due} due reviews answered right ({:.1}%), \
             against a target of {:.0}%.",
            100.0 * due_right as f64 / due as f64,
            100.0 * RETENTION
        );
    }
    match introduced_by {
        Some((day, questions)) => {
            let _ = writeln!(
                out,
                "Every one of the {questions} built-in questions introduced by day {day}."
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Not every built-in question was introduced in the month."
            );
        }
    }
    let store = Store::open(data_dir)?;
    let stats = compute(banks, &History::read(&store, banks, end)?, end);
    let _ = writeln!(out, "\n| confidence | answers | right |\n|---|---|---|");
    for c in &stats.calibration {
        let _ = writeln!(
            out,
            "| {} | {} | {:.0}% |",
            c.confidence,
            c.answers,
            100.0 * c.accuracy
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_month_of_study_introduces_every_built_in_question_and_says_how_it_went() {
        let data = tempfile::TempDir::new().unwrap();
        let report = super::simulate_month(data.path(), 1).unwrap();
        assert!(
            report.contains("built-in questions introduced by day"),
            "{report}"
        );
        assert!(report.contains("True retention: "), "{report}");
        assert!(report.contains("| certain | "), "{report}");
        // `quiz stats` finds the same due reviews in the answers recorded as the learner met.
        let store = crate::store::Store::open(data.path()).unwrap();
        let banks = crate::bank::load(&crate::bank::built_in_files()).banks;
        let end = chrono::DateTime::parse_from_rfc3339("2026-01-31T09:00:00+00:00").unwrap();
        let history = super::History::read(&store, &banks, end).unwrap();
        let retention = super::compute(&banks, &history, end).retention;
        assert!(retention.due_reviews > 100);
        assert!(
            report.contains(&format!(
                "True retention: {} of {} due reviews",
                retention.right, retention.due_reviews
            )),
            "{report}\n{retention:?}"
        );
        // The same seed, the same month.
        let again = tempfile::TempDir::new().unwrap();
        assert_eq!(super::simulate_month(again.path(), 1).unwrap(), report);
    }
}
