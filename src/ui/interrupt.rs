//! Ctrl-C, and the signals that end a session from outside (SIGTERM; SIGHUP for a closed
//! terminal or SSH session): remembered in a flag, the cursor made visible again, and a waiting
//! reader woken up, so that the command ends as it does on Ctrl-C, saving what it has.

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
    // Only the first call can install; later calls fail harmlessly.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        restore_terminal();
        if let Ok(wake) = WAKE.lock()
            && let Some(wake) = wake.as_ref()
        {
            wake();
        }
        std::thread::sleep(GRACE);
        restore_terminal();
        std::process::exit(INTERRUPTED_EXIT);
    });
}

/// The cursor shown again: dialoguer hides it while a widget is up, and a cut-off widget must
/// not keep it hidden.
fn restore_terminal() {
    let stderr = console::Term::stderr();
    if stderr.is_term() {
        let _ = stderr.show_cursor();
    }
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
