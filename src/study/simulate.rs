//! Years of study in a few minutes, for the benchmark: answers recorded through the same writer as
//! a quiz uses, so the database looks as one kept by `quiz` does.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::cards::Rated;
use super::states;
use crate::bank::fingerprint::material_hash;
use crate::error::Error;
use crate::store::{NewAnswer, Sitting, Store};

/// Answers a day: a question cycle of a big bank spread over years.
const PER_DAY: usize = 500;
/// 2020-01-01T08:00:00Z: the simulated study starts here.
const START: i64 = 1_577_865_600;

/// Records `answers` answers to the questions of the bank at `bank_path`, in turn, `PER_DAY` a
/// day, one in five wrong, into the progress database in `data_dir`. Returns the mean time taken
/// to record each of the last thousand.
#[doc(hidden)]
pub fn record_study(bank_path: &Path, data_dir: &Path, answers: usize) -> Result<Duration, Error> {
    let files = crate::bank::read_files(&[PathBuf::from(bank_path)])?;
    let loaded = crate::bank::load(&files);
    if loaded.has_errors() {
        return Err(Error::invalid_banks(&loaded.problems, &files, false));
    }
    let store = Store::open(data_dir)?;
    let Some(bank) = loaded.banks.first() else {
        return Ok(Duration::ZERO);
    };
    let hashes: Vec<String> = bank.questions.iter().map(material_hash).collect();
    let last = answers.saturating_sub(1000);
    let mut started = Instant::now();
    for i in 0..answers {
        if i == last {
            started = Instant::now();
        }
        let index = i % bank.questions.len();
        let question = &bank.questions[index];
        let points = if i % 5 == 0 { 0.0 } else { 1.0 };
        let row = NewAnswer {
            bank_id: &bank.id,
            bank_version: bank.version,
            question_id: &question.id,
            content_hash: &hashes[index],
            answered_at: START + (i / PER_DAY) as i64 * 86_400 + (i % PER_DAY) as i64 * 60,
            mode: Sitting::Review,
            answer: "{}",
            points,
            max_points: 1.0,
            seconds: 20.0,
            confidence: None,
        };
        states::record(&store, &row, bank, Rated::Question(question.kind()))?;
    }
    Ok(started.elapsed() / (answers - last).max(1) as u32)
}
