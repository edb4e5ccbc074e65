//! What a learner answered, independent of the order things were shown in.

use serde::{Deserialize, Serialize};

/// Indices refer to the author's order of choices, items and pairs, so a response means the same
/// thing whatever shuffle the learner saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Response {
    /// One choice (single).
    Choice(usize),
    /// Any number of choices (multiple).
    Choices(Vec<usize>),
    Bool(bool),
    Text(String),
    Number(f64),
    /// Item indices in the order the learner put them.
    Order(Vec<usize>),
    /// For each left side, the right side the learner matched to it.
    Match(Vec<usize>),
}
