//! How long a connection may take over each step, and how many files the host may hold open.
//! The defaults suit a classroom; the tests shorten them through `QUIZ_HOST_LIMITS` (see
//! docs/live.md), so that a timeout is seen in a second rather than in half a minute.

use std::time::Duration;

/// The variable that overrides the limits, as `handshake=1,join=2,silence=3,send=2,open_files=256`
/// (seconds, which may have decimals; `open_files` is a count).
pub(crate) const LIMITS_VAR: &str = "QUIZ_HOST_LIMITS";

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Limits {
    /// A request's head (the page, its script, the websocket's upgrade) must have arrived this
    /// long after the connection opened or after the previous request; an idle connection is
    /// closed then.
    pub handshake: Duration,
    /// A websocket must have joined (or rejoined) a seat this long after it opened.
    pub join: Duration,
    /// A seated page that sends nothing this long, not even the answer to a ping, is closed.
    /// It is pinged three times meanwhile.
    pub silence: Duration,
    /// A page that does not take a message this long after it is sent has fallen behind and
    /// is closed; it reconnects and gets the state of the class as it is then.
    pub send: Duration,
    /// The open-file limit to run with instead of the hard limit (tests use a low one).
    pub open_files: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            handshake: Duration::from_secs(5),
            join: Duration::from_secs(30),
            silence: Duration::from_secs(30),
            send: Duration::from_secs(10),
            open_files: None,
        }
    }
}

/// What is wrong with the value of [`LIMITS_VAR`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum LimitsError {
    #[error("{LIMITS_VAR}: `{0}` is not `name=number`")]
    NotANumber(String),
    #[error("{LIMITS_VAR}: no limit is called `{0}` (handshake, join, silence, send, open_files)")]
    NoSuchLimit(String),
}

impl Limits {
    /// The limits `setting` (the value of [`LIMITS_VAR`]) asks for, the defaults for the rest.
    pub(crate) fn from_setting(setting: Option<&str>) -> Result<Limits, LimitsError> {
        let mut limits = Limits::default();
        for pair in setting
            .unwrap_or("")
            .split(',')
            .filter(|p| !p.trim().is_empty())
        {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (key.trim(), value.trim());
            let wrong = || LimitsError::NotANumber(pair.trim().to_owned());
            if key == "open_files" {
                limits.open_files = Some(value.parse().map_err(|_| wrong())?);
                continue;
            }
            let seconds: f64 = value.parse().map_err(|_| wrong())?;
            let duration = Duration::try_from_secs_f64(seconds)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(wrong)?;
            match key {
                "handshake" => limits.handshake = duration,
                "join" => limits.join = duration,
                "silence" => limits.silence = duration,
                "send" => limits.send = duration,
                _ => {
                    return Err(LimitsError::NoSuchLimit(key.to_owned()));
                }
            }
        }
        Ok(limits)
    }

    /// How often a seated page is pinged: three times within [`Limits::silence`].
    pub(crate) fn ping(&self) -> Duration {
        self.silence / 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_the_defaults_unless_the_variable_says_otherwise() {
        assert_eq!(Limits::from_setting(None), Ok(Limits::default()));
        let short = Limits::from_setting(Some("handshake=0.5, join=2,open_files=128")).unwrap();
        assert_eq!(short.handshake, Duration::from_millis(500));
        assert_eq!(short.join, Duration::from_secs(2));
        assert_eq!(short.open_files, Some(128));
        assert_eq!(short.silence, Limits::default().silence);
        assert_eq!(
            Limits::from_setting(Some("join=soon")),
            Err(LimitsError::NotANumber("join=soon".into()))
        );
        assert!(Limits::from_setting(Some("join=0")).is_err());
        assert_eq!(
            Limits::from_setting(Some("linger=3")),
            Err(LimitsError::NoSuchLimit("linger".into()))
        );
    }
}
