//! The class's decision at a step of a branching scenario, as the teacher types it: the letters
//! the slide shows for choices, true/false and order, else the answer as the plain quiz reads it;
//! or, for a choice of one, the hands counted for each option.

use crate::engine::typed_answer::{Untyped, is_permutation, read_response};
use crate::engine::{Form, Response};

/// Why what the teacher typed moves no story on; shown as one line saying what to type.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Undecided {
    /// `last` is the letter of the last option on the slide.
    #[error("Type the letter the class chose, A to {last}, or the hands for each option.")]
    OneLetter { last: String },
    #[error("Type A (true) or B (false), or the hands for each.")]
    TrueOrFalse,
    #[error("Type the letters of every answer the class chose (A to {last}), like A C.")]
    Letters { last: String },
    #[error("Type the letters A to {last} once each, in the class's order.")]
    Order { last: String },
    #[error(transparent)]
    Typed(#[from] Untyped),
    #[error(transparent)]
    Counts(#[from] super::tally::Uncounted),
    #[error("The story has ended.")]
    StoryEnded,
    #[error("No option has the most hands: type the letter the class goes with.")]
    NoMajority,
}

/// The class's decision as the teacher types it, in the order shown: the letters on the slide
/// for choices, true/false and order; an answer typed as in the plain quiz for the other kinds.
pub(crate) fn read_decision(form: &Form, typed: &str) -> Result<Response, Undecided> {
    let line = typed.trim();
    let letters = |n: usize| -> Option<Vec<usize>> {
        let picked: Option<Vec<usize>> = line
            .chars()
            .filter(|c| !matches!(c, ' ' | ',' | ';'))
            .map(|c| {
                let i = (c.to_ascii_uppercase() as usize).checked_sub('A' as usize)?;
                (c.is_ascii_alphabetic() && i < n).then_some(i)
            })
            .collect();
        picked.filter(|p| !p.is_empty())
    };
    let last = |n: usize| crate::text::letter(n.saturating_sub(1));
    match form {
        Form::Single { choices } => match letters(choices.len()).as_deref() {
            Some([one]) => Ok(Response::Choice(*one)),
            _ => Err(Undecided::OneLetter {
                last: last(choices.len()),
            }),
        },
        Form::TrueFalse => match line.to_lowercase().as_str() {
            "a" | "t" | "true" => Ok(Response::Bool(true)),
            "b" | "f" | "false" => Ok(Response::Bool(false)),
            _ => Err(Undecided::TrueOrFalse),
        },
        Form::Multiple { choices } => match letters(choices.len()) {
            Some(mut picked) => {
                let mut seen = vec![false; choices.len()];
                picked.retain(|&i| !std::mem::replace(&mut seen[i], true));
                Ok(Response::Choices(picked))
            }
            None => Err(Undecided::Letters {
                last: last(choices.len()),
            }),
        },
        Form::Order { items } => match letters(items.len()) {
            Some(order) if is_permutation(&order, items.len()) => Ok(Response::Order(order)),
            _ => Err(Undecided::Order {
                last: last(items.len()),
            }),
        },
        Form::Short | Form::Numeric { .. } | Form::Match { .. } => Ok(read_response(form, line)?),
    }
}

/// Whether a typed line is the counts of a show of hands ("12 5 3") rather than a decision.
pub(crate) fn looks_like_counts(typed: &str) -> bool {
    let typed = typed.trim();
    !typed.is_empty()
        && typed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ','))
}
