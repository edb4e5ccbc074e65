//! A typed line on the terminal, drawn and read with crossterm like the menus: the keyboard in
//! raw mode while it is up, a wait in short ticks that notices an interrupt, and the terminal
//! given back on every way out. The line can be edited (Backspace, Delete, Left/Right,
//! Home/End) and holds any text, one character at a time rather than one byte.

use std::io::{self, Write};

use crossterm::cursor::{MoveToColumn, MoveUp};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType};

use super::menu::{Raw, TICK, width};
use crate::engine::Stop;

/// The text typed so far and where the cursor is in it, counted in characters.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    chars: Vec<char>,
    at: usize,
}

impl Line {
    pub(crate) fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// What an editing key does to the line; `false` when the key is not an editing key.
    pub(crate) fn edit(&mut self, code: KeyCode) -> bool {
        match code {
            KeyCode::Char(c) if !c.is_control() => {
                self.chars.insert(self.at, c);
                self.at += 1;
            }
            KeyCode::Backspace if self.at > 0 => {
                self.at -= 1;
                self.chars.remove(self.at);
            }
            KeyCode::Delete if self.at < self.chars.len() => {
                self.chars.remove(self.at);
            }
            KeyCode::Left => self.at = self.at.saturating_sub(1),
            KeyCode::Right => self.at = (self.at + 1).min(self.chars.len()),
            KeyCode::Home => self.at = 0,
            KeyCode::End => self.at = self.chars.len(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Columns taken by the text before the cursor.
    fn columns_before_cursor(&self) -> usize {
        let before: String = self.chars[..self.at].iter().collect();
        textwrap::core::display_width(&before)
    }
}

/// Where the drawn widget left the cursor: its row, counted from the widget's first.
#[derive(Default)]
struct Drawn {
    cursor_row: usize,
}

impl Drawn {
    /// Back to the first row drawn, and everything from there down cleared.
    fn clear(&mut self, out: &mut impl Write) -> io::Result<()> {
        queue!(out, MoveToColumn(0))?;
        if self.cursor_row > 0 {
            queue!(
                out,
                MoveUp(u16::try_from(self.cursor_row).unwrap_or(u16::MAX))
            )?;
        }
        queue!(out, Clear(ClearType::FromCursorDown))?;
        *self = Drawn::default();
        out.flush()
    }
}

/// Rows a text of `columns` columns takes in a window `width` wide (at least one).
fn rows_for(columns: usize, width: usize) -> usize {
    columns / width.max(1) + 1
}

/// Draws "? PROMPT › TEXT" with the error, if any, on the row below, and puts the cursor where
/// the next character goes.
fn draw(out: &mut impl Write, prompt: &str, line: &Line, error: Option<&str>) -> io::Result<Drawn> {
    let width = width();
    let lead = format!("? {prompt} › ");
    let typed = crate::text::for_terminal(&line.text()).into_owned();
    write!(out, "{lead}{typed}")?;
    let lead_columns = textwrap::core::display_width(&lead);
    let all = lead_columns + textwrap::core::display_width(&typed);
    let mut last_row = rows_for(all, width) - 1;
    if let Some(error) = error {
        let error = format!("✘ {error}");
        write!(out, "\r\n{error}")?;
        last_row += rows_for(textwrap::core::display_width(&error), width);
    }
    let cursor = lead_columns + line.columns_before_cursor();
    let cursor_row = cursor / width;
    if last_row > cursor_row {
        queue!(
            out,
            MoveUp(u16::try_from(last_row - cursor_row).unwrap_or(u16::MAX))
        )?;
    }
    queue!(
        out,
        MoveToColumn(u16::try_from(cursor % width).unwrap_or(u16::MAX))
    )?;
    out.flush()?;
    Ok(Drawn { cursor_row })
}

/// Reads a line after `prompt`. `check` says what is wrong with a line before it is taken; the
/// widget stays up, empty again, with that said below it. Enter on a line `check` accepts returns it.
pub(crate) fn read_line(
    prompt: &str,
    check: &dyn Fn(&str) -> Result<(), String>,
) -> Result<String, Stop> {
    io::stdout().flush()?;
    let raw = Raw::enter_with_cursor()?;
    let mut err = io::stderr();
    let mut line = Line::default();
    let mut error: Option<String> = None;
    loop {
        let mut drawn = draw(&mut err, prompt, &line, error.as_deref())?;
        // Waits in short ticks, as the menus do: a signal from outside cannot wake a read.
        while !event::poll(TICK)? {
            if super::interrupt::interrupted() {
                drawn.clear(&mut err)?;
                return Err(Stop::Interrupted);
            }
        }
        let event = event::read()?;
        drawn.clear(&mut err)?;
        let Event::Key(key) = event else { continue };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match settle(key, &mut line, check, &mut error) {
            Some(Ok(typed)) => {
                drop(raw);
                let mut err = io::stderr();
                writeln!(err, "· {prompt} · {}", crate::text::for_terminal(&typed))?;
                err.flush()?;
                return Ok(typed);
            }
            Some(Err(stop)) => return Err(stop),
            None => {}
        }
    }
}

/// What a key does to a typed line: the line taken, the widget left, or (`None`) more typing.
fn settle(
    key: KeyEvent,
    line: &mut Line,
    check: &dyn Fn(&str) -> Result<(), String>,
    error: &mut Option<String>,
) -> Option<Result<String, Stop>> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Err(Stop::Interrupted)),
            KeyCode::Char('d') => Some(Err(Stop::EndOfInput)),
            _ => None,
        };
    }
    if key.code == KeyCode::Enter {
        let typed = line.text();
        return match check(&typed) {
            Ok(()) => Some(Ok(typed)),
            Err(why) => {
                *error = Some(why);
                *line = Line::default();
                None
            }
        };
    }
    if line.edit(key.code) {
        *error = None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[KeyCode]) -> Line {
        let mut line = Line::default();
        for key in keys {
            line.edit(*key);
        }
        line
    }

    fn chars(text: &str) -> Vec<KeyCode> {
        text.chars().map(KeyCode::Char).collect()
    }

    #[test]
    fn backspace_left_right_home_and_end_edit_where_the_cursor_is() {
        let mut keys = chars("1O5");
        keys.extend([KeyCode::Left, KeyCode::Backspace, KeyCode::Char('0')]);
        keys.extend([KeyCode::Home, KeyCode::Char('~'), KeyCode::End]);
        keys.extend(chars(" km"));
        keys.extend([KeyCode::Home, KeyCode::Right, KeyCode::Delete]);
        assert_eq!(typed(&keys).text(), "~05 km");
    }

    #[test]
    fn a_character_of_several_bytes_is_edited_as_one() {
        let mut keys = chars("Хабаровск");
        keys.extend([KeyCode::Backspace, KeyCode::Left, KeyCode::Backspace]);
        let line = typed(&keys);
        assert_eq!(line.text(), "Хабарос");
        assert_eq!(line.columns_before_cursor(), 6);
    }

    #[test]
    fn wide_characters_count_two_columns_before_the_cursor() {
        let line = typed(&chars("平壤"));
        assert_eq!(line.columns_before_cursor(), 4);
    }

    #[test]
    fn enter_on_a_line_the_check_refuses_keeps_the_widget_and_says_why() {
        let check = |t: &str| {
            t.parse::<u32>()
                .map(|_| ())
                .map_err(|_| "type a number".to_owned())
        };
        let mut line = typed(&chars("ten"));
        let mut error = None;
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert!(settle(enter, &mut line, &check, &mut error).is_none());
        assert_eq!(error.as_deref(), Some("type a number"));
        assert_eq!(line, Line::default(), "the line is empty for the next try");
        // Typing again takes the complaint away until Enter is pressed again.
        for key in chars("10") {
            settle(
                KeyEvent::new(key, KeyModifiers::NONE),
                &mut line,
                &check,
                &mut error,
            );
        }
        assert_eq!(error, None);
        assert!(matches!(
            settle(enter, &mut line, &check, &mut error),
            Some(Ok(t)) if t == "10"
        ));
    }

    #[test]
    fn ctrl_c_interrupts_and_ctrl_d_ends_the_input() {
        let ok = |_: &str| Ok(());
        let mut line = Line::default();
        let mut error = None;
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert!(matches!(
            settle(ctrl('c'), &mut line, &ok, &mut error),
            Some(Err(Stop::Interrupted))
        ));
        assert!(matches!(
            settle(ctrl('d'), &mut line, &ok, &mut error),
            Some(Err(Stop::EndOfInput))
        ));
    }
}
