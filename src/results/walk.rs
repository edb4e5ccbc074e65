//! A branching scenario walked, as a results file records it: the path of decisions, the ending
//! reached and the score against the best path.

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::bank::branching::Next;
use crate::bank::fingerprint::scenario_hash;
use crate::engine::Response;
use crate::engine::describe::response_text;
use crate::engine::walk::Walk;

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
        let branching = walk.branching;
        let id_of = |next: Next| match next {
            Next::Step(s) => branching.steps[s].question.id.clone(),
            Next::Ending(e) => branching.endings[e].id.clone(),
        };
        let path = walk
            .decisions()
            .iter()
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
                    next: id_of(d.next),
                    seconds: (d.seconds * 1000.0).round() / 1000.0,
                }
            })
            .collect();
        let (steps, ending) = walk.best_path();
        let mut best_path: Vec<String> = steps.into_iter().map(|s| id_of(Next::Step(s))).collect();
        best_path.extend(ending.map(|e| id_of(Next::Ending(e))));
        let (score, best_score) = walk.score();
        WalkEntry {
            bank: walk.bank.id.clone(),
            scenario: walk.scenario.id.clone(),
            path,
            ending: walk.ending().map(|e| e.id.clone()),
            rating: walk.ending().map(|e| e.rating.name().to_owned()),
            score,
            best_score,
            best_path,
            scenario_hash: Some(scenario_hash(walk.bank, walk.scenario)),
        }
    }

    /// The walk taken again on `bank`, decision by decision, by the engine's rules: what its
    /// decisions earn and where they lead there, whatever the file says they did. None when the
    /// bank has no such branching scenario.
    pub fn replay<'b>(&self, bank: &'b Bank) -> Option<Replayed<'b>> {
        let scenario = bank.scenarios.iter().find(|s| s.id == self.scenario)?;
        // Responses are recorded in the author's order: the order shown plays no part.
        let mut walk = Walk::new(bank, scenario, 0, false)?;
        for decision in &self.path {
            let at = walk
                .at_step()
                .map(|step| walk.branching.steps[step].question.id.as_str());
            if at != Some(decision.step.as_str()) {
                return Some(Replayed {
                    walk,
                    strayed_at: Some(decision.step.clone()),
                });
            }
            walk.decide(decision.response.clone(), decision.seconds);
        }
        Some(Replayed {
            walk,
            strayed_at: None,
        })
    }
}

/// A recorded walk taken again on its bank.
pub struct Replayed<'b> {
    pub walk: Walk<'b>,
    /// The step of the first decision recorded where the scenario did not lead (the walk is
    /// elsewhere, or already at an ending): it and the decisions after it are not taken.
    pub strayed_at: Option<String>,
}
