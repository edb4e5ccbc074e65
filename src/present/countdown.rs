//! The countdown a teacher starts with `t`: it can be paused and resumed, and it restarts from the
//! full time once it has run out.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Countdown {
    total: Duration,
    /// Time left when it was last paused (or never started).
    left: Duration,
    /// When it was last started, while it runs.
    since: Option<Instant>,
}

impl Countdown {
    pub(crate) fn new(total: Duration) -> Countdown {
        Countdown {
            total,
            left: total,
            since: None,
        }
    }

    pub(crate) fn remaining(&self, now: Instant) -> Duration {
        match self.since {
            Some(since) => self
                .left
                .saturating_sub(now.saturating_duration_since(since)),
            None => self.left,
        }
    }

    pub(crate) fn running(&self) -> bool {
        self.since.is_some()
    }

    /// Shown once started, until the slide changes: running, paused, or run out.
    pub(crate) fn shown(&self) -> bool {
        self.since.is_some() || self.left < self.total
    }

    /// Starts, pauses, or (once it has run out) starts again from the full time.
    pub(crate) fn toggle(&mut self, now: Instant) {
        let left = self.remaining(now);
        if self.since.is_some() && !left.is_zero() {
            self.left = left;
            self.since = None;
        } else {
            self.left = if left.is_zero() { self.total } else { left };
            self.since = Some(now);
        }
    }

    pub(crate) fn reset(&mut self) {
        *self = Countdown::new(self.total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_counts_down_pauses_and_restarts_after_running_out() {
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut countdown = Countdown::new(Duration::from_secs(30));
        assert!(!countdown.shown());
        countdown.toggle(at(0));
        assert_eq!(countdown.remaining(at(10)), Duration::from_secs(20));
        countdown.toggle(at(10));
        assert!(!countdown.running() && countdown.shown());
        assert_eq!(countdown.remaining(at(100)), Duration::from_secs(20));
        countdown.toggle(at(100));
        assert_eq!(countdown.remaining(at(125)), Duration::ZERO);
        countdown.toggle(at(130));
        assert_eq!(countdown.remaining(at(130)), Duration::from_secs(30));
        countdown.reset();
        assert!(!countdown.shown());
    }
}
