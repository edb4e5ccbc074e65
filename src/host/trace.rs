//! How long a reveal takes to reach every page, measured by the host itself for `bench/live`
//! (`QUIZ_HOST_TRACE=1`): from the reveal to the last page sent it, said to the teacher's
//! terminal when the class moves on. Off otherwise, when it costs one branch per page sent.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

/// The variable that turns the measurement on.
pub(crate) const TRACE_VAR: &str = "QUIZ_HOST_TRACE";

pub(crate) struct RevealTrace {
    on: bool,
    since: Mutex<Option<Instant>>,
    /// Nanoseconds from the reveal to the last page sent it so far.
    last: AtomicU64,
    pages: AtomicUsize,
}

impl RevealTrace {
    pub(crate) fn from_env() -> RevealTrace {
        RevealTrace {
            on: std::env::var(TRACE_VAR).is_ok_and(|v| v == "1"),
            since: Mutex::new(None),
            last: AtomicU64::new(0),
            pages: AtomicUsize::new(0),
        }
    }

    fn since(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        self.since
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A question was revealed at `at`.
    pub(crate) fn revealed(&self, at: Instant) {
        if self.on {
            *self.since() = Some(at);
            self.last.store(0, Ordering::SeqCst);
            self.pages.store(0, Ordering::SeqCst);
        }
    }

    /// A page is about to be sent the reveal. Counted before the send, so that once a page can
    /// read the reveal it is already in the count the teacher's next command reports.
    pub(crate) fn sending(&self) {
        if self.on && self.since().is_some() {
            self.pages.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// A page was just sent the reveal: the time is taken when its send has finished.
    pub(crate) fn sent(&self) {
        if !self.on {
            return;
        }
        if let Some(at) = *self.since() {
            let nanos = u64::try_from(at.elapsed().as_nanos()).unwrap_or(u64::MAX);
            self.last.fetch_max(nanos, Ordering::SeqCst);
        }
    }

    /// The line for the teacher's terminal about the last reveal, once.
    pub(crate) fn report(&self) -> Option<String> {
        self.since().take()?;
        let last = self.last.load(Ordering::SeqCst) as f64 / 1e6;
        let pages = self.pages.load(Ordering::SeqCst);
        Some(format!(
            "trace: the reveal reached {pages} pages, the last {last:.2} ms after it"
        ))
    }
}
