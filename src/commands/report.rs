use super::output::say;
use crate::bank::{self, Bank};
use crate::cli::ReportArgs;
use crate::error::Error;
use crate::files::{Existing, write_atomically};
use crate::report::{self, analysis, csv, html, text};

/// Prints the report; notes about the files go to stderr so that stdout stays the report.
pub(super) fn report(args: &ReportArgs) -> Result<i32, Error> {
    let class = report::read_class(&args.paths)?;
    if class.attempts.is_empty() {
        for note in &class.notes {
            eprintln!("warning: {note}");
        }
        return Err(Error::NoResults(format!(
            "none of the {} file(s) found is a usable results file",
            class.files
        )));
    }
    let banks = naming_banks(&args.banks)?;
    let report = analysis::analyse(class, &banks, args.pass);
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    super::output::print_out(text::render(&report).as_bytes())?;
    if let Some(path) = &args.csv {
        // A report is derived data: rerunning it replaces the older one.
        write_atomically(path, csv::render(&report).as_bytes(), Existing::Replace)?;
        say!("\nCSV written to {}", path.display())?;
    }
    if let Some(path) = &args.html {
        write_atomically(path, html::render(&report).as_bytes(), Existing::Replace)?;
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
