//! A branching scenario presented to a class: each step on the projector, the class's decision
//! typed by the teacher (a letter, or the counts of a show of hands whose majority the story
//! follows), then what happens next, and at the ending its text, rating, the class's path beside
//! the best path, and the debrief.
//!
//! Routing and scoring are the engine's [`Walk`]; this module only says what each page shows and
//! what each key does, free of any terminal: `walk_layout` draws a page, `walk_plain` runs the
//! lesson as lines from a pipe.

use std::time::{Duration, Instant};

use super::countdown::Countdown;
use super::decision::{Undecided, read_decision};
use super::{Input, Slide, Step, tally};
use crate::bank::branching::{Quality, Routes};
use crate::engine::describe::{key_text, picked_whys, points, response_text};
use crate::engine::session::{form, to_author_order};
use crate::engine::walk::Walk;
use crate::engine::{Form, Response, Verdict};

/// What the teacher is typing at the bottom of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Typing {
    /// The class's decision: a letter, or the answer to a step that is not a choice.
    Decision(String),
    /// How many hands went up for each option.
    Counts(String),
}

/// One piece of a page, in the order shown; the terminal and the plain text style each kind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Heading(String),
    Story(String),
    Prompt(String),
    Hint(String),
    /// A choice as lettered on the slide; `taken` once the class has decided.
    Choice {
        label: String,
        text: String,
        taken: Option<bool>,
    },
    /// What the class decided, in words.
    Decided(String),
    /// What happens next in the story.
    Consequence(String),
    Judged(Quality, String),
    Why(String),
    Source(String),
    Rating(Quality, String),
    Score(String),
    /// The class's path beside the best path.
    Paths {
        taken: Vec<String>,
        best: Vec<String>,
    },
    Debrief(String),
}

/// A lesson on one branching scenario.
#[derive(Debug, Clone)]
pub(crate) struct WalkLesson<'b> {
    pub walk: Walk<'b>,
    /// The walk before any decision, from which the story is told again when the class
    /// decides an earlier step anew.
    start: Walk<'b>,
    /// Each step the class has met, as its slide: one per decision taken, then the step to
    /// decide now (none once the story has ended).
    pub slides: Vec<Slide>,
    /// For each slide, the author's index of each choice in the order shown.
    shown: Vec<Vec<usize>>,
    pub tallies: Vec<Option<Vec<u32>>>,
    /// The page on screen: a step, or past the last one the ending.
    pub at: usize,
    pub typing: Option<Typing>,
    pub message: Option<String>,
    pub asking_to_stop: bool,
    pub countdown: Countdown,
    pub seed: u64,
}

impl<'b> WalkLesson<'b> {
    pub(crate) fn new(walk: Walk<'b>, timer: Duration, seed: u64) -> WalkLesson<'b> {
        let mut lesson = WalkLesson {
            start: walk.clone(),
            walk,
            slides: Vec::new(),
            shown: Vec::new(),
            tallies: Vec::new(),
            at: 0,
            typing: None,
            message: None,
            asking_to_stop: false,
            countdown: Countdown::new(timer),
            seed,
        };
        lesson.meet_current_step();
        lesson
    }

    fn meet_current_step(&mut self) {
        if let Some(planned) = self.walk.current() {
            self.slides.push(Slide::new(&planned));
            self.shown.push(planned.display.clone());
            self.tallies.push(None);
        }
    }

    /// Steps met, and the ending once reached.
    pub(crate) fn pages(&self) -> usize {
        self.slides.len() + usize::from(self.walk.ending().is_some())
    }

    /// The page of the step waiting for the class's decision; none once the story has ended.
    pub(crate) fn deciding(&self) -> Option<usize> {
        self.walk.current().map(|_| self.walk.decisions().len())
    }

    pub(crate) fn at_ending(&self) -> bool {
        self.at >= self.slides.len()
    }

    /// Takes the class's decision at the current step, as typed, and moves the story on.
    pub(crate) fn decide(&mut self, typed: &str) -> Result<(), Undecided> {
        let page = self.deciding().ok_or(Undecided::StoryEnded)?;
        self.decide_at(page, typed)
    }

    /// Takes the class's decision at the step of `page`. At a step decided before (a decision
    /// typed wrong, or the class changing its mind) the story is told again from the start with
    /// the decisions before it, and goes on from the new one; what came after is dropped.
    pub(crate) fn decide_at(&mut self, page: usize, typed: &str) -> Result<(), Undecided> {
        let mut walk = self.start.clone();
        for before in self.walk.decisions().iter().take(page) {
            walk.decide(before.response.clone(), before.seconds);
        }
        let Some(planned) = walk.current() else {
            return Err(Undecided::StoryEnded);
        };
        let shown = read_decision(&form(&planned), typed)?;
        walk.decide(to_author_order(&planned, shown), 0.0);
        self.walk = walk;
        self.slides.truncate(page + 1);
        self.shown.truncate(page + 1);
        self.tallies.truncate(page + 1);
        self.meet_current_step();
        Ok(())
    }

    /// The letter most hands went up for at the step waiting for a decision, when one option
    /// has more than any other and the step is a choice of one.
    pub(crate) fn most_hands(&self) -> Option<String> {
        let page = self.deciding()?;
        let counts = self.tallies[page].as_ref()?;
        let form = form(&self.walk.current()?);
        if !matches!(form, Form::Single { .. } | Form::TrueFalse) {
            return None;
        }
        let most = *counts.iter().max()?;
        let mut at = counts.iter().enumerate().filter(|(_, c)| **c == most);
        match (at.next(), at.next()) {
            (Some((i, _)), None) if most > 0 => Some(self.slides[page].lines[i].label.clone()),
            _ => None,
        }
    }

    /// Saves the counts of a show of hands at `page`.
    pub(crate) fn count(&mut self, page: usize, typed: &str) -> Result<(), Undecided> {
        let counts = tally::parse_counts(typed, self.slides[page].tally.len())?;
        self.tallies[page] = Some(counts);
        Ok(())
    }

    /// Whether the step waiting for a decision is counted per option with one pick, so that
    /// the majority of a show of hands is a decision.
    pub(crate) fn hands_decide(&self) -> bool {
        self.walk
            .current()
            .is_some_and(|p| matches!(form(&p), Form::Single { .. } | Form::TrueFalse))
    }

    /// The counts of a show of hands at the step waiting for a decision, and the story follows
    /// the majority; what was counted, in one line.
    pub(crate) fn decide_by_hands(&mut self, typed: &str) -> Result<String, Undecided> {
        let page = self.deciding().ok_or(Undecided::StoryEnded)?;
        self.count(page, typed)?;
        let Some(letter) = self.most_hands() else {
            return Err(Undecided::NoMajority);
        };
        let counts = self.tallies[page].clone().unwrap_or_default();
        let hands: Vec<String> = self.slides[page]
            .lines
            .iter()
            .zip(&counts)
            .map(|(line, count)| format!("{} {count}", line.label))
            .collect();
        self.decide(&letter)?;
        Ok(format!(
            "Hands: {}; the story follows {letter}.",
            hands.join(" · ")
        ))
    }

    /// Applies one key. While something is being typed, keys edit it instead.
    pub(crate) fn handle(&mut self, input: Input, now: Instant) -> Step {
        if input == Input::Interrupt {
            return Step::Quit;
        }
        if self.asking_to_stop {
            self.asking_to_stop = false;
            return if input == Input::Char('y') {
                Step::Quit
            } else {
                Step::Continue
            };
        }
        if self.typing.is_some() {
            self.type_key(input);
            return Step::Continue;
        }
        self.message = None;
        match input {
            Input::Char(' ' | 'n' | 'l') | Input::Right | Input::Enter => self.forward(),
            Input::Left | Input::Backspace | Input::Char('b' | 'p' | 'h') => {
                self.go_to(self.at.saturating_sub(1));
            }
            Input::Char('d') if Some(self.at) == self.deciding() => {
                self.typing = Some(Typing::Decision(self.most_hands().unwrap_or_default()));
            }
            Input::Char('d') if !self.at_ending() => {
                self.typing = Some(Typing::Decision(String::new()));
                self.message = Some(
                    "Deciding again: the story goes on from the new decision, and what came after is dropped."
                        .into(),
                );
            }
            Input::Char('d') => self.message = Some("The story has ended.".into()),
            Input::Char('c') if !self.at_ending() => {
                self.typing = Some(Typing::Counts(String::new()));
            }
            Input::Char('t') => self.countdown.toggle(now),
            Input::Char('q') | Input::Escape => self.asking_to_stop = true,
            _ => {}
        }
        Step::Continue
    }

    /// On to the next page; the story waits at a step the class has not decided.
    fn forward(&mut self) {
        if Some(self.at) == self.deciding() {
            self.message = Some("The class decides first: press d and type its letter.".into());
        } else {
            self.go_to((self.at + 1).min(self.pages() - 1));
        }
    }

    fn go_to(&mut self, page: usize) {
        if page != self.at {
            self.at = page;
            self.countdown.reset();
        }
    }

    fn type_key(&mut self, input: Input) {
        let Some(typing) = self.typing.as_mut() else {
            return;
        };
        let typed = match typing {
            Typing::Decision(typed) | Typing::Counts(typed) => typed,
        };
        match input {
            Input::Char(c) if !c.is_control() => typed.push(c),
            Input::Backspace => {
                typed.pop();
            }
            Input::Escape => {
                self.typing = None;
                self.message = None;
            }
            Input::Enter => self.enter_typed(),
            _ => {}
        }
    }

    fn enter_typed(&mut self) {
        let done = match self.typing.clone() {
            Some(Typing::Decision(typed)) => self.decide_at(self.at, &typed).map(|()| None),
            Some(Typing::Counts(typed)) => self.count(self.at, &typed).map(|()| {
                Some(match self.most_hands() {
                    Some(letter) if Some(self.at) == self.deciding() => {
                        format!("Counts saved. Most hands: {letter}; d, then Enter follows it.")
                    }
                    _ => "Counts saved.".into(),
                })
            }),
            None => return,
        };
        match done {
            Ok(message) => {
                self.typing = None;
                self.message = message;
            }
            Err(problem) => self.message = Some(problem.to_string()),
        }
    }

    /// The scenario's title and text, before its first step.
    pub(crate) fn scenario_parts(&self) -> Vec<Part> {
        vec![
            Part::Heading(format!("Scenario: {}", self.walk.scenario.title)),
            Part::Story(crate::text::reflow(&self.walk.scenario.text)),
        ]
    }

    /// The step at `page` as the class meets it: what happened last, the prompt and the
    /// choices, the one taken marked once decided.
    pub(crate) fn step_parts(&self, page: usize) -> Vec<Part> {
        let slide = &self.slides[page];
        let decision = self.walk.decisions().get(page);
        let mut parts = Vec::new();
        if let Some(before) = page
            .checked_sub(1)
            .and_then(|p| self.walk.decisions().get(p))
        {
            let consequence = self.walk.route(before).consequence.trim();
            if !consequence.is_empty() {
                parts.push(Part::Story(format!("So far: {consequence}")));
            }
        }
        parts.push(Part::Prompt(slide.prompt.clone()));
        if let Some(hint) = &slide.hint {
            parts.push(Part::Hint(hint.clone()));
        }
        let taken = |shown: usize| {
            let response = &decision?.response;
            let author = self.shown[page].get(shown).copied().unwrap_or(shown);
            Some(match response {
                Response::Choice(i) => *i == author,
                Response::Choices(picked) => picked.contains(&author),
                Response::Bool(b) => *b == (shown == 0),
                _ => return None,
            })
        };
        for (i, line) in slide.lines.iter().enumerate() {
            parts.push(Part::Choice {
                label: line.label.clone(),
                text: line.text.clone(),
                taken: taken(i),
            });
        }
        parts
    }

    /// What follows the class's decision at `page`: the decision in words, what happens next,
    /// how good it was and why, and the source.
    pub(crate) fn outcome_parts(&self, page: usize) -> Vec<Part> {
        let Some(decision) = self.walk.decisions().get(page) else {
            return Vec::new();
        };
        let step = &self.walk.branching.steps[decision.step];
        let question = &step.question;
        let route = self.walk.route(decision);
        let mut parts = vec![Part::Decided(format!(
            "The class decided: {}",
            response_text(question, &decision.response)
        ))];
        if !route.consequence.trim().is_empty() {
            parts.push(Part::Consequence(format!("→ {}", route.consequence.trim())));
        }
        let mut judged = format!(
            "{} decision · {}",
            decision.quality.title(),
            decision.earned_text()
        );
        if !decision.counted {
            judged.push_str(" (decided here before: the score counts the first decision)");
        }
        parts.push(Part::Judged(decision.quality, judged));
        if let Routes::ByVerdict { .. } = step.routes {
            if decision.grade.verdict() != Verdict::Right {
                parts.push(Part::Why(format!("Correct answer: {}", key_text(question))));
            }
            if !question.explanation.trim().is_empty() {
                parts.push(Part::Why(format!("Why: {}", question.explanation.trim())));
            }
        }
        for why in picked_whys(question, &decision.response) {
            parts.push(Part::Why(format!("Why: {why}")));
        }
        let citation = route.citation.as_ref().unwrap_or(&question.citation);
        parts.push(Part::Source(self.walk.bank.source_line(citation)));
        parts
    }

    /// The ending: its text and rating, the score, the class's path beside the best path, and
    /// the debrief with its source.
    pub(crate) fn ending_parts(&self) -> Vec<Part> {
        let Some(ending) = self.walk.ending() else {
            return Vec::new();
        };
        let title = ending.name();
        let (earned, best) = self.walk.score();
        let share = if best > 0.0 {
            earned / best * 100.0
        } else {
            0.0
        };
        let mut parts = vec![
            Part::Heading(format!("Ending: {title}")),
            Part::Story(crate::text::reflow(&ending.text)),
            Part::Rating(
                ending.rating,
                format!("Rating: {} ending", ending.rating.name()),
            ),
            Part::Score(format!(
                "Score: {} of {} points ({share:.0}%): the class's decisions against the best path's",
                points(earned),
                points(best)
            )),
            Part::Paths {
                taken: self.path_taken(),
                best: self.best_path(),
            },
        ];
        if self.walk.took_best_path() {
            parts.push(Part::Judged(
                Quality::Best,
                "The class took the best path.".into(),
            ));
        }
        if !ending.debrief.trim().is_empty() {
            parts.push(Part::Debrief(format!("Debrief: {}", ending.debrief.trim())));
        }
        if let Some(citation) = &ending.citation {
            parts.push(Part::Source(self.walk.bank.source_line(citation)));
        }
        parts
    }

    fn path_taken(&self) -> Vec<String> {
        let mut path: Vec<String> = self
            .walk
            .decisions()
            .iter()
            .enumerate()
            .map(|(n, decision)| {
                let text = self.walk.decision_text(decision);
                format!("{}. {text} ({})", n + 1, decision.quality.name())
            })
            .collect();
        if let Some(ending) = self.walk.ending() {
            path.push(format!("→ {}", ending.name()));
        }
        path
    }

    fn best_path(&self) -> Vec<String> {
        let (steps, ending) = self.walk.best_path();
        let mut path: Vec<String> = steps
            .iter()
            .enumerate()
            .map(|(n, &step)| format!("{}. {}", n + 1, self.walk.best_decision_text(step)))
            .collect();
        if let Some(ending) = ending.map(|e| &self.walk.branching.endings[e]) {
            path.push(format!("→ {}", ending.name()));
        }
        path
    }
}
