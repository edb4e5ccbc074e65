//! Counts of a show of hands: typed per option during the lesson, saved with `--out`.

use serde::{Deserialize, Serialize};

use super::Presenter;

pub(crate) const FORMAT: &str = "scenario-quiz-tally";
pub(crate) const FORMAT_VERSION: u32 = 1;

/// A class can be large, but not this large; a typo like 1222 is caught.
const MOST_STUDENTS: u32 = 1000;

/// "12 5 3 0" or "12,5,3,0": one count per option.
/// Why a line typed as the hands counted is not that.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Uncounted {
    #[error("a count above {MOST_STUDENTS} looks like a typo; type the counts again")]
    TooMany,
    #[error("type {options} numbers, one per option, like {}", example(*.options))]
    NotOnePerOption { options: usize },
}

pub(crate) fn parse_counts(typed: &str, options: usize) -> Result<Vec<u32>, Uncounted> {
    let counts: Result<Vec<u32>, _> = typed
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(str::parse::<u32>)
        .collect();
    match counts {
        Ok(counts) if counts.len() == options && counts.iter().all(|&c| c <= MOST_STUDENTS) => {
            Ok(counts)
        }
        Ok(counts) if counts.len() == options => Err(Uncounted::TooMany),
        _ => Err(Uncounted::NotOnePerOption { options }),
    }
}

/// Counts to show how they are typed: "3 10 6".
pub(crate) fn example(options: usize) -> String {
    (0..options)
        .map(|i| ((i * 7 + 3) % 11).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct TallyFile {
    pub format: String,
    pub format_version: u32,
    pub seed: u64,
    pub saved_at: String,
    pub questions: Vec<TalliedQuestion>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct TalliedQuestion {
    pub bank: String,
    pub question: String,
    /// Position in the lesson, from 1.
    pub number: usize,
    pub options: Vec<TalliedOption>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct TalliedOption {
    /// The option as it was shown ("B) November"), or "Right" / "Wrong".
    pub label: String,
    pub count: u32,
    /// Absent where the option's rightness is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
}

impl TallyFile {
    /// The counted steps of a branching scenario, numbered by decision.
    pub(crate) fn from_walk(lesson: &super::walk::WalkLesson, saved_at: String) -> TallyFile {
        let questions = lesson
            .slides
            .iter()
            .zip(&lesson.tallies)
            .enumerate()
            .filter_map(|(i, (slide, counts))| Some(tallied(slide, i + 1, counts.as_ref()?)))
            .collect();
        TallyFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            seed: lesson.seed,
            saved_at,
            questions,
        }
    }

    /// The counted questions of a lesson, in the order they were shown.
    pub(crate) fn from_presenter(presenter: &Presenter, saved_at: String) -> TallyFile {
        let questions = presenter
            .slides
            .iter()
            .zip(&presenter.tallies)
            .enumerate()
            .filter_map(|(i, (slide, counts))| Some(tallied(slide, i + 1, counts.as_ref()?)))
            .collect();
        TallyFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            seed: presenter.seed,
            saved_at,
            questions,
        }
    }
}

/// One question's counts, option by option, numbered `number` in the lesson.
fn tallied(slide: &super::Slide, number: usize, counts: &[u32]) -> TalliedQuestion {
    TalliedQuestion {
        bank: slide.bank.clone(),
        question: slide.question.clone(),
        number,
        options: slide
            .tally
            .iter()
            .zip(counts)
            .zip(&slide.tally_correct)
            .map(|((label, &count), &correct)| TalliedOption {
                label: label.clone(),
                count,
                correct,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_one_number_per_option() {
        assert_eq!(parse_counts("12 5 3 0", 4), Ok(vec![12, 5, 3, 0]));
        assert_eq!(parse_counts(" 12,5, 3 ,0 ", 4), Ok(vec![12, 5, 3, 0]));
        assert_eq!(
            parse_counts("12 5 3", 4),
            Err(Uncounted::NotOnePerOption { options: 4 })
        );
        assert!(parse_counts("", 2).is_err());
        assert!(parse_counts("1 x", 2).is_err());
        assert_eq!(parse_counts("5000 1", 2), Err(Uncounted::TooMany));
    }
}
