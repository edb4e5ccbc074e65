//! Grading: how much of a question's points a response earns.

use serde::{Deserialize, Serialize};

use super::response::Response;
use super::short_answer::is_accepted;
use crate::bank::{AnswerKey, Choice, Question, Scoring};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub earned: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Partial,
    Wrong,
}

impl Verdict {
    /// The word results and reports use: "right", "partial" or "wrong".
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Partial => "partial",
            Verdict::Wrong => "wrong",
        }
    }
}

impl Grade {
    /// The share of the points earned, 0 when the question is worth nothing.
    pub fn fraction(&self) -> f64 {
        if self.max > 0.0 {
            self.earned / self.max
        } else {
            0.0
        }
    }

    /// The one rule for right, partly right and wrong. Points are sums of fractions, so "all of
    /// them" allows for rounding.
    pub fn verdict(&self) -> Verdict {
        match self.fraction() {
            f if f >= 1.0 - 1e-9 => Verdict::Right,
            f if f > 0.0 => Verdict::Partial,
            _ => Verdict::Wrong,
        }
    }
}

/// Grades a response; a response of the wrong shape for the question earns nothing.
pub fn grade(question: &Question, response: &Response) -> Grade {
    let fraction = fraction(&question.key, response).clamp(0.0, 1.0);
    Grade {
        earned: fraction * question.points,
        max: question.points,
    }
}

fn fraction(key: &AnswerKey, response: &Response) -> f64 {
    match (key, response) {
        (AnswerKey::Single { choices }, Response::Choice(i)) => {
            score(choices.get(*i).is_some_and(|c| c.correct))
        }
        (AnswerKey::Multiple { choices, scoring }, Response::Choices(picked)) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            let weights = choice_weights(choices, *scoring);
            picked.iter().filter_map(|&i| weights.get(i)).sum::<f64>()
        }
        (AnswerKey::TrueFalse { answer }, Response::Bool(given)) => score(answer == given),
        (AnswerKey::Short { accept, exact }, Response::Text(given)) => {
            score(is_accepted(accept, given, *exact))
        }
        (
            AnswerKey::Numeric {
                answer, tolerance, ..
            },
            Response::Number(given),
        ) => score(tolerance.allows(*answer, *given)),
        (AnswerKey::Order { items }, Response::Order(given)) => {
            let in_place = given
                .iter()
                .enumerate()
                .filter(|(pos, item)| pos == *item)
                .count();
            in_place as f64 / items.len() as f64
        }
        (AnswerKey::Match { pairs }, Response::Match(given)) => {
            let right = given
                .iter()
                .enumerate()
                .filter(|(left, right)| left == *right)
                .count();
            right as f64 / pairs.len() as f64
        }
        _ => 0.0,
    }
}

/// What ticking each choice of a `multiple` question adds to the share of its points earned
/// (negative: takes away); [`grade`] adds up the ticked ones and keeps the total between nothing
/// and all. The one rule for both ways of scoring, which the exports write out as weights.
pub fn choice_weights(choices: &[Choice], scoring: Scoring) -> Vec<f64> {
    let right = choices.iter().filter(|c| c.correct).count().max(1) as f64;
    match scoring {
        Scoring::RightMinusWrong => choices
            .iter()
            .map(|c| if c.correct { 1.0 } else { -1.0 } / right)
            .collect(),
        Scoring::Moodle => {
            let given: f64 = choices
                .iter()
                .filter(|c| c.correct)
                .filter_map(|c| c.weight)
                .sum();
            let unweighed = choices
                .iter()
                .filter(|c| c.correct && c.weight.is_none())
                .count()
                .max(1) as f64;
            let share = ((1.0 - given) / unweighed).max(0.0);
            choices
                .iter()
                .map(|c| match (c.weight, c.correct) {
                    (Some(w), _) => w,
                    (None, true) => share,
                    (None, false) => 0.0,
                })
                .collect()
        }
    }
}

fn score(right: bool) -> f64 {
    if right { 1.0 } else { 0.0 }
}
