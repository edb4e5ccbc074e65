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
    /// The points of the questions that were answered.
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

pub(crate) fn summarize(outcome: &Outcome) -> Summary {
    let mut tags: Vec<TagScore> = Vec::new();
    let (mut earned, mut max) = (0.0, 0.0);
    for answered in &outcome.answers {
        earned += answered.grade.earned;
        max += answered.grade.max;
        for tag in &outcome.plan[answered.index].question.tags {
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
            tags[at].earned += answered.grade.earned;
            tags[at].max += answered.grade.max;
            tags[at].questions += 1;
        }
    }
    tags.sort_by(|a, b| a.tag.cmp(&b.tag));
    Summary {
        earned,
        max,
        answered: outcome.answers.len(),
        planned: outcome.plan.len(),
        tags,
    }
}
