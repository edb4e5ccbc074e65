//! The report for spreadsheets: one row per student per question that counts for them (RFC 4180
//! CSV); a question not answered is a row of 0 points marked `unanswered`. Each branching
//! scenario a student walked is one row more, of kind `branching`: its path in `answer`, its
//! points out of the best path's, and the ending reached in `result`. An answer given with a
//! confidence (`--confidence`) has it, and its certainty-based mark, in the last two columns.

use super::analysis::{Report, StudentRow};
use super::ingest::Attempt;
use crate::engine::confidence::mark as certainty_mark;
use crate::results::{AnswerEntry, AskedQuestion, WalkEntry};

pub(crate) const HEADER: [&str; 19] = [
    "student",
    "file",
    "bank",
    "bank_version",
    "question",
    "kind",
    "tags",
    "answer",
    "points",
    "max_points",
    "result",
    "seconds",
    "student_percent",
    "student_passed",
    "question_hash",
    "question_number",
    "exam",
    "confidence",
    "certainty_mark",
];

/// Every exam's rows under one header; `exam` numbers them when `--mixed` gave several.
pub(crate) fn render<T>(reports: &[(T, Report)]) -> String {
    let mut out = line(HEADER.iter().map(std::string::ToString::to_string));
    for (exam, (_, report)) in reports.iter().enumerate() {
        for (attempt, row) in report.attempts.iter().zip(&report.students) {
            for (answer, asked) in counted(attempt, row) {
                out.push_str(&line(fields(report, attempt, row, answer, asked, exam + 1)));
            }
            for walk in &row.walks {
                out.push_str(&line(walk_fields(attempt, row, walk, exam + 1)));
            }
        }
    }
    out
}

/// The questions that count for the student, in the order asked, each with its answer if any.
fn counted<'a>(
    attempt: &'a Attempt,
    row: &StudentRow,
) -> Vec<(Option<&'a AnswerEntry>, Option<&'a AskedQuestion>)> {
    let result = &attempt.result;
    if result.asked.is_empty() {
        return result.answers.iter().map(|a| (Some(a), None)).collect();
    }
    result
        .asked
        .iter()
        .skip(row.excused)
        .map(|q| {
            let answer = result
                .answers
                .iter()
                .find(|a| a.bank == q.bank && a.question == q.question);
            (answer, Some(q))
        })
        .collect()
}

fn fields(
    report: &Report,
    attempt: &Attempt,
    row: &StudentRow,
    answer: Option<&AnswerEntry>,
    asked: Option<&AskedQuestion>,
    exam: usize,
) -> [String; 19] {
    let (bank, question) = match (answer, asked) {
        (Some(a), _) => (a.bank.clone(), a.question.clone()),
        (None, Some(q)) => (q.bank.clone(), q.question.clone()),
        (None, None) => Default::default(),
    };
    let version = attempt
        .result
        .banks
        .iter()
        .find(|b| b.id == bank)
        .map_or(String::new(), |b| b.version.to_string());
    let number = report
        .items
        .iter()
        .find(|i| i.bank == bank && i.question == question)
        .map_or(String::new(), |i| i.number.to_string());
    let (kind, tags, hash) = match (answer, asked) {
        (_, Some(q)) => (q.kind.clone(), q.tags.join(";"), q.question_hash.clone()),
        (Some(a), None) => (
            a.kind.clone(),
            a.tags.join(";"),
            a.question_hash.clone().unwrap_or_default(),
        ),
        (None, None) => Default::default(),
    };
    let max = asked.map_or_else(|| answer.map_or(0.0, |a| a.max_points), |q| q.points);
    let confidence = answer.and_then(|a| a.confidence);
    let mark = answer.and_then(|a| Some(certainty_mark(&a.grade(), a.confidence?)));
    [
        row.name.clone(),
        row.file.clone(),
        bank,
        version,
        question,
        kind,
        tags,
        answer.map_or(String::new(), |a| a.answer_text.clone()),
        answer.map_or(0.0, |a| a.points).to_string(),
        max.to_string(),
        answer
            .map_or("unanswered", |a| a.grade().verdict().word())
            .into(),
        answer.map_or(String::new(), |a| format!("{:.1}", a.seconds)),
        format!("{:.1}", row.percent),
        if row.passed { "yes" } else { "no" }.into(),
        hash,
        number,
        exam.to_string(),
        confidence.map_or(String::new(), |c| c.name().to_owned()),
        mark.map_or(String::new(), |m| m.to_string()),
    ]
}

/// A walk of a branching scenario as one row, as the report counts it.
fn walk_fields(attempt: &Attempt, row: &StudentRow, walk: &WalkEntry, exam: usize) -> [String; 19] {
    let version = attempt
        .result
        .banks
        .iter()
        .find(|b| b.id == walk.bank)
        .map_or(String::new(), |b| b.version.to_string());
    let result = match (&walk.ending, &walk.rating) {
        (Some(ending), Some(rating)) => format!("ending {ending} ({rating})"),
        (Some(ending), None) => format!("ending {ending}"),
        (None, _) => "stopped before an ending".to_owned(),
    };
    let seconds: f64 = walk.path.iter().map(|d| d.seconds.max(0.0)).sum();
    [
        row.name.clone(),
        row.file.clone(),
        walk.bank.clone(),
        version,
        walk.scenario.clone(),
        "branching".into(),
        String::new(),
        path(walk),
        walk.score.to_string(),
        walk.best_score.to_string(),
        result,
        format!("{seconds:.1}"),
        format!("{:.1}", row.percent),
        if row.passed { "yes" } else { "no" }.into(),
        walk.scenario_hash.clone().unwrap_or_default(),
        String::new(),
        exam.to_string(),
        String::new(),
        String::new(),
    ]
}

/// "first-move: Publish it online at once → rushed: Take it down → corrected": each step with
/// the answer given there, and the ending.
fn path(walk: &WalkEntry) -> String {
    let mut parts: Vec<String> = walk
        .path
        .iter()
        .map(|d| format!("{}: {}", d.step, d.answer_text))
        .collect();
    parts.extend(walk.ending.clone());
    parts.join(" → ")
}

fn line(fields: impl IntoIterator<Item = String>) -> String {
    let fields: Vec<String> = fields.into_iter().map(|f| field(&f)).collect();
    format!("{}\r\n", fields.join(","))
}

/// Quoted when it must be; a leading `=`, `+`, `-` or `@` is defused with a `'` so that a
/// spreadsheet never runs a student's answer as a formula.
pub(crate) fn field(value: &str) -> String {
    let defused = match value.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{value}"),
        Some('-') if value.parse::<f64>().is_err() => format!("'{value}"),
        _ => value.to_owned(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("-x"), "'-x");
    }
}
