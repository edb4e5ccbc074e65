//! Aiken: Moodle's simplest format, single-choice questions only.
//!
//! ```text
//! What is the capital of France?
//! A. Paris
//! B. Lyon
//! ANSWER: A
//! ```

use super::flatten::flattened;
use super::{Export, Exporter, Notice};
use crate::bank::{AnswerKey, Bank, Question};
use crate::text::letter;

pub(crate) struct Aiken;

/// Aiken labels choices with one letter.
const MAX_CHOICES: usize = 26;

impl Exporter for Aiken {
    fn name(&self) -> &'static str {
        "aiken"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut out = Export::default();
        for bank in banks {
            let (flat, flattened) = flattened(bank);
            let bank = &flat;
            for q in &bank.questions {
                match question(q) {
                    Ok(text) => {
                        out.text.push_str(&text);
                        out.written += 1;
                        let notes = changes(q).into_iter();
                        out.notices
                            .extend(notes.map(|what| Notice::changed(bank, q, what)));
                    }
                    Err(why) => out.notices.push(Notice::skipped(bank, q, why)),
                }
            }
            out.notices.extend(flattened);
        }
        out
    }
}

fn question(q: &Question) -> Result<String, String> {
    let AnswerKey::Single { choices } = &q.key else {
        return Err(format!(
            "Aiken holds single-choice questions only, not {}",
            q.kind()
        ));
    };
    if choices.len() > MAX_CHOICES {
        return Err(format!("Aiken holds at most {MAX_CHOICES} choices"));
    }
    let mut text = format!("{}\n", prompt_line(&q.prompt));
    let mut answer = String::new();
    for (i, choice) in choices.iter().enumerate() {
        text.push_str(&format!("{}. {}\n", letter(i), one_line(&choice.text)));
        if choice.correct {
            answer = letter(i);
        }
    }
    text.push_str(&format!("ANSWER: {answer}\n\n"));
    Ok(text)
}

/// What did not go into Aiken as it is in the bank.
fn changes(q: &Question) -> Vec<String> {
    let mut changes: Vec<String> = left_out(q).into_iter().collect();
    if prompt_line(&q.prompt) != one_line(&q.prompt) {
        changes.push(format!(
            "the prompt starts like an Aiken choice (`{}`): the space after it is written as a \
             no-break space",
            &one_line(&q.prompt)[..2]
        ));
    }
    changes
}

/// What the question has that Aiken has no place for, and that is left out.
fn left_out(q: &Question) -> Option<String> {
    let mut parts = Vec::new();
    if q.scenario.is_some() {
        parts.push("the scenario's text");
    }
    if let AnswerKey::Single { choices } = &q.key
        && choices.iter().any(|c| c.why.is_some())
    {
        parts.push("the feedback on choices");
    }
    (!parts.is_empty()).then(|| format!("Aiken has no place for {}: left out", parts.join(" or ")))
}

/// The prompt on one line that Aiken will not read as a choice: Moodle takes a line that starts
/// with a capital, `.` or `)` and a space (`E. coli …`) for one, so the space after it becomes a
/// no-break space, which looks the same.
fn prompt_line(prompt: &str) -> String {
    let line = one_line(prompt);
    let bytes = line.as_bytes();
    if bytes.len() > 2
        && bytes[0].is_ascii_uppercase()
        && matches!(bytes[1], b'.' | b')')
        && bytes[2] == b' '
    {
        format!("{}\u{a0}{}", &line[..2], &line[3..])
    } else {
        line
    }
}

/// Aiken reads one line per question and per choice.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
