use std::path::PathBuf;

use super::output::say;
use serde::Serialize;

use super::bank_files;
use super::check_sarif;
use super::output::print_out;
use crate::bank::citations::{SourceText, check_citations};
use crate::bank::coverage::{Coverage, coverage, render};
use crate::bank::diagnostic::Lint;
use crate::bank::{self, BankFile, Diagnostic, annotate};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Error;
use crate::lint;

/// What `--format json` prints: the counts and every diagnostic.
#[derive(Debug, Serialize)]
struct Report<'a> {
    ok: bool,
    files: usize,
    banks: usize,
    questions: usize,
    errors: usize,
    warnings: usize,
    /// Notes never fail a check, even with `--deny-warnings`.
    notes: usize,
    diagnostics: Vec<Ranged<'a>>,
    /// With `--coverage`: one report per source.
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<Vec<Coverage>>,
}

/// A diagnostic with the end of the text it points at, for editors that underline a range.
#[derive(Debug, Serialize)]
pub(super) struct Ranged<'a> {
    #[serde(flatten)]
    pub(super) diagnostic: &'a Diagnostic,
    pub(super) end_line: u64,
    /// The column just after the last character of the range.
    pub(super) end_column: u64,
}

/// Validates, lints and (with `--source`) checks citations; prints every problem.
/// Exit 1 on errors, or on warnings with `--deny-warnings`.
pub(super) fn check(args: &CheckArgs) -> Result<i32, Error> {
    let texts = source_texts(&args.sources)?;
    let files = bank_files(&args.banks)?;
    let mut loaded = bank::load(&files);
    let mut problems = std::mem::take(&mut loaded.problems);
    // A question with an error is left out of its bank, so "unused" would be a false alarm there.
    let broken: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.file.clone())
        .collect();
    let counts_what_is_used = |p: &Diagnostic| {
        !(broken.contains(&p.file)
            && matches!(
                p.lint,
                Some(Lint::UnusedScenario | Lint::UnusedSource | Lint::SingleUseTag)
            ))
    };
    problems.extend(
        lint::lint_at(&loaded.banks, &loaded.spots)
            .into_iter()
            .filter(counts_what_is_used),
    );
    problems.extend(check_citations(&loaded.banks, &loaded.spots, &texts));
    // Errors before warnings at the same place; the sort is stable, so the order found is kept.
    problems.sort_by(|a, b| (&a.file, a.line, a.severity).cmp(&(&b.file, b.line, b.severity)));
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let notes = problems.iter().filter(|p| p.is_note()).count();
    let warnings = problems.len() - errors - notes;
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    let ends = annotate::ends(&problems, &files);
    let report = Report {
        ok: !failed,
        files: files.len(),
        banks: loaded.banks.len(),
        questions: loaded.banks.iter().map(|b| b.questions.len()).sum(),
        errors,
        warnings,
        notes,
        diagnostics: problems
            .iter()
            .zip(ends)
            .map(|(diagnostic, (end_line, end_column))| Ranged {
                diagnostic,
                end_line,
                end_column,
            })
            .collect(),
        coverage: args
            .coverage
            .then(|| texts.iter().map(|t| coverage(&loaded.banks, t)).collect()),
    };
    match args.format {
        CheckFormat::Json => print_json(&report)?,
        CheckFormat::Sarif => print_json(&check_sarif::log(&report.diagnostics))?,
        CheckFormat::Text => print_text(&report, &problems, &files, args.deny_warnings)?,
    }
    // The process ends here: freeing a bank of thousands of questions piece by piece would take
    // a tenth of the whole check, and the system takes the memory back at once.
    std::mem::forget(report);
    std::mem::forget((problems, loaded, files));
    Ok(i32::from(failed))
}

fn print_json(report: &impl Serialize) -> Result<(), Error> {
    // Serialising plain data cannot fail; an empty line would be the only symptom.
    let json = serde_json::to_string_pretty(report).unwrap_or_default();
    print_out(format!("{json}\n").as_bytes())
}

fn print_text(
    report: &Report,
    problems: &[Diagnostic],
    files: &[BankFile],
    deny_warnings: bool,
) -> Result<(), Error> {
    for c in report.coverage.iter().flatten() {
        print_out(format!("{}\n", render(c)).as_bytes())?;
    }
    let styled = crate::style::colours_on_stderr();
    eprint!("{}", annotate::render_all(problems, files, styled));
    // Notes are counted only when there are some, so that most summaries stay as they were.
    let notes = match report.notes {
        0 => String::new(),
        n => format!(", {n} note(s)"),
    };
    let counts = format!(
        "{} error(s), {} warning(s){notes} in {} file(s)",
        report.errors, report.warnings, report.files
    );
    if report.ok {
        say!(
            "ok: {} bank(s), {} question(s), {} warning(s){notes} in {} file(s)",
            report.banks,
            report.questions,
            report.warnings,
            report.files
        )?;
    } else if report.errors == 0 && deny_warnings {
        eprintln!("{counts}; warnings are denied (--deny-warnings)");
    } else {
        eprintln!("{counts}");
    }
    Ok(())
}

/// Reads every `--source [ID=]FILE`.
fn source_texts(specs: &[String]) -> Result<Vec<SourceText>, Error> {
    specs
        .iter()
        .map(|spec| {
            let (id, path) = match spec.split_once('=') {
                Some((id, path)) if is_plain_id(id) => (Some(id.to_owned()), path),
                _ => (None, spec.as_str()),
            };
            let path = PathBuf::from(path);
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            Ok(SourceText {
                id,
                name: path.display().to_string(),
                text,
            })
        })
        .collect()
}

fn is_plain_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_may_be_tied_to_one_source_id() {
        assert!(is_plain_id("article"));
        assert!(!is_plain_id("notes/a"));
        assert!(!is_plain_id(""));
    }
}
