//! Diagnostics drawn the way rustc draws them: the message, `--> file:line:col`, the source line
//! with a caret under the spot, and the help.

use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::diagnostic::{Diagnostic, Severity};
use super::load::BankFile;
use crate::error::Error;

impl Error {
    /// The banks' problems, drawn the way `quiz check` draws them; `styled` adds the terminal
    /// colours (the front end knows whether standard error takes them).
    pub fn invalid_banks(problems: &[Diagnostic], files: &[BankFile], styled: bool) -> Self {
        Error::InvalidBanks {
            count: problems.len(),
            shown: render_all(problems, files, styled),
        }
    }
}

/// Every diagnostic, each followed by a blank line. `styled` adds the terminal colours.
pub(crate) fn render_all(problems: &[Diagnostic], files: &[BankFile], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = lines_of(files);
    let mut out = String::new();
    for problem in problems {
        let source = line_of(&lines, problem).map(masked);
        out.push_str(&renderer.render(&[group(problem, source.as_deref())]));
        out.push_str("\n\n");
    }
    out
}

/// Each file split into lines once: a bank with thousands of warnings must not rescan it.
fn lines_of(files: &[BankFile]) -> HashMap<&str, Vec<&str>> {
    files
        .iter()
        .filter_map(|f| {
            Some((
                f.origin.as_str(),
                std::str::from_utf8(&f.bytes).ok()?.lines().collect(),
            ))
        })
        .collect()
}

/// The line of its file a problem points at, if the file is text and has that line.
fn line_of<'a>(lines: &HashMap<&str, Vec<&'a str>>, problem: &Diagnostic) -> Option<&'a str> {
    lines
        .get(problem.file.as_str())
        .and_then(|l| l.get(problem.line.max(1) as usize - 1).copied())
}

/// Where the text each problem underlines ends, as a line and the column just after its last
/// character: the caret's span of the text output, for editors and CI annotations.
pub(crate) fn ends(problems: &[Diagnostic], files: &[BankFile]) -> Vec<(u64, u64)> {
    let lines = lines_of(files);
    problems
        .iter()
        .map(|problem| {
            let line = problem.line.max(1);
            let column = problem.column.max(1);
            let end = line_of(&lines, problem).map_or(column + 1, |source| {
                let span = span_of(problem, source);
                // A spot at the end of a line underlines the one column after it.
                let within = span.end.min(source.len());
                source[..within].chars().count() as u64 + 1 + u64::from(span.end > source.len())
            });
            (line, end)
        })
        .collect()
}

/// A bank's line as it may be shown on a terminal: each character a terminal would act on (an
/// escape, a bidi override) becomes as many `?` as it has bytes, so the caret still points at
/// the same place.
fn masked(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.chars().any(crate::text::is_unsafe_for_terminal) {
        return std::borrow::Cow::Borrowed(line);
    }
    line.chars()
        .map(|c| {
            if crate::text::is_unsafe_for_terminal(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `source` is the line the problem is on, if there is one to show.
fn group<'a>(problem: &'a Diagnostic, source: Option<&'a str>) -> Group<'a> {
    let level = match problem.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let title = level.primary_title(problem.message.as_str());
    let label = problem
        .question
        .as_ref()
        .map(|id| format!("in question `{id}`"));
    let line = problem.line.max(1) as usize;
    let column = problem.column.max(1) as usize;
    let spot = source.map(|source| {
        let span = span_of(problem, source);
        Snippet::source(source)
            .line_start(line)
            .path(problem.file.as_str())
            .annotation(AnnotationKind::Primary.span(span).label(label.clone()))
    });
    let mut group = match spot {
        Some(snippet) => title.element(snippet),
        // No text to show (the file is not UTF-8, or the spot is past its end): the place alone.
        None => title.element(
            Origin::path(problem.file.as_str())
                .line(line)
                .char_column(column),
        ),
    };
    if let Some(help) = &problem.help {
        group = group.element(Level::HELP.message(help.clone()));
    }
    group
}

/// The bytes of `line` a problem underlines: its width if it has one, else the value at its spot.
fn span_of(problem: &Diagnostic, line: &str) -> std::ops::Range<usize> {
    let column = problem.column.max(1) as usize;
    let Some(width) = problem.width else {
        return span_from(line, column);
    };
    let start = line
        .char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .char_indices()
        .nth(width as usize)
        .map_or(line.len(), |(i, _)| start + i);
    if end > start {
        start..end
    } else {
        start..start + 1
    }
}

/// The bytes of `line` from character `column` (1-based) to the end of the value there: YAML
/// positions mark where a value starts, and the rest of the line is that value or its first key,
/// up to the next `,`, `}` or `]` inside a `{...}` or `[...]`.
fn span_from(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i);
    let in_flow = line[..start].contains(['{', '[']);
    let rest_end = line.trim_end().len().max(start);
    let end = match line[start..rest_end].find([',', '}', ']']) {
        Some(cut) if in_flow => start + cut,
        _ => rest_end,
    };
    if end > start {
        start..end
    } else {
        // An empty rest (a position at the end of a line) still gets a caret, one character wide.
        let width = line[start..].chars().next().map_or(1, char::len_utf8);
        start..start + width
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::diagnostic::Lint;

    /// One problem drawn as `quiz check` draws it, with `text` as the file's content if given.
    fn render(problem: &Diagnostic, text: Option<&str>) -> String {
        let files: Vec<BankFile> = text
            .map(|t| BankFile {
                origin: problem.file.clone(),
                bytes: t.as_bytes().to_vec(),
            })
            .into_iter()
            .collect();
        let shown = render_all(std::slice::from_ref(problem), &files, false);
        shown.trim_end_matches('\n').to_owned()
    }

    #[test]
    fn a_problem_shows_its_line_with_a_caret_and_the_help() {
        let text = "id: x\nquestions:\n  - id: q1\n    kind: singel\n";
        let problem = Diagnostic::error("bank.yaml", 4, 11, "unknown question kind `singel`")
            .in_question(Some("q1"))
            .help("did you mean `single`?");
        let shown = render(&problem, Some(text));
        assert_eq!(
            shown,
            "error: unknown question kind `singel`\n \
             --> bank.yaml:4:11\n  \
             |\n\
             4 |     kind: singel\n  \
             |           ^^^^^^ in question `q1`\n  \
             |\n  \
             = help: did you mean `single`?"
        );
    }

    #[test]
    fn without_the_text_the_place_is_still_named() {
        let problem = Diagnostic::warning(Lint::UnusedSource, "bank.yaml", 9, 3, "odd");
        let shown = render(&problem, None);
        assert!(shown.starts_with("warning: odd\n"), "{shown}");
        assert!(shown.contains("--> bank.yaml:9:3"), "{shown}");
    }

    #[test]
    fn a_line_with_escapes_is_shown_masked_with_the_caret_in_place() {
        let text = "id: x\ntitle: \u{1b}]0;owned\u{7} \u{202e}here\n";
        let problem = Diagnostic::error("bank.yaml", 2, 25, "odd");
        let shown = render(&problem, Some(text));
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
        assert!(shown.contains("title: ?]0;owned? ???here"), "{shown}");
    }

    #[test]
    fn a_problem_ends_where_its_caret_ends() {
        let text = "id: x\nquestions:\n  - id: q1\n    kind: singel\n";
        let files = [BankFile {
            origin: "bank.yaml".into(),
            bytes: text.as_bytes().to_vec(),
        }];
        let problems = [
            Diagnostic::error("bank.yaml", 4, 11, "unknown question kind `singel`"),
            Diagnostic::error("bank.yaml", 9, 3, "past the last line"),
            Diagnostic::error("bank.yaml", 2, 11, "at the end of the line"),
            Diagnostic::error("bank.yaml", 4, 5, "the key only").spanning(5),
        ];
        assert_eq!(ends(&problems, &files), [(4, 17), (9, 4), (2, 12), (4, 10)]);
    }

    #[test]
    fn a_position_at_the_end_of_a_line_gets_one_caret() {
        assert_eq!(span_from("key:", 5), 4..5);
        assert_eq!(span_from("  é: x", 6), 6..7);
        assert_eq!(span_from("a:\u{3000}", 3), 2..5);
        assert_eq!(span_from("source: {id: book, section: x}", 14), 13..17);
    }
}
