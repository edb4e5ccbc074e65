//! Moodle GIFT → bank. Reads what Moodle's own importer reads: comments, `$CATEGORY:`, `::names::`,
//! `[format]` prefixes, descriptions, multiple choice (with `%weights%`), true/false, short answer,
//! numerical (`a:t`, `min..max`), matching and missing-word questions, per-answer (`#`) and general
//! (`####`) feedback, and the escapes `\~ \= \# \{ \} \: \\ \n`.
//!
//! A category's description item becomes a scenario for the questions after it; `// [id:…]`,
//! `// [tag:…]`, `// [unit:…]`, `// [accept_exact:true]`, `// [source:…]` and
//! `// [source_by:author]` comments (as `quiz export --format gift` writes them) keep ids, tags,
//! units, exact short answers, source ids and authors.

mod answers;
pub(super) mod assemble;
pub(super) mod choices;
pub(super) mod formats;
mod numbers;
mod ordering;
mod parts;

use super::{ImportNotice, Imported};

/// Imports GIFT `text`; `name` (the file name) names the bank when no category does.
pub fn import(text: &str, name: &str) -> Imported {
    let mut builder = assemble::Builder::new(name);
    let mut dropped = Vec::new();
    for block in blocks(text) {
        dropped.extend(block.comments_in_answers.iter().copied());
        builder.add(block);
    }
    let mut imported = builder.finish();
    for line in dropped {
        imported.notices.push(ImportNotice::note(
            line,
            "this line inside the answers starts with `//`: Moodle drops it as a comment (an \
             ordering item written so is lost), and so does this import",
        ));
    }
    imported.notices.sort_by_key(|n| n.line);
    apply_header(text, &mut imported.bank);
    imported
}

/// The bank's id, version and description from the comments `quiz export` writes at the top of
/// a bank (`// Bank ID (version N): title`, `// Description: …`), so that progress kept under
/// the bank id carries over a round trip.
fn apply_header(text: &str, bank: &mut super::OutBank) {
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("// Bank ")
            && let Some((id, rest)) = rest.split_once(" (version ")
            && let Some((version, _)) = rest.split_once("):")
            && let Ok(version) = version.parse::<u32>()
            && crate::authoring::bank_id(id) == id
        {
            id.clone_into(&mut bank.id);
            bank.version = version;
        } else if let Some(description) = line.strip_prefix("// Description: ") {
            description.trim().clone_into(&mut bank.description);
        } else if line.starts_with("$CATEGORY:") {
            return;
        }
    }
}

/// One paragraph of the file: a question, a category or a description.
#[derive(Debug, Default)]
pub struct Block {
    /// The line of the paragraph's first line that is not a comment.
    pub line: usize,
    pub text: String,
    pub id: Option<String>,
    pub tags: Vec<String>,
    pub unit: Option<String>,
    /// `[accept_exact:true]`: a short answer that must be typed exactly.
    pub exact: bool,
    /// `[source:…]`: the id of the source its `Source:` line names.
    pub source: Option<String>,
    /// `[source_by:author]`: the name in that line is the source's author, not its publisher.
    pub source_by_author: bool,
    /// `[allow:…]`: the lints the question is exempt from.
    pub allow: Vec<String>,
    /// Lines inside an answer block that start with `//`: Moodle drops them as comments.
    pub comments_in_answers: Vec<usize>,
}

/// Paragraphs separated by blank lines; comment lines are dropped, but the `[id:…]`, `[tag:…]` and
/// `[unit:…]` they hold go with their paragraph.
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.text.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            current = Block::default();
        } else if let Some(comment) = trimmed.strip_prefix("//") {
            if current.text.matches('{').count() > current.text.matches('}').count() {
                current.comments_in_answers.push(index + 1);
            }
            read_meta(comment, &mut current);
        } else {
            if current.text.is_empty() {
                current.line = index + 1;
            } else {
                current.text.push('\n');
            }
            current.text.push_str(line);
        }
    }
    if !current.text.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// `[id:…]`, `[tag:…]`, `[unit:…]` and the other `[name:value]` a comment holds; `\]` is a
/// bracket inside one, `\\` a backslash.
fn read_meta(comment: &str, block: &mut Block) {
    let mut chars = comment.chars();
    while chars.by_ref().any(|c| c == '[') {
        let mut inner = String::new();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(next @ (']' | '\\')) => inner.push(next),
                    Some(other) => {
                        inner.push('\\');
                        inner.push(other);
                    }
                    None => inner.push('\\'),
                },
                ']' => {
                    closed = true;
                    break;
                }
                c => inner.push(c),
            }
        }
        if !closed {
            break;
        }
        match inner.split_once(':') {
            Some(("id", id)) => block.id = Some(id.trim().to_owned()),
            Some(("tag", tag)) => block.tags.push(tag.trim().to_owned()),
            Some(("unit", unit)) => block.unit = Some(unit.trim().to_owned()),
            Some(("accept_exact", exact)) => block.exact = exact.trim() == "true",
            Some(("source", id)) => block.source = Some(id.trim().to_owned()),
            Some(("source_by", by)) => block.source_by_author = by.trim() == "author",
            Some(("allow", lint)) => block.allow.push(lint.trim().to_owned()),
            _ => {}
        }
    }
}

/// Escaped characters become private-use placeholders while the structure is parsed, so that a
/// `\{` is never taken for the start of the answers; [`restore`] turns them back.
const ESCAPES: [(char, char); 7] = [
    ('\\', '\u{E000}'),
    (':', '\u{E001}'),
    ('#', '\u{E002}'),
    ('=', '\u{E003}'),
    ('{', '\u{E004}'),
    ('}', '\u{E005}'),
    ('~', '\u{E006}'),
];

fn protect(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some(next) => match ESCAPES.iter().find(|(plain, _)| *plain == next) {
                Some((_, placeholder)) => {
                    chars.next();
                    out.push(*placeholder);
                }
                None => out.push('\\'),
            },
            None => out.push('\\'),
        }
    }
    out
}

/// The text as the author meant it: placeholders back to their characters, spaces trimmed.
fn restore(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            ESCAPES
                .iter()
                .find(|(_, placeholder)| *placeholder == c)
                .map_or(c, |(plain, _)| *plain)
        })
        .collect()
}

fn notice_at(line: usize, message: impl Into<String>) -> ImportNotice {
    ImportNotice::note(line, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_survive_parsing() {
        let protected = protect(r"1 + 1 \= 2 \{really\} a\:b \\ c\nd \~ \#");
        assert!(!protected.contains(['=', '{', '}', ':', '~', '#']));
        assert_eq!(restore(&protected), "1 + 1 = 2 {really} a:b \\ c\nd ~ #");
    }

    #[test]
    fn paragraphs_keep_their_first_line_and_comment_tags() {
        let text = "// header\n\n// [id:q1] [tag:a] [tag:b]\n::Q1:: x {T}\n\n\n::Q2:: y {F}\n";
        let found = blocks(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].id.as_deref(), Some("q1"));
        assert_eq!(found[0].tags, ["a", "b"]);
        assert_eq!(found[1].line, 7);
        assert!(found[1].id.is_none());
    }
}
