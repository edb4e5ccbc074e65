//! What the engine asks of a front end: one question at a time, and the events around it.

use super::confidence::Confidence;
use super::grade::Grade;
use super::response::Response;
use super::select::Planned;
use crate::bank::Scenario;

/// A question answered and graded: the event practice feedback and the recorder see.
#[derive(Debug, Clone)]
pub struct Answered {
    /// Position in the plan.
    pub index: usize,
    pub response: Response,
    pub grade: Grade,
    pub seconds: f64,
    /// How sure the learner said they were, when asked (see [`super::session::Rules`]).
    pub confidence: Option<Confidence>,
}

/// One question as the learner sees it. Choices, items and right sides are in the order shown.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    pub number: usize,
    /// How many questions the quiz asks; 0 for a decision of a branching scenario, where it
    /// depends on the path (see [`Ask::is_decision`]).
    pub total: usize,
    pub prompt: &'a str,
    pub points: f64,
    pub form: Form,
    /// In practice, how many of the questions answered so far were right, of how many.
    pub so_far: Option<(usize, usize)>,
}

impl Ask<'_> {
    /// Whether this is a decision of a branching scenario: numbered without a total, and not to
    /// be skipped, since the story goes on from it.
    pub fn is_decision(&self) -> bool {
        self.total == 0
    }
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
    /// The learner chose to stop here (and said yes when asked).
    Quit,
    /// The learner skips this question; it is asked once more at the end.
    Skip,
    Io(std::io::Error),
}

/// The learner's side of a quiz.
pub trait Prompter {
    /// Asks one question. Indices in the response are positions as shown in `ask.form`.
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop>;

    /// Shows text between questions, such as the summary.
    fn show(&mut self, text: &str) -> Result<(), Stop>;

    /// A scenario starts: its text comes before its first question.
    fn scenario(&mut self, scenario: &Scenario) -> Result<(), Stop>;

    /// The next question is of the scenario whose text was shown for the question before.
    fn scenario_continued(&mut self, _scenario: &Scenario) -> Result<(), Stop> {
        Ok(())
    }

    /// The questions of a scenario are over and the next one stands on its own: without a word,
    /// it would read as one more step of the scenario.
    fn scenario_ended(&mut self) -> Result<(), Stop> {
        Ok(())
    }

    /// A question missed earlier in the session is asked again (see
    /// [`super::session::Rules::relearn`]).
    fn relearning(&mut self) -> Result<(), Stop> {
        Ok(())
    }

    /// How sure the learner is of the answer just given to `ask`, before it is graded.
    fn confidence(&mut self, ask: &Ask) -> Result<Confidence, Stop>;

    /// Practice feedback on the answer just graded.
    fn feedback(&mut self, planned: &Planned, answered: &Answered) -> Result<(), Stop>;

    /// Whether the learner asked to stop (Ctrl-C); checked before each question.
    fn stop_requested(&self) -> bool {
        false
    }
}
