//! A validated bank: what the engine, the exporters and the reports work with.

use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub description: String,
    pub version: u32,
    /// Where the bank came from: a file path, or `built-in/NAME.yaml`.
    pub origin: String,
    /// [`file_hash`](super::fingerprint::file_hash) of the file it was read from.
    pub file_hash: u64,
    pub sources: Vec<Source>,
    pub scenarios: Vec<Scenario>,
    pub questions: Vec<Question>,
}

impl Bank {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// How a citation reads wherever it is shown: "Source: Title — Publisher, date · section
    /// “Section”" (or "· sections “A” and “B”", see [`cited_sections`]), with the locator quoted
    /// after it.
    pub fn source_line(&self, citation: &Citation) -> String {
        let credit = self
            .source(&citation.source)
            .map_or_else(|| citation.source.clone(), Source::credit);
        let locator = citation
            .locator
            .as_ref()
            .map(|l| format!(" (“{l}”)"))
            .unwrap_or_default();
        format!(
            "Source: {credit} · {}{locator}",
            cited_sections(&citation.sections)
        )
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The bank with only the questions `keep` says, in the bank's order, and the scenarios they
    /// belong to: a smaller bank of the same sources, to export or study on its own.
    #[must_use]
    pub fn with_only(&self, keep: impl Fn(&Question) -> bool) -> Bank {
        let questions: Vec<Question> = self.questions.iter().filter(|q| keep(q)).cloned().collect();
        let scenarios = self
            .scenarios
            .iter()
            .filter(|s| {
                questions
                    .iter()
                    .any(|q| q.scenario.as_deref() == Some(s.id.as_str()))
            })
            .cloned()
            .collect();
        Bank {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            version: self.version,
            origin: self.origin.clone(),
            file_hash: self.file_hash,
            sources: self.sources.clone(),
            scenarios,
            questions,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

impl Source {
    /// "Title — Publisher, date": how a source is named under an explanation.
    pub fn credit(&self) -> String {
        let mut credit = self.title.clone();
        let by = self.publisher.as_ref().or(self.author.as_ref());
        if let Some(by) = by {
            credit.push_str(" — ");
            credit.push_str(by);
        }
        if let Some(date) = &self.date {
            credit.push_str(", ");
            credit.push_str(date);
        }
        credit
    }
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub text: String,
    pub shuffle: bool,
    /// The steps and endings of a branching scenario; none for a scenario that only sets the
    /// scene for the questions that name it.
    pub branching: Option<super::branching::Branching>,
}

/// The longest tag a question may have, in characters: a tag names a topic in one column of
/// the summaries and reports.
pub const TAG_LIMIT: usize = 60;

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub scenario: Option<String>,
    pub explanation: String,
    pub citation: Citation,
    pub tags: Vec<String>,
    pub difficulty: u8,
    pub points: f64,
    pub shuffle: bool,
    /// The lints of `quiz check` this question is exempt from (`allow:`), as written.
    pub allow: Vec<String>,
    pub key: AnswerKey,
}

impl Question {
    pub fn kind(&self) -> Kind {
        self.key.kind()
    }
}

#[derive(Debug, Clone)]
pub struct Citation {
    pub source: String,
    /// The headings of the source the answer comes from, as written: at least one, none twice.
    pub sections: Vec<String>,
    pub locator: Option<String>,
}

/// How the cited headings read in a source line: `section “A”` for one, `sections “A” and “B”`
/// and `sections “A”, “B” and “C”` for more. [`read_cited_sections`] reads it back.
pub fn cited_sections(sections: &[String]) -> String {
    let quoted: Vec<String> = sections.iter().map(|s| format!("“{s}”")).collect();
    match quoted.as_slice() {
        [] => "section “”".to_owned(),
        [one] => format!("section {one}"),
        [first @ .., last] => format!("sections {} and {last}", first.join(", ")),
    }
}

/// The headings at the start of `text`, as [`cited_sections`] writes them, and the text after
/// them; none when `text` does not start that way.
pub fn read_cited_sections(text: &str) -> Option<(Vec<String>, &str)> {
    if let Some(rest) = text.strip_prefix("section “") {
        let (heading, after) = rest.split_once('”')?;
        return Some((vec![heading.to_owned()], after));
    }
    let mut rest = text.strip_prefix("sections ")?;
    let mut headings = Vec::new();
    loop {
        let (heading, after) = quoted(rest)?;
        headings.push(heading);
        if let Some(next) = after.strip_prefix(", ") {
            rest = next;
        } else {
            let (last, after) = quoted(after.strip_prefix(" and ")?)?;
            headings.push(last);
            return Some((headings, after));
        }
    }
}

/// The text between `“` and `”` at the start of `text`, and the text after it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let (heading, after) = text.strip_prefix('“')?.split_once('”')?;
    Some((heading.to_owned(), after))
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub why: Option<String>,
    /// In a `multiple` question scored [`Scoring::Moodle`]: the share of the points ticking this
    /// choice adds (negative: takes away), as a fraction; none for the default share.
    pub weight: Option<f64>,
}

/// How the ticked choices of a `multiple` question add up (`scoring:` in a bank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    // Each right pick earns an equal share of the points and each wrong pick costs as much;
    // never below nothing. (Plain comments: the schema lists the names as an enum.)
    #[default]
    RightMinusWrong,
    // As Moodle grades a multiple-answer question: the weights of the ticked choices added up
    // and kept between nothing and all the points. A right choice weighs an equal share unless
    // it says `weight:`, a wrong one nothing.
    Moodle,
}

impl Scoring {
    pub const ALL: [Scoring; 2] = [Scoring::RightMinusWrong, Scoring::Moodle];

    /// The name `scoring:` takes.
    pub fn name(self) -> &'static str {
        match self {
            Scoring::RightMinusWrong => "right_minus_wrong",
            Scoring::Moodle => "moodle",
        }
    }

    pub fn from_name(name: &str) -> Option<Scoring> {
        Scoring::ALL.into_iter().find(|s| s.name() == name.trim())
    }
}

#[derive(Debug, Clone)]
pub struct Pair {
    pub left: String,
    pub right: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    Absolute(f64),
    Percent(f64),
}

impl Tolerance {
    /// The margin on either side of `expected`, in the answer's own unit.
    pub fn margin(self, expected: f64) -> f64 {
        match self {
            Tolerance::Absolute(t) => t,
            Tolerance::Percent(p) => expected.abs() * p / 100.0,
        }
    }

    pub fn allows(self, expected: f64, given: f64) -> bool {
        let margin = self.margin(expected);
        // A hair of slack so that 0.1 + 0.2 style rounding never fails an exact answer.
        (given - expected).abs() <= margin + expected.abs().max(1.0) * 1e-9
    }
}

/// The correct answer of a question, by kind. Choices, items and pairs are kept in the order the
/// author wrote them; answers refer to them by that index whatever order they were shown in.
#[derive(Debug, Clone)]
pub enum AnswerKey {
    Single {
        choices: Vec<Choice>,
    },
    Multiple {
        choices: Vec<Choice>,
        scoring: Scoring,
    },
    TrueFalse {
        answer: bool,
    },
    Short {
        accept: Vec<String>,
        exact: bool,
    },
    Numeric {
        answer: f64,
        tolerance: Tolerance,
        unit: Option<String>,
    },
    Order {
        items: Vec<String>,
    },
    Match {
        pairs: Vec<Pair>,
    },
}

impl AnswerKey {
    pub fn kind(&self) -> Kind {
        match self {
            AnswerKey::Single { .. } => Kind::Single,
            AnswerKey::Multiple { .. } => Kind::Multiple,
            AnswerKey::TrueFalse { .. } => Kind::TrueFalse,
            AnswerKey::Short { .. } => Kind::Short,
            AnswerKey::Numeric { .. } => Kind::Numeric,
            AnswerKey::Order { .. } => Kind::Order,
            AnswerKey::Match { .. } => Kind::Match,
        }
    }
}

/// The kinds of question; its schema lists the names `kind:` accepts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Single,
    Multiple,
    TrueFalse,
    Short,
    Numeric,
    Order,
    Match,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Single,
        Kind::Multiple,
        Kind::TrueFalse,
        Kind::Short,
        Kind::Numeric,
        Kind::Order,
        Kind::Match,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::TrueFalse => "true_false",
            Kind::Short => "short",
            Kind::Numeric => "numeric",
            Kind::Order => "order",
            Kind::Match => "match",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn one_section_reads_as_before_and_several_are_joined_with_and() {
        assert_eq!(cited_sections(&headings(&["A"])), "section “A”");
        assert_eq!(
            cited_sections(&headings(&["A", "B"])),
            "sections “A” and “B”"
        );
        assert_eq!(
            cited_sections(&headings(&["A", "B, and C", "D"])),
            "sections “A”, “B, and C” and “D”"
        );
    }

    #[test]
    fn the_cited_sections_are_read_back_as_written() {
        for cited in [
            headings(&["Phase changes"]),
            headings(&[
                "Key Provisions of the Treaty",
                "Ratification and Implementation",
            ]),
            headings(&["A", "B, and C", "D and E"]),
        ] {
            let line = format!("{} (“at 100”)", cited_sections(&cited));
            assert_eq!(read_cited_sections(&line), Some((cited, " (“at 100”)")));
        }
        assert_eq!(read_cited_sections("sections “A”"), None);
        assert_eq!(read_cited_sections("sections “A”, “B”"), None);
        assert_eq!(read_cited_sections("the section “A”"), None);
    }
}
