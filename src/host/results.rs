//! One results file per student at the end of a class, in the format `quiz play --exam --out`
//! writes, so that `quiz report DIR` reads a live class like any other.

use std::path::{Path, PathBuf};

use super::class::Class;
use crate::error::Error;
use crate::results::ResultFile;

/// Writes every student's file into `folder`; how many were written. A file already there is
/// never replaced: the name gets a number instead.
pub(crate) fn write_all(class: &Class, folder: &Path, finished_at: &str) -> Result<usize, Error> {
    let mut written = 0;
    for seat in class.seats() {
        let outcome = class.outcome(seat);
        let mut result = ResultFile::new(
            &outcome,
            class.seed,
            Some(seat.name.clone()),
            class.started_at.clone(),
            finished_at.to_owned(),
        );
        result.ending = class.how_it_ended(seat);
        result.joined_at = seat.joined_at.map(|index| index + 1);
        write_new_name(&result, folder, &file_stem(&seat.name))?;
        written += 1;
    }
    Ok(written)
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
    use super::file_stem;

    #[test]
    fn file_names_come_from_names_without_paths_or_dots() {
        assert_eq!(file_stem("Ana María"), "Ana-María");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("<script>"), "script");
        assert_eq!(file_stem("..."), "student");
    }
}
