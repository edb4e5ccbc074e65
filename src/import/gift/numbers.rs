//! Numerical answers: `{#answer}`, `{#answer:margin}`, `{#min..max}`, or several `=`-marked ones
//! with weights, of which the first full-credit one is kept.

use super::notice_at;
use super::parts::{Answer, At, feedback, marked_parts, weight};
use crate::import::ImportNotice;

pub(super) fn numerical(answers: &str, at: &At, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let line = at.line;
    let (answers, wrong) = match answers.split_once('~') {
        Some((right, wrong)) => (right, Some(wrong)),
        None => (answers, None),
    };
    if wrong.is_some() {
        notes.push(notice_at(line, "feedback for wrong numbers dropped"));
    }
    let mut parts: Vec<String> = marked_parts(answers, &['='])
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    if parts.is_empty() {
        parts.push(answers.to_owned());
    }
    let full = parts
        .iter()
        .position(|p| weight(p).0.is_none_or(|w| w >= 100.0));
    if parts.len() > 1 {
        notes.push(notice_at(
            line,
            "several numeric answers: only the first full-credit one is kept",
        ));
    }
    let Some(range) = full.and_then(|i| number_range(&feedback(weight(&parts[i]).1, at).0)) else {
        notes.push(ImportNotice::error(
            line,
            "a numerical answer must be `answer`, `answer:margin` or `min..max`",
        ));
        return None;
    };
    Some(range)
}

pub(super) fn number_range(text: &str) -> Option<Answer> {
    let number = |t: &str| t.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    let (answer, tolerance) = if let Some((min, max)) = text.split_once("..") {
        // The middle and the half-width need one decimal more than the bounds have; rounding
        // to it keeps `3.141..3.142` at 3.1415 ± 0.0005, not 3.1414999999999997.
        let places = decimals(min).max(decimals(max)) + 1;
        let (min, max) = (number(min)?, number(max)?);
        let round = |x: f64| round_to(x, places);
        (
            round(f64::midpoint(min, max)),
            round((max - min).abs() / 2.0),
        )
    } else if let Some((answer, margin)) = text.split_once(':') {
        (number(answer)?, number(margin)?.abs())
    } else {
        (number(text)?, 0.0)
    };
    Some(Answer::Numeric { answer, tolerance })
}

/// How many digits a number is written with after its decimal point.
fn decimals(written: &str) -> i32 {
    let mantissa = written.trim().split(['e', 'E']).next().unwrap_or("");
    mantissa
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as i32)
}

fn round_to(x: f64, places: i32) -> f64 {
    if places > 15 {
        return x;
    }
    let scale = 10f64.powi(places);
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() { rounded } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_as_value_margin_or_range() {
        let check = |text: &str, a: f64, t: f64| match number_range(text) {
            Some(Answer::Numeric { answer, tolerance }) => {
                assert_eq!((answer, tolerance), (a, t), "{text}");
            }
            _ => panic!("{text} did not parse"),
        };
        check("1822:5", 1822.0, 5.0);
        check("1..5", 3.0, 2.0);
        check("2.5", 2.5, 0.0);
        check("1.001..1.002", 1.0015, 0.0005);
        check("0.1..0.2", 0.15, 0.05);
        assert!(number_range("abc").is_none());
    }
}
