//! How a class went through each branching scenario: at each step, how many students took each
//! decision, and which endings they reached. Counted from the walks as the report counts them
//! (`walks`), so a walk taken again on the loaded bank is split by where it really led.

use std::collections::{BTreeMap, BTreeSet};

use super::analysis::StudentRow;
use crate::bank::branching::{Branching, Next, Quality, Routes, verdict_route_name};
use crate::bank::{Bank, Scenario};
use crate::engine::Response;
use crate::results::{DecisionEntry, WalkEntry};
use crate::text::letter;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScenarioFlow {
    pub bank: String,
    pub scenario: String,
    /// From the loaded bank, when it holds the scenario.
    pub title: Option<String>,
    /// The students who have a walk of it, ended or not.
    pub walkers: usize,
    /// The mean of their scores as a percentage of the best path's points.
    pub mean_percent: f64,
    /// The first step first, then in the author's order (or the order first met, without the bank).
    pub steps: Vec<StepSplit>,
    pub endings: Vec<EndingCount>,
    /// Walks that stopped before an ending.
    pub stopped: usize,
    /// The step ids of the best path, its ending last.
    pub best_path: Vec<String>,
}

/// One step and the decisions taken there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StepSplit {
    pub id: String,
    pub prompt: Option<String>,
    /// The students who decided here, once or more.
    pub students: usize,
    pub routes: Vec<RouteCount>,
}

/// One decision at a step: a choice, or the verdict on an answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RouteCount {
    /// "A) Call the press office" or "right", "partly right", "wrong".
    pub label: String,
    pub quality: Option<Quality>,
    /// The id of the step or ending it leads to.
    pub next: String,
    /// The students who took it, once or more.
    pub students: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EndingCount {
    pub id: String,
    pub title: Option<String>,
    pub rating: Option<Quality>,
    pub students: usize,
}

impl ScenarioFlow {
    /// Whether the best path goes from `from` straight to `to`.
    pub(crate) fn on_best_path(&self, from: &str, to: &str) -> bool {
        self.best_path
            .windows(2)
            .any(|w| w[0] == from && w[1] == to)
    }
}

/// What tells the decisions at a step apart: the choice picked at a `single` step, else the
/// verdict, which a step of another kind routes by (named by its route's quality).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum RouteKey {
    Choice(usize),
    Verdict(Quality),
    /// A decision a results file records in a way no step routes by.
    Other(String),
}

fn route_key(decision: &DecisionEntry) -> RouteKey {
    match (&decision.response, Quality::from_name(&decision.quality)) {
        (Response::Choice(i), _) if decision.kind == "single" => RouteKey::Choice(*i),
        (_, Some(quality)) if decision.kind != "single" => RouteKey::Verdict(quality),
        _ => RouteKey::Other(decision.answer_text.clone()),
    }
}

/// The class's way through each branching scenario walked, in the order first met.
pub(crate) fn flows(students: &[StudentRow], banks: &[Bank]) -> Vec<ScenarioFlow> {
    let mut order: Vec<(&str, &str)> = Vec::new();
    let mut walks: BTreeMap<(&str, &str), Vec<&WalkEntry>> = BTreeMap::new();
    for walk in students.iter().flat_map(|s| &s.walks) {
        let key = (walk.bank.as_str(), walk.scenario.as_str());
        if !walks.contains_key(&key) {
            order.push(key);
        }
        walks.entry(key).or_default().push(walk);
    }
    order
        .into_iter()
        .map(|key| flow(&walks[&key], loaded(banks, key)))
        .collect()
}

fn loaded<'b>(banks: &'b [Bank], (bank, scenario): (&str, &str)) -> Option<&'b Scenario> {
    banks
        .iter()
        .find(|b| b.id == bank)?
        .scenarios
        .iter()
        .find(|s| s.id == scenario && s.branching.is_some())
}

/// A step's decisions counted by route, and by student.
#[derive(Default)]
struct Tally {
    prompt: Option<String>,
    deciders: BTreeSet<usize>,
    routes: Vec<RouteTally>,
}

/// One decision at a step and the students who took it.
struct RouteTally {
    key: RouteKey,
    count: RouteCount,
    students: BTreeSet<usize>,
}

impl Tally {
    /// The students who took the decision `key` to `next`, counted from now if it is new.
    fn route(
        &mut self,
        key: RouteKey,
        label: String,
        quality: Option<Quality>,
        next: String,
    ) -> &mut BTreeSet<usize> {
        let found = self
            .routes
            .iter()
            .position(|r| r.key == key && r.count.next == next);
        let at = found.unwrap_or_else(|| {
            self.routes.push(RouteTally {
                key,
                count: RouteCount {
                    label,
                    quality,
                    next,
                    students: 0,
                },
                students: BTreeSet::new(),
            });
            self.routes.len() - 1
        });
        &mut self.routes[at].students
    }
}

fn flow(walks: &[&WalkEntry], scenario: Option<&Scenario>) -> ScenarioFlow {
    let first = walks[0];
    let mut steps: Vec<(String, Tally)> = Vec::new();
    let mut endings: Vec<EndingCount> = Vec::new();
    if let Some(branching) = scenario.and_then(|s| s.branching.as_ref()) {
        skeleton(branching, &mut steps, &mut endings);
    }
    let mut stopped = 0;
    for (student, walk) in walks.iter().enumerate() {
        for decision in &walk.path {
            let found = steps.iter().position(|(id, _)| *id == decision.step);
            let at = found.unwrap_or_else(|| {
                steps.push((decision.step.clone(), Tally::default()));
                steps.len() - 1
            });
            let tally = &mut steps[at].1;
            tally.deciders.insert(student);
            let key = route_key(decision);
            let label = label(&key, decision);
            let quality = Quality::from_name(&decision.quality);
            tally
                .route(key, label, quality, decision.next.clone())
                .insert(student);
        }
        match &walk.ending {
            Some(id) => match endings.iter_mut().find(|e| e.id == *id) {
                Some(ending) => ending.students += 1,
                None => endings.push(EndingCount {
                    id: id.clone(),
                    title: None,
                    rating: walk.rating.as_deref().and_then(Quality::from_name),
                    students: 1,
                }),
            },
            None => stopped += 1,
        }
    }
    let percents: Vec<f64> = walks
        .iter()
        .map(|w| {
            if w.best_score > 0.0 {
                100.0 * w.score / w.best_score
            } else {
                0.0
            }
        })
        .collect();
    ScenarioFlow {
        bank: first.bank.clone(),
        scenario: first.scenario.clone(),
        title: scenario.map(|s| s.title.clone()),
        walkers: walks.len(),
        mean_percent: super::stats::mean(&percents).unwrap_or(0.0),
        steps: steps
            .into_iter()
            .map(|(id, tally)| split(id, tally))
            .collect(),
        endings,
        stopped,
        best_path: first.best_path.clone(),
    }
}

fn split(id: String, tally: Tally) -> StepSplit {
    StepSplit {
        id,
        prompt: tally.prompt,
        students: tally.deciders.len(),
        routes: tally
            .routes
            .into_iter()
            .map(|route| RouteCount {
                students: route.students.len(),
                ..route.count
            })
            .collect(),
    }
}

/// How the report names a decision.
fn label(key: &RouteKey, decision: &DecisionEntry) -> String {
    match key {
        RouteKey::Choice(i) => format!("{}) {}", letter(*i), decision.answer_text),
        RouteKey::Verdict(quality) => verdict_route_name(*quality).to_owned(),
        RouteKey::Other(answer) => answer.clone(),
    }
}

/// Every step, decision and ending of the loaded scenario, none taken yet: a decision no one
/// took is worth seeing too. The first step comes first.
fn skeleton(
    branching: &Branching,
    steps: &mut Vec<(String, Tally)>,
    endings: &mut Vec<EndingCount>,
) {
    let id_of = |next: Next| match next {
        Next::Step(s) => branching.steps[s].question.id.clone(),
        Next::Ending(e) => branching.endings[e].id.clone(),
    };
    let start = std::iter::once(branching.start);
    let rest = (0..branching.steps.len()).filter(|&s| s != branching.start);
    for index in start.chain(rest) {
        let step = &branching.steps[index];
        let mut tally = Tally {
            prompt: Some(step.question.prompt.trim().to_owned()),
            ..Tally::default()
        };
        match &step.routes {
            Routes::ByChoice(routes) => {
                let choices = match &step.question.key {
                    crate::bank::AnswerKey::Single { choices } => choices.as_slice(),
                    _ => &[],
                };
                for (i, route) in routes.iter().enumerate() {
                    let text = choices.get(i).map_or("", |c| c.text.as_str());
                    let label = format!("{}) {text}", letter(i));
                    tally.route(
                        RouteKey::Choice(i),
                        label,
                        Some(route.quality),
                        id_of(route.next),
                    );
                }
            }
            Routes::ByVerdict { .. } => {
                for route in step.routes.all() {
                    let label = verdict_route_name(route.quality).to_owned();
                    tally.route(
                        RouteKey::Verdict(route.quality),
                        label,
                        Some(route.quality),
                        id_of(route.next),
                    );
                }
            }
        }
        steps.push((step.question.id.clone(), tally));
    }
    for ending in &branching.endings {
        endings.push(EndingCount {
            id: ending.id.clone(),
            title: ending.title.clone(),
            rating: Some(ending.rating),
            students: 0,
        });
    }
}
