//! Ctrl-C, and the signals that end a session from outside (SIGTERM; SIGHUP for a closed
//! terminal or SSH session): remembered in a flag, the cursor made visible again, and a waiting
//! reader woken up, so that the command ends as it does on Ctrl-C, saving what it has. Menus
//! look at the flag while they wait for a key, and give the terminal back as they go.
//!
//! The terminal's settings as the session found them are kept, and put back before the process
//! exits from here: whatever widget had the keyboard in raw mode, the shell gets its terminal
//! back with echo and line editing.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// What wakes a reader that waits for a line, so that it sees the interrupt at once.
type Wake = Box<dyn Fn() + Send>;

static WAKE: Mutex<Option<Wake>> = Mutex::new(None);

/// Exit code after Ctrl-C, as shells expect (128 + SIGINT); SIGTERM and SIGHUP end with it too.
pub(crate) const INTERRUPTED_EXIT: i32 = 130;

/// How long a signal waits for the command to end by itself before the process exits anyway.
/// A widget waiting for a key cannot be woken by a signal sent from outside; everything a
/// session must keep is saved as it goes, so exiting then loses nothing.
const GRACE: Duration = Duration::from_secs(3);

/// Installs the process-wide handler for SIGINT, SIGTERM and SIGHUP. Safe to call more than once.
pub(crate) fn install() {
    settings::keep();
    // Only the first call can install; later calls fail harmlessly.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        show_cursor();
        if let Ok(wake) = WAKE.lock()
            && let Some(wake) = wake.as_ref()
        {
            wake();
        }
        std::thread::sleep(GRACE);
        show_cursor();
        settings::put_back();
        std::process::exit(INTERRUPTED_EXIT);
    });
}

/// The cursor shown again: a widget hides it while it is up, and a cut-off widget must not keep
/// it hidden.
fn show_cursor() {
    use std::io::IsTerminal;
    let mut stderr = std::io::stderr();
    if stderr.is_terminal() {
        let _ = crossterm::execute!(stderr, crossterm::cursor::Show);
    }
}

/// The keyboard terminal's settings (echo, line editing) as the session found them.
#[cfg(unix)]
mod settings {
    use std::sync::OnceLock;

    use rustix::termios::{OptionalActions, Termios, isatty, tcgetattr, tcsetattr};

    static FOUND: OnceLock<Termios> = OnceLock::new();

    /// Keeps the settings of standard input when it is a terminal.
    pub(super) fn keep() {
        let stdin = std::io::stdin();
        if isatty(&stdin)
            && let Ok(found) = tcgetattr(&stdin)
        {
            let _ = FOUND.set(found);
        }
    }

    /// Puts the kept settings back.
    pub(super) fn put_back() {
        if let Some(found) = FOUND.get() {
            let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, found);
        }
    }
}

#[cfg(not(unix))]
mod settings {
    pub(super) fn keep() {}
    pub(super) fn put_back() {}
}

/// Lets Ctrl-C wake a plain prompter that is waiting for a line.
pub(crate) fn wake_on_interrupt(wake: impl Fn() + Send + 'static) {
    if let Ok(mut slot) = WAKE.lock() {
        *slot = Some(Box::new(wake));
    }
}

pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
