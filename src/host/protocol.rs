//! The messages between a student's page and the host, as JSON over one websocket (`/ws`).
//! `docs/live.md` documents them with examples; keep the two in step.

use serde::{Deserialize, Serialize};

use super::board_view::{BoardCommand, BoardView, Watching};
use super::shared_part::SharedPart;
use crate::engine::{Confidence, Response};

/// What a student's page sends.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum ClientMessage {
    /// Take a seat: the class's code and the name to show.
    Join { code: String, name: String },
    /// Come back to a seat taken before, with the token the host gave then.
    Rejoin { code: String, token: String },
    /// Answer (or change the answer to) question `question` (1-based). Indices are positions
    /// as shown on the page; a numeric answer may come as `text`, read as people type numbers.
    /// `confidence` (1 guessing, 2 fairly sure, 3 certain) is kept when the class asks for it.
    Answer {
        question: usize,
        response: Response,
        #[serde(default)]
        confidence: Option<Confidence>,
    },
    /// Self-paced: move on to the next question.
    Next,
    /// Self-paced: go to question `question` (1-based), back or on again up to the furthest
    /// reached.
    GoTo { question: usize },
    /// A self-paced exam: hand in; the answers are final.
    HandIn,
    /// Watch the class on the board: with the join code, or with the teacher key to run it.
    Watch {
        code: Option<String>,
        key: Option<String>,
    },
    /// From a board opened with the teacher key: start, reveal, next or end.
    Control { command: BoardCommand },
}

/// What the host sends to one student.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum ServerMessage {
    /// The seat is taken; the page keeps the token to come back after a reload.
    Welcome {
        token: String,
        name: String,
        code: String,
    },
    /// Everything the page shows now.
    State(Box<StudentView>),
    /// The answer to question `question` (1-based) is taken and on disk: the answer as the
    /// host keeps it, in the positions shown, and how sure the student said they were. Sent
    /// instead of a whole `state` when nothing else on the page changes; when something does,
    /// a `state` follows.
    Answered {
        question: usize,
        answer: Response,
        confidence: Option<Confidence>,
    },
    /// A message that changed nothing, and why.
    Error { message: String },
    /// To a board: the class it watches, once.
    Watching(Box<Watching>),
    /// To a board: everything it shows now; `time_left`, the seconds the open question has left
    /// on its timer.
    Board {
        view: Box<BoardView>,
        time_left: Option<u64>,
    },
}

/// One student's screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct StudentView {
    pub phase: Phase,
    pub name: String,
    /// The quiz's title (the banks' titles), or the branching scenario's.
    pub title: String,
    /// Self-paced with a timer, while the class runs: the seconds left for the whole quiz.
    pub quiz_time_left: Option<u64>,
    /// Students in the class.
    pub students: usize,
    /// Points of the questions whose grades this student has been shown (with the speed bonus,
    /// when the class has one): it moves at a reveal, never when an answer is sent. `None` in a
    /// self-paced exam until it ends.
    pub score: Option<f64>,
    pub self_paced: bool,
    /// The class asks how sure the student is of each answer (`quiz host --confidence`).
    pub asks_confidence: bool,
    pub question: Option<SharedPart<QuestionView>>,
    /// This student's answer to the question shown, in the positions shown.
    pub answer: Option<Response>,
    /// How sure the student said they were of that answer.
    pub confidence: Option<Confidence>,
    pub result: Option<ResultView>,
    pub leaderboard: Option<Leaderboard>,
    pub summary: Option<SummaryView>,
    /// In a class that walks a branching scenario: where the story stands.
    pub story: Option<StoryView>,
    /// A self-paced exam past its last question and not handed in: each question, answered or
    /// not, to go back to before handing in.
    pub review: Option<Vec<ReviewItem>>,
    /// A self-paced exam: the student has handed in.
    pub handed_in: bool,
}

/// A question in the list a self-paced exam shows before "Hand in".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ReviewItem {
    /// 1-based.
    pub number: usize,
    pub prompt: String,
    pub answered: bool,
}

/// Which screen the page shows, sent as the lowercase name (`"lobby"`, `"question"`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Phase {
    /// Seated, waiting for the first question.
    Lobby,
    /// A question is open (or, self-paced, the student's next one is).
    Question,
    /// The question shown has been revealed: `result` holds the grade.
    Revealed,
    /// Self-paced: every question answered, waiting for the class to end.
    Done,
    /// The host stopped without ending the class; it goes on when the host is resumed.
    Paused,
    /// The class is over: `summary` holds the student's results.
    Ended,
    /// The teacher took the seat away.
    Removed,
}

/// Where a branching scenario's story stands for one student. Nothing in it tells which
/// decision is best before the step is revealed (self-paced: before the decision is taken; in
/// an exam, before the end).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct StoryView {
    pub title: String,
    /// The decision the story follows from the step shown and what happens then: paced, the
    /// class's once the step is revealed; self-paced, the student's own once taken.
    pub followed: Option<FollowedView>,
    /// The ending, once the story reaches it.
    pub ending: Option<EndingView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FollowedView {
    /// The choice (or, for a step of another kind, the kind of answer) followed.
    pub choice: String,
    /// `majority` (most of the class, or the tie rule), `teacher` or `you`.
    pub by: &'static str,
    pub consequence: String,
    /// `best`, `acceptable` or `poor`, once marks are shown.
    pub quality: Option<&'static str>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct EndingView {
    pub title: String,
    pub text: String,
    /// `best`, `acceptable` or `poor`, and what the best path was and why: once marks are shown.
    pub rating: Option<&'static str>,
    pub debrief: Option<String>,
    pub source: Option<String>,
}

/// A question as a student sees it: no key, no explanation, until it is revealed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct QuestionView {
    /// 1-based.
    pub number: usize,
    pub total: usize,
    /// `single`, `multiple`, `true_false`, `short`, `numeric`, `order` or `match`.
    pub kind: &'static str,
    pub prompt: String,
    pub points: f64,
    pub scenario: Option<ScenarioView>,
    /// Choices (single, multiple), items (order) or left sides (match), in the order shown.
    pub options: Vec<String>,
    /// The right sides of a match, in the order shown.
    pub targets: Vec<String>,
    pub unit: Option<String>,
    /// Seconds the question stays open, when the class has a timer (a self-paced class's timer
    /// is for the whole quiz: `quiz_time_left`).
    pub time_limit: Option<u64>,
    /// Whether answers are still taken.
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ScenarioView {
    pub title: String,
    pub text: String,
}

/// How a student's answer went, shown once the question is revealed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ResultView {
    /// `right`, `partial`, `wrong` or `unanswered`.
    pub verdict: &'static str,
    pub earned: f64,
    pub max: f64,
    pub your_answer: Option<String>,
    pub correct: String,
    pub explanation: String,
    pub source: String,
    /// Why each wrong choice picked is wrong, where the bank says.
    pub why: Vec<String>,
    /// In a branching scenario: how good the student's own decision was (`best`, `acceptable`
    /// or `poor`).
    pub quality: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Leaderboard {
    pub top: Vec<Standing>,
    /// This student's place (1-based).
    pub place: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Standing {
    /// 1-based; equal points share a place.
    pub place: usize,
    pub name: String,
    pub score: f64,
}

/// The end of the class for one student.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SummaryView {
    pub score: f64,
    pub max: f64,
    /// When the class asked how sure students were: the certainty-based marks and the most
    /// they could be.
    pub certainty: Option<CertaintyView>,
    pub answered: usize,
    pub total: usize,
    /// Every question of the quiz, in the order asked, with how the student's answer went.
    pub questions: Vec<ReviewedView>,
    /// Once the class has ended: the questions not answered right, as a file Anki imports
    /// (tab-separated notes with a header), for the student to keep; `None` when there are none.
    pub missed_for_anki: Option<String>,
    /// The same questions as one bank file that `quiz play` and `quiz review` take.
    pub missed_as_bank: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct CertaintyView {
    pub marks: f64,
    pub best: f64,
}

/// A question looked back on at the end: its text and, as at its reveal, the student's answer,
/// the right one, the explanation and the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ReviewedView {
    pub number: usize,
    pub prompt: String,
    #[serde(flatten)]
    pub result: ResultView,
}

#[cfg(test)]
mod tests {
    use super::Phase;

    #[test]
    fn every_phase_is_sent_by_the_name_the_protocol_documents() {
        let docs = include_str!("../../docs/live.md");
        let phases = [
            (Phase::Lobby, "lobby"),
            (Phase::Question, "question"),
            (Phase::Revealed, "revealed"),
            (Phase::Done, "done"),
            (Phase::Paused, "paused"),
            (Phase::Ended, "ended"),
            (Phase::Removed, "removed"),
        ];
        let documented = docs
            .split("`phase` is ")
            .nth(1)
            .and_then(|rest| rest.split(". ").next())
            .expect("docs/live.md lists the phases");
        for (phase, name) in phases {
            assert_eq!(serde_json::to_value(phase).unwrap(), name);
            assert!(
                documented.contains(&format!("`{name}`")),
                "{name} in {documented}"
            );
        }
    }
}
