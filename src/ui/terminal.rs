//! The terminal front end: menus and typed answers on stderr, questions and feedback on stdout.

use std::io::{self, Write};

use super::Screen;
use super::menu::{self, Kind, Menu, Pairs};
use super::render;
use super::typed::read_line;
use crate::engine::{Ask, Confidence, Form, Stop};
use crate::engine::{Response, parse_number};

/// The typed answer is said back as it is: no tick and no colour that could read as "right".
#[derive(Default)]
pub(crate) struct TerminalPrompter;

/// How to skip a typed question, said next to its prompt.
const SKIP_HINT: &str = "(enter on an empty line skips)";

/// Columns a typed prompt leaves free: the marks around it and room to start typing.
const PROMPT_ROOM: usize = 16;

/// A typed answer; an empty line skips the question.
fn typed_answer(prompt: &str, unit: Option<&str>, numeric: bool) -> Result<String, Stop> {
    let unit = unit.map(str::to_owned);
    let full = format!("{prompt} {SKIP_HINT}");
    let prompt_line = if full.chars().count() + PROMPT_ROOM <= menu::width() {
        full
    } else {
        // A narrow window: the hint goes on its own line above the prompt.
        writeln!(io::stderr(), "{}", menu::fit_prompt(SKIP_HINT, 0)?)?;
        menu::fit_prompt(prompt, PROMPT_ROOM)?
    };
    let check = move |typed: &str| -> Result<(), String> {
        if typed.len() > super::plain::MAX_ANSWER_BYTES {
            Err("that answer is too long; type a shorter one".to_owned())
        } else if numeric && !typed.trim().is_empty() {
            parse_number(typed, unit.as_deref())
                .map(|_| ())
                .map_err(|error| error.hint(unit.as_deref()))
        } else {
            Ok(())
        }
    };
    let typed = read_line(&prompt_line, &check)?;
    if typed.trim().is_empty() {
        writeln!(io::stderr(), "{prompt}: skipped")?;
        return Err(Stop::Skip);
    }
    Ok(typed)
}

impl Screen for TerminalPrompter {
    fn ask(&mut self, ask: &Ask) -> Result<Response, Stop> {
        let above = |width: usize| render::question(ask, width);
        writeln!(io::stdout(), "\n{}", above(menu::width()))?;
        let menu = |kind, prompt: &str, items: &[String], shortcuts: &[char], notes: &[String]| {
            Menu {
                kind,
                prompt,
                items,
                shortcuts,
                notes,
                above: &above,
            }
            .run()
        };
        match &ask.form {
            Form::Single { choices } => {
                let picked = menu(Kind::Single, "Your answer", choices, &[], &[])?;
                Ok(Response::Choice(picked[0]))
            }
            Form::Multiple { choices } => {
                menu(Kind::Multiple, "All that apply", choices, &[], &[]).map(Response::Choices)
            }
            Form::TrueFalse => {
                let both = ["True".to_string(), "False".to_string()];
                let picked = menu(Kind::Single, "True or false?", &both, &['t', 'f'], &[])?;
                Ok(Response::Bool(picked[0] == 0))
            }
            Form::Short => typed_answer("Your answer", None, false).map(Response::Text),
            Form::Numeric { unit } => {
                let prompt = unit
                    .as_ref()
                    .map_or("Your answer".into(), |u| format!("Your answer ({u})"));
                let typed = typed_answer(&prompt, unit.as_deref(), true)?;
                Ok(Response::Number(
                    parse_number(&typed, unit.as_deref()).unwrap_or(f64::NAN),
                ))
            }
            Form::Order { items } => {
                menu(Kind::Order, "Put them in order", items, &[], &[]).map(Response::Order)
            }
            Form::Match { left, right } => Pairs {
                left,
                right,
                above: &above,
            }
            .run()
            .map(Response::Match),
        }
    }

    fn confidence(&mut self, ask: &Ask) -> Result<Confidence, Stop> {
        let above = |width: usize| render::question(ask, width);
        let levels: Vec<String> = Confidence::ALL
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        let picked = Menu {
            kind: Kind::Single,
            prompt: "How sure are you?",
            items: &levels,
            shortcuts: &[],
            notes: &[],
            above: &above,
        }
        .run()?;
        Ok(Confidence::ALL[picked[0]])
    }

    fn show(&mut self, text: &str) -> Result<(), Stop> {
        let mut out = io::stdout();
        writeln!(out, "{text}")?;
        out.flush()?;
        Ok(())
    }
}
