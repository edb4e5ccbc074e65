//! A live class as plain state: who sits in it, which question is open, what each student
//! answered. The server and the teacher's terminal change it through these methods and read
//! views of it; nothing here knows about sockets, threads or the terminal.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::protocol::QuestionView;
use super::refusal::{Declined, Refusal};
use super::roster::Roster;
pub(crate) use super::roster::{Given, Seat};
use super::seat::{clean_name, new_token, same_code, same_name, shows_a_letter};
use super::shared_part::Memo;
use super::story::{Chooser, Followed, Story};
use super::views::QuestionKey;
use crate::bank::branching::Next;
use crate::engine::describe::round_points;
use crate::engine::session::{form, to_author_order};
use crate::engine::walk::{Along, along};
use crate::engine::{
    Answered, Confidence, Ending, Form, Grade, Mode, Outcome, Planned, Response, grade,
};
use crate::results::{BankRef, HowItEnded, WalkEntry};
use crate::text::normalize_text;

/// How the class runs, from the command line.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ClassOptions {
    pub leaderboard: bool,
    pub speed_bonus: bool,
    pub self_paced: bool,
    /// No feedback until the end (self-paced only).
    pub exam: bool,
    pub max_students: usize,
    pub timer: Option<Duration>,
    /// Students say how sure they are of each answer; their results carry it and their summary
    /// shows certainty-based marks. Journals of older versions have none.
    #[serde(default)]
    pub confidence: bool,
    /// `--extra-time`: the percent more time a student, by name, has on each timed question.
    #[serde(default)]
    pub extra_time: BTreeMap<String, u32>,
}

/// Where the class is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Phase {
    Lobby,
    /// Question `index` (0-based) takes answers; self-paced classes stay here until the end.
    Open {
        index: usize,
        opened: Instant,
    },
    /// Question `index` is closed and its answer shown.
    Revealed {
        index: usize,
    },
    /// The host is stopping without ending the class: `--resume` continues it where it was.
    Paused,
    Ended,
}

/// What ended a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClassEnd {
    /// The teacher moved on from the last question.
    LastQuestion,
    /// The teacher typed `end`.
    Teacher,
    /// The time of a self-paced class ran out.
    TimeUp,
}

/// The longest typed answer taken, in characters.
pub(crate) const ANSWER_LIMIT: usize = 1000;

/// The least time an open question has left when a paused class continues.
const GRACE: Duration = Duration::from_secs(10);

/// Without a timer, the speed bonus counts down over this long.
const BONUS_WINDOW: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub(crate) struct Class {
    pub code: String,
    pub seed: u64,
    /// When the class was set up, as results files record it.
    pub started_at: String,
    pub plan: Vec<Planned<'static>>,
    pub options: ClassOptions,
    seats: Roster,
    pub phase: Phase,
    /// What ended the class, and the last question (0-based) it had opened then.
    ended: Option<(ClassEnd, Option<usize>)>,
    /// The branching scenario the class walks instead of a quiz. Paced, `plan` holds the steps
    /// the class has met so far.
    pub story: Option<Story>,
    /// The question on the students' screens, built once for all of them.
    pub(crate) question_views: Memo<QuestionKey, QuestionView>,
}

impl Class {
    pub(crate) fn new(
        code: String,
        seed: u64,
        plan: Vec<Planned<'static>>,
        options: ClassOptions,
        started_at: String,
    ) -> Self {
        Class {
            code,
            seed,
            started_at,
            plan,
            options,
            seats: Roster::default(),
            phase: Phase::Lobby,
            ended: None,
            story: None,
            question_views: Memo::default(),
        }
    }

    /// The class walks `story` instead of asking a quiz.
    pub(crate) fn with_story(mut self, story: Story) -> Self {
        self.plan = if self.options.self_paced {
            Vec::new()
        } else {
            vec![story.planned(story.branching.start)]
        };
        self.story = Some(story);
        self
    }

    /// The question `index` (0-based) as the student holding `token` is asked it: the class's,
    /// or in a self-paced story the step of their own walk.
    pub(crate) fn planned_for(&self, token: &str, index: usize) -> Option<Planned<'static>> {
        match &self.story {
            Some(story) if self.options.self_paced => story.planned_for(token, index),
            _ => self.plan.get(index).cloned(),
        }
    }

    /// The seat of `token`, if it is still in the class.
    pub(crate) fn seat(&self, token: &str) -> Option<&Seat> {
        self.seats.seated(token)
    }

    /// The seat of `token`, also when the teacher has taken it away.
    pub(crate) fn seat_or_removed(&self, token: &str) -> Option<&Seat> {
        self.seats.find(token)
    }

    fn seat_mut(&mut self, token: &str) -> Option<&mut Seat> {
        self.seats.seated_by_token_mut(token)
    }

    /// Every seat ever taken, removed ones too, in the order of joining.
    pub(crate) fn seats(&self) -> &[Seat] {
        self.seats.all()
    }

    /// The seats still in the class, in the order of joining.
    pub(crate) fn seated(&self) -> impl Iterator<Item = &Seat> {
        self.seats.all().iter().filter(|s| !s.removed())
    }

    /// Students in the class (seated, not removed).
    pub(crate) fn students(&self) -> usize {
        self.seats.students()
    }

    pub(crate) fn connected(&self) -> usize {
        self.seated().filter(|s| s.connections > 0).count()
    }

    /// Whether `typed` is this class's join code.
    pub(crate) fn takes_code(&self, typed: &str) -> bool {
        same_code(typed, &self.code)
    }

    /// Takes a seat: the cleaned name and a new token, or why not.
    pub(crate) fn join(
        &mut self,
        code: &str,
        typed_name: &str,
    ) -> Result<(String, String), Refusal> {
        if !self.takes_code(code) {
            return Err(Refusal::WrongCode);
        }
        if self.phase == Phase::Ended {
            return Err(Refusal::ClassEnded);
        }
        if self.phase == Phase::Paused {
            return Err(Refusal::ClassPaused);
        }
        let name = clean_name(typed_name);
        if name.is_empty() {
            return Err(Refusal::NoName);
        }
        if !shows_a_letter(&name) {
            return Err(Refusal::NameShowsNothing);
        }
        if self.seated().any(|s| same_name(&s.name, &name)) {
            return Err(Refusal::NameTaken(name));
        }
        if self.students() >= self.options.max_students {
            return Err(Refusal::ClassFull);
        }
        let token = new_token();
        let open = matches!(self.phase, Phase::Open { .. });
        let seat = self.seat_with(token.clone(), name.clone());
        if open {
            seat.arrived = Some(Instant::now());
        }
        Ok((token, name))
    }

    /// Seats a student under a known token (a new join, or one read back from the journal),
    /// noting the first question they can answer if the class has gone past its first.
    pub(crate) fn seat_with(&mut self, token: String, name: String) -> &mut Seat {
        let first_answerable = match self.phase {
            _ if self.options.self_paced => 0,
            Phase::Open { index, .. } => index,
            Phase::Revealed { index } => index + 1,
            Phase::Lobby | Phase::Paused | Phase::Ended => 0,
        };
        let seat = self.seats.seat_with(token, name);
        seat.joined_at = (first_answerable > 0).then_some(first_answerable);
        seat
    }

    /// Back to a seat: its name, or why not.
    pub(crate) fn rejoin(&self, code: &str, token: &str) -> Result<String, Refusal> {
        if !self.takes_code(code) {
            return Err(Refusal::SeatOfAnotherClass);
        }
        self.seat(token)
            .map(|s| s.name.clone())
            .ok_or(Refusal::SeatGone)
    }

    /// Whether a page may come back to the seat of `token` at `now` ([`Roster::may_return`]).
    pub(crate) fn may_return(&mut self, token: &str, now: Instant) -> bool {
        self.seats.may_return(token, now)
    }

    pub(crate) fn connect(&mut self, token: &str) {
        if let Some(seat) = self.seat_mut(token) {
            seat.connections += 1;
        }
    }

    pub(crate) fn disconnect(&mut self, token: &str) {
        if let Some(seat) = self.seat_mut(token) {
            seat.connections = seat.connections.saturating_sub(1);
        }
    }

    /// The question a student answers now (0-based), if any takes answers.
    pub(crate) fn answerable(&self, seat: &Seat) -> Option<usize> {
        match self.phase {
            Phase::Open { index, .. } if !self.options.self_paced => Some(index),
            // A decision, once taken, leads on: it cannot be changed, in an exam either.
            Phase::Open { .. } if let Some(story) = &self.story => {
                let walk = story.walk(seat.token());
                (walk.at_step().is_some() && seat.position == walk.decisions().len())
                    .then_some(seat.position)
            }
            Phase::Open { .. } if seat.position < self.plan.len() && !seat.handed_in => {
                let locked = !self.options.exam && seat.answers().contains_key(&seat.position);
                (!locked).then_some(seat.position)
            }
            _ => None,
        }
    }

    /// Records (or replaces) an answer to question `number` (1-based) sent at `now`, or says why
    /// it was refused; whether it was the student's first answer to it. `shown` uses the
    /// positions the student saw. A seat's answers are limited in pace and in number
    /// ([`Roster::may_answer`]).
    pub(crate) fn answer(
        &mut self,
        token: &str,
        number: usize,
        shown: Response,
        confidence: Option<Confidence>,
        now: Instant,
    ) -> Result<bool, Refusal> {
        let seconds = self.seconds_on(token, now);
        let seat = self.seat(token).ok_or(Refusal::NotSeated)?;
        let Some(index) = self.answerable(seat) else {
            return Err(Refusal::NothingOpen);
        };
        if number != index + 1 {
            return Err(Refusal::NotOpen {
                sent: number,
                open: index + 1,
            });
        }
        if self.out_of_time(seat, now) {
            return Err(Refusal::OutOfTime);
        }
        self.seats.may_answer(token, index, now)?;
        self.record(token, index, shown, seconds, confidence)
    }

    /// Grades and keeps an answer to question `index` (0-based), whether or not it is open now:
    /// the journal's answers were taken when it was. The answer must still fit the question.
    /// Whether it was the student's first answer to it. How sure the student said they were is
    /// kept when the class asks for it, for the questions of a quiz (not a story's decisions).
    pub(crate) fn record(
        &mut self,
        token: &str,
        index: usize,
        shown: Response,
        seconds: f64,
        confidence: Option<Confidence>,
    ) -> Result<bool, Refusal> {
        let planned = self
            .planned_for(token, index)
            .ok_or(Refusal::NoSuchQuestion)?;
        let shown = checked(&form(&planned), shown)?;
        let response = to_author_order(&planned, shown.clone());
        let self_paced = self.options.self_paced;
        let graded = match &mut self.story {
            Some(story) if self_paced => story.decide(token, index, response, seconds)?,
            Some(story) => story.grade(index, response, seconds),
            None => grade(planned.question, &response),
        };
        let bonus = self.bonus(graded, seconds);
        let asks = self.asks_confidence();
        self.seats.keep(
            token,
            index,
            Given {
                shown,
                grade: graded,
                seconds,
                bonus,
                confidence: confidence.filter(|_| asks),
            },
        )
    }

    fn bonus(&self, graded: Grade, seconds: f64) -> f64 {
        if !self.options.speed_bonus {
            return 0.0;
        }
        let window = self.options.timer.unwrap_or(BONUS_WINDOW).as_secs_f64();
        let left = (1.0 - seconds / window).clamp(0.0, 1.0);
        round_points(graded.earned * 0.5 * left)
    }

    /// Whether the grade of `seat`'s answer to question `index` may reach the student: paced,
    /// once the question is revealed; self-paced practice, once its feedback shows (answering
    /// locks the answer and shows it); a self-paced exam, at the end. Until then an answer can
    /// still change, and a grade that moved with it would tell which choice is right. The
    /// score, the result, the leaderboard and the summary all follow this one rule.
    pub(crate) fn grade_shown(&self, seat: &Seat, index: usize) -> bool {
        match self.phase {
            Phase::Ended => true,
            // A paused page shows only that the class is paused.
            Phase::Lobby | Phase::Paused => false,
            Phase::Revealed { index: revealed } => index <= revealed,
            Phase::Open { index: open, .. } if !self.options.self_paced => index < open,
            Phase::Open { .. } => !self.options.exam && seat.answers().contains_key(&index),
        }
    }

    /// The points a student is shown: those of the answers whose grades are shown, with their
    /// speed bonuses. `None` in a self-paced exam until it ends: no score at all, rather than one
    /// that stays at 0 while answers go in.
    pub(crate) fn score_shown(&self, seat: &Seat) -> Option<f64> {
        if self.options.exam && self.phase != Phase::Ended {
            return None;
        }
        // Added up from 0 in question order, as the leaderboard adds them.
        let shown = seat
            .answers()
            .iter()
            .filter(|(index, _)| self.grade_shown(seat, **index))
            .fold(0.0, |total, (_, g)| total + g.grade.earned + g.bonus);
        Some(shown)
    }

    /// Whether students say how sure they are of each answer: asked with `--confidence`, for the
    /// questions of a quiz (a story's decisions are not marked for certainty).
    pub(crate) fn asks_confidence(&self) -> bool {
        self.options.confidence && self.story.is_none()
    }

    /// Self-paced: the student moves on to the next question.
    pub(crate) fn next_for(&mut self, token: &str) -> Result<(), Refusal> {
        if !self.options.self_paced {
            return Err(Refusal::TeacherMovesOn);
        }
        if !matches!(self.phase, Phase::Open { .. }) {
            return Err(Refusal::NotRunning);
        }
        let seat = self.seat(token).ok_or(Refusal::NotSeated)?;
        let total = match &self.story {
            Some(story) => {
                if !seat.answers().contains_key(&seat.position) {
                    return Err(Refusal::DecisionNeeded);
                }
                story.walk(token).decisions().len()
            }
            None => self.plan.len(),
        };
        if seat.handed_in {
            return Err(Refusal::HandedIn);
        }
        let seat = self.seat_mut(token).ok_or(Refusal::NotSeated)?;
        seat.position = (seat.position + 1).min(total);
        seat.furthest = seat.furthest.max(seat.position);
        seat.arrived = Some(Instant::now());
        Ok(())
    }

    /// Self-paced: the student goes back to question `index` (0-based), or on to it again, up
    /// to the furthest they reached. In practice an answered question shows its feedback and
    /// stays as answered; in an exam its answer can be changed until the student hands in.
    pub(crate) fn go_to(&mut self, token: &str, index: usize) -> Result<(), Refusal> {
        if !self.options.self_paced {
            return Err(Refusal::TeacherMovesOn);
        }
        if self.story.is_some() {
            return Err(Refusal::StoryGoesForward);
        }
        if !matches!(self.phase, Phase::Open { .. }) {
            return Err(Refusal::NotRunning);
        }
        if index >= self.plan.len() {
            return Err(Refusal::NoSuchQuestion);
        }
        let seat = self.seat_mut(token).ok_or(Refusal::NotSeated)?;
        if seat.handed_in {
            return Err(Refusal::HandedIn);
        }
        if index > seat.furthest {
            return Err(Refusal::NotReachedYet);
        }
        seat.position = index;
        seat.arrived = Some(Instant::now());
        Ok(())
    }

    /// A self-paced exam: the student hands in; their answers are final.
    pub(crate) fn hand_in(&mut self, token: &str) -> Result<(), Refusal> {
        if !(self.options.self_paced && self.options.exam) || self.story.is_some() {
            return Err(Refusal::NothingToHandIn);
        }
        if !matches!(self.phase, Phase::Open { .. }) {
            return Err(Refusal::NotRunning);
        }
        let total = self.plan.len();
        let seat = self.seat_mut(token).ok_or(Refusal::NotSeated)?;
        seat.handed_in = true;
        seat.position = total;
        seat.furthest = total;
        Ok(())
    }

    /// Seconds since the student holding `token` was shown the question they answer now.
    pub(crate) fn seconds_on(&self, token: &str, now: Instant) -> f64 {
        let shown = match self.phase {
            Phase::Open { opened, .. } => self
                .seat(token)
                .and_then(|s| s.arrived)
                .filter(|_| self.options.self_paced)
                .unwrap_or(opened),
            _ => now,
        };
        (now.saturating_duration_since(shown).as_secs_f64() * 1000.0).round() / 1000.0
    }

    /// Opens the first question (self-paced: lets everyone start).
    pub(crate) fn start(&mut self, now: Instant) -> Result<usize, Declined> {
        match self.phase {
            Phase::Lobby => {
                self.phase = Phase::Open {
                    index: 0,
                    opened: now,
                };
                for seat in self.seats.seated_mut() {
                    seat.arrived = Some(now);
                }
                Ok(0)
            }
            _ => Err(Declined::StartedAlready),
        }
    }

    /// Closes the open question and shows its answer.
    pub(crate) fn reveal(&mut self) -> Result<usize, Declined> {
        match self.phase {
            Phase::Open { index, .. } if !self.options.self_paced => {
                self.phase = Phase::Revealed { index };
                self.follow_majority(index);
                Ok(index)
            }
            Phase::Revealed { index } => Err(Declined::RevealedAlready {
                what: if self.story.is_some() {
                    "decision"
                } else {
                    "question"
                },
                number: index + 1,
            }),
            _ if self.options.self_paced => Err(Declined::NoRevealSelfPaced),
            Phase::Lobby => Err(Declined::NothingOpenYet),
            _ => Err(Declined::NothingOpen),
        }
    }

    /// Paced story: at the reveal of question `index`, the story follows the decision most of
    /// the class took, unless one is followed already.
    fn follow_majority(&mut self, index: usize) {
        let Some(story) = &self.story else { return };
        if story.followed.get(index).is_none_or(Option::is_some) {
            return;
        }
        let split = self.split(index);
        if let Some(story) = &mut self.story {
            let route = story.majority(index, &split);
            story.followed[index] = Some(Followed {
                route,
                by: Chooser::Majority,
            });
        }
    }

    /// Paced story: how many students still in the class took each route of question
    /// `index`'s step.
    pub(crate) fn split(&self, index: usize) -> Vec<usize> {
        let (Some(story), Some(planned)) = (&self.story, self.plan.get(index)) else {
            return Vec::new();
        };
        let responses: Vec<Response> = self
            .seated()
            .filter_map(|s| s.answers().get(&index))
            .map(|g| to_author_order(planned, g.shown.clone()))
            .collect();
        story.split(index, responses.iter())
    }

    /// Paced story: the teacher has the story follow the route `typed` names at the revealed
    /// step; the question and the route.
    pub(crate) fn follow(&mut self, typed: &str) -> Result<(usize, usize), Declined> {
        let Phase::Revealed { index } = self.phase else {
            return Err(Declined::FollowBeforeReveal);
        };
        let story = match &mut self.story {
            Some(story) if !self.options.self_paced => story,
            _ => return Err(Declined::FollowWithoutStory),
        };
        let route = story.route_named(index, typed)?;
        story.followed[index] = Some(Followed {
            route,
            by: Chooser::Teacher,
        });
        Ok((index, route))
    }

    /// Sets the route the story follows from question `index`, as the journal recorded it.
    pub(crate) fn set_followed(&mut self, index: usize, followed: Followed) {
        if let Some(slot) = self.story.as_mut().and_then(|s| s.followed.get_mut(index)) {
            *slot = Some(followed);
        }
    }

    /// Paced story: the step question `index + 1` asks, met along the route followed from
    /// question `index`, is planned; `false` when that route ends the story.
    pub(crate) fn meet_next(&mut self, index: usize) -> Result<bool, Declined> {
        let Some(story) = &mut self.story else {
            return Ok(index + 1 < self.plan.len());
        };
        if index + 1 < self.plan.len() {
            return Ok(true);
        }
        match story.move_on(index)? {
            Next::Step(step) => {
                self.plan.push(story.planned(step));
                Ok(true)
            }
            Next::Ending(_) => Ok(false),
        }
    }

    /// Opens the next question; `None` when there was none left and the class ended.
    pub(crate) fn next(&mut self, now: Instant) -> Result<Option<usize>, Declined> {
        if let Phase::Revealed { index } = self.phase
            && self.story.is_some()
            && !self.meet_next(index)?
        {
            self.end(ClassEnd::LastQuestion);
            return Ok(None);
        }
        match self.phase {
            Phase::Revealed { index } if index + 1 < self.plan.len() => {
                self.phase = Phase::Open {
                    index: index + 1,
                    opened: now,
                };
                Ok(Some(index + 1))
            }
            Phase::Revealed { .. } => {
                self.end(ClassEnd::LastQuestion);
                Ok(None)
            }
            Phase::Open { .. } if !self.options.self_paced => Err(Declined::RevealFirst),
            _ => Err(Declined::NothingToMoveOn),
        }
    }

    pub(crate) fn end(&mut self, how: ClassEnd) {
        let reached = match self.phase {
            Phase::Open { index, .. } | Phase::Revealed { index } => Some(index),
            Phase::Lobby | Phase::Paused | Phase::Ended => None,
        };
        if self.phase != Phase::Ended {
            self.ended = Some((how, reached));
        }
        self.phase = Phase::Ended;
    }

    /// The time the open question (self-paced: the class) has left on the timer, but never
    /// less than [`GRACE`] (or the whole timer, when shorter): when a paused class continues,
    /// the pages need a moment to find it again. `None` without a timer or an open question.
    pub(crate) fn time_left(&self, now: Instant) -> Option<Duration> {
        let (Phase::Open { opened, .. }, Some(timer)) = (self.phase, self.options.timer) else {
            return None;
        };
        let left = timer.saturating_sub(now.saturating_duration_since(opened));
        Some(left.max(timer.min(GRACE)))
    }

    /// How long the student called `name` has on each question of a paced class, or on the
    /// whole quiz of a self-paced one: the timer, with the extra time `--extra-time` gives them.
    /// `None` without a timer.
    pub(crate) fn timer_for(&self, name: &str) -> Option<Duration> {
        let timer = self.options.timer?;
        let extra = self
            .options
            .extra_time
            .iter()
            .find(|(given, _)| same_name(given, name))
            .map_or(0, |(_, percent)| *percent);
        Some(timer + timer * extra / 100)
    }

    /// The longest time a seated student has on each question: the timer, or more when a
    /// student has extra time.
    fn longest_timer(&self) -> Option<Duration> {
        self.seated()
            .filter_map(|seat| self.timer_for(&seat.name))
            .max()
    }

    /// When the open question (self-paced: the quiz) closes for the whole class: once the
    /// student with the most extra time has had theirs (as [`Class::time_left`], never less than
    /// [`GRACE`]).
    pub(crate) fn closes_in(&self, now: Instant) -> Option<Duration> {
        let left = self.time_left(now)?;
        let (Phase::Open { opened, .. }, Some(longest)) = (self.phase, self.longest_timer()) else {
            return Some(left);
        };
        Some(left.max(longest.saturating_sub(now.saturating_duration_since(opened))))
    }

    /// Whether `seat`'s own time on the open question (self-paced: on the quiz) is over while
    /// it stays open for a classmate with more time. Without extra time in the class, the
    /// question's reveal (self-paced: the end of the class) is what closes it.
    pub(crate) fn out_of_time(&self, seat: &Seat, now: Instant) -> bool {
        let (Phase::Open { opened, .. }, Some(own), Some(longest)) =
            (self.phase, self.timer_for(&seat.name), self.longest_timer())
        else {
            return false;
        };
        longest > own && now.saturating_duration_since(opened) > own
    }

    /// Pauses the class; how long the open question (self-paced: the class) had been open, so
    /// that its timer goes on from there when the class continues.
    pub(crate) fn pause(&mut self, now: Instant) -> Option<Duration> {
        let open_for = match self.phase {
            Phase::Open { opened, .. } => Some(now.saturating_duration_since(opened)),
            _ => None,
        };
        self.phase = Phase::Paused;
        open_for
    }

    /// How the quiz ended for one student, for their results file.
    pub(crate) fn how_it_ended(&self, seat: &Seat) -> HowItEnded {
        let last = self.plan.len().saturating_sub(1);
        let reached_the_end = if let Some(story) = &self.story {
            if self.options.self_paced {
                story.walk(seat.token()).ending().is_some()
            } else {
                story.reached.is_some()
            }
        } else if self.options.self_paced {
            seat.furthest >= self.plan.len() || seat.answers().len() == self.plan.len()
        } else {
            matches!(self.ended, Some((_, Some(reached))) if reached == last)
        };
        match self.ended {
            _ if seat.removed() => HowItEnded::Removed,
            _ if reached_the_end => HowItEnded::Finished,
            // Results written at a pause: the class may yet continue.
            _ if self.phase == Phase::Paused => HowItEnded::HostInterrupted,
            Some((ClassEnd::LastQuestion, _)) => HowItEnded::Finished,
            // A student still working when the time ran out.
            Some((ClassEnd::TimeUp, _)) => HowItEnded::TimeUp,
            Some((ClassEnd::Teacher, _)) | None => HowItEnded::StoppedEarly,
        }
    }

    /// Takes a student's seat away; their answers stay in the results. Their token and name.
    pub(crate) fn remove(&mut self, who: &str) -> Result<(String, String), Declined> {
        let seat = self.student_meant(who)?;
        let (token, name) = (seat.token().to_owned(), seat.name.clone());
        self.seats.remove(&token);
        Ok((token, name))
    }

    /// The student the teacher means by `who`: their name, their number on the `who` list, or
    /// the start of one student's name.
    fn student_meant(&self, who: &str) -> Result<&Seat, Declined> {
        if let Some(seat) = self.seated().find(|s| same_name(&s.name, who)) {
            return Ok(seat);
        }
        // Typed again after it worked, a name must not fall through to another's prefix.
        if let Some(seat) = self.seats.all().iter().find(|s| same_name(&s.name, who)) {
            return Err(Declined::RemovedAlready(seat.name.clone()));
        }
        if let Ok(number) = who.trim().parse::<usize>() {
            return match self.seats.all().iter().find(|s| s.number() == number) {
                Some(seat) if !seat.removed() => Ok(seat),
                Some(seat) => Err(Declined::NumberRemovedAlready {
                    number,
                    name: seat.name.clone(),
                }),
                None => Err(Declined::NoStudentNumbered(number)),
            };
        }
        let typed = normalize_text(who);
        let starting: Vec<&Seat> = self
            .seated()
            .filter(|s| !typed.is_empty() && normalize_text(&s.name).starts_with(&typed))
            .collect();
        match starting.as_slice() {
            [seat] => Ok(seat),
            [] => Err(match super::whom::likely_meant(self, who) {
                Some(seat) => Declined::DidYouMean {
                    typed: clean_name(who),
                    name: seat.name.clone(),
                    number: seat.number(),
                },
                None => Declined::NoStudentCalled(clean_name(who)),
            }),
            several => Err(Declined::SeveralStudents {
                count: several.len(),
                typed: clean_name(who),
                names: several.iter().take(5).map(|s| s.name.clone()).collect(),
            }),
        }
    }

    /// Takes the seat of `token` away, as the journal recorded it.
    pub(crate) fn remove_token(&mut self, token: &str) {
        self.seats.remove(token);
    }

    /// Seats that answered question `index`.
    pub(crate) fn answered(&self, index: usize) -> usize {
        self.seats.answered(index)
    }

    /// Every seat still in the class with its score, best first; equal scores keep the order
    /// of joining. Ranked once after each change of a score or of who is in the class.
    pub(crate) fn standings(&self) -> impl Iterator<Item = (&Seat, f64)> {
        self.seats.standings()
    }

    /// A seat's 1-based place in [`Class::standings`]; `None` for a removed seat.
    pub(crate) fn place(&self, seat: &Seat) -> Option<usize> {
        self.seats.place(seat)
    }

    /// What a seat decided in the class's branching scenario, for its results file: their
    /// own walk (self-paced), or their decisions along the class's path (paced).
    pub(crate) fn walk_entry(&self, seat: &Seat) -> Option<(WalkEntry, BankRef)> {
        let story = self.story.as_ref()?;
        let entry = if self.options.self_paced {
            WalkEntry::new(story.walk(seat.token()))
        } else {
            let along = self.along(seat)?;
            WalkEntry::along(
                story.bank,
                story.scenario,
                &story.met,
                story.reached,
                &along,
            )?
        };
        Some((entry, BankRef::of(story.bank)))
    }

    /// Paced story: a seat's decisions at the steps the class met, and their score.
    pub(crate) fn along(&self, seat: &Seat) -> Option<Along> {
        let story = self.story.as_ref()?;
        let picks: Vec<Option<(Response, f64)>> = self
            .plan
            .iter()
            .enumerate()
            .map(|(index, planned)| {
                let given = seat.answers().get(&index)?;
                Some((to_author_order(planned, given.shown.clone()), given.seconds))
            })
            .collect();
        Some(along(story.branching, &story.met, &picks))
    }

    /// What a seat answered, as the engine's outcome of a quiz, for its results file.
    pub(crate) fn outcome(&self, seat: &Seat) -> Outcome<'static> {
        if self.story.is_some() {
            // The decisions go to the walk of the results file ([`Class::walk_entry`]).
            return Outcome {
                plan: Vec::new(),
                answers: Vec::new(),
                ending: if self.how_it_ended(seat) == HowItEnded::Finished {
                    Ending::Finished
                } else {
                    Ending::Interrupted
                },
                mode: if self.options.exam {
                    Mode::Exam
                } else {
                    Mode::Practice
                },
            };
        }
        let answers = seat
            .answers()
            .iter()
            .map(|(&index, given)| Answered {
                index,
                response: to_author_order(&self.plan[index], given.shown.clone()),
                grade: given.grade,
                seconds: given.seconds,
                confidence: given.confidence,
            })
            .collect::<Vec<_>>();
        let ending = if answers.len() == self.plan.len() {
            Ending::Finished
        } else {
            Ending::Interrupted
        };
        Outcome {
            plan: self.plan.clone(),
            answers,
            ending,
            mode: if self.options.exam {
                Mode::Exam
            } else {
                Mode::Practice
            },
        }
    }
}

/// The answer if it fits the question as shown; a plain sentence saying what to send if not.
/// A numeric answer may come as typed text. Repeated picks count once.
fn checked(form: &Form, shown: Response) -> Result<Response, Refusal> {
    let within = |i: &usize, n: usize| *i < n;
    match (form, shown) {
        (Form::Single { choices }, Response::Choice(i)) if within(&i, choices.len()) => {
            Ok(Response::Choice(i))
        }
        (Form::Multiple { choices }, Response::Choices(mut picked))
            if !picked.is_empty() && picked.iter().all(|i| within(i, choices.len())) =>
        {
            picked.sort_unstable();
            picked.dedup();
            Ok(Response::Choices(picked))
        }
        (Form::TrueFalse, Response::Bool(b)) => Ok(Response::Bool(b)),
        (Form::Short, Response::Text(text))
            if !text.trim().is_empty() && text.chars().count() <= ANSWER_LIMIT =>
        {
            Ok(Response::Text(text))
        }
        (Form::Numeric { .. }, Response::Number(n)) if n.is_finite() => Ok(Response::Number(n)),
        (Form::Numeric { unit }, Response::Text(typed)) if typed.len() <= ANSWER_LIMIT => {
            crate::engine::parse_number(&typed, unit.as_deref())
                .map(Response::Number)
                .map_err(|error| Refusal::NotANumber {
                    error,
                    unit: unit.clone(),
                })
        }
        (Form::Order { items }, Response::Order(order)) if is_permutation(&order, items.len()) => {
            Ok(Response::Order(order))
        }
        (Form::Match { left, right }, Response::Match(rights))
            if rights.len() == left.len() && rights.iter().all(|i| within(i, right.len())) =>
        {
            Ok(Response::Match(rights))
        }
        (form, _) => Err(Refusal::DoesNotFit {
            expected: expected(form),
        }),
    }
}

fn is_permutation(order: &[usize], n: usize) -> bool {
    let mut seen = vec![false; n];
    order.len() == n
        && order
            .iter()
            .all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}

fn expected(form: &Form) -> String {
    match form {
        Form::Single { choices } => format!("one choice of {}", choices.len()),
        Form::Multiple { choices } => format!("one or more choices of {}", choices.len()),
        Form::TrueFalse => "true or false".into(),
        Form::Short => format!("a short text of at most {ANSWER_LIMIT} characters"),
        Form::Numeric { .. } => "a number".into(),
        Form::Order { items } => format!("all {} items in an order", items.len()),
        Form::Match { left, .. } => format!("a match for each of the {} items", left.len()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::{PlanOptions, plan};

    pub(crate) fn class_with_timer(timer: Option<u64>) -> Class {
        let banks = Vec::leak(crate::bank::load(&crate::bank::built_in_files()).banks);
        let options = PlanOptions {
            filter: crate::engine::Filter::default(),
            count: Some(3),
            seed: 7,
            shuffle: true,
        };
        Class::new(
            "K7HQW".into(),
            7,
            plan(banks, &options),
            ClassOptions {
                leaderboard: true,
                speed_bonus: false,
                confidence: false,
                self_paced: false,
                exam: false,
                max_students: 10,
                timer: timer.map(Duration::from_secs),
                extra_time: BTreeMap::new(),
            },
            "2026-01-01T09:00:00Z".into(),
        )
    }

    /// Opens the first question; the moment `seconds` after.
    pub(crate) fn open_for(class: &mut Class, seconds: u64) -> Instant {
        let opened = Instant::now();
        class.phase = Phase::Open { index: 0, opened };
        opened + Duration::from_secs(seconds)
    }

    #[test]
    fn an_open_question_has_the_rest_of_its_timer_and_never_less_than_the_grace() {
        let mut class = class_with_timer(Some(30));
        let now = open_for(&mut class, 0);
        assert_eq!(class.time_left(now), Some(Duration::from_secs(30)));
        let now = open_for(&mut class, 12);
        assert_eq!(class.time_left(now), Some(Duration::from_secs(18)));
        let now = open_for(&mut class, 29);
        assert_eq!(class.time_left(now), Some(GRACE));
        let now = open_for(&mut class, 300);
        assert_eq!(class.time_left(now), Some(GRACE));

        let mut short = class_with_timer(Some(3));
        let now = open_for(&mut short, 2);
        assert_eq!(short.time_left(now), Some(Duration::from_secs(3)));
    }

    #[test]
    fn extra_time_keeps_the_question_open_for_its_student_alone() {
        let mut class = class_with_timer(Some(30));
        class.options.extra_time = BTreeMap::from([("ana".to_owned(), 50)]);
        let (ana, _) = class.join("K7HQW", "Ana").unwrap();
        let (ben, _) = class.join("K7HQW", "Ben").unwrap();
        assert_eq!(class.timer_for("Ana"), Some(Duration::from_secs(45)));
        assert_eq!(class.timer_for("Ben"), Some(Duration::from_secs(30)));
        let now = open_for(&mut class, 0);
        assert_eq!(class.closes_in(now), Some(Duration::from_secs(45)));
        assert_eq!(class.time_left(now), Some(Duration::from_secs(30)));
        let now = open_for(&mut class, 35);
        let answer = Response::Choice(0);
        assert_eq!(
            class.answer(&ben, 1, answer.clone(), None, now),
            Err(Refusal::OutOfTime)
        );
        assert_eq!(class.answer(&ana, 1, answer, None, now), Ok(true));
    }

    #[test]
    fn self_paced_extra_time_lengthens_the_quiz_for_its_student_alone() {
        let mut class = class_with_timer(Some(600));
        class.options.self_paced = true;
        class.options.extra_time = BTreeMap::from([("ana".to_owned(), 50)]);
        let (ana, _) = class.join("K7HQW", "Ana").unwrap();
        let (ben, _) = class.join("K7HQW", "Ben").unwrap();
        assert_eq!(class.timer_for("Ana"), Some(Duration::from_secs(900)));
        assert_eq!(class.timer_for("Ben"), Some(Duration::from_secs(600)));
        // The class ends when Ana's time is up; Ben's own ends before.
        let now = open_for(&mut class, 0);
        assert_eq!(class.closes_in(now), Some(Duration::from_secs(900)));
        let now = open_for(&mut class, 700);
        let answer = Response::Choice(0);
        assert_eq!(
            class.answer(&ben, 1, answer.clone(), None, now),
            Err(Refusal::OutOfTime)
        );
        assert_eq!(class.answer(&ana, 1, answer, None, now), Ok(true));
    }

    #[test]
    fn without_extra_time_the_reveal_alone_closes_a_question() {
        let mut class = class_with_timer(Some(30));
        let (ben, _) = class.join("K7HQW", "Ben").unwrap();
        let now = open_for(&mut class, 35);
        assert_eq!(class.closes_in(now), class.time_left(now));
        assert_eq!(
            class.answer(&ben, 1, Response::Choice(0), None, now),
            Ok(true)
        );
    }

    #[test]
    fn no_timer_or_no_open_question_leaves_no_time() {
        let mut untimed = class_with_timer(None);
        let now = open_for(&mut untimed, 5);
        assert_eq!(untimed.time_left(now), None);
        let mut revealed = class_with_timer(Some(30));
        revealed.phase = Phase::Revealed { index: 0 };
        assert_eq!(revealed.time_left(Instant::now()), None);
    }

    #[test]
    fn a_pause_says_how_long_the_question_was_open_and_takes_no_answers() {
        let mut class = class_with_timer(Some(30));
        let (token, _) = class.join("K7HQW", "Ana").unwrap();
        let now = open_for(&mut class, 12);
        assert_eq!(class.pause(now), Some(Duration::from_secs(12)));
        assert_eq!(class.phase, Phase::Paused);
        let seat = class.seat(&token).unwrap();
        assert_eq!(class.answerable(seat), None);
        assert_eq!(class.join("K7HQW", "Ben"), Err(Refusal::ClassPaused));
    }
}
