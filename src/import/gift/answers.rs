//! One GIFT paragraph: its name, text and answers, classified the way Moodle classifies them.

use super::{Block, notice_at, protect, restore};
use crate::import::{ImportNotice, OutChoice, OutPair};

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

pub(super) enum Answer {
    Choices {
        single: bool,
        choices: Vec<OutChoice>,
    },
    /// The answer, and the feedback Moodle shows for a right answer.
    TrueFalse(bool, Option<String>),
    Short(Vec<String>),
    Numeric {
        answer: f64,
        tolerance: f64,
    },
    Match(Vec<OutPair>),
}

/// What a paragraph holds; none when it cannot be imported (a notice says why).
pub(super) fn parse(block: &Block, notes: &mut Vec<ImportNotice>) -> Option<Item> {
    let line = block.line;
    let text = protect(&block.text);
    let text = text.trim();
    if let Some(path) = text.strip_prefix("$CATEGORY:") {
        return Some(Item::Category(category_path(path)));
    }
    let (name, rest) = split_name(text);
    let rest = strip_format(rest, line, notes);
    let (open, close) = (rest.find('{'), rest.find('}'));
    let (open, close) = match (open, close) {
        (None, None) => {
            let text = restore(&rest);
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
    let after = rest[close + 1..].trim();
    let prompt = if after.is_empty() {
        restore(&rest[..open])
    } else {
        // Missing-word format: the answers stand for a blank inside the sentence.
        format!("{} _____ {}", restore(&rest[..open]), restore(after))
    };
    let inside = &rest[open + 1..close];
    let (answers, general) = match inside.rfind("####") {
        Some(at) => (inside[..at].trim(), Some(restore(&inside[at + 4..]))),
        None => (inside.trim(), None),
    };
    let answer = classify(answers, line, notes)?;
    Some(Item::Question(Parsed {
        name,
        prompt,
        general: general.filter(|g| !g.is_empty()),
        answer,
    }))
}

fn split_name(text: &str) -> (Option<String>, &str) {
    if let Some(rest) = text.strip_prefix("::")
        && let Some(end) = rest.find("::")
    {
        return (Some(restore(&rest[..end])), rest[end + 2..].trim_start());
    }
    (None, text)
}

/// Drops a `[moodle]`, `[plain]`, `[markdown]` or `[html]` prefix; HTML loses its tags.
fn strip_format(text: &str, line: usize, notes: &mut Vec<ImportNotice>) -> String {
    for format in ["[moodle]", "[plain]", "[markdown]"] {
        if let Some(rest) = text.strip_prefix(format) {
            return rest.to_owned();
        }
    }
    let Some(html) = text.strip_prefix("[html]") else {
        return text.to_owned();
    };
    notes.push(notice_at(line, "HTML text: the tags were removed"));
    let mut plain = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    // The entities Moodle's editor writes; `&amp;` last, so that `&amp;lt;` stays `&lt;`.
    [
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(plain, |text, (entity, c)| text.replace(entity, c))
}

/// `$course$/top/Bank/Scenario` → `[Bank, Scenario]`; `//` is a slash inside a name.
fn category_path(path: &str) -> Vec<String> {
    let path = restore(path).replace("//", "\u{E010}");
    let mut levels: Vec<String> = path
        .split('/')
        .map(|level| level.replace('\u{E010}', "/").trim().to_owned())
        .filter(|level| !level.is_empty())
        .collect();
    if levels
        .first()
        .is_some_and(|l| l.starts_with('$') && l.ends_with('$'))
    {
        levels.remove(0);
    }
    if levels.first().is_some_and(|l| l == "top") {
        levels.remove(0);
    }
    levels
}

/// Moodle's order of tests: numerical, multiple choice, matching, true/false, short answer.
fn classify(answers: &str, line: usize, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let problem = |notes: &mut Vec<ImportNotice>, message: &str| {
        notes.push(ImportNotice::error(line, message));
        None
    };
    if answers.is_empty() {
        notes.push(notice_at(
            line,
            "an essay question (`{}`) has no answer to grade; skipped",
        ));
        return None;
    }
    if let Some(numeric) = answers.strip_prefix('#') {
        return numerical(numeric, line, notes);
    }
    if answers.contains('~') {
        return multiple_choice(answers, line, notes);
    }
    if answers.contains('=') && answers.contains("->") {
        return matching(answers, line, notes);
    }
    let before_feedback = answers.split('#').next().unwrap_or("").trim();
    match before_feedback {
        "T" | "TRUE" => return Some(true_false(true, answers, line, notes)),
        "F" | "FALSE" => return Some(true_false(false, answers, line, notes)),
        _ => {}
    }
    let accepted = short_answers(answers, line, notes);
    if accepted.is_empty() {
        return problem(notes, "a short-answer question with no full-credit answer");
    }
    Some(Answer::Short(accepted))
}

/// Splits `=a ~b =c` into (mark, text) parts; text before the first mark is ignored.
fn marked_parts(answers: &str, marks: &[char]) -> Vec<(char, String)> {
    let mut parts: Vec<(char, String)> = Vec::new();
    for c in answers.chars() {
        if marks.contains(&c) {
            parts.push((c, String::new()));
        } else if let Some((_, text)) = parts.last_mut() {
            text.push(c);
        }
    }
    parts
}

/// `%50%text` → (Some(50), "text").
fn weight(text: &str) -> (Option<f64>, &str) {
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix('%')
        && let Some(end) = rest.find('%')
        && let Ok(w) = rest[..end].trim().parse::<f64>()
    {
        return (Some(w), &rest[end + 1..]);
    }
    (None, trimmed)
}

/// `text#feedback` → (text, feedback).
fn feedback(text: &str) -> (String, Option<String>) {
    match text.split_once('#') {
        Some((text, why)) => (restore(text), Some(restore(why)).filter(|w| !w.is_empty())),
        None => (restore(text), None),
    }
}

fn multiple_choice(answers: &str, line: usize, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let parts = marked_parts(answers, &['~', '=']);
    let full = parts.iter().filter(|(mark, _)| *mark == '=').count();
    let mut choices = Vec::new();
    let mut shares = Vec::new();
    for (mark, text) in &parts {
        let (w, text) = weight(text);
        let w = if *mark == '=' {
            100.0
        } else {
            w.unwrap_or(0.0)
        };
        let (text, why) = feedback(text);
        if w > 0.0 && w < 100.0 {
            shares.push(w);
        }
        choices.push(OutChoice {
            text,
            correct: w > 0.0,
            why,
        });
    }
    if choices.len() < 2 || !choices.iter().any(|c| c.correct) {
        notes.push(ImportNotice::error(
            line,
            "a multiple-choice question needs at least 2 answers, one of them right",
        ));
        return None;
    }
    let single = full == 1 && shares.is_empty();
    if full > 1 || (full == 1 && !shares.is_empty()) {
        notes.push(notice_at(
            line,
            "several answers earn credit: imported as `multiple`, where learners tick every right one",
        ));
    } else if shares.iter().any(|s| (s - shares[0]).abs() > 0.01) {
        notes.push(notice_at(
            line,
            "unequal weights: every right answer now earns an equal share",
        ));
    }
    Some(Answer::Choices { single, choices })
}

fn matching(answers: &str, line: usize, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let mut pairs = Vec::new();
    for (_, text) in marked_parts(answers, &['=']) {
        let Some((left, right)) = text.split_once("->") else {
            notes.push(ImportNotice::error(
                line,
                format!("a matching answer without `->`: `{}`", restore(&text)),
            ));
            return None;
        };
        pairs.push(OutPair {
            left: restore(left),
            right: restore(right),
        });
    }
    if pairs.len() < 2 {
        notes.push(ImportNotice::error(
            line,
            "a matching question needs 2 pairs or more",
        ));
        return None;
    }
    Some(Answer::Match(pairs))
}

/// `TRUE#wrong feedback#right feedback`.
fn true_false(answer: bool, answers: &str, line: usize, notes: &mut Vec<ImportNotice>) -> Answer {
    let mut feedback = answers.split('#').skip(1).map(restore);
    let wrong = feedback.next().filter(|f| !f.is_empty());
    let right = feedback.next().filter(|f| !f.is_empty());
    if wrong.is_some() {
        notes.push(notice_at(
            line,
            "the feedback for a wrong true/false answer is dropped (learners see the explanation)",
        ));
    }
    Answer::TrueFalse(answer, right)
}

fn short_answers(answers: &str, line: usize, notes: &mut Vec<ImportNotice>) -> Vec<String> {
    let mut accepted = Vec::new();
    for (_, text) in marked_parts(answers, &['=']) {
        let (w, text) = weight(&text);
        let (text, why) = feedback(text);
        if why.is_some() {
            notes.push(notice_at(line, format!("feedback on `{text}` dropped")));
        }
        match w {
            Some(w) if w < 100.0 => notes.push(notice_at(
                line,
                format!("`{text}` earns {w}% in Moodle; partial credit has no place in a bank, so it is left out"),
            )),
            _ if !text.is_empty() => accepted.push(text),
            _ => {}
        }
    }
    accepted
}

fn numerical(answers: &str, line: usize, notes: &mut Vec<ImportNotice>) -> Option<Answer> {
    let (answers, wrong) = match answers.split_once('~') {
        Some((right, wrong)) => (right, Some(wrong)),
        None => (answers, None),
    };
    if wrong.is_some() {
        notes.push(notice_at(line, "feedback for wrong numbers dropped"));
    }
    let mut parts: Vec<String> = marked_parts(answers, &['='])
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    if parts.is_empty() {
        parts.push(answers.to_owned());
    }
    let full = parts
        .iter()
        .position(|p| weight(p).0.is_none_or(|w| w >= 100.0));
    if parts.len() > 1 {
        notes.push(notice_at(
            line,
            "several numeric answers: only the first full-credit one is kept",
        ));
    }
    let Some(range) = full.and_then(|i| number_range(&feedback(weight(&parts[i]).1).0)) else {
        notes.push(ImportNotice::error(
            line,
            "a numerical answer must be `answer`, `answer:margin` or `min..max`",
        ));
        return None;
    };
    Some(range)
}

fn number_range(text: &str) -> Option<Answer> {
    let number = |t: &str| t.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    let (answer, tolerance) = if let Some((min, max)) = text.split_once("..") {
        let (min, max) = (number(min)?, number(max)?);
        (f64::midpoint(min, max), (max - min).abs() / 2.0)
    } else if let Some((answer, margin)) = text.split_once(':') {
        (number(answer)?, number(margin)?.abs())
    } else {
        (number(text)?, 0.0)
    };
    Some(Answer::Numeric { answer, tolerance })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_lose_the_course_prefix_and_keep_escaped_slashes() {
        assert_eq!(
            category_path(" $course$/top/Bank/Day 1//2 "),
            ["Bank", "Day 1/2"]
        );
        assert_eq!(category_path("tom/dick"), ["tom", "dick"]);
    }

    #[test]
    fn html_loses_its_tags_and_entities() {
        let mut notes = Vec::new();
        let text = strip_format("[html]<p>Fish &amp; chips &lt;3</p>", 1, &mut notes);
        assert_eq!(text, "Fish & chips <3");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn numbers_come_as_value_margin_or_range() {
        let check = |text: &str, a: f64, t: f64| match number_range(text) {
            Some(Answer::Numeric { answer, tolerance }) => {
                assert_eq!((answer, tolerance), (a, t), "{text}");
            }
            _ => panic!("{text} did not parse"),
        };
        check("1822:5", 1822.0, 5.0);
        check("1..5", 3.0, 2.0);
        check("2.5", 2.5, 0.0);
        assert!(number_range("abc").is_none());
    }
}
