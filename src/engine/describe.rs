//! Answers and keys as a learner reads them.

use super::response::Response;
use crate::bank::{AnswerKey, Question, Tolerance};
use crate::text::number;

/// What the learner answered, in words.
pub fn response_text(question: &Question, response: &Response) -> String {
    match (&question.key, response) {
        (AnswerKey::Single { choices }, Response::Choice(i)) => {
            text_at(choices.get(*i).map(|c| &c.text))
        }
        (AnswerKey::Multiple { choices, .. }, Response::Choices(picked)) => picked
            .iter()
            .map(|i| text_at(choices.get(*i).map(|c| &c.text)))
            .collect::<Vec<_>>()
            .join("; "),
        (AnswerKey::Numeric { unit, .. }, Response::Number(n)) => with_unit(*n, unit.as_deref()),
        (AnswerKey::Order { items }, Response::Order(order)) => order
            .iter()
            .map(|i| text_at(items.get(*i)))
            .collect::<Vec<_>>()
            .join(" → "),
        (AnswerKey::Match { pairs }, Response::Match(rights)) => pairs
            .iter()
            .zip(rights)
            .map(|(pair, r)| {
                format!(
                    "{} → {}",
                    pair.left,
                    text_at(pairs.get(*r).map(|p| &p.right))
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        (_, Response::Bool(b)) => truth(*b).to_owned(),
        (_, Response::Text(t)) => t.clone(),
        (_, other) => format!("{other:?}"),
    }
}

/// A true/false answer as the question offers it: "True" or "False".
fn truth(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

fn text_at(text: Option<&String>) -> String {
    text.cloned().unwrap_or_else(|| "?".into())
}

/// The correct answer, in words.
pub fn key_text(question: &Question) -> String {
    match &question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.clone())
            .collect::<Vec<_>>()
            .join("; "),
        AnswerKey::TrueFalse { answer } => truth(*answer).to_owned(),
        AnswerKey::Short { accept, .. } => accept[0].clone(),
        AnswerKey::Numeric {
            answer,
            tolerance,
            unit,
        } => {
            let margin = match tolerance {
                Tolerance::Absolute(t) if *t > 0.0 => format!(" (± {})", number(*t)),
                Tolerance::Percent(p) if *p > 0.0 => format!(" (± {}%)", number(*p)),
                _ => String::new(),
            };
            format!("{}{margin}", with_unit(*answer, unit.as_deref()))
        }
        AnswerKey::Order { items } => items.join(" → "),
        AnswerKey::Match { pairs } => pairs
            .iter()
            .map(|p| format!("{} → {}", p.left, p.right))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn with_unit(n: f64, unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("{} {unit}", number(n)),
        None => number(n),
    }
}

/// The `why` of each picked choice that carries one (it explains a wrong pick).
pub(crate) fn picked_whys<'q>(question: &'q Question, response: &Response) -> Vec<&'q str> {
    let (AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. }) = &question.key
    else {
        return Vec::new();
    };
    let picked: Vec<usize> = match response {
        Response::Choice(i) => vec![*i],
        Response::Choices(all) => all.clone(),
        _ => Vec::new(),
    };
    picked
        .iter()
        .filter_map(|&i| choices.get(i)?.why.as_deref())
        .map(str::trim)
        .collect()
}

/// Points without needless decimals: 1, 0.5, 2.33.
pub fn points(p: f64) -> String {
    format!("{}", round_points(p))
}

/// Points with their noun: "1 point", "0.5 points", "2 points". The noun agrees with the number
/// shown, so a sum that rounds to 1 is "1 point" too.
pub fn points_with_unit(p: f64) -> String {
    let unit = if round_points(p) == 1.0 {
        "point"
    } else {
        "points"
    };
    format!("{} {unit}", points(p))
}

/// Points to the hundredth, as they are shown. Never -0: a sum of no points (which Rust starts
/// from -0) and a rounded tiny loss both show as 0.
pub(crate) fn round_points(p: f64) -> f64 {
    (p * 100.0).round() / 100.0 + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_points_show_as_0_never_as_minus_0() {
        let none: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(points(none), "0");
        assert_eq!(points(-0.001), "0");
        assert_eq!(points(2.0 / 3.0), "0.67");
        assert!(round_points(none).is_sign_positive());
    }

    #[test]
    fn the_noun_agrees_with_the_points_shown() {
        assert_eq!(points_with_unit(1.0), "1 point");
        assert_eq!(points_with_unit(0.1 + 0.2 + 0.7), "1 point");
        assert_eq!(points_with_unit(0.5), "0.5 points");
        assert_eq!(points_with_unit(0.0), "0 points");
        assert_eq!(points_with_unit(2.0), "2 points");
    }
}
