//! The score of a session, overall and per tag.

use super::session::Outcome;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TagScore {
    pub tag: String,
    pub earned: f64,
    pub max: f64,
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    pub earned: f64,
    /// The points of every question planned: one not answered is 0 of its points.
    pub max: f64,
    pub answered: usize,
    pub planned: usize,
    pub tags: Vec<TagScore>,
}

impl Summary {
    pub(crate) fn percent(&self) -> f64 {
        if self.max > 0.0 {
            100.0 * self.earned / self.max
        } else {
            0.0
        }
    }
}

/// The score over the whole quiz, per tag too; questions not answered count 0.
pub(crate) fn summarize(outcome: &Outcome) -> Summary {
    let mut tags: Vec<TagScore> = Vec::new();
    let mut earned_on = vec![0.0; outcome.plan.len()];
    for answered in &outcome.answers {
        if let Some(earned) = earned_on.get_mut(answered.index) {
            *earned = answered.grade.earned;
        }
    }
    for (planned, earned) in outcome.plan.iter().zip(&earned_on) {
        for tag in &planned.question.tags {
            let at = if let Some(at) = tags.iter().position(|t| &t.tag == tag) {
                at
            } else {
                tags.push(TagScore {
                    tag: tag.clone(),
                    earned: 0.0,
                    max: 0.0,
                    questions: 0,
                });
                tags.len() - 1
            };
            tags[at].earned += earned;
            tags[at].max += planned.question.points;
            tags[at].questions += 1;
        }
    }
    tags.sort_by(|a, b| a.tag.cmp(&b.tag));
    Summary {
        earned: earned_on.iter().sum(),
        max: outcome.plan.iter().map(|p| p.question.points).sum(),
        answered: outcome.answers.len(),
        planned: outcome.plan.len(),
        tags,
    }
}
