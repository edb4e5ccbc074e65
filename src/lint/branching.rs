//! Warnings about branching scenarios that work but teach less than they could: steps and
//! endings no path reaches, paths too long to follow, decisions that tell no consequence or cite
//! no source. (What would break a walk — a `next:` that names nothing, a loop with no exit, no
//! path to the best ending — is an error of validation.)

use super::BankLints;
use crate::bank::branching::{Branching, Routes};
use crate::bank::diagnostic::Lint;
use crate::bank::model::Scenario;

/// The most decisions a path should take: beyond it, learners lose the thread of the story.
pub(crate) const MAX_PATH: usize = 8;

impl BankLints<'_> {
    pub(super) fn branching_scenarios(&mut self) {
        for scenario in &self.bank.scenarios {
            let Some(branching) = &scenario.branching else {
                continue;
            };
            self.unreachable(scenario, branching);
            self.long_path(scenario, branching);
            self.decisions_without_story(branching);
        }
    }

    fn unreachable(&mut self, scenario: &Scenario, branching: &Branching) {
        let (steps, endings) = branching.reachable();
        for (step, reached) in branching.steps.iter().zip(steps) {
            if reached {
                continue;
            }
            let id = &step.question.id;
            self.warn(
                Lint::UnreachableStep,
                self.spots.question(id),
                Some(id),
                format!("no path from the start reaches step `{id}`"),
                format!("lead a decision to it with `next: {id}`, or remove it"),
            );
        }
        for (ending, reached) in branching.endings.iter().zip(endings) {
            if reached {
                continue;
            }
            let at = self
                .spots
                .endings
                .get(&(scenario.id.clone(), ending.id.clone()))
                .copied()
                .unwrap_or(self.spots.bank);
            self.warn(
                Lint::UnreachableEnding,
                at,
                None,
                format!("no path from the start reaches ending `{}`", ending.id),
                format!(
                    "lead a decision to it with `next: {}`, or remove it",
                    ending.id
                ),
            );
        }
    }

    fn long_path(&mut self, scenario: &Scenario, branching: &Branching) {
        let longest = branching.longest_path();
        if longest <= MAX_PATH {
            return;
        }
        let at = self.spots.scenarios.get(&scenario.id).copied();
        self.warn(
            Lint::LongPath,
            at.unwrap_or(self.spots.bank),
            None,
            format!(
                "scenario `{}` has a path of {longest} decisions",
                scenario.id
            ),
            format!(
                "keep a path to {MAX_PATH} decisions or fewer: split the story, or let paths \
                 fold back sooner"
            ),
        );
    }

    fn decisions_without_story(&mut self, branching: &Branching) {
        for step in &branching.steps {
            let id = &step.question.id;
            // A step that cites a source itself cites it for each of its decisions.
            let step_cites = self.spots.citations.contains_key(id);
            let routes: Vec<_> = match &step.routes {
                Routes::ByChoice(routes) => routes
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r, self.spots.choice(id, i)))
                    .collect(),
                Routes::ByVerdict {
                    right,
                    partly,
                    wrong,
                } => [("right", Some(&**right)), ("partly", partly.as_deref())]
                    .into_iter()
                    .chain([("wrong", Some(&**wrong))])
                    .filter_map(|(verdict, r)| Some((r?, self.spots.outcome(id, verdict))))
                    .collect(),
            };
            for (route, at) in routes {
                if route.consequence.trim().is_empty() {
                    self.warn(
                        Lint::DecisionWithoutConsequence,
                        at,
                        Some(id),
                        "this decision has no `consequence`".into(),
                        "say what happens next in the story: learners read it before the why"
                            .into(),
                    );
                }
                if route.citation.is_none() && !step_cites {
                    self.warn(
                        Lint::DecisionWithoutSource,
                        at,
                        Some(id),
                        "this decision cites no `source`".into(),
                        "add `source: {id: ..., section: ...}` with the passage that settles it, \
                         or one `source:` on the step for all its decisions"
                            .into(),
                    );
                }
            }
        }
    }
}
