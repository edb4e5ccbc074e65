//! Finding bank files, reading them and parsing them with positions.

use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;
use super::format::RawBank;
use super::halves::HALVES_FROM_BYTES;
use super::model::Bank;
use super::spots::Spots;
use super::validate::validate;
use super::yaml_errors::{parser_error_kind, syntax_problem, yaml_problem};
use crate::error::Error;

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

/// Files that `quiz import` reads, by their extension: named to a command that reads banks, they
/// get a pointer to the import instead of a YAML error.
const IMPORTED_FORMATS: [(&str, &str, &str); 3] = [
    ("gift", "GIFT file", "gift"),
    ("xml", "Moodle XML file", "moodle-xml"),
    ("aiken", "Aiken file", "aiken"),
];

fn read_one(path: &Path) -> Result<BankFile, Error> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if let Some((_, what, format)) = IMPORTED_FORMATS
        .iter()
        .find(|(ext, _, _)| extension.eq_ignore_ascii_case(ext))
    {
        return Err(Error::NotABank {
            path: path.to_path_buf(),
            what,
            format,
        });
    }
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
    if let Some(raw) = super::halves::parse_in_halves(text, HALVES_FROM_BYTES) {
        return Ok(raw);
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
pub(super) fn question_entries<S: AsRef<str>>(lines: &[S]) -> Vec<std::ops::RangeInclusive<usize>> {
    let Some(header) = lines
        .iter()
        .position(|l| l.as_ref().trim_end() == "questions:")
    else {
        return Vec::new();
    };
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let is_entry = |l: &str| l.trim_start().starts_with("- ") || l.trim() == "-";
    let Some(first) = lines[header + 1..]
        .iter()
        .map(AsRef::as_ref)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter(|l| is_entry(l))
    else {
        return Vec::new();
    };
    let indent = indent_of(first);
    let mut entries: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
    let mut start = None;
    let mut end = header + 1;
    for (i, line) in lines.iter().map(AsRef::as_ref).enumerate().skip(header + 1) {
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
