//! Grading: how much of a question's points a response earns.

use serde::{Deserialize, Serialize};

use super::response::Response;
use crate::bank::{AnswerKey, Question};
use crate::text::normalize_text;

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
        (AnswerKey::Multiple { choices }, Response::Choices(picked)) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            let correct = choices.iter().filter(|c| c.correct).count() as f64;
            let right = picked
                .iter()
                .filter(|&&i| choices.get(i).is_some_and(|c| c.correct))
                .count() as f64;
            let wrong = picked.len() as f64 - right;
            ((right - wrong) / correct).max(0.0)
        }
        (AnswerKey::TrueFalse { answer }, Response::Bool(given)) => score(answer == given),
        (AnswerKey::Short { accept, exact }, Response::Text(given)) => {
            score(accept.iter().any(|a| short_matches(a, given, *exact)))
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

fn score(right: bool) -> f64 {
    if right { 1.0 } else { 0.0 }
}

/// Right when, after normalising and setting aside a leading article, the answer equals an
/// accepted one, is one typo away from it (when it has 6 or more letters), or holds it as a whole
/// phrase with at most three more words none of which negates or adds an alternative ("the Duma",
/// "Kursk, Russia", "MIRV warheads"; not "not the Duma", "Duma or Senate"). An `accept_exact`
/// question takes only the accepted answers themselves.
pub(crate) fn short_matches(accepted: &str, given: &str, exact: bool) -> bool {
    let accepted = normalize_text(accepted);
    let given = normalize_text(given);
    if accepted == given {
        return true;
    }
    if exact {
        return false;
    }
    let accepted = without_article(&accepted);
    let given = without_article(&given);
    let letters = accepted.chars().filter(|c| c.is_alphanumeric()).count();
    accepted == given
        || (letters >= 6 && strsim::damerau_levenshtein(accepted, given) <= 1)
        || contains_with_few_extra_words(accepted, given)
}

/// The accepted answer a short answer was taken for, when it was not typed as written (a typo,
/// extra words): the closest of those it matches, so that the feedback can say so.
pub(crate) fn accepted_as<'q>(question: &'q Question, response: &Response) -> Option<&'q str> {
    let (AnswerKey::Short { accept, exact }, Response::Text(given)) = (&question.key, response)
    else {
        return None;
    };
    let typed = normalize_text(given);
    if accept.iter().any(|a| normalize_text(a) == typed) {
        return None;
    }
    accept
        .iter()
        .filter(|a| short_matches(a, given, *exact))
        .min_by_key(|a| strsim::damerau_levenshtein(&normalize_text(a), &typed))
        .map(String::as_str)
}

fn without_article(text: &str) -> &str {
    ["the ", "a ", "an "]
        .iter()
        .find_map(|article| text.strip_prefix(article))
        .unwrap_or(text)
}

/// Words that turn an answer around or add another one next to it.
const DISQUALIFYING: &[&str] = &[
    "not", "no", "never", "isnt", "wasnt", "neither", "nor", "except", "without", "or", "and",
    "but", "non",
];

/// How many words an answer may add around an accepted one.
const EXTRA_WORDS: usize = 3;

fn contains_with_few_extra_words(accepted: &str, given: &str) -> bool {
    let accepted: Vec<&str> = accepted.split(' ').filter(|w| !w.is_empty()).collect();
    let given: Vec<&str> = given.split(' ').filter(|w| !w.is_empty()).collect();
    if accepted.is_empty()
        || given.len() <= accepted.len()
        || given.len() > accepted.len() + EXTRA_WORDS
    {
        return false;
    }
    given
        .windows(accepted.len())
        .position(|w| w == accepted.as_slice())
        .is_some_and(|at| {
            given[..at]
                .iter()
                .chain(&given[at + accepted.len()..])
                .all(|w| !DISQUALIFYING.contains(w))
        })
}

#[cfg(test)]
mod tests {
    use super::short_matches;

    #[test]
    fn an_answer_holding_an_accepted_one_with_a_few_words_more_is_right() {
        for (accepted, given) in [
            ("Duma", "the Duma"),
            ("Duma", "The State Duma"),
            ("Kursk", "Kursk, Russia"),
            ("Kursk", "the Kursk region"),
            ("MIRV", "MIRV technology"),
            ("MIRV", "MIRV warheads"),
            ("X", "X (formerly Twitter)"),
            ("Pyongyang", "in Pyongyang"),
        ] {
            assert!(
                short_matches(accepted, given, false),
                "{given:?} for {accepted:?}"
            );
        }
    }

    #[test]
    fn extra_words_that_negate_or_hedge_keep_an_answer_wrong() {
        for (accepted, given) in [
            ("Duma", "not the Duma"),
            ("Duma", "Duma or the Senate"),
            ("Kursk", "Kursk and Belgorod"),
            ("Kursk", "never Kursk"),
            ("Duma", "the Federation Council of Russia"),
            ("Kursk", "somewhere near the city of Kursk in Russia"),
            ("Kim Il-sung", "Kim Jong Un"),
        ] {
            assert!(
                !short_matches(accepted, given, false),
                "{given:?} for {accepted:?}"
            );
        }
    }

    #[test]
    fn an_exact_question_takes_the_accepted_answer_only() {
        assert!(short_matches("Duma", "duma", true));
        assert!(!short_matches("Duma", "the Duma", true));
    }
}
