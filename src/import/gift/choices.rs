//! Multiple choice as Moodle reads it: an answer block with a `=` is a single-answer question,
//! where other answers may earn partial credit; one without is a multiple-answer question whose
//! `%weights%` add up, imported with `scoring: moodle` so that it earns what it earns in Moodle.

use super::notice_at;
use super::parts::{Answer, At, feedback, marked_parts, weight};
use crate::import::{ImportNotice, Num, OutChoice};

pub(super) fn multiple_choice(
    answers: &str,
    at: &At,
    notes: &mut Vec<ImportNotice>,
) -> Option<Answer> {
    let parts = marked_parts(answers, &['~', '=']);
    let single = parts.iter().any(|(mark, _)| *mark == '=');
    let mut choices = Vec::new();
    let mut weights = Vec::new();
    for (mark, text) in &parts {
        // After `=` Moodle reads no weight: a `%50%` there is text.
        let (w, text) = if *mark == '=' {
            (100.0, text.trim_start())
        } else {
            let (w, text) = weight(text);
            (w.unwrap_or(0.0), text)
        };
        let (text, why) = feedback(text, at);
        weights.push(w);
        // Partial credit is never a right answer: a learner who picks it is not right.
        let correct = if single { w >= 100.0 } else { w > 0.0 };
        choices.push(OutChoice {
            text,
            correct,
            why,
            weight: None,
        });
    }
    if choices.len() < 2 || !choices.iter().any(|c| c.correct) {
        notes.push(ImportNotice::error(
            at.line,
            "a multiple-choice question needs at least 2 answers, one of them right",
        ));
        return None;
    }
    if single {
        single_answer_notes(&choices, &weights, at.line, notes);
        let right = choices.iter().filter(|c| c.correct).count();
        return Some(Answer::Choices {
            single: right == 1,
            moodle_scoring: false,
            choices,
        });
    }
    let moodle_scoring = moodle_weights(&mut choices, &weights, at.line, notes);
    Some(Answer::Choices {
        single: false,
        moodle_scoring,
        choices,
    })
}

/// A multiple-answer question keeps Moodle's scoring: the ticked weights add up. A weight is
/// written only where it differs from what `scoring: moodle` gives by default (right answers an
/// equal share, wrong ones nothing). Whether the question needs `scoring: moodle`: not when
/// each wrong answer costs exactly what each right one earns, which is how a bank scores by
/// default (and how `quiz export` writes such a question).
pub(crate) fn moodle_weights(
    choices: &mut [OutChoice],
    weights: &[f64],
    line: usize,
    notes: &mut Vec<ImportNotice>,
) -> bool {
    let right: Vec<f64> = weights.iter().copied().filter(|w| *w > 0.0).collect();
    let total: f64 = right.iter().sum();
    let scale = if (total - 100.0).abs() > 0.01 {
        notes.push(notice_at(
            line,
            format!(
                "the right answers add up to {total}%, and Moodle saves a multiple-answer \
                 question only when they add up to 100%: each is scaled to its share of 100%"
            ),
        ));
        100.0 / total
    } else {
        1.0
    };
    let share = 100.0 / right.len() as f64;
    let equal_shares = right.iter().all(|w| (w * scale - share).abs() < 0.01);
    if equal_shares && weights.iter().all(|w| *w > 0.0 || (w + share).abs() < 0.01) {
        return false;
    }
    for (choice, w) in choices.iter_mut().zip(weights) {
        let w = if *w > 0.0 { w * scale } else { *w };
        let by_default = w == 0.0 || (w > 0.0 && equal_shares);
        choice.weight = (!by_default).then(|| Num(round_weight(w)));
    }
    true
}

/// Weights as Moodle writes them, to 5 decimals (33.33333).
fn round_weight(w: f64) -> f64 {
    (w * 100_000.0).round() / 100_000.0
}

/// What a single-answer question loses: partial credit and penalties count as plainly wrong, and
/// several full-credit answers make a `multiple` question.
fn single_answer_notes(
    choices: &[OutChoice],
    weights: &[f64],
    line: usize,
    notes: &mut Vec<ImportNotice>,
) {
    for (choice, w) in choices.iter().zip(weights) {
        if *w > 0.0 && *w < 100.0 {
            notes.push(notice_at(
                line,
                format!(
                    "`{}` earns {w}% in Moodle; a bank has no partial credit, so it counts as wrong",
                    choice.text
                ),
            ));
        } else if *w < 0.0 {
            notes.push(notice_at(
                line,
                format!(
                    "`{}` costs {}% in Moodle; here it is simply wrong",
                    choice.text, -w
                ),
            ));
        }
    }
    if choices.iter().filter(|c| c.correct).count() > 1 {
        notes.push(notice_at(
            line,
            "several answers earn full credit: imported as `multiple`, where learners tick every right one",
        ));
    }
}
