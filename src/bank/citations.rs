//! Checks that each question's cited `section` (and `locator`) can be found in the source text.
//!
//! Matching ignores case, accents, punctuation and spacing, so a heading copied as
//! "North Korea-Russia" still finds "North Korea–Russia" in the text.

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
    let mut out = Vec::new();
    for (bank, spots) in banks.iter().zip(spots) {
        for q in &bank.questions {
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
            let at = spots
                .citations
                .get(&q.id)
                .copied()
                .unwrap_or_else(|| spots.question(&q.id));
            let mut cited = vec![("section", &q.citation.section)];
            cited.extend(q.citation.locator.iter().map(|l| ("locator", l)));
            for (what, phrase) in cited {
                let wanted = normalize_text(phrase);
                if applies.iter().any(|&i| normalized[i].contains(&wanted)) {
                    continue;
                }
                out.push(not_found(bank, q, at, what, phrase, &applies, texts));
            }
        }
    }
    out
}

fn not_found(
    bank: &Bank,
    q: &Question,
    at: (u64, u64),
    what: &str,
    phrase: &str,
    applies: &[usize],
    texts: &[SourceText],
) -> Diagnostic {
    let names: Vec<&str> = applies.iter().map(|&i| texts[i].name.as_str()).collect();
    let nearest = applies
        .iter()
        .flat_map(|&i| texts[i].text.lines())
        .map(|line| {
            (
                strsim::normalized_levenshtein(&normalize_text(line), &normalize_text(phrase)),
                line,
            )
        })
        .filter(|(alike, _)| *alike >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
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
