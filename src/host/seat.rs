//! Who may sit in a live class: clean names, join codes and seat tokens.

use crate::text::{is_unsafe_for_terminal, normalize_text};

/// The longest name a student may take, in characters.
pub(crate) const NAME_LIMIT: usize = 40;

/// Join codes use letters and digits that cannot be mistaken for one another when read off a
/// projector or typed on a phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// The longest join code: the page's code field takes 12 characters.
pub(crate) const LONGEST_CODE: usize = 12;

/// A name as typed, made fit to show anywhere: trimmed, without control, format or bidi
/// characters, inner runs of spaces made one, and at most [`NAME_LIMIT`] characters.
pub(crate) fn clean_name(typed: &str) -> String {
    let visible: String = typed
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !is_invisible(c))
        .collect();
    visible
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(NAME_LIMIT)
        .collect()
}

/// Whether a cleaned name shows a letter or a digit: a name of marks meant to sit on letters, or
/// of the Hangul fillers (letters that draw as nothing), looks blank on every list, and no
/// teacher could type it to remove its student.
pub(crate) fn shows_a_letter(name: &str) -> bool {
    name.chars().any(|c| {
        c.is_alphanumeric()
            && !unicode_normalization::char::is_combining_mark(c)
            && !matches!(c, '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}')
    })
}

/// Two names that a class would take for the same person.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    normalize_text(a) == normalize_text(b)
}

/// Characters a name may not hold: controls, and those that reorder or hide text (bidi
/// overrides and isolates, zero-width characters).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_unsafe_for_terminal(c)
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2065}' | '\u{feff}' | '\u{061c}')
}

/// A join code drawn from `random`, one character a byte, e.g. `K7HQW`.
pub(crate) fn join_code(random: &[u8]) -> String {
    random
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect()
}

/// A fresh join code of `length` characters from the system's random source. Five (the
/// default of `--code-length`) make 25^5, about 9.8 million codes, against the hundred wrong
/// codes a minute the host takes (see `gate`).
pub(crate) fn new_join_code(length: usize) -> String {
    let mut random = vec![0u8; length.clamp(1, LONGEST_CODE)];
    fill_random(&mut random);
    join_code(&random)
}

/// A seat token: 128 random bits as 32 hex digits. Whoever holds it is that student.
pub(crate) fn new_token() -> String {
    let mut random = [0u8; 16];
    fill_random(&mut random);
    random.iter().map(|b| format!("{b:02x}")).collect()
}

fn fill_random(bytes: &mut [u8]) {
    // The system's random source failing is not something a class can go on without.
    getrandom::fill(bytes).expect("the system's random source is available");
}

/// A code as a student may type it: any case, spaces around.
pub(crate) fn same_code(typed: &str, code: &str) -> bool {
    typed.trim().eq_ignore_ascii_case(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_what_could_hide_or_reorder_text() {
        assert_eq!(clean_name("  Ana   María \n"), "Ana María");
        assert_eq!(clean_name("\u{1b}]0;owned\u{7}Ben"), "]0;ownedBen");
        assert_eq!(clean_name("Cleo\u{202e}evil"), "Cleoevil");
        assert_eq!(clean_name(&"x".repeat(100)).chars().count(), NAME_LIMIT);
        assert_eq!(clean_name("\u{200b} \t"), "");
    }

    #[test]
    fn names_that_look_blank_show_no_letter() {
        for blank in [
            "\u{3164}",
            "\u{115f}\u{1160}",
            "\u{301}\u{308}",
            "\u{93e}",
            "\u{ffa0} .",
        ] {
            assert!(!shows_a_letter(&clean_name(blank)), "{blank:?}");
        }
        for name in ["Ana", "7", "Zoë", "\u{d55c}\u{ae00}", "\u{3164}Bo"] {
            assert!(shows_a_letter(&clean_name(name)), "{name:?}");
        }
    }

    #[test]
    fn names_that_read_the_same_are_the_same() {
        assert!(same_name("Ana", " ana "));
        assert!(same_name("José", "Jose"));
        assert!(!same_name("Ana", "Anna"));
    }

    #[test]
    fn codes_avoid_look_alikes_and_tokens_are_long() {
        let code = new_join_code(5);
        assert_eq!(code.len(), 5);
        assert_eq!(new_join_code(8).len(), 8);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        assert!(!CODE_ALPHABET.iter().any(|b| b"0O1IL2Z5S8B".contains(b)));
        assert_eq!(new_token().len(), 32);
        assert_ne!(new_token(), new_token());
        assert!(same_code(" k7hqw", "K7HQW"));
    }
}
