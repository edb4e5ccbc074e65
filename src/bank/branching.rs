//! Branching scenarios: steps whose answers lead to other steps or to endings, and what can be
//! read from the graph they make (where it can be reached from, the best path, the longest one).
//!
//! Every query here is linear in the steps and routes, so that a scenario of thousands of steps
//! checks as fast as a bank of as many questions.

use super::model::{Citation, Question};

/// How good a decision is, and how good an ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quality {
    Best,
    Acceptable,
    Poor,
}

impl Quality {
    pub const ALL: [Quality; 3] = [Quality::Best, Quality::Acceptable, Quality::Poor];

    pub fn name(self) -> &'static str {
        match self {
            Quality::Best => "best",
            Quality::Acceptable => "acceptable",
            Quality::Poor => "poor",
        }
    }

    /// The name at the start of a sentence: "Best decision".
    pub fn title(self) -> &'static str {
        match self {
            Quality::Best => "Best",
            Quality::Acceptable => "Acceptable",
            Quality::Poor => "Poor",
        }
    }

    pub fn from_name(name: &str) -> Option<Quality> {
        Quality::ALL.into_iter().find(|q| q.name() == name.trim())
    }
}

/// The id a learner's progress keeps a branching scenario under, as one card reviewed as a
/// whole. No question or step of its bank may have this id (`quiz check` says so), so the two
/// never share a schedule.
pub fn review_card_id(scenario_id: &str) -> String {
    format!("scenario:{scenario_id}")
}

/// The steps and endings of a branching scenario.
#[derive(Debug, Clone)]
pub struct Branching {
    /// The step the story starts at.
    pub start: usize,
    pub steps: Vec<Step>,
    pub endings: Vec<Ending>,
}

/// One decision: a question (its id is the step's id) and where each answer leads.
#[derive(Debug, Clone)]
pub struct Step {
    pub question: Question,
    pub routes: Routes,
}

#[derive(Debug, Clone)]
pub enum Routes {
    /// A `single` step: one route per choice, in the order the author wrote them.
    ByChoice(Vec<Route>),
    /// Any other kind: the verdict on the answer picks the route; partly right answers take
    /// `partly`, or `wrong` when there is none.
    ByVerdict {
        right: Box<Route>,
        partly: Option<Box<Route>>,
        wrong: Box<Route>,
    },
}

impl Routes {
    /// Every route, choices in the author's order, verdicts as right, partly, wrong.
    pub fn all(&self) -> Vec<&Route> {
        match self {
            Routes::ByChoice(routes) => routes.iter().collect(),
            Routes::ByVerdict {
                right,
                partly,
                wrong,
            } => [Some(&**right), partly.as_deref(), Some(&**wrong)]
                .into_iter()
                .flatten()
                .collect(),
        }
    }

    /// The route of the best decision: the choice rated best, or a right answer.
    pub fn best(&self) -> &Route {
        match self {
            Routes::ByChoice(routes) => routes
                .iter()
                .find(|r| r.quality == Quality::Best)
                .unwrap_or(&routes[0]),
            Routes::ByVerdict { right, .. } => right,
        }
    }
}

/// The route of a step routed by verdict, named by its quality: a right answer's route is rated
/// best, a partly right one's acceptable and a wrong one's poor.
pub fn verdict_route_name(quality: Quality) -> &'static str {
    match quality {
        Quality::Best => "right",
        Quality::Acceptable => "partly right",
        Quality::Poor => "wrong",
    }
}

/// Where one answer leads, and what it tells and earns on the way.
#[derive(Debug, Clone)]
pub struct Route {
    pub next: Next,
    /// What happens next in the story; may be empty (`quiz check` warns).
    pub consequence: String,
    pub quality: Quality,
    /// What the decision earns. For a step routed by verdict, the points of the answer's grade.
    pub points: Option<f64>,
    /// The passage that settles the decision; none when neither the choice nor its step cites
    /// one on its own (`quiz check` warns).
    pub citation: Option<Citation>,
}

/// The step or ending a route leads to, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Step(usize),
    Ending(usize),
}

#[derive(Debug, Clone)]
pub struct Ending {
    pub id: String,
    pub title: Option<String>,
    pub text: String,
    pub rating: Quality,
    pub debrief: String,
    pub citation: Option<Citation>,
}

impl Ending {
    /// What the ending is called on screen: its title, else its id.
    pub fn name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

impl Branching {
    /// Every citation of the scenario: its steps', their routes' and its endings'.
    pub fn citations(&self) -> impl Iterator<Item = &Citation> {
        let steps = self.steps.iter().flat_map(|s| {
            let routes = s
                .routes
                .all()
                .into_iter()
                .filter_map(|r| r.citation.as_ref());
            std::iter::once(&s.question.citation).chain(routes)
        });
        steps.chain(self.endings.iter().filter_map(|e| e.citation.as_ref()))
    }

    /// The steps a route of each step leads to.
    fn successors(&self, step: usize) -> impl Iterator<Item = usize> + '_ {
        self.steps[step]
            .routes
            .all()
            .into_iter()
            .filter_map(|r| match r.next {
                Next::Step(s) => Some(s),
                Next::Ending(_) => None,
            })
    }

    /// Which steps and endings a path from the start reaches.
    pub fn reachable(&self) -> (Vec<bool>, Vec<bool>) {
        let mut steps = vec![false; self.steps.len()];
        let mut endings = vec![false; self.endings.len()];
        let mut stack = vec![self.start];
        steps[self.start] = true;
        while let Some(step) = stack.pop() {
            for route in self.steps[step].routes.all() {
                match route.next {
                    Next::Step(s) if !steps[s] => {
                        steps[s] = true;
                        stack.push(s);
                    }
                    Next::Ending(e) => endings[e] = true,
                    Next::Step(_) => {}
                }
            }
        }
        (steps, endings)
    }

    /// Which steps have a path to some ending: the others are caught in a loop with no exit.
    pub fn can_end(&self) -> Vec<bool> {
        let mut leads_here: Vec<Vec<usize>> = vec![Vec::new(); self.steps.len()];
        let mut ends = vec![false; self.steps.len()];
        let mut stack = Vec::new();
        for (step, ends_here) in ends.iter_mut().enumerate() {
            for next in self.successors(step) {
                leads_here[next].push(step);
            }
            let routes = self.steps[step].routes.all();
            if routes.iter().any(|r| matches!(r.next, Next::Ending(_))) {
                *ends_here = true;
                stack.push(step);
            }
        }
        while let Some(step) = stack.pop() {
            for &before in &leads_here[step] {
                if !ends[before] {
                    ends[before] = true;
                    stack.push(before);
                }
            }
        }
        ends
    }

    /// The best path: from the start, the best decision at each step, to the ending it reaches.
    pub fn best_path(&self) -> BestPath {
        let mut seen = vec![false; self.steps.len()];
        let mut steps = Vec::new();
        let mut at = self.start;
        loop {
            if seen[at] {
                return BestPath::Loops { steps, at };
            }
            seen[at] = true;
            steps.push(at);
            match self.steps[at].routes.best().next {
                Next::Step(next) => at = next,
                Next::Ending(ending) => return BestPath::Ends { steps, ending },
            }
        }
    }

    /// What the best path earns: the points of its decisions.
    pub fn best_points(&self) -> f64 {
        match self.best_path() {
            BestPath::Ends { steps, .. } | BestPath::Loops { steps, .. } => steps
                .iter()
                .map(|&s| best_route_points(&self.steps[s]))
                .sum(),
        }
    }

    /// The most decisions on a path from the start, loops aside: a route back to a step
    /// already on the path is not followed again. Linear: each step is measured once, in a
    /// depth-first walk without recursion.
    pub fn longest_path(&self) -> usize {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            OnPath,
            Done,
        }
        let mut state = vec![State::New; self.steps.len()];
        // The most decisions from each finished step to an ending, itself counted.
        let mut longest = vec![0usize; self.steps.len()];
        let successors: Vec<Vec<usize>> = (0..self.steps.len())
            .map(|s| self.successors(s).collect())
            .collect();
        let mut stack: Vec<(usize, usize)> = vec![(self.start, 0)];
        state[self.start] = State::OnPath;
        while let Some(top) = stack.last_mut() {
            let (step, next) = *top;
            if let Some(&after) = successors[step].get(next) {
                top.1 += 1;
                if state[after] == State::New {
                    state[after] = State::OnPath;
                    stack.push((after, 0));
                }
                continue;
            }
            let beyond = successors[step]
                .iter()
                .filter(|&&s| state[s] == State::Done)
                .map(|&s| longest[s])
                .max()
                .unwrap_or(0);
            longest[step] = beyond + 1;
            state[step] = State::Done;
            stack.pop();
        }
        longest[self.start]
    }
}

/// The points the best decision at `step` earns.
pub fn best_route_points(step: &Step) -> f64 {
    step.routes.best().points.unwrap_or(step.question.points)
}

/// Where following the best decisions from the start leads.
#[derive(Debug, Clone, PartialEq)]
pub enum BestPath {
    /// The steps taken, and the ending reached.
    Ends { steps: Vec<usize>, ending: usize },
    /// The best decisions come back to step `at`: they never end.
    Loops { steps: Vec<usize>, at: usize },
}
