//! The time a command acts at: the system clock, or a fixed instant for tests and scripts. Every
//! command reads time from one `Clock`, so the progress database and the results files agree.

use chrono::{DateTime, FixedOffset, Local, SecondsFormat, Utc};

/// Set to an RFC 3339 time (`2026-01-01T09:00:00Z`, `2026-01-01T09:00:00+02:00`) to make every
/// command act at that instant, in that time zone. A testing and scripting aid: it lets days pass
/// in a test without waiting for them.
pub(crate) const NOW_VAR: &str = "QUIZ_NOW";

pub(crate) trait Clock {
    /// The current instant, with the local offset (days start at local midnight).
    fn now(&self) -> DateTime<FixedOffset>;

    /// The current instant as an RFC 3339 UTC time, as results files record it.
    fn timestamp(&self) -> String {
        utc_timestamp(self.now())
    }
}

/// `at` in RFC 3339 at UTC, to the second: `2024-12-04T12:00:00Z`.
pub(crate) fn utc_timestamp(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

pub(crate) struct FixedClock(pub DateTime<FixedOffset>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// The clock named by `QUIZ_NOW`'s value, or the system clock when it is unset or empty.
pub(crate) fn from_setting(value: Option<&str>) -> Result<Box<dyn Clock>, NotATime> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(Box::new(SystemClock)),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|at| Box::new(FixedClock(at)) as Box<dyn Clock>)
            .map_err(|_| NotATime(text.to_owned())),
    }
}

/// `QUIZ_NOW` set to something that is not a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{NOW_VAR}=`{0}` is not an RFC 3339 time like 2026-01-01T09:00:00Z")]
pub(crate) struct NotATime(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_time_keeps_its_zone() {
        let clock = from_setting(Some("2026-01-01T23:30:00-05:00")).unwrap();
        assert_eq!(clock.now().timestamp(), 1_767_328_200);
        assert_eq!(clock.now().date_naive().to_string(), "2026-01-01");
    }

    #[test]
    fn known_instants_format_as_rfc3339() {
        let at = |text| DateTime::parse_from_rfc3339(text).unwrap();
        assert_eq!(
            utc_timestamp(at("1970-01-01T00:00:00Z")),
            "1970-01-01T00:00:00Z"
        );
        // The treaty's entry into force, at noon UTC, written from Pyongyang's time zone.
        assert_eq!(
            utc_timestamp(at("2024-12-04T21:00:00+09:00")),
            "2024-12-04T12:00:00Z"
        );
        assert_eq!(
            utc_timestamp(at("2024-02-29T00:00:00.750Z")),
            "2024-02-29T00:00:00Z"
        );
    }

    #[test]
    fn nonsense_is_refused_with_an_example() {
        let error = from_setting(Some("yesterday")).err().unwrap().to_string();
        assert!(error.contains("2026-01-01T09:00:00Z"), "{error}");
        assert!(from_setting(Some("")).is_ok());
    }
}
