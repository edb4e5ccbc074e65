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
///
/// The temporary file has an unpredictable name and is created new (`O_EXCL`), so a symbolic
/// link planted beside the output cannot redirect the write. With [`Existing::Keep`] anything
/// at `path`, a dangling symbolic link included, is refused, and the move into place fails
/// rather than replace a file that appeared meanwhile.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(Error::IsAFolder(path.to_path_buf()));
    }
    // `symlink_metadata` sees a link itself, even one that leads nowhere.
    if existing == Existing::Keep && path.symlink_metadata().is_ok() {
        return Err(Error::OutputExists(path.to_path_buf()));
    }
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale_temporaries(dir, &name);
    let prefix = format!(".{name}.");
    let mut temp = temporary_file(dir, &prefix, TEMP_SUFFIX).map_err(fail)?;
    temp.as_file_mut()
        .write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail)?;
    let moved = match existing {
        Existing::Replace => temp.persist(path).map(drop),
        Existing::Keep => temp.persist_noclobber(path).map(drop),
    };
    // A failed move drops the temporary file with the error, which removes it.
    moved.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => Error::OutputExists(path.to_path_buf()),
        _ => fail(e.error),
    })
}

/// A new file in `dir` named `PREFIX` + six random letters or digits + `suffix`, created new
/// (`O_EXCL`), removed when dropped unless persisted. Its errors are the operating system's own:
/// the caller names the file the user asked for, as the temporary one means nothing to them
/// (and it is opened here, and written through [`tempfile::NamedTempFile::as_file_mut`], for
/// that: `tempfile`'s own opening and writing add the temporary path to the error).
pub(crate) fn temporary_file(
    dir: &Path,
    prefix: &str,
    suffix: &str,
) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .make_in(dir, |path| {
            let mut options = std::fs::File::options();
            options.write(true).create_new(true);
            // As any new file: readable by others unless the umask says otherwise (a temporary
            // file would be the owner's only, and a teacher could not read the results handed in).
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
            options.open(path)
        })
}

/// How the temporary files of [`write_atomically`] end, so that stale ones can be told apart.
const TEMP_SUFFIX: &str = ".quiz-tmp";

/// A temporary file older than this was left by a process that was killed mid-write.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The folder a file is written into: `.` for a bare file name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Removes temporary files of ours for `name` that a killed process left in `dir` over an hour
/// ago (a write takes seconds). Only regular files named as [`write_atomically`] names them are
/// touched; any failure is ignored, as the write itself does not need it.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(middle) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        // tempfile's random part: six letters or digits.
        if middle.len() != 6 || !middle.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|m| {
            m.file_type().is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_AFTER)
        });
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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

    /// The temporary name the old code used: `.NAME.PID.tmp`, predictable by anyone.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_temporary_name_does_not_redirect_the_write() {
        let folder = tempfile::tempdir().unwrap();
        let victim = folder.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        for existing in [Existing::Keep, Existing::Replace] {
            let out = folder.path().join(format!("out-{existing:?}.json"));
            let planted = folder
                .path()
                .join(format!(".out-{existing:?}.json.{}.tmp", std::process::id()));
            std::os::unix::fs::symlink(&victim, &planted).unwrap();
            write_atomically(&out, b"results", existing).unwrap();
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
            assert!(out.symlink_metadata().unwrap().file_type().is_file());
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "results");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_at_the_destination_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join("out.json");
        let target = folder.path().join("elsewhere.json");
        std::os::unix::fs::symlink(&target, &out).unwrap();
        let written = write_atomically(&out, b"results", Existing::Keep);
        assert!(
            matches!(written, Err(Error::OutputExists(_))),
            "{written:?}"
        );
        assert!(out.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(!target.exists());
    }

    #[test]
    fn stale_temporary_files_of_ours_are_removed_and_nothing_else() {
        let folder = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - 2 * STALE_AFTER;
        let stale = folder.path().join(".out.json.aB3dE9.quiz-tmp");
        let fresh = folder.path().join(".out.json.Zz9yY8.quiz-tmp");
        let other = folder.path().join(".out.json.notours.tmp");
        for file in [&stale, &fresh, &other] {
            std::fs::write(file, "x").unwrap();
        }
        for file in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(file)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        write_atomically(&folder.path().join("out.json"), b"new", Existing::Replace).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists() && other.exists());
        let left: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left.len(), 3, "{left:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_written_file_has_the_permissions_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let plain = folder.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        let out = folder.path().join("out.json");
        write_atomically(&out, b"x", Existing::Keep).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain));
    }

    #[test]
    fn a_failed_write_names_the_file_asked_for_and_not_the_temporary_one() {
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join("missing-folder/out.json");
        let written = write_atomically(&out, b"x", Existing::Keep);
        let Err(Error::Write { path, source }) = written else {
            panic!("{written:?}");
        };
        assert_eq!(path, out);
        assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        assert!(source.raw_os_error().is_some(), "{source:?}");
        assert!(!source.to_string().contains(TEMP_SUFFIX), "{source}");
    }

    #[test]
    fn an_existing_file_is_kept_or_replaced_as_asked() {
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join("out.json");
        std::fs::write(&out, "old").unwrap();
        let kept = write_atomically(&out, b"new", Existing::Keep);
        assert!(matches!(kept, Err(Error::OutputExists(_))));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        write_atomically(&out, b"new", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
    }
}
