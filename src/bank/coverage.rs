//! Source coverage: which sections of a source the questions cite, and which figures, dates and
//! quoted phrases of it no question asks about or explains.
//!
//! A heading is a line the citations name, or a short line in title case that does not end like a
//! sentence ("Key Provisions of the Treaty", "Why Now? The Geopolitical Context"). Facts are found
//! line by line: a month with a day or a year ("June 18, 2024", "October 2024"), a year on its own,
//! any other number (with the capitalised word before it, as in "Article 51"), and text in
//! quotation marks. A fact counts as asked about when, after [`normalize_text`], it appears in a
//! question's prompt, choices and their `why`s, accepted answers, numeric answer, order items,
//! pairs or explanation.

use serde::Serialize;

use super::citations::SourceText;
use super::model::{AnswerKey, Bank, Question};
use crate::text::{normalize_text, number};

/// How the questions cover one source.
#[derive(Debug, Serialize)]
pub(crate) struct Coverage {
    /// The source file.
    pub source: String,
    /// The questions whose citation applies to this source.
    pub questions: usize,
    pub sections: Vec<Section>,
    /// Every figure, date and quoted phrase of the source, in the order they first appear.
    pub facts: Vec<Fact>,
}

/// A heading of the source and how many questions cite it.
#[derive(Debug, Serialize)]
pub(crate) struct Section {
    pub heading: String,
    pub line: usize,
    pub questions: usize,
}

/// A figure, date or quoted phrase of the source and how many questions mention it.
#[derive(Debug, Serialize)]
pub(crate) struct Fact {
    pub kind: FactKind,
    pub text: String,
    /// The heading it comes under; none before the first heading.
    pub section: Option<String>,
    pub line: usize,
    pub questions: usize,
    /// The forms it is searched for (normalised); it is mentioned when one of them is found.
    #[serde(skip)]
    forms: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FactKind {
    Figure,
    Date,
    Quote,
}

impl FactKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            FactKind::Figure => "figure",
            FactKind::Date => "date",
            FactKind::Quote => "quote",
        }
    }
}

impl Coverage {
    /// The facts that no question mentions.
    pub(crate) fn untested(&self) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(|f| f.questions == 0)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The coverage of `source` by the questions of `banks` that cite it.
pub(crate) fn coverage(banks: &[Bank], source: &SourceText) -> Coverage {
    let questions: Vec<&Question> = banks
        .iter()
        .flat_map(|b| &b.questions)
        .filter(|q| source.id.as_ref().is_none_or(|id| *id == q.citation.source))
        .collect();
    // Each question's headings: it counts once under each section it cites.
    let cited: Vec<Vec<String>> = questions
        .iter()
        .map(|q| {
            q.citation
                .sections
                .iter()
                .map(|s| normalize_text(s))
                .collect()
        })
        .collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut facts: Vec<Fact> = Vec::new();
    for (index, raw) in source.text.lines().enumerate() {
        let line = raw.trim();
        let normal = normalize_text(line);
        if !normal.is_empty()
            && (cited.iter().flatten().any(|c| *c == normal) || looks_like_heading(line))
        {
            sections.push(Section {
                heading: line.to_owned(),
                line: index + 1,
                questions: 0,
            });
            continue;
        }
        let section = sections.last().map(|s| s.heading.clone());
        for (kind, text, forms) in facts_in(line) {
            if facts.iter().any(|f| f.kind == kind && f.forms == forms) {
                continue;
            }
            facts.push(Fact {
                kind,
                text,
                section: section.clone(),
                line: index + 1,
                questions: 0,
                forms,
            });
        }
    }
    let normal_headings: Vec<String> = sections
        .iter()
        .map(|s| normalize_text(&s.heading))
        .collect();
    for headings in &cited {
        let mut found: Vec<usize> = headings
            .iter()
            .filter_map(|wanted| {
                normal_headings
                    .iter()
                    .position(|h| h == wanted)
                    .or_else(|| {
                        normal_headings
                            .iter()
                            .position(|h| h.contains(wanted.as_str()))
                    })
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        for i in found {
            sections[i].questions += 1;
        }
    }
    let texts: Vec<String> = questions
        .iter()
        .map(|q| format!(" {} ", normalize_text(&question_text(q))))
        .collect();
    for fact in &mut facts {
        fact.questions = texts
            .iter()
            .filter(|text| fact.forms.iter().any(|form| has_all(text, form)))
            .count();
    }
    Coverage {
        source: source.name.clone(),
        questions: questions.len(),
        sections,
        facts,
    }
}

/// Whether `text` (normalised, with a space at each end) holds every part of `form` as whole words.
fn has_all(text: &str, form: &[String]) -> bool {
    form.iter().all(|part| text.contains(&format!(" {part} ")))
}

/// Everything a question shows or explains, joined by line breaks.
fn question_text(q: &Question) -> String {
    let mut parts = vec![q.prompt.clone(), q.explanation.clone()];
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            for c in choices {
                parts.push(c.text.clone());
                parts.extend(c.why.clone());
            }
        }
        AnswerKey::Short { accept, .. } => parts.extend(accept.iter().cloned()),
        AnswerKey::Numeric { answer, .. } => {
            parts.push(number(*answer));
            parts.push(answer.to_string());
        }
        AnswerKey::Order { items } => parts.extend(items.iter().cloned()),
        AnswerKey::Match { pairs } => {
            for p in pairs {
                parts.push(p.left.clone());
                parts.push(p.right.clone());
            }
        }
        AnswerKey::TrueFalse { .. } => {}
    }
    parts.join("\n")
}

/// A short line in title case that does not end like a sentence, a list item or a table row.
fn looks_like_heading(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 12
        || line.starts_with('-')
        || line.contains('|')
        || line.ends_with(['.', ':', ',', ';', '!'])
    {
        return false;
    }
    words.iter().all(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() < 4 || letters[0].is_uppercase()
    })
}

/// The figures, dates and quoted phrases of one line: kind, text as written, forms searched for.
fn facts_in(line: &str) -> Vec<(FactKind, String, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    for quote in quotes(line) {
        let normal = normalize_text(&quote);
        if !normal.is_empty() {
            out.push((FactKind::Quote, quote, vec![vec![normal]]));
        }
    }
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let bare = |t: &str| t.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let mut i = 0;
    while i < tokens.len() {
        let word = bare(tokens[i]);
        if let Some(month) = MONTHS.iter().find(|m| **m == word) {
            let next = tokens.get(i + 1).map(|t| bare(t)).unwrap_or_default();
            let after = tokens.get(i + 2).map(|t| bare(t)).unwrap_or_default();
            let m = month.to_lowercase();
            if let Some(day) = day(&next) {
                let (text, used) = if year(&after).is_some() {
                    (format!("{month} {day}, {after}"), 3)
                } else {
                    (format!("{month} {day}"), 2)
                };
                let forms = vec![vec![format!("{m} {day}")], vec![format!("{day} {m}")]];
                out.push((FactKind::Date, text, forms));
                i += used;
                continue;
            }
            if year(&next).is_some() {
                let forms = vec![vec![m.clone(), next.clone()]];
                out.push((FactKind::Date, format!("{month} {next}"), forms));
                i += 2;
                continue;
            }
        } else if year(&word).is_some() {
            out.push((FactKind::Date, word.clone(), vec![vec![word]]));
        } else if is_figure(&word) {
            let before = i.checked_sub(1).map(|j| tokens[j]).filter(|t| {
                t.chars().all(char::is_alphabetic)
                    && t.chars().next().is_some_and(char::is_uppercase)
                    && !MONTHS.contains(t)
            });
            let text = before.map_or_else(|| word.clone(), |b| format!("{b} {word}"));
            let form = vec![normalize_text(&text)];
            out.push((FactKind::Figure, text, vec![form]));
        }
        i += 1;
    }
    out
}

/// The day of a month: 1 to 31.
fn day(text: &str) -> Option<u32> {
    text.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year written in four digits, 1000 to 2199.
fn year(text: &str) -> Option<u32> {
    (text.len() == 4)
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (1000..2200).contains(y))
}

/// Digits, with thousands commas or a decimal point between them.
fn is_figure(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.ends_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// The phrases between quotation marks, curly or straight, without the punctuation at their ends.
fn quotes(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in line.char_indices() {
        match (open, c) {
            (None, '“' | '"') => {
                open = Some((at + c.len_utf8(), if c == '“' { '”' } else { '"' }));
            }
            (Some((start, close)), c) if c == close => {
                let phrase = line[start..at].trim_matches(|c: char| !c.is_alphanumeric());
                if !phrase.is_empty() {
                    out.push(phrase.to_owned());
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The report for people: the sections with their counts, then what no question mentions.
pub(crate) fn render(coverage: &Coverage) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "coverage of {}: {} question(s) cite it\n\nquestions  section\n",
        coverage.source, coverage.questions
    );
    for s in &coverage.sections {
        let _ = writeln!(out, "{:>9}  {}", s.questions, s.heading);
    }
    let untested: Vec<&Fact> = coverage.untested().collect();
    let _ = writeln!(
        out,
        "\nfigures, dates and quotes no question asks about or explains: {}",
        untested.len()
    );
    for f in untested {
        let under = f.section.as_deref().unwrap_or("(before the first heading)");
        let _ = writeln!(
            out,
            "  {:<6}  {}  — line {}, {under}",
            f.kind.name(),
            f.text,
            f.line
        );
    }
    let mut most: Vec<&Fact> = coverage.facts.iter().filter(|f| f.questions >= 4).collect();
    most.sort_by_key(|f| std::cmp::Reverse(f.questions));
    if !most.is_empty() {
        let _ = writeln!(out, "\nmentioned by 4 or more questions:");
        for f in most {
            let _ = writeln!(
                out,
                "  {:<6}  {}  — {} questions",
                f.kind.name(),
                f.text,
                f.questions
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_title_case_lines_that_are_not_sentences() {
        assert!(looks_like_heading("Why Now? The Geopolitical Context"));
        assert!(looks_like_heading(
            "Looking Ahead: What’s Next for Kim and Putin?"
        ));
        assert!(!looks_like_heading(
            "Where can I learn more about the pact?"
        ));
        assert!(!looks_like_heading("Pros for North Korea:"));
        assert!(!looks_like_heading("- Access to Technology"));
        assert!(!looks_like_heading("Aspect | Details |"));
    }

    #[test]
    fn dates_figures_and_quotes_are_found_as_written() {
        let found: Vec<(FactKind, String)> = facts_in(
            "Signed on June 18, 2024, per Article 4, it sent 1,500 troops in October 2024 as “heroes,” in 2022.",
        )
        .into_iter()
        .map(|(k, t, _)| (k, t))
        .collect();
        assert_eq!(
            found,
            vec![
                (FactKind::Quote, "heroes".to_owned()),
                (FactKind::Date, "June 18, 2024".to_owned()),
                (FactKind::Figure, "Article 4".to_owned()),
                (FactKind::Figure, "1,500".to_owned()),
                (FactKind::Date, "October 2024".to_owned()),
                (FactKind::Date, "2022".to_owned()),
            ]
        );
    }

    #[test]
    fn a_day_and_month_are_found_in_either_order() {
        let text = format!(" {} ", normalize_text("It was signed on 18 June."));
        let (_, _, forms) = facts_in("on June 18, 2024").remove(0);
        assert!(forms.iter().any(|f| has_all(&text, f)));
        let other = format!(" {} ", normalize_text("It was signed on 19 June."));
        assert!(!forms.iter().any(|f| has_all(&other, f)));
    }
}
