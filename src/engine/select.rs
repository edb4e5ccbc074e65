//! Choosing and ordering the questions of one quiz.

use std::ops::RangeInclusive;

use super::shuffle::SeededRng;
use crate::bank::{AnswerKey, Bank, Kind, Question, Scenario};

/// Which questions may be asked.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A question matches when it has any of these tags (none given: every question).
    pub tags: Vec<String>,
    pub difficulty: Option<RangeInclusive<u8>>,
    pub kinds: Vec<Kind>,
}

impl Filter {
    pub fn admits(&self, q: &Question) -> bool {
        (self.tags.is_empty() || q.tags.iter().any(|t| self.tags.contains(t)))
            && self
                .difficulty
                .as_ref()
                .is_none_or(|d| d.contains(&q.difficulty))
            && (self.kinds.is_empty() || self.kinds.contains(&q.kind()))
    }
}

#[derive(Debug, Clone)]
pub struct PlanOptions {
    pub filter: Filter,
    pub count: Option<usize>,
    pub seed: u64,
    pub shuffle: bool,
}

/// One question as it will be asked: where it comes from and the order its parts are shown in.
#[derive(Debug, Clone)]
pub struct Planned<'b> {
    pub bank: &'b Bank,
    pub question: &'b Question,
    pub scenario: Option<&'b Scenario>,
    /// Shown position → author's index, for choices, order items, or the right sides of a match.
    pub display: Vec<usize>,
}

/// Scenario questions are kept together as a block; a standalone question is a block of one.
struct Block<'b> {
    bank: &'b Bank,
    scenario: Option<&'b Scenario>,
    questions: Vec<&'b Question>,
}

pub fn plan<'b>(banks: &'b [Bank], options: &PlanOptions) -> Vec<Planned<'b>> {
    let mut rng = SeededRng::new(options.seed);
    let mut blocks = blocks(banks, &options.filter);
    if options.shuffle {
        rng.shuffle(&mut blocks);
    }
    for block in &mut blocks {
        if options.shuffle && block.scenario.is_some_and(|s| s.shuffle) {
            rng.shuffle(&mut block.questions);
        }
    }
    let limit = options.count.unwrap_or(usize::MAX);
    let chosen = blocks
        .iter()
        .flat_map(|b| b.questions.iter().map(move |q| (b.bank, b.scenario, *q)))
        .take(limit);
    chosen
        .map(|(bank, scenario, question)| Planned {
            bank,
            scenario,
            question,
            display: display_order(question, options.shuffle, &mut rng),
        })
        .collect()
}

fn blocks<'b>(banks: &'b [Bank], filter: &Filter) -> Vec<Block<'b>> {
    let mut blocks: Vec<Block<'b>> = Vec::new();
    for bank in banks {
        let first_block = blocks.len();
        for question in bank.questions.iter().filter(|q| filter.admits(q)) {
            let scenario = question
                .scenario
                .as_deref()
                .and_then(|id| bank.scenario(id));
            let same_scenario = |b: &&mut Block| {
                b.scenario
                    .is_some_and(|s| Some(&s.id) == question.scenario.as_ref())
            };
            match (
                scenario,
                blocks[first_block..].iter_mut().find(same_scenario),
            ) {
                (Some(_), Some(block)) => block.questions.push(question),
                _ => blocks.push(Block {
                    bank,
                    scenario,
                    questions: vec![question],
                }),
            }
        }
    }
    blocks
}

/// How a question's parts (choices, order items, match sides) are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mixing {
    /// In their written order: no parts, or choices with shuffling off.
    Written,
    /// Shuffled, possibly into their written order (choices).
    Shuffled,
    /// Shuffled, never in their written order: order items and match sides, which would give
    /// the answer away.
    NeverWritten,
}

/// Choices follow the shuffle setting (the quiz's and the question's); order items and match
/// sides are always mixed.
pub(crate) fn mixing(question: &Question, shuffle: bool) -> Mixing {
    match &question.key {
        AnswerKey::Single { .. } | AnswerKey::Multiple { .. } if shuffle && question.shuffle => {
            Mixing::Shuffled
        }
        AnswerKey::Order { .. } | AnswerKey::Match { .. } => Mixing::NeverWritten,
        _ => Mixing::Written,
    }
}

/// How many parts a question shows in an order of its own.
fn part_count(question: &Question) -> usize {
    match &question.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices.len(),
        AnswerKey::Order { items } => items.len(),
        AnswerKey::Match { pairs } => pairs.len(),
        _ => 0,
    }
}

/// Shown position → author's index for a question's parts, as [`mixing`] allows.
pub(crate) fn display_order(question: &Question, shuffle: bool, rng: &mut SeededRng) -> Vec<usize> {
    let len = part_count(question);
    match mixing(question, shuffle) {
        Mixing::Written => (0..len).collect(),
        Mixing::Shuffled => rng.permutation(len),
        Mixing::NeverWritten => {
            let mut order = rng.permutation(len);
            if is_written(&order) {
                order.rotate_left(1);
            }
            order
        }
    }
}

/// Whether an order is the written one.
pub(crate) fn is_written(order: &[usize]) -> bool {
    order.iter().enumerate().all(|(i, &j)| i == j)
}
