//! What each student's page shows, built from the class. Before a question is revealed its view
//! carries no key, no explanation and no other student's answer.

use std::time::Instant;

use super::class::{Class, Given, Phase, Seat};
use super::protocol::{
    self, CertaintyView, EndingView, FollowedView, Leaderboard, QuestionView, ResultView,
    ReviewedView, ScenarioView, Standing, StoryView, StudentView, SummaryView,
};
use super::shared_part::SharedPart;
use super::story::Story;
use crate::bank::branching::{Ending, Quality, Route, best_route_points};
use crate::bank::{Bank, Question};
use crate::engine::confidence::total as certainty_total;
use crate::engine::describe::{key_text, picked_whys, response_text, round_points};
use crate::engine::session::{form, to_author_order};
use crate::engine::walk::judge;
use crate::engine::{Form, Planned, Verdict};
use crate::export::{Format, exporter};
use crate::text::reflow;

/// What the view of a question is built from, besides the class's options, which do not change.
pub(crate) struct QuestionKey {
    question: &'static Question,
    /// The order its choices are shown in.
    display: Vec<usize>,
    index: usize,
    open: bool,
    /// Questions planned so far (a paced story plans its steps as it meets them).
    planned: usize,
}

impl PartialEq for QuestionKey {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.question, other.question)
            && self.display == other.display
            && self.index == other.index
            && self.open == other.open
            && self.planned == other.planned
    }
}

/// Names on the leaderboard a student sees.
const LEADERBOARD_SIZE: usize = 5;

/// The screen of the student holding `token`; `None` for a token that has no seat.
pub(crate) fn student_view(class: &Class, token: &str) -> Option<StudentView> {
    let seat = class.seat_or_removed(token)?;
    let mut view = StudentView {
        phase: protocol::Phase::Lobby,
        name: seat.name.clone(),
        title: quiz_title(class),
        quiz_time_left: quiz_time_left(class, seat, Instant::now()),
        students: class.students(),
        score: class.score_shown(seat).map(round_points),
        self_paced: class.options.self_paced,
        asks_confidence: class.asks_confidence(),
        question: None,
        answer: None,
        confidence: None,
        result: None,
        leaderboard: None,
        summary: None,
        story: None,
        review: None,
        handed_in: seat.handed_in,
    };
    if seat.removed() {
        view.phase = protocol::Phase::Removed;
        return Some(view);
    }
    match class.phase {
        Phase::Lobby => {}
        Phase::Paused => view.phase = protocol::Phase::Paused,
        Phase::Ended => finished(class, seat, &mut view),
        Phase::Open { index, .. } if !class.options.self_paced => {
            asking(class, seat, index, true, &mut view);
        }
        Phase::Revealed { index } => {
            asking(class, seat, index, false, &mut view);
            revealed(class, seat, index, &mut view);
        }
        Phase::Open { .. } if class.story.is_some() && class.options.self_paced => {
            walking(class, seat, &mut view);
        }
        Phase::Open { .. } if seat.position >= class.plan.len() || time_up(class, seat) => {
            view.phase = protocol::Phase::Done;
            if !class.options.exam {
                view.summary = Some(summary(class, seat));
            } else if !seat.handed_in {
                view.review = Some(review_list(class, seat));
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
    if let Some(story) = &class.story {
        story_view(class, story, seat, &mut view);
    }
    Some(view)
}

/// Each question of a self-paced exam, and whether the student has answered it: nothing that
/// depends on the key.
fn review_list(class: &Class, seat: &Seat) -> Vec<protocol::ReviewItem> {
    class
        .plan
        .iter()
        .enumerate()
        .map(|(index, planned)| protocol::ReviewItem {
            number: index + 1,
            prompt: planned.question.prompt.trim().to_owned(),
            answered: seat.answers().contains_key(&index),
        })
        .collect()
}

/// The title a class shows: the branching scenario's, or the titles of the banks asked from.
pub(crate) fn quiz_title(class: &Class) -> String {
    if let Some(story) = &class.story {
        return story.scenario.title.clone();
    }
    let mut titles: Vec<&str> = Vec::new();
    for planned in &class.plan {
        if !titles.contains(&planned.bank.title.as_str()) {
            titles.push(&planned.bank.title);
        }
    }
    titles.join(" · ")
}

/// Self-paced with a timer, while the class runs: the whole seconds left of the student's own
/// time for the whole quiz (the timer, with their extra time).
fn quiz_time_left(class: &Class, seat: &Seat, now: Instant) -> Option<u64> {
    let (Phase::Open { opened, .. }, Some(timer)) = (class.phase, class.timer_for(&seat.name))
    else {
        return None;
    };
    if !class.options.self_paced {
        return None;
    }
    let left = timer.saturating_sub(now.saturating_duration_since(opened));
    Some(left.as_secs() + u64::from(left.subsec_nanos() > 0))
}

/// A self-paced student whose own time is up while classmates with extra time go on: their
/// quiz is over, as if every question were answered.
fn time_up(class: &Class, seat: &Seat) -> bool {
    class.options.self_paced && class.story.is_none() && class.out_of_time(seat, Instant::now())
}

/// A self-paced student's own walk: the step to decide, the consequence of the decision just
/// taken (judged unless in an exam) until they move on, then at the ending its text (its
/// rating and debrief unless in an exam).
fn walking(class: &Class, seat: &Seat, view: &mut StudentView) {
    let Some(story) = &class.story else { return };
    let walk = story.walk(seat.token());
    let index = seat.position;
    let mut shown = StoryView {
        title: story.scenario.title.clone(),
        followed: None,
        ending: None,
    };
    if let Some(decision) = walk.decisions().get(index) {
        asking(class, seat, index, false, view);
        let marks = class.grade_shown(seat, index);
        if marks {
            revealed(class, seat, index, view);
        }
        shown.followed = Some(followed_view(
            story,
            walk.route(decision),
            decision.step,
            story.route_label_of(decision.step, &decision.response),
            "you",
            marks.then_some(decision.quality),
        ));
    } else if walk.ending().is_some() {
        view.phase = protocol::Phase::Done;
        if !class.options.exam {
            view.summary = Some(summary(class, seat));
        }
        shown.ending = walk
            .ending()
            .map(|e| ending_view(story, e, !class.options.exam));
    } else {
        asking(class, seat, index, class.answerable(seat).is_some(), view);
    }
    view.story = Some(shown);
}

/// Where the story stands, unless [`walking`] said so already (self-paced, while the class
/// runs): paced, at a reveal the decision the class follows; at the end, the ending reached.
fn story_view(class: &Class, story: &Story, seat: &Seat, view: &mut StudentView) {
    if view.story.is_some() || seat.removed() {
        return;
    }
    let mut shown = StoryView {
        title: story.scenario.title.clone(),
        followed: None,
        ending: None,
    };
    match class.phase {
        Phase::Revealed { index } if !class.options.self_paced => {
            if let Some((route, followed)) = story.followed_route(index) {
                let step = story.met[index];
                let quality = route.quality;
                shown.followed = Some(followed_view(
                    story,
                    route,
                    step,
                    story.route_label(index, followed.route),
                    followed.by.name(),
                    Some(quality),
                ));
            }
        }
        Phase::Ended => {
            let ending = if class.options.self_paced {
                story.walk(seat.token()).ending()
            } else {
                story.reached.map(|e| &story.branching.endings[e])
            };
            shown.ending = ending.map(|e| ending_view(story, e, true));
        }
        _ => {}
    }
    view.story = Some(shown);
}

pub(crate) fn followed_view(
    story: &Story,
    route: &Route,
    step: usize,
    choice: String,
    by: &'static str,
    quality: Option<Quality>,
) -> FollowedView {
    let question = &story.branching.steps[step].question;
    let citation = route.citation.as_ref().unwrap_or(&question.citation);
    FollowedView {
        choice,
        by,
        consequence: reflow(route.consequence.trim()),
        quality: quality.map(Quality::name),
        source: story.bank.source_line(citation),
    }
}

/// An ending; with `marks`, its rating and debrief.
pub(crate) fn ending_view(story: &Story, ending: &Ending, marks: bool) -> EndingView {
    EndingView {
        title: ending.title.clone().unwrap_or_else(|| ending.id.clone()),
        text: ending.text.trim().to_owned(),
        rating: marks.then(|| ending.rating.name()),
        debrief: marks.then(|| ending.debrief.trim().to_owned()),
        source: ending
            .citation
            .as_ref()
            .filter(|_| marks)
            .map(|c| story.bank.source_line(c)),
    }
}

fn asking(class: &Class, seat: &Seat, index: usize, open: bool, view: &mut StudentView) {
    let Some(planned) = class.planned_for(seat.token(), index) else {
        return;
    };
    view.phase = protocol::Phase::Question;
    let key = QuestionKey {
        question: planned.question,
        display: planned.display.clone(),
        index,
        open,
        planned: class.plan.len(),
    };
    let mut question = class
        .question_views
        .get_or_build(key, || question_view(class, &planned, index, open));
    // A student with extra time counts down their own, longer limit.
    let own_limit = class.timer_for(&seat.name).map(|t| t.as_secs());
    if let Some(shared) = question.as_ref().filter(|q| q.time_limit.is_some())
        && shared.time_limit != own_limit
    {
        let mut own = QuestionView::clone(shared);
        own.time_limit = own_limit;
        question = SharedPart::new(own);
    }
    view.question = question;
    view.answer = seat.answers().get(&index).map(|g| g.shown.clone());
    view.confidence = seat.answers().get(&index).and_then(|g| g.confidence);
}

/// The result of question `index` and the leaderboard. Only called where every grade the
/// leaderboard adds up is shown: a revealed question (paced), an answered one in self-paced
/// practice, whose answers are locked once sent, and the end.
fn revealed(class: &Class, seat: &Seat, index: usize, view: &mut StudentView) {
    let Some(planned) = class.planned_for(seat.token(), index) else {
        return;
    };
    view.phase = protocol::Phase::Revealed;
    let given = seat.answers().get(&index);
    let mut result = result_view(&planned, given);
    if class.story.is_some() {
        // Out of the best decision's points, or none at a step decided before.
        result.max = given.map_or_else(|| step_points(class, &planned), |g| g.grade.max);
        result.quality = decision_quality(class, seat, index).map(Quality::name);
    }
    view.result = Some(result);
    view.leaderboard = leaderboard(class, seat);
}

fn finished(class: &Class, seat: &Seat, view: &mut StudentView) {
    view.phase = protocol::Phase::Ended;
    view.summary = Some(summary(class, seat));
    if let Some(summary) = &mut view.summary {
        let missed = missed_banks(class, seat);
        if !missed.is_empty() {
            summary.missed_for_anki = Some(exporter(Format::Anki).export(&missed).text);
            summary.missed_as_bank = Some(exporter(Format::Yaml).export(&missed).text);
        }
    }
    view.leaderboard = leaderboard(class, seat);
}

/// How good a student's own decision at question `index` of a branching scenario was.
fn decision_quality(class: &Class, seat: &Seat, index: usize) -> Option<Quality> {
    let story = class.story.as_ref()?;
    if class.options.self_paced {
        return story
            .walk(seat.token())
            .decisions()
            .get(index)
            .map(|d| d.quality);
    }
    let planned = class.plan.get(index)?;
    let given = seat.answers().get(&index)?;
    let response = to_author_order(planned, given.shown.clone());
    Some(judge(story.branching, story.met[index], response, 0.0, true).quality)
}

/// What a question is worth: a step of a branching scenario, its best decision's points.
fn step_points(class: &Class, planned: &Planned) -> f64 {
    let question = planned.question;
    class
        .story
        .as_ref()
        .and_then(|story| {
            story
                .branching
                .steps
                .iter()
                .find(|s| s.question.id == question.id)
        })
        .map_or(question.points, best_route_points)
}

pub(crate) fn question_view(
    class: &Class,
    planned: &Planned,
    index: usize,
    open: bool,
) -> QuestionView {
    let question = planned.question;
    // Where the story goes after a step of a branching scenario is not known yet.
    let total = if class.story.is_some() {
        0
    } else {
        class.plan.len()
    };
    let points = step_points(class, planned);
    let (options, targets, unit) = match form(planned) {
        Form::Single { choices } | Form::Multiple { choices } => (choices, Vec::new(), None),
        Form::TrueFalse | Form::Short => (Vec::new(), Vec::new(), None),
        Form::Numeric { unit } => (Vec::new(), Vec::new(), unit),
        Form::Order { items } => (items, Vec::new(), None),
        Form::Match { left, right } => (left, right, None),
    };
    QuestionView {
        number: index + 1,
        total,
        kind: question.kind().name(),
        prompt: question.prompt.trim().to_owned(),
        points,
        scenario: planned.scenario.map(|s| ScenarioView {
            title: s.title.clone(),
            // Lines a bank wraps by hand are one paragraph on a phone and on the board.
            text: reflow(&s.text),
        }),
        options,
        targets,
        unit,
        time_limit: class
            .options
            .timer
            .filter(|_| !class.options.self_paced)
            .map(|t| t.as_secs()),
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
        quality: None,
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
        top: top_standings(class, LEADERBOARD_SIZE),
        place: class.place(seat).unwrap_or(class.students()),
    })
}

/// The first `n` of the standings, as a leaderboard shows them: equal points share a place.
pub(crate) fn top_standings(class: &Class, n: usize) -> Vec<Standing> {
    class
        .standings()
        .take(n)
        .filter_map(|(seat, score)| {
            Some(Standing {
                place: class.place(seat)?,
                name: seat.name.clone(),
                score: round_points(score),
            })
        })
        .collect()
}

fn summary(class: &Class, seat: &Seat) -> SummaryView {
    if let Some(story) = &class.story {
        return story_summary(class, story, seat);
    }
    let questions = (0..class.plan.len())
        .filter_map(|index| {
            let planned = class.planned_for(seat.token(), index)?;
            Some(ReviewedView {
                number: index + 1,
                prompt: planned.question.prompt.trim().to_owned(),
                result: result_view(&planned, seat.answers().get(&index)),
            })
        })
        .collect();
    SummaryView {
        score: round_points(seat.answers().values().map(|g| g.grade.earned).sum()),
        max: class.plan.iter().map(|p| p.question.points).sum(),
        certainty: certainty_total(&class.outcome(seat)).map(|(marks, best)| CertaintyView {
            marks: round_points(marks),
            best,
        }),
        answered: seat.answers().len(),
        total: class.plan.len(),
        questions,
        missed_for_anki: None,
        missed_as_bank: None,
    }
}

/// A branching scenario's score: the student's decisions against the best decisions at the
/// steps met (paced), or against the best path (self-paced), as the results file counts them.
fn story_summary(class: &Class, story: &Story, seat: &Seat) -> SummaryView {
    let (score, max) = if class.options.self_paced {
        story.walk(seat.token()).score()
    } else {
        class
            .along(seat)
            .map_or((0.0, 0.0), |along| (along.earned, along.best))
    };
    SummaryView {
        certainty: None,
        score: round_points(score),
        max,
        answered: seat.answers().len(),
        total: if class.options.self_paced {
            seat.answers().len()
        } else {
            class.plan.len()
        },
        questions: Vec::new(),
        missed_for_anki: None,
        missed_as_bank: None,
    }
}

/// The questions of the quiz `seat` did not answer right, bank by bank, for the student to take
/// home. Built only at the end, once every answer is final; none for a branching scenario, whose
/// walk is its own lesson.
fn missed_banks(class: &Class, seat: &Seat) -> Vec<Bank> {
    if class.story.is_some() {
        return Vec::new();
    }
    let missed = |index: &usize| {
        seat.answers()
            .get(index)
            .is_none_or(|g| g.grade.verdict() != Verdict::Right)
    };
    let mut banks: Vec<Bank> = Vec::new();
    for (index, planned) in class.plan.iter().enumerate() {
        if !missed(&index) || banks.iter().any(|b| b.id == planned.bank.id) {
            continue;
        }
        let ids: Vec<&str> = class
            .plan
            .iter()
            .enumerate()
            .filter(|(i, p)| p.bank.id == planned.bank.id && missed(i))
            .map(|(_, p)| p.question.id.as_str())
            .collect();
        banks.push(planned.bank.with_only(|q| ids.contains(&q.id.as_str())));
    }
    banks
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::host::class::tests::{class_with_timer, open_for};

    fn question_of(class: &Class, token: &str) -> SharedPart<QuestionView> {
        student_view(class, token).unwrap().question.unwrap()
    }

    #[test]
    fn the_question_is_built_once_for_the_class_and_again_when_it_closes() {
        let mut class = class_with_timer(Some(30));
        class.options.extra_time = BTreeMap::from([("ana".to_owned(), 50)]);
        let (ana, _) = class.join("K7HQW", "Ana").unwrap();
        let (ben, _) = class.join("K7HQW", "Ben").unwrap();
        let (cleo, _) = class.join("K7HQW", "Cleo").unwrap();
        open_for(&mut class, 0);
        let for_ben = question_of(&class, &ben);
        let for_cleo = question_of(&class, &cleo);
        assert!(std::ptr::eq(&raw const *for_ben, &raw const *for_cleo));
        assert_eq!(for_ben.time_limit, Some(30));
        // Ana's extra time is hers alone.
        assert_eq!(question_of(&class, &ana).time_limit, Some(45));
        assert_eq!(question_of(&class, &cleo).time_limit, Some(30));

        class.reveal().unwrap();
        let revealed = question_of(&class, &ben);
        assert!(!revealed.open);
        assert_eq!(revealed.number, for_ben.number);
        assert!(for_ben.open);
    }
}
