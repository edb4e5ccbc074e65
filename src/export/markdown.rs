//! A printable worksheet and its answer key, in Markdown.
//!
//! The worksheet has the scenarios, numbered questions, choices and room to answer; the key has
//! the answers (by the letters the worksheet shows), explanations and sources. Branching
//! scenarios follow the questions as gamebooks, with their own part of the key.

mod gamebook;

use super::{Export, Exporter, arrangement};
use crate::bank::{AnswerKey, Bank, Choice, Question, Scoring};
use crate::engine::choice_weights;
use crate::engine::describe::{key_text, points};
use crate::text::{letter, reflow};

pub(crate) struct Markdown;

impl Exporter for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut sheet = String::new();
        let mut key = String::new();
        let mut written = 0;
        for bank in banks {
            sheet.push_str(&format!(
                "# {}\n\nName: ______________________  Date: ____________\n\n",
                literal(&bank.title)
            ));
            key.push_str(&format!("# Answer key: {}\n\n", literal(&bank.title)));
            for (n, (q, shown_scenario)) in in_print_order(bank).into_iter().enumerate() {
                if let Some(scenario) = shown_scenario.and_then(|id| bank.scenario(id)) {
                    sheet.push_str(&format!(
                        "## {}\n\n{}\n\n",
                        literal(&scenario.title),
                        quoted(&literal(&reflow(&scenario.text)))
                    ));
                }
                sheet.push_str(&question(bank, q, n + 1));
                key.push_str(&answer(bank, q, n + 1));
                written += 1;
            }
            for scenario in &bank.scenarios {
                if let Some(branching) = &scenario.branching {
                    sheet.push_str(&gamebook::sections(bank, scenario, branching));
                    key.push_str(&gamebook::key(bank, scenario, branching));
                    written += branching.steps.len();
                }
            }
        }
        Export {
            text: sheet,
            key: Some(key),
            notices: Vec::new(),
            written,
        }
    }
}

/// Questions as printed: each scenario's questions together, after its text, in written order.
/// The second value names the scenario to print before the question, on its first question only.
fn in_print_order(bank: &Bank) -> Vec<(&Question, Option<&String>)> {
    let mut printed = Vec::new();
    let mut seen: Vec<&String> = Vec::new();
    for q in &bank.questions {
        match &q.scenario {
            None => printed.push((q, None)),
            Some(id) if !seen.contains(&id) => {
                seen.push(id);
                let mut group = bank
                    .questions
                    .iter()
                    .filter(|o| o.scenario.as_ref() == Some(id));
                if let Some(first) = group.next() {
                    printed.push((first, Some(id)));
                }
                printed.extend(group.map(|o| (o, None)));
            }
            Some(_) => {}
        }
    }
    printed
}

fn quoted(text: &str) -> String {
    text.trim()
        .lines()
        .map(|l| format!("> {l}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn question(bank: &Bank, q: &Question, number: usize) -> String {
    let worth = format!(
        "{} point{}",
        points(q.points),
        if q.points == 1.0 { "" } else { "s" }
    );
    format!(
        "**{number}.** {} *({worth})*\n\n{}\n\n",
        literal(q.prompt.trim()),
        answer_space(bank, q)
    )
}

/// What a question prints below its prompt: its choices with tick boxes, lines to write on, items
/// to number or a table to match.
fn answer_space(bank: &Bank, q: &Question) -> String {
    let order = arrangement(bank, q);
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            let mut lines: Vec<String> = order
                .iter()
                .enumerate()
                .map(|(shown, &i)| {
                    format!("- [ ] {}. {}", letter(shown), literal(&choices[i].text))
                })
                .collect();
            if q.kind() == crate::bank::Kind::Multiple {
                lines.insert(0, "Tick every correct answer.\n".into());
            }
            lines.join("\n")
        }
        AnswerKey::TrueFalse { .. } => "- [ ] True\n- [ ] False".into(),
        AnswerKey::Short { .. } => "Answer: ________________________________".into(),
        AnswerKey::Numeric { unit, .. } => format!(
            "Answer: ________________ {}",
            literal(unit.as_deref().unwrap_or(""))
        )
        .trim_end()
        .into(),
        AnswerKey::Order { items } => {
            let mut lines = vec!["Number them in order, from 1:\n".to_owned()];
            lines.extend(
                order
                    .iter()
                    .map(|&i| format!("- ____ {}", literal(&items[i]))),
            );
            lines.join("\n")
        }
        AnswerKey::Match { pairs } => match_table(pairs, &order),
    }
}

fn match_table(pairs: &[crate::bank::Pair], order: &[usize]) -> String {
    let mut lines = vec![
        "Write the letter of the match beside each item.\n".to_owned(),
        "| | Item | Letter | | Match |".into(),
        "|---|---|---|---|---|".into(),
    ];
    for (i, pair) in pairs.iter().enumerate() {
        lines.push(format!(
            "| {} | {} | ____ | {} | {} |",
            i + 1,
            cell(&pair.left),
            letter(i),
            cell(&pairs[order[i]].right)
        ));
    }
    lines.join("\n")
}

fn cell(text: &str) -> String {
    literal(text).replace('|', "\\|").replace('\n', " ")
}

/// Text as written: bank text is plain, so what Markdown would read as markup (emphasis, code,
/// links, HTML tags and entities) gets a backslash and prints as typed.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '&' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn answer(bank: &Bank, q: &Question, number: usize) -> String {
    format!(
        "**{number}.** {}\n\n   {}\n\n   *{}*\n\n",
        answer_text(bank, q),
        literal(q.explanation.trim()),
        literal(&bank.source_line(&q.citation))
    )
}

/// What each ticked answer adds to or takes from the score, by the letters the worksheet shows,
/// for a question scored as Moodle scores it.
fn ticked_weights(order: &[usize], choices: &[Choice]) -> String {
    let weights = choice_weights(choices, Scoring::Moodle);
    let each: Vec<String> = order
        .iter()
        .enumerate()
        .map(|(shown, &i)| {
            let percent = weights[i] * 100.0;
            let sign = if percent > 0.0 {
                "+"
            } else if percent < 0.0 {
                "−"
            } else {
                ""
            };
            format!(
                "{} {sign}{}%",
                letter(shown),
                crate::text::number(percent.abs())
            )
        })
        .collect();
    format!(
        "; each ticked answer counts (the total kept between 0 and all the points): {}",
        each.join(", ")
    )
}

/// The answer as the key gives it: choices by the letters the worksheet shows.
fn answer_text(bank: &Bank, q: &Question) -> String {
    let order = arrangement(bank, q);
    let shown = |i: usize| order.iter().position(|&o| o == i).unwrap_or(i);
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            let mut right: Vec<(usize, &str)> = (choices.iter().enumerate())
                .filter(|(_, c)| c.correct)
                .map(|(i, c)| (shown(i), c.text.as_str()))
                .collect();
            right.sort_unstable();
            let right: Vec<String> = right
                .iter()
                .map(|(s, text)| format!("{} ({})", letter(*s), literal(text)))
                .collect();
            let mut text = right.join(", ");
            if let AnswerKey::Multiple {
                scoring: Scoring::Moodle,
                ..
            } = &q.key
            {
                text.push_str(&ticked_weights(&order, choices));
            }
            text
        }
        AnswerKey::Match { pairs } => (0..pairs.len())
            .map(|i| format!("{} → {}", i + 1, letter(shown(i))))
            .collect::<Vec<_>>()
            .join(", "),
        AnswerKey::TrueFalse { answer: true } => "True".into(),
        AnswerKey::TrueFalse { answer: false } => "False".into(),
        _ => literal(&key_text(q)),
    }
}
