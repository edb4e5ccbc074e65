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
                    Err(why) => out.notices.push(Notice::skipped(bank, q, why.to_string())),
                }
            }
            out.notices.extend(flattened);
        }
        out
    }
}

/// Why a question cannot be written in Aiken.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
enum NotAiken {
    #[error("Aiken holds single-choice questions only, not {0}")]
    Kind(String),
    #[error("Aiken holds at most {MAX_CHOICES} choices")]
    TooManyChoices,
    #[error("Moodle's Aiken import skips a prompt shorter than 2 characters")]
    ShortPrompt,
}

fn question(q: &Question) -> Result<String, NotAiken> {
    let AnswerKey::Single { choices } = &q.key else {
        return Err(NotAiken::Kind(q.kind().to_string()));
    };
    if choices.len() > MAX_CHOICES {
        return Err(NotAiken::TooManyChoices);
    }
    // Moodle skips a line shorter than 2 bytes, and would then read the choices without a question.
    if one_line(&q.prompt).len() < 2 {
        return Err(NotAiken::ShortPrompt);
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
    let line = one_line(&q.prompt);
    if let Some(read_as) = crate::import::aiken::read_as(&line) {
        changes.push(format!(
            "the prompt starts like an Aiken {read_as} (`{}`), which Moodle would read as one and \
             then refuse the whole file: an invisible word joiner (U+2060) is written before it",
            line.chars().take(7).collect::<String>()
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

/// The prompt on one line that Aiken will not read as a choice or an answer line: Moodle takes
/// any line that starts with a capital and `.` or `)` for a choice (`U.S. troops…`, `E. coli…`,
/// `B)ecause…`; the space after it is optional) and one that starts with `ANSWER:` for the answer,
/// so such a prompt gets an invisible word joiner in front, which Moodle keeps as part of the text.
fn prompt_line(prompt: &str) -> String {
    let line = one_line(prompt);
    if crate::import::aiken::read_as(&line).is_some() {
        format!("{}{line}", crate::import::aiken::WORD_JOINER)
    } else {
        line
    }
}

/// Aiken reads one line per question and per choice. Only ASCII spaces fold (Moodle splits
/// lines at line feeds and carriage returns alone), so a no-break space stays as written.
fn one_line(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}
