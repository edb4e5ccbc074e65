//! Studying over time: the spaced-repetition schedule, what to review next and the
//! statistics of a learner's progress.

pub mod queue;
pub mod schedule;
pub mod screen;
pub mod stats;
