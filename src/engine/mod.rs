//! The quiz engine: choosing questions, grading answers, running a session.

pub mod confidence;
pub mod describe;
pub(crate) mod grade;
pub(crate) mod per_student;
pub(crate) mod prompter;
pub(crate) mod response;
pub(crate) mod retry;
pub(crate) mod select;
pub(crate) mod session;
pub(crate) mod short_answer;
pub mod shuffle;
pub(crate) mod summary;
pub(crate) mod typed_answer;
pub(crate) mod typed_number;
pub mod walk;

pub use confidence::Confidence;
pub use grade::{Grade, Verdict, choice_weights, grade};
pub use prompter::{Answered, Ask, Form, Prompter, Stop};
pub use response::Response;
pub use retry::retry_plan;
pub use select::{Filter, PlanOptions, Planned, plan};
pub use session::{Ending, Mode, Outcome, RELEARN_GAP, Rules, run, run_with};
pub use typed_number::{NumberError, parse_number};
