//! Multiple choice as Moodle reads it: an answer block with a `=` is a single-answer question,
//! where other answers may earn partial credit; one without is a multiple-answer question whose
//! `%weights%` add up.

use super::notice_at;
use super::parts::{Answer, At, feedback, marked_parts, weight};
use crate::import::{ImportNotice, OutChoice};

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
        choices.push(OutChoice { text, correct, why });
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
    } else {
        let shares: Vec<f64> = weights.iter().copied().filter(|w| *w > 0.0).collect();
        if shares.iter().any(|s| (s - shares[0]).abs() > 0.01) {
            notes.push(notice_at(
                at.line,
                "unequal weights: every right answer now earns an equal share",
            ));
        }
    }
    let right = choices.iter().filter(|c| c.correct).count();
    Some(Answer::Choices {
        single: single && right == 1,
        choices,
    })
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
