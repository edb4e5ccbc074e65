//! The quiz engine: choosing questions, grading answers, running a session.

pub mod describe;
pub mod grade;
pub mod per_student;
pub mod response;
pub mod select;
pub mod session;
pub mod shuffle;
pub mod summary;

pub use grade::{Grade, Verdict, grade};
pub use response::{Response, normalize_text, parse_number};
pub use select::{Filter, PlanOptions, Planned, plan};
pub use session::{Answered, Ending, Mode, Outcome, run};
