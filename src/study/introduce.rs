//! The order new questions are introduced in: fair to every bank and tag, so that a learner
//! meets each part of what they chose in the first days rather than the banks one after
//! another in alphabetical order.
//!
//! The rule: each bank's new cards form one stream, and the streams are dealt one card at a
//! time in turn, the banks in an order drawn from the seed (the same seed, the same order).
//! Within a bank, the cards are grouped in *units* — a scenario's questions together and in the
//! order written, any other question or a branching scenario alone — and the units are dealt in
//! turn across the bank's tags (a unit's tag is its first question's first tag; tags in the
//! order first met), each tag's units in the order written: an author who builds a topic up
//! from its basics keeps that order.

use std::collections::BTreeMap;

use super::queue::Pick;
use crate::engine::shuffle::SeededRng;

/// `new` (in the order written, bank by bank) in the order to introduce them.
pub(crate) fn fair_order<'b>(new: Vec<Pick<'b>>, seed: u64) -> Vec<Pick<'b>> {
    let mut rng = SeededRng::new(seed);
    let mut banks: Vec<Vec<Pick<'b>>> = Vec::new();
    let mut bank_ids: Vec<String> = Vec::new();
    for pick in new {
        let id = pick.bank_id();
        if let Some(at) = bank_ids.iter().position(|b| b == id) {
            banks[at].push(pick);
        } else {
            bank_ids.push(id.to_owned());
            banks.push(vec![pick]);
        }
    }
    let mut streams: Vec<std::vec::IntoIter<Pick<'b>>> = banks
        .into_iter()
        .map(|picks| bank_stream(picks).into_iter())
        .collect();
    rng.shuffle(&mut streams);
    deal(streams)
}

/// One bank's cards: units dealt in turn across its tags.
fn bank_stream(picks: Vec<Pick<'_>>) -> Vec<Pick<'_>> {
    let mut units: Vec<Vec<Pick>> = Vec::new();
    let mut unit_of_scenario: BTreeMap<String, usize> = BTreeMap::new();
    for pick in picks {
        match pick.scenario_id() {
            Some(scenario) => {
                if let Some(&at) = unit_of_scenario.get(scenario) {
                    units[at].push(pick);
                } else {
                    unit_of_scenario.insert(scenario.to_owned(), units.len());
                    units.push(vec![pick]);
                }
            }
            None => units.push(vec![pick]),
        }
    }
    // Units by tag, in the order tags are first met.
    let mut tags: Vec<(String, Vec<Vec<Pick>>)> = Vec::new();
    for unit in units {
        let tag = unit[0].first_tag().to_owned();
        match tags.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, of_tag)) => of_tag.push(unit),
            None => tags.push((tag, vec![unit])),
        }
    }
    let by_tag = tags
        .into_iter()
        .map(|(_, of_tag)| of_tag.into_iter())
        .collect();
    deal(by_tag).into_iter().flatten().collect()
}

/// One item from each source in turn until all run out.
fn deal<T>(mut sources: Vec<std::vec::IntoIter<T>>) -> Vec<T> {
    let mut out = Vec::new();
    loop {
        let before = out.len();
        for source in &mut sources {
            out.extend(source.next());
        }
        if out.len() == before {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

    use chrono::DateTime;

    use crate::bank::{Bank, built_in_files, load};
    use crate::study::queue::{self, Pick, Reason, ReviewOptions};

    fn built_in() -> Vec<Bank> {
        let loaded = load(&built_in_files());
        assert!(!loaded.has_errors());
        loaded.banks
    }

    fn options() -> ReviewOptions {
        ReviewOptions::default()
    }

    /// (bank id, question or scenario id) of the new cards a first review asks, in order.
    fn first_new(banks: &[Bank], seed: u64) -> Vec<(String, String)> {
        let candidates = queue::candidates(banks, &options(), seed);
        let now = DateTime::parse_from_rfc3339("2026-01-01T09:00:00Z").unwrap();
        let queue = queue::build(candidates, &HashMap::new(), now, &options(), seed);
        queue
            .picks
            .iter()
            .filter(|(_, reason)| *reason == Reason::New)
            .map(|(pick, _)| {
                let id = match pick {
                    Pick::Question(planned) => planned.question.id.clone(),
                    Pick::Walk { scenario, .. } => format!("scenario:{}", scenario.id),
                };
                (pick.bank_id().to_owned(), id)
            })
            .collect()
    }

    #[test]
    fn the_first_ten_new_questions_of_the_built_in_banks_come_from_at_least_four_banks() {
        let banks = built_in();
        for seed in [1, 2, 3, 42, 2026] {
            let new = first_new(&banks, seed);
            assert_eq!(new.len(), 10);
            let from: BTreeSet<&str> = new.iter().map(|(bank, _)| bank.as_str()).collect();
            assert!(from.len() >= 4, "seed {seed}: {new:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_order_and_another_seed_another() {
        let banks = built_in();
        assert_eq!(first_new(&banks, 7), first_new(&banks, 7));
        assert_ne!(first_new(&banks, 7), first_new(&banks, 8));
    }

    #[test]
    fn a_scenarios_questions_come_in_the_order_written_within_their_bank() {
        let banks = built_in();
        let candidates = queue::candidates(&banks, &options(), 5);
        let order = super::fair_order(candidates, 5);
        for bank in &banks {
            for scenario in &bank.scenarios {
                let written: Vec<&str> = bank
                    .questions
                    .iter()
                    .filter(|q| q.scenario.as_deref() == Some(scenario.id.as_str()))
                    .map(|q| q.id.as_str())
                    .collect();
                let dealt: Vec<&str> = order
                    .iter()
                    .filter(|p| p.scenario_id() == Some(scenario.id.as_str()))
                    .filter_map(|p| match p {
                        Pick::Question(planned) if planned.bank.id == bank.id => {
                            Some(planned.question.id.as_str())
                        }
                        _ => None,
                    })
                    .collect();
                assert_eq!(dealt, written, "{}", scenario.id);
                // Together: nothing of the same bank between them.
                let at: Vec<usize> = order
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.scenario_id() == Some(scenario.id.as_str()))
                    .map(|(i, _)| i)
                    .collect();
                if let (Some(first), Some(last)) = (at.first(), at.last()) {
                    let others = order[*first..=*last]
                        .iter()
                        .filter(|p| {
                            p.bank_id() == bank.id && p.scenario_id() != Some(scenario.id.as_str())
                        })
                        .count();
                    assert_eq!(others, 0, "{}", scenario.id);
                }
            }
        }
    }

    /// Progress for the first `n` questions of `banks`, every one due on `now`'s day, first
    /// answered `days_ago`.
    fn all_due(
        banks: &[Bank],
        n: usize,
        days_ago: i64,
    ) -> HashMap<crate::progress::QuestionKey, crate::progress::Progress> {
        let at = DateTime::parse_from_rfc3339("2026-01-01T09:00:00Z")
            .unwrap()
            .to_utc();
        let first = at - chrono::Duration::days(days_ago);
        banks
            .iter()
            .flat_map(|b| {
                b.questions
                    .iter()
                    .map(move |q| (b.id.clone(), q.id.clone()))
            })
            .take(n)
            .map(|key| {
                let progress = crate::progress::Progress {
                    card: crate::progress::Card {
                        due: at,
                        reps: 1,
                        ..crate::progress::Card::default()
                    },
                    scheduled: 1,
                    answers: 1,
                    earned: 1.0,
                    max: 1.0,
                    misses: 0,
                    first_at: first,
                    last_at: first,
                    last_right: true,
                };
                (key, progress)
            })
            .collect()
    }

    #[test]
    fn in_the_first_week_due_reviews_leave_half_the_review_to_new_questions() {
        let banks = built_in();
        let now = DateTime::parse_from_rfc3339("2026-01-01T09:00:00Z").unwrap();
        let reasons = |days_ago| {
            let progress = all_due(&banks, 30, days_ago);
            let candidates = queue::candidates(&banks, &options(), 1);
            let queue = queue::build(candidates, &progress, now, &options(), 1);
            (queue.count(Reason::Due), queue.count(Reason::New))
        };
        assert_eq!(reasons(3), (10, 10));
        // After the first week, what is due comes first and may fill the review.
        assert_eq!(reasons(8), (20, 0));
    }
}
