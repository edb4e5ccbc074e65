//! One GIFT paragraph: its name, text and answers, classified the way Moodle classifies them.

use super::choices::multiple_choice;
use super::formats::{Format, plain_text, split_format};
use super::numbers::numerical;
use super::ordering::{ordering, shown_count};
use super::parts::{Answer, At, feedback, marked_parts, weight};
use super::{Block, notice_at, protect, restore};
use crate::import::{ImportNotice, OutPair, category_levels};

pub(super) enum Item {
    /// `$CATEGORY:` with its path, level by level.
    Category(Vec<String>),
    /// Text without answers.
    Description {
        name: Option<String>,
        text: String,
    },
    Question(Parsed),
}

pub(super) struct Parsed {
    pub name: Option<String>,
    pub prompt: String,
    pub general: Option<String>,
    pub answer: Answer,
}

/// What a paragraph holds; none when it cannot be imported (a notice says why).
pub(super) fn parse(block: &Block, notes: &mut Vec<ImportNotice>) -> Option<Item> {
    let line = block.line;
    let text = protect(&block.text);
    let text = text.trim();
    if let Some(path) = text.strip_prefix("$CATEGORY:") {
        return Some(Item::Category(category_levels(&restore(path))));
    }
    let (name, rest) = split_name(text);
    let (open, close) = (rest.find('{'), rest.find('}'));
    let (open, close) = match (open, close) {
        (None, None) => {
            let format = note_html(rest, Format::Moodle, line, notes);
            let text = plain_text(rest, format);
            return Some(Item::Description { name, text });
        }
        (Some(open), Some(close)) if close > open => (open, close),
        _ => {
            notes.push(ImportNotice::error(
                line,
                "the answers are not enclosed in `{` and `}` (write `\\{` or `\\}` for a brace in text)",
            ));
            return None;
        }
    };
    let after = &rest[close + 1..];
    // As Moodle does: answers at the end go; answers inside the sentence leave a blank.
    let question_text = if after.trim().is_empty() {
        rest[..open].to_owned()
    } else {
        format!("{}_____{after}", &rest[..open])
    };
    let format = note_html(&question_text, Format::Moodle, line, notes);
    let prompt = plain_text(&question_text, format);
    let inside = &rest[open + 1..close];
    let (answers, general) = match inside.rfind("####") {
        Some(at) => (
            inside[..at].trim(),
            Some(plain_text(&inside[at + 4..], format)),
        ),
        None => (inside.trim(), None),
    };
    let at = At { line, format };
    let answer = classify(answers, &at, notes)?;
    Some(Item::Question(Parsed {
        name,
        prompt,
        general: general.filter(|g| !g.is_empty()),
        answer,
    }))
}

/// The format of the question text; HTML gets a note, since its tags are removed.
fn note_html(text: &str, default: Format, line: usize, notes: &mut Vec<ImportNotice>) -> Format {
    let format = split_format(text).0.unwrap_or(default);
    if format == Format::Html {
        notes.push(notice_at(line, "HTML text: the tags were removed"));
    }
    format
}

fn split_name(text: &str) -> (Option<String>, &str) {
    if let Some(rest) = text.strip_prefix("::")
        && let Some(end) = rest.find("::")
    {
        return (Some(restore(&rest[..end])), rest[end + 2..].trim_start());
    }
    (None, text)
}

/// Moodle's order of tests: question types that read GIFT themselves (ordering), numerical,
/// multiple choice, matching, true/false, short answer.
fn classify(answers: &str, at: &At, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let line = at.line;
    if answers.is_empty() {
        notes.push(notice_at(
            line,
            "an essay question (`{}`) has no answer to grade; skipped",
        ));
        return None;
    }
    if let Some((shown, rest)) = shown_count(answers) {
        return ordering(shown, rest, line, notes);
    }
    if let Some(numeric) = answers.strip_prefix('#') {
        return numerical(numeric, at, notes);
    }
    if answers.contains('~') {
        return multiple_choice(answers, at, notes);
    }
    if answers.contains('=') && answers.contains("->") {
        return matching(answers, at, notes);
    }
    let before_feedback = answers.split('#').next().unwrap_or("").trim();
    match before_feedback {
        "T" | "TRUE" => return Some(true_false(true, answers, at, notes)),
        "F" | "FALSE" => return Some(true_false(false, answers, at, notes)),
        _ => {}
    }
    let accepted: Vec<String> = short_answers(answers, at, notes)
        .iter()
        .map(|a| crate::import::wildcard_answer(a, line, notes))
        .collect();
    if accepted.is_empty() {
        notes.push(ImportNotice::error(
            line,
            "a short-answer question with no full-credit answer",
        ));
        return None;
    }
    Some(Answer::Short(accepted))
}

/// `=left -> right`; a right side with no left is a distractor, which a bank has no place for.
fn matching(answers: &str, at: &At, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let mut pairs = Vec::new();
    for (_, text) in marked_parts(answers, &['=']) {
        let Some((left, right)) = text.split_once("->") else {
            notes.push(ImportNotice::error(
                at.line,
                format!("a matching answer without `->`: `{}`", restore(&text)),
            ));
            return None;
        };
        let (left, right) = (at.text(left), restore(right));
        if left.is_empty() {
            notes.push(notice_at(
                at.line,
                format!(
                    "`{right}` has no left side (an extra answer to choose from): \
                     a match question has no place for it, so it is left out"
                ),
            ));
            continue;
        }
        pairs.push(OutPair { left, right });
    }
    if pairs.len() < 2 {
        notes.push(ImportNotice::error(
            at.line,
            "a matching question needs 2 pairs or more",
        ));
        return None;
    }
    Some(Answer::Match(pairs))
}

/// `TRUE#wrong feedback#right feedback`.
fn true_false(answer: bool, answers: &str, at: &At, notes: &mut Vec<ImportNotice>) -> Answer {
    let mut feedback = answers.split('#').skip(1).map(|f| at.text(f));
    let wrong = feedback.next().filter(|f| !f.is_empty());
    let right = feedback.next().filter(|f| !f.is_empty());
    if wrong.is_some() {
        notes.push(notice_at(
            at.line,
            "the feedback for a wrong true/false answer is dropped (learners see the explanation)",
        ));
    }
    Answer::TrueFalse(answer, right)
}

fn short_answers(answers: &str, at: &At, notes: &mut Vec<ImportNotice>) -> Vec<String> {
    let mut accepted = Vec::new();
    for (_, text) in marked_parts(answers, &['=']) {
        let (w, text) = weight(&text);
        let (text, why) = feedback(text, at);
        if why.is_some() {
            notes.push(notice_at(at.line, format!("feedback on `{text}` dropped")));
        }
        match w {
            Some(w) if w < 100.0 => notes.push(notice_at(
                at.line,
                format!("`{text}` earns {w}% in Moodle; partial credit has no place in a bank, so it is left out"),
            )),
            _ if !text.is_empty() => accepted.push(text),
            _ => {}
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_lose_the_course_prefix_and_keep_escaped_slashes() {
        assert_eq!(
            category_levels(" $course$/top/Bank/Day 1//2 "),
            ["Bank", "Day 1/2"]
        );
        assert_eq!(category_levels("tom/dick"), ["tom", "dick"]);
    }

    #[test]
    fn weights_are_read_as_moodle_reads_them() {
        assert_eq!(weight("%50%half"), (Some(50.0), "half"));
        assert_eq!(weight("%-33.33333%x"), (Some(-33.33333), "x"));
        assert_eq!(weight("%100%x"), (Some(100.0), "x"));
        assert_eq!(weight("%0%%50% or more"), (Some(0.0), "%50% or more"));
        assert_eq!(weight("%abc%x"), (None, "%abc%x"));
    }
}
