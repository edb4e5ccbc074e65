//! Front ends. The engine talks to a [`Prompter`]; a terminal one draws arrow-key menus, a plain
//! one reads numbered answers line by line from pipes, files and tests.

pub(crate) mod confirm;
pub(crate) mod interrupt;
pub(crate) mod menu;
pub(crate) mod plain;
pub(crate) mod present;
pub(crate) mod render;
pub(crate) mod terminal;
pub(crate) mod typed;
pub(crate) mod walk;

use crate::bank::Scenario;
use crate::engine::{Answered, Ask, Confidence, Planned, Prompter, Response, Stop};

/// A terminal front end: it asks a question its own way and shows text. Scenarios, feedback and
/// Ctrl-C are the same for every one of them, so they are written once, below.
pub(crate) trait Screen {
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop>;
    fn show(&mut self, text: &str) -> Result<(), Stop>;
    /// How sure the learner is of the answer just given to `ask`.
    fn confidence(&mut self, ask: &Ask) -> Result<Confidence, Stop>;
}

impl<S: Screen> Prompter for S {
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop> {
        Screen::ask(self, ask)
    }

    fn show(&mut self, text: &str) -> Result<(), Stop> {
        Screen::show(self, text)
    }

    fn scenario(&mut self, scenario: &Scenario) -> Result<(), Stop> {
        Screen::show(self, &render::scenario(scenario))
    }

    fn scenario_continued(&mut self, scenario: &Scenario) -> Result<(), Stop> {
        Screen::show(self, &render::scenario_continued(scenario))
    }

    fn scenario_ended(&mut self) -> Result<(), Stop> {
        Screen::show(self, &render::scenario_end())
    }

    fn confidence(&mut self, ask: &Ask) -> Result<Confidence, Stop> {
        Screen::confidence(self, ask)
    }

    fn relearning(&mut self) -> Result<(), Stop> {
        Screen::show(self, &render::relearning())
    }

    fn feedback(&mut self, planned: &Planned, answered: &Answered) -> Result<(), Stop> {
        Screen::show(self, &render::feedback(planned, answered))
    }

    fn stop_requested(&self) -> bool {
        interrupt::interrupted()
    }
}
