//! The material hash of a question: what the learner is asked and what counts as right.
//!
//! Progress keys on bank id + question id, so history survives any edit. The hash only decides
//! whether the review schedule starts over. It covers, after [`normalize_text`] (letter case,
//! accents, punctuation and spacing ignored):
//!
//! - the kind and the prompt;
//! - the answer key: choice texts and which are correct, accepted short answers and whether they
//!   are exact, the numeric answer, tolerance and unit, the order items in their order, the pairs.
//!
//! Everything else is not material: explanation, source, tags, difficulty, points, `why`,
//! shuffle, scenario, the order choices, accepted answers and pairs are written in.

use super::fnv1a64;
use crate::bank::{AnswerKey, Question, Tolerance};
use crate::text::normalize_text;

/// 16 hex digits, plenty to tell edits of one question apart.
pub fn material_hash(question: &Question) -> String {
    format!("{:016x}", fnv1a64(canonical_text(question).as_bytes()))
}

/// One line per part, sorted where the written order does not change the question.
fn canonical_text(question: &Question) -> String {
    let mut lines = vec![
        format!("kind {}", question.kind()),
        format!("prompt {}", normalize_text(&question.prompt)),
    ];
    let mut unordered: Vec<String> = match &question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices
            .iter()
            .map(|c| format!("choice {} {}", c.correct, normalize_text(&c.text)))
            .collect(),
        AnswerKey::TrueFalse { answer } => vec![format!("answer {answer}")],
        AnswerKey::Short { accept, exact } => std::iter::once(format!("exact {exact}"))
            .chain(
                accept
                    .iter()
                    .map(|a| format!("accept {}", normalize_text(a))),
            )
            .collect(),
        AnswerKey::Numeric {
            answer,
            tolerance,
            unit,
        } => vec![
            format!("answer {answer}"),
            match tolerance {
                Tolerance::Absolute(t) => format!("tolerance {t}"),
                Tolerance::Percent(p) => format!("tolerance {p}%"),
            },
            format!("unit {}", normalize_text(unit.as_deref().unwrap_or(""))),
        ],
        AnswerKey::Order { items } => {
            // The order is the answer: kept as written.
            let items = items.iter().map(|i| normalize_text(i)).collect::<Vec<_>>();
            vec![format!("items {}", items.join(" | "))]
        }
        AnswerKey::Match { pairs } => pairs
            .iter()
            .map(|p| {
                format!(
                    "pair {} = {}",
                    normalize_text(&p.left),
                    normalize_text(&p.right)
                )
            })
            .collect(),
    };
    unordered.sort();
    lines.append(&mut unordered);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, Citation};

    fn question(prompt: &str, texts: &[(&str, bool)]) -> Question {
        Question {
            id: "q".into(),
            prompt: prompt.into(),
            scenario: None,
            explanation: "Because.".into(),
            citation: Citation {
                source: "s".into(),
                sections: vec!["A".into()],
                locator: None,
            },
            tags: vec![],
            difficulty: 2,
            points: 1.0,
            shuffle: true,
            allow: vec![],
            key: AnswerKey::Single {
                choices: texts
                    .iter()
                    .map(|(t, c)| Choice {
                        text: (*t).into(),
                        correct: *c,
                        why: None,
                        weight: None,
                    })
                    .collect(),
            },
        }
    }

    #[test]
    fn the_hash_is_pinned_so_stored_progress_stays_valid() {
        let q = question("When?", &[("June", true), ("May", false)]);
        assert_eq!(material_hash(&q), "187b69a7e6f19919");
    }

    #[test]
    fn cosmetic_edits_keep_the_hash() {
        let base = material_hash(&question(
            "When was it signed?",
            &[("June", true), ("May", false)],
        ));
        let mut edited = question("when was it  signed", &[("May", false), ("june", true)]);
        edited.explanation = "A better explanation.".into();
        edited.tags = vec!["dates".into()];
        edited.points = 3.0;
        assert_eq!(material_hash(&edited), base);
    }

    #[test]
    fn material_edits_change_the_hash() {
        let base = material_hash(&question(
            "When was it signed?",
            &[("June", true), ("May", false)],
        ));
        let reworded = question("When was it ratified?", &[("June", true), ("May", false)]);
        let new_key = question("When was it signed?", &[("June", false), ("May", true)]);
        let new_choice = question("When was it signed?", &[("June", true), ("April", false)]);
        for changed in [reworded, new_key, new_choice] {
            assert_ne!(material_hash(&changed), base);
        }
    }
}
