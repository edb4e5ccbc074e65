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
    pub sources: Vec<Source>,
    pub scenarios: Vec<Scenario>,
    pub questions: Vec<Question>,
}

impl Bank {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// How a citation reads wherever it is shown: "Source: Title — Publisher, date · section
    /// “Section”", with the locator quoted after it.
    pub fn source_line(&self, citation: &Citation) -> String {
        let credit = self
            .source(&citation.source)
            .map_or_else(|| citation.source.clone(), Source::credit);
        let locator = citation
            .locator
            .as_ref()
            .map(|l| format!(" (“{l}”)"))
            .unwrap_or_default();
        format!("Source: {credit} · section “{}”{locator}", citation.section)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
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
}

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
    pub section: String,
    pub locator: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub why: Option<String>,
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
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[clap(rename_all = "snake_case")]
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
