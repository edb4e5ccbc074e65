//! Trying the questions missed again at the end of a quiz: the same questions, each with its
//! choices in a new order, so that the retry asks for the answer and not for where it stood.

use super::select::{Mixing, Planned, display_order, is_written, mixing};
use super::shuffle::SeededRng;
use crate::bank::fingerprint::fnv1a64;

/// The questions missed, in the order they were asked, each shown in an order other than the
/// one it had where the quiz allows its parts to move (`shuffle` as the quiz had it). The same
/// seed gives the same retry.
pub fn retry_plan(missed: Vec<Planned<'_>>, seed: u64, shuffle: bool) -> Vec<Planned<'_>> {
    let mut rng = SeededRng::new(fnv1a64(format!("{seed}\u{1f}retry").as_bytes()));
    missed
        .into_iter()
        .map(|mut planned| {
            planned.display = new_order(&planned, shuffle, &mut rng);
            planned
        })
        .collect()
}

fn new_order(planned: &Planned, shuffle: bool, rng: &mut SeededRng) -> Vec<usize> {
    let mixing = mixing(planned.question, shuffle);
    let mut order = display_order(planned.question, shuffle, rng);
    if mixing == Mixing::Written {
        return order;
    }
    // At most one turn round: some rotation differs from the order shown before (and, where
    // that matters, from the written order) unless there are too few parts to have one.
    for _ in 0..order.len() {
        let gives_away = mixing == Mixing::NeverWritten && is_written(&order);
        if order != planned.display && !gives_away {
            break;
        }
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{self, BankFile};
    use crate::engine::select::{Filter, PlanOptions, plan};

    fn banks(shuffle_choices: bool) -> Vec<bank::Bank> {
        let text = format!(
            "id: t\ntitle: T\nversion: 1\ndefaults: {{shuffle: {shuffle_choices}}}\nsources:\n  - {{id: s, title: S, author: A}}\nquestions:\n\
             - {{id: c, kind: single, prompt: P?, explanation: E., source: {{id: s, section: X}}, choices: [{{text: A, correct: true}}, {{text: B}}, {{text: C}}, {{text: D}}]}}\n\
             - {{id: o, kind: order, prompt: P?, explanation: E., source: {{id: s, section: X}}, items: [A, B, C]}}\n\
             - {{id: p, kind: order, prompt: P?, explanation: E., source: {{id: s, section: X}}, items: [A, B]}}\n"
        );
        let loaded = bank::load(&[BankFile {
            origin: "t.yaml".into(),
            bytes: text.into_bytes(),
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks
    }

    fn planned(banks: &[bank::Bank], seed: u64, shuffle: bool) -> Vec<Planned<'_>> {
        let options = PlanOptions {
            filter: Filter::default(),
            count: None,
            seed,
            shuffle,
        };
        plan(banks, &options)
    }

    #[test]
    fn a_retry_shows_every_question_that_may_move_in_a_new_order() {
        let banks = banks(true);
        for seed in 0..200 {
            let first = planned(&banks, seed, true);
            let again = retry_plan(first.clone(), seed, true);
            for (before, after) in first.iter().zip(&again) {
                let id = &before.question.id;
                assert_eq!(before.question.id, after.question.id);
                if id == "p" {
                    // Two items have one order that does not give the answer away.
                    assert_eq!(after.display, [1, 0], "seed {seed}");
                } else {
                    assert_ne!(before.display, after.display, "{id}, seed {seed}");
                }
                if id != "c" {
                    assert!(!is_written(&after.display), "{id}, seed {seed}");
                }
            }
            let orders =
                |plan: &[Planned]| plan.iter().map(|p| p.display.clone()).collect::<Vec<_>>();
            let same_seed = retry_plan(first, seed, true);
            assert_eq!(orders(&again), orders(&same_seed), "seed {seed}");
        }
    }

    #[test]
    fn choices_the_author_or_the_quiz_keeps_in_order_stay_in_order() {
        for (banks, shuffle) in [(banks(false), true), (banks(true), false)] {
            let first = planned(&banks, 7, shuffle);
            let again = retry_plan(first.clone(), 7, shuffle);
            let choices = again.iter().find(|p| p.question.id == "c").unwrap();
            assert_eq!(choices.display, [0, 1, 2, 3]);
        }
    }
}
