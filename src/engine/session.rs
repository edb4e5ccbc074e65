//! A quiz session: asks the planned questions, grades them and gives feedback as it goes.

use std::time::Instant;

use super::grade::{Verdict, grade};
use super::prompter::{Answered, Ask, Form, Prompter, Stop};
use super::response::Response;
use super::select::Planned;
use crate::bank::{AnswerKey, Scenario};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Feedback after every answer.
    Practice,
    /// No feedback until the end, then a full review.
    Exam,
}

impl Mode {
    /// The name results files record.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Finished,
    EndOfInput,
    Interrupted,
    /// The learner chose to stop.
    Stopped,
}

#[derive(Debug)]
pub struct Outcome<'b> {
    pub plan: Vec<Planned<'b>>,
    pub answers: Vec<Answered>,
    pub ending: Ending,
    pub mode: Mode,
}

/// Runs the quiz to the end, or until the learner stops it. `on_answer` sees each answer as soon
/// as it is graded, so that nothing answered is lost if the session is cut short; in practice,
/// the note it may return is shown after the feedback (in an exam it is dropped: it could tell
/// the learner how the answer went before the reveal).
pub fn run<'b>(
    plan: Vec<Planned<'b>>,
    mode: Mode,
    prompter: &mut dyn Prompter,
    on_answer: &mut dyn FnMut(&Planned<'b>, &Answered) -> Option<String>,
) -> Result<Outcome<'b>, std::io::Error> {
    let rules = Rules {
        mode,
        relearn: false,
        scenario_titles: false,
        confidence: false,
    };
    run_with(plan, rules, prompter, on_answer)
}

/// How a session runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub mode: Mode,
    /// In practice, a question not answered fully right is asked again [`RELEARN_GAP`] questions
    /// later (or at the end), until it is answered right once. Only its first answer counts in
    /// the outcome's score; every answer goes to `on_answer`.
    pub relearn: bool,
    /// Each question of a scenario is preceded by the scenario's title when its text was shown
    /// for the question before (questions asked out of the scenario's order, as in a review,
    /// read as stray sentences without it).
    pub scenario_titles: bool,
    /// After each answer, before it is graded, the learner says how sure they are.
    pub confidence: bool,
}

/// How many other questions come before a question missed is asked again, when there are so many
/// left: enough that the answer just read is not simply still in view.
pub const RELEARN_GAP: usize = 3;

/// [`run`] with the rules given.
pub fn run_with<'b>(
    plan: Vec<Planned<'b>>,
    rules: Rules,
    prompter: &mut dyn Prompter,
    on_answer: &mut dyn FnMut(&Planned<'b>, &Answered) -> Option<String>,
) -> Result<Outcome<'b>, std::io::Error> {
    let mode = rules.mode;
    let relearn = rules.relearn && mode == Mode::Practice;
    let mut answered_once = vec![false; plan.len()];
    let mut answers = Vec::new();
    let mut ending = Ending::Finished;
    let mut scenario_shown: Option<&Scenario> = None;
    // Skipped questions come back once, after the others.
    let mut skipped = Vec::new();
    let first_pass = (0..plan.len()).map(|index| (index, true));
    let mut order: Vec<(usize, bool)> = first_pass.collect();
    let mut next = 0;
    while let Some(&(index, first_time)) = order.get(next) {
        next += 1;
        let planned = &plan[index];
        if answered_once[index]
            && let Err(stop) = prompter.relearning()
        {
            match stopped(stop, prompter)? {
                Some(stop) => {
                    ending = stop;
                    break;
                }
                None => continue,
            }
        }
        let so_far = (mode == Mode::Practice && !answers.is_empty()).then(|| {
            let right = answers
                .iter()
                .filter(|a: &&Answered| a.grade.verdict() == Verdict::Right)
                .count();
            (right, answers.len())
        });
        let step = ask_one(index, &plan, so_far, &mut scenario_shown, rules, prompter);
        match step {
            Ok(answered) => {
                let note = on_answer(planned, &answered);
                if relearn && answered.grade.verdict() != Verdict::Right {
                    let at = (next + RELEARN_GAP).min(order.len());
                    order.insert(at, (index, false));
                }
                if !std::mem::replace(&mut answered_once[index], true) {
                    answers.push(answered);
                }
                if let (Mode::Practice, Some(note)) = (mode, note) {
                    // A note that cannot be shown is no reason to stop the quiz.
                    let _ = prompter.show(&note);
                }
            }
            Err(Stop::Skip) => {
                if first_time {
                    skipped.push(index);
                }
            }
            Err(stop) => {
                if let Some(stop) = stopped(stop, prompter)? {
                    ending = stop;
                    break;
                }
            }
        }
        if next == order.len() {
            order.extend(skipped.drain(..).map(|index| (index, false)));
        }
    }
    answers.sort_by_key(|a: &Answered| a.index);
    Ok(Outcome {
        plan,
        answers,
        ending,
        mode,
    })
}

/// How a stop ends the session; `None` for a skip, which does not.
fn stopped(stop: Stop, prompter: &dyn Prompter) -> Result<Option<Ending>, std::io::Error> {
    Ok(Some(match stop {
        Stop::Skip => return Ok(None),
        Stop::Interrupted => Ending::Interrupted,
        Stop::Quit => Ending::Stopped,
        Stop::EndOfInput => Ending::EndOfInput,
        // A reader that closed our output (`quiz play | head`) ends the quiz like a closed input.
        // Output that fails once the learner asked to stop (a closed terminal) ends it as asked.
        Stop::Io(_) if prompter.stop_requested() => Ending::Interrupted,
        Stop::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ending::EndOfInput,
        Stop::Io(e) => return Err(e),
    }))
}

fn ask_one<'b>(
    index: usize,
    plan: &[Planned<'b>],
    so_far: Option<(usize, usize)>,
    scenario_shown: &mut Option<&'b Scenario>,
    rules: Rules,
    prompter: &mut dyn Prompter,
) -> Result<Answered, Stop> {
    if prompter.stop_requested() {
        return Err(Stop::Interrupted);
    }
    let planned = &plan[index];
    if let Some(scenario) = planned.scenario
        && scenario_shown.is_none_or(|shown| !std::ptr::eq(shown, scenario))
    {
        prompter.scenario(scenario)?;
    } else if let Some(scenario) = planned.scenario
        && rules.scenario_titles
    {
        prompter.scenario_continued(scenario)?;
    } else if planned.scenario.is_none() && scenario_shown.is_some() {
        prompter.scenario_ended()?;
    }
    *scenario_shown = planned.scenario;
    let ask = Ask {
        number: index + 1,
        total: plan.len(),
        prompt: &planned.question.prompt,
        points: planned.question.points,
        form: form(planned),
        so_far,
    };
    let started = Instant::now();
    let shown = prompter.ask(&ask)?;
    // The time to answer, not to weigh how sure one is: speed rates the answer without it.
    let seconds = started.elapsed().as_secs_f64();
    let confidence = if rules.confidence {
        Some(prompter.confidence(&ask)?)
    } else {
        None
    };
    let response = to_author_order(planned, shown);
    let answered = Answered {
        index,
        grade: grade(planned.question, &response),
        response,
        seconds,
        confidence,
    };
    if rules.mode == Mode::Practice {
        prompter.feedback(planned, &answered)?;
    }
    Ok(answered)
}

/// The question's parts in the order this quiz shows them.
pub(crate) fn form(planned: &Planned) -> Form {
    let shown = |texts: Vec<&String>| planned.display.iter().map(|&i| texts[i].clone()).collect();
    match &planned.question.key {
        AnswerKey::Single { choices } => Form::Single {
            choices: shown(choices.iter().map(|c| &c.text).collect()),
        },
        AnswerKey::Multiple { choices, .. } => Form::Multiple {
            choices: shown(choices.iter().map(|c| &c.text).collect()),
        },
        AnswerKey::TrueFalse { .. } => Form::TrueFalse,
        AnswerKey::Short { .. } => Form::Short,
        AnswerKey::Numeric { unit, .. } => Form::Numeric { unit: unit.clone() },
        AnswerKey::Order { items } => Form::Order {
            items: shown(items.iter().collect()),
        },
        AnswerKey::Match { pairs } => Form::Match {
            left: pairs.iter().map(|p| p.left.clone()).collect(),
            right: shown(pairs.iter().map(|p| &p.right).collect()),
        },
    }
}

/// Maps shown positions back to the author's indices.
pub(crate) fn to_author_order(planned: &Planned, shown: Response) -> Response {
    let author = |i: usize| planned.display.get(i).copied().unwrap_or(i);
    match shown {
        Response::Choice(i) => Response::Choice(author(i)),
        Response::Choices(picked) => Response::Choices(picked.into_iter().map(author).collect()),
        Response::Order(order) => Response::Order(order.into_iter().map(author).collect()),
        Response::Match(rights) => Response::Match(rights.into_iter().map(author).collect()),
        other => other,
    }
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Self {
        Stop::Io(e)
    }
}
