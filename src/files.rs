//! Expanding the files and folders named on a command line into the files to read.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Files as named, folders searched recursively for files with one of `extensions`, each folder
/// in name order. Hidden files are skipped: editors and `quiz play` keep their temporary files
/// there. A folder with no such file is an error, since it is almost always a wrong path.
/// `what` names the files in the error, e.g. "bank files".
pub(crate) fn expand(
    paths: &[PathBuf],
    extensions: &[&str],
    what: &str,
) -> Result<Vec<PathBuf>, Error> {
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

/// Adds the wanted files under `folder`, each folder's entries in name order. A symbolic link
/// that leads back into a folder being searched is passed over rather than followed for ever.
fn search(folder: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let walk = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                let path = e.path().unwrap_or(folder).to_path_buf();
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("unreadable"));
                return Err(Error::Read { path, source });
            }
        };
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let wanted = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e));
        if entry.file_type().is_file() && wanted && !hidden {
            found.push(entry.into_path());
        }
    }
    Ok(())
}

/// What writing does to a file that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Refuse: results and tallies are a student's or a lesson's work.
    Keep,
    /// Replace it: reports and exports are derived and meant to be rewritten.
    Replace,
}

/// Writes to a temporary file beside `path`, then moves it into place, so a reader never sees
/// half a file and a failed write leaves the old file as it was.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(Error::IsAFolder(path.to_path_buf()));
    }
    if existing == Existing::Keep && path.exists() {
        return Err(Error::OutputExists(path.to_path_buf()));
    }
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
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    let moved = match existing {
        Existing::Replace => std::fs::rename(&temp, path),
        // A hard link fails if the target appeared meanwhile, where a rename would replace it.
        Existing::Keep => std::fs::hard_link(&temp, path).or_else(|_| {
            if path.exists() {
                Err(std::io::ErrorKind::AlreadyExists.into())
            } else {
                std::fs::rename(&temp, path)
            }
        }),
    };
    let _ = std::fs::remove_file(&temp);
    moved.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::OutputExists(path.to_path_buf()),
        _ => fail(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_back_into_the_folder_is_not_followed_for_ever() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("bank.yaml"), "questions: []\n").unwrap();
        std::fs::create_dir(folder.path().join("inner")).unwrap();
        std::os::unix::fs::symlink(folder.path(), folder.path().join("inner/loop")).unwrap();
        let found = expand(&[folder.path().to_path_buf()], &["yaml"], "bank files").unwrap();
        assert_eq!(found, [folder.path().join("bank.yaml")]);
    }
}
