//! Text for the study commands: the review's messages and the stats screen.

pub(crate) mod review;
pub(crate) mod stats_screen;

/// Columns to fit: the one rule for the width of the window.
pub(crate) use crate::style::width;
