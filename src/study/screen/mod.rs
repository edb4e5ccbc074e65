//! Text for the study commands: the review's messages and the stats screen.

pub(crate) mod review;
pub(crate) mod stats_screen;

/// Columns to fit ([`crate::text::columns`]).
pub(crate) fn width() -> usize {
    let terminal = console::Term::stdout().size_checked();
    crate::text::columns(terminal.map(|(_, cols)| usize::from(cols)))
}
