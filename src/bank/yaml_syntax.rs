//! Mistakes in a bank's YAML syntax, found by reading its lines.
//!
//! The parser stops at the first place it cannot go on, which is often far from the mistake: a
//! quote left open runs on to the next quote in the file, and a key indented too deep is read as
//! the end of the text before it. Reading the lines as an author wrote them finds each mistake
//! where it is, and all of them. It is run only on a file the parser refused, so a guess here
//! never turns a good bank into a bad one.

/// One mistake, at a line and column counted from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SyntaxMistake {
    /// A quoted text whose closing quote is missing: the parser read on past its line.
    UnclosedQuote { line: u64, column: u64, quote: char },
    /// A tab in the indentation, where YAML allows spaces only.
    TabIndent { line: u64, column: u64 },
    /// A key (or a `- ` entry) not lined up with the others of its mapping (or list).
    Misaligned {
        line: u64,
        column: u64,
        /// The characters of the key and its colon, or of the dash.
        width: u16,
        what: String,
        expected_column: u64,
        siblings: String,
    },
}

impl SyntaxMistake {
    pub(crate) fn line(&self) -> u64 {
        match self {
            SyntaxMistake::UnclosedQuote { line, .. }
            | SyntaxMistake::TabIndent { line, .. }
            | SyntaxMistake::Misaligned { line, .. } => *line,
        }
    }
}

/// Every mistake found in `text`, in the order of its lines.
pub(crate) fn mistakes(text: &str) -> Vec<SyntaxMistake> {
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = Reader::default();
    let mut found = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        match reader.read(&lines, index, &mut found) {
            Some(next) => index = next,
            None => index += 1,
        }
    }
    found.sort_by_key(SyntaxMistake::line);
    found
}

/// One open level of block structure: a mapping's keys or a list's `- ` entries at a column.
#[derive(Debug, Clone)]
struct Level {
    /// The column (from 0) of the keys or dashes.
    column: usize,
    is_list: bool,
    /// What the entries are called, e.g. "question" for the entries of `questions:`.
    name: String,
}

/// Where the reader is: what the lines before have left open.
#[derive(Debug, Default)]
struct Reader {
    levels: Vec<Level>,
    /// A key with nothing after it on its line, at this column: the next line may go deeper.
    opened: Option<(usize, String)>,
    /// A `|` or `>` text: lines deeper than this column are its text.
    block_text: Option<usize>,
    /// A `[...]` or `{...}` that goes on to the next lines: how many brackets are open.
    flow_depth: usize,
    /// The column a misaligned line belongs at: the lines below it and deeper are its own, out
    /// of line with the rest only because it is.
    misaligned_at: Option<usize>,
}

impl Reader {
    /// Reads the line at `index`; returns the index to go on from when it is not the next one.
    fn read(
        &mut self,
        lines: &[&str],
        index: usize,
        found: &mut Vec<SyntaxMistake>,
    ) -> Option<usize> {
        let line = lines[index];
        let number = index as u64 + 1;
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = self.block_text {
            if line.trim().is_empty() || spaces > parent {
                return None;
            }
            self.block_text = None;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return None;
        }
        if self.flow_depth > 0 {
            let (depth, _) = scan_flow(line, 0, self.flow_depth);
            self.flow_depth = depth;
            return None;
        }
        let indent = indent_of(line);
        if let Some(tab) = line[..indent].find('\t') {
            found.push(SyntaxMistake::TabIndent {
                line: number,
                column: column_of(line, tab),
            });
            self.opened = None;
            return None;
        }
        let shape = Shape::of(line);
        self.align(&shape, number, found);
        self.value(lines, index, &shape, found)
    }

    /// Checks the line's place against the open levels, and opens the levels it starts.
    fn align(&mut self, shape: &Shape, number: u64, found: &mut Vec<SyntaxMistake>) {
        let column = shape.indent;
        let opened = self.opened.take();
        if let Some(at) = self.misaligned_at {
            if column > at {
                return;
            }
            self.misaligned_at = None;
        }
        let deeper = self.levels.last().is_none_or(|l| column > l.column);
        if deeper {
            let may_open =
                opened.as_ref().is_some_and(|(at, _)| column > *at) || self.levels.is_empty();
            if !may_open && let Some(top) = self.levels.last() {
                if shape.is_key() {
                    let keys = self.levels.iter().rev().find(|l| !l.is_list).unwrap_or(top);
                    found.push(misaligned(shape, number, keys));
                    self.misaligned_at = Some(keys.column);
                }
                return;
            }
        } else {
            let keep = self.levels.iter().rposition(|l| {
                l.column < column
                    || (l.column == column && (l.is_list == shape.is_entry() || !l.is_list))
            });
            let popped: Vec<Level> = self.levels.drain(keep.map_or(0, |k| k + 1)..).collect();
            let lined_up = self.levels.last().is_some_and(|l| l.column == column)
                || popped
                    .iter()
                    .any(|l| l.column == column && !l.is_list && shape.is_entry());
            if !lined_up {
                if shape.is_key() || shape.is_entry() {
                    let nearest = popped
                        .iter()
                        .chain(&self.levels)
                        .filter(|l| l.is_list == shape.is_entry())
                        .min_by_key(|l| l.column.abs_diff(column))
                        .cloned();
                    if let Some(level) = nearest {
                        found.push(misaligned(shape, number, &level));
                        self.misaligned_at = Some(level.column);
                        self.levels
                            .extend(popped.into_iter().filter(|l| l.column <= level.column));
                    }
                } else {
                    // Text of a value that goes on over lines: it closes nothing.
                    self.levels.extend(popped);
                }
                return;
            }
        }
        self.open_levels(shape, opened.map(|(_, key)| key));
    }

    /// Pushes the levels a well-placed line starts: a list for its dashes, a mapping for its key.
    fn open_levels(&mut self, shape: &Shape, parent_key: Option<String>) {
        let list_name = parent_key
            .as_deref()
            .map_or_else(|| "entry".to_owned(), singular);
        for &dash in &shape.dashes {
            let new_list = self
                .levels
                .last()
                .is_none_or(|l| l.column < dash || (l.column == dash && !l.is_list));
            if new_list {
                self.levels.push(Level {
                    column: dash,
                    is_list: true,
                    name: list_name.clone(),
                });
            }
        }
        let is_new_key = self
            .levels
            .last()
            .is_none_or(|l| l.column < shape.key_column);
        if shape.key.is_some() && is_new_key {
            let name = match self.levels.last() {
                Some(list) if list.is_list && !shape.dashes.is_empty() => list.name.clone(),
                _ => parent_key.map_or_else(|| "bank".to_owned(), |k| format!("`{k}`")),
            };
            self.levels.push(Level {
                column: shape.key_column,
                is_list: false,
                name,
            });
        }
    }

    /// Reads what follows the key: a quoted text, a bracketed list, a `|` text or plain text.
    fn value(
        &mut self,
        lines: &[&str],
        index: usize,
        shape: &Shape,
        found: &mut Vec<SyntaxMistake>,
    ) -> Option<usize> {
        let line = lines[index];
        let start = shape.value_start;
        let value = line[start..].trim_end();
        if value.is_empty() || value.starts_with('#') {
            if let Some(key) = &shape.key {
                self.opened = Some((shape.key_column, key.clone()));
            } else if !shape.dashes.is_empty() {
                self.opened = Some((shape.indent, "entry".to_owned()));
            }
            return None;
        }
        if value.starts_with(['|', '>']) {
            self.block_text = Some(shape.key_column.max(shape.indent));
            return None;
        }
        if value.starts_with(['[', '{']) {
            let (depth, quote) = scan_flow(line, start, 0);
            self.flow_depth = depth;
            if let Some((at, q)) = quote {
                self.flow_depth = 0;
                return unclosed_quote(lines, index, at, q, shape, found);
            }
            return None;
        }
        if let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\''))
            && closing_quote(line, start + 1, q).is_none()
        {
            return unclosed_quote(lines, index, start, q, shape, found);
        }
        None
    }
}

/// The mistake of a line at `shape` that belongs with the keys or entries of `level`.
fn misaligned(shape: &Shape, number: u64, level: &Level) -> SyntaxMistake {
    let (what, width, siblings) = match &shape.key {
        Some(key) if !shape.is_entry() => (
            format!("`{key}:`"),
            u16::try_from(key.chars().count() + 1).unwrap_or(u16::MAX),
            match level.name.as_str() {
                "bank" => "the bank's other keys".to_owned(),
                n if n.starts_with('`') => format!("the other keys of {n}"),
                n => format!("the {n}'s other keys"),
            },
        ),
        _ => (
            "this `- ` entry".to_owned(),
            1,
            format!("the other entries of this list ({}s)", level.name),
        ),
    };
    SyntaxMistake::Misaligned {
        line: number,
        column: shape.indent as u64 + 1,
        width,
        what,
        expected_column: level.column as u64 + 1,
        siblings,
    }
}

/// A quote opened at byte `at` of line `index` and not closed on it. A text in quotes may go on
/// to the next lines, deeper than its key; it was left open when it runs into a line of keys or
/// entries, or when its closing quote is followed by more text.
fn unclosed_quote(
    lines: &[&str],
    index: usize,
    at: usize,
    quote: char,
    shape: &Shape,
    found: &mut Vec<SyntaxMistake>,
) -> Option<usize> {
    for (offset, line) in lines.iter().enumerate().skip(index + 1) {
        let next = Shape::of(line);
        if line.trim().is_empty() {
            continue;
        }
        if next.indent <= shape.key_column && (next.is_key() || next.is_entry()) {
            break;
        }
        if let Some(close) = closing_quote(line, 0, quote) {
            let rest = line[close + 1..].trim_start();
            if rest.is_empty() || rest.starts_with(['#', ',', ']', '}']) {
                return Some(offset + 1);
            }
            break;
        }
    }
    found.push(SyntaxMistake::UnclosedQuote {
        line: index as u64 + 1,
        column: column_of(lines[index], at),
        quote,
    });
    None
}

/// The byte index of the quote that closes a text opened before `from`, if the line has one.
fn closing_quote(line: &str, from: usize, quote: char) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match (bytes[i], quote) {
            (b'\\', '"') => i += 1,
            (b'\'', '\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
            (b, q) if b == q as u8 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Follows the brackets of a `[...]` or `{...}` from byte `from`, with `depth` already open:
/// the depth at the end of the line, and a quote opened inside and not closed on the line.
fn scan_flow(line: &str, from: usize, mut depth: usize) -> (usize, Option<(usize, char)>) {
    let bytes = line.as_bytes();
    // A quote opens a text only where a value starts: after a bracket, a comma or a colon.
    let mut previous = if depth > 0 { b',' } else { b' ' };
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'#' if i > 0 && bytes[i - 1] == b' ' => break,
            b'"' | b'\'' if matches!(previous, b'[' | b'{' | b',' | b':') => {
                match closing_quote(line, i + 1, b as char) {
                    Some(close) => i = close,
                    None => return (depth, Some((i, b as char))),
                }
            }
            _ => {}
        }
        if b != b' ' {
            previous = b;
        }
        if depth == 0 {
            break;
        }
        i += 1;
    }
    (depth, None)
}

/// The parts of a line of block YAML: its dashes, its key, where its value starts.
#[derive(Debug)]
struct Shape {
    /// The column (from 0) of the first character that is not a space.
    indent: usize,
    /// The byte columns of the `- ` entries the line starts with.
    dashes: Vec<usize>,
    key: Option<String>,
    /// Where the key (or the value, without a key) starts after the dashes.
    key_column: usize,
    value_start: usize,
}

impl Shape {
    fn of(line: &str) -> Shape {
        let indent = indent_of(line);
        let mut at = indent;
        let mut dashes = Vec::new();
        while line[at..].starts_with("- ") || line[at..].trim_end() == "-" {
            dashes.push(at);
            at += 1;
            at += line[at..].len() - line[at..].trim_start_matches(' ').len();
        }
        let rest = &line[at..];
        let key = plain_key(rest);
        let value_start = match &key {
            Some(k) => {
                let after = at + k.len() + 1;
                after + line[after..].len() - line[after..].trim_start_matches(' ').len()
            }
            None => at,
        };
        Shape {
            indent,
            dashes,
            key,
            key_column: at,
            value_start,
        }
    }

    fn is_key(&self) -> bool {
        self.key.is_some() && self.dashes.is_empty()
    }

    fn is_entry(&self) -> bool {
        !self.dashes.is_empty()
    }
}

/// The key a line starts with, if it reads as `name:` followed by a space or the end of the line.
fn plain_key(rest: &str) -> Option<String> {
    let end = rest.find(':')?;
    let key = &rest[..end];
    let follows = rest[end + 1..].chars().next();
    let word = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    (word && follows.is_none_or(char::is_whitespace)).then(|| key.to_owned())
}

/// The entries of a list, named by the key that holds it.
fn singular(key: &str) -> String {
    match key {
        "questions" => "question",
        "choices" => "choice",
        "sources" => "source",
        "scenarios" => "scenario",
        "steps" => "step",
        "endings" => "ending",
        "pairs" => "pair",
        "items" => "item",
        _ => return format!("entry of `{key}`"),
    }
    .to_owned()
}

/// The bytes of spaces and tabs a line starts with: YAML's indentation, tabs being a mistake
/// in it. (Other blank characters start the text itself.)
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The column (from 1, in characters) of byte `at` of `line`.
fn column_of(line: &str, at: usize) -> u64 {
    line[..at].chars().count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_bank_that_parses_is_said_to_have_a_mistake() {
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for folder in ["quizzes", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
                if entry.path().extension().is_some_and(|e| e == "yaml") {
                    files.push(entry.into_path());
                }
            }
        }
        assert!(files.len() > 5, "{files:?}");
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let file = super::super::BankFile {
                origin: path.display().to_string(),
                bytes,
            };
            if super::super::load::parse(&file).is_ok() {
                let text = String::from_utf8(file.bytes).unwrap();
                assert_eq!(mistakes(&text), [], "{}", path.display());
            }
        }
    }

    #[test]
    fn text_in_quotes_may_go_on_over_several_lines() {
        let text = "id: t\nprompt: \"a long\n  text\" # fine\ntitle: 'it''s\n  fine'\n";
        assert_eq!(mistakes(text), []);
    }

    #[test]
    fn a_quote_that_runs_into_the_next_key_is_unclosed_where_it_opens() {
        let text = "id: t\nsources:\n  - id: s\n    date: \"2025\n    title: \"T\"\n";
        assert_eq!(
            mistakes(text),
            [SyntaxMistake::UnclosedQuote {
                line: 4,
                column: 11,
                quote: '"'
            }]
        );
    }

    #[test]
    fn a_key_out_of_line_names_the_columns_of_its_neighbours() {
        let text = "id: t\nquestions:\n  - id: q\n    kind: single\n     prompt: x\n    why: y\n";
        assert_eq!(
            mistakes(text),
            [SyntaxMistake::Misaligned {
                line: 5,
                column: 6,
                width: 7,
                what: "`prompt:`".into(),
                expected_column: 5,
                siblings: "the question's other keys".into(),
            }]
        );
    }

    #[test]
    fn text_that_goes_on_over_lines_is_not_a_key() {
        let text =
            "id: t\nquestions:\n  - id: q\n    prompt: a long\n      text, going on\n    kind: x\n";
        assert_eq!(mistakes(text), []);
    }

    #[test]
    fn tabs_inside_block_text_are_text() {
        let text = "id: t\ntext: |\n  a\n  \tb\nlist:\n- a\n- b\n";
        assert_eq!(mistakes(text), []);
        let text = "id: t\n\ttitle: x\nlist:\n\t- a\n";
        assert_eq!(
            mistakes(text),
            [
                SyntaxMistake::TabIndent { line: 2, column: 1 },
                SyntaxMistake::TabIndent { line: 4, column: 1 }
            ]
        );
    }
}
