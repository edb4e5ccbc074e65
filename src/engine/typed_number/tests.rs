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
        ("+3", 3.0),
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("0,04", 0.04),
        ("0.040", 0.04),
        ("1,234,567.5", 1_234_567.5),
        ("40%", 40.0),
        ("15,000 soldiers", 15000.0),
        ("1 soldier", 1.0),
        ("15k soldiers", 15000.0),
        ("about 15,000", 15000.0),
        ("~15k", 15000.0),
        ("approximately 15 000 soldiers", 15000.0),
        ("fifteen", 15.0),
        ("fifteen thousand", 15000.0),
    ] {
        assert_eq!(
            parse_number(typed, Some("soldiers")),
            Ok(value),
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
            Ok(value),
            "{typed:?} in {unit}"
        );
    }
    assert_eq!(parse_number("in 1953", Some("year")), Ok(1953.0));
    assert_eq!(parse_number("Article 4", None), Ok(4.0));
    assert_eq!(
        parse_number("100 apples", Some("°C")),
        Err(NumberError::NotANumber)
    );
    assert_eq!(
        parse_number("10x", Some("days")),
        Err(NumberError::NotANumber)
    );
}

/// Typed answers and the number each reads as.
type Readings = &'static [(&'static str, f64)];

/// Each question's unit (as the banks write it), with typed answers and what they read as.
const PHRASINGS: &[(Option<&str>, Readings)] = &[
    (
        Some("times"),
        &[
            ("10-fold", 10.0),
            ("10 fold", 10.0),
            ("10fold", 10.0),
            ("x10", 10.0),
            ("x 10", 10.0),
            ("×10", 10.0),
            ("tenfold", 10.0),
            ("ten-fold", 10.0),
            ("ten times", 10.0),
            ("Ten", 10.0),
        ],
    ),
    (
        None,
        &[
            ("art 4", 4.0),
            ("art. 4", 4.0),
            ("Art.4", 4.0),
            ("#4", 4.0),
            ("No. 4", 4.0),
            ("IV", 4.0),
            ("iv", 4.0),
            ("Article IV", 4.0),
            ("Article V", 5.0),
            ("Article 51 of the UN Charter", 51.0),
            ("article LI of the charter", 51.0),
            ("three", 3.0),
            ("twenty", 20.0),
            ("July 1953", 1953.0),
            ("27 July 1953", 1953.0),
            ("27th July 1953", 1953.0),
            ("July 27, 1953", 1953.0),
            ("in July 1953", 1953.0),
            ("on 27 Jul. 1953", 1953.0),
        ],
    ),
    (
        Some("days"),
        &[("three", 3.0), ("three days", 3.0), ("Three d", 3.0)],
    ),
    (Some("year"), &[("July 1953", 1953.0), ("1953", 1953.0)]),
];

#[test]
fn right_phrasings_of_a_number_read_as_that_number() {
    for (unit, typed) in PHRASINGS {
        for (given, value) in *typed {
            assert_eq!(
                parse_number(given, *unit),
                Ok(*value),
                "{given:?} in {unit:?}"
            );
        }
    }
}

#[test]
fn what_is_not_a_number_is_refused() {
    for (typed, unit) in [
        ("", Some("soldiers")),
        ("abc", Some("soldiers")),
        ("15 apples", Some("soldiers")),
        ("1.2.3", Some("soldiers")),
        ("k", Some("soldiers")),
        ("twenty-one", Some("soldiers")),
        ("a hundred", Some("soldiers")),
        ("not 15000", Some("soldiers")),
        ("over 15000", Some("soldiers")),
        ("inches 4", Some("soldiers")),
        ("about", Some("soldiers")),
        ("10-12", Some("soldiers")),
        ("x10", Some("days")),
        ("x10", None),
        ("V", None),
        ("IIII", None),
        ("4 of them", None),
        ("July 1953", Some("days")),
        ("July 4", None),
        ("32 July 1953", None),
        ("fourfold", Some("soldiers")),
    ] {
        assert_eq!(
            parse_number(typed, unit),
            Err(NumberError::NotANumber),
            "typed {typed:?} in {unit:?}"
        );
    }
}

#[test]
fn a_number_that_reads_two_ways_is_refused_with_both_readings() {
    for (typed, decimal, thousands) in [
        ("0,040", 0.04, 40.0),
        ("0,500 days", 0.5, 500.0),
        ("-0,125", -0.125, -125.0),
    ] {
        assert_eq!(
            parse_number(typed, Some("days")),
            Err(NumberError::TwoReadings { decimal, thousands }),
            "typed {typed:?}"
        );
    }
    let hint = NumberError::TwoReadings {
        decimal: 0.04,
        thousands: 40.0,
    }
    .hint(None);
    assert_eq!(
        hint,
        "That could be 0.04 or 40: type 0.04 or 40, whichever you mean."
    );
}
