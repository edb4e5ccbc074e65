//! Presenter mode (`quiz present`): questions on a projector, one at a time, for a class to answer
//! aloud or by show of hands.
//!
//! This module holds the slides and what each key does, free of any terminal, so that it can be
//! tested; `layout` draws a slide, `plain` prints the text fallback, `tally` saves the counts, and
//! `ui::present` runs it on a terminal.

pub(crate) mod countdown;
pub(crate) mod layout;
pub(crate) mod plain;
pub(crate) mod tally;

use std::time::{Duration, Instant};

use countdown::Countdown;

use crate::bank::AnswerKey;
use crate::engine::Form;
use crate::engine::describe::key_text;
use crate::engine::select::Planned;
use crate::engine::session::form;

/// One question as the class sees it, and its answer for the reveal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slide {
    pub bank: String,
    pub bank_title: String,
    pub question: String,
    /// (title, text) of the scenario the question belongs to.
    pub scenario: Option<(String, String)>,
    pub prompt: String,
    /// What to answer with: choices, items or pairs, in the order shown.
    pub lines: Vec<Line>,
    /// A hint on the form of the answer ("a number, in soldiers").
    pub hint: Option<String>,
    pub answer: String,
    pub explanation: String,
    pub source: String,
    /// What the teacher may count hands for: the choices, true/false, or right/wrong.
    pub tally: Vec<String>,
    /// Which tally options are right, where that is known.
    pub tally_correct: Vec<Option<bool>>,
}

/// A line of a slide's body: "A  June", with whether it is the right answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub label: String,
    pub text: String,
    pub correct: Option<bool>,
}

impl Slide {
    pub(crate) fn new(planned: &Planned) -> Slide {
        let question = planned.question;
        let shown = form(planned);
        let (lines, hint) = body(planned, &shown);
        let (tally, tally_correct) = tally_options(&lines, &shown);
        Slide {
            bank: planned.bank.id.clone(),
            bank_title: planned.bank.title.clone(),
            question: question.id.clone(),
            scenario: planned
                .scenario
                .map(|s| (s.title.clone(), s.text.trim_end().to_owned())),
            prompt: question.prompt.trim().to_owned(),
            lines,
            hint,
            answer: match question.key {
                AnswerKey::TrueFalse { answer } => if answer { "True" } else { "False" }.into(),
                _ => key_text(question),
            },
            explanation: question.explanation.trim().to_owned(),
            source: planned.bank.source_line(&question.citation),
            tally,
            tally_correct,
        }
    }
}

fn body(planned: &Planned, shown: &Form) -> (Vec<Line>, Option<String>) {
    let lettered = |texts: &[String], correct: &dyn Fn(usize) -> Option<bool>| {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| Line {
                label: crate::text::letter(i),
                text: text.clone(),
                correct: correct(i),
            })
            .collect::<Vec<_>>()
    };
    let choice_correct = |i: usize| match &planned.question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices } => planned
            .display
            .get(i)
            .and_then(|&author| choices.get(author))
            .map(|c| c.correct),
        _ => None,
    };
    match shown {
        Form::Single { choices } => (lettered(choices, &choice_correct), None),
        Form::Multiple { choices } => (
            lettered(choices, &choice_correct),
            Some("all that apply".into()),
        ),
        Form::TrueFalse => {
            let answer = matches!(planned.question.key, AnswerKey::TrueFalse { answer: true });
            let texts = ["True".to_string(), "False".to_string()];
            (lettered(&texts, &|i| Some((i == 0) == answer)), None)
        }
        Form::Short => (Vec::new(), Some("a word or a few".into())),
        Form::Numeric { unit } => (
            Vec::new(),
            Some(
                unit.as_ref()
                    .map_or("a number".into(), |u| format!("a number of {u}")),
            ),
        ),
        Form::Order { items } => (lettered(items, &|_| None), Some("put them in order".into())),
        Form::Match { left, right } => {
            let mut lines: Vec<Line> = left
                .iter()
                .enumerate()
                .map(|(i, text)| Line {
                    label: (i + 1).to_string(),
                    text: text.clone(),
                    correct: None,
                })
                .collect();
            lines.extend(lettered(right, &|_| None));
            (lines, Some("match each number with a letter".into()))
        }
    }
}

/// Choices and true/false are counted per option; any other answer as right or wrong.
fn tally_options(lines: &[Line], shown: &Form) -> (Vec<String>, Vec<Option<bool>>) {
    match shown {
        Form::Single { .. } | Form::Multiple { .. } | Form::TrueFalse => (
            lines
                .iter()
                .map(|l| format!("{}) {}", l.label, l.text))
                .collect(),
            lines.iter().map(|l| l.correct).collect(),
        ),
        _ => (
            vec!["Right".into(), "Wrong".into()],
            vec![Some(true), Some(false)],
        ),
    }
}

/// What the teacher typed or pressed, as the presenter understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Char(char),
    Left,
    Right,
    Enter,
    Backspace,
    Escape,
    /// Ctrl-C.
    Interrupt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Continue,
    Quit,
}

/// The state of a lesson: which slide is up, what was revealed, counted and timed.
#[derive(Debug, Clone)]
pub(crate) struct Presenter {
    pub slides: Vec<Slide>,
    pub at: usize,
    pub revealed: Vec<bool>,
    pub tallies: Vec<Option<Vec<u32>>>,
    /// The counts being typed, when the teacher pressed `c`.
    pub typing: Option<String>,
    /// A one-line message under the slide (a typing mistake, say).
    pub message: Option<String>,
    pub countdown: Countdown,
    pub seed: u64,
}

impl Presenter {
    pub(crate) fn new(slides: Vec<Slide>, timer: Duration, seed: u64) -> Presenter {
        let n = slides.len();
        Presenter {
            slides,
            at: 0,
            revealed: vec![false; n],
            tallies: vec![None; n],
            typing: None,
            message: None,
            countdown: Countdown::new(timer),
            seed,
        }
    }

    pub(crate) fn slide(&self) -> &Slide {
        &self.slides[self.at]
    }

    /// Applies one key. While counts are being typed, keys edit them instead.
    pub(crate) fn handle(&mut self, input: Input, now: Instant) -> Step {
        if input == Input::Interrupt {
            return Step::Quit;
        }
        if self.typing.is_some() {
            self.type_counts(input);
            return Step::Continue;
        }
        self.message = None;
        match input {
            Input::Char(' ' | 'n' | 'l') | Input::Right | Input::Enter => self.go(1),
            Input::Left | Input::Backspace | Input::Char('p' | 'h') => self.go(-1),
            Input::Char('r') => self.revealed[self.at] = !self.revealed[self.at],
            Input::Char('t') => self.countdown.toggle(now),
            Input::Char('c') => self.typing = Some(String::new()),
            Input::Char('q') | Input::Escape => return Step::Quit,
            _ => {}
        }
        Step::Continue
    }

    /// Moves by `by` slides; a new question starts with the countdown stopped and full.
    fn go(&mut self, by: isize) {
        let to = self.at.saturating_add_signed(by).min(self.slides.len() - 1);
        if to != self.at {
            self.at = to;
            self.countdown.reset();
        }
    }

    fn type_counts(&mut self, input: Input) {
        let Some(typed) = self.typing.as_mut() else {
            return;
        };
        match input {
            Input::Char(c) if c.is_ascii_digit() || c == ' ' || c == ',' => typed.push(c),
            Input::Backspace => {
                typed.pop();
            }
            Input::Escape => {
                self.typing = None;
                self.message = None;
            }
            Input::Enter => {
                let options = self.slides[self.at].tally.len();
                match tally::parse_counts(typed, options) {
                    Ok(counts) => {
                        self.tallies[self.at] = Some(counts);
                        self.typing = None;
                        let shown = if self.revealed[self.at] {
                            "Counts saved."
                        } else {
                            "Counts saved; press r to show them."
                        };
                        self.message = Some(shown.into());
                    }
                    Err(problem) => self.message = Some(problem),
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
