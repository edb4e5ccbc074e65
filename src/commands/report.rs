use std::path::{Path, PathBuf};

use super::output::say;
use crate::bank::{self, Bank};
use crate::cli::ReportArgs;
use crate::error::Error;
use crate::files::{Existing, write_atomically};
use crate::report::{self, analysis, csv, exams, html, text};
use crate::text::for_terminal;

/// Prints the report; notes about the files go to stderr so that stdout stays the report.
pub(super) fn report(args: &ReportArgs) -> Result<i32, Error> {
    check_outputs(args)?;
    let class = report::read_class(&args.paths)?;
    if class.attempts.is_empty() {
        for note in &class.notes {
            eprintln!("warning: {}", for_terminal(&note.to_string()));
        }
        return Err(Error::NoResults(format!(
            "none of the {} file(s) found is a usable results file",
            class.files
        )));
    }
    let exams = exams::split_by_exam(class);
    if exams.len() > 1 && !args.mixed {
        let list: Vec<String> = exams
            .iter()
            .enumerate()
            .map(|(i, exam)| format!("  exam {}: {}", i + 1, exams::describe(exam)))
            .collect();
        return Err(Error::MixedExams {
            count: exams.len(),
            exams: list.join("\n"),
        });
    }
    let banks = naming_banks(&args.banks)?;
    let count = exams.len();
    let reports: Vec<(Option<String>, analysis::Report)> = exams
        .into_iter()
        .enumerate()
        .map(|(i, exam)| {
            let heading = (count > 1)
                .then(|| format!("Exam {} of {count} · {}", i + 1, exams::describe(&exam)));
            (
                heading,
                analysis::analyse(exam, &banks, args.pass, args.excuse_late),
            )
        })
        .collect();
    for (_, report) in &reports {
        for note in &report.notes {
            eprintln!("warning: {}", for_terminal(&note.to_string()));
        }
    }
    let mut shown = String::new();
    for (heading, report) in &reports {
        if let Some(heading) = heading {
            shown.push_str(&format!("\n{}\n", text::exam_heading(heading)));
        }
        shown.push_str(&text::render(report));
    }
    super::output::print_out(shown.as_bytes())?;
    if let Some(path) = &args.csv {
        // A report is derived data: rerunning it replaces the older one.
        write_atomically(path, csv::render(&reports).as_bytes(), Existing::Replace)?;
        say!("\nCSV written to {}", path.display())?;
    }
    if let Some(path) = &args.html {
        write_atomically(path, html::render(&reports).as_bytes(), Existing::Replace)?;
        say!("\nHTML written to {}", path.display())?;
    }
    Ok(0)
}

/// The banks that name the choices. Problems in them do not stop a report: what loads is used.
fn naming_banks(paths: &[std::path::PathBuf]) -> Result<Vec<Bank>, Error> {
    let files = if paths.is_empty() {
        bank::built_in_files()
    } else {
        bank::read_files(paths)?
    };
    Ok(bank::load(&files).banks)
}

/// Refuses, before anything is read or written, an output that is one of the results files read
/// (a student's work would be replaced by the report) or that is named for both --csv and --html.
fn check_outputs(args: &ReportArgs) -> Result<(), Error> {
    let outputs: Vec<(&str, &Path)> = [("--csv", &args.csv), ("--html", &args.html)]
        .into_iter()
        .filter_map(|(flag, path)| path.as_deref().map(|p| (flag, p)))
        .collect();
    if outputs.is_empty() {
        return Ok(());
    }
    if let [(_, csv), (_, html)] = outputs[..]
        && resolved(csv) == resolved(html)
    {
        return Err(Error::Usage(format!(
            "--csv and --html both name `{}`; one would overwrite the other (name two files)",
            csv.display()
        )));
    }
    let inputs = crate::files::expand(&args.paths, &["json"], "results files")?;
    for (flag, output) in outputs {
        let output_resolved = resolved(output);
        if inputs
            .iter()
            .any(|input| resolved(input) == output_resolved)
        {
            return Err(Error::Usage(format!(
                "{flag} `{}` is one of the results files the report reads; \
                 name a file outside them (nothing was written)",
                output.display()
            )));
        }
    }
    Ok(())
}

/// The path with links and `..` resolved, as far as it exists, so that two names of one file
/// compare equal.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    let folder = crate::files::folder_of(path);
    match (std::fs::canonicalize(folder), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}
