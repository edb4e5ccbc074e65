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
/// as it is graded, so that nothing answered is lost if the session is cut short.
pub fn run<'b>(
    plan: Vec<Planned<'b>>,
    mode: Mode,
    prompter: &mut dyn Prompter,
    on_answer: &mut dyn FnMut(&Planned<'b>, &Answered),
) -> Result<Outcome<'b>, std::io::Error> {
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
        let so_far = (mode == Mode::Practice && !answers.is_empty()).then(|| {
            let right = answers
                .iter()
                .filter(|a: &&Answered| a.grade.verdict() == Verdict::Right)
                .count();
            (right, answers.len())
        });
        let step = ask_one(index, &plan, so_far, &mut scenario_shown, mode, prompter);
        match step {
            Ok(answered) => {
                on_answer(planned, &answered);
                answers.push(answered);
            }
            Err(Stop::Skip) => {
                if first_time {
                    skipped.push(index);
                }
            }
            Err(Stop::Interrupted) => {
                ending = Ending::Interrupted;
                break;
            }
            Err(Stop::Quit) => {
                ending = Ending::Stopped;
                break;
            }
            Err(Stop::EndOfInput) => {
                ending = Ending::EndOfInput;
                break;
            }
            // A reader that closed our output (`quiz play | head`) ends the quiz like a closed input.
            // Output that fails once the learner asked to stop (a closed terminal) ends it as asked.
            Err(Stop::Io(_)) if prompter.stop_requested() => {
                ending = Ending::Interrupted;
                break;
            }
            Err(Stop::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                ending = Ending::EndOfInput;
                break;
            }
            Err(Stop::Io(e)) => return Err(e),
        }
        if next == plan.len() {
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

fn ask_one<'b>(
    index: usize,
    plan: &[Planned<'b>],
    so_far: Option<(usize, usize)>,
    scenario_shown: &mut Option<&'b Scenario>,
    mode: Mode,
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
    let seconds = started.elapsed().as_secs_f64();
    let response = to_author_order(planned, shown);
    let answered = Answered {
        index,
        grade: grade(planned.question, &response),
        response,
        seconds,
    };
    if mode == Mode::Practice {
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
