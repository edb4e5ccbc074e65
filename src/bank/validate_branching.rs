//! Checks the steps and endings of a branching scenario and builds its [`Branching`]: every
//! `next:` names a step or ending of the scenario, every step can reach an ending, and the best
//! decisions lead to an ending rated best.

use std::collections::HashMap;

use serde_saphyr::{Location, Spanned};

use super::branching::{
    BestPath, Branching, Ending, Next, Quality, Route, Routes, Step, review_card_id,
};
use super::format::{RawChoice, RawEnding, RawOutcome, RawQuestion};
use super::model::Scenario;
use super::validate::{Checker, QuestionContext, closest, line_col, one_of};

/// The raw parts of a scenario that branches, kept aside until the questions are checked.
pub(super) struct RawBranching {
    /// Index of the scenario in the bank.
    pub(super) scenario: usize,
    /// Where the scenario's id is.
    pub(super) at: Location,
    pub(super) start: Option<Spanned<String>>,
    pub(super) steps: Vec<Spanned<Box<RawQuestion>>>,
    pub(super) endings: Vec<Spanned<RawEnding>>,
}

/// The names a `next:` may use in one scenario, and what each leads to.
struct Targets {
    by_id: HashMap<String, Next>,
    /// Every id, steps first, for did-you-mean.
    names: Vec<String>,
}

impl Targets {
    fn new(steps: &[Spanned<Box<RawQuestion>>], endings: &[Spanned<RawEnding>]) -> Targets {
        let mut by_id = HashMap::new();
        let mut names = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            if let Some(id) = &step.value.id {
                by_id.entry(id.value.clone()).or_insert(Next::Step(i));
                names.push(id.value.clone());
            }
        }
        for (i, ending) in endings.iter().enumerate() {
            by_id
                .entry(ending.value.id.value.clone())
                .or_insert(Next::Ending(i));
            names.push(ending.value.id.value.clone());
        }
        Targets { by_id, names }
    }
}

fn quality_hint(word: &str) -> String {
    let names = Quality::ALL.map(Quality::name);
    match closest(word, names) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "use `best`, `acceptable` or `poor`".into(),
    }
}

impl Checker<'_> {
    /// Checks one branching scenario; it branches in the bank only when all of it is right.
    /// `used_ids` holds the question and step ids of the bank with their first line.
    pub(super) fn branching(
        &mut self,
        raw: RawBranching,
        scenarios: &mut [Scenario],
        ctx: &QuestionContext,
        used_ids: &mut HashMap<String, u64>,
    ) {
        let before = self.problems.len();
        let scenario_id = scenarios[raw.scenario].id.clone();
        let missing = |this: &mut Self, what: &str, help: &str| {
            this.report(
                &raw.at,
                None,
                format!("branching scenario `{scenario_id}` has no `{what}`"),
                help.into(),
            );
        };
        if raw.steps.is_empty() {
            missing(self, "steps", "add `steps:`, the decisions of the story");
        }
        if raw.endings.is_empty() {
            missing(
                self,
                "endings",
                "add `endings:`, each with `id`, `text`, `rating` and `debrief`",
            );
        }
        self.ids_once(&raw, used_ids);
        let targets = Targets::new(&raw.steps, &raw.endings);
        let endings: Vec<Ending> = raw
            .endings
            .iter()
            .filter_map(|e| self.ending(e, ctx))
            .collect();
        let step_spots: Vec<Location> = raw.steps.iter().map(|s| s.referenced).collect();
        let mut steps = Vec::new();
        for step in raw.steps {
            if let Some(step) = self.step(step, &targets, ctx, &scenario_id) {
                steps.push(step);
            }
        }
        let start = self.start(raw.start.as_ref(), &raw.at, &targets, &scenario_id);
        if self.problems.len() > before {
            return;
        }
        let (Some(start), true) = (start, endings.len() == raw.endings.len()) else {
            return;
        };
        let branching = Branching {
            start,
            steps,
            endings,
        };
        if self.graph_is_sound(&branching, &step_spots, &raw.at) {
            scenarios[raw.scenario].branching = Some(branching);
        }
    }

    /// Step ids are unique in the bank (results and progress know a step by its id, as a
    /// question), and no ending shares an id with a step or another ending of its scenario.
    fn ids_once(&mut self, raw: &RawBranching, used_ids: &mut HashMap<String, u64>) {
        for step in &raw.steps {
            let Some(id) = &step.value.id else { continue };
            if let Some(first) = used_ids.get(&id.value) {
                self.report(
                    &step.referenced,
                    Some(&id.value),
                    format!("duplicate question id `{}`", id.value),
                    format!(
                        "it is first used at line {first}; ids of questions and steps must be \
                         unique in a bank"
                    ),
                );
            } else {
                used_ids.insert(id.value.clone(), line_col(&step.referenced).0);
            }
        }
        let mut seen: HashMap<&str, u64> = raw
            .steps
            .iter()
            .filter_map(|s| {
                let id = s.value.id.as_ref()?;
                Some((id.value.as_str(), line_col(&s.referenced).0))
            })
            .collect();
        for ending in &raw.endings {
            let id = &ending.value.id;
            if let Some(first) = seen.get(id.value.as_str()) {
                self.report(
                    &id.referenced,
                    None,
                    format!("ending id `{}` is used twice in this scenario", id.value),
                    format!("line {first} uses it too; a `next:` must name one step or ending"),
                );
            } else {
                seen.insert(&id.value, line_col(&id.referenced).0);
            }
        }
    }

    /// A learner's progress keeps each branching scenario as one card under
    /// [`review_card_id`]: no question or step of the bank may have that id, or the two would
    /// share a schedule. `scenarios`: the id of each branching scenario and where it is.
    pub(super) fn review_card_ids_free(
        &mut self,
        scenarios: &[(String, Location)],
        used_ids: &HashMap<String, u64>,
    ) {
        for (scenario_id, at) in scenarios {
            let card_id = review_card_id(scenario_id);
            if let Some(line) = used_ids.get(&card_id) {
                self.report(
                    at,
                    None,
                    format!(
                        "the id `{card_id}` at line {line} is kept for the progress of branching \
                         scenario `{scenario_id}`"
                    ),
                    "give that question or step another id".into(),
                );
            }
        }
    }

    fn quality(&mut self, written: &Spanned<String>, qid: Option<&str>) -> Option<Quality> {
        let quality = Quality::from_name(&written.value);
        if quality.is_none() {
            self.report(
                &written.referenced,
                qid,
                format!("`{}` is not a quality", written.value),
                quality_hint(&written.value),
            );
        }
        quality
    }

    fn ending(&mut self, raw: &Spanned<RawEnding>, ctx: &QuestionContext) -> Option<Ending> {
        let e = &raw.value;
        let rating = self.quality(&e.rating, None);
        if e.text.trim().is_empty() {
            self.report(
                &raw.referenced,
                None,
                format!("ending `{}` has no `text`", e.id.value),
                "write what the story comes to".into(),
            );
        }
        let citation = match &e.source {
            Some(source) => Some(self.cited(source, None, ctx)?),
            None => None,
        };
        Some(Ending {
            id: e.id.value.clone(),
            title: e.title.clone(),
            text: e.text.clone(),
            rating: rating?,
            debrief: e.debrief.clone(),
            citation,
        })
    }

    /// Where `next` leads, or an error with the closest id when it names nothing.
    fn target(
        &mut self,
        next: Option<&Spanned<String>>,
        at: &Location,
        qid: Option<&str>,
        targets: &Targets,
    ) -> Option<Next> {
        let Some(next) = next else {
            self.report(
                at,
                qid,
                "this decision leads nowhere: it has no `next`".into(),
                "add `next:` with the id of the step or ending it leads to".into(),
            );
            return None;
        };
        let found = targets.by_id.get(next.value.trim()).copied();
        if found.is_none() {
            self.report(
                &next.referenced,
                qid,
                format!(
                    "`next: {}` names no step or ending of this scenario",
                    next.value
                ),
                one_of(&next.value, &targets.names, "step or ending"),
            );
        }
        found
    }

    fn step(
        &mut self,
        raw: Spanned<Box<RawQuestion>>,
        targets: &Targets,
        ctx: &QuestionContext,
        scenario_id: &str,
    ) -> Option<Step> {
        let Spanned {
            value: mut q,
            referenced: at,
            ..
        } = raw;
        let id = q.id.as_ref().map(|i| i.value.clone());
        let qid = id.as_deref();
        let single = q.kind.as_ref().is_some_and(|k| k.value.trim() == "single");
        let before = self.problems.len();
        let routes = if single {
            self.choice_routes(&mut q, qid, targets, ctx)
        } else {
            self.verdict_routes(&q, &at, qid, targets, ctx)
        };
        if q.source.is_none() {
            // The step cites what its best decision cites.
            q.source = match &q.outcomes {
                Some(outcomes) => outcomes.value.right.value.source.clone(),
                None => q.choices.as_ref().and_then(|choices| {
                    choices
                        .value
                        .iter()
                        .find(|c| c.value.correct)
                        .and_then(|c| c.value.source.clone())
                }),
            };
        }
        let mut question = self.question(*q, &at, ctx)?;
        let mut routes = routes?;
        if self.problems.len() > before {
            return None;
        }
        question.scenario = Some(scenario_id.to_owned());
        if let Routes::ByChoice(choices) = &mut routes {
            // The best choice earns the step's points unless it says otherwise; an acceptable
            // one half of what the best earns, a poor one nothing.
            let best = choices
                .iter()
                .find(|r| r.quality == Quality::Best)
                .and_then(|r| r.points)
                .unwrap_or(question.points);
            for route in choices {
                route.points = route.points.or(Some(match route.quality {
                    Quality::Best => best,
                    Quality::Acceptable => best / 2.0,
                    Quality::Poor => 0.0,
                }));
            }
        }
        Some(Step { question, routes })
    }

    /// The routes of a `single` step, one per choice. Marks the best choice as the correct one,
    /// so that the step is graded like any single-choice question.
    fn choice_routes(
        &mut self,
        q: &mut RawQuestion,
        qid: Option<&str>,
        targets: &Targets,
        ctx: &QuestionContext,
    ) -> Option<Routes> {
        if let Some(outcomes) = &q.outcomes {
            self.report(
                &outcomes.referenced,
                qid,
                "a `single` step leads on by its choices, not by `outcomes`".into(),
                "give each choice its own `next:`, or change `kind`".into(),
            );
        }
        let choices = q.choices.as_mut()?;
        let mut routes = Vec::new();
        let mut fine = true;
        for choice in &mut choices.value {
            match self.choice_route(&choice.value, &choice.referenced, qid, targets, ctx) {
                Some(route) => {
                    choice.value.correct = route.quality == Quality::Best;
                    routes.push(route);
                }
                None => fine = false,
            }
        }
        let best = routes.iter().filter(|r| r.quality == Quality::Best).count();
        if fine && best != 1 {
            self.report(
                &choices.referenced,
                qid,
                format!("{best} choices of this step are rated `quality: best`"),
                "rate exactly one choice `best`: it is the step of the best path".into(),
            );
        }
        if !fine || best != 1 {
            // Its own error is said; the answer key is then checked without repeating it.
            if let Some(first) = choices.value.first_mut() {
                first.value.correct = true;
            }
            for other in choices.value.iter_mut().skip(1) {
                other.value.correct = false;
            }
            return None;
        }
        Some(Routes::ByChoice(routes))
    }

    fn choice_route(
        &mut self,
        c: &RawChoice,
        at: &Location,
        qid: Option<&str>,
        targets: &Targets,
        ctx: &QuestionContext,
    ) -> Option<Route> {
        let quality = if let Some(written) = &c.quality {
            self.quality(written, qid)
        } else {
            self.report(
                at,
                qid,
                "this choice of a step has no `quality`".into(),
                "add `quality: best`, `acceptable` or `poor`".into(),
            );
            None
        };
        let next = self.target(c.next.as_ref(), at, qid, targets);
        let points = match &c.points {
            Some(p) if !(p.value.is_finite() && p.value >= 0.0) => {
                self.report(
                    &p.referenced,
                    qid,
                    format!("a decision's points must be 0 or more, not {}", p.value),
                    "use e.g. `points: 0`, `points: 1` or `points: 2.5`".into(),
                );
                return None;
            }
            Some(p) => Some(p.value),
            None => None,
        };
        let citation = match &c.source {
            Some(source) => Some(self.cited(source, qid, ctx)?),
            None => None,
        };
        Some(Route {
            next: next?,
            consequence: c.consequence.clone().unwrap_or_default(),
            quality: quality?,
            points,
            citation,
        })
    }

    /// The routes of a step of another kind, by the verdict on the answer.
    fn verdict_routes(
        &mut self,
        q: &RawQuestion,
        at: &Location,
        qid: Option<&str>,
        targets: &Targets,
        ctx: &QuestionContext,
    ) -> Option<Routes> {
        let routed_choice = q.choices.as_ref().and_then(|choices| {
            choices.value.iter().find(|c| {
                let v = &c.value;
                v.next.is_some() || v.quality.is_some() || v.points.is_some()
            })
        });
        if let Some(choice) = routed_choice {
            self.report(
                &choice.referenced,
                qid,
                "only the choices of a `single` step lead on by themselves".into(),
                "a step of another kind leads on by the verdict on its answer: write \
                 `outcomes:` with `right:` and `wrong:` on the step"
                    .into(),
            );
        }
        let Some(outcomes) = &q.outcomes else {
            self.report(
                at,
                qid,
                "this step has no `outcomes`".into(),
                "say where a right and a wrong answer lead: `outcomes: {right: {next: ...}, \
                 wrong: {next: ...}}`"
                    .into(),
            );
            return None;
        };
        let o = &outcomes.value;
        let route = |this: &mut Self, raw: &Spanned<RawOutcome>, quality| {
            let next = this.target(raw.value.next.as_ref(), &raw.referenced, qid, targets);
            let citation = match &raw.value.source {
                Some(source) => Some(this.cited(source, qid, ctx)?),
                None => None,
            };
            Some(Route {
                next: next?,
                consequence: raw.value.consequence.clone().unwrap_or_default(),
                quality,
                points: None,
                citation,
            })
        };
        let right = route(self, &o.right, Quality::Best);
        let partly = o
            .partly
            .as_ref()
            .map(|p| route(self, p, Quality::Acceptable));
        let wrong = route(self, &o.wrong, Quality::Poor);
        if routed_choice.is_some() {
            return None;
        }
        Some(Routes::ByVerdict {
            right: Box::new(right?),
            partly: match partly {
                Some(p) => Some(Box::new(p?)),
                None => None,
            },
            wrong: Box::new(wrong?),
        })
    }

    fn start(
        &mut self,
        start: Option<&Spanned<String>>,
        scenario_at: &Location,
        targets: &Targets,
        scenario_id: &str,
    ) -> Option<usize> {
        let Some(start) = start else {
            self.report(
                scenario_at,
                None,
                format!("branching scenario `{scenario_id}` has no `start`"),
                "add `start:` with the id of the first step".into(),
            );
            return None;
        };
        match targets.by_id.get(start.value.trim()) {
            Some(Next::Step(step)) => Some(*step),
            Some(Next::Ending(_)) => {
                self.report(
                    &start.referenced,
                    None,
                    format!("`start: {}` is an ending", start.value),
                    "a scenario starts with a step: name its first decision".into(),
                );
                None
            }
            None => {
                self.report(
                    &start.referenced,
                    None,
                    format!("`start: {}` names no step of this scenario", start.value),
                    one_of(&start.value, &targets.names, "step"),
                );
                None
            }
        }
    }

    /// Every step can reach an ending, and the best decisions reach one rated best.
    fn graph_is_sound(
        &mut self,
        branching: &Branching,
        step_spots: &[Location],
        scenario_at: &Location,
    ) -> bool {
        let before = self.problems.len();
        let can_end = branching.can_end();
        for (step, ends) in can_end.iter().enumerate() {
            if *ends {
                continue;
            }
            let id = &branching.steps[step].question.id;
            self.report(
                &step_spots[step],
                Some(id),
                format!("step `{id}` is caught in a loop with no exit: no path from it ends"),
                "lead one of its decisions, or one of the steps it loops through, to an ending \
                 or to a step that ends"
                    .into(),
            );
        }
        if self.problems.len() > before {
            return false;
        }
        if !branching.endings.iter().any(|e| e.rating == Quality::Best) {
            self.report(
                scenario_at,
                None,
                "no ending of this scenario is rated `best`".into(),
                "rate the ending of the best path `rating: best`".into(),
            );
            return false;
        }
        match branching.best_path() {
            BestPath::Ends { ending, steps } => {
                let reached = &branching.endings[ending];
                if reached.rating == Quality::Best {
                    return true;
                }
                let last = *steps.last().unwrap_or(&branching.start);
                let id = &branching.steps[last].question.id;
                self.report(
                    &step_spots[last],
                    Some(id),
                    format!(
                        "no path to the best ending: the best decisions end at `{}`, rated `{}`",
                        reached.id,
                        reached.rating.name()
                    ),
                    "lead the best decision of the last step to an ending rated `best`, or rate \
                     another choice best"
                        .into(),
                );
            }
            BestPath::Loops { at, .. } => {
                let id = &branching.steps[at].question.id;
                self.report(
                    &step_spots[at],
                    Some(id),
                    format!(
                        "no path to the best ending: the best decisions come back to step `{id}`"
                    ),
                    "lead the best decisions on to an ending rated `best`".into(),
                );
            }
        }
        false
    }

    /// Fields that only steps take, written on a question, or `correct:` in a step; false when
    /// there are any.
    pub(super) fn step_fields_in_place(
        &mut self,
        q: &RawQuestion,
        qid: Option<&str>,
        in_step: bool,
    ) -> bool {
        let mut fine = true;
        if in_step {
            return fine;
        }
        if let Some(outcomes) = &q.outcomes {
            let (line, column) = self.key_of("outcomes", &outcomes.referenced);
            self.problems.push(
                super::diagnostic::Diagnostic::error(
                    self.file,
                    line,
                    column,
                    "`outcomes` belongs to the steps of a branching scenario",
                )
                .in_question(qid)
                .help("remove it, or move the question into a scenario's `steps:`"),
            );
            fine = false;
        }
        let choices = q.choices.iter().flat_map(|c| c.value.iter());
        for choice in choices {
            let c = &choice.value;
            let step_only = [
                (c.next.is_some(), "next"),
                (c.consequence.is_some(), "consequence"),
                (c.quality.is_some(), "quality"),
                (c.points.is_some(), "points"),
                (c.source.is_some(), "source"),
            ];
            if let Some((_, field)) = step_only.iter().find(|(written, _)| *written) {
                self.report(
                    &choice.referenced,
                    qid,
                    format!("`{field}` on a choice belongs to the steps of a branching scenario"),
                    "remove it, or move the question into a scenario's `steps:`".into(),
                );
                fine = false;
            }
        }
        fine
    }
}
