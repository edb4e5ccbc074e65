//! A generated class: results files as `quiz play --exam --out` writes them, for students of known
//! ability answering tests/fixtures/class.yaml.
//!
//! Every sound question is answered right with a probability that rises with the student's ability
//! and falls with the question's difficulty, so the strong students score high and the report's
//! discrimination indices come out positive. `entry-into-force` carries a wrong key (June instead
//! of December): the students who know the subject pick December and are marked wrong, the others
//! guess, so its discrimination index comes out negative.

use std::path::{Path, PathBuf};

use scenario_quiz::bank::fingerprint::{bank_hash, question_hash};
use scenario_quiz::bank::{AnswerKey, Bank, Question, load, read_files};
use scenario_quiz::engine::describe::response_text;
use scenario_quiz::engine::shuffle::SeededRng;
use scenario_quiz::engine::{Response, grade};
use scenario_quiz::results::{
    AnswerEntry, BankRef, FORMAT, FORMAT_VERSION, HowItEnded, ResultFile,
};

pub(crate) const BANK: &str = "tests/fixtures/class.yaml";
/// The question whose key is wrong.
pub(crate) const BAD: &str = "entry-into-force";
/// The choice that is actually right on the bad question (December 2024).
const BAD_TRUTH: usize = 1;

pub(crate) fn bank() -> Bank {
    let loaded = load(&read_files(&[PathBuf::from(BANK)]).unwrap());
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.banks.into_iter().next().unwrap()
}

/// Writes `students` results files into `dir` and returns their paths. The same `seed` always
/// writes the same files.
pub(crate) fn write_class(dir: &Path, students: usize, seed: u64) -> Vec<PathBuf> {
    let bank = bank();
    let mut rng = SeededRng::new(seed);
    (0..students)
        .map(|i| {
            // Abilities spread evenly from 0.05 to 0.95.
            let ability = 0.05 + 0.9 * i as f64 / (students.max(2) - 1) as f64;
            let result = student(&bank, &format!("Student {:04}", i + 1), ability, &mut rng);
            let path = dir.join(format!("student-{:04}.json", i + 1));
            result.write_new(&path).unwrap();
            path
        })
        .collect()
}

/// One student's results file.
pub(crate) fn student(bank: &Bank, name: &str, ability: f64, rng: &mut SeededRng) -> ResultFile {
    let answers: Vec<AnswerEntry> = bank
        .questions
        .iter()
        .map(|q| {
            let response = respond(q, ability, rng);
            entry(bank, q, response, 10.0 + rng.below(50) as f64)
        })
        .collect();
    result_file(bank, name, answers)
}

/// A finished exam of `bank` with these answers.
pub(crate) fn result_file(bank: &Bank, name: &str, answers: Vec<AnswerEntry>) -> ResultFile {
    ResultFile {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        name: Some(name.into()),
        seed: 2024,
        mode: "exam".into(),
        started_at: "2025-03-03T09:00:00Z".into(),
        finished_at: "2025-03-03T09:20:00Z".into(),
        ending: HowItEnded::Finished,
        joined_at: None,
        banks: vec![BankRef {
            id: bank.id.clone(),
            version: bank.version,
            title: bank.title.clone(),
            bank_hash: Some(bank_hash(bank)),
        }],
        questions_planned: answers.len(),
        score: answers.iter().map(|a| a.points).sum(),
        max_score: answers.iter().map(|a| a.max_points).sum(),
        answers,
        shuffle_per_student: true,
        asked: Vec::new(),
        walks: Vec::new(),
    }
}

/// A graded answer, as `ResultFile::new` records it.
pub(crate) fn entry(bank: &Bank, q: &Question, response: Response, seconds: f64) -> AnswerEntry {
    let graded = grade(q, &response);
    AnswerEntry {
        bank: bank.id.clone(),
        question: q.id.clone(),
        kind: q.kind().name().into(),
        tags: q.tags.clone(),
        answer_text: response_text(q, &response),
        response,
        points: graded.earned,
        max_points: graded.max,
        seconds,
        question_hash: Some(question_hash(bank, q)),
        confidence: None,
    }
}

fn chance(rng: &mut SeededRng) -> f64 {
    rng.below(1_000_000) as f64 / 1_000_000.0
}

/// The item response model: right with probability 1 / (1 + e^(−8 (ability − difficulty))).
fn knows(ability: f64, q: &Question, rng: &mut SeededRng) -> bool {
    let difficulty = 0.2 * f64::from(q.difficulty) - 0.1;
    chance(rng) < 1.0 / (1.0 + (-8.0 * (ability - difficulty)).exp())
}

fn respond(q: &Question, ability: f64, rng: &mut SeededRng) -> Response {
    let knows = knows(ability, q, rng);
    match &q.key {
        AnswerKey::Single { choices } if q.id == BAD => {
            if knows {
                Response::Choice(BAD_TRUTH)
            } else {
                Response::Choice(rng.below(choices.len() as u64) as usize)
            }
        }
        AnswerKey::Single { choices } => {
            let keyed = choices.iter().position(|c| c.correct).unwrap();
            if knows {
                Response::Choice(keyed)
            } else {
                // Most wrong answers go to the first distractor: a shared misconception.
                let wrong: Vec<usize> = (0..choices.len()).filter(|&i| i != keyed).collect();
                let pick = if chance(rng) < 0.6 {
                    0
                } else {
                    rng.below(wrong.len() as u64) as usize
                };
                Response::Choice(wrong[pick])
            }
        }
        AnswerKey::TrueFalse { answer } => Response::Bool(if knows { *answer } else { !*answer }),
        other => panic!("the fixture bank has no {:?} question", other.kind()),
    }
}
