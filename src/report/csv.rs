//! The report for spreadsheets: one row per student per question answered (RFC 4180 CSV).

use super::analysis::Report;

pub(crate) const HEADER: [&str; 15] = [
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
];

pub(crate) fn render(report: &Report) -> String {
    let mut out = line(HEADER.iter().map(std::string::ToString::to_string));
    for (attempt, row) in report.attempts.iter().zip(&report.students) {
        for answer in &attempt.result.answers {
            let version = attempt
                .result
                .banks
                .iter()
                .find(|b| b.id == answer.bank)
                .map_or(String::new(), |b| b.version.to_string());
            let result = answer.grade().verdict().word();
            out.push_str(&line([
                row.name.clone(),
                row.file.clone(),
                answer.bank.clone(),
                version,
                answer.question.clone(),
                answer.kind.clone(),
                answer.tags.join(";"),
                answer.answer_text.clone(),
                answer.points.to_string(),
                answer.max_points.to_string(),
                result.into(),
                format!("{:.1}", answer.seconds),
                format!("{:.1}", row.percent),
                if row.passed { "yes" } else { "no" }.into(),
                answer.question_hash.clone().unwrap_or_default(),
            ]));
        }
    }
    out
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
