//! What the board on the projector shows, built from the class. It is what the whole room sees,
//! so it follows the students' rule: before a question is revealed nothing on it depends on
//! the key (no bars, no right answer, no leaderboard that counts the open question).

use serde::{Deserialize, Serialize};

use super::class::{Class, Phase};
use super::protocol::{EndingView, FollowedView, QuestionView, Standing};
use super::tally::tally;
use super::views::{ending_view, followed_view, question_view, result_view, top_standings};

/// Names on the board's leaderboard; the podium is its first three places.
const BOARD_LEADERBOARD: usize = 10;

/// What the board page sends: only a board opened with the teacher key may send `Control`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum BoardCommand {
    Start,
    Reveal,
    Next,
    End,
}

/// Told once to a page that watches the class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Watching {
    pub code: String,
    /// The link students open, and its QR code as an SVG image.
    pub link: String,
    pub qr: String,
    /// The quiz's title (the banks' titles), or the branching scenario's.
    pub title: String,
    /// Whether this page may run the class (it was opened with the teacher key).
    pub control: bool,
}

/// The board's screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BoardView {
    /// `lobby`, `question`, `revealed`, `self_paced` (each student at their own pace),
    /// `paused` or `ended`.
    pub phase: &'static str,
    pub students: usize,
    /// The students' names in the order they joined: in the lobby only.
    pub names: Vec<String>,
    pub question: Option<QuestionView>,
    /// Students who answered the question shown.
    pub answered: usize,
    pub reveal: Option<RevealView>,
    /// At a reveal and at the end, unless the class has no leaderboard.
    pub leaderboard: Option<Vec<Standing>>,
    /// Self-paced: students who went through every question.
    pub finished: usize,
    /// A branching scenario walked together: at a reveal the decision the story follows, and
    /// at the end the ending it reached.
    pub followed: Option<FollowedView>,
    pub ending: Option<EndingView>,
}

/// How the class answered the question just revealed, and its answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RevealView {
    pub bars: Vec<BarView>,
    pub no_answer: usize,
    pub correct: String,
    pub explanation: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BarView {
    pub letter: Option<String>,
    pub label: String,
    pub count: usize,
    pub right: bool,
}

pub(crate) fn board_view(class: &Class) -> BoardView {
    let mut view = BoardView {
        phase: "lobby",
        students: class.students(),
        names: Vec::new(),
        question: None,
        answered: 0,
        reveal: None,
        leaderboard: None,
        finished: 0,
        followed: None,
        ending: None,
    };
    match class.phase {
        Phase::Lobby => view.names = class.seated().map(|s| s.name.clone()).collect(),
        Phase::Paused => view.phase = "paused",
        Phase::Open { .. } if class.options.self_paced => {
            view.phase = "self_paced";
            view.finished = class
                .seated()
                .filter(|s| class.how_it_ended(s) == crate::results::HowItEnded::Finished)
                .count();
        }
        Phase::Open { index, .. } => {
            view.phase = "question";
            asking(class, index, true, &mut view);
        }
        Phase::Revealed { index } => {
            view.phase = "revealed";
            asking(class, index, false, &mut view);
            view.reveal = reveal(class, index);
            view.leaderboard = leaderboard(class);
            view.followed = followed(class, index);
        }
        Phase::Ended => {
            view.phase = "ended";
            view.leaderboard = leaderboard(class);
            view.ending = class.story.as_ref().and_then(|story| {
                let ending = &story.branching.endings[story.reached?];
                Some(ending_view(story, ending, true))
            });
        }
    }
    view
}

/// Paced story: the decision the story follows from the step revealed, as the students see it.
fn followed(class: &Class, index: usize) -> Option<FollowedView> {
    let story = class.story.as_ref().filter(|_| !class.options.self_paced)?;
    let (route, followed) = story.followed_route(index)?;
    Some(followed_view(
        story,
        route,
        *story.met.get(index)?,
        story.route_label(index, followed.route),
        followed.by.name(),
        Some(route.quality),
    ))
}

fn asking(class: &Class, index: usize, open: bool, view: &mut BoardView) {
    if let Some(planned) = class.plan.get(index) {
        view.question = Some(question_view(class, planned, index, open));
        view.answered = class.answered(index);
    }
}

fn reveal(class: &Class, index: usize) -> Option<RevealView> {
    let planned = class.plan.get(index)?;
    let (rows, no_answer) = tally(class, index);
    let answer = result_view(planned, None);
    Some(RevealView {
        bars: rows
            .into_iter()
            .map(|row| BarView {
                letter: row.letter,
                label: row.label,
                count: row.count,
                right: row.right,
            })
            .collect(),
        no_answer,
        correct: answer.correct,
        explanation: answer.explanation,
        source: answer.source,
    })
}

/// Only called where every grade it adds up is shown to the students: at a reveal (paced) and
/// at the end.
fn leaderboard(class: &Class) -> Option<Vec<Standing>> {
    if !class.options.leaderboard {
        return None;
    }
    Some(top_standings(class, BOARD_LEADERBOARD))
}
