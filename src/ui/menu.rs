//! The arrow-key menus: every row fits the window (long items wrap onto rows of their own), the
//! whole question is drawn again when the window is resized, and the current row and ticks are
//! shown in text (`❯`, `[x]`), so nothing depends on colour.
//!
//! Keys: arrows (or j/k) move, a number picks its item, Enter confirms, s skips the question,
//! q or Esc asks whether to stop. In a list to tick, space (or the number) ticks; in a list to
//! order, space grabs the current item, the arrows carry it and space or Enter drops it.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveToColumn, MoveUp, Show};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal::{self, Clear, ClearType, disable_raw_mode, enable_raw_mode};
use crossterm::{execute, queue};

use crate::engine::Stop;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Enter (or a number) picks one item.
    Single,
    /// Space ticks any number of items, Enter confirms.
    Multiple,
    /// Space grabs and drops items to put them in order, Enter confirms.
    Order,
}

pub(crate) struct Menu<'a> {
    pub(crate) kind: Kind,
    /// What is asked, such as "Your answer".
    pub(crate) prompt: &'a str,
    pub(crate) items: &'a [String],
    /// Letters that pick the item at the same place at once, such as t and f.
    pub(crate) shortcuts: &'a [char],
    /// Marks shown after items, by position (such as "(used)"); empty for none.
    pub(crate) notes: &'a [String],
    /// The question above the menu, drawn again at the new width after a resize.
    pub(crate) above: &'a dyn Fn(usize) -> String,
}

struct State {
    cursor: usize,
    ticked: Vec<bool>,
    /// Item positions in the order shown (changes only in an order menu).
    order: Vec<usize>,
    held: bool,
    message: Option<String>,
    asking_to_stop: bool,
    /// Rows drawn last time, to go back over.
    rows: usize,
}

/// Raw mode and a hidden cursor for as long as a menu is up; both given back when it goes.
struct Raw;

impl Raw {
    fn enter() -> io::Result<Raw> {
        enable_raw_mode()?;
        execute!(io::stderr(), Hide)?;
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = execute!(io::stderr(), Show);
        let _ = disable_raw_mode();
    }
}

/// The window's width in columns.
pub(crate) fn width() -> usize {
    terminal::size()
        .map_or(80, |(cols, _)| usize::from(cols))
        .max(12)
}

impl Menu<'_> {
    /// Shows the menu until the learner answers, skips or stops. The answer is positions of
    /// items: the one picked, the ones ticked, or every item in the order the learner chose.
    pub(crate) fn run(&self) -> Result<Vec<usize>, Stop> {
        io::stdout().flush()?;
        let mut state = State {
            cursor: 0,
            ticked: vec![false; self.items.len()],
            order: (0..self.items.len()).collect(),
            held: false,
            message: None,
            asking_to_stop: false,
            rows: 0,
        };
        let raw = Raw::enter()?;
        // Starts listening for resizes before the menu is drawn, so that none is missed.
        event::poll(std::time::Duration::ZERO)?;
        let mut err = io::stderr();
        loop {
            self.draw(&mut err, &mut state)?;
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(done) = self.key(key, &mut state) {
                        Self::clear(&mut err, &mut state)?;
                        drop(raw);
                        match &done {
                            Ok(picked) => self.echo(picked)?,
                            Err(Stop::Skip) => self.say("skipped")?,
                            Err(_) => {}
                        }
                        return done;
                    }
                }
                Event::Resize(..) => {
                    let above = (self.above)(width()).replace('\n', "\r\n");
                    queue!(err, Clear(ClearType::All), crossterm::cursor::MoveTo(0, 0))?;
                    write!(err, "{above}\r\n")?;
                    state.rows = 0;
                }
                _ => {}
            }
        }
    }

    fn key(&self, key: KeyEvent, state: &mut State) -> Option<Result<Vec<usize>, Stop>> {
        let n = self.items.len();
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return match key.code {
                KeyCode::Char('c') => Some(Err(Stop::Interrupted)),
                KeyCode::Char('d') => Some(Err(Stop::EndOfInput)),
                _ => None,
            };
        }
        if state.asking_to_stop {
            state.asking_to_stop = false;
            return matches!(key.code, KeyCode::Char('y' | 'Y')).then_some(Err(Stop::Quit));
        }
        state.message = None;
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.step(state, false),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => self.step(state, true),
            KeyCode::Char('s') => return Some(Err(Stop::Skip)),
            KeyCode::Char('q') | KeyCode::Esc => state.asking_to_stop = true,
            KeyCode::Char(' ') => match self.kind {
                Kind::Single => {}
                Kind::Multiple => state.ticked[state.cursor] ^= true,
                Kind::Order => state.held ^= true,
            },
            KeyCode::Enter => match self.kind {
                Kind::Single => return Some(Ok(vec![state.cursor])),
                Kind::Multiple if state.ticked.contains(&true) => {
                    let picked = (0..n).filter(|&i| state.ticked[i]).collect();
                    return Some(Ok(picked));
                }
                Kind::Multiple => {
                    state.message =
                        Some("Tick at least one answer with the space bar or its number.".into());
                }
                Kind::Order if state.held => state.held = false,
                Kind::Order => return Some(Ok(state.order.clone())),
            },
            KeyCode::Char(c) => {
                let picked = c
                    .to_digit(10)
                    .and_then(|d| (d as usize).checked_sub(1))
                    .or_else(|| {
                        self.shortcuts
                            .iter()
                            .position(|&s| s == c.to_ascii_lowercase())
                    })
                    .filter(|&i| i < n)?;
                match self.kind {
                    Kind::Single => return Some(Ok(vec![picked])),
                    Kind::Multiple => {
                        state.ticked[picked] ^= true;
                        state.cursor = picked;
                    }
                    Kind::Order if !state.held => state.cursor = picked,
                    Kind::Order => {}
                }
            }
            _ => {}
        }
        None
    }

    /// Moves the cursor one row (carrying the held item in an order menu).
    fn step(&self, state: &mut State, down: bool) {
        let n = self.items.len();
        if state.held {
            let to = if down {
                (state.cursor + 1).min(n - 1)
            } else {
                state.cursor.saturating_sub(1)
            };
            state.order.swap(state.cursor, to);
            state.cursor = to;
        } else if down {
            state.cursor = (state.cursor + 1) % n;
        } else {
            state.cursor = (state.cursor + n - 1) % n;
        }
    }

    /// The menu's rows at `width`, none wider than the window.
    fn rows(&self, state: &State, width: usize) -> Vec<String> {
        let fit = width.saturating_sub(1).max(10);
        let wrap = |text: &str, indent: &str| crate::text::wrap(text, fit, indent);
        let mut rows = wrap(&format!("? {}", self.prompt), "  ");
        for (row, &item) in state.order.iter().enumerate() {
            let here = row == state.cursor;
            let marker = match (here, state.held) {
                (true, true) => "↕ ",
                (true, false) => "❯ ",
                (false, _) => "  ",
            };
            let tick = match (self.kind, state.ticked[item]) {
                (Kind::Multiple, true) => "[x] ",
                (Kind::Multiple, false) => "[ ] ",
                _ => "",
            };
            let number = format!("{}. ", row + 1);
            let note = self
                .notes
                .get(item)
                .filter(|n| !n.is_empty())
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let indent = " ".repeat(marker.chars().count() + tick.len() + number.len());
            let text = crate::text::for_terminal(&self.items[item]).replace('\n', " ");
            rows.extend(wrap(
                &format!("{marker}{tick}{number}{text}{note}"),
                &indent,
            ));
        }
        let keys = match self.kind {
            Kind::Single if self.shortcuts.is_empty() => {
                "↑↓ move · enter or a number picks · s skip · q stop"
            }
            Kind::Single => "↑↓ move · enter picks · t/f · s skip · q stop",
            Kind::Multiple => {
                "↑↓ move · space or a number ticks · enter confirms · s skip · q stop"
            }
            Kind::Order if state.held => "↑↓ carry the item · space or enter drops it",
            Kind::Order => "↑↓ move · space grabs an item · enter confirms · s skip · q stop",
        };
        rows.extend(wrap(keys, "  "));
        if state.asking_to_stop {
            rows.extend(wrap("Stop here? The score so far is kept. (y/n)", ""));
        } else if let Some(message) = &state.message {
            rows.extend(wrap(message, ""));
        }
        rows.into_iter()
            .map(|row| console::truncate_str(&row, fit, "…").into_owned())
            .collect()
    }

    /// Goes back to the menu's first row and clears from there down.
    fn clear(out: &mut impl Write, state: &mut State) -> io::Result<()> {
        queue!(out, MoveToColumn(0))?;
        if state.rows > 1 {
            queue!(
                out,
                MoveUp(u16::try_from(state.rows - 1).unwrap_or(u16::MAX))
            )?;
        }
        queue!(out, Clear(ClearType::FromCursorDown))?;
        state.rows = 0;
        out.flush()
    }

    fn draw(&self, out: &mut impl Write, state: &mut State) -> io::Result<()> {
        Self::clear(out, state)?;
        let rows = self.rows(state, width());
        write!(out, "{}", rows.join("\r\n"))?;
        state.rows = rows.len();
        out.flush()
    }

    /// What was answered, in one neutral line: no colour and no verdict.
    fn echo(&self, items: &[usize]) -> io::Result<()> {
        let names: Vec<String> = items
            .iter()
            .map(|&i| crate::text::for_terminal(&self.items[i]).into_owned())
            .collect();
        let joined = if self.kind == Kind::Order {
            names.join(" → ")
        } else {
            names.join(", ")
        };
        self.say(&joined)
    }

    /// "PROMPT: WHAT", wrapped to the window.
    fn say(&self, what: &str) -> io::Result<()> {
        let line = crate::text::wrap(
            &format!("{}: {what}", self.prompt),
            width().saturating_sub(1),
            "  ",
        );
        let mut err = io::stderr();
        writeln!(err, "{}", line.join("\n"))?;
        err.flush()
    }
}
