//! Moodle's GIFT format: categories from banks and scenarios, names from ids, per-answer feedback
//! from `why`, general feedback from the explanation and the source.

mod ordering;

use super::flatten::{credit, flattened};
use super::{Export, Exporter, Filed, Notice, filed};
use crate::bank::{AnswerKey, Bank, Choice, Question, Scenario, Scoring};
use crate::engine::choice_weights;
use crate::text::reflow;

pub(crate) struct Gift;

impl Exporter for Gift {
    fn name(&self) -> &'static str {
        "gift"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut out = Export::default();
        for bank in banks {
            let (flat, flattened) = flattened(bank);
            write_bank(&flat, &mut out);
            out.notices.extend(flattened);
        }
        out
    }
}

/// The grades Moodle accepts for an answer, in percent (its question editor offers no others, and
/// an import with any other value is refused or rounded).
pub(crate) const MOODLE_WEIGHTS: [f64; 20] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0,
];

/// The accepted weight nearest to `percent` (the sign is kept).
pub(crate) fn snap_weight(percent: f64) -> f64 {
    // Moodle's "None": nearer to nothing than to its smallest weight.
    if percent.abs() < 2.5 {
        return 0.0;
    }
    let nearest = MOODLE_WEIGHTS
        .iter()
        .copied()
        .min_by(|a, b| {
            (a - percent.abs())
                .abs()
                .total_cmp(&(b - percent.abs()).abs())
        })
        .unwrap_or(100.0);
    nearest.copysign(percent)
}

/// Backslash before each character GIFT reserves; line breaks as `\n`, since a blank line ends a
/// question.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A category name inside a `$CATEGORY:` path, where `/` separates levels and `//` is a slash.
fn category_name(name: &str) -> String {
    name.replace('/', "//").replace('\n', " ")
}

fn write_bank(bank: &Bank, out: &mut Export) {
    let top = format!("$course$/top/{}", category_name(&bank.title));
    out.text.push_str(&format!(
        "// Bank {} (version {}): {}\n",
        bank.id, bank.version, bank.title
    ));
    if !bank.description.trim().is_empty() {
        out.text.push_str(&format!(
            "// Description: {}\n",
            bank.description.trim().replace('\n', " ")
        ));
    }
    out.text.push_str(&format!("$CATEGORY: {top}\n\n"));
    for (n, run) in filed(bank).into_iter().enumerate() {
        match run {
            Filed::Loose(questions) => {
                // After a scenario's block, back to the bank's category.
                if n > 0 {
                    out.text.push_str(&format!("$CATEGORY: {top}\n\n"));
                }
                for q in questions {
                    write_question(bank, q, out);
                }
            }
            Filed::Scenario(scenario, questions) => {
                write_scenario(bank, scenario, &questions, &top, out);
            }
        }
    }
}

/// A scenario's sub-category, its description item and its questions.
fn write_scenario(
    bank: &Bank,
    scenario: &Scenario,
    questions: &[&Question],
    top: &str,
    out: &mut Export,
) {
    out.text.push_str(&format!(
        "$CATEGORY: {top}/{}\n\n// Scenario: a description item, shown before its questions\n::{}::{}\n\n",
        category_name(&scenario.title),
        escape(&scenario.id),
        text(&reflow(&scenario.text))
    ));
    if scenario.branching.is_some() {
        // GIFT has no branching: say so in the file, where a teacher reading it will see it.
        out.text.push_str(&format!(
            "// Branching scenario {} flattened: each decision below is a stand-alone question; \
             the best choice earns full credit, an acceptable one partial credit, and each \
             choice's feedback tells its consequence. Where each answer leads and the endings \
             are left out.\n\n",
            meta_text(&scenario.id)
        ));
    }
    for q in questions {
        write_question(bank, q, out);
    }
}

/// Text inside a `[…]` of a comment: `\` and `]` get a backslash, a line break becomes a space.
fn meta_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(']', "\\]")
        .replace('\n', " ")
}

fn write_question(bank: &Bank, q: &Question, out: &mut Export) {
    let Some(answers) = answer_block(bank, q, &mut out.notices) else {
        return;
    };
    let mut meta = format!("// [id:{}]", meta_text(&q.id));
    for tag in &q.tags {
        meta.push_str(&format!(" [tag:{}]", meta_text(tag)));
    }
    if let AnswerKey::Numeric {
        unit: Some(unit), ..
    } = &q.key
    {
        meta.push_str(&format!(" [unit:{}]", meta_text(unit)));
    }
    // The source's id, and whether the name in its credit line is its author.
    meta.push_str(&format!(" [source:{}]", meta_text(&q.citation.source)));
    if bank
        .source(&q.citation.source)
        .is_some_and(|s| s.publisher.is_none() && s.author.is_some())
    {
        meta.push_str(" [source_by:author]");
    }
    for lint in &q.allow {
        meta.push_str(&format!(" [allow:{}]", meta_text(lint)));
    }
    if let AnswerKey::Short { exact: true, .. } = &q.key {
        // Moodle has no exact answers (it ignores case and accepts no typos either way).
        meta.push_str(" [accept_exact:true]");
    }
    let feedback = format!(
        "{}\n\n{}",
        q.explanation.trim(),
        bank.source_line(&q.citation)
    );
    // The ordering type reads its options on the line of the brace; other kinds start below it.
    let opening = if matches!(q.key, AnswerKey::Order { .. }) {
        ""
    } else {
        "\n"
    };
    out.text.push_str(&format!(
        "{meta}\n::{}::{} {{{opening}{answers}\t####{}\n}}\n\n",
        escape(&q.id),
        text(&q.prompt),
        text(&feedback)
    ));
    out.written += 1;
}

/// The lines between the braces, before the general feedback; none for questions GIFT cannot hold.
fn answer_block(bank: &Bank, q: &Question, notices: &mut Vec<Notice>) -> Option<String> {
    Some(match &q.key {
        AnswerKey::Single { choices } => single(bank, q, choices, notices),
        AnswerKey::Multiple { choices, scoring } => weighted(bank, q, choices, *scoring, notices),
        AnswerKey::TrueFalse { answer } => {
            format!("\t{}\n", if *answer { "TRUE" } else { "FALSE" })
        }
        AnswerKey::Short { accept, .. } => accept
            .iter()
            .map(|a| {
                let a = literal_asterisks(bank, q, &without_arrow(bank, q, a, notices), notices);
                let weight = if escape(&a).starts_with('%') {
                    "%100%"
                } else {
                    ""
                };
                format!("\t={weight}{}\n", text(&a))
            })
            .collect(),
        AnswerKey::Numeric {
            answer, tolerance, ..
        } => {
            let margin = tolerance.margin(*answer);
            format!("\t#{answer}:{margin}\n")
        }
        AnswerKey::Match { pairs } => pairs
            .iter()
            .map(|p| {
                let left = without_arrow(bank, q, &p.left, notices);
                format!("\t={} -> {}\n", text(&left), escape(&p.right))
            })
            .collect(),
        AnswerKey::Order { items } => return ordering::items(bank, q, items, notices),
    })
}

/// Moodle reads any answer block with `=` and `->` as a matching question and has no escape for
/// `->`: in a short answer or on the left of a pair it is written as `→`, with a note.
fn without_arrow(bank: &Bank, q: &Question, text: &str, notices: &mut Vec<Notice>) -> String {
    if !text.contains("->") {
        return text.to_owned();
    }
    notices.push(Notice::changed(
        bank,
        q,
        format!("`{text}`: GIFT cannot hold `->` here (Moodle would read a matching question); written as `→`"),
    ));
    text.replace("->", "→")
}

/// A short answer with each `*` written `\*`: Moodle reads a bare `*` as any text.
pub(crate) fn literal_asterisks(
    bank: &Bank,
    q: &Question,
    answer: &str,
    notices: &mut Vec<Notice>,
) -> String {
    if !answer.contains('*') {
        return answer.to_owned();
    }
    notices.push(Notice::changed(
        bank,
        q,
        format!("`{answer}`: `*` is written `\\*`, since Moodle reads a bare `*` as any text"),
    ));
    answer.replace('*', "\\*")
}

/// Escaped text that Moodle shows as written. Bank text is plain: a text with `<` or `&` (which
/// Moodle's default format would render as HTML) gets `[plain]` in front, and a text that starts
/// with a format name (`[html]…`) gets the default format, `[moodle]`, in front.
pub(crate) fn text(raw: &str) -> String {
    let escaped = escape(raw);
    let named = ["[moodle]", "[html]", "[plain]", "[markdown]"];
    if escaped.contains(['<', '&']) {
        format!("[plain]{escaped}")
    } else if named.iter().any(|n| escaped.starts_with(n)) {
        format!("[moodle]{escaped}")
    } else {
        escaped
    }
}

fn why(choice: &Choice) -> String {
    match choice.why.as_deref().map(str::trim) {
        Some(why) if !why.is_empty() => format!("#{}", text(why)),
        _ => String::new(),
    }
}

/// Single choice: `=` on the right one. The decisions of a branching step that earn part of
/// what the best earns (acceptable ones) get that share as a weight Moodle accepts.
fn single(bank: &Bank, q: &Question, choices: &[Choice], notices: &mut Vec<Notice>) -> String {
    let credit = credit(bank, q).unwrap_or_default();
    let mut lines = String::new();
    for (i, c) in choices.iter().enumerate() {
        let partial = credit.get(i).copied().filter(|w| !c.correct && *w > 0.0);
        // After `~` Moodle reads a leading `%…%` as a weight: an explicit `%0%` keeps such text
        // whole. After `=` it reads none.
        let mark = match (c.correct, partial) {
            (true, _) => "=".to_owned(),
            (false, Some(share)) => {
                let weight = snap_weight(share);
                if (weight - share).abs() > 0.01 {
                    notices.push(Notice::changed(
                        bank,
                        q,
                        format!(
                            "`{}` earns {share:.1}% of the best decision's points: Moodle has no \
                             such weight; it gets {weight}%",
                            c.text.trim()
                        ),
                    ));
                }
                format!("~%{weight}%")
            }
            (false, None) if escape(&c.text).starts_with('%') => "~%0%".to_owned(),
            (false, None) => "~".to_owned(),
        };
        lines.push_str(&format!("\t{mark}{}{}\n", text(&c.text), why(c)));
    }
    lines
}

/// Multiple answers: each choice's weight as `quiz play` counts it (the engine's
/// [`choice_weights`]), snapped to the weights Moodle accepts. Moodle adds up the ticked weights
/// and keeps the total between 0 and 100%, as `quiz play` does.
fn weighted(
    bank: &Bank,
    q: &Question,
    choices: &[Choice],
    scoring: Scoring,
    notices: &mut Vec<Notice>,
) -> String {
    let weights: Vec<f64> = choice_weights(choices, scoring)
        .into_iter()
        .map(|w| w * 100.0)
        .collect();
    let snapped: Vec<f64> = weights.iter().map(|w| snap_weight(*w)).collect();
    let right_total: f64 = snapped.iter().filter(|w| **w > 0.0).sum();
    let moved = weights
        .iter()
        .zip(&snapped)
        .any(|(w, s)| (w - s).abs() > 0.01);
    if moved || (right_total - 100.0).abs() > 0.01 {
        let listed: Vec<String> = snapped.iter().map(|w| format!("{w}%")).collect();
        notices.push(Notice::changed(
            bank,
            q,
            format!(
                "Moodle accepts none of the weights that add up to this question's scoring; the \
                 choices get {}, check the question after import",
                listed.join(", ")
            ),
        ));
    }
    choices
        .iter()
        .zip(snapped)
        .map(|(c, weight)| format!("\t~%{weight}%{}{}\n", text(&c.text), why(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_snap_to_what_moodle_accepts() {
        assert_eq!(snap_weight(100.0 / 3.0), 33.33333);
        assert_eq!(snap_weight(100.0 / 6.0), 16.66667);
        assert_eq!(snap_weight(100.0 / 7.0), 14.28571);
        assert_eq!(snap_weight(100.0 / 9.0), 11.11111);
        assert_eq!(snap_weight(-50.0), -50.0);
        assert_eq!(snap_weight(-100.0 / 3.0), -33.33333);
        assert_eq!(snap_weight(33.0), 33.33333);
    }

    #[test]
    fn every_reserved_character_is_escaped() {
        assert_eq!(
            escape("a~b=c#d{e}f:g\\h\nnext"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nnext"
        );
    }
}
