//! Ctrl-C: remembered in a flag, the cursor made visible again, and a waiting reader woken up.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use super::plain::Input;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static WAKE: Mutex<Option<Sender<Input>>> = Mutex::new(None);

/// Installs the process-wide handler. Safe to call more than once.
pub(crate) fn install() {
    // Only the first call can install; later calls fail harmlessly.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        // dialoguer hides the cursor while a widget is up; a cut-off widget must not keep it hidden.
        let _ = console::Term::stderr().show_cursor();
        if let Ok(wake) = WAKE.lock()
            && let Some(sender) = wake.as_ref()
        {
            let _ = sender.send(Input::Interrupt);
        }
    });
}

/// Lets Ctrl-C wake a plain prompter that is waiting for a line.
pub(crate) fn wake_on_interrupt(sender: Sender<Input>) {
    if let Ok(mut wake) = WAKE.lock() {
        *wake = Some(sender);
    }
}

pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
