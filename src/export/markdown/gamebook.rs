//! A branching scenario on paper: a gamebook. The scenario's text, then numbered sections, one
//! for each step and each ending; each decision says which section to go to. The key gives the
//! best path, each decision's quality, points, consequence and source, and each ending's rating
//! and debrief.
//!
//! Sections are numbered in a stable order: the start is 1, the other steps follow in the order
//! they are written, then the endings.

use super::{answer_space, answer_text, literal, quoted};
use crate::bank::branching::{BestPath, Branching, Next, Route, Routes, Step};
use crate::bank::{AnswerKey, Bank, Scenario};
use crate::engine::describe::points;
use crate::export::arrangement;
use crate::text::letter;

/// The section number of each step and each ending.
pub(super) struct Numbers {
    steps: Vec<usize>,
    endings: Vec<usize>,
}

impl Numbers {
    pub(super) fn of(branching: &Branching) -> Numbers {
        let mut steps = vec![0; branching.steps.len()];
        steps[branching.start] = 1;
        let mut next = 2;
        for (i, number) in steps.iter_mut().enumerate() {
            if i != branching.start {
                *number = next;
                next += 1;
            }
        }
        let endings = (next..next + branching.endings.len()).collect();
        Numbers { steps, endings }
    }

    fn of_next(&self, next: Next) -> usize {
        match next {
            Next::Step(s) => self.steps[s],
            Next::Ending(e) => self.endings[e],
        }
    }

    /// Steps and endings in the order of their numbers.
    fn in_order(&self) -> Vec<Next> {
        let mut all: Vec<(usize, Next)> = (self.steps.iter().enumerate())
            .map(|(i, &n)| (n, Next::Step(i)))
            .chain((self.endings.iter().enumerate()).map(|(i, &n)| (n, Next::Ending(i))))
            .collect();
        all.sort_by_key(|(n, _)| *n);
        all.into_iter().map(|(_, next)| next).collect()
    }
}

/// The scenario as the reader plays it: its text, then its sections.
pub(super) fn sections(bank: &Bank, scenario: &Scenario, branching: &Branching) -> String {
    let numbers = Numbers::of(branching);
    let mut text = format!(
        "## {}\n\n{}\n\n*A story in numbered sections: start at section 1, decide, and go to the \
         section your decision names.*\n\n",
        literal(&scenario.title),
        quoted(&literal(&scenario.text))
    );
    for at in numbers.in_order() {
        let body = match at {
            Next::Step(s) => step(bank, &branching.steps[s], numbers.steps[s], &numbers),
            Next::Ending(e) => {
                let ending = &branching.endings[e];
                let title = ending.title.as_deref().map(literal);
                format!(
                    "**The end{}**\n\n{}",
                    title.map(|t| format!(": {t}")).unwrap_or_default(),
                    literal(ending.text.trim())
                )
            }
        };
        text.push_str(&format!("### {}\n\n{body}\n\n", numbers.of_next(at)));
    }
    text
}

/// A step's prompt and where each answer leads.
fn step(bank: &Bank, step: &Step, number: usize, numbers: &Numbers) -> String {
    let q = &step.question;
    let prompt = literal(q.prompt.trim());
    let go = |route: &Route| numbers.of_next(route.next);
    match (&q.key, &step.routes) {
        (AnswerKey::Single { choices }, Routes::ByChoice(routes)) => {
            let lines: Vec<String> = (arrangement(bank, q).iter().enumerate())
                .map(|(shown, &i)| {
                    let l = letter(shown);
                    format!(
                        "- {l}. {} — *if you choose {l}, go to {}*",
                        literal(choices[i].text.trim()),
                        go(&routes[i])
                    )
                })
                .collect();
            format!("{prompt}\n\n{}", lines.join("\n"))
        }
        (AnswerKey::TrueFalse { answer }, Routes::ByVerdict { right, wrong, .. }) => {
            let (if_true, if_false) = if *answer {
                (go(right), go(wrong))
            } else {
                (go(wrong), go(right))
            };
            format!(
                "True or false? {prompt}\n\n- True — *if you answer True, go to {if_true}*\n\
                 - False — *if you answer False, go to {if_false}*"
            )
        }
        (
            _,
            Routes::ByVerdict {
                right,
                partly,
                wrong,
            },
        ) => {
            let partly = partly
                .as_ref()
                .map(|p| format!(" If it is partly right, go to {}.", go(p)))
                .unwrap_or_default();
            format!(
                "{prompt}\n\n{}\n\n*Check your answer in the key, under section {}. If it is \
                 right, go to {}.{partly} Otherwise, go to {}.*",
                answer_space(bank, q),
                number,
                go(right),
                go(wrong)
            )
        }
        // A `single` step always routes by its choices, any other kind by verdict.
        (_, Routes::ByChoice(_)) => prompt,
    }
}

/// The key: the best path, then what each decision of each step means, and each ending.
pub(super) fn key(bank: &Bank, scenario: &Scenario, branching: &Branching) -> String {
    let numbers = Numbers::of(branching);
    let mut text = format!("## Key: {}\n\n", literal(&scenario.title));
    text.push_str(&best_path(branching, &numbers));
    for at in numbers.in_order() {
        let number = numbers.of_next(at);
        match at {
            Next::Step(s) => text.push_str(&step_key(bank, &branching.steps[s], number, &numbers)),
            Next::Ending(e) => {
                let ending = &branching.endings[e];
                let title = ending.title.as_deref().map(literal);
                let source = ending
                    .citation
                    .as_ref()
                    .map(|c| format!("\n\n   *{}*", literal(&bank.source_line(c))));
                text.push_str(&format!(
                    "**{number}.** The end{}: rated {}.\n\n   {}{}\n\n",
                    title.map(|t| format!(" ({t})")).unwrap_or_default(),
                    ending.rating.name(),
                    literal(ending.debrief.trim()),
                    source.unwrap_or_default()
                ));
            }
        }
    }
    text
}

fn best_path(branching: &Branching, numbers: &Numbers) -> String {
    let path = |steps: &[usize]| -> Vec<String> {
        steps
            .iter()
            .map(|&s| numbers.steps[s].to_string())
            .collect()
    };
    match branching.best_path() {
        BestPath::Ends { steps, ending } => {
            let mut sections = path(&steps);
            sections.push(numbers.endings[ending].to_string());
            let title = branching.endings[ending].title.as_deref().map(literal);
            format!(
                "Best path: {}{}.\n\n",
                sections.join(" → "),
                title.map(|t| format!(" ({t})")).unwrap_or_default()
            )
        }
        BestPath::Loops { steps, at } => format!(
            "Best path: {}, then back to {}.\n\n",
            path(&steps).join(" → "),
            numbers.steps[at]
        ),
    }
}

/// A step in the key: its answer (for steps routed by verdict), then each decision's quality,
/// points, where it leads, consequence and source.
fn step_key(bank: &Bank, step: &Step, number: usize, numbers: &Numbers) -> String {
    let q = &step.question;
    let mut text = format!("**{number}.** {}\n\n", literal(q.prompt.trim()));
    if matches!(step.routes, Routes::ByVerdict { .. }) {
        text.push_str(&format!("   Answer: {}\n\n", answer_text(bank, q)));
    }
    if !q.explanation.trim().is_empty() {
        text.push_str(&format!("   {}\n\n", literal(q.explanation.trim())));
    }
    if matches!(step.routes, Routes::ByVerdict { .. }) {
        let line = bank.source_line(&q.citation);
        text.push_str(&format!("   *{}*\n\n", literal(&line)));
    }
    let decisions: Vec<(String, &Route)> = match &step.routes {
        Routes::ByChoice(routes) => {
            let choices = match &q.key {
                AnswerKey::Single { choices } => choices.as_slice(),
                _ => &[],
            };
            let text = |i: usize| {
                choices
                    .get(i)
                    .map(|c| literal(c.text.trim()))
                    .unwrap_or_default()
            };
            (arrangement(bank, q).iter().enumerate())
                .map(|(shown, &i)| (format!("{} ({})", letter(shown), text(i)), &routes[i]))
                .collect()
        }
        Routes::ByVerdict {
            right,
            partly,
            wrong,
        } => [
            ("Right", Some(right)),
            ("Partly right", partly.as_ref()),
            ("Wrong", Some(wrong)),
        ]
        .into_iter()
        .filter_map(|(label, route)| route.map(|r| (label.to_owned(), &**r)))
        .collect(),
    };
    for (label, route) in decisions {
        let earns = route
            .points
            .map(|p| format!(", {} point{}", points(p), if p == 1.0 { "" } else { "s" }))
            .unwrap_or_default();
        let source = route
            .citation
            .as_ref()
            .map(|c| format!(" *{}*", literal(&bank.source_line(c))))
            .unwrap_or_default();
        let consequence = literal(route.consequence.trim());
        text.push_str(&format!(
            "- {label}: {}{earns}, go to {}. {consequence}{source}\n",
            route.quality.name(),
            numbers.of_next(route.next)
        ));
    }
    text.push('\n');
    text
}
