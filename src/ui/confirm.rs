//! A yes/no question on the terminal, for what cannot be undone.

use std::io::{self, Write};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use super::menu::{Raw, TICK, fit_prompt};

/// Asks `question`; the default is no. Callers make sure a terminal is there to ask on. Ctrl-C
/// (or a signal that ends the session) is an error of kind `Interrupted`.
pub(crate) fn confirm(question: &str) -> io::Result<bool> {
    // Room for "? " before and " (y/n) › no" after.
    let question = fit_prompt(question, 14)?;
    let mut err = io::stderr();
    let answer = {
        let _raw = Raw::enter_with_cursor()?;
        write!(err, "? {question} (y/n) › no")?;
        err.flush()?;
        let answer = read_answer();
        write!(err, "\r")?;
        crossterm::queue!(
            err,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::CurrentLine)
        )?;
        answer
    };
    match &answer {
        Ok(yes) => writeln!(err, "· {question} · {}", if *yes { "yes" } else { "no" })?,
        Err(_) => writeln!(err)?,
    }
    err.flush()?;
    answer
}

/// The answer a key gives: y for yes; n, Enter or Esc for no.
fn answer_for(code: KeyCode) -> Option<bool> {
    match code {
        KeyCode::Char('y' | 'Y') => Some(true),
        KeyCode::Char('n' | 'N') | KeyCode::Enter | KeyCode::Esc => Some(false),
        _ => None,
    }
}

/// Waits in short ticks for a key that answers, as the menus do.
fn read_answer() -> io::Result<bool> {
    let interrupted = || io::Error::from(io::ErrorKind::Interrupted);
    loop {
        while !event::poll(TICK)? {
            if super::interrupt::interrupted() {
                return Err(interrupted());
            }
        }
        if let Event::Key(key) = event::read()?
            && key.kind != KeyEventKind::Release
        {
            if key.modifiers.contains(KeyModifiers::CONTROL) {
                if matches!(key.code, KeyCode::Char('c' | 'd')) {
                    return Err(interrupted());
                }
                continue;
            }
            if let Some(answer) = answer_for(key.code) {
                return Ok(answer);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_y_says_yes_and_enter_takes_the_default_no() {
        assert_eq!(answer_for(KeyCode::Char('y')), Some(true));
        assert_eq!(answer_for(KeyCode::Char('Y')), Some(true));
        assert_eq!(answer_for(KeyCode::Enter), Some(false));
        assert_eq!(answer_for(KeyCode::Char('n')), Some(false));
        assert_eq!(answer_for(KeyCode::Char('x')), None);
    }
}
