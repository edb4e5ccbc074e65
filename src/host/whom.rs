//! Whom the teacher likely meant by a name that matches no student: the closest name in the
//! class, offered as "did you mean".

use super::class::{Class, Seat};
use crate::text::normalize_text;

/// The student still in the class whose name is closest to `typed`, when it is close enough to
/// be a slip of the keyboard (the rule `quiz check` uses for a mistyped field).
pub(crate) fn likely_meant<'c>(class: &'c Class, typed: &str) -> Option<&'c Seat> {
    let seats: Vec<(String, &Seat)> = class
        .seated()
        .map(|seat| (normalize_text(&seat.name), seat))
        .collect();
    let typed = normalize_text(typed);
    let near = crate::bank::closest(&typed, seats.iter().map(|(name, _)| name.as_str()))?;
    seats
        .iter()
        .find(|(name, _)| name == near)
        .map(|(_, seat)| *seat)
}
