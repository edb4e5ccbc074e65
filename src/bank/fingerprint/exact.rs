//! The exact fingerprints of questions and banks, recorded in results files.
//!
//! A class report compares them to tell whether every student answered the same question: a bank
//! whose `version` was not raised after an edit still gets a different hash. The hash covers what a
//! learner saw and how it was graded (prompt, scenario text, answer key, points), not the
//! explanation or the citation, so fixing a typo in an explanation does not split a class.

use super::fnv1a64;
use crate::bank::{AnswerKey, Bank, Question, Tolerance};

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

/// The hash of a whole bank: its id, version and every question's id and hash, in order.
pub fn bank_hash(bank: &Bank) -> String {
    let mut text = Canonical::default();
    text.field(&bank.id);
    text.number(f64::from(bank.version));
    for question in &bank.questions {
        text.field(&question.id);
        text.field(&question_hash(bank, question));
    }
    format!("{PREFIX}{:016x}", fnv1a64(text.0.as_bytes()))
}

fn key_fields(text: &mut Canonical, key: &AnswerKey) {
    match key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => {
            for choice in choices {
                text.field(&choice.text);
                text.field(if choice.correct { "1" } else { "0" });
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
}
