//! A bank file of our own format, for `quiz play` and `quiz review`: several banks become one
//! (a student's missed questions from a class on three banks are one file to keep), written
//! through the same types `quiz import` writes, and checked by the loader before it is handed out.
//!
//! Branching scenarios are left out with a notice: their steps are walked with `quiz play
//! --scenario` from the bank they belong to.

use super::{Export, Exporter, Notice};
use crate::bank::{AnswerKey, Bank, Question, Scenario, Scoring, Tolerance};
use crate::import::{
    Num, OutAnswer, OutBank, OutChoice, OutCitation, OutPair, OutQuestion, OutScenario, OutSource,
    OutTolerance,
};

pub(crate) struct Yaml;

impl Exporter for Yaml {
    fn name(&self) -> &'static str {
        "yaml"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut out = Export::default();
        let merged = merged(banks, &mut out.notices);
        out.written = merged.questions.len();
        match serde_saphyr::to_string(&merged) {
            Ok(text) => out.text = text,
            Err(_) => {
                // Plain strings, numbers and lists always serialise; should one ever fail, no
                // half-written file goes out.
                out.written = 0;
            }
        }
        out
    }
}

/// `banks` as one bank. An id that two banks both use (a question's, a scenario's, a source's
/// that says something else) is given its bank's id in front, so that nothing is lost.
fn merged(banks: &[Bank], notices: &mut Vec<Notice>) -> OutBank {
    let mut bank = match banks {
        [one] => OutBank {
            id: one.id.clone(),
            title: one.title.clone(),
            description: one.description.clone(),
            version: one.version,
            sources: Vec::new(),
            scenarios: Vec::new(),
            questions: Vec::new(),
        },
        many => OutBank {
            id: many
                .iter()
                .map(|b| b.id.as_str())
                .collect::<Vec<_>>()
                .join("-"),
            title: many
                .iter()
                .map(|b| b.title.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
            description: String::new(),
            version: 1,
            sources: Vec::new(),
            scenarios: Vec::new(),
            questions: Vec::new(),
        },
    };
    let taken = |id: &str, of: &str| {
        banks
            .iter()
            .filter(|b| b.id != of)
            .any(|b| b.questions.iter().any(|q| q.id == id) || b.scenario(id).is_some())
    };
    for from in banks {
        let own = |id: &str| {
            if taken(id, &from.id) {
                format!("{}-{id}", from.id)
            } else {
                id.to_owned()
            }
        };
        let mut source_ids = Vec::new();
        for source in &from.sources {
            let written = out_source(source);
            let id = match bank.sources.iter().find(|s| s.id == written.id) {
                Some(same) if *same == written => written.id.clone(),
                Some(_) => format!("{}-{}", from.id, written.id),
                None => written.id.clone(),
            };
            if !bank.sources.iter().any(|s| s.id == id) {
                bank.sources.push(OutSource {
                    id: id.clone(),
                    ..written
                });
            }
            source_ids.push((source.id.clone(), id));
        }
        for scenario in &from.scenarios {
            if scenario.branching.is_some() {
                notices.push(left_out(from, scenario));
                continue;
            }
            bank.scenarios.push(OutScenario {
                id: own(&scenario.id),
                title: scenario.title.clone(),
                text: scenario.text.clone(),
                shuffle: scenario.shuffle,
            });
        }
        for q in &from.questions {
            let mut written = question(q);
            written.id = own(&q.id);
            written.scenario = q.scenario.as_deref().map(own);
            if let Some((_, id)) = source_ids.iter().find(|(was, _)| *was == q.citation.source) {
                written.source.id.clone_from(id);
            }
            bank.questions.push(written);
        }
    }
    bank
}

fn left_out(bank: &Bank, scenario: &Scenario) -> Notice {
    Notice {
        bank: bank.id.clone(),
        question: scenario.id.clone(),
        skipped: true,
        message: "a branching scenario is walked from its own bank with `quiz play --scenario`"
            .into(),
    }
}

fn out_source(source: &crate::bank::Source) -> OutSource {
    OutSource {
        id: source.id.clone(),
        title: source.title.clone(),
        publisher: source.publisher.clone(),
        author: source.author.clone(),
        date: source.date.clone(),
    }
}

/// `q` as a bank writes it, every default spelled out where it differs from the format's own.
fn question(q: &Question) -> OutQuestion {
    let mut out = OutQuestion {
        id: q.id.clone(),
        kind: q.kind().name().to_owned(),
        scenario: q.scenario.clone(),
        prompt: q.prompt.clone(),
        explanation: q.explanation.clone(),
        source: OutCitation {
            id: q.citation.source.clone(),
            sections: q.citation.sections.clone(),
            locator: q.citation.locator.clone(),
        },
        tags: q.tags.clone(),
        difficulty: Some(q.difficulty),
        points: (q.points != 1.0).then_some(Num(q.points)),
        shuffle: (!q.shuffle).then_some(false),
        allow: q.allow.clone(),
        ..OutQuestion::default()
    };
    match &q.key {
        AnswerKey::Single { choices } => out.choices = Some(out_choices(choices)),
        AnswerKey::Multiple { choices, scoring } => {
            out.choices = Some(out_choices(choices));
            out.scoring = (*scoring == Scoring::Moodle).then(|| scoring.name().to_owned());
        }
        AnswerKey::TrueFalse { answer } => out.answer = Some(OutAnswer::Bool(*answer)),
        AnswerKey::Short { accept, exact } => {
            out.accept = Some(accept.clone());
            out.accept_exact = exact.then_some(true);
        }
        AnswerKey::Numeric {
            answer,
            tolerance,
            unit,
        } => {
            out.answer = Some(OutAnswer::Number(Num(*answer)));
            out.tolerance = Some(match tolerance {
                Tolerance::Absolute(margin) => OutTolerance::Margin(Num(*margin)),
                Tolerance::Percent(share) => OutTolerance::Percent(format!("{share}%")),
            });
            out.unit.clone_from(unit);
        }
        AnswerKey::Order { items } => out.items = Some(items.clone()),
        AnswerKey::Match { pairs } => {
            out.pairs = Some(
                pairs
                    .iter()
                    .map(|p| OutPair {
                        left: p.left.clone(),
                        right: p.right.clone(),
                    })
                    .collect(),
            );
        }
    }
    out
}

fn out_choices(choices: &[crate::bank::Choice]) -> Vec<OutChoice> {
    choices
        .iter()
        .map(|c| OutChoice {
            text: c.text.clone(),
            correct: c.correct,
            why: c.why.clone(),
            weight: c.weight.map(|w| Num(w * 100.0)),
        })
        .collect()
}
