//! The arrow-key menus: every row fits the window (long items wrap onto rows of their own), the
//! whole question is drawn again when the window is resized, and the current row and ticks are
//! shown in text (`❯`, `[x]`), so nothing depends on colour.
//!
//! Keys: arrows (or j/k) move, a number picks its item, Enter confirms, s skips the question,
//! q or Esc asks whether to stop. In a list to tick, space (or the number) ticks; in a list to
//! order, space grabs the current item, the arrows carry it and space or Enter drops it.

use std::io::{self, Write};
use std::ops::ControlFlow;

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
}

/// Raw mode (and a hidden cursor for a menu) for as long as a widget is up; both given back
/// when it goes.
pub(crate) struct Raw;

impl Raw {
    fn enter() -> io::Result<Raw> {
        enable_raw_mode()?;
        let raw = Raw;
        execute!(io::stderr(), Hide)?;
        Ok(raw)
    }

    /// Raw mode with the cursor left visible, for a widget where the user types.
    pub(crate) fn enter_with_cursor() -> io::Result<Raw> {
        enable_raw_mode()?;
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = execute!(io::stderr(), Show);
        let _ = disable_raw_mode();
    }
}

/// Goes back to the first of the `rows` drawn last and clears from there down.
fn clear(out: &mut impl Write, rows: &mut usize) -> io::Result<()> {
    queue!(out, MoveToColumn(0))?;
    if *rows > 1 {
        queue!(out, MoveUp(u16::try_from(*rows - 1).unwrap_or(u16::MAX)))?;
    }
    queue!(out, Clear(ClearType::FromCursorDown))?;
    *rows = 0;
    out.flush()
}

/// The question drawn again from the top of a resized window.
fn redraw_above(out: &mut impl Write, above: &dyn Fn(usize) -> String) -> io::Result<()> {
    let above = above(width()).replace('\n', "\r\n");
    queue!(out, Clear(ClearType::All), crossterm::cursor::MoveTo(0, 0))?;
    write!(out, "{above}\r\n")
}

/// The part of `text` that fits on one prompt line of `room` fewer columns than the window, with
/// the lines before it written to standard error first, so that the line a widget draws again
/// on every key is one row.
pub(crate) fn fit_prompt(text: &str, room: usize) -> io::Result<String> {
    let mut lines = crate::text::wrap(text, width().saturating_sub(room).max(12), "");
    let last = lines.pop().unwrap_or_default();
    let mut err = io::stderr();
    for line in lines {
        writeln!(err, "{line}")?;
    }
    Ok(last)
}

/// Columns for the menus, drawn on standard error: its window's width, else `COLUMNS`, else 80.
pub(crate) fn width() -> usize {
    crate::style::width_of(crate::style::Stream::Stderr)
}

/// The keys every menu reads alike: Ctrl-C and Ctrl-D, other control keys (ignored), and the
/// answer to "Stop here?". `Continue` when the key is the menu's own to read.
fn stop_keys(
    key: &KeyEvent,
    asking_to_stop: &mut bool,
) -> ControlFlow<Option<Result<Vec<usize>, Stop>>> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return ControlFlow::Break(match key.code {
            KeyCode::Char('c') => Some(Err(Stop::Interrupted)),
            KeyCode::Char('d') => Some(Err(Stop::EndOfInput)),
            _ => None,
        });
    }
    if std::mem::take(asking_to_stop) {
        let stop = matches!(key.code, KeyCode::Char('y' | 'Y'));
        return ControlFlow::Break(stop.then_some(Err(Stop::Quit)));
    }
    ControlFlow::Continue(())
}

/// What the shared loop asks of a menu: how it looks, what a key does, how its answer reads.
trait Widget {
    type State;
    /// What is asked, such as "Your answer", said again with the answer.
    fn prompt(&self) -> &str;
    /// The question above the menu, drawn again at the new width after a resize.
    fn above(&self) -> &dyn Fn(usize) -> String;
    fn rows(&self, state: &Self::State, width: usize) -> Vec<String>;
    /// The answer once a key settles it (or why there is none); `None` while the menu stays.
    fn key(&self, key: KeyEvent, state: &mut Self::State) -> Option<Result<Vec<usize>, Stop>>;
    fn answer_text(&self, answer: &[usize]) -> String;
}

/// How often a menu waiting for a key looks at the interrupt flag.
pub(crate) const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// Draws `widget` until a key settles it, then takes it off the screen and says, in one
/// neutral line, what was answered or that the question was skipped.
fn run_widget<W: Widget>(widget: &W, mut state: W::State) -> Result<Vec<usize>, Stop> {
    io::stdout().flush()?;
    let raw = Raw::enter()?;
    // Starts listening for resizes before the menu is drawn, so that none is missed.
    event::poll(std::time::Duration::ZERO)?;
    let mut err = io::stderr();
    // Rows drawn last time, to go back over.
    let mut drawn = 0;
    loop {
        clear(&mut err, &mut drawn)?;
        let rows = in_window(widget.rows(&state, width()), window_height());
        write!(err, "{}", rows.join("\r\n"))?;
        drawn = rows.len();
        err.flush()?;
        // Waits in short ticks: a signal from outside (SIGTERM, SIGHUP) raises the interrupt
        // flag but cannot wake a blocking read.
        while !event::poll(TICK)? {
            if super::interrupt::interrupted() {
                clear(&mut err, &mut drawn)?;
                return Err(Stop::Interrupted);
            }
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(done) = widget.key(key, &mut state) {
                    clear(&mut err, &mut drawn)?;
                    drop(raw);
                    match &done {
                        Ok(answer) => say(widget.prompt(), &widget.answer_text(answer))?,
                        Err(Stop::Skip) => say(widget.prompt(), "skipped")?,
                        Err(_) => {}
                    }
                    return done;
                }
            }
            Event::Resize(..) => {
                redraw_above(&mut err, widget.above())?;
                drawn = 0;
            }
            _ => {}
        }
    }
}

/// Rows the window has for a menu: one fewer than its height, for the row the cursor rests on.
fn window_height() -> usize {
    terminal::size().map_or(usize::MAX, |(_, rows)| usize::from(rows).saturating_sub(1))
}

/// The rows of a menu that fit in `height`: all of them when they fit; else the key help and any
/// message at the bottom, and as many rows around the cursor's as there is room for, with
/// "↑ more" and "↓ more" where rows are left out. A menu drawn taller than the window would push
/// its top into the scrollback, where it cannot be cleared, and leave a copy on every key.
fn in_window(rows: Vec<String>, height: usize) -> Vec<String> {
    if rows.len() <= height {
        return rows;
    }
    // Item rows start with the cursor's mark or a space; the key help starts with the arrows.
    let cursor = rows
        .iter()
        .position(|r| r.starts_with('❯') || r.starts_with('↕'))
        .unwrap_or(0);
    let footer = rows
        .iter()
        .rposition(|r| r.starts_with("↑↓"))
        .unwrap_or(rows.len());
    let room = height.saturating_sub(rows.len() - footer + 2).max(1);
    let start = cursor
        .saturating_sub(room / 2)
        .min(footer.saturating_sub(room));
    let end = (start + room).min(footer);
    let mut shown = Vec::with_capacity(height);
    if start > 0 {
        shown.push("  ↑ more".to_owned());
    }
    shown.extend_from_slice(&rows[start..end]);
    if end < footer {
        shown.push("  ↓ more".to_owned());
    }
    shown.extend_from_slice(&rows[footer..]);
    shown
}

/// "PROMPT: WHAT", wrapped to the window.
fn say(prompt: &str, what: &str) -> io::Result<()> {
    let line = crate::text::wrap(
        &format!("{prompt}: {what}"),
        width().saturating_sub(1),
        "  ",
    );
    let mut err = io::stderr();
    writeln!(err, "{}", line.join("\n"))?;
    err.flush()
}

impl Widget for Menu<'_> {
    type State = State;

    fn prompt(&self) -> &str {
        self.prompt
    }

    fn above(&self) -> &dyn Fn(usize) -> String {
        self.above
    }

    fn key(&self, key: KeyEvent, state: &mut State) -> Option<Result<Vec<usize>, Stop>> {
        let n = self.items.len();
        if let ControlFlow::Break(read) = stop_keys(&key, &mut state.asking_to_stop) {
            return read;
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
            .map(|row| crate::style::truncate(&row, fit, "…").into_owned())
            .collect()
    }
    /// What was answered, in one neutral line: no colour and no verdict.
    fn answer_text(&self, items: &[usize]) -> String {
        let names: Vec<String> = items
            .iter()
            .map(|&i| crate::text::for_terminal(&self.items[i]).into_owned())
            .collect();
        if self.kind == Kind::Order {
            names.join(" → ")
        } else {
            // As "You answered:" reads: a choice may hold a comma of its own.
            names.join("; ")
        }
    }
}

impl Menu<'_> {
    /// Shows the menu until the learner answers, skips or stops. The answer is positions of
    /// items: the one picked, the ones ticked, or every item in the order the learner chose.
    pub(crate) fn run(&self) -> Result<Vec<usize>, Stop> {
        run_widget(
            self,
            State {
                cursor: 0,
                ticked: vec![false; self.items.len()],
                order: (0..self.items.len()).collect(),
                held: false,
                message: None,
                asking_to_stop: false,
            },
        )
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
}

/// All the pairs of a match question at once: the arrows choose a left side, a letter (or ← →)
/// gives it a right side, any pair can be changed again, and Enter confirms once every left side
/// has one. A right side already given to another left side is marked.
pub(crate) struct Pairs<'a> {
    pub(crate) left: &'a [String],
    pub(crate) right: &'a [String],
    /// The question above the menu, drawn again at the new width after a resize.
    pub(crate) above: &'a dyn Fn(usize) -> String,
}

const PAIRS_PROMPT: &str = "Your pairs";

struct PairState {
    cursor: usize,
    chosen: Vec<Option<usize>>,
    message: Option<String>,
    asking_to_stop: bool,
}

impl Pairs<'_> {
    /// Shows the pairs until the learner confirms them, skips or stops; the answer gives, for
    /// each left side, the position of its right side.
    pub(crate) fn run(&self) -> Result<Vec<usize>, Stop> {
        run_widget(
            self,
            PairState {
                cursor: 0,
                chosen: vec![None; self.left.len()],
                message: None,
                asking_to_stop: false,
            },
        )
    }
}

impl Widget for Pairs<'_> {
    type State = PairState;

    fn prompt(&self) -> &str {
        PAIRS_PROMPT
    }

    fn above(&self) -> &dyn Fn(usize) -> String {
        self.above
    }

    fn key(&self, key: KeyEvent, state: &mut PairState) -> Option<Result<Vec<usize>, Stop>> {
        let (n, m) = (self.left.len(), self.right.len());
        if let ControlFlow::Break(read) = stop_keys(&key, &mut state.asking_to_stop) {
            return read;
        }
        state.message = None;
        let here = state.cursor;
        let letter = |c: char| {
            let c = c.to_ascii_lowercase();
            c.is_ascii_lowercase()
                .then(|| c as usize - 'a' as usize)
                .filter(|&r| r < m)
        };
        match key.code {
            // A letter within the right sides pairs first, so that no right side is out of reach.
            KeyCode::Char(c) if letter(c).is_some() => {
                state.chosen[here] = letter(c);
                state.cursor = next_without_pair(&state.chosen, here);
            }
            KeyCode::Up | KeyCode::Char('k') => state.cursor = (here + n - 1) % n,
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => state.cursor = (here + 1) % n,
            KeyCode::Right | KeyCode::Char(' ') => {
                state.chosen[here] = Some(state.chosen[here].map_or(0, |r| (r + 1) % m));
            }
            KeyCode::Left => {
                state.chosen[here] = Some(state.chosen[here].map_or(m - 1, |r| (r + m - 1) % m));
            }
            KeyCode::Char(c @ '1'..='9') => {
                let row = c as usize - '1' as usize;
                if row < n {
                    state.cursor = row;
                }
            }
            KeyCode::Char('s') => return Some(Err(Stop::Skip)),
            KeyCode::Char('q') | KeyCode::Esc => state.asking_to_stop = true,
            KeyCode::Enter => match state.chosen.iter().position(Option::is_none) {
                None => return Some(Ok(state.chosen.iter().flatten().copied().collect())),
                Some(first) => {
                    state.cursor = first;
                    let left = state.chosen.iter().filter(|c| c.is_none()).count();
                    state.message = Some(format!(
                        "Pair every item first: {} without a pair.",
                        crate::text::count(left, "item")
                    ));
                }
            },
            _ => {}
        }
        None
    }
    fn rows(&self, state: &PairState, width: usize) -> Vec<String> {
        let fit = width.saturating_sub(1).max(10);
        let wrap = |text: &str, indent: &str| crate::text::wrap(text, fit, indent);
        let shown = |text: &str| crate::text::for_terminal(text).replace('\n', " ");
        let mut rows = wrap(&format!("? {PAIRS_PROMPT}"), "  ");
        for (i, left) in self.left.iter().enumerate() {
            let marker = if i == state.cursor { "❯ " } else { "  " };
            let number = format!("{}. ", i + 1);
            let pair = state.chosen[i].map_or_else(
                || "?".to_owned(),
                |r| format!("{}) {}", letter(r), shown(&self.right[r])),
            );
            let indent = " ".repeat(2 + number.len());
            rows.extend(wrap(
                &format!("{marker}{number}{} → {pair}", shown(left)),
                &indent,
            ));
        }
        rows.extend(wrap("  with", "  "));
        for (r, right) in self.right.iter().enumerate() {
            let users: Vec<String> = (0..self.left.len())
                .filter(|&i| state.chosen[i] == Some(r))
                .map(|i| (i + 1).to_string())
                .collect();
            let used = match users.len() {
                0 => String::new(),
                1 => format!(" (used by {})", users[0]),
                _ => format!(" (used by {}: twice)", users.join(" and ")),
            };
            rows.extend(wrap(
                &format!("    {}) {}{used}", letter(r), shown(right)),
                "       ",
            ));
        }
        rows.extend(wrap(
            "↑↓ move · a letter or ←→ pairs · enter confirms · s skip · q stop",
            "  ",
        ));
        if state.asking_to_stop {
            rows.extend(wrap("Stop here? The score so far is kept. (y/n)", ""));
        } else if let Some(message) = &state.message {
            rows.extend(wrap(message, ""));
        }
        rows.into_iter()
            .map(|row| crate::style::truncate(&row, fit, "…").into_owned())
            .collect()
    }
    fn answer_text(&self, chosen: &[usize]) -> String {
        self.left
            .iter()
            .zip(chosen)
            .map(|(left, &r)| {
                format!(
                    "{} → {}",
                    crate::text::for_terminal(left),
                    crate::text::for_terminal(&self.right[r])
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Where the cursor goes once row `here` has a pair: the next row below it (going round to the
/// top) that has none yet, so typing letters one after another fills the empty rows in turn and
/// never passes over one; when every row has a pair it stays.
fn next_without_pair(chosen: &[Option<usize>], here: usize) -> usize {
    let n = chosen.len();
    (1..n)
        .map(|step| (here + step) % n)
        .find(|&row| chosen[row].is_none())
        .unwrap_or(here)
}

/// Right sides are named by lower-case letter, as in typed answers.
fn letter(i: usize) -> String {
    crate::text::letter(i).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::in_window;

    fn menu(items: usize, cursor: usize) -> Vec<String> {
        let mut rows = vec!["? Your pairs".to_owned()];
        rows.extend((0..items).map(|i| {
            let mark = if i == cursor { "❯" } else { " " };
            format!("{mark} {}. item", i + 1)
        }));
        rows.push("↑↓ move · enter confirms".to_owned());
        rows.push("  · s skip · q stop".to_owned());
        rows
    }

    #[test]
    fn a_menu_that_fits_is_shown_whole() {
        assert_eq!(in_window(menu(3, 0), 10), menu(3, 0));
    }

    #[test]
    fn a_menu_taller_than_the_window_keeps_the_cursor_and_the_keys_in_it() {
        for cursor in [0, 7, 19] {
            let shown = in_window(menu(20, cursor), 10);
            assert!(shown.len() <= 10, "{shown:#?}");
            assert!(shown.iter().any(|r| r.starts_with('❯')), "{shown:#?}");
            assert!(shown.iter().any(|r| r.contains("q stop")), "{shown:#?}");
            assert_eq!(
                shown.iter().any(|r| r.contains("↑ more")),
                cursor > 0,
                "{shown:#?}"
            );
            assert_eq!(
                shown.iter().any(|r| r.contains("↓ more")),
                cursor < 19,
                "{shown:#?}"
            );
        }
    }
}
