//! The YAML shape of a bank, as written by authors.
//!
//! These types mirror the file one to one and keep the position of every node that a diagnostic may
//! point at. Kind-specific answer fields are all optional here: `validate` turns a raw question into
//! a typed [`crate::bank::Question`] and reports what is missing or misplaced.

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBank {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub version: u32,
    #[serde(default)]
    pub sources: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub defaults: RawDefaults,
    #[serde(default)]
    pub scenarios: Vec<Spanned<RawScenario>>,
    #[serde(default)]
    pub questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    pub points: Option<f64>,
    pub shuffle: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Spanned<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub kind: Option<String>,
    pub covers: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: Spanned<String>,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub shuffle: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub prompt: Option<String>,
    pub scenario: Option<Spanned<String>>,
    pub explanation: Option<String>,
    pub source: Option<Spanned<RawCitation>>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub difficulty: Option<Spanned<i64>>,
    pub points: Option<Spanned<f64>>,
    pub shuffle: Option<bool>,
    // Answer fields; which ones apply depends on `kind`.
    pub choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pub answer: Option<Spanned<Scalar>>,
    pub accept: Option<Spanned<Vec<String>>>,
    pub accept_exact: Option<bool>,
    pub tolerance: Option<Spanned<Scalar>>,
    pub unit: Option<String>,
    pub items: Option<Spanned<Vec<String>>>,
    pub pairs: Option<Spanned<Vec<RawPair>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    pub id: Spanned<String>,
    pub section: String,
    pub locator: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    pub why: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub left: String,
    pub right: String,
}

/// A YAML scalar whose meaning depends on the question kind: `answer` is a boolean for
/// `true_false` and a number for `numeric`; `tolerance` is a number or a text like `"5%"`.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl serde::de::Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a boolean, a number or a text")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}
