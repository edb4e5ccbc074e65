//! Finding bank files, reading them and parsing them with positions.

use std::path::{Path, PathBuf};

use super::answer_key::answer_field_hint;
use super::diagnostic::Diagnostic;
use super::format::RawBank;
use super::model::{Bank, Kind};
use super::spots::Spots;
use super::validate::validate;
use super::yaml_syntax::SyntaxMistake;
use crate::error::Error;
use serde_saphyr::ExternalMessageSource;
use serde_saphyr::granit_parser::ErrorKind;

/// Larger files are refused before parsing: no real bank comes near it, and it bounds memory.
pub const MAX_BANK_BYTES: u64 = 32 * 1024 * 1024;

/// The text of one bank file and the name diagnostics use for it.
#[derive(Debug, Clone)]
pub struct BankFile {
    pub origin: String,
    pub bytes: Vec<u8>,
}

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/built_in_banks.rs"));
}

/// The banks compiled into the binary from `quizzes/`.
pub fn built_in_files() -> Vec<BankFile> {
    built_in::BANKS
        .iter()
        .map(|(name, text)| BankFile {
            origin: format!("built-in/{name}"),
            bytes: text.as_bytes().to_vec(),
        })
        .collect()
}

/// The bank files named on the command line: files as given, folders searched recursively for
/// `*.yaml` and `*.yml`, in a stable order.
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<BankFile>, Error> {
    let found = crate::files::expand(paths, &["yaml", "yml"], "bank files")?;
    found.iter().map(|path| read_one(path)).collect()
}

fn read_one(path: &Path) -> Result<BankFile, Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_BANK_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            what: "bank file",
            size,
            limit: MAX_BANK_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    Ok(BankFile {
        origin: path.display().to_string(),
        bytes,
    })
}

/// Parses one file into its raw shape; any failure is one diagnostic with a position.
pub fn parse(file: &BankFile) -> Result<RawBank, Diagnostic> {
    parse_telling_syntax(file).map_err(|refused| *refused.problem)
}

/// Why the parser refused a file: the problem, and whether it lies in the YAML syntax (rather
/// than in values of the wrong shape).
struct Refused {
    problem: Box<Diagnostic>,
    in_syntax: bool,
}

fn parse_telling_syntax(file: &BankFile) -> Result<RawBank, Refused> {
    let refused = |problem| Refused {
        problem: Box::new(problem),
        in_syntax: false,
    };
    let text = std::str::from_utf8(&file.bytes).map_err(|e| {
        let (line, column) = position_of(&file.bytes[..e.valid_up_to()]);
        refused(
            Diagnostic::error(&file.origin, line, column, "the file is not UTF-8 text")
                .help("save the bank as UTF-8 (most editors offer it under 'Save with encoding')"),
        )
    })?;
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(refused(
            Diagnostic::error(&file.origin, 1, 1, "the bank is empty")
                .help("run `quiz new FILE` for a starter bank, or see docs/bank-format.md"),
        ));
    }
    serde_saphyr::from_str_with_options(text, parse_options()).map_err(|e| Refused {
        problem: Box::new(yaml_problem(&file.origin, text, &e)),
        in_syntax: parser_error_kind(&e).is_some(),
    })
}

/// The most broken questions one file is searched for: each costs a parse of the whole file.
const MAX_BROKEN_QUESTIONS: usize = 100;

/// Parses one file, reporting the shape errors of every question instead of the first one only.
///
/// The parser stops at the first value of the wrong shape. When that value lies in an entry of
/// `questions:`, the entry's lines are blanked (so that every other line keeps its number) and
/// the file is parsed again, until it parses or the problem lies outside the questions. The
/// bank that then parses holds the other questions, so that their errors are reported too; it
/// is never loaded.
fn parse_every_question(file: &BankFile) -> (Option<RawBank>, Vec<Diagnostic>) {
    let (first, in_syntax) = match parse_telling_syntax(file) {
        Ok(raw) => return (Some(raw), Vec::new()),
        Err(refused) => (*refused.problem, refused.in_syntax),
    };
    let Ok(text) = std::str::from_utf8(&file.bytes) else {
        return (None, vec![first]);
    };
    let mistakes = super::yaml_syntax::mistakes(text);
    if let Some(earliest) = mistakes.first() {
        // Where the parser stopped on the syntax is a symptom of the mistakes found, and so is a
        // shape error after them; a shape error before them is a mistake of its own.
        let before = (!in_syntax && first.line < earliest.line()).then_some(first);
        let found = mistakes
            .iter()
            .map(|m| syntax_problem(&file.origin, text, m));
        return (None, before.into_iter().chain(found).collect());
    }
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut entries = question_entries(&lines);
    let mut problems = vec![first];
    while problems.len() <= MAX_BROKEN_QUESTIONS {
        let line = usize::try_from(problems.last().map_or(0, |p| p.line)).unwrap_or(0);
        let Some(broken) = entries.iter().position(|e| e.contains(&line)) else {
            return (None, problems);
        };
        for blanked in entries.remove(broken) {
            lines[blanked - 1].clear();
        }
        if entries.is_empty()
            && let Some(header) = lines.iter_mut().find(|l| l.trim_end() == "questions:")
        {
            header.push_str(" []");
        }
        let again = BankFile {
            origin: file.origin.clone(),
            bytes: lines.join("\n").into_bytes(),
        };
        match parse(&again) {
            Ok(raw) => return (Some(raw), problems),
            // The same place again: blanking did not get past it.
            Err(problem) if problem.line as usize == line => return (None, problems),
            Err(problem) => problems.push(problem),
        }
    }
    (None, problems)
}

/// The line numbers (from 1) of each entry of a block list `questions:` at the top level.
fn question_entries(lines: &[String]) -> Vec<std::ops::RangeInclusive<usize>> {
    let Some(header) = lines.iter().position(|l| l.trim_end() == "questions:") else {
        return Vec::new();
    };
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let is_entry = |l: &str| l.trim_start().starts_with("- ") || l.trim() == "-";
    let Some(first) = lines[header + 1..]
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter(|l| is_entry(l))
    else {
        return Vec::new();
    };
    let indent = indent_of(first);
    let mut entries: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
    let mut start = None;
    let mut end = header + 1;
    for (i, line) in lines.iter().enumerate().skip(header + 1) {
        let number = i + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let own = indent_of(line);
        if own == indent && is_entry(line) {
            if let Some(s) = start {
                entries.push(s..=end);
            }
            start = Some(number);
        } else if own <= indent && !(own == indent && indent > 0) {
            break;
        }
        end = number;
    }
    if let Some(s) = start {
        entries.push(s..=end);
    }
    entries
}

/// The parser's limits: roomy enough for a 10,000-question bank, tight enough that alias bombs
/// and absurd nesting stop with an error instead of eating the machine.
pub fn parse_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    budget.max_depth = 64;
    budget.max_aliases = 10_000;
    budget.max_total_scalar_bytes = MAX_BANK_BYTES as usize;
    serde_saphyr::options! {
        budget: Some(budget),
        with_snippet: false,
    }
}

/// A mistake found in the lines of a file the parser refused, in the author's terms.
fn syntax_problem(origin: &str, text: &str, mistake: &SyntaxMistake) -> Diagnostic {
    let (column, message, help) = match mistake {
        SyntaxMistake::UnclosedQuote { column, quote, .. } => (
            *column,
            format!("the quote `{quote}` that starts this text is not closed"),
            format!(
                "end the text with `{quote}` on this line: without it YAML reads on to the next \
                 `{quote}` in the file"
            ),
        ),
        SyntaxMistake::TabIndent { column, .. } => (
            *column,
            "a tab is used for indentation here".to_owned(),
            "replace the tab with spaces: YAML indents with spaces only".to_owned(),
        ),
        SyntaxMistake::Misaligned {
            column,
            what,
            expected_column,
            siblings,
            ..
        } => (
            *column,
            format!("{what} is at column {column}; {siblings} are at column {expected_column}"),
            format!(
                "indent it by {} spaces, like them: YAML reads what belongs together by its \
                 indentation",
                expected_column - 1
            ),
        ),
    };
    let line = mistake.line();
    Diagnostic::error(origin, line, column, message)
        .in_question(question_around(text, line).as_deref())
        .help(help)
}

/// The kind of a syntax error from the YAML parser itself, if `error` is one.
fn parser_error_kind(error: &serde_saphyr::Error) -> Option<&ErrorKind> {
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

fn yaml_problem(origin: &str, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = error
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    if let Some(kind) = parser_error_kind(error) {
        let (message, help) = syntax_words(kind);
        return Diagnostic::error(origin, line, column, message)
            .in_question(question_around(text, line).as_deref())
            .help(help);
    }
    let message = error.to_string();
    // The parser appends its own "at line X, column Y"; the diagnostic already says where.
    let message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
    let (message, help) = explain_yaml_message(message.trim(), kind_around(text, line));
    // A missing `version` is found at the end of the bank's mapping; it belongs at the top.
    let (line, column) = if message == "missing field `version`" {
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

/// Rewrites the parser's wording where an author needs more than it says.
fn explain_yaml_message(message: &str, kind: Option<Kind>) -> (String, String) {
    let generic =
        "check the YAML against docs/bank-format.md (indentation, `key: value`, lists with `- `)";
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once("`, expected one of ")
    {
        if field.contains([' ', ',', '.']) {
            // `prompt: Pick one, not cells.` unquoted in a flow list reads `not cells.` as a key.
            return (format!("unknown field `{field}`"), QUOTE_THIS.to_owned());
        }
        let known: Vec<&str> = expected.split(", ").map(|k| k.trim_matches('`')).collect();
        let in_a_question = known.contains(&"kind");
        if let Some(kind) = kind.filter(|_| in_a_question)
            && let Some(help) = answer_field_hint(field, kind)
        {
            return (format!("unknown field `{field}`"), help);
        }
        let help = match super::closest(field, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the fields here are: {}", known.join(", ")),
        };
        return (format!("unknown field `{field}`"), help);
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        // The parser's wording ends with advice about its own options, which an author cannot use.
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest)
            .trim();
        return (
            format!("`{key}` is written twice here"),
            format!("keep one `{key}:` line: a YAML mapping holds each key once"),
        );
    }
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        return (
            format!(
                "the file is too big or too repetitive to read ({})",
                limit_reached(breach)
            ),
            "split the bank into smaller files, and write repeated parts out instead of using \
             YAML aliases (`*name`)"
                .to_owned(),
        );
    }
    if message == "recursion limit exceeded" {
        return (
            "lists or mappings are nested too deeply here".to_owned(),
            "a bank needs a few levels at most; check the brackets and the indentation".to_owned(),
        );
    }
    if message == "missing field `version`" {
        return (
            message.to_owned(),
            "add `version: 1` at the top of the file, beside `id:` and `title:`".to_owned(),
        );
    }
    if message.starts_with("cannot deserialize null into string") {
        return (
            "this field has no text".to_owned(),
            "write its text after the colon, or remove the line if the field is optional"
                .to_owned(),
        );
    }
    if message == "invalid boolean" {
        return (
            "expected true or false here".to_owned(),
            "write `true` or `false` (`yes` and `no` are read the same)".to_owned(),
        );
    }
    if let Some(number) = message.strip_prefix("invalid ")
        && (number.starts_with(['u', 'i']) && number[1..].parse::<u8>().is_ok()
            || number == "floating point")
    {
        let what = if number == "floating point" {
            "a number"
        } else {
            "a whole number"
        };
        return (
            format!("expected {what} here"),
            format!("write {what} without quotes, such as `1`"),
        );
    }
    let message = match message {
        "expected mapping start" => "expected `key: value` lines here".to_owned(),
        "expected sequence start" => "expected a list here (lines starting with `- `)".to_owned(),
        other => other.to_owned(),
    };
    (message, generic.to_owned())
}

/// Which of the parser's limits a "budget breached" message names, in plain words.
fn limit_reached(breach: &str) -> &'static str {
    let name = breach.split([' ', '{', '(']).next().unwrap_or(breach);
    match name {
        n if n.contains("Alias") => "more than 10,000 uses of aliases",
        n if n.contains("Depth") => "more than 64 levels of nesting",
        n if n.contains("Scalar") => "more than 32 MiB of text once aliases are expanded",
        _ => "more YAML nodes than any bank needs",
    }
}

fn position_of(prefix: &[u8]) -> (u64, u64) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line, column)
}

/// Every bank that loaded and every problem found, across all files.
#[derive(Debug, Default)]
pub struct Loaded {
    pub banks: Vec<Bank>,
    /// Where things are in each bank's file, one entry per bank, for lints and citation checks.
    pub spots: Vec<Spots>,
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Parses and validates every file, then checks what spans files (bank ids must differ).
pub fn load(files: &[BankFile]) -> Loaded {
    let mut loaded = Loaded::default();
    // Each bank id, with the file and line that first uses it.
    let mut id_lines: std::collections::HashMap<String, (String, u64)> =
        std::collections::HashMap::new();
    for file in files {
        let (raw, shape_problems) = parse_every_question(file);
        let Some(raw) = raw else {
            loaded.problems.extend(shape_problems);
            continue;
        };
        if !shape_problems.is_empty() {
            // The other questions' problems count too, but a bank with broken questions is
            // never used.
            let text = String::from_utf8_lossy(&file.bytes);
            let (_, problems) = validate(raw, &file.origin, &text);
            loaded.problems.extend(shape_problems);
            loaded.problems.extend(problems);
            continue;
        }
        let (line, column) = (raw.id.referenced.line(), raw.id.referenced.column());
        // Read now: validation consumes the raw bank, and parsing the file again costs as much
        // as the whole check.
        let spots = Spots::from_raw(&raw);
        let text = String::from_utf8_lossy(&file.bytes);
        let (mut bank, problems) = validate(raw, &file.origin, &text);
        loaded.problems.extend(problems);
        loaded
            .problems
            .extend(super::terminal_safe::make_bank_safe(&mut bank, &spots));
        if let Some((first_file, first_line)) = id_lines.get(&bank.id) {
            loaded.problems.push(
                Diagnostic::error(
                    &file.origin,
                    line,
                    column,
                    format!("bank id `{}` is used twice", bank.id),
                )
                .help(format!(
                    "{first_file}:{first_line} uses it too; bank ids must differ"
                )),
            );
            continue;
        }
        id_lines.insert(bank.id.clone(), (file.origin.clone(), line));
        loaded.banks.push(bank);
        loaded.spots.push(spots);
    }
    loaded
        .problems
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    loaded
}

/// The small bank with one question of every kind that the tests share.
#[cfg(test)]
pub(crate) fn basics_fixture() -> Vec<Bank> {
    let bytes = std::fs::read("tests/fixtures/basics.yaml").expect("the basics fixture");
    let loaded = load(&[BankFile {
        origin: "basics.yaml".into(),
        bytes,
    }]);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks
}

#[cfg(test)]
mod parser_messages {
    use super::explain_yaml_message;

    #[test]
    fn the_parsers_own_wording_becomes_plain_words() {
        let (message, help) = explain_yaml_message(
            "duplicate mapping key: id, set DuplicateKeyPolicy in Options if acceptable",
            None,
        );
        assert_eq!(message, "`id` is written twice here");
        assert!(help.contains("keep one `id:` line"), "{help}");
        let (message, help) = explain_yaml_message(
            "budget breached: ScalarBytes { total_scalar_bytes: 33554433, max: 33554432 }",
            None,
        );
        assert_eq!(
            message,
            "the file is too big or too repetitive to read (more than 32 MiB of text once aliases are expanded)"
        );
        assert!(help.contains("aliases"), "{help}");
        let (message, _) =
            explain_yaml_message("budget breached: Aliases { aliases: 10001 }", None);
        assert!(message.contains("10,000 uses of aliases"), "{message}");
        let (message, _) = explain_yaml_message("recursion limit exceeded", None);
        assert_eq!(message, "lists or mappings are nested too deeply here");
    }
}
