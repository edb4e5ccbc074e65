//! A branching scenario walked, as a results file records it: the path of decisions, the ending
//! reached and the score against the best path.

use serde::{Deserialize, Serialize};

use crate::bank::branching::{BestPath, Branching, Ending, Next};
use crate::bank::fingerprint::scenario_hash;
use crate::bank::{Bank, Scenario};
use crate::engine::Response;
use crate::engine::describe::response_text;
use crate::engine::walk::{Along, Decision, Walk, along};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WalkEntry {
    pub bank: String,
    pub scenario: String,
    /// Every decision in the order taken, a step met again included.
    pub path: Vec<DecisionEntry>,
    /// The id of the ending reached; none when the walk stopped before one.
    pub ending: Option<String>,
    /// `best`, `acceptable` or `poor`: the rating of the ending reached.
    pub rating: Option<String>,
    /// The points of the decisions taken (the first at each step), at most `best_score`.
    pub score: f64,
    /// The points of the best path.
    pub best_score: f64,
    /// The step ids of the best path, and its ending last.
    pub best_path: Vec<String>,
    /// See `bank::fingerprint::scenario_hash`; absent in files written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_hash: Option<String>,
    /// Walked by a paced live class together: the steps the class met in turn, and its ending
    /// last once it reached one. The story followed the class, so `path` holds this learner's
    /// own decision at each step met (where it would have led in `next`), `ending` is the
    /// class's, and `best_score` is the best decisions' points at the steps met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_path: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DecisionEntry {
    pub step: String,
    pub kind: String,
    pub response: Response,
    /// The response in words, as the learner saw it.
    pub answer_text: String,
    /// `best`, `acceptable` or `poor`.
    pub quality: String,
    pub points: f64,
    /// What the best decision at this step earns.
    pub best_points: f64,
    /// Whether the score counts it: the first decision at its step does.
    pub counted: bool,
    /// The id of the step or ending it led to.
    pub next: String,
    pub seconds: f64,
}

impl WalkEntry {
    pub fn new(walk: &Walk) -> Self {
        let (score, best_score) = walk.score();
        let walked = Walked {
            branching: walk.branching,
            bank: &walk.bank.id,
            scenario: &walk.scenario.id,
            ending: walk.ending(),
            hash: scenario_hash(walk.bank, walk.scenario),
        };
        walked.entry(walk.decisions().iter(), score, best_score, None)
    }

    /// One learner's decisions along the path a paced class took together: `met`, the steps
    /// the class met in turn, and `ending`, the one it reached.
    pub fn along(
        bank: &Bank,
        scenario: &Scenario,
        met: &[usize],
        ending: Option<usize>,
        along: &Along,
    ) -> Option<Self> {
        let branching = scenario.branching.as_ref()?;
        let walked = Walked {
            branching,
            bank: &bank.id,
            scenario: &scenario.id,
            ending: ending.map(|e| &branching.endings[e]),
            hash: scenario_hash(bank, scenario),
        };
        let mut class_path: Vec<String> =
            met.iter().map(|&s| walked.id_of(Next::Step(s))).collect();
        class_path.extend(ending.map(|e| walked.id_of(Next::Ending(e))));
        let decisions = along.decisions.iter().flatten();
        Some(walked.entry(decisions, along.earned, along.best, Some(class_path)))
    }

    /// The walk taken again on `bank`, decision by decision, by the engine's rules: what its
    /// decisions earn and where they lead there, whatever the file says they did. None when the
    /// bank has no such branching scenario.
    pub fn recount(&self, bank: &Bank) -> Option<Recounted> {
        let scenario = bank.scenarios.iter().find(|s| s.id == self.scenario)?;
        match &self.class_path {
            None => self.recount_alone(bank, scenario),
            Some(class_path) => self.recount_along(bank, scenario, class_path),
        }
    }

    /// A walk the learner led: each decision must be met where the one before it led.
    fn recount_alone(&self, bank: &Bank, scenario: &Scenario) -> Option<Recounted> {
        // Responses are recorded in the author's order: the order shown plays no part.
        let mut walk = Walk::new(bank, scenario, 0, false)?;
        let mut strayed_at = None;
        for decision in &self.path {
            let at = walk
                .at_step()
                .map(|step| walk.branching.steps[step].question.id.as_str());
            if at != Some(decision.step.as_str()) {
                strayed_at = Some(decision.step.clone());
                break;
            }
            walk.decide(decision.response.clone(), decision.seconds);
        }
        Some(Recounted {
            entry: WalkEntry::new(&walk),
            strayed_at,
        })
    }

    /// A walk a paced class took together: the class's path must follow the scenario's routes,
    /// and the learner's decisions are counted at the steps the class met, as the live class
    /// counts them (`engine::walk::along`).
    fn recount_along(
        &self,
        bank: &Bank,
        scenario: &Scenario,
        class_path: &[String],
    ) -> Option<Recounted> {
        let branching = scenario.branching.as_ref()?;
        let (met, ending, mut strayed_at) = class_route(branching, class_path);
        // The learner's decisions, in turn, at the steps met; a step met and not decided has none.
        let mut decisions = self.path.iter().peekable();
        let picks: Vec<Option<(Response, f64)>> = met
            .iter()
            .map(|&step| {
                let id = &branching.steps[step].question.id;
                decisions
                    .next_if(|d| &d.step == id)
                    .map(|d| (d.response.clone(), d.seconds))
            })
            .collect();
        if let Some(left) = decisions.next() {
            strayed_at.get_or_insert_with(|| left.step.clone());
        }
        let along = along(branching, &met, &picks);
        Some(Recounted {
            entry: WalkEntry::along(bank, scenario, &met, ending, &along)?,
            strayed_at,
        })
    }
}

/// The steps of a class's path and its ending, as far as each follows a route of the step before
/// it; the first id that does not is returned with them.
fn class_route(
    branching: &Branching,
    class_path: &[String],
) -> (Vec<usize>, Option<usize>, Option<String>) {
    let mut met = Vec::new();
    let mut at = Next::Step(branching.start);
    for (n, id) in class_path.iter().enumerate() {
        let here = match at {
            Next::Step(step) if branching.steps[step].question.id == *id => step,
            Next::Ending(e) if branching.endings[e].id == *id && n + 1 == class_path.len() => {
                return (met, Some(e), None);
            }
            _ => return (met, None, Some(id.clone())),
        };
        met.push(here);
        let Some(following) = class_path.get(n + 1) else {
            break;
        };
        let route = branching.steps[here]
            .routes
            .all()
            .into_iter()
            .find(|r| match r.next {
                Next::Step(s) => branching.steps[s].question.id == *following,
                Next::Ending(e) => branching.endings[e].id == *following,
            });
        match route {
            Some(route) => at = route.next,
            None => return (met, None, Some(following.clone())),
        }
    }
    (met, None, None)
}

/// What a results file says of any walk.
struct Walked<'a> {
    branching: &'a Branching,
    bank: &'a str,
    scenario: &'a str,
    ending: Option<&'a Ending>,
    hash: String,
}

impl Walked<'_> {
    fn id_of(&self, next: Next) -> String {
        match next {
            Next::Step(s) => self.branching.steps[s].question.id.clone(),
            Next::Ending(e) => self.branching.endings[e].id.clone(),
        }
    }

    fn entry<'d>(
        &self,
        decisions: impl Iterator<Item = &'d Decision>,
        score: f64,
        best_score: f64,
        class_path: Option<Vec<String>>,
    ) -> WalkEntry {
        let branching = self.branching;
        let path = decisions
            .map(|d| {
                let question = &branching.steps[d.step].question;
                DecisionEntry {
                    step: question.id.clone(),
                    kind: question.kind().name().to_owned(),
                    response: d.response.clone(),
                    answer_text: response_text(question, &d.response),
                    quality: d.quality.name().to_owned(),
                    points: d.points,
                    best_points: d.best_points,
                    counted: d.counted,
                    next: self.id_of(d.next),
                    seconds: (d.seconds * 1000.0).round() / 1000.0,
                }
            })
            .collect();
        let (steps, ending) = match branching.best_path() {
            BestPath::Ends { steps, ending } => (steps, Some(ending)),
            BestPath::Loops { steps, .. } => (steps, None),
        };
        let mut best_path: Vec<String> = steps
            .into_iter()
            .map(|s| self.id_of(Next::Step(s)))
            .collect();
        best_path.extend(ending.map(|e| self.id_of(Next::Ending(e))));
        WalkEntry {
            bank: self.bank.to_owned(),
            scenario: self.scenario.to_owned(),
            path,
            ending: self.ending.map(|e| e.id.clone()),
            rating: self.ending.map(|e| e.rating.name().to_owned()),
            score,
            best_score,
            best_path,
            scenario_hash: Some(self.hash.clone()),
            class_path,
        }
    }
}

/// A recorded walk taken again on its bank.
pub struct Recounted {
    /// The walk as the engine counts it.
    pub entry: WalkEntry,
    /// The step of the first decision recorded where the scenario did not lead (the walk is
    /// elsewhere, or already at an ending): it and the decisions after it are not taken.
    pub strayed_at: Option<String>,
}
