//! Turns a [`RawBank`] into a [`Bank`], collecting every problem instead of stopping at the first.

use std::collections::{HashMap, HashSet};

use serde_saphyr::{Location, Spanned};

use super::diagnostic::Diagnostic;
use super::format::{RawBank, RawQuestion, RawSections};
use super::model::{Bank, Citation, Question, Scenario, Scoring, Source, TAG_LIMIT};
use super::validate_branching::RawBranching;
use crate::text::normalize_text;

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
        let (mut scenarios, branchings) = self.scenarios(raw.scenarios);
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
        let default_scoring = self
            .scoring(raw.defaults.scoring.as_ref(), None)
            .unwrap_or_default();
        let context = QuestionContext {
            sources: sources.iter().map(|s| s.id.clone()).collect(),
            scenarios: scenarios.iter().map(|s| s.id.clone()).collect(),
            source_set: sources.iter().map(|s| s.id.clone()).collect(),
            scenario_set: scenarios.iter().map(|s| s.id.clone()).collect(),
            branching_set: branchings
                .iter()
                .map(|b| scenarios[b.scenario].id.clone())
                .collect(),
            default_points,
            default_shuffle,
            default_scoring,
            in_step: false,
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
            let question = self.question(*raw_question.value, &at, &context);
            if let Some(question) = question
                && self.problems.len() == errors_before
            {
                questions.push(question);
            }
        }
        let step_context = QuestionContext {
            in_step: true,
            ..context
        };
        let walked_whole: Vec<(String, Location)> = branchings
            .iter()
            .map(|b| (scenarios[b.scenario].id.clone(), b.at))
            .collect();
        for branching in branchings {
            self.branching(branching, &mut scenarios, &step_context, &mut first_line_of);
        }
        self.review_card_ids_free(&walked_whole, &first_line_of);
        Bank {
            id: raw.id.value,
            title: raw.title,
            description: raw.description,
            version: raw.version,
            origin: self.file.to_owned(),
            file_hash: super::fingerprint::file_hash(self.text.as_bytes()),
            sources,
            scenarios,
            questions,
        }
    }

    fn sources(&mut self, raw: Vec<Spanned<super::format::RawSource>>) -> Vec<Source> {
        let mut sources: Vec<Source> = Vec::new();
        let mut ids: HashSet<String> = HashSet::new();
        for Spanned {
            value: s,
            referenced: at,
            ..
        } in raw
        {
            if !ids.insert(s.id.value.clone()) {
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

    /// The scenarios, and the raw steps and endings of those that branch, checked once the
    /// questions are.
    fn scenarios(
        &mut self,
        raw: Vec<Spanned<super::format::RawScenario>>,
    ) -> (Vec<Scenario>, Vec<RawBranching>) {
        let mut scenarios: Vec<Scenario> = Vec::new();
        let mut branchings = Vec::new();
        let mut ids: HashSet<String> = HashSet::new();
        for Spanned { value: s, .. } in raw {
            if !ids.insert(s.id.value.clone()) {
                self.report(
                    &s.id.referenced,
                    None,
                    format!("duplicate scenario id `{}`", s.id.value),
                    "give every scenario its own id".into(),
                );
                continue;
            }
            if s.start.is_some() || !s.steps.is_empty() || !s.endings.is_empty() {
                branchings.push(RawBranching {
                    scenario: scenarios.len(),
                    at: s.id.referenced,
                    start: s.start,
                    steps: s.steps,
                    endings: s.endings,
                });
            }
            scenarios.push(Scenario {
                id: s.id.value,
                title: s.title,
                text: s.text,
                shuffle: s.shuffle,
                branching: None,
            });
        }
        (scenarios, branchings)
    }
}

pub(super) struct QuestionContext {
    pub(super) sources: Vec<String>,
    pub(super) scenarios: Vec<String>,
    /// The same ids, to look them up.
    pub(super) source_set: HashSet<String>,
    pub(super) scenario_set: HashSet<String>,
    /// The scenarios whose questions are their steps.
    pub(super) branching_set: HashSet<String>,
    pub(super) default_points: f64,
    pub(super) default_shuffle: bool,
    pub(super) default_scoring: Scoring,
    /// Whether the questions checked are steps of a branching scenario: their choices and
    /// outcomes carry what the explanation says elsewhere.
    pub(super) in_step: bool,
}

/// Longer words get no suggestion: nobody mistypes them, and comparing them costs their length
/// squared.
const MAX_SUGGESTED_CHARS: usize = 64;

/// The most candidates one search looks at; a bank with more names than this gets suggestions
/// from the first of them only.
const MAX_CANDIDATES: usize = 200;

/// The closest of `known` to `word`, if it is close enough to be a likely typo. Bounded: words
/// and candidates longer than 64 characters are not compared, nor more than 200 candidates,
/// and only candidates that share enough letters with `word` are compared in full.
pub fn closest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let length = word.chars().count();
    if length > MAX_SUGGESTED_CHARS {
        return None;
    }
    let letters = letter_counts(word);
    known
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter(|k| k.len() <= 4 * MAX_SUGGESTED_CHARS)
        // Letters one has and the other lacks are edits that no order of the letters saves.
        .filter(|k| fewest_edits(&letters, word, length, k) <= limit(k))
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(distance, k)| *distance <= limit(k))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// How many times each letter (folded into 64 groups) occurs in `word`.
fn letter_counts(word: &str) -> [i32; 64] {
    let mut counts = [0; 64];
    for c in word.chars() {
        counts[c as usize % 64] += 1;
    }
    counts
}

/// A lower bound of the edits between `word` (its letters counted in `letters`, `length`
/// characters) and `other`: the larger of the letters only one of them has, and the difference in length.
fn fewest_edits(letters: &[i32; 64], word: &str, length: usize, other: &str) -> usize {
    let mut counts = *letters;
    let mut other_length = 0;
    for c in other.chars() {
        counts[c as usize % 64] -= 1;
        other_length += 1;
    }
    let (mut more, mut fewer) = (0, 0);
    for c in other.chars().chain(word.chars()) {
        let count = &mut counts[c as usize % 64];
        if *count > 0 {
            more += *count;
        } else {
            fewer -= *count;
        }
        *count = 0;
    }
    usize::try_from(more.max(fewer))
        .unwrap_or(0)
        .max(length.abs_diff(other_length))
}

/// How many edits away a word may be and still be taken for a typo of `known`.
fn limit(known: &str) -> usize {
    2.max(known.len() / 3)
}

/// The most declared names a hint lists.
const MAX_LISTED: usize = 10;

pub(super) fn one_of(word: &str, known: &[String], what: &str) -> String {
    match closest(word, known.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("this bank declares no {what}s"),
        None if known.len() > MAX_LISTED => format!(
            "declared {what}s include: {}, and {} more",
            known[..MAX_LISTED].join(", "),
            known.len() - MAX_LISTED
        ),
        None => format!("declared {what}s: {}", known.join(", ")),
    }
}

impl Checker<'_> {
    pub(super) fn question(
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
        if !ctx.in_step {
            require(
                self,
                &q.explanation,
                "explanation",
                "add `explanation:` with 1–3 sentences that say why the answer is right",
            );
        }
        fine &= self.step_fields_in_place(&q, qid, ctx.in_step);
        let citation = self.citation(&q, at, qid, ctx);
        fine &= self.scenario_reference(&q, qid, ctx);
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
        let tags = self.tags(&q.tags, qid);
        let key = self.answer_key(&q, at, qid, ctx.default_scoring);
        let (Some(key), Some(citation), Some(tags), true) = (key, citation, tags, fine) else {
            return None;
        };
        Some(Question {
            id,
            prompt: q.prompt.unwrap_or_default(),
            scenario: q.scenario.map(|s| s.value),
            explanation: q.explanation.unwrap_or_default(),
            citation,
            tags,
            difficulty,
            points,
            shuffle: q.shuffle.unwrap_or(ctx.default_shuffle),
            allow: q.allow.iter().map(|a| a.value.clone()).collect(),
            key,
        })
    }

    /// Whether the question's `scenario:`, if any, names an ordinary scenario of the bank.
    fn scenario_reference(
        &mut self,
        q: &RawQuestion,
        qid: Option<&str>,
        ctx: &QuestionContext,
    ) -> bool {
        let Some(scenario) = &q.scenario else {
            return true;
        };
        if ctx.branching_set.contains(&scenario.value) {
            self.report(
                &scenario.referenced,
                qid,
                format!("scenario `{}` is a branching scenario", scenario.value),
                "its questions are the `steps` written inside it; move this question there, \
                 or remove `scenario:`"
                    .into(),
            );
            return false;
        }
        if !ctx.scenario_set.contains(&scenario.value) {
            self.report(
                &scenario.referenced,
                qid,
                format!("scenario `{}` is not declared in this bank", scenario.value),
                one_of(&scenario.value, &ctx.scenarios, "scenario"),
            );
            return false;
        }
        true
    }

    /// The question's tags, or `None` when one is too long to show in a column of a summary.
    fn tags(&mut self, tags: &[Spanned<String>], qid: Option<&str>) -> Option<Vec<String>> {
        let mut fine = true;
        for tag in tags {
            let length = tag.value.chars().count();
            if length > TAG_LIMIT {
                let start: String = tag.value.chars().take(20).collect();
                self.report(
                    &tag.referenced,
                    qid,
                    format!(
                        "tag `{start}…` has {length} characters; a tag has at most {TAG_LIMIT}"
                    ),
                    "a tag names a topic in a word or two, e.g. `dates`; say more in the prompt"
                        .into(),
                );
                fine = false;
            }
        }
        fine.then(|| tags.iter().map(|t| t.value.clone()).collect())
    }

    fn citation(
        &mut self,
        q: &RawQuestion,
        at: &Location,
        qid: Option<&str>,
        ctx: &QuestionContext,
    ) -> Option<Citation> {
        let Some(source) = &q.source else {
            let help = if ctx.in_step {
                "add `source:` to its choices (or outcomes), or to the step for all of them"
            } else {
                "add `source: {id: <a source id>, section: <the heading it comes from>}`"
            };
            self.report(at, qid, "question has no `source`".into(), help.into());
            return None;
        };
        self.cited(source, qid, ctx)
    }

    /// The citation `source` makes, if it names a declared source and fitting sections.
    pub(super) fn cited(
        &mut self,
        source: &Spanned<super::format::RawCitation>,
        qid: Option<&str>,
        ctx: &QuestionContext,
    ) -> Option<Citation> {
        let cited = &source.value;
        if !ctx.source_set.contains(&cited.id.value) {
            self.report(
                &cited.id.referenced,
                qid,
                format!("source `{}` is not declared in `sources`", cited.id.value),
                one_of(&cited.id.value, &ctx.sources, "source"),
            );
            return None;
        }
        let sections = self.sections(&cited.section, &source.referenced, qid)?;
        Some(Citation {
            source: cited.id.value.clone(),
            sections,
            locator: cited.locator.clone(),
        })
    }

    /// The headings of `section:`: one, or a list without empty or repeated ones. `citation` is
    /// where the citation starts, where a problem of a single heading is reported.
    fn sections(
        &mut self,
        section: &Spanned<RawSections>,
        citation: &Location,
        qid: Option<&str>,
    ) -> Option<Vec<String>> {
        let headings = match &section.value {
            RawSections::One { heading, as_text } => {
                let heading = if *as_text {
                    heading.clone()
                } else {
                    self.written(&section.defined)
                        .unwrap_or_else(|| heading.clone())
                };
                if heading.trim().is_empty() {
                    self.report(
                        citation,
                        qid,
                        "the source has an empty `section`".into(),
                        "name the heading of the passage the answer comes from".into(),
                    );
                    return None;
                }
                return Some(vec![heading]);
            }
            RawSections::Many(headings) => headings,
        };
        if headings.is_empty() {
            self.report(
                &section.referenced,
                qid,
                "the source's `section` lists no heading".into(),
                "name the heading the answer comes from, or list each one it draws on: \
                 `section: [First heading, Second heading]`"
                    .into(),
            );
            return None;
        }
        let mut fine = true;
        let mut seen: Vec<(String, &Spanned<String>)> = Vec::new();
        for heading in headings {
            let normal = normalize_text(&heading.value);
            if heading.value.trim().is_empty() {
                self.report(
                    &heading.referenced,
                    qid,
                    "the source's `section` list has an empty heading".into(),
                    "write the heading of the passage, or remove the empty entry".into(),
                );
                fine = false;
            } else if let Some((_, first)) = seen.iter().find(|(n, _)| *n == normal) {
                self.report(
                    &heading.referenced,
                    qid,
                    format!("the source's `section` lists `{}` twice", heading.value),
                    format!(
                        "cite each heading once: `{}` is already listed on line {}",
                        first.value,
                        line_col(&first.referenced).0
                    ),
                );
                fine = false;
            } else {
                seen.push((normal, heading));
            }
        }
        fine.then(|| headings.iter().map(|h| h.value.clone()).collect())
    }

    /// A plain value as it is written in the file, for one that YAML read as a yes/no value or a
    /// number (`section: yes`, `section: 1.10`). `at` is where the value is defined: for an alias,
    /// its anchor.
    fn written(&self, at: &Location) -> Option<String> {
        let span = at.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let length = usize::try_from(span.byte_len()?).ok()?;
        let text = self.text.get(start..start.checked_add(length)?)?.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use crate::bank::{BankFile, load};

    /// The headings the one question of a bank cites with `section: {section}`.
    fn cited(section: &str) -> Vec<String> {
        let text = format!(
            "id: b\ntitle: B\nversion: 1\nsources:\n  - {{id: s, title: S, author: A}}\n\
             questions:\n  - id: q\n    kind: true_false\n    prompt: Is it?\n    answer: true\n\
             \x20   explanation: It is.\n    source:\n      id: s\n      section: {section}\n"
        );
        let loaded = load(&[BankFile {
            origin: "b.yaml".into(),
            bytes: text.into_bytes(),
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks[0].questions[0].citation.sections.clone()
    }

    #[test]
    fn a_heading_that_yaml_reads_as_a_number_or_a_yes_is_kept_as_written() {
        for heading in [
            "1953",
            "1.10",
            "yes",
            "Off",
            "0x1F",
            "\"2024\"",
            "&year 1953 # a year",
        ] {
            let expected = heading.trim_matches('"').trim_start_matches("&year ");
            let expected = expected.trim_end_matches(" # a year");
            assert_eq!(cited(heading), [expected], "{heading}");
        }
    }

    #[test]
    fn a_list_keeps_its_headings_in_the_order_written() {
        assert_eq!(cited("[Second, First, 1953]"), ["Second", "First", "1953"]);
        assert_eq!(
            cited("\n        - One\n        - \"Two: and more\""),
            ["One", "Two: and more"]
        );
    }
}
