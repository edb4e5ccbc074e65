//! A branching scenario walked by a live class.
//!
//! Paced, the class meets one step at a time: every student decides on their own, and at the
//! reveal the story follows the decision most of the class took. A tie goes to the better
//! decision (best, then acceptable, then poor), then to the one the bank lists first; with no
//! answers at all, the story follows the best decision. The teacher may follow another one
//! (`follow B`) before moving on. Each student earns their own decision's points at each step
//! the class met, the first meeting of a step counting ([`crate::engine::walk::along`]).
//!
//! Self-paced, each student walks their own path: one engine walk each.

use std::collections::HashMap;

use super::refusal::{Declined, Refusal};
use crate::bank::branching::{Branching, Next, Route, Routes};
use crate::bank::{Bank, Scenario};
use crate::engine::walk::{Decision, Walk, first_meetings, judge, route_for};
use crate::engine::{Grade, Planned, Response, Verdict};
use crate::text::letter;

/// Who chose the decision the story follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chooser {
    /// Most of the class (or the tie rule).
    Majority,
    /// The teacher, with `follow`.
    Teacher,
}

impl Chooser {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Chooser::Majority => "majority",
            Chooser::Teacher => "teacher",
        }
    }
}

/// The route the story follows from a step: its place in [`Routes::all`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Followed {
    pub route: usize,
    pub by: Chooser,
}

#[derive(Clone)]
pub(crate) struct Story {
    pub bank: &'static Bank,
    pub scenario: &'static Scenario,
    pub branching: &'static Branching,
    /// A walk at the start: the order each step's choices are shown in, drawn once from the
    /// class's seed, the same for every student.
    start: Walk<'static>,
    /// Paced: the steps the class met in turn; the class's question `n` asks step `met[n]`.
    pub met: Vec<usize>,
    /// Paced: the route the story follows from each step met, once it is revealed.
    pub followed: Vec<Option<Followed>>,
    /// Paced: the ending the class reached.
    pub reached: Option<usize>,
    /// Self-paced: each student's own walk, by token; a student who has not decided yet is
    /// at the start.
    walks: HashMap<String, Walk<'static>>,
}

impl Story {
    pub(crate) fn new(
        bank: &'static Bank,
        scenario: &'static Scenario,
        seed: u64,
        shuffle: bool,
    ) -> Option<Self> {
        let start = Walk::new(bank, scenario, seed, shuffle)?;
        Some(Story {
            bank,
            scenario,
            branching: start.branching,
            met: vec![start.branching.start],
            followed: vec![None],
            reached: None,
            start,
            walks: HashMap::new(),
        })
    }

    /// Step `step` as a question asked in this class.
    pub(crate) fn planned(&self, step: usize) -> Planned<'static> {
        self.start.planned(step)
    }

    /// The walk of the student holding `token` (self-paced).
    pub(crate) fn walk(&self, token: &str) -> &Walk<'static> {
        self.walks.get(token).unwrap_or(&self.start)
    }

    /// The step the student holding `token` decides at their decision `index` (0-based), taken
    /// or to take now (self-paced).
    pub(crate) fn planned_for(&self, token: &str, index: usize) -> Option<Planned<'static>> {
        let walk = self.walk(token);
        match walk.decisions().get(index) {
            Some(decision) => Some(self.planned(decision.step)),
            None if index == walk.decisions().len() => walk.current(),
            None => None,
        }
    }

    /// Self-paced: takes the student's decision `index` and moves their walk on; its grade.
    pub(crate) fn decide(
        &mut self,
        token: &str,
        index: usize,
        response: Response,
        seconds: f64,
    ) -> Result<Grade, Refusal> {
        let walk = self
            .walks
            .entry(token.to_owned())
            .or_insert_with(|| self.start.clone());
        if index != walk.decisions().len() {
            return Err(Refusal::DecisionTaken);
        }
        let decision = walk.decide(response, seconds).ok_or(Refusal::StoryEnded)?;
        Ok(counted_grade(decision))
    }

    /// Paced: the grade of `response` at the class's question `index`.
    pub(crate) fn grade(&self, index: usize, response: Response, seconds: f64) -> Grade {
        let counted = first_meetings(&self.met)[index];
        counted_grade(&judge(
            self.branching,
            self.met[index],
            response,
            seconds,
            counted,
        ))
    }

    /// Paced: how many of `responses` (the class's answers at question `index`, in the
    /// author's order) took each route of its step, in [`Routes::all`]'s order.
    pub(crate) fn split<'r>(
        &self,
        index: usize,
        responses: impl Iterator<Item = &'r Response>,
    ) -> Vec<usize> {
        let step = &self.branching.steps[self.met[index]];
        let routes = step.routes.all();
        let mut counts = vec![0; routes.len()];
        for response in responses {
            let graded = crate::engine::grade(&step.question, response);
            let taken = route_for(&step.routes, response, graded);
            if let Some(place) = routes.iter().position(|r| std::ptr::eq(*r, taken)) {
                counts[place] += 1;
            }
        }
        counts
    }

    /// The route most of the class took: a tie goes to the better decision, then to the first
    /// in the bank's order.
    pub(crate) fn majority(&self, index: usize, split: &[usize]) -> usize {
        let routes = self.branching.steps[self.met[index]].routes.all();
        (0..routes.len())
            .min_by_key(|&r| (std::cmp::Reverse(split[r]), routes[r].quality, r))
            .unwrap_or(0)
    }

    /// The route the story follows from question `index`, once chosen.
    pub(crate) fn followed_route(&self, index: usize) -> Option<(&'static Route, Followed)> {
        let followed = self.followed.get(index).copied().flatten()?;
        let routes = self.branching.steps[self.met[index]].routes.all();
        routes.get(followed.route).map(|r| (*r, followed))
    }

    /// Paced: the class moves on from question `index` along the route it follows: the next
    /// step is met, or the ending reached.
    pub(crate) fn move_on(&mut self, index: usize) -> Result<Next, Declined> {
        let (route, _) = self.followed_route(index).ok_or(Declined::NoDecisionYet)?;
        match route.next {
            Next::Step(step) => {
                self.met.push(step);
                self.followed.push(None);
            }
            Next::Ending(ending) => self.reached = Some(ending),
        }
        Ok(route.next)
    }

    /// The route `typed` names at question `index`: a choice's letter as shown (`B`), or for
    /// a step of another kind the verdict (`right`, `partly`, `wrong`).
    pub(crate) fn route_named(&self, index: usize, typed: &str) -> Result<usize, Declined> {
        let step = &self.branching.steps[self.met[index]];
        let typed = typed.trim().to_lowercase();
        match &step.routes {
            Routes::ByChoice(choices) => {
                let display = &self.planned(self.met[index]).display;
                let letters: Vec<String> = (0..display.len())
                    .map(|i| letter(i).to_lowercase())
                    .collect();
                let shown = letters.iter().position(|l| *l == typed).ok_or_else(|| {
                    Declined::NoSuchChoice {
                        last: letter(choices.len().saturating_sub(1)),
                    }
                })?;
                Ok(display.get(shown).copied().unwrap_or(shown))
            }
            Routes::ByVerdict { partly, .. } => {
                let verdict = match typed.as_str() {
                    "right" => Verdict::Right,
                    "partly" | "partial" if partly.is_some() => Verdict::Partial,
                    "wrong" => Verdict::Wrong,
                    _ => {
                        return Err(Declined::NoSuchVerdict {
                            partly: partly.is_some(),
                        });
                    }
                };
                Ok(match verdict {
                    Verdict::Right => 0,
                    Verdict::Partial => 1,
                    Verdict::Wrong => step.routes.all().len() - 1,
                })
            }
        }
    }

    /// The route `response` (in the author's order) takes at step `step`, in words.
    pub(crate) fn route_label_of(&self, step: usize, response: &Response) -> String {
        let at = &self.branching.steps[step];
        let graded = crate::engine::grade(&at.question, response);
        let taken = route_for(&at.routes, response, graded);
        let place = at
            .routes
            .all()
            .iter()
            .position(|r| std::ptr::eq(*r, taken))
            .unwrap_or(0);
        self.label(step, place)
    }

    /// A route of question `index` in words: the choice's letter and text, or the verdict.
    pub(crate) fn route_label(&self, index: usize, route: usize) -> String {
        self.label(self.met[index], route)
    }

    fn label(&self, at: usize, route: usize) -> String {
        let step = &self.branching.steps[at];
        match &step.routes {
            Routes::ByChoice(_) => {
                let planned = self.planned(at);
                let shown = planned
                    .display
                    .iter()
                    .position(|&a| a == route)
                    .unwrap_or(route);
                let text = match &step.question.key {
                    crate::bank::AnswerKey::Single { choices } => choices
                        .get(route)
                        .map(|c| c.text.trim().to_owned())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                format!("{} {text}", letter(shown))
            }
            Routes::ByVerdict { partly, .. } => {
                let words = if partly.is_some() {
                    ["a right answer", "a partly right answer", "a wrong answer"]
                } else {
                    ["a right answer", "a wrong answer", "a wrong answer"]
                };
                words.get(route).copied().unwrap_or("an answer").to_owned()
            }
        }
    }
}

/// A decision's grade as the class counts it: its points out of the best decision's at its
/// step, or nothing at all at a step decided before.
fn counted_grade(decision: &Decision) -> Grade {
    if decision.counted {
        Grade {
            earned: decision.points,
            max: decision.best_points,
        }
    } else {
        Grade {
            earned: 0.0,
            max: 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::host::class::{Class, ClassOptions};
    use crate::host::journal::{Entry, replay};
    use crate::results::HowItEnded;

    /// A paced class walking the night desk (tests/fixtures/branching.yaml), choices unshuffled.
    fn class() -> Class {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/branching.yaml");
        let files = crate::bank::read_files(&[path]).unwrap();
        let banks: &'static [Bank] = Box::leak(crate::bank::load(&files).banks.into_boxed_slice());
        let options = ClassOptions {
            leaderboard: true,
            speed_bonus: false,
            confidence: false,
            self_paced: false,
            exam: false,
            max_students: 10,
            timer: None,
            extra_time: std::collections::BTreeMap::new(),
        };
        let story = Story::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        Class::new("CODE1".into(), 1, Vec::new(), options, "now".into()).with_story(story)
    }

    fn followed(class: &Class, index: usize) -> Option<Followed> {
        class.story.as_ref().unwrap().followed[index]
    }

    #[test]
    fn the_most_taken_decision_is_followed_and_a_tie_goes_to_the_better_one() {
        let mut class = class();
        let tokens: Vec<String> = ["Ana", "Ben", "Cleo"]
            .iter()
            .map(|name| class.join("CODE1", name).unwrap().0)
            .collect();
        class.start(Instant::now()).unwrap();
        // Ben and Cleo take the poor choice, Ana the best: the majority wins.
        for (token, pick) in tokens.iter().zip([0, 2, 2]) {
            class
                .answer(token, 1, Response::Choice(pick), None, Instant::now())
                .unwrap();
        }
        assert_eq!(class.split(0), [1, 0, 2]);
        class.reveal().unwrap();
        let majority = Followed {
            route: 2,
            by: Chooser::Majority,
        };
        assert_eq!(followed(&class, 0), Some(majority));
        // The acceptable and the poor choice, one each: the acceptable one is followed.
        let mut tied = self::class();
        let (ana, _) = tied.join("CODE1", "Ana").unwrap();
        let (ben, _) = tied.join("CODE1", "Ben").unwrap();
        tied.start(Instant::now()).unwrap();
        tied.answer(&ana, 1, Response::Choice(2), None, Instant::now())
            .unwrap();
        tied.answer(&ben, 1, Response::Choice(1), None, Instant::now())
            .unwrap();
        tied.reveal().unwrap();
        assert_eq!(followed(&tied, 0).map(|f| f.route), Some(1));
        // Nobody decided: the best decision is followed.
        let mut silent = self::class();
        silent.start(Instant::now()).unwrap();
        silent.reveal().unwrap();
        assert_eq!(followed(&silent, 0).map(|f| f.route), Some(0));
    }

    #[test]
    fn a_class_whose_story_ended_replays_to_its_ending() {
        let mut class = class();
        let entries = [
            Entry::Join {
                token: "t1".into(),
                name: "Ana".into(),
            },
            Entry::Open { question: 0 },
            Entry::Answer {
                token: "t1".into(),
                question: 0,
                shown: Response::Choice(2),
                seconds: 3.0,
                confidence: None,
            },
            Entry::Reveal { question: 0 },
            Entry::Follow {
                question: 0,
                route: 2,
                teacher: false,
            },
            Entry::Open { question: 1 },
            Entry::Answer {
                token: "t1".into(),
                question: 1,
                shown: Response::Choice(1),
                seconds: 2.0,
                confidence: None,
            },
            Entry::Reveal { question: 1 },
            Entry::Follow {
                question: 1,
                route: 1,
                teacher: true,
            },
            Entry::Ending { question: 1 },
        ];
        replay(&mut class, &entries, Instant::now()).unwrap();
        let story = class.story.as_ref().unwrap();
        assert_eq!(story.met, [0, 1]);
        assert_eq!(story.reached, Some(2));
        let seat = class.seat("t1").unwrap();
        assert_eq!(class.how_it_ended(seat), HowItEnded::Finished);
        let (walk, _) = class.walk_entry(seat).unwrap();
        assert_eq!(walk.ending.as_deref(), Some("retracted"));
        assert_eq!((walk.score, walk.best_score), (0.0, 3.0));
    }
}
