//! Bank text made safe for a terminal as it is loaded: a bank is anyone's file, and its text
//! reaches the screen in every command (play, review, list, present, stats, check). Each text
//! passes through `text::for_terminal` once here, so nothing downstream can print a raw escape
//! sequence or bidirectional override; `quiz check` warns where text was changed.

use super::diagnostic::{Diagnostic, Lint};
use super::model::{AnswerKey, Bank, Question};
use super::spots::Spots;
use crate::text::make_safe_for_terminal;

/// Replaces the control characters in every text of `bank`, and warns once for each question
/// (or for the bank's own texts) where it did.
pub(crate) fn make_bank_safe(bank: &mut Bank, spots: &Spots) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut changed = false;
    for text in [&mut bank.id, &mut bank.title, &mut bank.description] {
        changed |= make_safe_for_terminal(text);
    }
    for source in &mut bank.sources {
        for text in [&mut source.id, &mut source.title] {
            changed |= make_safe_for_terminal(text);
        }
        for text in [&mut source.publisher, &mut source.author, &mut source.date]
            .into_iter()
            .flatten()
        {
            changed |= make_safe_for_terminal(text);
        }
    }
    for scenario in &mut bank.scenarios {
        for text in [&mut scenario.id, &mut scenario.title, &mut scenario.text] {
            changed |= make_safe_for_terminal(text);
        }
    }
    if changed {
        warnings.push(warning(bank, (1, 1), None));
    }
    let mut questions = std::mem::take(&mut bank.questions);
    for question in &mut questions {
        if make_question_safe(question) {
            let spot = spots.question(&question.id);
            warnings.push(warning(bank, spot, Some(&question.id)));
        }
    }
    bank.questions = questions;
    warnings
}

fn warning(bank: &Bank, (line, column): (u64, u64), question: Option<&str>) -> Diagnostic {
    let what = if question.is_some() {
        "this question's text"
    } else {
        "the bank's title, description, sources or scenarios"
    };
    Diagnostic::warning(
        Lint::ControlCharacter,
        &bank.origin,
        line,
        column,
        format!("{what} holds control characters (escape sequences or bidirectional overrides)"),
    )
    .in_question(question)
    .help(String::from(
        "they are shown as visible escapes such as \\x1b, never sent to the terminal; \
         remove them from the bank",
    ))
}

fn make_question_safe(q: &mut Question) -> bool {
    let mut changed = false;
    let mut fix = |text: &mut String| changed |= make_safe_for_terminal(text);
    fix(&mut q.id);
    fix(&mut q.prompt);
    fix(&mut q.explanation);
    if let Some(scenario) = &mut q.scenario {
        fix(scenario);
    }
    fix(&mut q.citation.source);
    q.citation.sections.iter_mut().for_each(&mut fix);
    if let Some(locator) = &mut q.citation.locator {
        fix(locator);
    }
    q.tags.iter_mut().for_each(&mut fix);
    match &mut q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => {
            for choice in choices {
                fix(&mut choice.text);
                if let Some(why) = &mut choice.why {
                    fix(why);
                }
            }
        }
        AnswerKey::Short { accept, .. } => accept.iter_mut().for_each(&mut fix),
        AnswerKey::Numeric { unit, .. } => {
            if let Some(unit) = unit {
                fix(unit);
            }
        }
        AnswerKey::Order { items } => items.iter_mut().for_each(&mut fix),
        AnswerKey::Match { pairs } => {
            for pair in pairs {
                fix(&mut pair.left);
                fix(&mut pair.right);
            }
        }
        AnswerKey::TrueFalse { .. } => {}
    }
    changed
}
