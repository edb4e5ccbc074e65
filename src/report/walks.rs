//! Each student's walks of branching scenarios, as the report counts them.
//!
//! A results file's numbers are claims. When the loaded bank holds the very scenario walked (same
//! scenario hash), each walk is taken again on it decision by decision with the engine's rules
//! (`WalkEntry::recount`), and the report counts what the decisions earn and where they lead
//! there. Otherwise the walk counts as its file records it; reading the file already refused
//! scores below 0 or above the best path's.

use std::collections::BTreeSet;

use super::Note;
use super::ingest::Attempt;
use crate::bank::Bank;
use crate::bank::fingerprint::scenario_hash;
use crate::engine::describe::points;
use crate::results::{Recounted, WalkEntry};

/// Every student's walks as counted, in the order of `attempts`.
pub(crate) fn count(
    attempts: &[Attempt],
    banks: &[Bank],
    notes: &mut Vec<Note>,
) -> Vec<Vec<WalkEntry>> {
    let mut said: BTreeSet<(String, String)> = BTreeSet::new();
    attempts
        .iter()
        .map(|attempt| {
            attempt
                .result
                .walks
                .iter()
                .map(|walk| counted(&attempt.name, walk, banks, &mut said, notes))
                .collect()
        })
        .collect()
}

/// Where the scenario of a walk stands among the loaded banks.
enum Found<'b> {
    /// The very scenario walked.
    Same(&'b Bank),
    NotLoaded,
    /// Loaded, but not known to be the one walked.
    Differs,
}

fn find<'b>(walk: &WalkEntry, banks: &'b [Bank]) -> Found<'b> {
    let Some(bank) = banks.iter().find(|b| b.id == walk.bank) else {
        return Found::NotLoaded;
    };
    let scenario = bank
        .scenarios
        .iter()
        .find(|s| s.id == walk.scenario && s.branching.is_some());
    match scenario {
        None => Found::NotLoaded,
        Some(s) if walk.scenario_hash.as_deref() == Some(scenario_hash(bank, s).as_str()) => {
            Found::Same(bank)
        }
        Some(_) => Found::Differs,
    }
}

fn counted(
    name: &str,
    walk: &WalkEntry,
    banks: &[Bank],
    said: &mut BTreeSet<(String, String)>,
    notes: &mut Vec<Note>,
) -> WalkEntry {
    let bank = match find(walk, banks) {
        Found::Same(bank) => bank,
        Found::NotLoaded | Found::Differs
            if !said.insert((walk.bank.clone(), walk.scenario.clone())) =>
        {
            return walk.clone();
        }
        Found::NotLoaded => {
            notes.push(Note::ScenarioNotLoaded {
                bank: walk.bank.clone(),
                scenario: walk.scenario.clone(),
            });
            return walk.clone();
        }
        Found::Differs => {
            notes.push(Note::ScenarioDiffers {
                bank: walk.bank.clone(),
                scenario: walk.scenario.clone(),
            });
            return walk.clone();
        }
    };
    let Some(Recounted {
        entry: recounted,
        strayed_at,
    }) = walk.recount(bank)
    else {
        return walk.clone();
    };
    if let Some(step) = strayed_at {
        notes.push(Note::WalkStrayed {
            name: name.to_owned(),
            scenario: format!("{}/{}", walk.bank, walk.scenario),
            step,
        });
    }
    let claimed = outcome(walk);
    let earned = outcome(&recounted);
    if claimed != earned {
        notes.push(Note::WalkRecounted {
            name: name.to_owned(),
            scenario: format!("{}/{}", walk.bank, walk.scenario),
            claimed,
            earned,
        });
    }
    recounted
}

/// "1 of 3 points, ending `corrected`": what a walk comes to, to compare and to say.
fn outcome(walk: &WalkEntry) -> String {
    let ending = walk
        .ending
        .as_deref()
        .map_or_else(|| "no ending".to_owned(), |e| format!("ending `{e}`"));
    format!(
        "{} of {} points, {ending}",
        points(walk.score),
        points(walk.best_score)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankFile, load};
    use crate::engine::Response;
    use crate::engine::walk::Walk;
    use crate::results::{FORMAT, FORMAT_VERSION, HowItEnded, ResultFile};

    fn night_desk() -> Vec<Bank> {
        let bytes = std::fs::read("tests/fixtures/branching.yaml").expect("the fixture");
        let loaded = load(&[BankFile {
            origin: "branching.yaml".into(),
            bytes,
        }]);
        assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
        loaded.banks
    }

    /// The walk of `responses` on the night desk, as `quiz play --out` records it.
    fn walked(banks: &[Bank], responses: &[Response]) -> WalkEntry {
        let mut walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
        for response in responses {
            walk.decide(response.clone(), 2.0);
        }
        WalkEntry::new(&walk)
    }

    fn attempt(walk: WalkEntry) -> Attempt {
        Attempt {
            file: "ana.json".into(),
            name: "Ana".into(),
            result: ResultFile {
                format: FORMAT.into(),
                format_version: FORMAT_VERSION,
                name: Some("Ana".into()),
                seed: 1,
                mode: "practice".into(),
                started_at: String::new(),
                finished_at: String::new(),
                ending: HowItEnded::Finished,
                joined_at: None,
                banks: Vec::new(),
                questions_planned: 0,
                score: walk.score,
                max_score: walk.best_score,
                answers: Vec::new(),
                shuffle_per_student: false,
                asked: Vec::new(),
                walks: vec![walk],
            },
        }
    }

    fn counted_with(banks: &[Bank], walk: WalkEntry) -> (WalkEntry, Vec<Note>) {
        let mut notes = Vec::new();
        let mut counted = count(&[attempt(walk)], banks, &mut notes);
        (counted.remove(0).remove(0), notes)
    }

    #[test]
    fn a_walk_on_the_loaded_scenario_counts_what_its_decisions_earn_not_what_it_claims() {
        let banks = night_desk();
        // Publishes at once, takes it down, then judges one voice enough: 1 of 3.
        let honest = walked(
            &banks,
            &[
                Response::Choice(2),
                Response::Choice(0),
                Response::Bool(true),
            ],
        );
        let (counted, notes) = counted_with(&banks, honest.clone());
        assert_eq!(
            (counted.score, counted.ending.as_deref()),
            (1.0, Some("corrected"))
        );
        assert!(notes.is_empty(), "{notes:?}");

        let mut forged = honest;
        forged.score = 3.0;
        forged.ending = Some("scoop".into());
        forged.path.iter_mut().for_each(|d| d.points = 2.0);
        let (counted, notes) = counted_with(&banks, forged);
        assert_eq!((counted.score, counted.best_score), (1.0, 3.0));
        assert_eq!(counted.ending.as_deref(), Some("corrected"));
        assert_eq!(
            notes[0].to_string(),
            "Ana's results file says 3 of 3 points, ending `scoop` on scenario \
             `night-desk/leak`; its decisions, taken again on the loaded bank, earn 1 of 3 \
             points, ending `corrected`: the report counts these"
        );
    }

    #[test]
    fn decisions_recorded_where_the_story_does_not_lead_are_left_out() {
        let banks = night_desk();
        let mut walk = walked(&banks, &[Response::Choice(0), Response::Bool(false)]);
        // A decision at `rushed`, which the best first move never leads to.
        let mut stray = walk.path[0].clone();
        stray.step = "rushed".into();
        walk.path.insert(1, stray);
        let (counted, notes) = counted_with(&banks, walk);
        assert_eq!(counted.path.len(), 1);
        assert_eq!((counted.score, counted.ending), (2.0, None));
        assert!(
            notes[0].to_string().contains(
                "Ana's walk of scenario `night-desk/leak` records a decision at step `rushed`, \
                 where the story did not lead"
            ),
            "{notes:?}"
        );
    }

    /// Ana's decisions along the path a paced class took: publish at once (the majority), take
    /// it down, then a wrong verdict that leads to the correction.
    fn along_the_class(banks: &[Bank], picks: &[Option<Response>]) -> WalkEntry {
        let bank = &banks[0];
        let scenario = &bank.scenarios[0];
        let branching = scenario.branching.as_ref().unwrap();
        let (met, ending) = (vec![0, 1, 2], Some(1));
        let picks: Vec<_> = picks.iter().map(|p| p.clone().map(|r| (r, 3.0))).collect();
        let along = crate::engine::walk::along(branching, &met, &picks);
        WalkEntry::along(bank, scenario, &met, ending, &along).unwrap()
    }

    #[test]
    fn a_class_walk_is_counted_at_the_steps_the_class_met_whatever_the_file_claims() {
        let banks = night_desk();
        // Ana wanted to call the press office (2 of 2), took it down (1 of 1), and did not
        // answer the last step in time: 3 of 4 over the steps the class met.
        let honest = along_the_class(
            &banks,
            &[Some(Response::Choice(0)), Some(Response::Choice(0)), None],
        );
        let (counted, notes) = counted_with(&banks, honest.clone());
        assert_eq!((counted.score, counted.best_score), (3.0, 4.0));
        assert_eq!(counted.ending.as_deref(), Some("corrected"));
        assert!(notes.is_empty(), "{notes:?}");

        let mut forged = honest;
        forged.score = 4.0;
        let (counted, notes) = counted_with(&banks, forged);
        assert_eq!((counted.score, counted.best_score), (3.0, 4.0));
        assert!(
            notes[0]
                .to_string()
                .contains("earn 3 of 4 points, ending `corrected`"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_class_path_that_leaves_the_scenario_s_routes_is_counted_up_to_where_it_leaves() {
        let banks = night_desk();
        let mut walk = along_the_class(
            &banks,
            &[Some(Response::Choice(2)), Some(Response::Choice(0)), None],
        );
        // No decision at `first-move` leads straight to the scoop.
        walk.class_path = Some(vec!["first-move".into(), "scoop".into()]);
        let (counted, notes) = counted_with(&banks, walk);
        assert_eq!(counted.class_path, Some(vec!["first-move".to_owned()]));
        assert_eq!(
            (counted.score, counted.best_score, counted.ending),
            (0.0, 2.0, None)
        );
        assert!(
            notes[0]
                .to_string()
                .contains("records a decision at step `scoop`"),
            "{notes:?}"
        );
    }

    #[test]
    fn without_the_very_scenario_walked_a_walk_counts_as_recorded_and_the_report_says_why() {
        let banks = night_desk();
        let walk = walked(&banks, &[Response::Choice(1), Response::Bool(false)]);
        let (counted, notes) = counted_with(&[], walk.clone());
        assert_eq!(counted, walk);
        assert!(notes[0].to_string().contains("is not loaded"), "{notes:?}");

        let mut other = walk.clone();
        other.scenario_hash = Some("fnv1a64:0000000000000000".into());
        other.score = 0.5;
        let (counted, notes) = counted_with(&banks, other);
        assert_eq!(counted.score, 0.5);
        assert!(
            notes[0].to_string().contains("differs from the one walked"),
            "{notes:?}"
        );
    }
}
