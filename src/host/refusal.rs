//! Why the class refused what a student's page sent or what the teacher typed. Each refusal
//! changes nothing; its text is what the page (as an `error` message) or the teacher's terminal
//! (after `?`) shows.

use crate::engine::NumberError;

/// Why a student's page was refused: a join, a rejoin, an answer or a move on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Refusal {
    #[error("That code is not this class's code; check it on the teacher's screen.")]
    WrongCode,
    #[error("Too many wrong codes from this device; wait a minute and try again.")]
    TooManyWrongCodesHere,
    #[error("Too many wrong codes were tried; wait a minute and try again.")]
    TooManyWrongCodes,
    #[error("This class has ended.")]
    ClassEnded,
    #[error("The class is paused; join when the teacher continues it.")]
    ClassPaused,
    #[error("Type your name to join.")]
    NoName,
    #[error("Type a name with at least one letter or digit that shows.")]
    NameShowsNothing,
    #[error("Someone called {0} is in the class already; pick another name.")]
    NameTaken(String),
    #[error("The class is full.")]
    ClassFull,
    #[error("That seat belongs to another class; join this one with your name.")]
    SeatOfAnotherClass,
    #[error("That seat is no longer in this class; join again with your name.")]
    SeatGone,
    #[error("This page has a seat already.")]
    SeatedAlready,
    #[error("Join the class first.")]
    NotSeated,
    #[error("No question is open for answers now.")]
    NothingOpen,
    #[error("Your time for this question is up.")]
    OutOfTime,
    #[error("Question {sent} is not open; question {open} is.")]
    NotOpen { sent: usize, open: usize },
    #[error("No such question.")]
    NoSuchQuestion,
    /// `expected` says what would fit, e.g. "one choice of 4".
    #[error("That answer does not fit this question: {expected}.")]
    DoesNotFit { expected: String },
    /// A numeric answer typed as text that reads as no number, or as two.
    #[error("{}", .error.hint(.unit.as_deref()))]
    NotANumber {
        error: NumberError,
        unit: Option<String>,
    },
    #[error(
        "This question has had {0} answers from you, as many as a class takes; the last one is kept."
    )]
    TooManyAnswers(usize),
    #[error("Answers are coming too fast; wait a moment and send yours again.")]
    TooFast,
    #[error("The answer was not kept.")]
    NotKept,
    #[error("That decision is taken: the story has moved on.")]
    DecisionTaken,
    #[error("The story has ended: there is nothing left to decide.")]
    StoryEnded,
    #[error("The teacher moves the class on.")]
    TeacherMovesOn,
    #[error("The class is not running.")]
    NotRunning,
    #[error("A decision cannot be skipped: pick one to go on.")]
    DecisionNeeded,
    #[error("Only questions already reached can be gone back to.")]
    NotReachedYet,
    #[error("A branching scenario goes forward only: each decision leads on.")]
    StoryGoesForward,
    #[error("Your answers are handed in.")]
    HandedIn,
    #[error("Only a self-paced exam is handed in.")]
    NothingToHandIn,
    #[error("That is not this class's teacher key; open the board link the host printed.")]
    WrongTeacherKey,
    #[error("{0} boards watch this class already; close one first.")]
    TooManyBoards(usize),
    #[error("Only the teacher's board, opened with the link the host printed, can run the class.")]
    NotTheTeacher,
    #[error("This page shows the board; it takes no seat.")]
    BoardTakesNoSeat,
    #[error("The class is stopping.")]
    ClassStopping,
}

/// Why a command the teacher typed was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Declined {
    #[error("unknown command `{0}`; {help}", help = super::teacher::HELP)]
    UnknownCommand(String),
    #[error("kick whom? type kick and the student's name, or their number from who")]
    KickWhom,
    #[error("follow which decision? type follow and its letter as shown (or right, partly, wrong)")]
    FollowWhich,
    #[error("the class has started already")]
    StartedAlready,
    #[error("no question is open")]
    NothingOpen,
    #[error("no question is open yet; type start to open the first")]
    NothingOpenYet,
    /// `what` is "question", or "decision" in a branching scenario; `number` is 1-based.
    #[error("{what} {number} is revealed already; type next to go on")]
    RevealedAlready { what: &'static str, number: usize },
    #[error(
        "a self-paced class has no reveal: each student goes at their own pace; type end to end it"
    )]
    NoRevealSelfPaced,
    #[error("reveal the answer first (reveal)")]
    RevealFirst,
    #[error("there is no question to move on from")]
    NothingToMoveOn,
    #[error("follow picks the decision the story follows once a step is revealed, before next")]
    FollowBeforeReveal,
    #[error("follow is for a branching scenario the class walks together")]
    FollowWithoutStory,
    #[error("the story has no decision to follow yet; reveal the question first")]
    NoDecisionYet,
    /// `last` is the letter of the last choice shown.
    #[error("follow which choice? type its letter as shown, A to {last}")]
    NoSuchChoice { last: String },
    #[error("follow which answer? type right{} or wrong", if *.partly { ", partly" } else { "" })]
    NoSuchVerdict { partly: bool },
    #[error("{0} was removed already")]
    RemovedAlready(String),
    #[error("{number}. {name} was removed already")]
    NumberRemovedAlready { number: usize, name: String },
    #[error("no student has number {0}; `who` lists them")]
    NoStudentNumbered(usize),
    #[error("no student is called {0}; `who` lists them with their numbers")]
    NoStudentCalled(String),
    #[error("no student is called {typed}; did you mean {name} (number {number})?")]
    DidYouMean {
        typed: String,
        name: String,
        number: usize,
    },
    /// `names` are the first few of the students whose names start with `typed`.
    #[error(
        "{count} names start with {typed}: {}; type more of the name, or its number from `who`",
        .names.join(", ")
    )]
    SeveralStudents {
        count: usize,
        typed: String,
        names: Vec<String>,
    },
}
