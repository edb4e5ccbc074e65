//! Presenter mode on a terminal: the alternate screen, one key at a time, and a redraw whenever
//! the picture changes (a key, the countdown's next second, a resized window).

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::style::ResetColor;
use crossterm::terminal::{
    self, Clear, ClearType, DisableLineWrap, EnableLineWrap, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};

use crate::present::{Input, Lesson, Step};

/// How often the screen is checked for a change while no key comes.
const TICK: Duration = Duration::from_millis(200);

/// Runs the lesson until the teacher quits; whether they stopped it with Ctrl-C (or a signal).
/// The terminal is given back as it was found.
pub(crate) fn run(presenter: &mut dyn Lesson) -> io::Result<bool> {
    // Ctrl-C typed on the keyboard arrives as a key in raw mode; the handler still catches an
    // interrupt sent from elsewhere.
    super::interrupt::install();
    let _screen = Screen::enter()?;
    let mut shown: Vec<String> = Vec::new();
    let mut resized = false;
    loop {
        let rows = terminal::size().map_or(24, |(_, rows)| usize::from(rows));
        let picture = presenter.frame(crate::style::width(), rows, Instant::now());
        if picture != shown || resized {
            draw(&picture, resized)?;
            shown = picture;
            resized = false;
        }
        if super::interrupt::interrupted() {
            return Ok(true);
        }
        if !event::poll(TICK)? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                let Some(input) = input(key) else { continue };
                if presenter.handle(input, Instant::now()) == Step::Quit {
                    return Ok(input == Input::Interrupt);
                }
            }
            Event::Resize(..) => resized = true,
            _ => {}
        }
    }
}

fn input(key: KeyEvent) -> Option<Input> {
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    Some(match key.code {
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => return control(c),
        KeyCode::Char(c) => Input::Char(c.to_ascii_lowercase()),
        KeyCode::Right | KeyCode::PageDown => Input::Right,
        KeyCode::Left | KeyCode::PageUp => Input::Left,
        KeyCode::Enter => Input::Enter,
        KeyCode::Backspace | KeyCode::Delete => Input::Backspace,
        KeyCode::Esc => Input::Escape,
        _ => return None,
    })
}

/// Ctrl with a key is one control byte on the wire, and each keeps its meaning here: Ctrl-C
/// interrupts, Ctrl-H is a backspace, Ctrl-J and Ctrl-M are Enter, Ctrl-A, Ctrl-E and Ctrl-I
/// (home, end, tab) do nothing, and any other is passed on as typed.
fn control(c: char) -> Option<Input> {
    let byte = match c.to_ascii_lowercase() {
        c @ 'a'..='z' => c as u8 - b'a' + 1,
        c @ '4'..='7' => c as u8 - b'4' + 0x1c,
        ' ' => 0,
        _ => return None,
    };
    Some(match byte {
        0x03 => Input::Interrupt,
        0x08 => Input::Backspace,
        b'\n' | b'\r' => Input::Enter,
        0x01 | 0x05 | b'\t' => return None,
        _ => Input::Char(char::from(byte)),
    })
}

fn draw(picture: &[String], resized: bool) -> io::Result<()> {
    // One write per frame, from the top-left corner, so the slide never flickers line by line.
    // Every line fills the width, so only a resized window needs clearing first.
    let mut out = Vec::new();
    if resized {
        queue!(out, Clear(ClearType::All))?;
    }
    queue!(out, MoveTo(0, 0))?;
    out.extend_from_slice(picture.join("\r\n").as_bytes());
    let mut stdout = io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()
}

/// While set, the terminal is raw and on its second screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal's second screen in raw mode: the teacher's shell comes back untouched after the
/// lesson, however it ends.
struct Screen;

impl Screen {
    fn enter() -> io::Result<Screen> {
        restore_on_panic();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let screen = Screen;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            // A line wider than the window (the key help on a narrow one) is cut at the edge
            // instead of wrapping and pushing the slide's first line off the top.
            DisableLineWrap,
            Clear(ClearType::All),
            Hide
        )?;
        Ok(screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back: colours reset, lines wrapping, main screen, cursor shown, keys echoed
/// by line.
fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            ResetColor,
            Clear(ClearType::All),
            EnableLineWrap,
            LeaveAlternateScreen,
            Show
        );
        let _ = disable_raw_mode();
    }
}

/// A panic's message is printed before the stack unwinds, so the terminal is given back first
/// for the message to land on the main screen rather than vanish with the second one.
fn restore_on_panic() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Input> {
        input(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_mean_what_the_presenter_expects() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            key(KeyCode::Char('N'), KeyModifiers::SHIFT),
            Some(Input::Char('n'))
        );
        assert_eq!(key(KeyCode::Char(' '), none), Some(Input::Char(' ')));
        assert_eq!(key(KeyCode::PageDown, none), Some(Input::Right));
        assert_eq!(key(KeyCode::Right, none), Some(Input::Right));
        assert_eq!(key(KeyCode::PageUp, none), Some(Input::Left));
        assert_eq!(key(KeyCode::Left, none), Some(Input::Left));
        assert_eq!(key(KeyCode::Enter, none), Some(Input::Enter));
        assert_eq!(key(KeyCode::Delete, none), Some(Input::Backspace));
        assert_eq!(key(KeyCode::Backspace, none), Some(Input::Backspace));
        assert_eq!(key(KeyCode::Esc, none), Some(Input::Escape));
        assert_eq!(key(KeyCode::Char('c'), ctrl), Some(Input::Interrupt));
        assert_eq!(key(KeyCode::Char('h'), ctrl), Some(Input::Backspace));
        assert_eq!(key(KeyCode::Char('j'), ctrl), Some(Input::Enter));
        assert_eq!(key(KeyCode::Char('b'), ctrl), Some(Input::Char('\x02')));
        assert_eq!(key(KeyCode::Char('a'), ctrl), None);
        assert_eq!(key(KeyCode::Char('n'), KeyModifiers::ALT), None);
        assert_eq!(key(KeyCode::Up, none), None);
        assert_eq!(key(KeyCode::Tab, none), None);
    }
}
