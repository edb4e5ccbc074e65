//! Checks that each question's cited `section` (every heading of a list) and `locator` can be
//! found in the source text.
//!
//! Matching ignores case, accents, punctuation and spacing, so a heading copied as
//! "North Korea-Russia" still finds "North Korea–Russia" in the text. Each heading and the locator
//! are looked up in the whole text: the locator is not tied to the text under the headings, so a
//! citation of several sections checks its locator just as one of a single section does.

use super::diagnostic::Diagnostic;
use super::model::{Bank, Question};
use super::spots::Spots;
use crate::text::normalize_text;

/// The text of a source, as given to `quiz check --source [ID=]FILE`.
#[derive(Debug, Clone)]
pub(crate) struct SourceText {
    /// Only citations of this source id are checked against it; none: every citation.
    pub id: Option<String>,
    /// How diagnostics name it: the file path.
    pub name: String,
    pub text: String,
}

/// One error per cited section or locator that none of the matching source texts contains.
/// `spots` holds the positions of each bank, in the same order.
pub(crate) fn check_citations(
    banks: &[Bank],
    spots: &[Spots],
    texts: &[SourceText],
) -> Vec<Diagnostic> {
    let normalized: Vec<String> = texts.iter().map(|t| normalize_text(&t.text)).collect();
    // Each text's lines, normalised once, for the closest line to a phrase not found.
    let lines: Vec<Vec<(String, &str)>> = texts
        .iter()
        .map(|t| {
            t.text
                .lines()
                .filter(|line| line.len() <= MAX_LINE_BYTES)
                .map(|line| (normalize_text(line), line))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (bank, spots) in banks.iter().zip(spots) {
        // A step of a branching scenario cites its passage as a question does.
        let steps = bank
            .scenarios
            .iter()
            .filter_map(|s| s.branching.as_ref())
            .flat_map(|b| b.steps.iter().map(|step| &step.question));
        for q in bank.questions.iter().chain(steps) {
            let applies: Vec<usize> = (0..texts.len())
                .filter(|&i| {
                    texts[i]
                        .id
                        .as_ref()
                        .is_none_or(|id| *id == q.citation.source)
                })
                .collect();
            if applies.is_empty() {
                continue;
            }
            let citation = spots
                .citations
                .get(&q.id)
                .copied()
                .unwrap_or_else(|| spots.question(&q.id));
            let sections = q.citation.sections.iter().enumerate();
            let mut cited: Vec<(&str, &String, (u64, u64))> = sections
                .map(|(i, section)| ("section", section, spots.section(&q.id, i)))
                .collect();
            cited.extend(q.citation.locator.iter().map(|l| ("locator", l, citation)));
            for (what, phrase, at) in cited {
                let wanted = normalize_text(phrase);
                if applies.iter().any(|&i| normalized[i].contains(&wanted)) {
                    continue;
                }
                let near = closest_line(&wanted, &applies, &lines);
                out.push(not_found(
                    bank,
                    q,
                    at,
                    (what, phrase),
                    near,
                    &applies,
                    texts,
                ));
            }
        }
    }
    out
}

/// Lines longer than this are not offered as the closest one: a heading is far shorter.
const MAX_LINE_BYTES: usize = 1_000;

/// How alike a line must be to a phrase to be offered as the closest.
const ALIKE: f64 = 0.6;

/// The line of the texts that apply most like `wanted` (normalised), if alike enough. Only lines
/// whose normalised length could be alike enough are compared.
fn closest_line<'t>(
    wanted: &str,
    applies: &[usize],
    lines: &[Vec<(String, &'t str)>],
) -> Option<(f64, &'t str)> {
    if wanted.len() > MAX_LINE_BYTES {
        return None;
    }
    let length = wanted.chars().count();
    applies
        .iter()
        .flat_map(|&i| &lines[i])
        .filter(|(normal, _)| {
            // Alike enough needs at most 40% of the longer one's characters edited, and the
            // difference in length is edited at the least.
            let other = normal.chars().count();
            #[allow(clippy::cast_precision_loss)]
            let fits = other.abs_diff(length) as f64 <= (1.0 - ALIKE) * other.max(length) as f64;
            fits
        })
        .map(|(normal, line)| (strsim::normalized_levenshtein(normal, wanted), *line))
        .filter(|(alike, _)| *alike >= ALIKE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

fn not_found(
    bank: &Bank,
    q: &Question,
    at: (u64, u64),
    (what, phrase): (&str, &str),
    nearest: Option<(f64, &str)>,
    applies: &[usize],
    texts: &[SourceText],
) -> Diagnostic {
    let names: Vec<&str> = applies.iter().map(|&i| texts[i].name.as_str()).collect();
    let help = match nearest {
        Some((_, line)) => format!("the closest line there is `{}`", line.trim()),
        None => format!("copy the {what} as it is written in the source, or fix the citation"),
    };
    Diagnostic::error(
        &bank.origin,
        at.0,
        at.1,
        format!(
            "cited {what} `{phrase}` cannot be found in {}",
            names.join(" or ")
        ),
    )
    .in_question(Some(&q.id))
    .help(help)
}
