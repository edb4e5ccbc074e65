//! Writing banks in the formats other tools read: Moodle GIFT and Moodle XML, Aiken, Anki,
//! Markdown for paper, Twine's Twee for branching scenarios, and our own YAML.
//!
//! Each format is an [`Exporter`]. What a format cannot hold is reported as a [`Notice`], never
//! dropped in silence.

pub(crate) mod aiken;
pub(crate) mod anki;
pub(crate) mod flatten;
pub(crate) mod gift;
pub(crate) mod markdown;
pub(crate) mod moodle_xml;
pub(crate) mod twee;
pub(crate) mod yaml;

use crate::bank::fingerprint::fnv1a64;
use crate::bank::{AnswerKey, Bank, Question, Scenario};
use crate::engine::shuffle::SeededRng;

/// What an exporter made of the banks.
#[derive(Debug, Default)]
pub(crate) struct Export {
    /// The exported text.
    pub text: String,
    /// A second document that goes with the first (the answer key of a worksheet), if any.
    pub key: Option<String>,
    /// Questions left out, and things that did not carry over exactly.
    pub notices: Vec<Notice>,
    /// How many questions were written.
    pub written: usize,
}

/// A question the format could not hold (skipped) or held only in part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Notice {
    pub bank: String,
    pub question: String,
    pub skipped: bool,
    pub message: String,
}

impl Notice {
    pub(crate) fn skipped(bank: &Bank, q: &Question, message: impl Into<String>) -> Self {
        Notice {
            bank: bank.id.clone(),
            question: q.id.clone(),
            skipped: true,
            message: message.into(),
        }
    }

    pub(crate) fn changed(bank: &Bank, q: &Question, message: impl Into<String>) -> Self {
        Notice {
            skipped: false,
            ..Notice::skipped(bank, q, message)
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.skipped { "skipped" } else { "note" };
        write!(
            f,
            "{what}: {}/{}: {}",
            self.bank, self.question, self.message
        )
    }
}

pub(crate) trait Exporter {
    /// The format's name, as in `--format NAME`.
    fn name(&self) -> &'static str;

    fn export(&self, banks: &[Bank]) -> Export;
}

/// The formats banks can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Gift,
    Aiken,
    Anki,
    Markdown,
    Twee,
    MoodleXml,
    Yaml,
}

/// The exporter that writes `format`.
pub(crate) fn exporter(format: Format) -> Box<dyn Exporter> {
    match format {
        Format::Gift => Box::new(gift::Gift),
        Format::Aiken => Box::new(aiken::Aiken),
        Format::Anki => Box::new(anki::Anki),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Twee => Box::new(twee::Twee),
        Format::MoodleXml => Box::new(moodle_xml::MoodleXml),
        Format::Yaml => Box::new(yaml::Yaml),
    }
}

/// A run of a bank's questions under one category, as GIFT and Moodle XML file them.
pub(crate) enum Filed<'b> {
    /// Questions outside scenarios, in the bank's category.
    Loose(Vec<&'b Question>),
    /// A scenario's questions, in a category of their own.
    Scenario(&'b Scenario, Vec<&'b Question>),
}

/// A bank's questions by category, keeping their places: a scenario's block stands where its
/// first question stands, with all its questions; the questions outside scenarios between blocks
/// form a run of their own; scenarios no question refers to come last.
pub(crate) fn filed(bank: &Bank) -> Vec<Filed<'_>> {
    let mut runs: Vec<Filed<'_>> = Vec::new();
    let mut written: Vec<&str> = Vec::new();
    for q in &bank.questions {
        match q.scenario.as_deref().and_then(|id| bank.scenario(id)) {
            None => match runs.last_mut() {
                Some(Filed::Loose(run)) => run.push(q),
                _ => runs.push(Filed::Loose(vec![q])),
            },
            Some(scenario) if !written.contains(&scenario.id.as_str()) => {
                written.push(&scenario.id);
                runs.push(Filed::Scenario(scenario, questions_of(bank, scenario)));
            }
            Some(_) => {}
        }
    }
    for scenario in &bank.scenarios {
        if !written.contains(&scenario.id.as_str()) {
            runs.push(Filed::Scenario(scenario, questions_of(bank, scenario)));
        }
    }
    runs
}

fn questions_of<'b>(bank: &'b Bank, scenario: &Scenario) -> Vec<&'b Question> {
    (bank.questions.iter())
        .filter(|q| q.scenario.as_ref() == Some(&scenario.id))
        .collect()
}

/// The order in which to print a question's choices, items or right-hand sides on paper and cards:
/// shuffled when the question shuffles, but the same on every export (seeded by the ids), so a
/// worksheet always matches its answer key.
pub(crate) fn arrangement(bank: &Bank, q: &Question) -> Vec<usize> {
    let n = match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices.len(),
        AnswerKey::Order { items } => items.len(),
        AnswerKey::Match { pairs } => pairs.len(),
        _ => 0,
    };
    // Order items must never be printed in the answer's order, whatever `shuffle` says.
    let must_shuffle = matches!(q.key, AnswerKey::Order { .. } | AnswerKey::Match { .. });
    if !(q.shuffle || must_shuffle) || n < 2 {
        return (0..n).collect();
    }
    let mut rng = SeededRng::new(fnv1a64(format!("{}/{}", bank.id, q.id).as_bytes()));
    let mut order = rng.permutation(n);
    if must_shuffle && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_has_its_own_exporter() {
        let formats = [
            Format::Gift,
            Format::Aiken,
            Format::Anki,
            Format::Markdown,
            Format::Twee,
            Format::MoodleXml,
            Format::Yaml,
        ];
        let names: Vec<&str> = formats.into_iter().map(|f| exporter(f).name()).collect();
        assert_eq!(
            names,
            [
                "gift",
                "aiken",
                "anki",
                "markdown",
                "twee",
                "moodle-xml",
                "yaml"
            ]
        );
    }
}
