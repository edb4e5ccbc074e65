//! The answer of each Moodle question type as a bank's question kind.

use roxmltree::Node;
use serde_json::Value;

use super::reader::{child, child_text, field_text, line_of};
use crate::bank::Scoring;
use crate::import::gift::choices::moodle_weights;
use crate::import::{ImportNotice, Num, OutAnswer, OutChoice, OutPair, OutQuestion, OutTolerance};

/// The question with its kind and answer fields, or none (with a note) for a type a bank has no
/// kind for.
pub(super) fn answer(
    node: Node,
    qtype: &str,
    meta: &Value,
    notes: &mut Vec<ImportNotice>,
) -> Option<OutQuestion> {
    let line = line_of(node);
    let mut q = OutQuestion::default();
    let done = match qtype {
        "multichoice" => multichoice(node, meta, &mut q, notes),
        "truefalse" => true_false(node, &mut q, notes),
        "shortanswer" => short(node, meta, &mut q, notes),
        "numerical" => numerical(node, meta, &mut q, notes),
        "matching" => matching(node, &mut q, notes),
        "ordering" => ordering(node, &mut q, notes),
        other => {
            let name = child_text(node, "name").unwrap_or_default();
            notes.push(ImportNotice::note(
                line,
                format!("`{name}`: a bank has no kind for Moodle's `{other}` questions; skipped"),
            ));
            return None;
        }
    };
    done.then_some(q)
}

/// Each `<answer>`: its fraction in percent, its text and its feedback.
fn answers(node: Node, notes: &mut Vec<ImportNotice>) -> Vec<(f64, String, String)> {
    node.children()
        .filter(|c| c.has_tag_name("answer"))
        .map(|a| {
            let fraction = a
                .attribute("fraction")
                .and_then(|f| f.trim().parse::<f64>().ok())
                .unwrap_or(0.0);
            let feedback = child(a, "feedback")
                .map(|f| field_text(f, notes))
                .unwrap_or_default();
            (fraction, field_text(a, notes), feedback)
        })
        .collect()
}

fn yes(text: Option<String>) -> Option<bool> {
    text.map(|t| matches!(t.trim(), "true" | "1"))
}

fn broken(node: Node, what: &str, notes: &mut Vec<ImportNotice>) -> bool {
    notes.push(ImportNotice::error(line_of(node), what.to_owned()));
    false
}

fn multichoice(
    node: Node,
    meta: &Value,
    q: &mut OutQuestion,
    notes: &mut Vec<ImportNotice>,
) -> bool {
    let line = line_of(node);
    let single = yes(child_text(node, "single")).unwrap_or(true);
    let read = answers(node, notes);
    let weights: Vec<f64> = read.iter().map(|(f, _, _)| *f).collect();
    let mut choices: Vec<OutChoice> = read
        .into_iter()
        .map(|(fraction, text, why)| OutChoice {
            text,
            correct: if single {
                fraction >= 99.99
            } else {
                fraction > 0.0
            },
            why: (!why.trim().is_empty()).then_some(why),
            weight: None,
        })
        .collect();
    if choices.len() < 2 || !choices.iter().any(|c| c.correct) {
        return broken(
            node,
            "a multiple-choice question needs 2 answers, one of them right",
            notes,
        );
    }
    q.shuffle = yes(child_text(node, "shuffleanswers"));
    let right = choices.iter().filter(|c| c.correct).count();
    if single {
        for (c, w) in choices.iter().zip(&weights) {
            if *w > 0.0 && *w < 99.99 {
                notes.push(ImportNotice::note(
                    line,
                    format!("`{}` earns {w}% in Moodle; a bank has no partial credit in a single-answer question, so it counts as wrong", c.text),
                ));
            }
        }
        q.kind = if right == 1 { "single" } else { "multiple" }.into();
    } else {
        q.kind = "multiple".into();
        if meta["scoring"].as_str() != Some(Scoring::RightMinusWrong.name())
            && moodle_weights(&mut choices, &weights, line, notes)
        {
            q.scoring = Some(Scoring::Moodle.name().into());
        }
    }
    q.choices = Some(choices);
    true
}

fn true_false(node: Node, q: &mut OutQuestion, notes: &mut Vec<ImportNotice>) -> bool {
    let right = answers(node, notes)
        .into_iter()
        .find(|(f, _, _)| *f >= 99.99)
        .map(|(_, text, _)| text.trim().eq_ignore_ascii_case("true"));
    let Some(answer) = right else {
        return broken(node, "a true/false question without a right answer", notes);
    };
    q.kind = "true_false".into();
    q.answer = Some(OutAnswer::Bool(answer));
    true
}

fn short(node: Node, meta: &Value, q: &mut OutQuestion, notes: &mut Vec<ImportNotice>) -> bool {
    let line = line_of(node);
    let mut accept = Vec::new();
    for (fraction, text, _) in answers(node, notes) {
        if fraction < 99.99 {
            notes.push(ImportNotice::note(
                line,
                format!(
                    "`{text}` earns {fraction}% in Moodle; a bank has no partial credit: dropped"
                ),
            ));
            continue;
        }
        accept.push(crate::import::wildcard_answer(&text, line, notes));
    }
    if accept.is_empty() {
        return broken(
            node,
            "a short-answer question without a full-credit answer",
            notes,
        );
    }
    if yes(child_text(node, "usecase")) == Some(true) {
        notes.push(ImportNotice::note(
            line,
            "Moodle compares these answers with letter case; a bank always ignores it",
        ));
    }
    q.kind = "short".into();
    q.accept = Some(accept);
    q.accept_exact = (meta["accept_exact"].as_bool() == Some(true)).then_some(true);
    true
}

fn numerical(node: Node, meta: &Value, q: &mut OutQuestion, notes: &mut Vec<ImportNotice>) -> bool {
    let line = line_of(node);
    let right = node
        .children()
        .filter(|c| c.has_tag_name("answer"))
        .filter(|a| a.attribute("fraction").and_then(|f| f.parse::<f64>().ok()) >= Some(99.99))
        .find_map(|a| {
            let value = child_text(a, "text")?.trim().parse::<f64>().ok()?;
            let tolerance = child_text(a, "tolerance")
                .and_then(|t| t.trim().parse::<f64>().ok())
                .unwrap_or(0.0);
            Some((value, tolerance))
        });
    let Some((value, tolerance)) = right else {
        return broken(
            node,
            "a numerical question without a full-credit number",
            notes,
        );
    };
    if node.children().filter(|c| c.has_tag_name("answer")).count() > 1 {
        notes.push(ImportNotice::note(
            line,
            "of several answers only the first full-credit one is kept",
        ));
    }
    q.kind = "numeric".into();
    q.answer = Some(OutAnswer::Number(Num(value)));
    q.tolerance = Some(match meta["tolerance_percent"].as_f64() {
        Some(p) => OutTolerance::Percent(format!("{p}%")),
        None => OutTolerance::Margin(Num(tolerance)),
    });
    q.unit = node
        .descendants()
        .filter(|n| n.has_tag_name("unit"))
        .find(|u| {
            child_text(*u, "multiplier").and_then(|m| m.trim().parse::<f64>().ok()) == Some(1.0)
        })
        .and_then(|u| child_text(u, "unit_name"))
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());
    true
}

fn matching(node: Node, q: &mut OutQuestion, notes: &mut Vec<ImportNotice>) -> bool {
    let line = line_of(node);
    let mut pairs = Vec::new();
    for sub in node.children().filter(|c| c.has_tag_name("subquestion")) {
        let left = field_text(sub, notes);
        let right = child(sub, "answer")
            .and_then(|a| child_text(a, "text").or_else(|| a.text().map(str::to_owned)))
            .unwrap_or_default()
            .trim()
            .to_owned();
        if left.trim().is_empty() {
            notes.push(ImportNotice::note(
                line,
                format!("`{right}` is an extra answer to choose from with no question; a bank's match has none: left out"),
            ));
        } else {
            pairs.push(OutPair { left, right });
        }
    }
    if pairs.len() < 2 {
        return broken(node, "a matching question needs 2 pairs", notes);
    }
    q.kind = "match".into();
    q.pairs = Some(pairs);
    true
}

fn ordering(node: Node, q: &mut OutQuestion, notes: &mut Vec<ImportNotice>) -> bool {
    let line = line_of(node);
    let mut items: Vec<(f64, String)> = answers(node, notes)
        .into_iter()
        .map(|(f, text, _)| (f, text))
        .collect();
    // Moodle keeps each item's place in the right order as its fraction.
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    if items.len() < 2 {
        return broken(node, "an ordering question needs 2 items", notes);
    }
    let grading = child_text(node, "gradingtype").unwrap_or_default();
    if !grading.trim().is_empty() && grading.trim() != "ABSOLUTE_POSITION" {
        notes.push(ImportNotice::note(
            line,
            format!(
                "Moodle grades this one by `{}`; a bank grades each item in its right place",
                grading.trim()
            ),
        ));
    }
    let select = child_text(node, "selecttype").unwrap_or_default();
    if !select.trim().is_empty() && select.trim() != "ALL" {
        notes.push(ImportNotice::note(
            line,
            "Moodle shows a subset of the items; a bank shows them all",
        ));
    }
    q.kind = "order".into();
    q.items = Some(items.into_iter().map(|(_, t)| t).collect());
    true
}
