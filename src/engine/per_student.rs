//! One exam, a different order for each student (`quiz play --shuffle-per-student`).
//!
//! The class seed picks the questions; a second seed made from the class seed and the student's
//! name orders them. Anyone with the seed and the name can rebuild a student's exact exam, and
//! neighbours do not see the same question at the same time.

use super::select::{Planned, display_order};
use super::shuffle::SeededRng;
use crate::bank::fingerprint::fnv1a64;
use crate::text::normalize_text;

/// The seed of one student's order. Names are compared as short answers are (no case, accents or
/// punctuation), so "Ana María" typed on Monday and "ana maria" on Tuesday give the same exam.
pub(crate) fn student_seed(seed: u64, name: &str) -> u64 {
    let key = format!("{seed}\u{1f}{}", normalize_text(name));
    fnv1a64(key.as_bytes())
}

/// Whether a name can seed an order at all (it has letters or digits).
pub(crate) fn usable_name(name: &str) -> bool {
    !normalize_text(name).is_empty()
}

/// The same questions in this student's order. Scenario questions stay together, as in `plan`;
/// choices are re-ordered where the plan was allowed to shuffle them.
pub(crate) fn reorder<'b>(plan: Vec<Planned<'b>>, seed: u64, name: &str) -> Vec<Planned<'b>> {
    let mut rng = SeededRng::new(student_seed(seed, name));
    let mut blocks = into_blocks(plan);
    rng.shuffle(&mut blocks);
    let mut reordered = Vec::new();
    for mut block in blocks {
        if block[0].scenario.is_some_and(|s| s.shuffle) {
            rng.shuffle(&mut block);
        }
        for mut planned in block {
            planned.display = display_order(planned.question, true, &mut rng);
            reordered.push(planned);
        }
    }
    reordered
}

/// Consecutive questions of one scenario form a block; any other question is a block of one.
fn into_blocks(plan: Vec<Planned<'_>>) -> Vec<Vec<Planned<'_>>> {
    let mut blocks: Vec<Vec<Planned>> = Vec::new();
    for planned in plan {
        let joins = blocks.last().and_then(|b| b.last()).is_some_and(|last| {
            match (last.scenario, planned.scenario) {
                (Some(a), Some(b)) => std::ptr::eq(a, b),
                _ => false,
            }
        });
        match blocks.last_mut() {
            Some(block) if joins => block.push(planned),
            _ => blocks.push(vec![planned]),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::engine::{Filter, PlanOptions, plan};

    fn banks() -> Vec<Bank> {
        crate::bank::load::basics_fixture()
    }

    fn exam(banks: &[Bank], name: &str) -> Vec<(String, Vec<usize>)> {
        let options = PlanOptions {
            filter: Filter::default(),
            count: Some(5),
            seed: 2024,
            shuffle: true,
        };
        reorder(plan(banks, &options), 2024, name)
            .iter()
            .map(|p| (p.question.id.clone(), p.display.clone()))
            .collect()
    }

    fn ids(exam: &[(String, Vec<usize>)]) -> Vec<String> {
        let mut ids: Vec<String> = exam.iter().map(|(id, _)| id.clone()).collect();
        ids.sort();
        ids
    }

    #[test]
    fn every_student_gets_the_same_questions_in_their_own_order() {
        let banks = banks();
        let ana = exam(&banks, "Ana");
        let ben = exam(&banks, "Ben");
        assert_eq!(ids(&ana), ids(&ben));
        assert_ne!(ana, ben);
        assert_eq!(
            ana,
            exam(&banks, "  ANA "),
            "the same name gives the same order"
        );
    }

    #[test]
    fn scenario_questions_stay_together() {
        let banks = banks();
        for name in ["a", "b", "c", "d", "e", "f"] {
            let order: Vec<String> = exam(&banks, name).into_iter().map(|(id, _)| id).collect();
            let at = |id: &str| order.iter().position(|q| q == id);
            if let (Some(a), Some(b)) = (at("signing-month"), at("in-force")) {
                assert_eq!(a.abs_diff(b), 1, "{order:?}");
            }
        }
    }

    #[test]
    fn names_without_letters_cannot_seed_an_order() {
        assert!(usable_name("Zoë"));
        assert!(!usable_name(" -- "));
        assert_ne!(student_seed(1, "ana"), student_seed(2, "ana"));
    }
}
