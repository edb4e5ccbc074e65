use std::path::Path;

use super::output::say;
use crate::authoring::{Starter, shell_word, starter_bank};
use crate::cli::NewArgs;
use crate::error::Error;

/// Writes the starter bank; refuses to replace a file unless `--force`.
pub(super) fn new(args: &NewArgs) -> Result<i32, Error> {
    let starter = if args.branching {
        Starter::Branching
    } else {
        Starter::EveryKind
    };
    let text = starter_bank(&args.path, args.title.as_deref(), starter);
    // `quiz new banks/chapter-3.yaml` in a fresh project makes `banks/` first.
    if let Some(folder) = args.path.parent()
        && !folder.as_os_str().is_empty()
        && !folder.exists()
    {
        std::fs::create_dir_all(folder).map_err(|source| Error::Write {
            path: args.path.clone(),
            source,
        })?;
    }
    write_new(&args.path, &text, args.force)?;
    let file = shell_word(&args.path);
    let (what, next) = match starter {
        Starter::EveryKind => (
            "one question of every kind",
            format!("replace the examples with your own, then run `quiz check {file}`"),
        ),
        Starter::Branching => (
            "one branching scenario",
            format!(
                "replace the story with your own, then run `quiz check {file}` and walk it with \
                 `quiz play {file}`"
            ),
        ),
    };
    say!(
        "Wrote {}: a starter bank with {what}.\nNext: {next}.",
        args.path.display()
    )?;
    Ok(0)
}

/// Writes `text` to `path`; an existing file is replaced only when `force` is set, and a folder
/// never is.
pub(super) fn write_new(path: &Path, text: &str, force: bool) -> Result<(), Error> {
    if path.is_dir() {
        return Err(Error::IsAFolder(path.to_path_buf()));
    }
    // `symlink_metadata`: a link that leads nowhere is there too.
    if path.symlink_metadata().is_ok() && !force {
        return Err(Error::WouldOverwrite(path.to_path_buf()));
    }
    crate::files::write_atomically(path, text.as_bytes(), crate::files::Existing::Replace)
}
