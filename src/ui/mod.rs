//! Front ends. The engine talks to a [`Prompter`]; a terminal one draws dialoguer widgets, a plain
//! one reads numbered answers line by line from pipes, files and tests.

pub mod confirm;
pub mod interrupt;
pub mod plain;
pub mod present;
pub mod render;
pub mod terminal;

use crate::engine::Response;

/// One question as the learner sees it. Choices, items and right sides are in the order shown.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    pub number: usize,
    pub total: usize,
    pub prompt: &'a str,
    pub points: f64,
    pub form: Form,
}

#[derive(Debug, Clone)]
pub enum Form {
    Single {
        choices: Vec<String>,
    },
    Multiple {
        choices: Vec<String>,
    },
    TrueFalse,
    Short,
    Numeric {
        unit: Option<String>,
    },
    Order {
        items: Vec<String>,
    },
    Match {
        left: Vec<String>,
        right: Vec<String>,
    },
}

/// Why no answer came back.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// The input ran out (a closed pipe, Ctrl-D).
    EndOfInput,
    Io(std::io::Error),
}

/// The learner's side of a quiz.
pub trait Prompter {
    /// Asks one question. Indices in the response are positions as shown in `ask.form`.
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop>;

    /// Shows text between questions: a scenario, feedback, the summary.
    fn show(&mut self, text: &str) -> Result<(), Stop>;
}
