//! A yes/no question on the terminal, for what cannot be undone.

use console::Term;
use dialoguer::Confirm;
use dialoguer::theme::ColorfulTheme;

/// Asks `question`; the default is no. Callers make sure a terminal is there to ask on.
pub(crate) fn confirm(question: &str) -> std::io::Result<bool> {
    Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .default(false)
        .interact_on(&Term::stderr())
        .map_err(|dialoguer::Error::IO(e)| e)
}
