//! Aiken → bank, read line by line as Moodle's Aiken importer reads it: a line that starts with a
//! capital and `.` or `)` is a choice (the space after it is optional), a line that starts with
//! `ANSWER:` closes the question, any other line of 2 or more bytes starts a question. Lines are
//! trimmed of spaces and tabs (not of no-break spaces), and split at carriage returns too.
//!
//! Moodle stops the whole import at a choice or answer line outside a question, at a question
//! with fewer than 2 choices and at a question left open by the next one; so does this import.

use super::{
    ImportNotice, Imported, OutBank, OutChoice, OutCitation, OutQuestion, OutSource, UNKNOWN_SOURCE,
};
use crate::authoring::bank_id;

/// Written before a prompt that Moodle would read as a choice or an answer line. Invisible, and
/// not trimmed by Moodle; this import removes it again.
pub const WORD_JOINER: char = '\u{2060}';

/// What Moodle reads a (trimmed) line as when it is not a question's first line: "choice" for
/// `A.`, `B)`, `U.S.` …, "answer line" for `ANSWER:…`.
pub fn read_as(line: &str) -> Option<&'static str> {
    let bytes = line.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_uppercase() && matches!(bytes[1], b'.' | b')') {
        Some("choice")
    } else if line.starts_with("ANSWER:") {
        Some("answer line")
    } else {
        None
    }
}

/// The question being read: its first line and choices so far.
struct Open {
    line: usize,
    prompt: String,
    choices: Vec<String>,
}

/// Imports Aiken `text`; `name` (the file name) names the bank.
pub fn import(text: &str, name: &str) -> Imported {
    let mut notes = Vec::new();
    let mut questions: Vec<OutQuestion> = Vec::new();
    let mut open: Option<Open> = None;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, raw) in text.split(['\n', '\r']).enumerate() {
        let line_number = index + 1;
        // PHP's trim: spaces, tabs, NUL and vertical tabs, never a no-break space.
        let line = raw.trim_matches([' ', '\t', '\0', '\x0b']);
        if line.len() < 2 {
            continue;
        }
        match (read_as(line), &mut open) {
            (Some(_), None) => notes.push(ImportNotice::error(
                line_number,
                format!(
                    "`{line}` reads as a choice or an answer, but no question was started \
                     (Moodle stops the import here too): a question's first line may not start \
                     with a capital and `.` or `)`, or with `ANSWER:`"
                ),
            )),
            (Some("choice"), Some(question)) => {
                let choice = line[2..].trim_matches([' ', '\t', '\0', '\x0b']);
                question.choices.push(choice.to_owned());
            }
            (Some(_), Some(_)) => {
                let question = open.take().expect("matched as open");
                questions.extend(answered(question, line, line_number, &mut notes));
            }
            (None, _) => {
                if let Some(unfinished) = open.take() {
                    notes.push(ImportNotice::error(
                        line_number,
                        format!(
                            "the question at line {} has no `ANSWER:` line before this one \
                             (Moodle stops the import here too)",
                            unfinished.line
                        ),
                    ));
                }
                let prompt = line.trim_start_matches(WORD_JOINER).to_owned();
                open = Some(Open {
                    line: line_number,
                    prompt,
                    choices: Vec::new(),
                });
            }
        }
    }
    if let Some(unfinished) = open {
        notes.push(ImportNotice::note(
            unfinished.line,
            "the file ends before this question's `ANSWER:` line: left out, as Moodle leaves it",
        ));
    }
    finish(questions, notes, name)
}

/// The question closed by the answer line `line`, if it can be one.
fn answered(
    open: Open,
    line: &str,
    line_number: usize,
    notes: &mut Vec<ImportNotice>,
) -> Option<OutQuestion> {
    if open.choices.len() < 2 {
        notes.push(ImportNotice::error(
            line_number,
            "a question needs at least 2 choices before its `ANSWER:` line",
        ));
        return None;
    }
    let letter = line["ANSWER:".len()..].trim().chars().next();
    let right = letter
        .filter(char::is_ascii_uppercase)
        .map(|l| (l as u8 - b'A') as usize)
        .filter(|&i| i < open.choices.len());
    let Some(right) = right else {
        notes.push(ImportNotice::error(
            line_number,
            format!("`{line}` names none of the question's choices"),
        ));
        return None;
    };
    let choices = open
        .choices
        .into_iter()
        .enumerate()
        .map(|(i, text)| OutChoice {
            text,
            correct: i == right,
            why: None,
            weight: None,
        })
        .collect();
    Some(OutQuestion {
        kind: "single".into(),
        prompt: open.prompt,
        choices: Some(choices),
        explanation: "No explanation was given in the Aiken file.".into(),
        source: OutCitation::unknown(),
        ..OutQuestion::default()
    })
}

fn finish(mut questions: Vec<OutQuestion>, mut notes: Vec<ImportNotice>, name: &str) -> Imported {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for (i, q) in questions.iter_mut().enumerate() {
        q.id = format!("question-{}", i + 1);
    }
    if !questions.is_empty() {
        notes.push(ImportNotice::note(
            1,
            format!(
                "Aiken has no explanations or sources: {} question(s) cite `{UNKNOWN_SOURCE}` \
                 with a placeholder explanation; write both",
                questions.len()
            ),
        ));
    }
    notes.sort_by_key(|n| n.line);
    Imported {
        bank: OutBank {
            id: bank_id(&stem),
            title: stem,
            description: format!("Imported from {name}."),
            version: 1,
            sources: vec![OutSource::unknown(name)],
            scenarios: Vec::new(),
            questions,
        },
        notices: notes,
    }
}
