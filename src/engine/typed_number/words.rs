//! Numbers written in words: "three", "tenfold", roman numerals ("Article IV"), and a year with
//! the month or day before it ("27 July 1953").

/// The numbers written in words that a learner may type, one to twenty.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
];

/// A number word at the start of `text` and what follows it: "three days", "ten-fold",
/// "tenfold". The word must end there: "fourteen" is not "four".
pub(super) fn number_word(text: &str) -> Option<(f64, &str)> {
    NUMBER_WORDS
        .iter()
        .filter_map(|(word, value)| Some((*value, text.strip_prefix(word)?)))
        .find(|(_, rest)| !rest.starts_with(char::is_alphabetic) || rest.starts_with("fold"))
}

/// A roman numeral at the start of `text` and what follows it, read when it is written the
/// one standard way (`IV`, not `IIII`). One letter alone is read only after a word like
/// "Article" (`Article V`): by itself it is more likely a letter than a number.
pub(super) fn roman_numeral(text: &str, designated: bool) -> Option<(f64, &str)> {
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let (numeral, rest) = text.split_at(end);
    if numeral.is_empty() || (numeral.len() == 1 && !designated) {
        return None;
    }
    let value = roman_value(numeral)?;
    (to_roman(value) == numeral).then_some((f64::from(value), rest))
}

const ROMAN: &[(u32, &str)] = &[
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
];

fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| ROMAN.iter().find(|(_, s)| s.len() == 1 && s.starts_with(c));
    let values: Vec<u32> = numeral
        .chars()
        .map(|c| digit(c).map(|(v, _)| *v))
        .collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= i64::from(*v);
        } else {
            total += i64::from(*v);
        }
    }
    u32::try_from(total).ok().filter(|v| (1..4000).contains(v))
}

fn to_roman(mut value: u32) -> String {
    let mut out = String::new();
    for (v, s) in ROMAN {
        while value >= *v {
            out.push_str(s);
            value -= v;
        }
    }
    out
}

/// The year of a date written with its month, or its day and month, before the year:
/// "July 1953", "27 July 1953", "27th July 1953", "July 27, 1953", "Jul. 1953".
pub(super) fn year_of_date(text: &str) -> Option<f64> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.']))
        .collect();
    let (year, before) = words.split_last()?;
    let is_month = |w: &&str| {
        crate::text::MONTHS
            .iter()
            .any(|m| *m == *w || (w.len() >= 3 && m.starts_with(*w)))
    };
    let is_day = |w: &&str| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let ordinal = &w[digits.len()..];
        matches!(ordinal, "" | "st" | "nd" | "rd" | "th")
            && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    };
    let dated = match before {
        [month] => is_month(month),
        [first, second] => {
            (is_day(first) && is_month(second)) || (is_month(first) && is_day(second))
        }
        _ => false,
    };
    let year_digits = (3..=4).contains(&year.len()) && year.chars().all(|c| c.is_ascii_digit());
    (dated && year_digits).then(|| year.parse().ok()).flatten()
}
