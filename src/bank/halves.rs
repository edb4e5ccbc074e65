//! A large bank parsed in two halves at once, one on each core.
//!
//! The parse is most of what `quiz check` spends on a big bank, and the parser uses one core.
//! The `questions:` list is cut between two of its entries: the first half is the file up to the
//! cut; the second is the rest under a `questions:` header of its own, after a comment as long
//! as the first half, so that each line, column and byte offset in it is where it is in the file.
//!
//! Wherever the cut could change what the file says, a half does not parse, and the file is
//! then parsed whole as before: an alias whose anchor is in the other half, a key after the
//! list (the second half takes `questions:` alone), or a mistake anywhere (the whole parse
//! reports it). Each half has the parser's whole budget, so a file cut in two may use twice
//! the budget: still bounded.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::format::{RawBank, RawQuestion};
use super::load::parse_options;

/// Smaller files are parsed whole: a thread is not worth starting for them.
pub(super) const HALVES_FROM_BYTES: usize = 256 * 1024;

/// The line that opens the second half's list.
const HEADER: &str = "questions:\n";

/// The second half: the list's entries after the cut, and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rest {
    questions: Vec<Spanned<Box<RawQuestion>>>,
}

/// The bank in `text`, parsed in two halves at once; `None` when it is to be parsed whole: a
/// small file, a single core, a list that cannot be cut, or a half that does not parse.
pub(super) fn parse_in_halves(text: &str, smallest: usize) -> Option<RawBank> {
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    if text.len() < smallest || !two_cores {
        return None;
    }
    let (first, rest) = cut(text)?;
    std::thread::scope(|scope| {
        let rest =
            scope.spawn(|| serde_saphyr::from_str_with_options::<Rest>(&rest, parse_options()));
        let first = serde_saphyr::from_str_with_options::<RawBank>(first, parse_options());
        let (mut bank, rest) = (first.ok()?, rest.join().ok()?.ok()?);
        bank.questions.extend(rest.questions);
        Some(bank)
    })
}

/// The first half, and the second as its own document, cut before the middle entry of the
/// top-level `questions:` list.
fn cut(text: &str) -> Option<(&str, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let trimmed: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end_matches(['\n', '\r']))
        .collect();
    let entries = super::load::question_entries(&trimmed);
    let middle = entries
        .get(entries.len() / 2)
        .filter(|_| entries.len() >= 2)?;
    // Lines from 1: the second half starts on line `at`, `offset` bytes into the file.
    let at = *middle.start();
    let offset: usize = lines[..at - 1].iter().map(|l| l.len()).sum();
    // A comment on line 1 as long as the first half, in bytes and in characters (the parser
    // counts both), so that `questions:` ends right before line `at`.
    let blank_lines = at.checked_sub(3)?;
    let fixed = HEADER.len() + blank_lines + 2;
    let first = &text[..offset];
    let filler = filler(
        first.chars().count().checked_sub(fixed)?,
        offset.checked_sub(fixed)?,
    )?;
    let mut rest = String::with_capacity(text.len());
    rest.push('#');
    rest.push_str(&filler);
    rest.push('\n');
    rest.extend(std::iter::repeat_n('\n', blank_lines));
    rest.push_str(HEADER);
    debug_assert_eq!(rest.len(), offset);
    rest.push_str(&text[offset..]);
    Some((first, rest))
}

/// Text of `chars` characters and `bytes` bytes, if there is any.
fn filler(chars: usize, bytes: usize) -> Option<String> {
    // Past one byte a character: each of these gives three more, the last one to three.
    let extra = bytes.checked_sub(chars)?;
    let (wide, last) = (extra / 3, extra % 3);
    let mut out = String::with_capacity(bytes);
    out.extend(std::iter::repeat_n('\u{1d11e}', wide));
    out.extend(['\u{e9}', '\u{20ac}'].get(last.wrapping_sub(1)));
    let spaces = chars.checked_sub(out.chars().count())?;
    out.extend(std::iter::repeat_n(' ', spaces));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> RawBank {
        serde_saphyr::from_str_with_options(text, parse_options()).unwrap()
    }

    fn halves(text: &str) -> Option<RawBank> {
        parse_in_halves(text, 0)
    }

    /// Questions, places and all: the debug form holds every value with its line, column and
    /// byte offset.
    fn same(a: &RawBank, b: &RawBank) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn every_built_in_bank_parses_in_halves_as_it_does_whole() {
        for file in crate::bank::built_in_files() {
            let text = std::str::from_utf8(&file.bytes).unwrap();
            let Some(halved) = halves(text) else {
                panic!("{} was not cut", file.origin);
            };
            assert!(same(&halved, &whole(text)), "{}", file.origin);
        }
    }

    #[test]
    fn a_bank_with_crlf_lines_and_unindented_entries_parses_the_same() {
        let text = "id: b\r\ntitle: B\r\nversion: 1\r\nsources:\r\n- {id: s, title: S, author: A}\r\n\
                    questions:\r\n- id: q1\r\n  kind: true_false\r\n  prompt: Is it é?\r\n  answer: true\r\n  source: {id: s, section: X}\r\n  explanation: Yes.\r\n\
                    # a comment\r\n- id: q2\r\n  kind: true_false\r\n  prompt: Or not?\r\n  answer: false\r\n  source: {id: s, section: X}\r\n  explanation: No.\r\n";
        let halved = halves(text).expect("cut");
        assert_eq!(halved.questions.len(), 2);
        assert!(same(&halved, &whole(text)));
    }

    #[test]
    fn an_alias_to_the_other_half_or_a_key_after_the_list_is_parsed_whole() {
        let question = |id: &str, prompt: &str| {
            format!(
                "  - id: {id}\n    kind: true_false\n    prompt: {prompt}\n    answer: true\n    \
                 source: {{id: s, section: X}}\n    explanation: Yes.\n"
            )
        };
        let head =
            "id: b\ntitle: B\nversion: 1\nsources:\n  - {id: s, title: S, author: A}\nquestions:\n";
        let aliased = format!(
            "{head}{}{}{}",
            question("q1", "&p Is it?"),
            question("q2", "Or?"),
            question("q3", "*p")
        );
        assert!(halves(&aliased).is_none());
        assert_eq!(whole(&aliased).questions.len(), 3);

        let after = format!(
            "{head}{}{}defaults: {{points: 2}}\n",
            question("q1", "Is it?"),
            question("q2", "Or?")
        );
        assert!(halves(&after).is_none());
        assert!(whole(&after).defaults.points.is_some());
    }

    #[test]
    fn a_mistake_in_either_half_is_left_to_the_whole_parse() {
        let text = "id: b\ntitle: B\nversion: 1\nquestions:\n  - id: q1\n    kind: true_false\n    \
                    prompt: [unclosed\n  - id: q2\n    kind: true_false\n    prompt: Fine\n";
        assert!(halves(text).is_none());
    }

    #[test]
    fn the_filler_has_the_characters_and_bytes_asked_for() {
        for chars in 0..12 {
            for bytes in chars..=chars * 4 {
                let made = filler(chars, bytes).unwrap();
                assert_eq!((made.chars().count(), made.len()), (chars, bytes));
            }
        }
        assert!(filler(2, 9).is_none());
    }

    #[test]
    fn every_fixture_that_parses_whole_parses_the_same_in_halves_or_is_left_whole() {
        let (mut cut, mut left) = (0, 0);
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(parsed) = serde_saphyr::from_str_with_options::<RawBank>(&text, parse_options())
            else {
                continue;
            };
            match halves(&text) {
                Some(halved) => {
                    assert!(same(&halved, &parsed), "{}", path.display());
                    cut += 1;
                }
                None => left += 1,
            }
        }
        assert!(cut >= 7, "{cut} cut, {left} left whole");
    }

    /// A question with a prompt of any text, written plain, quoted or as a block, with anchors
    /// and comments here and there.
    fn written_question(n: usize, prompt: &str, style: u8) -> String {
        let quoted = prompt.replace('\\', "\\\\").replace('"', "\\\"");
        let prompt = match style % 5 {
            0 => format!("\"{quoted}\""),
            1 => format!("|\n      {}", prompt.replace('\n', " ")),
            2 => format!("&a{n} \"{quoted}\""),
            3 => format!("\"{quoted}\"  # a comment: - id: x"),
            // The anchor of the question before, if it has one.
            _ => format!("*a{}", n.saturating_sub(1)),
        };
        format!(
            "  - id: q{n}\n    kind: true_false\n    prompt: {prompt}\n    answer: true\n    \
             source: {{id: s, section: X}}\n    explanation: Yes.\n\n# - id: not one\n"
        )
    }

    proptest::proptest! {
        #[test]
        fn any_bank_parses_in_halves_as_it_does_whole_or_is_left_whole(
            prompts in proptest::collection::vec(("[a-zé中😀 \"\\\\:#&*-]{1,30}", 0u8..10), 2..8),
        ) {
            let mut text = String::from(
                "id: b\ntitle: Bé\nversion: 1\nsources:\n  - {id: s, title: S, author: A}\nquestions:\n",
            );
            for (n, (prompt, style)) in prompts.iter().enumerate() {
                text.push_str(&written_question(n, prompt, *style));
            }
            let parsed: Result<RawBank, _> =
                serde_saphyr::from_str_with_options(&text, parse_options());
            match (parsed, halves(&text)) {
                (Ok(parsed), Some(halved)) => proptest::prop_assert!(same(&halved, &parsed)),
                (Err(_), Some(_)) => proptest::prop_assert!(false, "the halves parsed a broken bank"),
                _ => {}
            }
        }
    }
}
