//! A yes/no question on the terminal, for what cannot be undone.

use console::Term;
use dialoguer::Confirm;
use dialoguer::theme::ColorfulTheme;

/// Asks `question`; the default is no. Callers make sure a terminal is there to ask on. Ctrl-C
/// is an error of kind `Interrupted`, with the cursor shown again.
pub(crate) fn confirm(question: &str) -> std::io::Result<bool> {
    let term = Term::stderr();
    // The theme adds "? " before and " (y/n) › no" after.
    let question = super::menu::fit_prompt(&term, question, 14)?;
    let answer = Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .default(false)
        .interact_on(&term)
        .map_err(|dialoguer::Error::IO(e)| e);
    if answer.is_err() {
        let _ = term.show_cursor();
        let _ = term.write_line("");
    }
    answer
}
