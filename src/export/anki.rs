//! Anki: a tab-separated file with the header lines Anki's importer reads. One note per question;
//! front = scenario, prompt and choices; back = answer, explanation and source. Each bank is a deck.
//! The decisions of a branching scenario are notes of their own, tagged `branching-flattened`.

use super::flatten::{flattened, step_of};
use super::{Export, Exporter, arrangement};
use crate::bank::{AnswerKey, Bank, Question};
use crate::engine::describe::key_text;
use crate::text::{letter, reflow};

pub(crate) struct Anki;

/// The tag of the notes made from the decisions of a branching scenario.
const FLATTENED_TAG: &str = "branching-flattened";

impl Exporter for Anki {
    fn name(&self) -> &'static str {
        "anki"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut out = Export {
            text: "#separator:tab\n#html:true\n#columns:Front\tBack\tDeck\tTags\n\
                   #deck column:3\n#tags column:4\n"
                .into(),
            ..Export::default()
        };
        for bank in banks {
            let (flat, flattened) = flattened(bank);
            let bank = &flat;
            for q in &bank.questions {
                let mut tags: Vec<String> = q.tags.iter().map(|t| t.replace(' ', "_")).collect();
                if step_of(bank, q).is_some() {
                    // The card says it was a decision of a story told in steps.
                    tags.push(FLATTENED_TAG.to_owned());
                }
                out.text.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    not_a_comment(front(bank, q)),
                    back(bank, q),
                    plain_field(&bank.title),
                    plain_field(&tags.join(" "))
                ));
                out.written += 1;
            }
            out.notices.extend(flattened);
        }
        out
    }
}

/// Anki skips a line that starts with `#` as a comment, note and all: a Front that starts with
/// one gets it as the HTML entity `&#35;`, which shows as `#`.
fn not_a_comment(front: String) -> String {
    match front.strip_prefix('#') {
        Some(rest) => format!("&#35;{rest}"),
        None => front,
    }
}

/// HTML-escaped text in one field: no tabs, line breaks as `<br>`.
pub(crate) fn field(text: &str) -> String {
    html(text.trim()).replace('\t', " ").replace('\n', "<br>")
}

/// Text in a column Anki does not read as HTML (the deck and the tags): no tabs or line breaks.
fn plain_field(text: &str) -> String {
    text.trim().replace(['\t', '\n'], " ")
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn front(bank: &Bank, q: &Question) -> String {
    let mut front = String::new();
    if let Some(scenario) = q.scenario.as_ref().and_then(|id| bank.scenario(id)) {
        front.push_str(&format!(
            "<i>{}</i><br>{}<br><br>",
            field(&scenario.title),
            field(&reflow(&scenario.text))
        ));
    }
    front.push_str(&field(&q.prompt));
    let order = arrangement(bank, q);
    let listed: Vec<String> = match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => order
            .iter()
            .enumerate()
            .map(|(shown, &i)| format!("{}. {}", letter(shown), field(&choices[i].text)))
            .collect(),
        AnswerKey::Order { items } => order.iter().map(|&i| field(&items[i])).collect(),
        AnswerKey::Match { pairs } => {
            let mut lines: Vec<String> = (pairs.iter().enumerate())
                .map(|(i, p)| format!("{}. {}", i + 1, field(&p.left)))
                .collect();
            lines.push(String::new());
            lines.extend(
                order
                    .iter()
                    .enumerate()
                    .map(|(shown, &r)| format!("{}. {}", letter(shown), field(&pairs[r].right))),
            );
            lines
        }
        AnswerKey::TrueFalse { .. } => vec!["True or false?".into()],
        _ => Vec::new(),
    };
    if !listed.is_empty() {
        front.push_str("<br><br>");
        front.push_str(&listed.join("<br>"));
    }
    front
}

fn back(bank: &Bank, q: &Question) -> String {
    let order = arrangement(bank, q);
    let answer = match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => order
            .iter()
            .enumerate()
            .filter(|(_, i)| choices[**i].correct)
            .map(|(shown, &i)| format!("{}. {}", letter(shown), field(&choices[i].text)))
            .collect::<Vec<_>>()
            .join("<br>"),
        AnswerKey::TrueFalse { answer: true } => "True".into(),
        AnswerKey::TrueFalse { answer: false } => "False".into(),
        _ => field(&key_text(q)),
    };
    format!(
        "<b>{answer}</b><br><br>{}<br><br><small>{}</small>",
        field(&q.explanation),
        field(&bank.source_line(&q.citation))
    )
}
