//! The YAML errors of a bank file in an author's words: what is wrong at the place, and what to
//! write instead. Decided on the parser's typed errors, never on its wording, which names its own
//! states ("while parsing a block collection") rather than the bank.

use serde_saphyr::ExternalMessageSource;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;

use super::answer_key::answer_field_hint;
use super::diagnostic::Diagnostic;
use super::model::Kind;
use super::yaml_syntax::SyntaxMistake;

/// A mistake found in the lines of a file the parser refused, in the author's terms.
pub(super) fn syntax_problem(origin: &str, text: &str, mistake: &SyntaxMistake) -> Diagnostic {
    let (column, width, message, help) = match mistake {
        SyntaxMistake::UnclosedQuote { column, quote, .. } => (
            *column,
            None,
            format!("the quote `{quote}` that starts this text is not closed"),
            format!(
                "end the text with `{quote}` on this line: without it YAML reads on to the next \
                 `{quote}` in the file"
            ),
        ),
        SyntaxMistake::TabIndent { column, .. } => (
            *column,
            Some(1),
            "a tab is used for indentation here".to_owned(),
            "replace the tab with spaces: YAML indents with spaces only".to_owned(),
        ),
        SyntaxMistake::Misaligned {
            column,
            width,
            what,
            expected_column,
            siblings,
            ..
        } => {
            let how = match expected_column - 1 {
                0 => "start it at the beginning of the line".to_owned(),
                1 => "indent it by 1 space".to_owned(),
                n => format!("indent it by {n} spaces"),
            };
            (
                *column,
                Some(*width),
                format!("{what} is at column {column}; {siblings} are at column {expected_column}"),
                format!("{how}, like them: YAML reads what belongs together by its indentation"),
            )
        }
    };
    let line = mistake.line();
    let problem = Diagnostic::error(origin, line, column, message)
        .in_question(question_around(text, line).as_deref())
        .help(help);
    match width {
        Some(width) => problem.spanning(width),
        None => problem,
    }
}

/// The kind of a syntax error from the YAML parser itself, if `error` is one.
pub(super) fn parser_error_kind(error: &serde_saphyr::Error) -> Option<&ErrorKind> {
    match error {
        serde_saphyr::Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => Some(scan.kind()),
            _ => None,
        },
        serde_saphyr::Error::WithSnippet { error, .. } => parser_error_kind(error),
        _ => None,
    }
}

/// A syntax error in plain words: the parser's own wording names its states, not the bank.
fn syntax_words(kind: &ErrorKind) -> (String, String) {
    let words = |message: &str, help: &str| (message.to_owned(), help.to_owned());
    let lined_up = "give the keys of one question (or one list) the same indentation: YAML reads \
                    what belongs together by its spaces";
    match kind {
        ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::InvalidIndentation
        | ErrorKind::BlockSequenceEntryNotAllowed
        | ErrorKind::MappingKeyNotAllowed => words(
            "this line is not lined up with the lines around it",
            lined_up,
        ),
        ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidColonPlacement => {
            words("a `: ` in this text is read as a new key", QUOTE_THIS)
        }
        ErrorKind::TabInIndentation
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabNotAllowed
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInPlainScalar => words(
            "a tab is used for indentation here",
            "replace the tab with spaces: YAML indents with spaces only",
        ),
        ErrorKind::UnclosedQuotedScalar
        | ErrorKind::InvalidTrailingSingleQuotedScalar
        | ErrorKind::InvalidTrailingDoubleQuotedScalar
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::DocumentIndicatorInQuotedScalar => words(
            "a quoted text is not closed where it should be",
            "check that each text that starts with a quote ends with the same quote on its line",
        ),
        ErrorKind::UnclosedFlowCollection { open } => (
            format!("this `{open}` is not closed"),
            format!(
                "close it with `{}` on the same line",
                closing_bracket(*open)
            ),
        ),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => (
            format!("a `{open}` is closed with `{close}`"),
            format!("close it with `{}`", closing_bracket(*open)),
        ),
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::ExpectedFlowSequenceSeparator
        | ErrorKind::MisplacedFlowCollectionEnd => words(
            "the brackets here do not match",
            "close each `[` with `]` and each `{` with `}`, and quote text that holds a comma",
        ),
        ErrorKind::RecursionLimitExceeded => words(
            "lists or mappings are nested too deeply here",
            "a bank needs a few levels at most; check the brackets and the indentation",
        ),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => words(
            "a `\\` in this double-quoted text starts no known escape",
            "write `\\\\` for a backslash, or put the text in single quotes",
        ),
        _ => words(
            "this line is not valid YAML",
            "check the YAML against docs/bank-format.md (indentation, `key: value`, lists with `- `)",
        ),
    }
}

fn closing_bracket(open: char) -> char {
    if open == '{' { '}' } else { ']' }
}

/// The parser's error as a diagnostic at its place, in the author's words.
pub(super) fn yaml_problem(origin: &str, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = error
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    let (message, help) = match parser_error_kind(error) {
        Some(kind) => syntax_words(kind),
        None => explain(error, kind_around(text, line)),
    };
    // A missing `version` is found at the end of the bank's mapping; it belongs at the top.
    let missing_version = matches!(
        error,
        serde_saphyr::Error::SerdeMissingField {
            field: "version",
            ..
        }
    );
    let (line, column) = if missing_version {
        (1, 1)
    } else {
        (line, column)
    };
    Diagnostic::error(origin, line, column, message)
        .in_question(question_around(text, line).as_deref())
        .help(help)
}

/// The id of the question whose lines contain `line`, found in the text itself because a file
/// that failed to parse has no questions to ask.
fn question_around(text: &str, line: u64) -> Option<String> {
    let lines: Vec<&str> = text.lines().take(line as usize).collect();
    let section = lines
        .iter()
        .rposition(|l| !l.starts_with([' ', '\t', '#', '-']) && !l.trim().is_empty())?;
    if !lines[section].starts_with("questions:") {
        return None;
    }
    lines[section..].iter().rev().find_map(|l| {
        let entry = l.trim_start().strip_prefix("- ").unwrap_or(l.trim_start());
        let indent = l.len() - l.trim_start().len();
        let id = entry.strip_prefix("id:")?.trim().trim_matches(['"', '\'']);
        (indent <= 4 && !id.is_empty()).then(|| id.to_owned())
    })
}

/// The kind of the question whose lines contain `line`, read from the text like its id.
fn kind_around(text: &str, line: u64) -> Option<Kind> {
    let lines: Vec<&str> = text.lines().collect();
    let upto = usize::try_from(line).unwrap_or(usize::MAX).min(lines.len());
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let start = lines[..upto]
        .iter()
        .rposition(|l| l.trim_start().starts_with("- ") && indent_of(l) <= 4)?;
    let indent = indent_of(lines[start]);
    lines[start..]
        .iter()
        .enumerate()
        .take_while(|(i, l)| {
            *i == 0
                || l.trim().is_empty()
                || l.trim_start().starts_with('#')
                || indent_of(l) > indent
        })
        .find_map(|(_, l)| {
            let entry = l.trim_start();
            let entry = entry.strip_prefix("- ").unwrap_or(entry);
            Kind::from_name(
                entry
                    .strip_prefix("kind:")?
                    .trim()
                    .trim_matches(['"', '\'']),
            )
        })
}

/// The hint for text that YAML read as structure because of a `: ` or `, ` inside it.
const QUOTE_THIS: &str = "quote this text: a `: ` or `, ` inside it is read as YAML structure; \
     write it as \"…\" (or '…')";

/// The deserializer's error in the author's words: what is wrong here and what to write.
fn explain(error: &serde_saphyr::Error, kind: Option<Kind>) -> (String, String) {
    use serde_saphyr::Error as E;
    let generic =
        "check the YAML against docs/bank-format.md (indentation, `key: value`, lists with `- `)";
    let words = |message: &str, help: &str| (message.to_owned(), help.to_owned());
    match error {
        E::WithSnippet { error, .. } => explain(error, kind),
        E::SerdeUnknownField {
            field, expected, ..
        } => unknown_field(field, expected, kind),
        E::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            (
                format!("`{key}` is written twice here"),
                format!("keep one `{key}:` line: a YAML mapping holds each key once"),
            )
        }
        E::Budget { breach, .. } => (
            format!(
                "the file is too big or too repetitive to read ({})",
                limit_reached(breach)
            ),
            "split the bank into smaller files, and write repeated parts out instead of using \
             YAML aliases (`*name`)"
                .to_owned(),
        ),
        E::SerdeMissingField { field, .. } if *field == "version" => words(
            "missing field `version`",
            "add `version: 1` at the top of the file, beside `id:` and `title:`",
        ),
        E::SerdeMissingField { field, .. } => (
            format!("missing field `{field}`"),
            format!("add `{field}:` here; see docs/bank-format.md for what it holds"),
        ),
        E::NullIntoString { .. } => no_text(),
        E::InvalidBooleanStrict { .. } | E::InvalidScalar { ty: "boolean", .. } => words(
            "expected true or false here",
            "write `true` or `false` (`yes` and `no` are read the same)",
        ),
        E::InvalidScalar { ty, .. } => {
            let what = if ty.starts_with('f') {
                "a number"
            } else {
                "a whole number"
            };
            (
                format!("expected {what} here"),
                format!("write {what} without quotes, such as `1`"),
            )
        }
        E::Unexpected {
            expected: "mapping start",
            ..
        } => words("expected `key: value` lines here", generic),
        E::Unexpected {
            expected: "sequence start",
            ..
        } => words("expected a list here (lines starting with `- `)", generic),
        E::Unexpected {
            expected: "string scalar" | "scalar",
            ..
        } => words(
            "expected a text here",
            "write the text after the colon, and quote it if it starts with `[` or `{`",
        ),
        E::Eof { .. } => words("the file ends in the middle of a value", generic),
        _ => words("this value does not fit here", generic),
    }
}

fn no_text() -> (String, String) {
    (
        "this field has no text".to_owned(),
        "write its text after the colon, or remove the line if the field is optional".to_owned(),
    )
}

/// An unknown key: a misspelling of a known one, an answer field of another kind, or text that
/// YAML read as a key because it was not quoted.
fn unknown_field(field: &str, known: &[&str], kind: Option<Kind>) -> (String, String) {
    let message = format!("unknown field `{field}`");
    if field.contains([' ', ',', '.']) {
        // `prompt: Pick one, not cells.` unquoted in a flow list reads `not cells.` as a key.
        return (message, QUOTE_THIS.to_owned());
    }
    let in_a_question = known.contains(&"kind");
    if let Some(kind) = kind.filter(|_| in_a_question)
        && let Some(help) = answer_field_hint(field, kind)
    {
        return (message, help);
    }
    let help = match super::closest(field, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the fields here are: {}", known.join(", ")),
    };
    (message, help)
}

/// Which of the parser's limits was reached, in plain words.
fn limit_reached(breach: &BudgetBreach) -> &'static str {
    match breach {
        BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => {
            "more than 10,000 uses of aliases"
        }
        BudgetBreach::Depth { .. } => "more than 64 levels of nesting",
        BudgetBreach::ScalarBytes { .. } => "more than 32 MiB of text once aliases are expanded",
        _ => "more YAML nodes than any bank needs",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_saphyr::{Error as E, Location};

    #[test]
    fn the_parsers_errors_become_plain_words() {
        let (message, help) = explain(
            &E::DuplicateMappingKey {
                key: Some("id".into()),
                location: Location::UNKNOWN,
            },
            None,
        );
        assert_eq!(message, "`id` is written twice here");
        assert!(help.contains("keep one `id:` line"), "{help}");
        let budget = |breach| E::Budget {
            breach,
            location: Location::UNKNOWN,
        };
        let (message, help) = explain(
            &budget(BudgetBreach::ScalarBytes {
                total_scalar_bytes: 33_554_433,
            }),
            None,
        );
        assert_eq!(
            message,
            "the file is too big or too repetitive to read (more than 32 MiB of text once aliases are expanded)"
        );
        assert!(help.contains("aliases"), "{help}");
        let (message, _) = explain(&budget(BudgetBreach::Aliases { aliases: 10_001 }), None);
        assert!(message.contains("10,000 uses of aliases"), "{message}");
        let (message, _) = syntax_words(&ErrorKind::RecursionLimitExceeded);
        assert_eq!(message, "lists or mappings are nested too deeply here");
    }

    #[test]
    fn no_syntax_error_is_told_in_the_parsers_words() {
        for kind in [
            ErrorKind::ExpectedBlockSequenceEntry,
            ErrorKind::ExpectedBlockMappingKey,
            ErrorKind::MappingValueNotAllowed,
            ErrorKind::TabInIndentation,
            ErrorKind::InvalidTrailingDoubleQuotedScalar,
            ErrorKind::UnclosedFlowCollection { open: '[' },
            ErrorKind::UnexpectedEof,
        ] {
            let (message, _) = syntax_words(&kind);
            assert_ne!(message, kind.to_string());
        }
    }
}
