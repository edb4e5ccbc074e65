//! Where the progress database lives.

use std::path::{Path, PathBuf};

/// Overrides the platform's data folder when `--data-dir` is not given.
pub(crate) const DATA_DIR_VAR: &str = "QUIZ_DATA_DIR";

/// The database file inside the data folder.
pub(crate) const FILE_NAME: &str = "progress.db";

/// `--data-dir`, else `QUIZ_DATA_DIR` (when not empty), else the platform's data folder
/// (`~/.local/share/scenario-quiz` on Linux). `None` when there is no home folder to put it in.
pub(crate) fn data_dir(flag: Option<&Path>, env: Option<std::ffi::OsString>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "scenario-quiz").map(|p| p.data_dir().to_path_buf())
}

/// The first symbolic link at the database's path or beside it (its log and shared memory, which
/// SQLite creates and writes there too), dangling or not. Such a link is refused, not followed:
/// one planted there would have `quiz` create or write a file wherever it leads.
pub(crate) fn planted_link(dir: &Path) -> Option<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| dir.join(format!("{FILE_NAME}{suffix}")))
        .find(|path| {
            path.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        let dir = data_dir(Some(Path::new("/a")), Some("/b".into()));
        assert_eq!(dir, Some(PathBuf::from("/a")));
        let dir = data_dir(None, Some("/b".into()));
        assert_eq!(dir, Some(PathBuf::from("/b")));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_database_or_its_log_is_found_dangling_or_not() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(planted_link(dir.path()), None);
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(planted_link(dir.path()), None);
        let log = dir.path().join("progress.db-wal");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &log).unwrap();
        assert_eq!(planted_link(dir.path()), Some(log));
    }

    #[test]
    fn an_empty_variable_is_ignored() {
        let dir = data_dir(None, Some("".into()));
        assert_ne!(dir, Some(PathBuf::new()));
    }
}
