//! Text rules shared by every layer: how answers compare, how numbers and labels read, how
//! counts take a plural, how paragraphs wrap to a width, and how text is made safe for HTML and
//! for a terminal.

/// Short answers compare in this form: no case, no accents, no punctuation, single spaces.
pub(crate) fn normalize_text(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII has nothing to decompose; skipping NFKD keeps `quiz check` on big banks fast.
    if text.is_ascii() {
        return fold_ascii(text.as_bytes());
    }
    fold(
        text.nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c)),
    )
}

/// [`fold`] for ASCII, a byte at a time: review hashes every question of a bank with it.
fn fold_ascii(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut space = false;
    for &b in bytes {
        if b.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else if b.is_ascii_whitespace() || matches!(b, b'\x0b' | b'-' | b'/' | b'_') {
            space = true;
        }
    }
    out
}

/// Lower-cased letters and digits, one space between words, other punctuation dropped.
fn fold(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in chars {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '_') {
            space = true;
        }
        // Other punctuation is dropped: "U.S." and "US" are the same answer.
    }
    out
}

/// The rough stem of a lower-cased word, so that the forms of one word compare equal:
/// "ratified", "ratifies" and "ratifying" are all "ratify"; "troops" is "troop"; "approve",
/// "approved" and "approving" are "approv". One suffix goes (-s, -es, -ies, -ied, -ed, -ing, -ly),
/// then a doubled last consonant is undoubled and a final "e" dropped. Words are never cut below
/// three letters, and -ss, -us and -is endings ("process", "status", "analysis") are kept.
pub(crate) fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.is_ascii() {
        return word.to_owned();
    }
    let long_enough = |root: &str| root.len() >= 3 && root.bytes().any(is_vowel);
    let cut = if let Some(root) = word
        .strip_suffix("ies")
        .or_else(|| word.strip_suffix("ied"))
        .filter(|r| r.len() >= 2)
    {
        return format!("{root}y");
    } else if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        word
    } else if let Some(root) = word.strip_suffix("sses") {
        return format!("{root}ss");
    } else if word.ends_with("eed") {
        word
    } else {
        ["ing", "ed", "ly", "es", "s"]
            .iter()
            .find_map(|ending| word.strip_suffix(ending).filter(|r| long_enough(r)))
            .unwrap_or(word)
    };
    let bytes = cut.as_bytes();
    let n = bytes.len();
    let undoubled = if cut.len() < word.len()
        && n >= 4
        && bytes[n - 1] == bytes[n - 2]
        && !is_vowel(bytes[n - 1])
        && !matches!(bytes[n - 1], b'l' | b's' | b'z')
    {
        &cut[..n - 1]
    } else {
        cut
    };
    match undoubled.strip_suffix('e') {
        Some(root) if root.len() >= 3 => root.to_owned(),
        _ => undoubled.to_owned(),
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// 15000 → "15,000"; 2.5 → "2.5"; 1953 stays "1953" (years read better without a comma).
pub(crate) fn number(n: f64) -> String {
    if n.fract() != 0.0 {
        // Three decimals, or as many as a number below 0.01 needs for three significant digits,
        // so that 0.0001 ± 0.00005 does not print as 0 ± 0.
        let magnitude = n.abs().log10().floor() as i32;
        let decimals = (2 - magnitude).clamp(3, 15);
        let scale = 10f64.powi(decimals);
        return format!("{}", (n * scale).round() / scale);
    }
    let digits = format!("{}", n.abs() as u64);
    if digits.len() <= 4 {
        return format!("{}{digits}", if n < 0.0 { "-" } else { "" });
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}", if n < 0.0 { "-" } else { "" })
}

/// A, B, … Z, then AA, AB: the label of the choice at `index`.
pub(crate) fn letter(index: usize) -> String {
    let mut n = index;
    let mut label = String::new();
    loop {
        label.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            return label;
        }
        n = n / 26 - 1;
    }
}

/// "1 question", "2 questions": a count with its noun.
pub(crate) fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural_s(n))
}

/// The "s" a noun takes after `n`, for phrases that put other words between the two.
pub(crate) fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `text` word-wrapped to `width` columns (measured as the terminal shows them, colour codes
/// taking none). Each line of `text` is a paragraph of its own; blank lines stay. Lines after
/// the first of a paragraph start with `indent`. Words are never split, so a word wider than
/// the width stands alone on its line.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .subsequent_indent(indent)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    text.lines()
        .flat_map(|paragraph| {
            let wrapped = textwrap::wrap(paragraph.trim_end(), &options);
            if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
                    .into_iter()
                    .map(std::borrow::Cow::into_owned)
                    .collect()
            }
        })
        .collect()
}

/// Text written with hard line breaks made into paragraphs: the lines of a paragraph are joined
/// with a space, blank lines stay, and a line that starts a list item (`- `, `* `, `• `, `1. `)
/// starts a new paragraph. [`wrap`] then breaks each paragraph at the width it is shown in.
pub(crate) fn reflow(text: &str) -> String {
    let starts_item = |line: &str| {
        let line = line.trim_start();
        ["- ", "* ", "• "].iter().any(|m| line.starts_with(m))
            || line
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_paragraph = false;
    for line in text.trim_end().lines() {
        let line = line.trim_end();
        match paragraphs.last_mut() {
            _ if line.trim().is_empty() => {
                paragraphs.push(String::new());
                in_paragraph = false;
                continue;
            }
            Some(last) if in_paragraph && !starts_item(line) => {
                last.push(' ');
                last.push_str(line.trim_start());
            }
            _ => paragraphs.push(line.to_owned()),
        }
        in_paragraph = true;
    }
    paragraphs.join("\n")
}

/// Whether a terminal would act on `c` rather than show it: C0 controls but newline and tab,
/// DEL, C1 controls, and the bidirectional overrides and isolates (which reorder what follows).
pub(crate) fn is_unsafe_for_terminal(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Untrusted text (a bank's, a results file's) made safe to print on a terminal: every
/// character a terminal would act on (see [`is_unsafe_for_terminal`]) is replaced by a visible
/// escape, `\x1b` or `\u{202e}`. Escape sequences, a changed window title, a cleared screen,
/// links and reversed text cannot come from it. Text without such characters is returned as is.
pub(crate) fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe_for_terminal(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Makes `text` safe for a terminal in place; whether anything was replaced.
pub(crate) fn make_safe_for_terminal(text: &mut String) -> bool {
    match for_terminal(text) {
        std::borrow::Cow::Borrowed(_) => false,
        std::borrow::Cow::Owned(safe) => {
            *text = safe;
            true
        }
    }
}

/// The months' names in lower case, January first, as typed answers and choices are read.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {

    #[test]
    fn small_numbers_keep_three_significant_digits() {
        assert_eq!(number(0.0001), "0.0001");
        assert_eq!(number(0.00005), "0.00005");
        assert_eq!(number(1.0 / 3.0), "0.333");
        assert_eq!(number(12.34567), "12.346");
        assert_eq!(number(-0.000_123_45), "-0.000123");
        assert_eq!(number(15000.0), "15,000");
    }

    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(for_terminal("plain\ttext\nnext"), "plain\ttext\nnext");
        assert_eq!(for_terminal("\u{1b}]0;title\u{7}"), "\\x1b]0;title\\x07");
        assert_eq!(for_terminal("\u{1b}[2Jgone"), "\\x1b[2Jgone");
        assert_eq!(for_terminal("over\rwrite"), "over\\x0dwrite");
        assert_eq!(for_terminal("c1 \u{9b}31m"), "c1 \\x9b31m");
        assert_eq!(for_terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(for_terminal("\u{2066}iso\u{2069}"), "\\u{2066}iso\\u{2069}");
        assert_eq!(for_terminal("Pyöngyang — 平壌"), "Pyöngyang — 平壌");
        let link = "\u{1b}]8;;http://x\u{1b}\\click\u{1b}]8;;\u{1b}\\";
        assert!(!for_terminal(link).contains('\u{1b}'));
    }

    #[test]
    fn ascii_text_folds_byte_by_byte_as_it_does_char_by_char() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            " Lead\x0bing\x0c and TRAILING-- words/here_too ",
            "U.S. 15,000 (about) -- 1.5%",
        ] {
            assert_eq!(fold_ascii(text.as_bytes()), fold(text.chars()), "{text:?}");
        }
    }

    #[test]
    fn text_is_compared_without_case_accents_or_punctuation() {
        assert_eq!(normalize_text("  Pyöngyang!  "), "pyongyang");
        assert_eq!(normalize_text("U.S.–South   Korea"), "us south korea");
        assert_eq!(normalize_text("Kim Jong-un"), "kim jong un");
        assert_eq!(normalize_text("ｆｕｌｌ width"), "full width");
    }

    #[test]
    fn letters_go_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn the_forms_of_a_word_share_its_stem() {
        let families: &[&[&str]] = &[
            &["ratify", "ratified", "ratifies", "ratifying"],
            &["troop", "troops"],
            &["approve", "approved", "approving", "approves"],
            &["inflate", "inflated", "inflating"],
            &["condition", "conditions"],
            &["sanction", "sanctions", "sanctioned"],
            &["stop", "stopped", "stopping", "stops"],
            &["call", "called", "calling"],
            &["speed", "speeds"],
            &["country", "countries"],
            &["process", "processes"],
            &["clear", "clearly"],
        ];
        for family in families {
            let first = stem(family[0]);
            for word in *family {
                assert_eq!(stem(word), first, "{word} / {}", family[0]);
            }
        }
    }

    #[test]
    fn a_stem_keeps_short_words_and_words_that_only_look_inflected() {
        for word in [
            "is", "its", "was", "bus", "status", "analysis", "boss", "thing", "being",
        ] {
            assert_eq!(stem(word), word);
        }
        assert_ne!(stem("duma"), stem("dumping"));
        assert_eq!(stem("état"), "état");
    }

    #[test]
    fn counts_take_a_plural_past_one() {
        assert_eq!(count(1, "question"), "1 question");
        assert_eq!(count(0, "question"), "0 questions");
        assert_eq!(count(2, "answer"), "2 answers");
    }

    #[test]
    fn wrapping_keeps_paragraphs_and_whole_words() {
        let lines = wrap("one two three four\n\nfive", 9, "  ");
        assert_eq!(lines, ["one two", "  three", "  four", "", "five"]);
        assert_eq!(
            wrap("Pyöngyang Pyöngyang", 10, ""),
            ["Pyöngyang", "Pyöngyang"]
        );
        assert_eq!(wrap("extraordinarily", 5, ""), ["extraordinarily"]);
    }

    #[test]
    fn hard_line_breaks_become_paragraphs_and_blank_lines_stay() {
        assert_eq!(
            reflow("The rule was never fol\nlowed at once.\n\nSecond one\n- a list\n- item\n"),
            "The rule was never fol lowed at once.\n\nSecond one\n- a list\n- item"
        );
        assert_eq!(
            reflow("one\n  two\n1. first\n2. second"),
            "one two\n1. first\n2. second"
        );
    }

    #[test]
    fn an_indented_first_line_keeps_its_indent() {
        assert_eq!(
            wrap("    Why: one two", 12, "    "),
            ["    Why: one", "    two"]
        );
    }

    #[test]
    fn colour_codes_take_no_width() {
        let red = "\u{1b}[31mred\u{1b}[0m";
        assert_eq!(wrap(&format!("{red} {red}"), 7, "").len(), 1);
    }
}
