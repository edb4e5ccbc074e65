//! Where things are in a bank file, for diagnostics about banks that already validated.
//!
//! The validated [`Bank`](super::Bank) keeps only each question's line; lints and citation
//! checks want to point at a choice, a scenario id or a citation, so they read the positions
//! from the raw parse of the same file, taken while it is loaded.

use serde_saphyr::Location;

use super::format::{RawBank, RawSections};
use crate::hashing::FastMap as HashMap;

/// A line and a column, both from 1.
pub(crate) type Spot = (u64, u64);

#[derive(Debug, Default)]
pub struct Spots {
    pub(crate) bank: Spot,
    pub(crate) questions: HashMap<String, Spot>,
    /// Keyed by question id and the choice's index as written.
    pub(crate) choices: HashMap<(String, usize), Spot>,
    pub(crate) answers: HashMap<String, Spot>,
    /// Questions that write `tolerance:` themselves, even as 0.
    pub(crate) tolerances: HashMap<String, Spot>,
    pub(crate) citations: HashMap<String, Spot>,
    /// Where each heading of a question's `section:` list is; none for a single heading.
    pub(crate) sections: HashMap<String, Vec<Spot>>,
    pub(crate) scenarios: HashMap<String, Spot>,
    pub(crate) sources: HashMap<String, Spot>,
    /// The lints each question allows (`allow:`), with where each is named.
    pub(crate) allows: HashMap<String, Vec<(String, Spot)>>,
    /// Where each question's `explanation:` and `items:`/`pairs:`/`accept:` start.
    pub(crate) fields: HashMap<(String, &'static str), Spot>,
    /// The outcomes of the steps of branching scenarios, keyed by step id and `right`,
    /// `partly` or `wrong`. The steps themselves are among `questions`, their choices among
    /// `choices`.
    pub(crate) outcomes: HashMap<(String, &'static str), Spot>,
    /// Keyed by scenario id and ending id.
    pub(crate) endings: HashMap<(String, String), Spot>,
}

fn spot(at: &Location) -> Spot {
    (at.line().max(1), at.column().max(1))
}

impl Spots {
    /// The positions in a parsed bank.
    pub(super) fn from_raw(raw: &RawBank) -> Spots {
        let mut spots = Spots {
            bank: spot(&raw.id.referenced),
            ..Spots::default()
        };
        for s in &raw.sources {
            let id = &s.value.id;
            spots.sources.insert(id.value.clone(), spot(&id.referenced));
        }
        for s in &raw.scenarios {
            let id = &s.value.id;
            spots
                .scenarios
                .insert(id.value.clone(), spot(&id.referenced));
        }
        for s in &raw.scenarios {
            for e in &s.value.endings {
                let key = (s.value.id.value.clone(), e.value.id.value.clone());
                spots.endings.entry(key).or_insert(spot(&e.referenced));
            }
            for step in &s.value.steps {
                let (Some(id), Some(outcomes)) = (&step.value.id, &step.value.outcomes) else {
                    continue;
                };
                let o = &outcomes.value;
                let written = [("right", Some(&o.right)), ("partly", o.partly.as_ref())];
                let written = written.into_iter().chain([("wrong", Some(&o.wrong))]);
                for (verdict, outcome) in written {
                    if let Some(outcome) = outcome {
                        let key = (id.value.clone(), verdict);
                        spots.outcomes.insert(key, spot(&outcome.referenced));
                    }
                }
            }
        }
        let steps = raw.scenarios.iter().flat_map(|s| &s.value.steps);
        for q in raw.questions.iter().chain(steps) {
            let Some(id) = &q.value.id else { continue };
            let id = id.value.clone();
            // The first question with an id wins, as in validation.
            if spots.questions.contains_key(&id) {
                continue;
            }
            spots.questions.insert(id.clone(), spot(&q.referenced));
            if let Some(choices) = &q.value.choices {
                for (i, c) in choices.value.iter().enumerate() {
                    spots.choices.insert((id.clone(), i), spot(&c.referenced));
                }
            }
            if let Some(answer) = &q.value.answer {
                spots.answers.insert(id.clone(), spot(&answer.referenced));
            }
            if let Some(tolerance) = &q.value.tolerance {
                spots
                    .tolerances
                    .insert(id.clone(), spot(&tolerance.referenced));
            }
            let allows = q.value.allow.iter();
            let allows = allows.map(|a| (a.value.clone(), spot(&a.referenced)));
            spots.allows.insert(id.clone(), allows.collect());
            if let Some(accept) = &q.value.accept {
                spots
                    .fields
                    .insert((id.clone(), "accept"), spot(&accept.referenced));
            }
            if let Some(items) = &q.value.items {
                spots
                    .fields
                    .insert((id.clone(), "items"), spot(&items.referenced));
            }
            if let Some(pairs) = &q.value.pairs {
                spots
                    .fields
                    .insert((id.clone(), "pairs"), spot(&pairs.referenced));
            }
            if let Some(source) = &q.value.source {
                spots.citations.insert(id.clone(), spot(&source.referenced));
                if let RawSections::Many(headings) = &source.value.section.value {
                    let headings = headings.iter().map(|h| spot(&h.referenced));
                    spots.sections.insert(id.clone(), headings.collect());
                }
            }
        }
        spots
    }

    /// The spot of the `index`th heading that question `id` cites: the heading itself in a list,
    /// else the citation, else the question.
    pub fn section(&self, id: &str, index: usize) -> Spot {
        self.sections
            .get(id)
            .and_then(|spots| spots.get(index))
            .or_else(|| self.citations.get(id))
            .copied()
            .unwrap_or_else(|| self.question(id))
    }

    pub fn question(&self, id: &str) -> Spot {
        self.questions.get(id).copied().unwrap_or((1, 1))
    }

    /// Whether question `id` allows `lint` with `allow:`.
    pub fn allows(&self, id: &str, lint: &str) -> bool {
        self.allows
            .get(id)
            .is_some_and(|names| names.iter().any(|(name, _)| name == lint))
    }

    /// The spot of `field` (`accept`, `items`, `pairs`) of question `id`, or of the question.
    pub fn field(&self, id: &str, field: &'static str) -> Spot {
        self.fields
            .get(&(id.to_owned(), field))
            .copied()
            .unwrap_or_else(|| self.question(id))
    }

    /// The spot of outcome `verdict` of step `id`, or of the step.
    pub fn outcome(&self, id: &str, verdict: &'static str) -> Spot {
        self.outcomes
            .get(&(id.to_owned(), verdict))
            .copied()
            .unwrap_or_else(|| self.question(id))
    }

    /// The spot of the choice, or of its question when the choice is not found.
    pub fn choice(&self, id: &str, index: usize) -> Spot {
        self.choices
            .get(&(id.to_owned(), index))
            .copied()
            .unwrap_or_else(|| self.question(id))
    }
}
