//! The results file of one quiz (`quiz play --out FILE`): versioned JSON for class reports.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bank::fingerprint::{bank_hash, question_hash};
use crate::engine::describe::response_text;
use crate::engine::{Ending, Grade, Outcome, Response};
use crate::error::Error;

mod walk;

pub use walk::{DecisionEntry, WalkEntry};

pub const FORMAT: &str = "scenario-quiz-result";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ResultFile {
    pub format: String,
    pub format_version: u32,
    pub name: Option<String>,
    pub seed: u64,
    pub mode: String,
    pub started_at: String,
    pub finished_at: String,
    /// "finished", "end_of_input", "interrupted" or "stopped".
    pub ending: String,
    pub banks: Vec<BankRef>,
    pub questions_planned: usize,
    pub score: f64,
    pub max_score: f64,
    pub answers: Vec<AnswerEntry>,
    /// The questions were put in an order of this student's own (`--shuffle-per-student`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shuffle_per_student: bool,
    /// The branching scenarios walked; their scores are in `score` and `max_score` too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub walks: Vec<WalkEntry>,
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
            ending: match outcome.ending {
                Ending::Finished => "finished",
                Ending::EndOfInput => "end_of_input",
                Ending::Interrupted => "interrupted",
                Ending::Stopped => "stopped",
            }
            .into(),
            banks,
            questions_planned: outcome.plan.len(),
            score: answers.iter().map(|a| a.points).sum(),
            max_score: answers.iter().map(|a| a.max_points).sum(),
            answers,
            shuffle_per_student: false,
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
