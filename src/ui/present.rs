//! Presenter mode on a terminal: the alternate screen, one key at a time, and a redraw whenever
//! the picture changes (a key, the countdown's next second, a resized window).

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use console::{Key, Term};

use crate::present::layout::frame;
use crate::present::{Input, Presenter, Step};

/// How often the screen is checked for a change while no key comes.
const TICK: Duration = Duration::from_millis(200);

/// Runs the lesson until the teacher quits. The terminal is given back as it was found.
pub fn run(presenter: &mut Presenter) -> io::Result<()> {
    super::interrupt::install();
    let term = Term::stdout();
    let _screen = AlternateScreen::enter(&term)?;
    let _keys_mode = KeyMode::enter();
    let keys = KeyReader::spawn();
    let mut shown: Vec<String> = Vec::new();
    loop {
        let (rows, cols) = term.size();
        let now = Instant::now();
        let picture = frame(presenter, cols as usize, rows as usize, now);
        if picture != shown {
            draw(&term, &picture)?;
            shown = picture;
        }
        match keys.next(TICK) {
            Ok(Some(key)) => {
                let Some(input) = input(key) else { continue };
                if presenter.handle(input, Instant::now()) == Step::Quit {
                    return Ok(());
                }
            }
            Ok(None) if super::interrupt::interrupted() => return Ok(()),
            Ok(None) => {}
            Err(e) => return Err(e),
        }
    }
}

fn input(key: Key) -> Option<Input> {
    Some(match key {
        Key::Char(c) => Input::Char(c.to_ascii_lowercase()),
        Key::ArrowRight | Key::PageDown => Input::Right,
        Key::ArrowLeft | Key::PageUp => Input::Left,
        Key::Enter => Input::Enter,
        Key::Backspace | Key::Del => Input::Backspace,
        Key::Escape => Input::Escape,
        Key::CtrlC => Input::Interrupt,
        _ => return None,
    })
}

fn draw(term: &Term, picture: &[String]) -> io::Result<()> {
    // One write per frame, from the top-left corner, so the slide never flickers line by line.
    let mut out = String::from("\x1b[H");
    out.push_str(&picture.join("\r\n"));
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    term.flush()
}

/// The terminal's second screen: the teacher's shell comes back untouched after the lesson.
struct AlternateScreen<'t>(&'t Term);

impl<'t> AlternateScreen<'t> {
    fn enter(term: &'t Term) -> io::Result<Self> {
        term.write_str("\x1b[?1049h\x1b[2J")?;
        term.hide_cursor()?;
        Ok(AlternateScreen(term))
    }
}

impl Drop for AlternateScreen<'_> {
    fn drop(&mut self) {
        let _ = self.0.write_str("\x1b[0m\x1b[2J\x1b[?1049l");
        let _ = self.0.show_cursor();
    }
}

/// Keys typed between two reads must neither echo over the slide nor wait in the line buffer for
/// an Enter, so echo and line editing stay off for the whole lesson (each read also goes raw).
#[cfg(unix)]
struct KeyMode(Option<nix::sys::termios::Termios>);

#[cfg(unix)]
impl KeyMode {
    fn enter() -> KeyMode {
        use nix::sys::termios::{
            LocalFlags, SetArg, SpecialCharacterIndices, tcgetattr, tcsetattr,
        };
        let stdin = io::stdin();
        let saved = tcgetattr(&stdin).ok();
        if let Some(saved) = &saved {
            let mut quiet = saved.clone();
            quiet
                .local_flags
                .remove(LocalFlags::ICANON | LocalFlags::ECHO);
            quiet.control_chars[SpecialCharacterIndices::VMIN as usize] = 1;
            quiet.control_chars[SpecialCharacterIndices::VTIME as usize] = 0;
            let _ = tcsetattr(&stdin, SetArg::TCSANOW, &quiet);
        }
        KeyMode(saved)
    }
}

#[cfg(unix)]
impl Drop for KeyMode {
    fn drop(&mut self) {
        if let Some(saved) = &self.0 {
            let _ = nix::sys::termios::tcsetattr(
                io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                saved,
            );
        }
    }
}

#[cfg(not(unix))]
struct KeyMode;

#[cfg(not(unix))]
impl KeyMode {
    fn enter() -> KeyMode {
        KeyMode
    }
}

/// Reads keys on a thread, one per request. Asking for each key keeps the terminal in raw mode
/// only while a key is awaited, so quitting never leaves it raw behind a blocked read.
struct KeyReader {
    ask: Sender<()>,
    keys: Receiver<io::Result<Key>>,
    waiting: std::cell::Cell<bool>,
}

impl KeyReader {
    fn spawn() -> KeyReader {
        let (ask, asked) = mpsc::channel::<()>();
        let (send, keys) = mpsc::channel();
        std::thread::spawn(move || {
            let term = Term::stdout();
            while asked.recv().is_ok() {
                // read_key_raw hands Ctrl-C over as a key instead of killing the process.
                if send.send(term.read_key_raw()).is_err() {
                    return;
                }
            }
        });
        KeyReader {
            ask,
            keys,
            waiting: std::cell::Cell::new(false),
        }
    }

    /// The next key, or `None` if none came within `wait`.
    fn next(&self, wait: Duration) -> io::Result<Option<Key>> {
        if !self.waiting.get() {
            self.ask
                .send(())
                .map_err(|_| io::Error::other("the key reader stopped"))?;
            self.waiting.set(true);
        }
        match self.keys.recv_timeout(wait) {
            Ok(key) => {
                self.waiting.set(false);
                key.map(Some)
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("the key reader stopped")),
        }
    }
}
