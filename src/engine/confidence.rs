//! How sure a learner says they are of an answer, and the certainty-based marks that follow
//! from it, as Moodle gives them (Gardner-Medwin's scheme): a right answer earns 1, 2 or 3 times
//! its points at each level, a wrong one 0, −2 or −6 times; a partly right answer earns the right
//! answer's mark times the share of the points it earned. Being sure of a wrong answer costs
//! more than it could gain, so the marks reward knowing what one knows.

use serde::{Deserialize, Serialize};

use super::grade::Grade;
use super::session::Outcome;

/// Written as its level, 1 to 3, in results files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Confidence {
    Guessing = 1,
    FairlySure = 2,
    Certain = 3,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [
        Confidence::Guessing,
        Confidence::FairlySure,
        Confidence::Certain,
    ];

    /// 1, 2 or 3, as typed and as recorded.
    pub fn level(self) -> u8 {
        self as u8
    }

    pub fn from_level(level: i64) -> Option<Confidence> {
        Confidence::ALL
            .into_iter()
            .find(|c| i64::from(c.level()) == level)
    }

    pub fn name(self) -> &'static str {
        match self {
            Confidence::Guessing => "guessing",
            Confidence::FairlySure => "fairly sure",
            Confidence::Certain => "certain",
        }
    }

    /// The mark of a right answer, per point.
    fn right_mark(self) -> f64 {
        f64::from(self.level())
    }

    /// The mark of a wrong answer, per point.
    fn wrong_mark(self) -> f64 {
        match self {
            Confidence::Guessing => 0.0,
            Confidence::FairlySure => -2.0,
            Confidence::Certain => -6.0,
        }
    }
}

impl From<Confidence> for u8 {
    fn from(confidence: Confidence) -> u8 {
        confidence.level()
    }
}

/// A level of confidence that is not one of the three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a confidence is 1, 2 or 3, not {0}")]
pub struct NotALevel(pub u8);

impl TryFrom<u8> for Confidence {
    type Error = NotALevel;

    fn try_from(level: u8) -> Result<Confidence, NotALevel> {
        Confidence::from_level(level.into()).ok_or(NotALevel(level))
    }
}

/// The certainty-based mark of one answer.
pub fn mark(grade: &Grade, confidence: Confidence) -> f64 {
    if grade.earned <= 0.0 {
        confidence.wrong_mark() * grade.max
    } else {
        confidence.right_mark() * grade.earned
    }
}

/// The certainty-based marks of a quiz whose answers carry a confidence, and the most it could
/// earn (every question right and certain); `None` when no answer carries one. A question not
/// answered, or answered without a confidence, earns 0.
pub fn total(outcome: &Outcome) -> Option<(f64, f64)> {
    if outcome.answers.iter().all(|a| a.confidence.is_none()) {
        return None;
    }
    let earned = outcome
        .answers
        .iter()
        .filter_map(|a| Some(mark(&a.grade, a.confidence?)))
        .sum();
    let best = outcome
        .plan
        .iter()
        .map(|p| Confidence::Certain.right_mark() * p.question.points)
        .sum();
    Some((earned, best))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(earned: f64, max: f64) -> Grade {
        Grade { earned, max }
    }

    #[test]
    fn marks_are_moodles_certainty_based_marks() {
        let right = grade(2.0, 2.0);
        let wrong = grade(0.0, 2.0);
        let marks = |g: &Grade| Confidence::ALL.map(|c| mark(g, c));
        assert_eq!(marks(&right), [2.0, 4.0, 6.0]);
        assert_eq!(marks(&wrong), [0.0, -4.0, -12.0]);
        // Half right: half of the right answer's mark.
        assert_eq!(marks(&grade(1.0, 2.0)), [1.0, 2.0, 3.0]);
    }

    #[test]
    fn levels_read_back() {
        for c in Confidence::ALL {
            assert_eq!(Confidence::from_level(i64::from(c.level())), Some(c));
        }
        assert_eq!(Confidence::from_level(4), None);
    }
}
