//! Bank text made safe for a terminal as it is loaded: a bank is anyone's file, and its text
//! reaches the screen in every command (play, review, list, present, stats, check). Each text
//! passes through `text::for_terminal` once here, so nothing downstream can print a raw escape
//! sequence or bidirectional override; `quiz check` warns where text was changed.

use super::branching::{Route, Routes, Step};
use super::diagnostic::{Diagnostic, Lint};
use super::model::{AnswerKey, Bank, Citation, Question};
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
        warnings.push(warning(&bank.origin, (1, 1), None));
    }
    let mut questions = std::mem::take(&mut bank.questions);
    for question in &mut questions {
        if make_question_safe(question) {
            let spot = spots.question(&question.id);
            warnings.push(warning(&bank.origin, spot, Some(&question.id)));
        }
    }
    bank.questions = questions;
    for scenario in &mut bank.scenarios {
        let Some(branching) = &mut scenario.branching else {
            continue;
        };
        for step in &mut branching.steps {
            if make_step_safe(step) {
                let spot = spots.question(&step.question.id);
                warnings.push(warning(&bank.origin, spot, Some(&step.question.id)));
            }
        }
        let mut endings_changed = false;
        for ending in &mut branching.endings {
            let mut fix = |text: &mut String| endings_changed |= make_safe_for_terminal(text);
            for text in [&mut ending.id, &mut ending.text, &mut ending.debrief] {
                fix(text);
            }
            if let Some(title) = &mut ending.title {
                fix(title);
            }
            if let Some(citation) = &mut ending.citation {
                make_citation_safe(citation, &mut fix);
            }
        }
        if endings_changed {
            let at = spots.scenarios.get(&scenario.id).copied().unwrap_or((1, 1));
            warnings.push(warning(&bank.origin, at, None));
        }
    }
    warnings
}

/// Makes a step's question and every route's story and citation safe; true when any changed.
fn make_step_safe(step: &mut Step) -> bool {
    let mut changed = make_question_safe(&mut step.question);
    let mut fix = |text: &mut String| changed |= make_safe_for_terminal(text);
    let routes: Vec<&mut Route> = match &mut step.routes {
        Routes::ByChoice(routes) => routes.iter_mut().collect(),
        Routes::ByVerdict {
            right,
            partly,
            wrong,
        } => [
            Some(&mut **right),
            partly.as_deref_mut(),
            Some(&mut **wrong),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    for route in routes {
        fix(&mut route.consequence);
        if let Some(citation) = &mut route.citation {
            make_citation_safe(citation, &mut fix);
        }
    }
    changed
}

fn make_citation_safe(citation: &mut Citation, fix: &mut impl FnMut(&mut String)) {
    fix(&mut citation.source);
    citation.sections.iter_mut().for_each(&mut *fix);
    if let Some(locator) = &mut citation.locator {
        fix(locator);
    }
}

fn warning(origin: &str, (line, column): (u64, u64), question: Option<&str>) -> Diagnostic {
    let what = if question.is_some() {
        "this question's text"
    } else {
        "the bank's title, description, sources, scenarios or endings"
    };
    Diagnostic::warning(
        Lint::ControlCharacter,
        origin,
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
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
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
