//! What each student's page shows, built from the class. Before a question is revealed its view
//! carries no key, no explanation and no other student's answer.

use super::class::{Class, Given, Phase, Seat};
use super::protocol::{
    Leaderboard, MissedView, QuestionView, ResultView, ScenarioView, Standing, StudentView,
    SummaryView,
};
use crate::engine::describe::{key_text, picked_whys, response_text, round_points};
use crate::engine::session::{form, to_author_order};
use crate::engine::{Form, Planned, Verdict};

/// Names on the leaderboard a student sees.
const LEADERBOARD_SIZE: usize = 5;

/// The screen of the student holding `token`; `None` for a token that has no seat.
pub(crate) fn student_view(class: &Class, token: &str) -> Option<StudentView> {
    let seat = class.seat_or_removed(token)?;
    let mut view = StudentView {
        phase: "lobby",
        name: seat.name.clone(),
        students: class.students(),
        score: class.score_shown(seat).map(round_points),
        self_paced: class.options.self_paced,
        question: None,
        answer: None,
        result: None,
        leaderboard: None,
        summary: None,
    };
    if seat.removed() {
        view.phase = "removed";
        return Some(view);
    }
    match class.phase {
        Phase::Lobby => {}
        Phase::Paused => view.phase = "paused",
        Phase::Ended => finished(class, seat, &mut view),
        Phase::Open { index, .. } if !class.options.self_paced => {
            asking(class, seat, index, true, &mut view);
        }
        Phase::Revealed { index } => {
            asking(class, seat, index, false, &mut view);
            revealed(class, seat, index, &mut view);
        }
        Phase::Open { .. } if seat.position >= class.plan.len() => {
            view.phase = "done";
            if !class.options.exam {
                view.summary = Some(summary(class, seat));
            }
        }
        Phase::Open { .. } => {
            let index = seat.position;
            let open = class.answerable(seat).is_some();
            asking(class, seat, index, open, &mut view);
            if class.grade_shown(seat, index) {
                revealed(class, seat, index, &mut view);
            }
        }
    }
    Some(view)
}

fn asking(class: &Class, seat: &Seat, index: usize, open: bool, view: &mut StudentView) {
    view.phase = "question";
    view.question = Some(question_view(class, index, open));
    view.answer = seat.answers().get(&index).map(|g| g.shown.clone());
}

/// The result of question `index` and the leaderboard. Only called where every grade the
/// leaderboard adds up is shown: a revealed question (paced), an answered one in self-paced
/// practice, whose answers are locked once sent, and the end.
fn revealed(class: &Class, seat: &Seat, index: usize, view: &mut StudentView) {
    view.phase = "revealed";
    view.result = Some(result_view(&class.plan[index], seat.answers().get(&index)));
    view.leaderboard = leaderboard(class, seat);
}

fn finished(class: &Class, seat: &Seat, view: &mut StudentView) {
    view.phase = "ended";
    view.summary = Some(summary(class, seat));
    view.leaderboard = leaderboard(class, seat);
}

pub(crate) fn question_view(class: &Class, index: usize, open: bool) -> QuestionView {
    let planned = &class.plan[index];
    let question = planned.question;
    let (options, targets, unit) = match form(planned) {
        Form::Single { choices } | Form::Multiple { choices } => (choices, Vec::new(), None),
        Form::TrueFalse | Form::Short => (Vec::new(), Vec::new(), None),
        Form::Numeric { unit } => (Vec::new(), Vec::new(), unit),
        Form::Order { items } => (items, Vec::new(), None),
        Form::Match { left, right } => (left, right, None),
    };
    QuestionView {
        number: index + 1,
        total: class.plan.len(),
        kind: question.kind().name(),
        prompt: question.prompt.trim().to_owned(),
        points: question.points,
        scenario: planned.scenario.map(|s| ScenarioView {
            title: s.title.clone(),
            text: s.text.trim_end().to_owned(),
        }),
        options,
        targets,
        unit,
        time_limit: class.options.timer.map(|t| t.as_secs()),
        open,
    }
}

pub(crate) fn result_view(planned: &Planned, given: Option<&Given>) -> ResultView {
    let question = planned.question;
    let response = given.map(|g| to_author_order(planned, g.shown.clone()));
    let verdict = given.map_or("unanswered", |g| verdict_word(g.grade.verdict()));
    ResultView {
        verdict,
        earned: given.map_or(0.0, |g| round_points(g.grade.earned + g.bonus)),
        max: question.points,
        your_answer: response.as_ref().map(|r| response_text(question, r)),
        correct: key_text(question),
        explanation: question.explanation.trim().to_owned(),
        source: planned.bank.source_line(&question.citation),
        why: response
            .as_ref()
            .map(|r| {
                picked_whys(question, r)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn verdict_word(verdict: Verdict) -> &'static str {
    verdict.word()
}

fn leaderboard(class: &Class, seat: &Seat) -> Option<Leaderboard> {
    if !class.options.leaderboard {
        return None;
    }
    Some(Leaderboard {
        top: class
            .standings()
            .take(LEADERBOARD_SIZE)
            .map(|(s, score)| Standing {
                name: s.name.clone(),
                score: round_points(score),
            })
            .collect(),
        place: class.place(seat).unwrap_or(class.students()),
    })
}

fn summary(class: &Class, seat: &Seat) -> SummaryView {
    let missed = class
        .plan
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            seat.answers()
                .get(index)
                .is_none_or(|g| g.grade.verdict() != Verdict::Right)
        })
        .map(|(index, planned)| MissedView {
            number: index + 1,
            prompt: planned.question.prompt.trim().to_owned(),
            correct: key_text(planned.question),
            explanation: planned.question.explanation.trim().to_owned(),
            source: planned.bank.source_line(&planned.question.citation),
        })
        .collect();
    SummaryView {
        score: round_points(seat.answers().values().map(|g| g.grade.earned).sum()),
        max: class.plan.iter().map(|p| p.question.points).sum(),
        answered: seat.answers().len(),
        total: class.plan.len(),
        missed,
    }
}
