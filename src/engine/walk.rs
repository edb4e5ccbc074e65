//! Walking a branching scenario: one decision at a time, from its start to an ending.
//!
//! The walk knows nothing of screens: a front end asks the current step as it asks any
//! question, hands the answer to [`Walk::decide`] and tells the story from the route taken. The
//! score is the points of the decisions taken out of the best path's; a step decided again (a
//! loop back after a poor decision) counts with its first decision only, so that going round
//! a loop never earns what deciding well the first time would have.

use super::grade::{Grade, Verdict, grade};
use super::response::Response;
use super::select::{Planned, display_order};
use super::shuffle::SeededRng;
use crate::bank::branching::{BestPath, Branching, Ending, Next, Quality, Route, Routes};
use crate::bank::{Bank, Scenario};

/// One decision taken on the way.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Index of the step in the scenario.
    pub step: usize,
    /// In the author's order.
    pub response: Response,
    pub grade: Grade,
    pub quality: Quality,
    /// What this decision earns.
    pub points: f64,
    /// What the best decision at this step earns.
    pub best_points: f64,
    /// The first decision at its step: the one the score counts.
    pub counted: bool,
    pub next: Next,
    pub seconds: f64,
}

impl Decision {
    /// "1 of 2 points": what the decision earned of what the best one at its step earns.
    pub fn earned_text(&self) -> String {
        let unit = if self.best_points == 1.0 {
            "point"
        } else {
            "points"
        };
        format!(
            "{} of {} {unit}",
            super::describe::points(self.points),
            super::describe::points(self.best_points)
        )
    }
}

/// A learner's way through one branching scenario.
#[derive(Debug, Clone)]
pub struct Walk<'b> {
    pub bank: &'b Bank,
    pub scenario: &'b Scenario,
    pub branching: &'b Branching,
    /// The order each step's choices or items are shown in, drawn once from the seed so that a
    /// step met again looks the same.
    display: Vec<Vec<usize>>,
    at: Next,
    decisions: Vec<Decision>,
    decided: Vec<bool>,
}

impl<'b> Walk<'b> {
    /// A walk from the start of `scenario`, if it branches. `shuffle` mixes each step's choices
    /// (as the step allows) in an order drawn from `seed`.
    pub fn new(bank: &'b Bank, scenario: &'b Scenario, seed: u64, shuffle: bool) -> Option<Self> {
        let branching = scenario.branching.as_ref()?;
        let mut rng = SeededRng::new(seed);
        let display = branching
            .steps
            .iter()
            .map(|s| display_order(&s.question, shuffle, &mut rng))
            .collect();
        Some(Walk {
            bank,
            scenario,
            branching,
            display,
            at: Next::Step(branching.start),
            decisions: Vec::new(),
            decided: vec![false; branching.steps.len()],
        })
    }

    /// The step to decide now, as a question planned to be asked; none at an ending.
    pub fn current(&self) -> Option<Planned<'b>> {
        let Next::Step(step) = self.at else {
            return None;
        };
        Some(self.planned(step))
    }

    /// Step `step` as a question planned to be asked, its choices in the walk's order.
    pub fn planned(&self, step: usize) -> Planned<'b> {
        Planned {
            bank: self.bank,
            question: &self.branching.steps[step].question,
            scenario: Some(self.scenario),
            display: self.display[step].clone(),
        }
    }

    /// The index of the step to decide now; none at an ending.
    pub fn at_step(&self) -> Option<usize> {
        match self.at {
            Next::Step(step) => Some(step),
            Next::Ending(_) => None,
        }
    }

    /// Takes the decision `response` (in the author's order) at the current step and moves on
    /// along its route. None at an ending.
    pub fn decide(&mut self, response: Response, seconds: f64) -> Option<&Decision> {
        let Next::Step(step) = self.at else {
            return None;
        };
        let decision = judge(self.branching, step, response, seconds, !self.decided[step]);
        self.decided[step] = true;
        self.at = decision.next;
        self.decisions.push(decision);
        self.decisions.last()
    }

    /// A decision taken, in words: the choice, or for a step of another kind its prompt and
    /// the answer given.
    pub fn decision_text(&self, decision: &Decision) -> String {
        let step = &self.branching.steps[decision.step];
        in_context(
            step,
            super::describe::response_text(&step.question, &decision.response),
        )
    }

    /// The best decision at step `step`, in words, as [`Walk::decision_text`] puts a decision.
    pub fn best_decision_text(&self, step: usize) -> String {
        let step = &self.branching.steps[step];
        in_context(step, super::describe::key_text(&step.question))
    }

    /// The route a decision took.
    pub fn route(&self, decision: &Decision) -> &'b Route {
        route_of(self.branching, decision)
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The ending reached, once it is.
    pub fn ending(&self) -> Option<&'b Ending> {
        match self.at {
            Next::Ending(ending) => Some(&self.branching.endings[ending]),
            Next::Step(_) => None,
        }
    }

    /// The points earned, never more than the best path's, and the best path's points.
    pub fn score(&self) -> (f64, f64) {
        let best = self.branching.best_points();
        let earned: f64 = self
            .decisions
            .iter()
            .filter(|d| d.counted)
            .map(|d| d.points)
            .sum();
        (earned.min(best), best)
    }

    /// The steps of the best path and the ending it reaches.
    pub fn best_path(&self) -> (Vec<usize>, Option<usize>) {
        match self.branching.best_path() {
            BestPath::Ends { steps, ending } => (steps, Some(ending)),
            BestPath::Loops { steps, .. } => (steps, None),
        }
    }

    /// Whether the learner took the best path: the best decision at each step, to its ending.
    pub fn took_best_path(&self) -> bool {
        let (steps, ending) = self.best_path();
        let taken: Vec<usize> = self.decisions.iter().map(|d| d.step).collect();
        let reached = match self.at {
            Next::Ending(e) => Some(e),
            Next::Step(_) => None,
        };
        taken == steps
            && reached == ending
            && self.decisions.iter().all(|d| d.quality == Quality::Best)
    }
}

/// The decision `response` (in the author's order) is at step `step`: its grade, quality,
/// points and where it leads. `counted`: the first decision at its step, the one a score counts.
pub fn judge(
    branching: &Branching,
    step: usize,
    response: Response,
    seconds: f64,
    counted: bool,
) -> Decision {
    let at = &branching.steps[step];
    let graded = grade(&at.question, &response);
    let route = route_for(&at.routes, &response, graded);
    Decision {
        step,
        points: route.points.unwrap_or(graded.earned),
        best_points: crate::bank::branching::best_route_points(at),
        quality: route.quality,
        next: route.next,
        response,
        grade: graded,
        counted,
        seconds,
    }
}

/// The route a decision took.
pub fn route_of<'b>(branching: &'b Branching, decision: &Decision) -> &'b Route {
    let routes = &branching.steps[decision.step].routes;
    route_for(routes, &decision.response, decision.grade)
}

/// For each step met in turn, whether it is met for the first time: the meeting whose
/// decision a score counts.
pub fn first_meetings(met: &[usize]) -> Vec<bool> {
    let mut seen = std::collections::HashSet::new();
    met.iter().map(|step| seen.insert(*step)).collect()
}

/// One learner's decisions along a path others chose. In a paced live class the story follows
/// the class, and each student decides on their own at every step the class meets: they earn
/// their decision's points at each step met (the first meeting of a step counts, as in a walk),
/// out of the best decision's points at those steps. A step met and not decided earns nothing.
#[derive(Debug, Clone)]
pub struct Along {
    /// At each step met, in turn: the learner's decision, if they took one.
    pub decisions: Vec<Option<Decision>>,
    pub earned: f64,
    /// The best decisions' points at the steps met.
    pub best: f64,
}

/// The decisions `picks` (in the author's order, with their seconds) at the steps `met`.
pub fn along(branching: &Branching, met: &[usize], picks: &[Option<(Response, f64)>]) -> Along {
    let firsts = first_meetings(met);
    let decisions: Vec<Option<Decision>> = met
        .iter()
        .zip(&firsts)
        .enumerate()
        .map(|(n, (&step, &counted))| {
            let (response, seconds) = picks.get(n).cloned().flatten()?;
            Some(judge(branching, step, response, seconds, counted))
        })
        .collect();
    let earned = decisions
        .iter()
        .flatten()
        .filter(|d| d.counted)
        .map(|d| d.points)
        .sum();
    let best = met
        .iter()
        .zip(&firsts)
        .filter(|(_, counted)| **counted)
        .map(|(&step, _)| crate::bank::branching::best_route_points(&branching.steps[step]))
        .sum();
    Along {
        decisions,
        earned,
        best,
    }
}

/// A choice speaks for itself; any other answer needs the question it answers.
fn in_context(step: &crate::bank::branching::Step, answer: String) -> String {
    match &step.routes {
        Routes::ByChoice(_) => answer,
        Routes::ByVerdict { .. } => format!("{} — {answer}", step.question.prompt.trim()),
    }
}

/// The route `response` takes: its choice's in a `single` step, else its verdict's.
pub fn route_for<'r>(routes: &'r Routes, response: &Response, graded: Grade) -> &'r Route {
    match routes {
        Routes::ByChoice(choices) => {
            // A choice that is not there (no front end of ours sends one) is graded wrong, and
            // leads where the poorest choice leads.
            let poorest = || {
                choices
                    .iter()
                    .max_by_key(|r| r.quality)
                    .unwrap_or_else(|| routes.best())
            };
            match response {
                Response::Choice(i) => choices.get(*i).unwrap_or_else(poorest),
                _ => poorest(),
            }
        }
        Routes::ByVerdict {
            right,
            partly,
            wrong,
        } => match graded.verdict() {
            Verdict::Right => right,
            Verdict::Partial => partly.as_deref().unwrap_or(wrong),
            Verdict::Wrong => wrong,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankFile, load};

    fn night_desk() -> Vec<Bank> {
        let bytes = std::fs::read("tests/fixtures/branching.yaml").expect("the fixture");
        let loaded = load(&[BankFile {
            origin: "branching.yaml".into(),
            bytes,
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks
    }

    fn step_id(walk: &Walk) -> String {
        walk.current()
            .map(|p| p.question.id.clone())
            .unwrap_or_default()
    }

    #[test]
    fn the_best_decisions_earn_the_best_paths_points_and_its_ending() {
        let banks = night_desk();
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        assert_eq!(step_id(&walk), "first-move");
        walk.decide(Response::Choice(0), 1.0);
        assert_eq!(step_id(&walk), "second-source");
        walk.decide(Response::Bool(false), 1.0);
        assert_eq!(walk.ending().map(|e| e.id.as_str()), Some("scoop"));
        assert_eq!(walk.score(), (3.0, 3.0));
        assert!(walk.took_best_path());
        assert!(walk.decide(Response::Choice(0), 1.0).is_none());
    }

    #[test]
    fn a_poor_decision_costs_its_points_even_when_the_way_back_is_taken() {
        let banks = night_desk();
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        let poor = walk.decide(Response::Choice(2), 1.0).unwrap();
        assert_eq!(
            (poor.quality, poor.points, poor.best_points),
            (Quality::Poor, 0.0, 2.0)
        );
        assert_eq!(step_id(&walk), "rushed");
        walk.decide(Response::Choice(0), 1.0);
        walk.decide(Response::Bool(true), 1.0);
        assert_eq!(walk.ending().map(|e| e.id.as_str()), Some("corrected"));
        // Taking it down earns its point; the poor start and the wrong answer earn nothing.
        assert_eq!(walk.score(), (1.0, 3.0));
        assert!(!walk.took_best_path());
    }

    #[test]
    fn a_choice_that_is_not_there_is_a_poor_decision() {
        let banks = night_desk();
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        let decision = walk.decide(Response::Choice(9), 1.0).unwrap();
        assert_eq!((decision.quality, decision.points), (Quality::Poor, 0.0));
        assert_eq!(step_id(&walk), "rushed");
    }

    #[test]
    fn along_a_class_path_each_step_met_counts_once_and_a_step_not_decided_earns_nothing() {
        let banks = night_desk();
        let branching = banks[0].scenarios[0].branching.as_ref().unwrap();
        // The class met first-move, rushed, first-move again (a step met twice), second-source.
        let met = [0, 1, 0, 2];
        let picks = [
            Some((Response::Choice(1), 1.0)),
            None,
            Some((Response::Choice(0), 1.0)),
            Some((Response::Bool(false), 1.0)),
        ];
        let along = along(branching, &met, &picks);
        let counted: Vec<Option<bool>> = along
            .decisions
            .iter()
            .map(|d| d.as_ref().map(|d| d.counted))
            .collect();
        assert_eq!(counted, [Some(true), None, Some(false), Some(true)]);
        // The acceptable first pick (1 of 2), nothing at rushed (of 1), the right answer (1 of 1).
        assert_eq!((along.earned, along.best), (2.0, 4.0));
    }

    #[test]
    fn an_acceptable_decision_earns_half_the_best_decisions_points_by_default() {
        let banks = night_desk();
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        let acceptable = walk.decide(Response::Choice(1), 1.0).unwrap();
        assert_eq!((acceptable.points, acceptable.best_points), (1.0, 2.0));
    }
}

#[cfg(test)]
mod verdicts {
    use super::*;
    use crate::bank::{BankFile, load};

    /// A scenario of one `multiple` step: all right leads to `good`, partly right to `fair`.
    const BANK: &str = "id: v\ntitle: V\nversion: 1\nsources:\n  - {id: s, title: S, author: A}\n\
        scenarios:\n  - id: pick\n    title: Pick\n    text: Pick the right ones.\n    start: which\n    steps:\n\
        \x20     - id: which\n        kind: multiple\n        prompt: Which two?\n        points: 2\n\
        \x20       source: {id: s, section: A}\n        choices:\n\
        \x20         - {text: A, correct: true}\n          - {text: B, correct: true}\n          - {text: C}\n\
        \x20       outcomes:\n          right: {next: good, consequence: All good.}\n\
        \x20         partly: {next: fair, consequence: Half of it.}\n          wrong: {next: bad, consequence: None of it.}\n\
        \x20   endings:\n      - {id: good, text: G, rating: best, debrief: D}\n\
        \x20     - {id: fair, text: F, rating: acceptable, debrief: D}\n      - {id: bad, text: B, rating: poor, debrief: D}\n";

    fn banks() -> Vec<Bank> {
        let loaded = load(&[BankFile {
            origin: "v.yaml".into(),
            bytes: BANK.as_bytes().to_vec(),
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks
    }

    #[test]
    fn a_partly_right_answer_takes_the_partly_route_and_earns_its_grade() {
        let banks = banks();
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        let decision = walk.decide(Response::Choices(vec![0]), 1.0).unwrap();
        assert_eq!(decision.quality, Quality::Acceptable);
        assert_eq!((decision.points, decision.best_points), (1.0, 2.0));
        assert_eq!(walk.ending().map(|e| e.id.as_str()), Some("fair"));
        assert_eq!(walk.route(&walk.decisions()[0]).consequence, "Half of it.");
        assert_eq!(walk.score(), (1.0, 2.0));
    }

    #[test]
    fn a_right_answer_takes_the_best_route() {
        let banks = banks();
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        walk.decide(Response::Choices(vec![0, 1]), 1.0);
        assert_eq!(walk.ending().map(|e| e.id.as_str()), Some("good"));
        assert_eq!(walk.score(), (2.0, 2.0));
    }
}
