//! What a learner's progress is kept for: each question of a bank, and each branching scenario
//! as a whole (one card, walked again when it is due).
//!
//! A question's card is its id and the material hash of its content, as it always was, so no
//! history is lost to a new version of the program. A branching scenario's card is
//! [`review_card_id`] and a hash of its story's shape: its steps' material content and where
//! each decision leads, with its quality and points. Editing that shape (a step added, removed
//! or rerouted) starts the scenario's schedule over, as a material edit does for a question;
//! the walks already recorded stay in the history.

use crate::bank::branching::{Branching, Next, Route, Routes, review_card_id};
use crate::bank::fingerprint::{fnv1a64, material_hash};
use crate::bank::{AnswerKey, Bank, Kind, Question, Scenario};
use crate::text::normalize_text;

/// How an answer to a card is rated for the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rated {
    /// By its grade and how quickly it was given, for its kind of question.
    Question(Kind),
    /// By the share of the best path's points the walk reached.
    Walk,
}

/// One card of a bank: its id in the progress database, the hash of its material content and
/// how it is rated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StudyCard {
    pub id: String,
    pub hash: String,
    pub rated: Rated,
}

impl StudyCard {
    pub(crate) fn of_question(question: &Question) -> StudyCard {
        StudyCard {
            id: question.id.clone(),
            hash: material_hash(question),
            rated: Rated::Question(question.kind()),
        }
    }

    /// The card of a branching scenario; `None` for a scenario that does not branch.
    pub(crate) fn of_scenario(scenario: &Scenario) -> Option<StudyCard> {
        let branching = scenario.branching.as_ref()?;
        Some(StudyCard {
            id: review_card_id(&scenario.id),
            hash: format!("{:016x}", fnv1a64(story_shape(branching).as_bytes())),
            rated: Rated::Walk,
        })
    }
}

/// Every card of `bank`: its questions in the order written, then its branching scenarios.
pub(crate) fn of_bank(bank: &Bank) -> Vec<StudyCard> {
    bank.questions
        .iter()
        .map(StudyCard::of_question)
        .chain(bank.scenarios.iter().filter_map(StudyCard::of_scenario))
        .collect()
}

/// One line per step and per route, by id and sorted, so that the order steps, endings and
/// choices are written in does not count, nor do the story's texts (consequences, endings,
/// debriefs): only what is asked, what counts as right and where each decision leads.
fn story_shape(branching: &Branching) -> String {
    let step_id = |i: usize| branching.steps[i].question.id.as_str();
    let target = |next: Next| match next {
        Next::Step(i) => format!("step {}", step_id(i)),
        Next::Ending(i) => format!("ending {}", branching.endings[i].id),
    };
    let route_line = |step: &str, by: String, route: &Route| {
        format!(
            "route {step} {by} -> {} {} {:?}",
            target(route.next),
            route.quality.name(),
            route.points
        )
    };
    let mut lines = vec![format!("start {}", step_id(branching.start))];
    for step in &branching.steps {
        let id = step.question.id.as_str();
        lines.push(format!("step {id} {}", material_hash(&step.question)));
        match (&step.routes, &step.question.key) {
            (Routes::ByChoice(routes), AnswerKey::Single { choices }) => {
                for (route, choice) in routes.iter().zip(choices) {
                    let by = format!("choice {}", normalize_text(&choice.text));
                    lines.push(route_line(id, by, route));
                }
            }
            (routes, _) => {
                for (i, route) in routes.all().into_iter().enumerate() {
                    lines.push(route_line(id, format!("route {i}"), route));
                }
            }
        }
    }
    for ending in &branching.endings {
        lines.push(format!("ending {} {}", ending.id, ending.rating.name()));
    }
    lines.sort_unstable();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankFile, load};

    const STORY: &str = r"
id: desk
title: Desk
version: 1
sources:
  - {id: guide, title: Guide, publisher: Press}
scenarios:
  - id: leak
    title: The leak
    text: A memo arrives.
    start: first
    steps:
      - id: first
        kind: single
        prompt: What first?
        choices:
          - {text: Call, next: second, quality: best, points: 2, consequence: They answer., source: {id: guide, section: A}}
          - {text: Publish, next: rushed, quality: poor, consequence: Wrong memo., source: {id: guide, section: A}}
      - id: second
        kind: true_false
        prompt: One voice is enough.
        answer: false
        source: {id: guide, section: B}
        outcomes:
          right: {next: good, consequence: It holds.}
          wrong: {next: rushed, consequence: It falls.}
    endings:
      - {id: good, text: It holds., rating: best, debrief: Two sources.}
      - {id: rushed, text: It falls., rating: poor, debrief: One source.}
questions:
  - id: plain
    kind: true_false
    prompt: A plain question.
    answer: true
    explanation: Because it is plain.
    source: {id: guide, section: A}
";

    fn bank(text: &str) -> Bank {
        let loaded = load(&[BankFile {
            origin: "desk.yaml".into(),
            bytes: text.as_bytes().to_vec(),
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks.into_iter().next().expect("one bank")
    }

    fn scenario_card(text: &str) -> StudyCard {
        StudyCard::of_scenario(&bank(text).scenarios[0]).expect("it branches")
    }

    #[test]
    fn a_question_keeps_its_own_id_and_material_hash() {
        let bank = bank(STORY);
        let question = &bank.questions[0];
        let card = StudyCard::of_question(question);
        assert_eq!(card.id, "plain");
        assert_eq!(card.hash, material_hash(question));
        assert_eq!(card.rated, Rated::Question(Kind::TrueFalse));
    }

    #[test]
    fn a_branching_scenario_is_one_card_after_the_questions() {
        let cards = of_bank(&bank(STORY));
        let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["plain", "scenario:leak"]);
        assert_eq!(cards[1].rated, Rated::Walk);
    }

    #[test]
    fn the_story_texts_do_not_restart_the_card_and_its_shape_does() {
        let card = scenario_card(STORY);
        let reworded = STORY.replace("consequence: They answer.", "consequence: They reply.");
        assert_eq!(scenario_card(&reworded), card);
        let rerouted = STORY.replace("wrong: {next: rushed", "wrong: {next: good");
        assert_ne!(scenario_card(&rerouted).hash, card.hash);
        let repointed = STORY.replace("points: 2", "points: 3");
        assert_ne!(scenario_card(&repointed).hash, card.hash);
        let reasked = STORY.replace("What first?", "What do you do first?");
        assert_ne!(scenario_card(&reasked).hash, card.hash);
    }
}
