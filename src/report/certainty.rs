//! What a class said of how sure it was (`--confidence`): each student's certainty-based marks,
//! and how often the class was right at each level of confidence. Computed once here and drawn
//! by each format of the report.

use super::ingest::Attempt;
use crate::engine::confidence::mark;
use crate::engine::{Confidence, Verdict};

/// Present when any answer of the class carries a confidence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Certainty {
    /// Each student's marks, in the order of the report's students.
    pub marks: Vec<Marks>,
    /// The levels someone used, from guessing to certain.
    pub calibration: Vec<Calibration>,
}

/// A student's certainty-based marks, and the most they could earn: every question right and
/// certain. An answer without a confidence earns 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Marks {
    pub earned: f64,
    pub best: f64,
}

/// The answers given at one level of confidence, and how many of them were right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Calibration {
    pub level: Confidence,
    pub answers: usize,
    pub right: usize,
}

impl Calibration {
    pub(crate) fn percent_right(&self) -> f64 {
        100.0 * self.right as f64 / self.answers as f64
    }
}

pub(crate) fn certainty(attempts: &[Attempt]) -> Option<Certainty> {
    let said = || {
        attempts
            .iter()
            .flat_map(|a| a.result.answers.iter())
            .filter_map(|e| Some((e, e.confidence?)))
    };
    said().next()?;
    let marks = attempts
        .iter()
        .map(|attempt| Marks {
            earned: attempt
                .result
                .answers
                .iter()
                .filter_map(|e| Some(mark(&e.grade(), e.confidence?)))
                .sum(),
            best: 3.0 * attempt.result.max_score,
        })
        .collect();
    let calibration = Confidence::ALL
        .into_iter()
        .map(|level| {
            let at = || said().filter(|(_, c)| *c == level);
            Calibration {
                level,
                answers: at().count(),
                right: at()
                    .filter(|(e, _)| e.grade().verdict() == Verdict::Right)
                    .count(),
            }
        })
        .filter(|c| c.answers > 0)
        .collect();
    Some(Certainty { marks, calibration })
}
