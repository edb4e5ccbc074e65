//! The YAML shape of a bank, as written by authors.
//!
//! These types mirror the file one to one and keep the position of every node that a diagnostic may
//! point at. Kind-specific answer fields are all optional here: `validate` turns a raw question into
//! a typed [`crate::bank::Question`] and reports what is missing or misplaced.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

// The schema (`quiz schema`) is derived from these types; `Spanned` fields describe the value they
// wrap (`#[schemars(with = ...)]`), and `super::schema` holds the shapes serde reads by hand.
use super::model::{Kind, Scoring};
use super::shapes::{
    AnswerValue, DecisionPoints, Difficulty, Points, QualityName, SectionsValue, ToleranceValue,
};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBank {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub version: u32,
    #[serde(default)]
    #[schemars(with = "Vec<RawSource>")]
    pub sources: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub defaults: RawDefaults,
    #[serde(default)]
    #[schemars(with = "Vec<RawScenario>")]
    pub scenarios: Vec<Spanned<RawScenario>>,
    #[serde(default)]
    #[schemars(with = "Vec<RawQuestion>")]
    pub questions: Vec<Spanned<Box<RawQuestion>>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    #[schemars(with = "Option<Points>")]
    pub points: Option<Spanned<f64>>,
    pub shuffle: Option<bool>,
    /// How the ticked choices of every `multiple` question add up (default `right_minus_wrong`).
    #[schemars(with = "Option<Scoring>")]
    pub scoring: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    #[schemars(with = "String")]
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub shuffle: bool,
    /// The first step of a branching scenario; with `steps` and `endings`.
    #[schemars(with = "Option<String>")]
    pub start: Option<Spanned<String>>,
    /// The decisions of a branching scenario: questions whose answers lead on with `next`.
    #[serde(default)]
    #[schemars(with = "Vec<RawQuestion>")]
    pub steps: Vec<Spanned<Box<RawQuestion>>>,
    /// Where the paths of a branching scenario end.
    #[serde(default)]
    #[schemars(with = "Vec<RawEnding>")]
    pub endings: Vec<Spanned<RawEnding>>,
}

/// One ending of a branching scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEnding {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: Option<String>,
    /// What the story comes to.
    pub text: String,
    /// `best`, `acceptable` or `poor`.
    #[schemars(with = "QualityName")]
    pub rating: Spanned<String>,
    /// The best path and why, with the decisions that mattered.
    pub debrief: String,
    #[schemars(with = "Option<RawCitation>")]
    pub source: Option<Spanned<RawCitation>>,
}

/// Where a step of another kind than `single` leads, by the verdict on the answer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOutcomes {
    #[schemars(with = "RawOutcome")]
    pub right: Spanned<RawOutcome>,
    /// For answers partly right; without it they go where wrong answers go.
    #[schemars(with = "Option<RawOutcome>")]
    pub partly: Option<Spanned<RawOutcome>>,
    #[schemars(with = "RawOutcome")]
    pub wrong: Spanned<RawOutcome>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    /// The id of the step or ending it leads to.
    #[schemars(with = "Option<String>")]
    pub next: Option<Spanned<String>>,
    /// What happens next in the story.
    pub consequence: Option<String>,
    #[schemars(with = "Option<RawCitation>")]
    pub source: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// Optional here so that validation can report each missing field; required for editors.
#[schemars(extend("required" = ["id", "kind", "prompt", "explanation", "source"]))]
pub struct RawQuestion {
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    #[schemars(with = "Option<Kind>")]
    pub kind: Option<Spanned<String>>,
    pub prompt: Option<String>,
    #[schemars(with = "Option<String>")]
    pub scenario: Option<Spanned<String>>,
    pub explanation: Option<String>,
    #[schemars(with = "Option<RawCitation>")]
    pub source: Option<Spanned<RawCitation>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    #[schemars(with = "Option<Difficulty>")]
    pub difficulty: Option<Spanned<i64>>,
    #[schemars(with = "Option<Points>")]
    pub points: Option<Spanned<f64>>,
    pub shuffle: Option<bool>,
    /// In a `multiple` question: how the ticked choices add up (default `defaults.scoring`).
    #[schemars(with = "Option<Scoring>")]
    pub scoring: Option<Spanned<String>>,
    /// Lints of `quiz check` that this question is exempt from, e.g. `[negative-stem]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow: Vec<Spanned<String>>,
    // Answer fields; which ones apply depends on `kind`.
    #[schemars(with = "Option<Vec<RawChoice>>")]
    pub choices: Option<Spanned<Vec<Spanned<Box<RawChoice>>>>>,
    #[schemars(with = "Option<AnswerValue>")]
    pub answer: Option<Spanned<Scalar>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub accept: Option<Spanned<Vec<String>>>,
    #[schemars(with = "Option<bool>")]
    pub accept_exact: Option<Spanned<bool>>,
    #[schemars(with = "Option<ToleranceValue>")]
    pub tolerance: Option<Spanned<Scalar>>,
    #[schemars(with = "Option<String>")]
    pub unit: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub items: Option<Spanned<Vec<Spanned<String>>>>,
    #[schemars(with = "Option<Vec<RawPair>>")]
    pub pairs: Option<Spanned<Vec<Spanned<RawPair>>>>,
    /// In a step of a branching scenario of another kind than `single`: where each verdict leads.
    #[schemars(with = "Option<RawOutcomes>")]
    pub outcomes: Option<Spanned<RawOutcomes>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "SectionsValue")]
    pub section: Spanned<RawSections>,
    pub locator: Option<String>,
}

/// `section:` as written: one heading, or a list of the headings an answer draws on.
#[derive(Debug, Clone, PartialEq)]
pub enum RawSections {
    /// One heading. `as_text` is false when YAML read it as a yes/no value or a number (`section:
    /// 1953`): the text shown here is then how that value prints, and validation takes the heading
    /// as written from the file.
    One {
        heading: String,
        as_text: bool,
    },
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for RawSections {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SectionsVisitor;
        impl<'de> serde::de::Visitor<'de> for SectionsVisitor {
            type Value = RawSections;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a heading or a list of headings")
            }
            fn visit_str<E>(self, v: &str) -> Result<RawSections, E> {
                Ok(RawSections::One {
                    heading: v.to_owned(),
                    as_text: true,
                })
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawSections, E> {
                Ok(read_as_value(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawSections, E> {
                Ok(read_as_value(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawSections, E> {
                Ok(read_as_value(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawSections, E> {
                Ok(read_as_value(v))
            }
            fn visit_unit<E>(self) -> Result<RawSections, E> {
                // `section:` with nothing after it: validation tells it as an empty heading.
                Ok(RawSections::One {
                    heading: String::new(),
                    as_text: true,
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawSections, A::Error> {
                let mut headings = Vec::new();
                while let Some(heading) = seq.next_element::<Spanned<String>>()? {
                    headings.push(heading);
                }
                Ok(RawSections::Many(headings))
            }
        }
        fn read_as_value(value: impl std::fmt::Display) -> RawSections {
            RawSections::One {
                heading: value.to_string(),
                as_text: false,
            }
        }
        deserializer.deserialize_any(SectionsVisitor)
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    pub why: Option<String>,
    /// In a `multiple` question with `scoring: moodle`: the percentage of the points ticking
    /// this choice adds (a wrong choice: takes away, written negative), -100 to 100.
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    // In a step of a branching scenario:
    /// The id of the step or ending this choice leads to.
    #[schemars(with = "Option<String>")]
    pub next: Option<Spanned<String>>,
    /// What happens next in the story.
    pub consequence: Option<String>,
    /// `best`, `acceptable` or `poor`.
    #[schemars(with = "Option<QualityName>")]
    pub quality: Option<Spanned<String>>,
    /// What the decision earns (default: the step's points if best, half the best's if acceptable, else 0).
    #[schemars(with = "Option<DecisionPoints>")]
    pub points: Option<Spanned<f64>>,
    #[schemars(with = "Option<RawCitation>")]
    pub source: Option<Spanned<RawCitation>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
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
