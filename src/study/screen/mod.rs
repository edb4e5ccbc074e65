//! Text for the study commands: the review's messages and the stats screen.

pub(crate) mod review;
pub(crate) mod stats;

/// Columns to fit: the terminal's width, else `COLUMNS`, else 80.
pub(crate) fn width() -> usize {
    if let Some((_, cols)) = console::Term::stdout().size_checked() {
        return usize::from(cols);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c| c > 0)
        .unwrap_or(80)
}
