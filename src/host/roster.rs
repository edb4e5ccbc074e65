//! The seats of a live class: found by token at once, and ranked once per change of a score
//! rather than once per page that shows the leaderboard. A seat's answers, score and removal
//! change only through [`Roster`]'s methods, and each of them drops the ranking it changes, so
//! the standings can never be older than the answers.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use super::refusal::Refusal;
use crate::engine::describe::round_points;
use crate::engine::{Confidence, Grade, Response};

/// Answers one seat may send in a second, from all its pages together: what one page may send
/// ([`super::server`] takes 20 messages a second from each), so that a seat open in many tabs
/// sends no more than one.
pub(crate) const ANSWERS_PER_SECOND: u32 = 20;

/// Pages that may come back to one seat in a second (reloads, reconnections, new tabs); a page
/// past it is closed and tries again a moment later.
pub(crate) const RETURNS_PER_SECOND: u32 = 10;

/// Answers kept to one question for one seat, the first and every change: each is a line of
/// the journal, so this bounds the journal at this many lines a seat and question.
pub(crate) const ANSWERS_PER_QUESTION: u32 = 50;

/// One answer as given, in the positions the student saw.
#[derive(Debug, Clone)]
pub(crate) struct Given {
    pub shown: Response,
    pub grade: Grade,
    pub seconds: f64,
    /// Extra points for answering fast (the leaderboard only; results files hold the grade).
    pub bonus: f64,
    /// How sure the student said they were, when the class asks.
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone)]
pub(crate) struct Seat {
    pub name: String,
    /// Open connections (tabs, devices) on this seat.
    pub connections: usize,
    /// Self-paced: the question this student is on, and when they came to it.
    pub position: usize,
    pub arrived: Option<Instant>,
    /// Self-paced: the furthest position reached; a student may go back to any question up to it.
    pub furthest: usize,
    /// A self-paced exam: the student handed in, and no answer changes any more.
    pub handed_in: bool,
    /// The first question (0-based) this student could answer, when they joined a paced class
    /// after its first question had opened.
    pub joined_at: Option<usize>,
    /// Whoever holds it is this student; the roster finds seats by it.
    token: String,
    /// By question index.
    answers: BTreeMap<usize, Given>,
    /// The sum of `answers`' points and bonuses, kept with them.
    score: f64,
    removed: bool,
    /// Where the seat is in the order of joining.
    joined: usize,
    /// Answers kept to each question, first and changes (each one a line of the journal).
    kept: BTreeMap<usize, u32>,
    /// Answers sent in the current second, from every page on the seat.
    pace: Pace,
    /// Pages that came back to the seat in the current second.
    returns: Pace,
}

/// What one seat did in the current second.
#[derive(Debug, Clone, Copy, Default)]
struct Pace {
    second: Option<Instant>,
    count: u32,
}

impl Pace {
    /// Counts one more at `now`; whether that is within `most` in its second.
    fn take(&mut self, now: Instant, most: u32) -> bool {
        match self.second {
            Some(start) if now.saturating_duration_since(start) < Duration::from_secs(1) => {
                self.count += 1;
            }
            _ => {
                self.second = Some(now);
                self.count = 1;
            }
        }
        self.count <= most
    }
}

impl Seat {
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// What this student answered, by question index.
    pub(crate) fn answers(&self) -> &BTreeMap<usize, Given> {
        &self.answers
    }

    /// Whether the teacher took the seat away.
    pub(crate) fn removed(&self) -> bool {
        self.removed
    }

    /// The seat's number on the teacher's `who` list: its place in the order of joining, from 1.
    /// It stays when others are removed, so that a number read off the list still means its
    /// student.
    pub(crate) fn number(&self) -> usize {
        self.joined + 1
    }
}

/// Every seat ever taken, in the order of joining; removed seats stay, so that their answers
/// reach the results and their pages learn they were removed.
#[derive(Clone, Default)]
pub(crate) struct Roster {
    seats: Vec<Seat>,
    /// Token to place in `seats`.
    by_token: HashMap<String, usize>,
    /// Seats not removed.
    students: usize,
    /// By question: how many seats not removed have answered it.
    answered: HashMap<usize, usize>,
    /// Made when first asked for after a change.
    ranking: OnceCell<Ranking>,
}

/// The seats still in the class, best first; equal scores keep the order of joining and share
/// a place.
#[derive(Clone)]
struct Ranking {
    /// Places in `seats`, best first.
    order: Vec<usize>,
    /// By place in `seats`: the 1-based place on the leaderboard (shared by equal scores), 0
    /// for a removed seat.
    places: Vec<usize>,
}

impl Roster {
    /// Seats a student. Tokens are drawn at random; should one come twice, it finds the first
    /// seat it took.
    pub(crate) fn seat_with(&mut self, token: String, name: String) -> &mut Seat {
        let joined = self.seats.len();
        self.by_token.entry(token.clone()).or_insert(joined);
        self.seats.push(Seat {
            name,
            token,
            connections: 0,
            position: 0,
            furthest: 0,
            handed_in: false,
            arrived: None,
            joined_at: None,
            answers: BTreeMap::new(),
            score: 0.0,
            removed: false,
            joined,
            kept: BTreeMap::new(),
            pace: Pace::default(),
            returns: Pace::default(),
        });
        self.students += 1;
        self.ranking.take();
        &mut self.seats[joined]
    }

    /// Every seat, removed ones too, in the order of joining.
    pub(crate) fn all(&self) -> &[Seat] {
        &self.seats
    }

    /// The seats still in the class, to change what the ranking does not depend on.
    pub(crate) fn seated_mut(&mut self) -> impl Iterator<Item = &mut Seat> {
        self.seats.iter_mut().filter(|s| !s.removed)
    }

    /// The seat of `token`, removed or not.
    pub(crate) fn find(&self, token: &str) -> Option<&Seat> {
        self.by_token.get(token).map(|&at| &self.seats[at])
    }

    /// The seat of `token` if it is still in the class.
    pub(crate) fn seated(&self, token: &str) -> Option<&Seat> {
        self.find(token).filter(|s| !s.removed)
    }

    /// The same, to change what the ranking does not depend on (connections, progress).
    pub(crate) fn seated_by_token_mut(&mut self, token: &str) -> Option<&mut Seat> {
        let at = *self.by_token.get(token)?;
        Some(&mut self.seats[at]).filter(|s| !s.removed)
    }

    /// Students in the class (seated, not removed).
    pub(crate) fn students(&self) -> usize {
        self.students
    }

    /// Seats still in the class that answered question `index`: counted as answers come, since
    /// the teacher's count line is printed after every one.
    pub(crate) fn answered(&self, index: usize) -> usize {
        self.answered.get(&index).copied().unwrap_or(0)
    }

    /// Whether the seat of `token` may send another answer at `now`: at most
    /// [`ANSWERS_PER_SECOND`] a second from all its pages together, and at most
    /// [`ANSWERS_PER_QUESTION`] kept to question `index`.
    pub(crate) fn may_answer(
        &mut self,
        token: &str,
        index: usize,
        now: Instant,
    ) -> Result<(), Refusal> {
        let seat = self.seated_by_token_mut(token).ok_or(Refusal::NotSeated)?;
        if seat.kept.get(&index).copied().unwrap_or(0) >= ANSWERS_PER_QUESTION {
            return Err(Refusal::TooManyAnswers(ANSWERS_PER_QUESTION as usize));
        }
        if !seat.pace.take(now, ANSWERS_PER_SECOND) {
            return Err(Refusal::TooFast);
        }
        Ok(())
    }

    /// Whether a page may come back to the seat of `token` at `now`: at most
    /// [`RETURNS_PER_SECOND`] a second, so that one token cannot churn through connections.
    pub(crate) fn may_return(&mut self, token: &str, now: Instant) -> bool {
        self.seated_by_token_mut(token)
            .is_some_and(|seat| seat.returns.take(now, RETURNS_PER_SECOND))
    }

    /// Keeps (or replaces) the answer of a seat still in the class to question `index`;
    /// whether it was the seat's first answer to it.
    pub(crate) fn keep(
        &mut self,
        token: &str,
        index: usize,
        given: Given,
    ) -> Result<bool, Refusal> {
        let seat = self.seated_by_token_mut(token).ok_or(Refusal::NotSeated)?;
        *seat.kept.entry(index).or_default() += 1;
        let first = seat.answers.insert(index, given).is_none();
        // Added up from 0 in question order each time, as the points are shown.
        seat.score = seat
            .answers
            .values()
            .fold(0.0, |total, g| total + g.grade.earned + g.bonus);
        if first {
            *self.answered.entry(index).or_default() += 1;
        }
        self.ranking.take();
        Ok(first)
    }

    /// Takes the seat of `token` away; its token, or `None` when it was not in the class.
    pub(crate) fn remove(&mut self, token: &str) -> Option<String> {
        let at = *self.by_token.get(token)?;
        let seat = &mut self.seats[at];
        if seat.removed {
            return None;
        }
        seat.removed = true;
        self.students -= 1;
        for index in seat.answers.keys() {
            if let Some(count) = self.answered.get_mut(index) {
                *count -= 1;
            }
        }
        self.ranking.take();
        Some(seat.token.clone())
    }

    /// Every seat still in the class with its score, best first; equal scores keep the order
    /// of joining.
    pub(crate) fn standings(&self) -> impl Iterator<Item = (&Seat, f64)> {
        self.ranking()
            .order
            .iter()
            .map(|&at| (&self.seats[at], self.seats[at].score))
    }

    /// A seat's 1-based place in [`Roster::standings`]; `None` for a removed seat.
    pub(crate) fn place(&self, seat: &Seat) -> Option<usize> {
        self.ranking()
            .places
            .get(seat.joined)
            .copied()
            .filter(|&p| p > 0)
    }

    fn ranking(&self) -> &Ranking {
        self.ranking.get_or_init(|| {
            let mut order: Vec<usize> = (0..self.seats.len())
                .filter(|&at| !self.seats[at].removed)
                .collect();
            order.sort_by(|&a, &b| self.seats[b].score.total_cmp(&self.seats[a].score));
            // Equal points, as shown, share a place; the next place counts everyone above it
            // (1, 2, 2, 4).
            let mut places = vec![0; self.seats.len()];
            let mut above: Option<(f64, usize)> = None;
            for (rank, &at) in order.iter().enumerate() {
                let shown = round_points(self.seats[at].score);
                let place = match above {
                    Some((points, place)) if points == shown => place,
                    _ => rank + 1,
                };
                above = Some((shown, place));
                places[at] = place;
            }
            Ranking { order, places }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Grade, Response};

    fn given(earned: f64, bonus: f64) -> Given {
        Given {
            shown: Response::Choice(0),
            grade: Grade { earned, max: 1.0 },
            seconds: 1.0,
            bonus,
            confidence: None,
        }
    }

    fn ranked(roster: &Roster) -> Vec<(String, f64, Option<usize>)> {
        roster
            .standings()
            .map(|(seat, score)| (seat.name.clone(), score, roster.place(seat)))
            .collect()
    }

    fn row(name: &str, score: f64, place: usize) -> (String, f64, Option<usize>) {
        (name.to_owned(), score, Some(place))
    }

    #[test]
    fn the_standings_and_the_answer_counts_follow_every_answer_and_removal() {
        let mut roster = Roster::default();
        for name in ["Ana", "Ben", "Cleo"] {
            roster.seat_with(format!("token-{name}"), name.to_owned());
        }
        assert_eq!(
            ranked(&roster),
            [row("Ana", 0.0, 1), row("Ben", 0.0, 1), row("Cleo", 0.0, 1)]
        );

        roster.keep("token-Cleo", 0, given(1.0, 0.25)).unwrap();
        roster.keep("token-Ben", 0, given(1.0, 0.25)).unwrap();
        roster.keep("token-Ana", 0, given(0.0, 0.0)).unwrap();
        assert_eq!(
            ranked(&roster),
            [
                row("Ben", 1.25, 1),
                row("Cleo", 1.25, 1),
                row("Ana", 0.0, 3)
            ]
        );

        assert_eq!((roster.answered(0), roster.answered(1)), (3, 0));

        // A changed answer counts instead of the first one, not on top of it.
        roster.keep("token-Ana", 0, given(1.0, 0.5)).unwrap();
        assert_eq!(roster.answered(0), 3);
        assert_eq!(ranked(&roster)[0], row("Ana", 1.5, 1));

        assert_eq!(roster.remove("token-Ana"), Some("token-Ana".to_owned()));
        assert_eq!(roster.remove("token-Ana"), None);
        assert_eq!(roster.students(), 2);
        assert_eq!(ranked(&roster), [row("Ben", 1.25, 1), row("Cleo", 1.25, 1)]);
        let ana = roster.find("token-Ana").unwrap();
        assert!(ana.removed());
        assert_eq!(roster.place(ana), None);
        assert!(roster.seated("token-Ana").is_none());
        assert!(roster.keep("token-Ana", 1, given(1.0, 0.0)).is_err());
        assert_eq!((roster.answered(0), roster.answered(1)), (2, 0));

        roster.seat_with("token-Dan".to_owned(), "Dan".to_owned());
        assert_eq!(ranked(&roster)[2], row("Dan", 0.0, 3));
        roster.keep("token-Dan", 0, given(1.0, 0.0)).unwrap();
        assert_eq!(
            ranked(&roster),
            [
                row("Ben", 1.25, 1),
                row("Cleo", 1.25, 1),
                row("Dan", 1.0, 3)
            ]
        );
    }

    #[test]
    fn a_seat_answers_at_a_steady_pace_and_each_question_takes_a_bounded_number_of_changes() {
        let mut roster = Roster::default();
        roster.seat_with("token-Ana".to_owned(), "Ana".to_owned());
        let start = Instant::now();
        for _ in 0..ANSWERS_PER_SECOND {
            roster.may_answer("token-Ana", 0, start).unwrap();
        }
        let refused = roster.may_answer("token-Ana", 0, start).unwrap_err();
        assert_eq!(refused, Refusal::TooFast);
        let next_second = start + Duration::from_secs(1);
        roster.may_answer("token-Ana", 0, next_second).unwrap();

        // Every answer kept is a line of the journal: a question takes so many, then no more.
        for _ in 0..ANSWERS_PER_QUESTION {
            roster.keep("token-Ana", 1, given(1.0, 0.0)).unwrap();
        }
        let later = start + Duration::from_secs(10);
        let refused = roster.may_answer("token-Ana", 1, later).unwrap_err();
        assert!(matches!(refused, Refusal::TooManyAnswers(_)), "{refused}");
        roster.may_answer("token-Ana", 2, later).unwrap();
        assert!(roster.may_answer("token-Nobody", 0, later).is_err());
    }
}
