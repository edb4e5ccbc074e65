//! Front ends. The engine talks to a [`Prompter`](crate::engine::Prompter); a terminal one draws dialoguer widgets, a plain
//! one reads numbered answers line by line from pipes, files and tests.

pub mod confirm;
pub mod interrupt;
pub mod plain;
pub mod present;
pub mod render;
pub mod terminal;
