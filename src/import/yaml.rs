//! A bank as it is written back to YAML: the fields of `docs/bank-format.md`, empty ones left out.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct OutBank {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub version: u32,
    pub sources: Vec<OutSource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<OutScenario>,
    pub questions: Vec<OutQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct OutSource {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The source cited by imported questions whose file names none: the author puts the real one in.
pub(crate) const UNKNOWN_SOURCE: &str = "unknown-source";

impl OutSource {
    /// The stand-in for the source that `file_name` does not name.
    pub(crate) fn unknown(file_name: &str) -> OutSource {
        OutSource {
            id: UNKNOWN_SOURCE.into(),
            title: format!("Not given in {file_name}"),
            publisher: None,
            author: Some("unknown".into()),
            date: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OutScenario {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub shuffle: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OutQuestion {
    pub id: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    pub prompt: String,
    /// `moodle` for a multiple-answer question graded as Moodle grades it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<OutChoice>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<OutAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept_exact: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<OutTolerance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs: Option<Vec<OutPair>>,
    pub explanation: String,
    pub source: OutCitation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shuffle: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
}

/// `answer:` is a boolean for `true_false` and a number for `numeric`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OutAnswer {
    Bool(bool),
    Number(Num),
}

/// `tolerance:` is a margin (`0.5`) or a share of the answer (`"5%"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OutTolerance {
    Margin(Num),
    Percent(String),
}

/// A number written as people write it: `15000`, not `15000.0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        // Whole numbers below 2^53 are exact as integers.
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            serializer.serialize_i64(n as i64)
        } else {
            serializer.serialize_f64(n)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutChoice {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub correct: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The percentage of the points ticking it adds, where it differs from the default share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Num>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutPair {
    pub left: String,
    pub right: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OutCitation {
    pub id: String,
    /// Written as `section: Heading` for one heading and as a list for several.
    #[serde(rename = "section", serialize_with = "one_or_list")]
    pub sections: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl OutCitation {
    /// A citation of [`OutSource::unknown`].
    pub(crate) fn unknown() -> OutCitation {
        OutCitation {
            id: UNKNOWN_SOURCE.into(),
            sections: vec!["(not given)".into()],
            locator: None,
        }
    }
}

/// One text as itself, several as a list.
fn one_or_list<S: serde::Serializer>(texts: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    match texts {
        [one] => serializer.serialize_str(one),
        many => many.serialize(serializer),
    }
}
