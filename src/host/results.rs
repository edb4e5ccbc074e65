//! One results file per student at the end of a class, in the format `quiz play --exam --out`
//! writes, so that `quiz report DIR` reads a live class like any other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::class::Class;
use crate::error::Error;
use crate::results::ResultFile;

/// What writing the results did.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// The file written for each seat, by token.
    pub files: BTreeMap<String, String>,
    /// The students whose file could not be written, each with why.
    pub failed: Vec<(String, Error)>,
}

/// Writes every student's file into `folder`, as many as can be: one that fails (a full disk)
/// does not stop the others. A seat in `earlier` (the files this class wrote when it was
/// paused) has its file written over; any other file already there is never replaced: the name
/// gets a number instead.
pub(crate) fn write_all(
    class: &Class,
    folder: &Path,
    finished_at: &str,
    earlier: &BTreeMap<String, String>,
) -> Written {
    let mut written = Written::default();
    for seat in class.seats() {
        let outcome = class.outcome(seat);
        let mut result = ResultFile::new(
            &outcome,
            class.seed,
            Some(seat.name.clone()),
            class.started_at.clone(),
            finished_at.to_owned(),
        );
        result.shuffle_per_student = false;
        let path = match earlier.get(seat.token()).filter(|name| is_file_name(name)) {
            Some(name) => {
                let path = folder.join(name);
                write_over(&result, &path).map(|()| path)
            }
            None => write_new_name(&result, folder, &file_stem(&seat.name)),
        };
        match path {
            Ok(path) => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                written
                    .files
                    .insert(seat.token().to_owned(), name.into_owned());
            }
            Err(error) => {
                // The file of a pause, if any, is still the one to write over next time.
                if let Some(name) = earlier.get(seat.token()) {
                    written.files.insert(seat.token().to_owned(), name.clone());
                }
                written.failed.push((seat.name.clone(), error));
            }
        }
    }
    written
}

/// Replaces the file a pause of this class wrote, at once: a reader sees the old file or the new.
fn write_over(result: &ResultFile, path: &Path) -> Result<(), Error> {
    crate::files::write_atomically(
        path,
        result.to_json().as_bytes(),
        crate::files::Existing::Replace,
    )
}

/// A results file's name as the host gives them: a journal edited by hand cannot send a
/// write anywhere else than the results folder.
fn is_file_name(name: &str) -> bool {
    let path = Path::new(name);
    path.file_name().is_some_and(|n| n == name)
        && path.extension().is_some_and(|e| e == "json")
        && !name.starts_with('.')
}

fn write_new_name(result: &ResultFile, folder: &Path, stem: &str) -> Result<PathBuf, Error> {
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.json")
        } else {
            format!("{stem}-{n}.json")
        };
        let path = folder.join(name);
        match result.write_new(&path) {
            Ok(()) => return Ok(path),
            Err(Error::OutputExists(_)) => {}
            Err(error) => return Err(error),
        }
    }
    unreachable!("some numbered name is free")
}

/// A file name from a student's name: letters and digits kept, anything else a dash.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "student".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::{file_stem, is_file_name};

    #[test]
    fn a_file_written_over_is_one_of_the_folder_s_results_files() {
        assert!(is_file_name("Ana.json"));
        assert!(is_file_name("Ana-2.json"));
        assert!(!is_file_name("../Ana.json"));
        assert!(!is_file_name("/etc/passwd"));
        assert!(!is_file_name("journal.jsonl"));
        assert!(!is_file_name(".Ana.json"));
    }

    #[test]
    fn file_names_come_from_names_without_paths_or_dots() {
        assert_eq!(file_stem("Ana María"), "Ana-María");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("<script>"), "script");
        assert_eq!(file_stem("..."), "student");
    }
}
