//! What a learner answered, independent of the order things were shown in.

use serde::{Deserialize, Serialize};

/// Indices refer to the author's order of choices, items and pairs, so a response means the same
/// thing whatever shuffle the learner saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Response {
    /// One choice (single).
    Choice(usize),
    /// Any number of choices (multiple).
    Choices(Vec<usize>),
    Bool(bool),
    Text(String),
    Number(f64),
    /// Item indices in the order the learner put them.
    Order(Vec<usize>),
    /// For each left side, the right side the learner matched to it.
    Match(Vec<usize>),
}

/// Reads a number the way people type them: `15000`, `15,000`, `15 000`, `15k`, `1.5m`, `40%`,
/// `-3`, `12.5`, and with the question's unit after it (`15,000 soldiers`).
pub fn parse_number(input: &str, unit: Option<&str>) -> Option<f64> {
    let text = input.trim().to_lowercase();
    let text = without_lead_in(&text);
    let split = text
        .find(|c: char| {
            !(c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ',' | ' ' | '_' | '\'' | '-' | '+' | '\u{a0}' | '\u{202f}'
                ))
        })
        .unwrap_or(text.len());
    let (digits, rest) = text.split_at(split);
    let multiplier = multiplier(rest.trim(), unit)?;
    let digits: String = digits
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\'' | '\u{a0}' | '\u{202f}'))
        .collect();
    let value = parse_plain(&digits)?;
    let value = value * multiplier;
    value.is_finite().then_some(value)
}

/// Words people put before a number that do not change it: "about 2,000", "in 1953",
/// "Article 4", "~15k". A word that does change it ("not", "over", "under") leaves the answer
/// refused, to be typed again.
const LEAD_INS: &[&str] = &[
    "about",
    "around",
    "approximately",
    "approx.",
    "approx",
    "roughly",
    "some",
    "circa",
    "c.",
    "ca.",
    "in",
    "year",
    "article",
    "art.",
    "~",
    "≈",
];

fn without_lead_in(text: &str) -> &str {
    let mut rest = text;
    while let Some(word) = LEAD_INS.iter().find_map(|lead| {
        let after = rest.strip_prefix(lead)?;
        // A whole word: "in" before "1953", not the start of "inches".
        let whole = after.starts_with([' ', '\u{a0}']) || !lead.ends_with(char::is_alphabetic);
        whole.then_some(after)
    }) {
        rest = word.trim_start();
    }
    rest
}

fn multiplier(suffix: &str, unit: Option<&str>) -> Option<f64> {
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

/// Digits with optional sign, `,` thousands groups and one decimal point (`.`, or a lone `,`).
fn parse_plain(digits: &str) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    let groups: Vec<&str> = digits.split(',').collect();
    let thousands = groups.len() > 1
        && groups[1..].iter().enumerate().all(|(i, g)| {
            let last = i == groups.len() - 2;
            let int_part = if last {
                g.split('.').next().unwrap_or("")
            } else {
                g
            };
            int_part.len() == 3 && int_part.chars().all(|c| c.is_ascii_digit())
        });
    let normal = if thousands {
        digits.replace(',', "")
    } else if groups.len() == 2 && !digits.contains('.') {
        digits.replace(',', ".")
    } else {
        digits.to_owned()
    };
    normal.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        for (typed, value) in [
            ("15000", 15000.0),
            ("15,000", 15000.0),
            ("15 000", 15000.0),
            ("15k", 15000.0),
            ("15 K", 15000.0),
            ("1.5m", 1_500_000.0),
            ("2 million", 2_000_000.0),
            ("-3", -3.0),
            ("12.5", 12.5),
            ("12,5", 12.5),
            ("1,234,567.5", 1_234_567.5),
            ("40%", 40.0),
            ("15,000 soldiers", 15000.0),
            ("1 soldier", 1.0),
            ("15k soldiers", 15000.0),
            ("about 15,000", 15000.0),
            ("~15k", 15000.0),
            ("approximately 15 000 soldiers", 15000.0),
        ] {
            assert_eq!(
                parse_number(typed, Some("soldiers")),
                Some(value),
                "typed {typed:?}"
            );
        }
    }

    #[test]
    fn units_are_read_as_people_write_them() {
        for (typed, unit, value) in [
            ("100C", "°C", 100.0),
            ("100 °C", "°C", 100.0),
            ("100 degrees", "°C", 100.0),
            ("100 Celsius", "°C", 100.0),
            ("10x", "times", 10.0),
            ("10 ×", "times", 10.0),
            ("10 times", "times", 10.0),
            ("3 d", "days", 3.0),
            ("1,500 special force", "special forces", 1500.0),
        ] {
            assert_eq!(
                parse_number(typed, Some(unit)),
                Some(value),
                "{typed:?} in {unit}"
            );
        }
        assert_eq!(parse_number("in 1953", Some("year")), Some(1953.0));
        assert_eq!(parse_number("Article 4", None), Some(4.0));
        assert_eq!(parse_number("100 apples", Some("°C")), None);
        assert_eq!(parse_number("10x", Some("days")), None);
    }

    #[test]
    fn what_is_not_a_number_is_refused() {
        for typed in [
            "",
            "abc",
            "15 apples",
            "1.2.3",
            "k",
            "fifteen",
            "not 15000",
            "over 15000",
            "inches 4",
            "about",
        ] {
            assert_eq!(
                parse_number(typed, Some("soldiers")),
                None,
                "typed {typed:?}"
            );
        }
    }
}
