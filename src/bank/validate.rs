//! Turns a [`RawBank`] into a [`Bank`], collecting every problem instead of stopping at the first.

use std::collections::HashMap;

use serde_saphyr::{Location, Spanned};

use super::diagnostic::Diagnostic;
use super::format::{RawBank, RawQuestion};
use super::model::{Bank, Citation, Question, Scenario, Source};

/// Checks one parsed bank. The bank keeps only the questions without errors; the caller decides
/// whether a bank with errors may still be used (it may not, for `play`).
pub(super) fn validate(raw: RawBank, file: &str, text: &str) -> (Bank, Vec<Diagnostic>) {
    let mut checker = Checker {
        file,
        text,
        problems: Vec::new(),
    };
    let bank = checker.bank(raw);
    (bank, checker.problems)
}

pub(super) struct Checker<'a> {
    pub(super) file: &'a str,
    /// The file's text, to find the key of a value the parser gave the place of.
    pub(super) text: &'a str,
    pub(super) problems: Vec<Diagnostic>,
}

pub(super) fn line_col(at: &Location) -> (u64, u64) {
    (at.line().max(1), at.column().max(1))
}

impl Checker<'_> {
    pub(super) fn report(
        &mut self,
        at: &Location,
        question: Option<&str>,
        message: String,
        help: String,
    ) {
        let (line, column) = line_col(at);
        self.problems.push(
            Diagnostic::error(self.file, line, column, message)
                .in_question(question)
                .help(help),
        );
    }

    /// The line and column of the key `field:` whose value is at `value`: the value's own line
    /// in `field: [a, b]`, a line above it in a block list. Searched no further up than the
    /// start of the question; the value's place when the key is not found.
    pub(super) fn key_of(&self, field: &str, value: &Location) -> (u64, u64) {
        let (value_line, value_column) = line_col(value);
        let key = format!("{field}:");
        let lines: Vec<&str> = self.text.lines().collect();
        let last = usize::try_from(value_line).map_or(0, |l| l.min(lines.len()));
        for number in (1..=last).rev() {
            let line = lines[number - 1];
            let trimmed = line.trim_start();
            let entry = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            if entry.starts_with(&key) {
                let column = line[..line.len() - entry.len()].chars().count() + 1;
                return (number as u64, column as u64);
            }
            if trimmed.starts_with("- ") && line.len() - trimmed.len() <= 4 {
                break;
            }
        }
        (value_line, value_column)
    }

    fn bank(&mut self, raw: RawBank) -> Bank {
        let id_ok = raw
            .id
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if raw.id.value.is_empty() || !id_ok {
            self.report(
                &raw.id.referenced,
                None,
                format!("bank id `{}` is not a plain identifier", raw.id.value),
                "use letters, digits, `-` and `_` only, e.g. `treaty-2024`".into(),
            );
        }
        let sources = self.sources(raw.sources);
        let scenarios = self.scenarios(raw.scenarios);
        let default_points = match &raw.defaults.points {
            None => 1.0,
            Some(p) if p.value.is_finite() && p.value > 0.0 => p.value,
            Some(p) => {
                self.report(
                    &p.referenced,
                    None,
                    format!("points must be a positive number, not {}", p.value),
                    "use e.g. `points: 1` or `points: 2.5`".into(),
                );
                1.0
            }
        };
        let default_shuffle = raw.defaults.shuffle.unwrap_or(true);
        let context = QuestionContext {
            sources: sources.iter().map(|s| s.id.clone()).collect(),
            scenarios: scenarios.iter().map(|s| s.id.clone()).collect(),
            default_points,
            default_shuffle,
        };
        let mut questions = Vec::with_capacity(raw.questions.len());
        let mut first_line_of: HashMap<String, u64> = HashMap::new();
        for raw_question in raw.questions {
            let at = raw_question.referenced;
            let errors_before = self.problems.len();
            if let Some(id) = &raw_question.value.id {
                if let Some(first) = first_line_of.get(&id.value) {
                    self.report(
                        &at,
                        Some(&id.value),
                        format!("duplicate question id `{}`", id.value),
                        format!("it is first used at line {first}; ids must be unique in a bank"),
                    );
                } else {
                    first_line_of.insert(id.value.clone(), line_col(&at).0);
                }
            }
            // Checked even when its id repeats, so that one fix does not reveal more errors.
            let question = self.question(raw_question.value, &at, &context);
            if let Some(question) = question
                && self.problems.len() == errors_before
            {
                questions.push(question);
            }
        }
        Bank {
            id: raw.id.value,
            title: raw.title,
            description: raw.description,
            version: raw.version,
            origin: self.file.to_owned(),
            sources,
            scenarios,
            questions,
        }
    }

    fn sources(&mut self, raw: Vec<Spanned<super::format::RawSource>>) -> Vec<Source> {
        let mut sources: Vec<Source> = Vec::new();
        for Spanned {
            value: s,
            referenced: at,
            ..
        } in raw
        {
            if sources.iter().any(|known| known.id == s.id.value) {
                self.report(
                    &s.id.referenced,
                    None,
                    format!("duplicate source id `{}`", s.id.value),
                    "give every source its own id".into(),
                );
                continue;
            }
            if s.publisher.is_none() && s.author.is_none() {
                self.report(
                    &at,
                    None,
                    format!(
                        "source `{}` names neither a publisher nor an author",
                        s.id.value
                    ),
                    "add `publisher:` or `author:` so learners know who reported it".into(),
                );
            }
            sources.push(Source {
                id: s.id.value,
                title: s.title,
                publisher: s.publisher,
                author: s.author,
                date: s.date,
            });
        }
        sources
    }

    fn scenarios(&mut self, raw: Vec<Spanned<super::format::RawScenario>>) -> Vec<Scenario> {
        let mut scenarios: Vec<Scenario> = Vec::new();
        for Spanned { value: s, .. } in raw {
            if scenarios.iter().any(|known| known.id == s.id.value) {
                self.report(
                    &s.id.referenced,
                    None,
                    format!("duplicate scenario id `{}`", s.id.value),
                    "give every scenario its own id".into(),
                );
                continue;
            }
            scenarios.push(Scenario {
                id: s.id.value,
                title: s.title,
                text: s.text,
                shuffle: s.shuffle,
            });
        }
        scenarios
    }
}

struct QuestionContext {
    sources: Vec<String>,
    scenarios: Vec<String>,
    default_points: f64,
    default_shuffle: bool,
}

/// The closest of `known` to `word`, if it is close enough to be a likely typo.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn one_of(word: &str, known: &[String], what: &str) -> String {
    match closest(word, known.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("this bank declares no {what}s"),
        None => format!("declared {what}s: {}", known.join(", ")),
    }
}

impl Checker<'_> {
    fn question(
        &mut self,
        q: RawQuestion,
        at: &Location,
        ctx: &QuestionContext,
    ) -> Option<Question> {
        let Some(id) = q.id.as_ref().map(|id| id.value.clone()) else {
            self.report(
                at,
                None,
                "question has no `id`".into(),
                "add `id:` with a short, stable name such as `signing-date`".into(),
            );
            return None;
        };
        let qid = Some(id.as_str());
        let mut fine = true;
        let mut require = |this: &mut Self, field: &Option<String>, name: &str, help: &str| {
            if field.as_deref().is_none_or(|t| t.trim().is_empty()) {
                this.report(at, qid, format!("question has no `{name}`"), help.into());
                fine = false;
            }
        };
        require(
            self,
            &q.prompt,
            "prompt",
            "add `prompt:` with the question to ask",
        );
        require(
            self,
            &q.explanation,
            "explanation",
            "add `explanation:` with 1–3 sentences that say why the answer is right",
        );
        let citation = self.citation(&q, at, qid, ctx);
        if let Some(scenario) = &q.scenario
            && !ctx.scenarios.contains(&scenario.value)
        {
            self.report(
                &scenario.referenced,
                qid,
                format!("scenario `{}` is not declared in this bank", scenario.value),
                one_of(&scenario.value, &ctx.scenarios, "scenario"),
            );
            fine = false;
        }
        let difficulty = match &q.difficulty {
            None => 2,
            Some(d) if (1..=3).contains(&d.value) => d.value as u8,
            Some(d) => {
                self.report(
                    &d.referenced,
                    qid,
                    format!("difficulty {} is out of range", d.value),
                    "use 1 (easy), 2 (medium) or 3 (hard)".into(),
                );
                fine = false;
                2
            }
        };
        let points = match &q.points {
            None => ctx.default_points,
            Some(p) if p.value.is_finite() && p.value > 0.0 => p.value,
            Some(p) => {
                self.report(
                    &p.referenced,
                    qid,
                    format!("points must be a positive number, not {}", p.value),
                    "use e.g. `points: 1` or `points: 2.5`".into(),
                );
                fine = false;
                1.0
            }
        };
        let key = self.answer_key(&q, at, qid);
        let (Some(key), Some(citation), true) = (key, citation, fine) else {
            return None;
        };
        Some(Question {
            id,
            prompt: q.prompt.unwrap_or_default(),
            scenario: q.scenario.map(|s| s.value),
            explanation: q.explanation.unwrap_or_default(),
            citation,
            tags: q.tags,
            difficulty,
            points,
            shuffle: q.shuffle.unwrap_or(ctx.default_shuffle),
            key,
        })
    }

    fn citation(
        &mut self,
        q: &RawQuestion,
        at: &Location,
        qid: Option<&str>,
        ctx: &QuestionContext,
    ) -> Option<Citation> {
        let Some(source) = &q.source else {
            self.report(
                at,
                qid,
                "question has no `source`".into(),
                "add `source: {id: <a source id>, section: <the heading it comes from>}`".into(),
            );
            return None;
        };
        let cited = &source.value;
        if !ctx.sources.contains(&cited.id.value) {
            self.report(
                &cited.id.referenced,
                qid,
                format!("source `{}` is not declared in `sources`", cited.id.value),
                one_of(&cited.id.value, &ctx.sources, "source"),
            );
            return None;
        }
        if cited.section.trim().is_empty() {
            self.report(
                &source.referenced,
                qid,
                "the source has an empty `section`".into(),
                "name the heading of the passage the answer comes from".into(),
            );
            return None;
        }
        Some(Citation {
            source: cited.id.value.clone(),
            section: cited.section.clone(),
            locator: cited.locator.clone(),
        })
    }
}
