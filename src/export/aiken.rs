//! Aiken: Moodle's simplest format, single-choice questions only.
//!
//! ```text
//! What is the capital of France?
//! A. Paris
//! B. Lyon
//! ANSWER: A
//! ```

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
            for q in &bank.questions {
                match question(q) {
                    Ok(text) => {
                        out.text.push_str(&text);
                        out.written += 1;
                    }
                    Err(why) => out.notices.push(Notice::skipped(bank, q, why)),
                }
            }
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
    let mut text = format!("{}\n", one_line(&q.prompt));
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

/// Aiken reads one line per question and per choice.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
