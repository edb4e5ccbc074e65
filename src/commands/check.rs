use super::bank_files;
use crate::bank::{self, Severity};
use crate::cli::BankArgs;
use crate::error::Error;

/// Prints every problem; exit 1 when there is an error.
pub fn check(args: &BankArgs) -> Result<i32, Error> {
    let files = bank_files(args)?;
    let loaded = bank::load(&files);
    for problem in &loaded.problems {
        eprintln!("{problem}\n");
    }
    let errors = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = loaded.problems.len() - errors;
    let questions: usize = loaded.banks.iter().map(|b| b.questions.len()).sum();
    if errors > 0 {
        eprintln!(
            "{errors} error(s), {warnings} warning(s) in {} file(s)",
            files.len()
        );
        return Ok(1);
    }
    println!(
        "ok: {} bank(s), {questions} question(s), {warnings} warning(s) in {} file(s)",
        loaded.banks.len(),
        files.len()
    );
    Ok(0)
}
