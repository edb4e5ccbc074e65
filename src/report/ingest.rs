//! Reading a class's results files. Every file is accounted for and none stops the report: what
//! cannot be used is skipped with a note saying why.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Note;
use crate::error::Error;
use crate::results::{FORMAT, FORMAT_VERSION, ResultFile, WalkEntry};
use crate::text::{make_safe_for_terminal, normalize_text};

/// Far above any real results file; bounds the memory a stray file can take.
pub(crate) const MAX_RESULT_BYTES: u64 = 16 * 1024 * 1024;

/// One student's results file, accepted into the report.
#[derive(Debug, Clone)]
pub(crate) struct Attempt {
    pub file: PathBuf,
    /// The name in the file, or the file's name when it has none.
    pub name: String,
    pub result: ResultFile,
}

#[derive(Debug, Default)]
pub(crate) struct Class {
    pub attempts: Vec<Attempt>,
    pub notes: Vec<Note>,
    /// How many files were looked at, used or not.
    pub files: usize,
}

/// Reads every results file named or found in the folders named (`*.json`, recursively).
pub(crate) fn read_class(paths: &[PathBuf]) -> Result<Class, Error> {
    let files = crate::files::expand(paths, &["json"], "results files")?;
    let mut class = Class {
        files: files.len(),
        ..Class::default()
    };
    for file in files {
        match read_result(&file) {
            Ok(result) => class.attempts.push(attempt(file, result, &mut class.notes)),
            Err(why) => class.notes.push(Note::Skipped {
                file,
                why: why.to_string(),
            }),
        }
    }
    drop_duplicates(&mut class);
    Ok(class)
}

/// Why a file given as results cannot be used, in a few words said after its name.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Unusable {
    #[error("cannot be read ({0})")]
    Unreadable(std::io::Error),
    #[error("is {0} bytes, too large to be a results file")]
    TooLarge(u64),
    #[error("is not valid JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("is a `{0}` file, not quiz results")]
    OtherFormat(String),
    #[error("is not a quiz results file (it has no `format`)")]
    NoFormat,
    #[error(
        "was written by a newer quiz (format version {0}; this one reads up to {FORMAT_VERSION})"
    )]
    Newer(u64),
    /// What is missing or of the wrong type, as the JSON reader says it.
    #[error("is a damaged results file ({0})")]
    Damaged(serde_json::Error),
    #[error("has an impossible score ({points} of {max} points on `{question}`)")]
    ImpossibleScore {
        points: f64,
        max: f64,
        question: String,
    },
    #[error("has an impossible time ({seconds} seconds on `{question}`)")]
    ImpossibleTime { seconds: f64, question: String },
    #[error("has {answers} answers but only {planned} questions planned")]
    MoreAnswersThanPlanned { answers: usize, planned: usize },
    #[error("plans {0} questions, more than any quiz asks")]
    TooManyPlanned(usize),
    #[error("has an impossible score ({score} of {best} points on scenario `{scenario}`)")]
    ImpossibleWalk {
        score: f64,
        best: f64,
        scenario: String,
    },
    #[error("records a path longer than any scenario has (scenario `{0}`)")]
    PathTooLong(String),
    #[error("has an impossible decision at step `{step}` of scenario `{scenario}`")]
    ImpossibleDecision { step: String, scenario: String },
    #[error("records {asked} questions asked but {planned} planned")]
    AskedNotPlanned { asked: usize, planned: usize },
    #[error("has an impossible score ({points} points for `{question}`)")]
    ImpossiblePoints { points: f64, question: String },
    #[error("records question `{0}` twice")]
    AskedTwice(String),
    #[error("has an answer to `{0}`, a question it does not record as asked")]
    AnswerNotAsked(String),
    #[error("says the student joined at question {joined} of {planned}")]
    JoinedOutside { joined: usize, planned: usize },
}

/// A results file, or why this file cannot be used.
pub(crate) fn read_result(path: &Path) -> Result<ResultFile, Unusable> {
    let size = std::fs::metadata(path).map_err(Unusable::Unreadable)?.len();
    if size > MAX_RESULT_BYTES {
        return Err(Unusable::TooLarge(size));
    }
    let bytes = std::fs::read(path).map_err(Unusable::Unreadable)?;
    parse_result(&bytes)
}

pub(crate) fn parse_result(bytes: &[u8]) -> Result<ResultFile, Unusable> {
    // Editors on Windows may start a file with a byte-order mark; JSON has no room for one.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Unusable::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(Unusable::OtherFormat(other.to_owned())),
        None => return Err(Unusable::NoFormat),
    }
    let version = value
        .get("format_version")
        .and_then(serde_json::Value::as_u64);
    if let Some(newer) = version.filter(|v| *v > u64::from(FORMAT_VERSION)) {
        return Err(Unusable::Newer(newer));
    }
    let mut result = ResultFile::deserialize(value).map_err(Unusable::Damaged)?;
    check_values(&result)?;
    first_answers_only(&mut result);
    make_result_safe(&mut result);
    Ok(result)
}

/// Anyone can hand in a results file: its texts pass through `text::for_terminal` as they are
/// read, so that the report never prints a raw escape sequence or bidirectional override.
fn make_result_safe(result: &mut ResultFile) {
    let fix = |text: &mut String| {
        make_safe_for_terminal(text);
    };
    if let Some(name) = &mut result.name {
        fix(name);
    }
    for text in [
        &mut result.mode,
        &mut result.started_at,
        &mut result.finished_at,
    ] {
        fix(text);
    }
    for asked in &mut result.asked {
        for text in [
            &mut asked.bank,
            &mut asked.question,
            &mut asked.kind,
            &mut asked.prompt,
            &mut asked.key,
        ] {
            fix(text);
        }
        asked.scenario.iter_mut().for_each(fix);
        asked.tags.iter_mut().for_each(fix);
        asked.choices.iter_mut().for_each(|c| fix(&mut c.text));
    }
    for walk in &mut result.walks {
        make_walk_safe(walk);
    }
    for bank in &mut result.banks {
        fix(&mut bank.id);
        fix(&mut bank.title);
    }
    for answer in &mut result.answers {
        for text in [
            &mut answer.bank,
            &mut answer.question,
            &mut answer.kind,
            &mut answer.answer_text,
        ] {
            fix(text);
        }
        answer.tags.iter_mut().for_each(fix);
        if let crate::engine::Response::Text(text) = &mut answer.response {
            fix(text);
        }
    }
}

fn make_walk_safe(walk: &mut WalkEntry) {
    let fix = |text: &mut String| {
        make_safe_for_terminal(text);
    };
    fix(&mut walk.bank);
    fix(&mut walk.scenario);
    walk.ending.iter_mut().for_each(fix);
    walk.rating.iter_mut().for_each(fix);
    walk.best_path.iter_mut().for_each(fix);
    walk.scenario_hash.iter_mut().for_each(fix);
    for decision in &mut walk.path {
        for text in [
            &mut decision.step,
            &mut decision.kind,
            &mut decision.answer_text,
            &mut decision.quality,
            &mut decision.next,
        ] {
            fix(text);
        }
        if let crate::engine::Response::Text(text) = &mut decision.response {
            fix(text);
        }
    }
}

/// No question is worth more: far above any bank's points, and small enough that a class's
/// sums stay exact.
pub(crate) const MAX_POINTS: f64 = 1_000_000.0;

/// No answer takes longer: a year, in seconds.
pub(crate) const MAX_SECONDS: f64 = 365.0 * 24.0 * 3600.0;

/// Values that no quiz could have written would poison every statistic: points between 0 and
/// the question's maximum (at most [`MAX_POINTS`]), times between 0 and [`MAX_SECONDS`], and
/// no more answers than questions planned.
fn check_values(result: &ResultFile) -> Result<(), Unusable> {
    for answer in &result.answers {
        let possible = (0.0..=MAX_POINTS).contains(&answer.max_points)
            && (0.0..=answer.max_points + 1e-9).contains(&answer.points);
        if !possible {
            return Err(Unusable::ImpossibleScore {
                points: answer.points,
                max: answer.max_points,
                question: answer.question.clone(),
            });
        }
        if !(0.0..=MAX_SECONDS).contains(&answer.seconds) {
            return Err(Unusable::ImpossibleTime {
                seconds: answer.seconds,
                question: answer.question.clone(),
            });
        }
    }
    if result.answers.len() > result.questions_planned {
        return Err(Unusable::MoreAnswersThanPlanned {
            answers: result.answers.len(),
            planned: result.questions_planned,
        });
    }
    // The quiz plans from banks of at most a few thousand questions each; a plan this large
    // is not one it made. Each distinct question answered counts towards it.
    if result.questions_planned > MAX_PLANNED {
        return Err(Unusable::TooManyPlanned(result.questions_planned));
    }
    check_asked(result)?;
    result.walks.iter().try_for_each(check_walk)
}

/// No walk is longer: far above the longest path a bank's checks let through.
const MAX_DECISIONS: usize = 100_000;

/// A walk's score lies between 0 and its best path's, and each decision's points and time are
/// ones a quiz could have recorded.
fn check_walk(walk: &WalkEntry) -> Result<(), Unusable> {
    let possible = (0.0..=MAX_POINTS).contains(&walk.best_score)
        && (0.0..=walk.best_score + 1e-9).contains(&walk.score);
    if !possible {
        return Err(Unusable::ImpossibleWalk {
            score: walk.score,
            best: walk.best_score,
            scenario: walk.scenario.clone(),
        });
    }
    if walk.path.len() > MAX_DECISIONS || walk.best_path.len() > MAX_DECISIONS {
        return Err(Unusable::PathTooLong(walk.scenario.clone()));
    }
    for decision in &walk.path {
        if !(0.0..=MAX_POINTS).contains(&decision.points)
            || !(0.0..=MAX_SECONDS).contains(&decision.seconds)
        {
            return Err(Unusable::ImpossibleDecision {
                step: decision.step.clone(),
                scenario: walk.scenario.clone(),
            });
        }
    }
    Ok(())
}

/// The questions asked, when recorded, are the questions planned, each once with possible
/// points, and every answer is to one of them.
fn check_asked(result: &ResultFile) -> Result<(), Unusable> {
    if result.asked.is_empty() {
        return Ok(());
    }
    if result.asked.len() != result.questions_planned {
        return Err(Unusable::AskedNotPlanned {
            asked: result.asked.len(),
            planned: result.questions_planned,
        });
    }
    let mut seen = std::collections::HashSet::new();
    for asked in &result.asked {
        if !(0.0..=MAX_POINTS).contains(&asked.points) {
            return Err(Unusable::ImpossiblePoints {
                points: asked.points,
                question: asked.question.clone(),
            });
        }
        if !seen.insert((asked.bank.as_str(), asked.question.as_str())) {
            return Err(Unusable::AskedTwice(asked.question.clone()));
        }
    }
    if let Some(answer) = result
        .answers
        .iter()
        .find(|a| !seen.contains(&(a.bank.as_str(), a.question.as_str())))
    {
        return Err(Unusable::AnswerNotAsked(answer.question.clone()));
    }
    // A student who came after the last question was revealed joined "at" the one after it.
    if let Some(joined) = result.joined_at
        && !(1..=result.questions_planned + 1).contains(&joined)
    {
        return Err(Unusable::JoinedOutside {
            joined,
            planned: result.questions_planned,
        });
    }
    Ok(())
}

/// More questions than a results file can plan.
const MAX_PLANNED: usize = 1_000_000;

/// A question answered more than once in one file counts once, with its first answer; the
/// score is summed again from what is kept.
fn first_answers_only(result: &mut ResultFile) {
    let mut seen = std::collections::HashSet::new();
    let before = result.answers.len();
    result
        .answers
        .retain(|a| seen.insert((a.bank.clone(), a.question.clone())));
    if result.answers.len() != before {
        let walked: f64 = result.walks.iter().map(|w| w.score).sum();
        result.score = result.answers.iter().map(|a| a.points).sum::<f64>() + walked;
        if result.asked.is_empty() {
            let best: f64 = result.walks.iter().map(|w| w.best_score).sum();
            result.max_score = result.answers.iter().map(|a| a.max_points).sum::<f64>() + best;
        }
    }
}

fn attempt(file: PathBuf, result: ResultFile, notes: &mut Vec<Note>) -> Attempt {
    let given = result.name.as_deref().map_or("", str::trim);
    let name = if given.is_empty() {
        let stem = file.file_stem().map_or_else(
            || "?".into(),
            |s| crate::text::for_terminal(&s.to_string_lossy()).into_owned(),
        );
        notes.push(Note::Unnamed {
            file: file.clone(),
            name: stem.clone(),
        });
        stem
    } else {
        given.to_owned()
    };
    Attempt { file, name, result }
}

/// Names are compared as short answers are, so "Ana" and "ana " are one student.
pub(crate) fn student_key(name: &str) -> String {
    let key = normalize_text(name);
    if key.is_empty() {
        name.to_lowercase()
    } else {
        key
    }
}

/// Keeps each student's first attempt: later ones were taken knowing the questions, which item
/// analysis assumes did not happen (Moodle's statistics also use the first attempt by default).
fn drop_duplicates(class: &mut Class) {
    let mut by_student: BTreeMap<String, Vec<Attempt>> = BTreeMap::new();
    for attempt in class.attempts.drain(..) {
        by_student
            .entry(student_key(&attempt.name))
            .or_default()
            .push(attempt);
    }
    for (_, mut attempts) in by_student {
        attempts
            .sort_by(|a, b| (&a.result.started_at, &a.file).cmp(&(&b.result.started_at, &b.file)));
        let mut attempts = attempts.into_iter();
        let Some(kept) = attempts.next() else {
            continue;
        };
        for skipped in attempts {
            class.notes.push(Note::Duplicate {
                name: kept.name.clone(),
                kept: kept.file.clone(),
                skipped: skipped.file,
            });
        }
        class.attempts.push(kept);
    }
}

/// Notes a bank whose version differs between the files of one exam.
pub(crate) fn note_mixed_banks(class: &mut Class) {
    let mut seen: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for attempt in &class.attempts {
        for bank in &attempt.result.banks {
            let label = match &bank.bank_hash {
                Some(hash) => format!("version {} ({})", bank.version, short_hash(hash)),
                None => format!("version {}", bank.version),
            };
            *seen.entry(&bank.id).or_default().entry(label).or_default() += 1;
        }
    }
    let mixed: Vec<Note> = seen
        .into_iter()
        .filter(|(_, versions)| versions.len() > 1)
        .map(|(bank, versions)| Note::MixedBankVersions {
            bank: bank.to_owned(),
            versions: versions.into_iter().collect(),
        })
        .collect();
    class.notes.extend(mixed);
}

/// The first 8 hex digits: enough to tell versions apart in a note.
pub(crate) fn short_hash(hash: &str) -> &str {
    let digits = hash.rsplit(':').next().unwrap_or(hash);
    digits.get(..8).unwrap_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::HowItEnded;

    #[test]
    fn foreign_and_corrupt_files_say_what_they_are() {
        let why = |text: &str| parse_result(text.as_bytes()).unwrap_err().to_string();
        assert!(why("{not json").starts_with("is not valid JSON"));
        assert!(why("[1, 2]").contains("no `format`"));
        assert!(why(r#"{"format": "other-tool"}"#).contains("`other-tool` file"));
        assert!(
            why(r#"{"format": "scenario-quiz-result", "format_version": 99}"#)
                .contains("newer quiz")
        );
        assert!(
            why(r#"{"format": "scenario-quiz-result", "format_version": 1}"#)
                .starts_with("is a damaged results file")
        );
    }

    fn sample() -> ResultFile {
        let entry = |question: &str, points: f64| crate::results::AnswerEntry {
            bank: "b".into(),
            question: question.into(),
            kind: "single".into(),
            tags: vec![],
            response: crate::engine::Response::Choice(0),
            answer_text: "A".into(),
            points,
            max_points: 1.0,
            seconds: 2.5,
            question_hash: None,
            confidence: None,
        };
        ResultFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            name: Some("ana".into()),
            seed: 1,
            mode: "exam".into(),
            started_at: "2025-01-01T00:00:00Z".into(),
            finished_at: "2025-01-01T00:10:00Z".into(),
            ending: crate::results::HowItEnded::Finished,
            joined_at: None,
            banks: vec![crate::results::BankRef {
                id: "b".into(),
                version: 1,
                title: "B".into(),
                bank_hash: None,
            }],
            questions_planned: 2,
            score: 1.0,
            max_score: 2.0,
            answers: vec![entry("q1", 1.0), entry("q2", 0.0)],
            shuffle_per_student: false,
            asked: Vec::new(),
            walks: Vec::new(),
        }
    }

    fn parsed(edit: impl FnOnce(&mut ResultFile)) -> Result<ResultFile, String> {
        let mut result = sample();
        edit(&mut result);
        parse_result(result.to_json().as_bytes()).map_err(|why| why.to_string())
    }

    #[test]
    fn values_no_quiz_writes_are_refused() {
        assert!(parsed(|_| {}).is_ok());
        let huge = parsed(|r| {
            r.answers[0].points = 1.7e308;
            r.answers[0].max_points = 1.7e308;
        });
        assert!(huge.unwrap_err().contains("impossible score"));
        let slow = parsed(|r| r.answers[0].seconds = 1e308);
        assert!(slow.unwrap_err().contains("impossible time"));
        let negative = parsed(|r| r.answers[1].seconds = -1.0);
        assert!(negative.unwrap_err().contains("impossible time"));
        let planned = parsed(|r| r.questions_planned = usize::MAX);
        assert!(planned.unwrap_err().contains("more than any quiz"));
        let fewer = parsed(|r| r.questions_planned = 1);
        assert!(fewer.unwrap_err().contains("only 1 questions planned"));
    }

    fn walk(score: f64, best_score: f64) -> WalkEntry {
        WalkEntry {
            bank: "b".into(),
            scenario: "s".into(),
            path: vec![crate::results::DecisionEntry {
                step: "first".into(),
                kind: "single".into(),
                response: crate::engine::Response::Choice(0),
                answer_text: "A".into(),
                quality: "best".into(),
                points: score,
                best_points: best_score,
                counted: true,
                next: "end".into(),
                seconds: 3.0,
            }],
            ending: Some("end".into()),
            rating: Some("best".into()),
            score,
            best_score,
            best_path: vec!["first".into(), "end".into()],
            scenario_hash: None,
            class_path: None,
        }
    }

    #[test]
    fn walks_with_scores_no_quiz_writes_are_refused() {
        assert!(parsed(|r| r.walks = vec![walk(2.0, 2.0)]).is_ok());
        let above = parsed(|r| r.walks = vec![walk(3.0, 2.0)]);
        assert!(
            above
                .unwrap_err()
                .contains("impossible score (3 of 2 points on scenario `s`)")
        );
        let negative = parsed(|r| r.walks = vec![walk(-1.0, 2.0)]);
        assert!(negative.unwrap_err().contains("impossible score"));
        let slow = parsed(|r| {
            r.walks = vec![walk(1.0, 2.0)];
            r.walks[0].path[0].seconds = -4.0;
        });
        assert!(
            slow.unwrap_err()
                .contains("impossible decision at step `first`")
        );
        // JSON has no NaN: a results file cannot carry one (serde_json writes it as null).
        let nan = parsed(|r| r.walks = vec![walk(f64::NAN, 2.0)]);
        assert!(nan.unwrap_err().starts_with("is a damaged results file"));
    }

    #[test]
    fn a_question_answered_again_in_one_file_counts_once_with_its_first_answer() {
        let result = parsed(|r| {
            r.questions_planned = 4;
            r.answers.push(r.answers[0].clone());
            r.answers.push(r.answers[0].clone());
            r.answers[2].points = 0.0;
            r.score = 2.0;
            r.max_score = 4.0;
        })
        .unwrap();
        assert_eq!(result.answers.len(), 2);
        assert_eq!(result.answers[0].points, 1.0);
        assert_eq!((result.score, result.max_score), (1.0, 2.0));
    }

    fn asked(question: &str) -> crate::results::AskedQuestion {
        crate::results::AskedQuestion {
            bank: "b".into(),
            question: question.into(),
            kind: "single".into(),
            prompt: "Which?".into(),
            points: 1.0,
            scenario: None,
            tags: vec![],
            choices: vec![],
            key: "A".into(),
            question_hash: format!("fnv1a64:{question}"),
        }
    }

    #[test]
    fn the_questions_asked_must_be_the_questions_planned_and_answered() {
        let recorded = |r: &mut ResultFile| r.asked = vec![asked("q1"), asked("q2")];
        assert!(parsed(recorded).is_ok());
        let short = parsed(|r| r.asked = vec![asked("q1")]);
        assert!(
            short
                .unwrap_err()
                .contains("1 questions asked but 2 planned")
        );
        let twice = parsed(|r| r.asked = vec![asked("q1"), asked("q1")]);
        assert!(twice.unwrap_err().contains("`q1` twice"));
        let other = parsed(|r| r.asked = vec![asked("q1"), asked("q3")]);
        assert!(other.unwrap_err().contains("does not record as asked"));
        let late = parsed(|r| {
            recorded(r);
            r.joined_at = Some(4);
        });
        assert!(late.unwrap_err().contains("joined at question 4 of 2"));
    }

    #[test]
    fn endings_of_the_first_format_are_still_read() {
        for (old, now) in [
            ("finished", HowItEnded::Finished),
            ("end_of_input", HowItEnded::StoppedEarly),
            ("stopped", HowItEnded::StoppedEarly),
            ("interrupted", HowItEnded::Interrupted),
        ] {
            let json = sample()
                .to_json()
                .replace("\"format_version\": 2", "\"format_version\": 1")
                .replace(
                    "\"ending\": \"finished\"",
                    &format!("\"ending\": \"{old}\""),
                );
            assert_eq!(parse_result(json.as_bytes()).unwrap().ending, now, "{old}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(sample().to_json().as_bytes());
        assert_eq!(parse_result(&bytes).unwrap(), sample());
    }

    #[test]
    fn student_names_match_loosely() {
        assert_eq!(student_key(" Ana María "), student_key("ana maria"));
        assert_ne!(student_key("ana"), student_key("anna"));
        assert_eq!(short_hash("fnv1a64:0123456789abcdef"), "01234567");
    }
}
