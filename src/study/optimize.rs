//! The learner's own FSRS-6 parameters: fitted to their answers with the `fsrs` crate's
//! optimizer and kept in the store, where [`super::states::scheduler`] finds them.
//!
//! Each card's answers (to one content, oldest first) are one history: a question's, or a
//! branching scenario's walks. Every answer given on a
//! later day than the card's previous one is a review the model must predict, from the answers
//! before it; answers on the same day count as short-term reviews in that history.

use std::collections::HashMap;

use fsrs::{
    ComputeParametersInput, DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview, ModelEvaluation,
    compute_parameters,
};

use super::cards::{self, Rated, StudyCard};
use super::schedule::rate;
use crate::bank::Bank;
use crate::store::{Parameters, Store, StoreError, StoredAnswer};

/// Reviews needed before fitting. The crate's optimizer trains only on 64 reviews or more; with
/// fewer it returns its defaults or changes only the first-day stabilities.
pub(crate) const MIN_REVIEWS: usize = 64;

const DAY: i64 = 86_400;

/// How well parameters predict the reviews: the crate's log loss and RMSE (binned), lower is
/// better.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    pub log_loss: f32,
    pub rmse: f32,
}

impl From<ModelEvaluation> for Fit {
    fn from(e: ModelEvaluation) -> Self {
        Fit {
            log_loss: e.log_loss,
            rmse: e.rmse_bins,
        }
    }
}

/// What fitting did.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// Too few reviews: nothing was fitted or changed.
    TooFew { reviews: usize },
    /// Fitted and kept: the fit of the parameters used before and of the new ones.
    Fitted {
        reviews: usize,
        before: Fit,
        after: Fit,
        parameters: Vec<f32>,
    },
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum OptimizeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the parameters could not be fitted: {0}")]
    Fit(fsrs::FSRSError),
}

/// The reviews in `answers` (oldest first) to the cards of `banks` (questions and branching
/// scenarios), as the optimizer takes
/// them: one item per review, holding the card's answers up to it.
pub(crate) fn reviews(banks: &[Bank], answers: &[StoredAnswer]) -> Vec<FSRSItem> {
    let studied: Vec<(&str, StudyCard)> = banks
        .iter()
        .flat_map(|b| cards::of_bank(b).into_iter().map(|c| (b.id.as_str(), c)))
        .collect();
    let ratings: HashMap<(&str, &str), Rated> = studied
        .iter()
        .map(|(bank, card)| ((*bank, card.id.as_str()), card.rated))
        .collect();
    let mut cards: HashMap<(&str, &str, &str), Vec<&StoredAnswer>> = HashMap::new();
    for answer in answers {
        cards
            .entry((&answer.bank_id, &answer.question_id, &answer.content_hash))
            .or_default()
            .push(answer);
    }
    let mut keys: Vec<_> = cards.keys().copied().collect();
    keys.sort_unstable();
    let mut items = Vec::new();
    for key in keys {
        let Some(&rated) = ratings.get(&(key.0, key.1)) else {
            continue;
        };
        let mut history: Vec<FSRSReview> = Vec::new();
        let mut last: Option<i64> = None;
        for answer in &cards[&key] {
            let days = last.map_or(0, |at| ((answer.answered_at - at) / DAY).max(0));
            history.push(FSRSReview {
                rating: rate(rated, answer) as u32,
                delta_t: u32::try_from(days).unwrap_or(u32::MAX),
            });
            last = Some(answer.answered_at);
            if days > 0 {
                items.push(FSRSItem {
                    reviews: history.clone(),
                });
            }
        }
    }
    items
}

/// Fits the parameters to the answers to `banks` and keeps them, unless there are fewer than
/// [`MIN_REVIEWS`] reviews. `now` (Unix seconds) is kept as when.
pub(crate) fn optimize(store: &Store, banks: &[Bank], now: i64) -> Result<Outcome, OptimizeError> {
    let bank_ids: Vec<&str> = banks.iter().map(|b| b.id.as_str()).collect();
    let answers = store.answers(&bank_ids)?;
    let items = reviews(banks, &answers);
    if items.len() < MIN_REVIEWS {
        return Ok(Outcome::TooFew {
            reviews: items.len(),
        });
    }
    let current = store
        .parameters()
        .map_or_else(|| DEFAULT_PARAMETERS.to_vec(), |p| p.weights);
    let parameters = compute_parameters(ComputeParametersInput {
        train_set: items.clone(),
        ..ComputeParametersInput::default()
    })
    .map_err(OptimizeError::Fit)?;
    let before = evaluate(&current, &items)?;
    let after = evaluate(&parameters, &items)?;
    store.save_parameters(&Parameters {
        weights: parameters.clone(),
        reviews: i64::try_from(items.len()).unwrap_or(i64::MAX),
        fitted_at: now,
    })?;
    Ok(Outcome::Fitted {
        reviews: items.len(),
        before,
        after,
        parameters,
    })
}

fn evaluate(parameters: &[f32], items: &[FSRSItem]) -> Result<Fit, OptimizeError> {
    FSRS::new(parameters)
        .and_then(|model| model.evaluate(items.to_vec(), |_| true))
        .map(Fit::from)
        .map_err(OptimizeError::Fit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::load::basics_fixture;
    use crate::store::{NewAnswer, Sitting};

    const HOUR: i64 = 3_600;
    /// 2026-01-01T00:00:00Z
    const START: i64 = 1_767_225_600;

    fn answer(question: &str, hash: &str, at: i64, points: f64, seconds: f64) -> StoredAnswer {
        StoredAnswer {
            bank_id: "basics".into(),
            question_id: question.into(),
            content_hash: hash.into(),
            answered_at: START + at,
            points,
            max_points: 1.0,
            seconds,
            confidence: None,
        }
    }

    fn review(rating: u32, delta_t: u32) -> FSRSReview {
        FSRSReview { rating, delta_t }
    }

    #[test]
    fn each_answer_on_a_later_day_is_a_review_with_the_answers_before_it() {
        let banks = basics_fixture();
        let answers = [
            answer("signing-month", "h", 0, 1.0, 30.0),
            answer("signing-month", "h", HOUR, 0.0, 30.0),
            answer("signing-month", "h", 2 * DAY, 1.0, 5.0),
            // Another content: a card of its own, with one answer and so no review.
            answer("signing-month", "new", 3 * DAY, 1.0, 30.0),
            answer("signing-month", "h", 5 * DAY + HOUR, 0.5, 30.0),
            // No longer in the bank.
            answer("gone", "h", 0, 1.0, 30.0),
            answer("gone", "h", 4 * DAY, 1.0, 30.0),
        ];
        let items = reviews(&banks, &answers);
        // Whole days since the previous answer, as the scheduler counts them: 47 hours is 1.
        let first = vec![review(3, 0), review(1, 0), review(4, 1)];
        let mut second = first.clone();
        second.push(review(2, 3));
        assert_eq!(
            items,
            [FSRSItem { reviews: first }, FSRSItem { reviews: second }]
        );
    }

    #[test]
    fn too_few_reviews_fit_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for day in 0..3 {
            store
                .record(&NewAnswer {
                    bank_id: "basics",
                    bank_version: 1,
                    question_id: "signing-month",
                    content_hash: &crate::bank::fingerprint::material_hash(
                        &basics_fixture()[0].questions[0],
                    ),
                    answered_at: START + day * DAY,
                    mode: Sitting::Review,
                    answer: "{}",
                    points: 1.0,
                    max_points: 1.0,
                    seconds: 30.0,
                    confidence: None,
                })
                .unwrap();
        }
        let outcome = optimize(&store, &basics_fixture(), START + 3 * DAY).unwrap();
        assert_eq!(outcome, Outcome::TooFew { reviews: 2 });
        assert_eq!(store.parameters(), None);
    }
}
