//! scenario-quiz: scenario-based quizzes in the terminal, with a cited source for every answer.
//!
//! `bank` reads and validates quiz banks, `engine` plans, asks and grades a quiz through a
//! `ui::Prompter`, `results` writes what a learner answered, and `commands` ties them to the CLI.
//! `authoring` (the starter bank), `export` and `import` help write banks and move them to and
//! from Moodle, Anki and paper.

pub mod authoring;
pub mod bank;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod engine;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
#[cfg(test)]
mod layers;
pub mod present;
pub mod report;
pub mod results;
pub mod store;
pub mod study;
pub mod text;
pub mod ui;

pub use error::Error;
