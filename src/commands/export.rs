use std::path::{Path, PathBuf};

use super::new::write_new;
use super::output::print_out;
use super::valid_banks;
use crate::cli::ExportArgs;
use crate::error::Error;
use crate::export::exporter;

/// Exports the banks; reports what the format could not hold on standard error.
pub(super) fn export(args: &ExportArgs) -> Result<i32, Error> {
    let banks = valid_banks(&args.banks).map_err(|e| match e {
        Error::InvalidBanks { count, shown } => Error::NotExported { count, shown },
        other => other,
    })?;
    let exporter = exporter(args.format.into());
    let name = exporter.name();
    let done = exporter.export(&banks);
    for notice in &done.notices {
        eprintln!("{notice}");
    }
    let total: usize = banks.iter().map(questions_and_decisions).sum();
    if done.written == 0 {
        return Err(Error::NothingToExport {
            format: name,
            total,
        });
    }
    let written_to = if let Some(path) = &args.out {
        write_new(path, &done.text, args.force)?;
        let mut to = format!(" to {}", path.display());
        if let Some(key) = &done.key {
            let key_path = key_path(path);
            write_new(&key_path, key, args.force)?;
            to.push_str(&format!(" and {}", key_path.display()));
        }
        to
    } else {
        let mut text = done.text.clone();
        if let Some(key) = &done.key {
            text.push_str(&format!("\n---\n\n{key}"));
        }
        print_out(text.as_bytes())?;
        String::new()
    };
    eprintln!(
        "exported {} of {total} question(s) from {} bank(s) as {name}{written_to}",
        done.written,
        banks.len()
    );
    Ok(0)
}

/// The questions of a bank and the decisions (steps) of its branching scenarios: what an export
/// may write.
fn questions_and_decisions(bank: &crate::bank::Bank) -> usize {
    let steps = bank.scenarios.iter().filter_map(|s| s.branching.as_ref());
    bank.questions.len() + steps.map(|b| b.steps.len()).sum::<usize>()
}

/// `sheet.md` → `sheet-key.md`: where the answer key goes.
fn key_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-key.{}", ext.to_string_lossy()),
        None => format!("{stem}-key"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_goes_beside_the_worksheet() {
        assert_eq!(
            key_path(Path::new("out/sheet.md")),
            Path::new("out/sheet-key.md")
        );
        assert_eq!(key_path(Path::new("sheet")), Path::new("sheet-key"));
    }
}
