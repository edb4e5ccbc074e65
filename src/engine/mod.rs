//! The quiz engine: choosing questions, grading answers, running a session.

pub mod describe;
pub mod grade;
pub mod per_student;
pub mod prompter;
pub mod response;
pub mod select;
pub mod session;
pub mod shuffle;
pub mod summary;

pub use grade::{Grade, Verdict, grade};
pub use prompter::{Ask, Form, Prompter, Stop};
pub use response::{Response, parse_number};
pub use select::{Filter, PlanOptions, Planned, plan};
pub use session::{Answered, Ending, Mode, Outcome, run};
