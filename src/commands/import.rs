use std::path::Path;

use super::new::write_new;
use super::output::print_out;
use crate::bank::{self, BankFile};
use crate::cli::{ImportArgs, ImportFormat};
use crate::error::Error;
use crate::import::{Imported, aiken, gift, moodle_xml};

/// Reads FILE, reports what did not carry over, and writes a bank that passes `quiz check`.
pub(super) fn import(args: &ImportArgs) -> Result<i32, Error> {
    let read_error = |source| Error::Read {
        path: args.file.clone(),
        source,
    };
    // The file is read whole and turned into a bank: it gets the limit a bank file has.
    let size = std::fs::metadata(&args.file).map_err(read_error)?.len();
    if size > bank::load::MAX_BANK_BYTES {
        return Err(Error::TooLarge {
            path: args.file.clone(),
            what: args.format.file_kind(),
            size,
            limit: bank::load::MAX_BANK_BYTES,
        });
    }
    let text = std::fs::read_to_string(&args.file).map_err(read_error)?;
    let name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = match args.format {
        ImportFormat::Gift => gift::import(&text, &name),
        ImportFormat::Aiken => aiken::import(&text, &name),
        ImportFormat::MoodleXml => moodle_xml::import(&text, &name),
    };
    for notice in &imported.notices {
        let what = if notice.error { "error" } else { "note" };
        eprintln!(
            "{}:{}: {what}: {}",
            args.file.display(),
            notice.line,
            notice.message
        );
    }
    let errors = imported.notices.iter().filter(|n| n.error).count();
    if errors > 0 {
        return Err(Error::BrokenInput {
            path: args.file.clone(),
            count: errors,
        });
    }
    if imported.bank.questions.is_empty() {
        return Err(Error::NothingToImport(args.file.clone()));
    }
    let out_name = args.out.as_ref().map(|o| o.display().to_string());
    let yaml = to_yaml(
        &imported,
        &name,
        args.format,
        out_name.as_deref().unwrap_or("-"),
    )?;
    match &args.out {
        Some(out) => write_new(out, &yaml, args.force)?,
        None => print_out(yaml.as_bytes())?,
    }
    eprintln!(
        "imported {} question(s) from {}{}",
        imported.bank.questions.len(),
        args.file.display(),
        out_name.map(|o| format!(" to {o}")).unwrap_or_default()
    );
    Ok(0)
}

/// The bank as YAML with a header comment, checked by the same loader `quiz check` uses so that
/// nothing invalid is ever written.
fn to_yaml(
    imported: &Imported,
    from: &str,
    format: ImportFormat,
    origin: &str,
) -> Result<String, Error> {
    let mut body =
        serde_saphyr::to_string(&imported.bank).map_err(|e| Error::Yaml(e.to_string()))?;
    if !body.ends_with('\n') {
        body.push('\n');
    }
    let yaml = format!(
        "# Imported from {from} by `quiz import {}`. Check it with `quiz check {}`.\n{body}",
        format.name(),
        if origin == "-" { "FILE" } else { origin }
    );
    let file = BankFile {
        origin: Path::new(origin).display().to_string(),
        bytes: yaml.clone().into_bytes(),
    };
    let files = [file];
    let loaded = bank::load(&files);
    if loaded.has_errors() {
        return Err(Error::invalid_banks(
            &loaded.problems,
            &files,
            crate::style::colours_on_stderr(),
        ));
    }
    Ok(yaml)
}
