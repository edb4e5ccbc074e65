//! The terminal front end: dialoguer widgets on stderr, feedback on stdout.

use std::io::{self, Write};

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Select, Sort};

use super::render;
use crate::bank::Scenario;
use crate::engine::{Answered, Ask, Form, Planned, Prompter, Stop};
use crate::engine::{Response, parse_number};

pub(crate) struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
        }
    }
}

fn stop(error: dialoguer::Error) -> Stop {
    let dialoguer::Error::IO(error) = error;
    match error.kind() {
        io::ErrorKind::Interrupted => Stop::Interrupted,
        io::ErrorKind::UnexpectedEof => Stop::EndOfInput,
        _ => Stop::Io(error),
    }
}

impl TerminalPrompter {
    fn select(&self, prompt: &str, items: &[String]) -> Result<usize, Stop> {
        Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact_on(&self.term)
            .map_err(stop)
    }

    fn text(&self, prompt: &str, unit: Option<&str>, numeric: bool) -> Result<String, Stop> {
        let unit = unit.map(str::to_owned);
        Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .validate_with(move |typed: &String| -> Result<(), &str> {
                if typed.trim().is_empty() {
                    Err("type an answer")
                } else if typed.len() > super::plain::MAX_ANSWER_BYTES {
                    Err("that answer is too long; type a shorter one")
                } else if numeric && parse_number(typed, unit.as_deref()).is_none() {
                    Err("type a number, like 15000, 15,000 or 15k")
                } else {
                    Ok(())
                }
            })
            .interact_text_on(&self.term)
            .map_err(stop)
    }
}

impl Prompter for TerminalPrompter {
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop> {
        let header = render::question_header(ask);
        writeln!(io::stdout(), "\n{header}\n{}", ask.prompt.trim())?;
        match &ask.form {
            Form::Single { choices } => self.select("Your answer", choices).map(Response::Choice),
            Form::Multiple { choices } => loop {
                let picked = MultiSelect::with_theme(&self.theme)
                    .with_prompt("All that apply (space to pick, enter to confirm)")
                    .items(choices)
                    .interact_on(&self.term)
                    .map_err(stop)?;
                if !picked.is_empty() {
                    break Ok(Response::Choices(picked));
                }
                writeln!(io::stdout(), "Pick at least one answer with the space bar.")?;
            },
            Form::TrueFalse => {
                let picked = self.select("True or false?", &["True".into(), "False".into()])?;
                Ok(Response::Bool(picked == 0))
            }
            Form::Short => self.text("Your answer", None, false).map(Response::Text),
            Form::Numeric { unit } => {
                let prompt = unit
                    .as_ref()
                    .map_or("Your answer".into(), |u| format!("Your answer ({u})"));
                let typed = self.text(&prompt, unit.as_deref(), true)?;
                Ok(Response::Number(
                    parse_number(&typed, unit.as_deref()).unwrap_or(f64::NAN),
                ))
            }
            Form::Order { items } => Sort::with_theme(&self.theme)
                .with_prompt(
                    "Put them in order (space to grab an item, arrows to move, enter when done)",
                )
                .items(items)
                .interact_on(&self.term)
                .map(Response::Order)
                .map_err(stop),
            Form::Match { left, right } => {
                let mut chosen = Vec::with_capacity(left.len());
                for item in left {
                    chosen.push(self.select(&format!("{item} goes with"), right)?);
                }
                Ok(Response::Match(chosen))
            }
        }
    }

    fn show(&mut self, text: &str) -> Result<(), Stop> {
        let mut out = io::stdout();
        writeln!(out, "{text}")?;
        out.flush()?;
        Ok(())
    }

    fn scenario(&mut self, scenario: &Scenario) -> Result<(), Stop> {
        self.show(&super::render::scenario(scenario))
    }

    fn feedback(&mut self, planned: &Planned, answered: &Answered) -> Result<(), Stop> {
        self.show(&super::render::feedback(planned, answered))
    }

    fn stop_requested(&self) -> bool {
        super::interrupt::interrupted()
    }
}
