//! Units and scales after a typed number: "15k", "2 million", "100 °C", "10x", "3 days".

/// What the words after a number multiply it by: 1 for nothing, `%` or the question's unit,
/// 1,000 for "k", and so on; `None` when they are words the number does not take.
pub(super) fn multiplier(suffix: &str, unit: Option<&str>) -> Option<f64> {
    let suffix = suffix.trim_end_matches('.').trim();
    let (scale, rest) = match suffix.split_once(' ') {
        Some((scale, rest)) => (scale, rest.trim()),
        None => (suffix, ""),
    };
    let scaled = match scale {
        "k" | "thousand" => Some(1e3),
        "m" | "mn" | "million" | "millions" => Some(1e6),
        "bn" | "billion" | "billions" => Some(1e9),
        _ => None,
    };
    match scaled {
        Some(m) if rest.is_empty() || is_unit(rest, unit) => Some(m),
        None if suffix.is_empty() || suffix == "%" || is_unit(suffix, unit) => Some(1.0),
        _ => None,
    }
}

/// Whether the question counts times (`unit: times`, `x` or `fold`), so that "x10" reads as 10.
pub(super) fn is_times(unit: Option<&str>) -> bool {
    unit.is_some_and(|unit| canonical_unit(unit) == "times")
}

/// Whether the question's answer may be a year: it has no unit, or its unit is years.
pub(super) fn takes_a_year(unit: Option<&str>) -> bool {
    unit.is_none_or(|unit| canonical_unit(unit) == "years")
}

/// "soldiers", "soldier" and "Soldiers" all name the unit `soldiers`; "C", "degrees" and "°C"
/// name `°C`; "x" and "times" name `times` (see [`UNIT_SPELLINGS`]).
fn is_unit(word: &str, unit: Option<&str>) -> bool {
    let Some(unit) = unit else { return false };
    let word = canonical_unit(word);
    !word.is_empty() && canonical_unit(unit) == word
}

/// Common ways of writing a unit, each group's first spelling standing for the rest.
const UNIT_SPELLINGS: &[&[&str]] = &[
    &[
        "°c",
        "c",
        "degc",
        "deg c",
        "degree",
        "degrees",
        "degree celsius",
        "degrees celsius",
        "celsius",
    ],
    &[
        "°f",
        "f",
        "degf",
        "deg f",
        "degree fahrenheit",
        "degrees fahrenheit",
        "fahrenheit",
    ],
    &["times", "time", "x", "×", "fold"],
    &["%", "percent", "per cent", "pct"],
    &["days", "day", "d"],
    &["hours", "hour", "h", "hr", "hrs"],
    &["minutes", "minute", "min", "mins"],
    &["seconds", "second", "sec", "secs"],
    &["years", "year", "yr", "yrs"],
    &["km", "kilometre", "kilometres", "kilometer", "kilometers"],
    &["kg", "kilogram", "kilograms", "kilo", "kilos"],
];

/// A unit as typed, in lower case with single spaces, read as its group's first spelling, or
/// without a plural `s` when it is in no group.
fn canonical_unit(text: &str) -> String {
    let lowered = text.trim().to_lowercase();
    let words = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    UNIT_SPELLINGS
        .iter()
        .find(|group| group.contains(&words.as_str()))
        .map_or_else(
            || words.trim_end_matches('s').to_owned(),
            |group| group[0].to_owned(),
        )
}
