//! Studying over time: the spaced-repetition schedule, what to review next and the
//! statistics of a learner's progress.

pub(crate) mod cards;
pub(crate) mod class_misses;
pub(crate) mod figures;
pub(crate) mod introduce;
pub(crate) mod month;
pub(crate) mod optimize;
pub(crate) mod queue;
pub(crate) mod recorder;
pub(crate) mod schedule;
pub(crate) mod screen;
pub(crate) mod simulate;
pub(crate) mod states;
