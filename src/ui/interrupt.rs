//! Ctrl-C: remembered in a flag, the cursor made visible again, and a waiting reader woken up.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// What wakes a reader that waits for a line, so that it sees the interrupt at once.
type Wake = Box<dyn Fn() + Send>;

static WAKE: Mutex<Option<Wake>> = Mutex::new(None);

/// Installs the process-wide handler. Safe to call more than once.
pub(crate) fn install() {
    // Only the first call can install; later calls fail harmlessly.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        // dialoguer hides the cursor while a widget is up; a cut-off widget must not keep it hidden.
        let _ = console::Term::stderr().show_cursor();
        if let Ok(wake) = WAKE.lock()
            && let Some(wake) = wake.as_ref()
        {
            wake();
        }
    });
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
