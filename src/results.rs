//! The results file of one quiz (`quiz play --out FILE`): versioned JSON for class reports.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bank::AnswerKey;
use crate::bank::fingerprint::{bank_hash, question_hash};
use crate::engine::describe::{key_text, response_text};
use crate::engine::{Confidence, Ending, Grade, Outcome, Planned, Response};
use crate::error::Error;

mod walk;

pub use walk::{DecisionEntry, Recounted, WalkEntry};

pub const FORMAT: &str = "scenario-quiz-result";
/// Version 2 added how each quiz ended as one of [`HowItEnded`], the question a late joiner
/// joined at, and the snapshot of the questions asked; version 1 files are still read.
pub const FORMAT_VERSION: u32 = 2;

/// How one student's quiz ended, as the results file records it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HowItEnded {
    /// The quiz reached its last question.
    Finished,
    /// The learner stopped before the end (or their input ended); in a live class, the teacher
    /// ended the class before its last question.
    #[serde(alias = "stopped", alias = "end_of_input")]
    StoppedEarly,
    /// The time of a self-paced live class ran out.
    TimeUp,
    /// The teacher took the student out of the live class.
    Removed,
    /// The live class was paused on the host (Ctrl-C, a signal, the teacher's input closed) and
    /// has not been continued since.
    HostInterrupted,
    /// Ctrl-C or a signal stopped `quiz play`, or it ended without saying (the file saved after
    /// the last answer stays marked so).
    Interrupted,
}

impl HowItEnded {
    /// A few words for a table.
    pub fn short(self) -> &'static str {
        match self {
            HowItEnded::Finished => "finished",
            HowItEnded::StoppedEarly => "stopped early",
            HowItEnded::TimeUp => "time up",
            HowItEnded::Removed => "removed",
            HowItEnded::HostInterrupted => "host interrupted",
            HowItEnded::Interrupted => "interrupted",
        }
    }
}

impl From<Ending> for HowItEnded {
    fn from(ending: Ending) -> Self {
        match ending {
            Ending::Finished => HowItEnded::Finished,
            Ending::EndOfInput | Ending::Stopped => HowItEnded::StoppedEarly,
            Ending::Interrupted => HowItEnded::Interrupted,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ResultFile {
    pub format: String,
    pub format_version: u32,
    pub name: Option<String>,
    pub seed: u64,
    pub mode: String,
    pub started_at: String,
    pub finished_at: String,
    pub ending: HowItEnded,
    /// The first question (1-based) open when the student joined a live class late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<usize>,
    pub banks: Vec<BankRef>,
    pub questions_planned: usize,
    /// Points earned.
    pub score: f64,
    /// The points of every question planned, answered or not (version 1: of those answered).
    pub max_score: f64,
    pub answers: Vec<AnswerEntry>,
    /// The questions were put in an order of this student's own (`--shuffle-per-student`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shuffle_per_student: bool,
    /// Every question planned, in the order asked; empty in version 1 files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked: Vec<AskedQuestion>,
    /// The branching scenarios walked; their scores are in `score` and `max_score` too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub walks: Vec<WalkEntry>,
}

/// A question as it was asked, so that a report shows it without its bank.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AskedQuestion {
    pub bank: String,
    pub question: String,
    pub kind: String,
    pub prompt: String,
    pub points: f64,
    /// The title of the scenario the question belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The choices of a single or multiple choice question, in the author's order (answers
    /// refer to them by that position); for a match, the targets `left → right`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<AskedChoice>,
    /// The right answer in words.
    pub key: String,
    pub question_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AskedChoice {
    pub text: String,
    pub correct: bool,
}

impl AskedQuestion {
    fn new(planned: &Planned) -> Self {
        let question = planned.question;
        let choices = match &question.key {
            AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices
                .iter()
                .map(|c| AskedChoice {
                    text: c.text.clone(),
                    correct: c.correct,
                })
                .collect(),
            AnswerKey::Match { pairs } => pairs
                .iter()
                .map(|p| AskedChoice {
                    text: format!("{} → {}", p.left, p.right),
                    correct: true,
                })
                .collect(),
            _ => Vec::new(),
        };
        AskedQuestion {
            bank: planned.bank.id.clone(),
            question: question.id.clone(),
            kind: question.kind().name().to_owned(),
            prompt: question.prompt.trim().to_owned(),
            points: question.points,
            scenario: planned.scenario.map(|s| s.title.clone()),
            tags: question.tags.clone(),
            choices,
            key: key_text(question),
            question_hash: question_hash(planned.bank, question),
        }
    }

    /// Whether answers to this question pick among its `choices`.
    pub fn has_choices(&self) -> bool {
        matches!(self.kind.as_str(), "single" | "multiple")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BankRef {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// The bank's exact fingerprint (`bank::fingerprint::bank_hash`), written as `content_hash`;
    /// absent in files written before it was recorded.
    #[serde(
        rename = "content_hash",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub bank_hash: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnswerEntry {
    pub bank: String,
    pub question: String,
    pub kind: String,
    pub tags: Vec<String>,
    pub response: Response,
    /// The response in words, as the learner saw it.
    pub answer_text: String,
    pub points: f64,
    pub max_points: f64,
    pub seconds: f64,
    /// See `bank::fingerprint`; absent in files written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_hash: Option<String>,
    /// How sure the student said they were (1 guessing, 2 fairly sure, 3 certain), when asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

impl BankRef {
    pub fn of(bank: &crate::bank::Bank) -> Self {
        BankRef {
            id: bank.id.clone(),
            version: bank.version,
            title: bank.title.clone(),
            bank_hash: Some(bank_hash(bank)),
        }
    }
}

impl AnswerEntry {
    /// The grade this answer was given, to judge it by the engine's one rule.
    pub fn grade(&self) -> Grade {
        Grade {
            earned: self.points,
            max: self.max_points,
        }
    }
}

impl ResultFile {
    pub fn new(
        outcome: &Outcome,
        seed: u64,
        name: Option<String>,
        started_at: String,
        finished_at: String,
    ) -> Self {
        let mut banks: Vec<BankRef> = Vec::new();
        for planned in &outcome.plan {
            if !banks.iter().any(|b| b.id == planned.bank.id) {
                banks.push(BankRef {
                    id: planned.bank.id.clone(),
                    version: planned.bank.version,
                    title: planned.bank.title.clone(),
                    bank_hash: Some(bank_hash(planned.bank)),
                });
            }
        }
        let answers: Vec<AnswerEntry> = outcome
            .answers
            .iter()
            .map(|a| {
                let planned = &outcome.plan[a.index];
                AnswerEntry {
                    bank: planned.bank.id.clone(),
                    question: planned.question.id.clone(),
                    kind: planned.question.kind().name().to_owned(),
                    tags: planned.question.tags.clone(),
                    response: a.response.clone(),
                    answer_text: response_text(planned.question, &a.response),
                    points: a.grade.earned,
                    max_points: a.grade.max,
                    seconds: (a.seconds * 1000.0).round() / 1000.0,
                    question_hash: Some(question_hash(planned.bank, planned.question)),
                    confidence: a.confidence,
                }
            })
            .collect();
        ResultFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            name,
            seed,
            mode: outcome.mode.name().into(),
            started_at,
            finished_at,
            ending: outcome.ending.into(),
            joined_at: None,
            banks,
            questions_planned: outcome.plan.len(),
            score: answers.iter().map(|a| a.points).sum(),
            // Every planned question counts: one not answered is 0 of its points.
            max_score: outcome.plan.iter().map(|p| p.question.points).sum(),
            answers,
            shuffle_per_student: false,
            asked: outcome.plan.iter().map(AskedQuestion::new).collect(),
            walks: Vec::new(),
        }
    }

    /// Adds the branching scenarios walked: their banks, and their scores to the file's.
    pub fn add_walks(&mut self, walks: &[(WalkEntry, BankRef)]) {
        for (walk, bank) in walks {
            if !self.banks.iter().any(|b| b.id == bank.id) {
                self.banks.push(bank.clone());
            }
            self.score += walk.score;
            self.max_score += walk.best_score;
            self.walks.push(walk.clone());
        }
    }

    /// The results as the file holds them: pretty JSON ending in a newline.
    pub fn to_json(&self) -> String {
        // A `ResultFile` is plain data with string keys: serializing it cannot fail.
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Writes the results as JSON to a new file, atomically; an existing file is never replaced.
    pub fn write_new(&self, path: &Path) -> Result<(), Error> {
        crate::files::write_atomically(
            path,
            self.to_json().as_bytes(),
            crate::files::Existing::Keep,
        )
    }
}
