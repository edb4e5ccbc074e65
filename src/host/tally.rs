//! How the class answered one question: a row per choice (true and false, or right / partly /
//! wrong for the kinds without choices) with how many picked it and whether it is right. The
//! teacher's terminal prints these rows as bars at a reveal, and the board draws them.

use super::class::Class;
use crate::bank::AnswerKey;
use crate::engine::session::{form, to_author_order};
use crate::engine::{Form, Planned, Response, Verdict};
use crate::text::letter;

/// One bar of a reveal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// The choice's letter as shown (A, B, …), for questions with choices.
    pub letter: Option<String>,
    /// The choice's text as the bank has it, `True`/`False`, or the verdict's word.
    pub label: String,
    pub count: usize,
    /// Whether this row is (or counts) the right answer.
    pub right: bool,
}

/// The rows of question `index` (0-based), and how many students in the class gave no answer.
pub(crate) fn tally(class: &Class, index: usize) -> (Vec<Row>, usize) {
    let Some(planned) = class.plan.get(index) else {
        return (Vec::new(), class.students());
    };
    let givens: Vec<&Response> = class
        .seated()
        .filter_map(|s| s.answers().get(&index))
        .map(|g| &g.shown)
        .collect();
    let graded: Vec<Verdict> = class
        .seated()
        .filter_map(|s| s.answers().get(&index))
        .map(|g| g.grade.verdict())
        .collect();
    let silent = class.students() - givens.len();
    let rows = match form(planned) {
        Form::Single { choices } | Form::Multiple { choices } => {
            let correct = correct_shown(planned);
            choices
                .into_iter()
                .enumerate()
                .map(|(i, text)| Row {
                    letter: Some(letter(i)),
                    label: text,
                    count: givens.iter().filter(|g| picks(g, i)).count(),
                    right: correct.contains(&i),
                })
                .collect()
        }
        Form::TrueFalse => [("True", true), ("False", false)]
            .into_iter()
            .map(|(label, value)| Row {
                letter: None,
                label: label.to_owned(),
                count: givens
                    .iter()
                    .filter(|g| **g == &Response::Bool(value))
                    .count(),
                right: matches!(planned.question.key, AnswerKey::TrueFalse { answer } if answer == value),
            })
            .collect(),
        _ => [Verdict::Right, Verdict::Partial, Verdict::Wrong]
            .into_iter()
            .map(|v| Row {
                letter: None,
                label: v.word().to_owned(),
                count: graded.iter().filter(|g| **g == v).count(),
                right: v == Verdict::Right,
            })
            .collect(),
    };
    (rows, silent)
}

/// The choices (in shown positions) that are right.
fn correct_shown(planned: &Planned) -> Vec<usize> {
    (0..planned.display.len())
        .filter(|&shown| {
            let author = to_author_order(planned, Response::Choice(shown));
            matches!((&planned.question.key, author),
                (AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. },
                 Response::Choice(i)) if choices.get(i).is_some_and(|c| c.correct))
        })
        .collect()
}

fn picks(shown: &Response, i: usize) -> bool {
    match shown {
        Response::Choice(c) => *c == i,
        Response::Choices(all) => all.contains(&i),
        _ => false,
    }
}
