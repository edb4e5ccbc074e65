//! Typed numbers: a line a learner typed, read as the number they meant, or refused with what to
//! type instead. Never a guess: a line that reads as two numbers is asked again.

mod units;
mod words;

use crate::text::number;

/// Why a typed line was not read as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberError {
    /// Nothing in it reads as a number, or a word in it changes the number ("over 15000", a unit
    /// the question does not use).
    NotANumber,
    /// A lone comma followed by three digits after a 0 ("0,040"): a decimal comma (0.04) or a
    /// thousands separator (40). Which one is the learner's to say.
    TwoReadings { decimal: f64, thousands: f64 },
}

impl NumberError {
    /// What the learner is told before typing the answer again.
    pub fn hint(&self, unit: Option<&str>) -> String {
        match (self, unit) {
            (NumberError::TwoReadings { decimal, thousands }, _) => {
                let (decimal, thousands) = (number(*decimal), number(*thousands));
                format!(
                    "That could be {decimal} or {thousands}: type {decimal} or {thousands}, \
                     whichever you mean."
                )
            }
            (NumberError::NotANumber, Some(unit)) => {
                format!("Type a number, like 100 or 100 {unit} (15,000 and 15k work too).")
            }
            (NumberError::NotANumber, None) => "Type a number, like 15000, 15,000 or 15k.".into(),
        }
    }
}

/// Reads a number the way people type them: `15000`, `15,000`, `15 000`, `15k`, `1.5m`, `40%`,
/// `-3`, `12.5`, `12,5`, with the question's unit after it (`15,000 soldiers`, `10-fold`) or,
/// for `times`, before it (`x10`); in words from one to twenty (`three`, `tenfold`); an article's
/// number as `art. 4`, `#4`, `Article IV` or `Article 51 of the UN Charter`; a year with its
/// month or day before it (`27 July 1953`).
pub fn parse_number(input: &str, unit: Option<&str>) -> Result<f64, NumberError> {
    let text = input.trim().to_lowercase();
    let (text, designated) = without_lead_in(&text);
    if let Some(year) = words::year_of_date(text).filter(|_| units::takes_a_year(unit)) {
        return Ok(year);
    }
    let (text, times_before) = match text.strip_prefix(['x', '×']) {
        Some(rest) if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) => {
            (rest.trim_start(), true)
        }
        _ => (text, false),
    };
    let (value, rest) = leading_number(text, designated)?;
    let rest = rest.trim_start().trim_start_matches('-').trim();
    let rest = match rest.strip_prefix("of ") {
        // "Article 51 of the UN Charter": what the article belongs to.
        Some(_) if designated => "",
        _ => rest,
    };
    if times_before && !(rest.is_empty() && units::is_times(unit)) {
        return Err(NumberError::NotANumber);
    }
    let value = value * units::multiplier(rest, unit).ok_or(NumberError::NotANumber)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NumberError::NotANumber)
    }
}

/// The number a text starts with, in digits, words or roman numerals, and what follows it.
fn leading_number(text: &str, designated: bool) -> Result<(f64, &str), NumberError> {
    if let Some(found) = words::number_word(text) {
        return Ok(found);
    }
    if let Some(found) = words::roman_numeral(text, designated) {
        return Ok(found);
    }
    let sign = usize::from(text.starts_with(['-', '+']));
    let split = text[sign..]
        .find(|c: char| {
            !(c.is_ascii_digit()
                || matches!(c, '.' | ',' | ' ' | '_' | '\'' | '\u{a0}' | '\u{202f}'))
        })
        .map_or(text.len(), |at| at + sign);
    let (digits, rest) = text.split_at(split);
    let digits: String = digits
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\'' | '\u{a0}' | '\u{202f}'))
        .collect();
    Ok((parse_plain(&digits)?, rest))
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
    "on",
    "year",
    "~",
    "≈",
];

/// Words that say the number names a thing in a numbered list ("Article 4", "art. 4", "#4",
/// "No. 4"); after them a roman numeral is read too ("Article IV"), and what the thing belongs
/// to may follow the number ("of the UN Charter").
const DESIGNATORS: &[&str] = &[
    "article", "art.", "art", "number", "no.", "nr.", "nr", "#", "section", "clause",
];

/// The text after its lead-in words, and whether one of them was a designator.
fn without_lead_in(text: &str) -> (&str, bool) {
    let mut rest = text;
    let mut designated = false;
    let after = |rest: &'_ str, lead: &str| -> Option<usize> {
        let after = rest.strip_prefix(lead)?;
        // A whole word: "in" before "1953", not the start of "inches".
        let whole = after.starts_with([' ', '\u{a0}']) || !lead.ends_with(char::is_alphabetic);
        whole.then_some(rest.len() - after.len())
    };
    loop {
        if let Some(at) = LEAD_INS.iter().find_map(|lead| after(rest, lead)) {
            rest = rest[at..].trim_start();
        } else if let Some(at) = DESIGNATORS.iter().find_map(|lead| after(rest, lead)) {
            rest = rest[at..].trim_start();
            designated = true;
        } else {
            return (rest, designated);
        }
    }
}

/// Digits with optional sign, `,` thousands groups and one decimal point (`.`, or a lone `,`).
/// A lone comma followed by exactly three digits groups thousands ("15,000"), except after a
/// lone 0, where it may as well be a decimal comma: "0,040" is refused with both readings.
fn parse_plain(digits: &str) -> Result<f64, NumberError> {
    if digits.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let read = |text: &str| text.parse::<f64>().map_err(|_| NumberError::NotANumber);
    let groups: Vec<&str> = digits.split(',').collect();
    if let [before, after] = groups.as_slice() {
        let unsigned = before.trim_start_matches(['-', '+']);
        if unsigned == "0" && after.len() == 3 && after.chars().all(|c| c.is_ascii_digit()) {
            return Err(NumberError::TwoReadings {
                decimal: read(&format!("{before}.{after}"))?,
                thousands: read(&format!("{before}{after}"))?,
            });
        }
    }
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
    if thousands {
        read(&digits.replace(',', ""))
    } else if groups.len() == 2 && !digits.contains('.') {
        read(&digits.replace(',', "."))
    } else {
        read(digits)
    }
}

#[cfg(test)]
mod tests;
