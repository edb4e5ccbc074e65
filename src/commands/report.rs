use std::io::Write;
use std::path::Path;

use crate::bank::{self, Bank};
use crate::cli::ReportArgs;
use crate::error::Error;
use crate::report::{self, analysis, csv, html, text};

/// Prints the report; notes about the files go to stderr so that stdout stays the report.
pub fn report(args: &ReportArgs) -> Result<i32, Error> {
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
    print!("{}", text::render(&report));
    if let Some(path) = &args.csv {
        write_replacing(path, csv::render(&report).as_bytes())?;
        println!("\nCSV written to {}", path.display());
    }
    if let Some(path) = &args.html {
        write_replacing(path, html::render(&report).as_bytes())?;
        println!("\nHTML written to {}", path.display());
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

/// A report is derived data: rewriting it is expected, so it replaces an older one, atomically.
fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temp, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    renamed.map_err(fail)
}
