//! Answers given away by an earlier question of the same scenario.
//!
//! A scenario's questions are asked together, in written order (or in any order when the scenario
//! is shuffled), so whatever an earlier one shows — its prompt, choices, `why`s, items, pairs,
//! explanation and the source line's sections and locator — the learner has read before answering
//! the later one.

use super::BankLints;
use crate::bank::diagnostic::Lint;
use crate::bank::model::{AnswerKey, Question};
use crate::bank::spots::Spot;
use crate::text::{normalize_text, number};

/// What a question's answer looks like in text, and where the answer is written.
struct Key {
    shown: String,
    /// Normalised words to find as a whole phrase.
    phrase: Vec<String>,
    at: Spot,
}

/// Number words as far as an answer written in words is likely to go.
const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

fn words(text: &str) -> Vec<String> {
    normalize_text(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of `text`, with each figure written in digits ("15,000", "1.5") kept whole.
fn words_with_figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '/' | '(' | ')'))
    {
        let figure = raw.trim_matches(|c: char| !c.is_ascii_digit());
        if !figure.is_empty()
            && figure
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && let Ok(n) = figure.replace(',', "").parse::<f64>()
        {
            out.push(number(n).replace(',', ""));
            let rest = raw.trim_start_matches(|c: char| !c.is_ascii_digit());
            let after =
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
            out.extend(words(after));
        } else {
            out.extend(words(raw));
        }
    }
    out
}

fn contains(text: &[String], phrase: &[String]) -> bool {
    let singular = |w: &str| {
        if w.len() > 3 {
            w.trim_end_matches('s').to_owned()
        } else {
            w.to_owned()
        }
    };
    let same = |a: &String, b: &String| a == b || singular(a) == singular(b);
    !phrase.is_empty()
        && text
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase).all(|(a, b)| same(a, b)))
}

impl BankLints<'_> {
    fn keys(&self, q: &Question) -> Vec<Key> {
        let key = |shown: &str, phrase: Vec<String>, at: Spot| Key {
            shown: shown.to_owned(),
            phrase,
            at,
        };
        match &q.key {
            AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                // A one-word choice is too common a word to call a leak.
                .filter(|(_, c)| words(&c.text).len() >= 2)
                .map(|(i, c)| key(&c.text, words(&c.text), self.spots.choice(&q.id, i)))
                .collect(),
            AnswerKey::Short { accept, .. } => accept
                .iter()
                .map(|a| key(a, words(a), self.spots.field(&q.id, "accept")))
                .collect(),
            AnswerKey::Numeric { answer, unit, .. } => {
                let at = self
                    .spots
                    .answers
                    .get(&q.id)
                    .copied()
                    .unwrap_or_else(|| self.spots.question(&q.id));
                let digits = number(*answer).replace(',', "");
                let unit: Vec<String> = unit.as_deref().map(words).unwrap_or_default();
                // Small figures are common: only the figure with its unit counts.
                let unit = unit.first().filter(|_| answer.abs() < 100.0).cloned();
                let mut spelled = vec![digits.clone()];
                if answer.fract() == 0.0 && (0.0..=20.0).contains(answer) {
                    spelled.push(NUMBER_WORDS[*answer as usize].to_owned());
                }
                spelled
                    .into_iter()
                    .filter_map(|n| match &unit {
                        Some(unit) => Some(vec![n, unit.clone()]),
                        None if answer.abs() >= 10.0 => Some(vec![n]),
                        None => None,
                    })
                    .map(|phrase| key(&phrase.join(" "), phrase, at))
                    .collect()
            }
            AnswerKey::Match { pairs } => pairs
                .iter()
                .map(|p| {
                    let shown = format!("{} → {}", p.left, p.right);
                    let mut phrase = words(&p.left);
                    phrase.push("\u{0}".into());
                    phrase.extend(words(&p.right));
                    key(&shown, phrase, self.spots.field(&q.id, "pairs"))
                })
                .collect(),
            AnswerKey::Order { .. } | AnswerKey::TrueFalse { .. } => Vec::new(),
        }
    }
}

/// Each text a question shows, named for the message.
fn shown(q: &Question) -> Vec<(&'static str, String)> {
    let mut out = vec![("prompt", q.prompt.clone())];
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => {
            for c in choices {
                out.push(("choices", c.text.clone()));
                if let Some(why) = &c.why {
                    out.push(("`why`s", why.clone()));
                }
            }
        }
        AnswerKey::Order { items } => out.extend(items.iter().map(|i| ("items", i.clone()))),
        AnswerKey::Match { pairs } => {
            for p in pairs {
                out.push(("pairs", format!("{} {}", p.left, p.right)));
            }
        }
        _ => {}
    }
    out.push(("explanation", q.explanation.clone()));
    // The source line under the explanation names the sections and quotes the locator.
    for section in &q.citation.sections {
        out.push(("source line", section.clone()));
    }
    if let Some(locator) = &q.citation.locator {
        out.push(("source line", locator.clone()));
    }
    out
}

/// Whether `text` gives `key` away. A pair leaks when both of its sides are shown.
fn gives_away(text: &[String], key: &Key) -> bool {
    match key.phrase.iter().position(|w| w == "\u{0}") {
        Some(split) => {
            contains(text, &key.phrase[..split]) && contains(text, &key.phrase[split + 1..])
        }
        None => contains(text, &key.phrase),
    }
}

impl BankLints<'_> {
    pub(super) fn answer_leaks(&mut self) {
        for scenario in &self.bank.scenarios {
            let asked: Vec<&Question> = self
                .bank
                .questions
                .iter()
                .filter(|q| q.scenario.as_deref() == Some(scenario.id.as_str()))
                .collect();
            let setting = words_with_figures(&scenario.text);
            for (j, later) in asked.iter().enumerate() {
                let keys = self.keys(later);
                let before = asked
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| if scenario.shuffle { *i != j } else { *i < j })
                    .map(|(_, q)| *q);
                if let Some(key) = keys.iter().find(|k| gives_away(&setting, k)) {
                    let at = self.spots.scenarios.get(&scenario.id).copied();
                    let line = at.unwrap_or(self.spots.bank).0;
                    self.leak(
                        later,
                        key,
                        format!("the text of scenario `{}` (line {line})", scenario.id),
                    );
                    continue;
                }
                'earlier: for earlier in before {
                    for (field, text) in shown(earlier) {
                        let text = words_with_figures(&text);
                        if let Some(key) = keys.iter().find(|k| gives_away(&text, k)) {
                            let line = self.spots.question(&earlier.id).0;
                            let when = if scenario.shuffle {
                                "may be asked before"
                            } else {
                                "is asked before"
                            };
                            self.leak(
                                later,
                                key,
                                format!(
                                    "the {field} of question `{}` (line {line}), which {when} it",
                                    earlier.id
                                ),
                            );
                            break 'earlier;
                        }
                    }
                }
            }
        }
    }

    fn leak(&mut self, q: &Question, key: &Key, place: String) {
        self.warn(
            Lint::AnswerLeak,
            key.at,
            Some(&q.id),
            format!("the answer `{}` is given away by {place}", key.shown),
            "reorder the questions, or reword one of them so it does not show the other's answer"
                .into(),
        );
    }
}
