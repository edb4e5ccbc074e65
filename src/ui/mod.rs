//! Front ends. The engine talks to a [`Prompter`](crate::engine::Prompter); a terminal one draws arrow-key menus, a plain
//! one reads numbered answers line by line from pipes, files and tests.

pub(crate) mod confirm;
pub(crate) mod interrupt;
pub(crate) mod menu;
pub(crate) mod plain;
pub(crate) mod present;
pub(crate) mod render;
pub(crate) mod terminal;
