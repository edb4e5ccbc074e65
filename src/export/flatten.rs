//! Branching scenarios in the formats that hold only stand-alone questions (GIFT, Aiken, Anki):
//! each decision is written as a question of its own, the best choice (or the right answer) as
//! the right one. Where each answer leads and the endings have no place there, and the output
//! says so.

use super::Notice;
use crate::bank::branching::{Routes, Step};
use crate::bank::{AnswerKey, Bank, Question, Scenario};

/// What the notice on standard error says of a flattened scenario.
const FLATTENED: &str = "branching flattened: each decision is written as a \
    stand-alone question, the best choice as the right answer; where each answer leads and the \
    endings are left out";

/// The bank with the decisions of its branching scenarios added as questions of their scenario,
/// and a notice for each scenario flattened.
pub(crate) fn flattened(bank: &Bank) -> (Bank, Vec<Notice>) {
    let mut flat = bank.clone();
    let mut notices = Vec::new();
    for scenario in &bank.scenarios {
        let Some(branching) = &scenario.branching else {
            continue;
        };
        for step in &branching.steps {
            flat.questions.push(stand_alone(bank, step));
        }
        notices.push(notice(bank, scenario, branching.steps.len()));
    }
    (flat, notices)
}

/// The step `q` is, when it is a decision of a branching scenario of `bank`.
pub(crate) fn step_of<'b>(bank: &'b Bank, q: &Question) -> Option<&'b Step> {
    let scenario = bank.scenario(q.scenario.as_deref()?)?;
    let branching = scenario.branching.as_ref()?;
    branching.steps.iter().find(|s| s.question.id == q.id)
}

/// For a `single` step, what each choice earns in percent of what the best choice earns, in
/// the choices' order: the partial credit of acceptable decisions.
pub(crate) fn credit(bank: &Bank, q: &Question) -> Option<Vec<f64>> {
    let step = step_of(bank, q)?;
    let Routes::ByChoice(routes) = &step.routes else {
        return None;
    };
    let best = crate::bank::branching::best_route_points(step);
    if best <= 0.0 {
        return None;
    }
    let earned = |points: Option<f64>| points.unwrap_or(0.0) / best * 100.0;
    Some(
        routes
            .iter()
            .map(|r| earned(r.points).clamp(0.0, 100.0))
            .collect(),
    )
}

/// A step as a question of its scenario. Each choice's consequence (and its source, when the
/// step cites another) is its feedback when it has none of its own, and a step without an
/// explanation is explained by the quality of each choice.
fn stand_alone(bank: &Bank, step: &Step) -> Question {
    let mut question = step.question.clone();
    if let (AnswerKey::Single { choices }, Routes::ByChoice(routes)) =
        (&mut question.key, &step.routes)
    {
        let mut qualities = Vec::new();
        for (choice, route) in choices.iter_mut().zip(routes) {
            qualities.push(format!(
                "{}: {}",
                capitalized(route.quality.name()),
                choice.text.trim()
            ));
            let mut feedback = route.consequence.trim().to_owned();
            let own_source = route.citation.as_ref().map(|c| bank.source_line(c));
            if let Some(line) = own_source
                && line != bank.source_line(&step.question.citation)
            {
                feedback = format!("{feedback}\n\n{line}");
            }
            if choice.why.is_none() && !feedback.trim().is_empty() {
                choice.why = Some(feedback.trim().to_owned());
            }
        }
        if question.explanation.trim().is_empty() {
            question.explanation = qualities.join("\n");
        }
    }
    question
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn notice(bank: &Bank, scenario: &Scenario, decisions: usize) -> Notice {
    Notice {
        bank: bank.id.clone(),
        question: scenario.id.clone(),
        skipped: false,
        message: format!("{FLATTENED} ({decisions} decision(s))"),
    }
}
