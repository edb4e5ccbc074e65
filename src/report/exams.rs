//! One report is about one exam: the same questions drawn with the same seed. Results files of
//! other exams are told apart here, so that a report never mixes them without being asked.

use std::collections::BTreeSet;

use super::ingest::{Attempt, Class, note_mixed_banks};
use crate::results::ResultFile;

/// What makes two results files the same exam.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ExamKey {
    seed: u64,
    planned: usize,
    /// `bank`, `question` and content hash of each question asked: in the order asked, or
    /// sorted when each student had an order of their own. Empty in older files.
    questions: Vec<(String, String, String)>,
    /// `bank`, `scenario` and scenario hash of each branching scenario walked, sorted.
    scenarios: Vec<(String, String, String)>,
}

impl ExamKey {
    fn of(result: &ResultFile) -> Self {
        let mut questions: Vec<(String, String, String)> = result
            .asked
            .iter()
            .map(|q| (q.bank.clone(), q.question.clone(), q.question_hash.clone()))
            .collect();
        if result.shuffle_per_student {
            questions.sort();
        }
        let mut scenarios: Vec<(String, String, String)> = result
            .walks
            .iter()
            .map(|w| {
                let hash = w.scenario_hash.clone().unwrap_or_default();
                (w.bank.clone(), w.scenario.clone(), hash)
            })
            .collect();
        scenarios.sort();
        ExamKey {
            // The seed draws the questions; walks of branching scenarios alone take from it
            // only the order their choices are shown in, which every student may have of
            // their own.
            seed: if result.questions_planned == 0 {
                0
            } else {
                result.seed
            },
            planned: result.questions_planned,
            questions,
            scenarios,
        }
    }

    /// An older file, which records only what was answered, fits an exam whose files record
    /// their questions if its seed, size and every answer agree with it.
    fn takes_older(&self, result: &ResultFile) -> bool {
        let asked: BTreeSet<(&str, &str)> = self
            .questions
            .iter()
            .map(|(bank, question, _)| (bank.as_str(), question.as_str()))
            .collect();
        self.seed == result.seed
            && self.scenarios.is_empty()
            && self.planned == result.questions_planned
            && result
                .answers
                .iter()
                .all(|a| asked.contains(&(a.bank.as_str(), a.question.as_str())))
    }
}

/// The class split into one class per exam, the exams in the order their first file was found.
/// The notes about the files stay with the first.
pub(crate) fn split_by_exam(class: Class) -> Vec<Class> {
    let Class {
        attempts,
        notes,
        files,
    } = class;
    let (recorded, older): (Vec<Attempt>, Vec<Attempt>) = attempts
        .into_iter()
        .partition(|a| !a.result.asked.is_empty() || !a.result.walks.is_empty());
    let mut exams: Vec<(ExamKey, Vec<Attempt>)> = Vec::new();
    for attempt in recorded {
        let key = ExamKey::of(&attempt.result);
        match exams.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(attempt),
            None => exams.push((key, vec![attempt])),
        }
    }
    for attempt in older {
        let fits = |k: &ExamKey| {
            if k.questions.is_empty() {
                k.seed == attempt.result.seed
                    && k.scenarios.is_empty()
                    && k.planned == attempt.result.questions_planned
            } else {
                k.takes_older(&attempt.result)
            }
        };
        match exams.iter_mut().find(|(k, _)| fits(k)) {
            Some((_, group)) => group.push(attempt),
            None => exams.push((ExamKey::of(&attempt.result), vec![attempt])),
        }
    }
    let mut classes: Vec<Class> = exams
        .into_iter()
        .map(|(_, attempts)| Class {
            files: attempts.len(),
            attempts,
            notes: Vec::new(),
        })
        .collect();
    if let Some(first) = classes.first_mut() {
        first.notes = notes;
        first.files = files;
    }
    for class in &mut classes {
        note_mixed_banks(class);
    }
    classes
}

/// One exam in a few words: its seed, its size and its files, for a heading or an error.
pub(crate) fn describe(class: &Class) -> String {
    let Some(first) = class.attempts.first() else {
        return String::new();
    };
    let files: Vec<String> = class
        .attempts
        .iter()
        .map(|a| format!("`{}`", a.file.display()))
        .collect();
    let result = &first.result;
    let mut what = Vec::new();
    if result.questions_planned > 0 || result.walks.is_empty() {
        what.push(format!(
            "seed {}, {}",
            result.seed,
            crate::text::count(result.questions_planned, "question")
        ));
    }
    let scenarios: Vec<String> = result
        .walks
        .iter()
        .map(|w| format!("`{}/{}`", w.bank, w.scenario))
        .collect();
    if !scenarios.is_empty() {
        let noun = if scenarios.len() == 1 {
            "branching scenario"
        } else {
            "branching scenarios"
        };
        what.push(format!("{noun} {}", scenarios.join(", ")));
    }
    format!(
        "{} · {}",
        what.join(", "),
        crate::text::for_terminal(&files.join(", "))
    )
}
