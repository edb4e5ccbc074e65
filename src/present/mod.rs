//! Presenter mode (`quiz present`): questions on a projector, one at a time, for a class to answer
//! aloud or by show of hands.
//!
//! This module holds the slides and what each key does, free of any terminal, so that it can be
//! tested; `layout` draws a slide, `plain` prints the text fallback, `tally` saves the counts, and
//! `ui::present` runs it on a terminal. A branching scenario is presented by `walk` (the pages and
//! keys), `decision` (what the teacher types), `walk_layout` and `walk_plain`.

pub(crate) mod countdown;
pub(crate) mod decision;
pub(crate) mod layout;
pub(crate) mod plain;
pub(crate) mod tally;
pub(crate) mod walk;
pub(crate) mod walk_layout;
pub(crate) mod walk_plain;

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
    /// Shown under the answer: for a match, each pair as the room reads it ("1 → B  2024").
    pub answer_lines: Vec<String>,
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
        let (answer, answer_lines) = match &shown {
            Form::Match { left, right } => match_key(planned, left, right),
            _ => (
                match question.key {
                    AnswerKey::TrueFalse { answer } => if answer { "True" } else { "False" }.into(),
                    _ => key_text(question),
                },
                Vec::new(),
            ),
        };
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
            answer,
            answer_lines,
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
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => planned
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

/// A match's key in the numbers and letters on the slide, "1B 2D 3C 4A", and each pair in
/// full beside it. The left sides keep the author's order; the letters follow the shown order.
fn match_key(planned: &Planned, left: &[String], right: &[String]) -> (String, Vec<String>) {
    let shown_letter = |author: usize| {
        planned
            .display
            .iter()
            .position(|&a| a == author)
            .unwrap_or(author)
    };
    let mut key = Vec::new();
    let mut pairs = Vec::new();
    for (i, text) in left.iter().enumerate() {
        let at = shown_letter(i);
        let letter = crate::text::letter(at);
        key.push(format!("{}{letter}", i + 1));
        let partner = right.get(at).map_or("?", String::as_str);
        pairs.push(format!("{} {text} → {letter} {partner}", i + 1));
    }
    (key.join(" "), pairs)
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

/// A lesson the terminal can run: a picture of it at any size, and what each key does.
pub(crate) trait Lesson {
    /// The screen, `height` rows of `width` columns.
    fn frame(&self, width: usize, height: usize, now: Instant) -> Vec<String>;
    fn handle(&mut self, input: Input, now: Instant) -> Step;
}

impl Lesson for Presenter {
    fn frame(&self, width: usize, height: usize, now: Instant) -> Vec<String> {
        layout::frame(self, width, height, now)
    }
    fn handle(&mut self, input: Input, now: Instant) -> Step {
        Presenter::handle(self, input, now)
    }
}

impl Lesson for walk::WalkLesson<'_> {
    fn frame(&self, width: usize, height: usize, now: Instant) -> Vec<String> {
        walk_layout::frame(self, width, height, now)
    }
    fn handle(&mut self, input: Input, now: Instant) -> Step {
        walk::WalkLesson::handle(self, input, now)
    }
}

/// Asked after `q` (or Esc), so that a key pressed by mistake does not end the lesson.
pub(crate) const STOP_QUESTION: &str = "Stop the lesson? y/n";

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
    /// `q` was pressed and the lesson waits for y or n.
    pub asking_to_stop: bool,
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
            asking_to_stop: false,
            countdown: Countdown::new(timer),
            seed,
        }
    }

    /// The lesson begins at question `number` (from 1), as after a break.
    pub(crate) fn start_at(&mut self, number: usize) {
        self.at = number.clamp(1, self.slides.len()) - 1;
    }

    pub(crate) fn slide(&self) -> &Slide {
        &self.slides[self.at]
    }

    /// Applies one key. While counts are being typed, keys edit them instead.
    pub(crate) fn handle(&mut self, input: Input, now: Instant) -> Step {
        if input == Input::Interrupt {
            return Step::Quit;
        }
        if self.asking_to_stop {
            return self.answer_stop(input);
        }
        if self.typing.is_some() {
            self.type_counts(input);
            return Step::Continue;
        }
        self.message = None;
        match input {
            Input::Char(' ' | 'n' | 'l') | Input::Right | Input::Enter => self.go(1),
            Input::Left | Input::Backspace | Input::Char('b' | 'p' | 'h') => self.go(-1),
            Input::Char('r') => self.revealed[self.at] = !self.revealed[self.at],
            Input::Char('t') => self.countdown.toggle(now),
            Input::Char('c') => self.typing = Some(String::new()),
            Input::Char('q') | Input::Escape => self.ask_to_stop(),
            _ => {}
        }
        Step::Continue
    }

    fn ask_to_stop(&mut self) {
        self.asking_to_stop = true;
    }

    /// `y` stops the lesson; any other key goes on with it, so a stray `q` costs nothing.
    fn answer_stop(&mut self, input: Input) -> Step {
        self.asking_to_stop = false;
        if input == Input::Char('y') {
            Step::Quit
        } else {
            Step::Continue
        }
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
                    Err(problem) => self.message = Some(problem.to_string()),
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod walk_tests;
