//! A typed line read as an answer: "2", "1,3", "t", "15k", "3 1 2 4", "1b 2a 3c". The plain
//! front end reads every answer this way and presenter mode the class's answer to a step of a
//! branching scenario, so both accept the same.

use super::prompter::Form;
use super::response::Response;
use super::typed_number::{NumberError, parse_number};

/// Match answers name right sides by lower-case letter (a match has at most 26 pairs).
pub(crate) fn letter(i: usize) -> String {
    crate::text::letter(i).to_lowercase()
}

pub(crate) fn example_order(n: usize) -> String {
    let mut order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    order.rotate_left(1);
    order.join(" ")
}

pub(crate) fn example_pairs(n: usize) -> String {
    (0..n)
        .map(|i| format!("{}{}", i + 1, letter((i + 1) % n)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a typed line is not an answer to the question; shown as one line saying how to type it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Untyped {
    #[error("Type one number from 1 to {choices}.")]
    OneChoice { choices: usize },
    #[error("Type the numbers of all the answers that apply (1 to {choices}), like 1,3.")]
    Choices { choices: usize },
    #[error("Type t for true or f for false.")]
    TrueOrFalse,
    #[error("Type your answer (a word or a few).")]
    NoWords,
    #[error("{}", .error.hint(.unit.as_deref()))]
    Number {
        error: NumberError,
        unit: Option<String>,
    },
    #[error(
        "Type the numbers 1 to {items} once each, first item first, like {}.",
        example_order(*.items)
    )]
    Order { items: usize },
    #[error(
        "Pair every number 1 to {left} with a letter a to {}, like {}.",
        letter(.right - 1),
        example_pairs(*.left)
    )]
    Pairs { left: usize, right: usize },
}

/// Reads a typed line as an answer to `form`, or says why it is not one.
pub(crate) fn read_response(form: &Form, line: &str) -> Result<Response, Untyped> {
    let line = line.trim();
    match form {
        Form::Single { choices } => match numbers(line, choices.len()).as_deref() {
            Some([one]) => Ok(Response::Choice(*one)),
            _ => Err(Untyped::OneChoice {
                choices: choices.len(),
            }),
        },
        Form::Multiple { choices } => match numbers(line, choices.len()) {
            Some(mut picked) if !picked.is_empty() => {
                // "1,1,3" picks two answers: a repeated pick is one pick.
                let mut seen = vec![false; choices.len()];
                picked.retain(|&i| !std::mem::replace(&mut seen[i], true));
                Ok(Response::Choices(picked))
            }
            _ => Err(Untyped::Choices {
                choices: choices.len(),
            }),
        },
        Form::TrueFalse => match line.to_lowercase().as_str() {
            "t" | "true" | "y" | "yes" => Ok(Response::Bool(true)),
            "f" | "false" | "n" | "no" => Ok(Response::Bool(false)),
            _ => Err(Untyped::TrueOrFalse),
        },
        Form::Short if line.is_empty() => Err(Untyped::NoWords),
        Form::Short => Ok(Response::Text(line.to_owned())),
        Form::Numeric { unit } => parse_number(line, unit.as_deref())
            .map(Response::Number)
            .map_err(|error| Untyped::Number {
                error,
                unit: unit.clone(),
            }),
        Form::Order { items } => match numbers(line, items.len()) {
            Some(order) if is_permutation(&order, items.len()) => Ok(Response::Order(order)),
            _ => Err(Untyped::Order { items: items.len() }),
        },
        Form::Match { left, right } => pairs(line, left.len(), right.len()).ok_or(Untyped::Pairs {
            left: left.len(),
            right: right.len(),
        }),
    }
}

/// "1,3" or "1 3" → zero-based indices, each within `1..=n`.
fn numbers(line: &str, n: usize) -> Option<Vec<usize>> {
    line.split([',', ' ', ';'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.parse::<usize>()
                .ok()
                .filter(|i| (1..=n).contains(i))
                .map(|i| i - 1)
        })
        .collect()
}

pub(crate) fn is_permutation(order: &[usize], n: usize) -> bool {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    sorted == (0..n).collect::<Vec<_>>()
}

/// "1b 2a 3c" → for each left side, the index of its right side.
fn pairs(line: &str, lefts: usize, rights: usize) -> Option<Response> {
    let mut chosen: Vec<Option<usize>> = vec![None; lefts];
    for word in line.split([',', ' ', ';']).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        let split = word.find(|c: char| !c.is_ascii_digit())?;
        let (number, rest) = word.split_at(split);
        let rest = rest.trim_start_matches(['-', '=', ':']);
        let left = number
            .parse::<usize>()
            .ok()
            .filter(|i| (1..=lefts).contains(i))?
            - 1;
        let mut letters = rest.chars();
        let right = match (letters.next(), letters.next()) {
            (Some(c @ 'a'..='z'), None) => c as usize - 'a' as usize,
            _ => return None,
        };
        if right >= rights || chosen[left].is_some() {
            return None;
        }
        chosen[left] = Some(right);
    }
    chosen
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .map(Response::Match)
}
