//! The pieces of a GIFT answer block that every kind of question reads: the answer it makes,
//! where it is, its marked parts, their weights and their feedback.

use super::formats::{Format, plain_text};
use crate::import::{OutChoice, OutPair};

/// What an answer block holds, by the kind of question it makes.
pub(super) enum Answer {
    Choices {
        single: bool,
        /// Graded as Moodle grades a multiple-answer question (`scoring: moodle`).
        moodle_scoring: bool,
        choices: Vec<OutChoice>,
    },
    /// The answer, and the feedback Moodle shows for a right answer.
    TrueFalse(bool, Option<String>),
    Short(Vec<String>),
    Numeric {
        answer: f64,
        tolerance: f64,
    },
    Match(Vec<OutPair>),
    Order(Vec<String>),
}

/// Where a paragraph is and the format of its question text, the default for its other texts.
pub(super) struct At {
    pub line: usize,
    pub format: Format,
}

impl At {
    pub(super) fn text(&self, protected: &str) -> String {
        plain_text(protected, self.format)
    }
}

/// Splits `=a ~b =c` into (mark, text) parts; text before the first mark is ignored.
pub(super) fn marked_parts(answers: &str, marks: &[char]) -> Vec<(char, String)> {
    let mut parts: Vec<(char, String)> = Vec::new();
    for c in answers.chars() {
        if marks.contains(&c) {
            parts.push((c, String::new()));
        } else if let Some((_, text)) = parts.last_mut() {
            text.push(c);
        }
    }
    parts
}

/// `%50%text` → (Some(50), "text"), as Moodle's pattern reads a weight: `%`, an optional minus,
/// one or two digits, optional decimals, `%`.
pub(super) fn weight(text: &str) -> (Option<f64>, &str) {
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix('%')
        && let Some(end) = rest.find('%')
        && let Some(w) = moodle_weight(&rest[..end])
    {
        return (Some(w), &rest[end + 1..]);
    }
    (None, trimmed)
}

fn moodle_weight(text: &str) -> Option<f64> {
    let digits = text.trim_start_matches('-');
    let whole = digits.split('.').next().unwrap_or("");
    let well_formed = !whole.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1;
    let w: f64 = digits.parse().ok().filter(|_| well_formed)?;
    Some(if text.starts_with('-') { -w } else { w })
}

/// `text#feedback` → (text, feedback), each in the question's format unless it names its own.
pub(super) fn feedback(text: &str, at: &At) -> (String, Option<String>) {
    match text.split_once('#') {
        Some((text, why)) => (at.text(text), Some(at.text(why)).filter(|w| !w.is_empty())),
        None => (at.text(text), None),
    }
}
