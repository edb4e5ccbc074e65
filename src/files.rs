//! Expanding the files and folders named on a command line into the files to read.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Files as named, folders searched recursively for files with one of `extensions`, each folder
/// in name order. Hidden files are skipped: editors and `quiz play` keep their temporary files
/// there. A folder with no such file is an error, since it is almost always a wrong path.
/// `what` names the files in the error, e.g. "bank files".
pub fn expand(paths: &[PathBuf], extensions: &[&str], what: &str) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let before = found.len();
            search(path, extensions, &mut found)?;
            if found.len() == before {
                return Err(Error::EmptyFolder {
                    folder: path.clone(),
                    wanted: format!(
                        "{what} ({})",
                        extensions
                            .iter()
                            .map(|e| format!("*.{e}"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                });
            }
        } else {
            found.push(path.clone());
        }
    }
    Ok(found)
}

fn search(folder: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read_error = |source| Error::Read {
        path: folder.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(read_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read_error)?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e));
        if path.is_dir() {
            search(&path, extensions, found)?;
        } else if wanted && !hidden {
            found.push(path);
        }
    }
    Ok(())
}
