//! The exact fingerprints of questions and banks, recorded in results files.
//!
//! A class report compares them to tell whether every student answered the same question: a bank
//! whose `version` was not raised after an edit still gets a different hash. The hash covers what a
//! learner saw and how it was graded (prompt, scenario text, answer key, points), not the
//! explanation or the citation, so fixing a typo in an explanation does not split a class.

use super::fnv1a64;
use crate::bank::branching::{Branching, Next};
use crate::bank::{AnswerKey, Bank, Question, Scenario, Scoring, Tolerance};

/// Written before every hash, so a later change of algorithm can be told apart.
pub const PREFIX: &str = "fnv1a64:";

/// The hash of one question, e.g. `fnv1a64:9f86d081884c7d65`.
pub fn question_hash(bank: &Bank, question: &Question) -> String {
    let mut text = Canonical::default();
    text.field(question.kind().name());
    text.field(&question.prompt);
    let scenario = question
        .scenario
        .as_deref()
        .and_then(|id| bank.scenario(id));
    text.field(scenario.map_or("", |s| s.text.as_str()));
    text.number(question.points);
    key_fields(&mut text, &question.key);
    format!("{PREFIX}{:016x}", fnv1a64(text.0.as_bytes()))
}

/// The hash of a whole bank: its id, version and every question's id and hash, in order, then
/// the id and hash of each branching scenario (a bank without one hashes as it always did).
pub fn bank_hash(bank: &Bank) -> String {
    let mut text = Canonical::default();
    text.field(&bank.id);
    text.number(f64::from(bank.version));
    for question in &bank.questions {
        text.field(&question.id);
        text.field(&question_hash(bank, question));
    }
    for scenario in bank.scenarios.iter().filter(|s| s.branching.is_some()) {
        text.field(&scenario.id);
        text.field(&scenario_hash(bank, scenario));
    }
    format!("{PREFIX}{:016x}", fnv1a64(text.0.as_bytes()))
}

/// The hash of a branching scenario: what a learner saw and how each decision was judged (its
/// text, each step's question, where each answer leads with its quality and points, each
/// ending's id and rating), not the consequences, debriefs or citations. Results files record it
/// with each walk, so that a class report walks it again only on the scenario that was walked.
pub fn scenario_hash(bank: &Bank, scenario: &Scenario) -> String {
    let mut text = Canonical::default();
    text.field(&scenario.id);
    text.field(&scenario.text);
    if let Some(branching) = &scenario.branching {
        branching_fields(&mut text, bank, branching);
    }
    format!("{PREFIX}{:016x}", fnv1a64(text.0.as_bytes()))
}

fn branching_fields(text: &mut Canonical, bank: &Bank, branching: &Branching) {
    let id_of = |next: Next| match next {
        Next::Step(s) => branching.steps[s].question.id.as_str(),
        Next::Ending(e) => branching.endings[e].id.as_str(),
    };
    text.field(&branching.steps[branching.start].question.id);
    for step in &branching.steps {
        text.field(&step.question.id);
        text.field(&question_hash(bank, &step.question));
        for route in step.routes.all() {
            text.field(id_of(route.next));
            text.field(route.quality.name());
            text.field(&route.points.map_or_else(String::new, |p| format!("{p:?}")));
        }
    }
    for ending in &branching.endings {
        text.field(&ending.id);
        text.field(ending.rating.name());
    }
}

fn key_fields(text: &mut Canonical, key: &AnswerKey) {
    match key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            for choice in choices {
                text.field(&choice.text);
                text.field(if choice.correct { "1" } else { "0" });
            }
            // Added only for Moodle's scoring, so that the hashes of every other question, and
            // the progress stored under them, stay as they were.
            if let AnswerKey::Multiple {
                scoring: Scoring::Moodle,
                ..
            } = key
            {
                text.field(Scoring::Moodle.name());
                for choice in choices {
                    text.field(&choice.weight.map_or_else(String::new, |w| format!("{w:?}")));
                }
            }
        }
        AnswerKey::TrueFalse { answer } => text.field(&answer.to_string()),
        AnswerKey::Short { accept, exact } => {
            text.field(if *exact { "exact" } else { "loose" });
            for a in accept {
                text.field(a);
            }
        }
        AnswerKey::Numeric {
            answer,
            tolerance,
            unit,
        } => {
            text.number(*answer);
            match tolerance {
                Tolerance::Absolute(t) => text.field(&format!("abs {t:?}")),
                Tolerance::Percent(p) => text.field(&format!("pct {p:?}")),
            }
            text.field(unit.as_deref().unwrap_or(""));
        }
        AnswerKey::Order { items } => items.iter().for_each(|i| text.field(i)),
        AnswerKey::Match { pairs } => {
            for pair in pairs {
                text.field(&pair.left);
                text.field(&pair.right);
            }
        }
    }
}

/// Fields joined with a separator that cannot occur in YAML text, so `["ab", "c"]` and
/// `["a", "bc"]` hash differently.
#[derive(Default)]
struct Canonical(String);

impl Canonical {
    fn field(&mut self, value: &str) {
        self.0.push_str(value);
        self.0.push('\u{1f}');
    }

    /// `{:?}` prints the shortest text that reads back as the same f64, on every platform.
    fn number(&mut self, value: f64) {
        self.field(&format!("{value:?}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankFile, load};

    fn bank(yaml: &str) -> Bank {
        let file = BankFile {
            origin: "test.yaml".into(),
            bytes: yaml.as_bytes().to_vec(),
        };
        let loaded = load(&[file]);
        assert!(!loaded.has_errors(), "{:?}", loaded.problems);
        loaded.banks.into_iter().next().unwrap()
    }

    const BANK: &str = "id: b\ntitle: B\ndescription: d\nversion: 1\n\
        sources: [{id: s, title: S, author: A}]\n\
        questions:\n\
        - id: q\n  kind: single\n  prompt: Which?\n  choices:\n\
        \x20   - {text: Yes, correct: true}\n    - {text: No}\n\
        \x20 explanation: Because.\n  source: {id: s, section: One}\n";

    #[test]
    fn a_changed_key_changes_the_hash_and_an_explanation_does_not() {
        let original = bank(BANK);
        let hash = question_hash(&original, &original.questions[0]);
        assert!(hash.starts_with(PREFIX) && hash.len() == PREFIX.len() + 16);
        let rekeyed = bank(&BANK.replace(
            "correct: true}\n    - {text: No}",
            "}\n    - {text: No, correct: true}",
        ));
        assert_ne!(hash, question_hash(&rekeyed, &rekeyed.questions[0]));
        let explained = bank(&BANK.replace("Because.", "Because of this."));
        assert_eq!(hash, question_hash(&explained, &explained.questions[0]));
        assert_ne!(bank_hash(&original), bank_hash(&rekeyed));
    }

    fn night_desk(edit: impl Fn(String) -> String) -> Bank {
        bank(&edit(
            std::fs::read_to_string("tests/fixtures/branching.yaml").unwrap(),
        ))
    }

    fn leak_hash(bank: &Bank) -> String {
        scenario_hash(bank, &bank.scenarios[0])
    }

    #[test]
    fn a_scenario_hash_changes_with_a_route_and_not_with_a_consequence() {
        let original = night_desk(|t| t);
        let hash = leak_hash(&original);
        let rerouted = night_desk(|t| t.replacen("next: rushed", "next: second-source", 1));
        assert_ne!(hash, leak_hash(&rerouted));
        let repointed = night_desk(|t| t.replacen("points: 2", "points: 3", 1));
        assert_ne!(hash, leak_hash(&repointed));
        let retold = night_desk(|t| t.replace("two years old", "three years old"));
        assert_eq!(hash, leak_hash(&retold));
        assert_ne!(bank_hash(&original), bank_hash(&rerouted));
    }
}
