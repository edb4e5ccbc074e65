//! `quiz play --scenario ID`, and `quiz play` on banks whose only questions are the steps of
//! branching scenarios: each scenario is walked from its start to an ending.

use super::play::{INTERRUPTED_EXIT, progress_recorder, prompter};
use super::results_out::{self, ResultsOut};
use super::study;
use crate::bank::{Bank, Scenario};
use crate::cli::PlayArgs;
use crate::engine::walk::Walk;
use crate::engine::{Ending, Mode, Prompter};
use crate::error::Error;
use crate::results::{BankRef, WalkEntry};
use crate::study::recorder::Recorder;
use crate::ui::render;

/// The branching scenarios of `banks`, in the order written.
pub(super) fn branching_scenarios(banks: &[Bank]) -> Vec<(&Bank, &Scenario)> {
    banks
        .iter()
        .flat_map(|b| b.scenarios.iter().map(move |s| (b, s)))
        .filter(|(_, s)| s.branching.is_some())
        .collect()
}

/// Whether `quiz play` (or `quiz present`) walks branching scenarios rather than asking a
/// quiz: when one is named, or when the banks have no other questions (a filter that matches
/// none still says so).
pub(super) fn walks_instead(scenario: Option<&str>, banks: &[Bank]) -> bool {
    let only_steps = banks.iter().all(|b| b.questions.is_empty());
    scenario.is_some() || (only_steps && !branching_scenarios(banks).is_empty())
}

/// Before a quiz of ordinary questions: how to walk the branching scenarios of `banks`, if any.
pub(super) fn walked_apart(banks: &[Bank]) -> Option<String> {
    let ids: Vec<&str> = branching_scenarios(banks)
        .iter()
        .map(|(_, s)| s.id.as_str())
        .collect();
    (!ids.is_empty()).then(|| {
        render::wrap(
            &format!(
                "Branching scenarios are walked on their own: quiz play --scenario ID ({}).",
                ids.join(", ")
            ),
            "",
        )
    })
}

/// The scenario `--scenario` names, or a usage error that says which there are.
pub(super) fn named<'b>(banks: &'b [Bank], id: &str) -> Result<(&'b Bank, &'b Scenario), Error> {
    let all = branching_scenarios(banks);
    if let Some(found) = all.iter().find(|(_, s)| s.id == id) {
        return Ok(*found);
    }
    let ordinary = banks.iter().any(|b| b.scenario(id).is_some());
    let ids: Vec<&str> = all.iter().map(|(_, s)| s.id.as_str()).collect();
    let hint = match crate::bank::closest(id, ids.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if ids.is_empty() => "these banks have no branching scenario".to_owned(),
        None => format!("the branching scenarios are: {}", ids.join(", ")),
    };
    Err(Error::Usage(if ordinary {
        format!(
            "scenario `{id}` does not branch: its questions are asked in a quiz, without --scenario"
        )
    } else {
        format!("no branching scenario `{id}` in these banks; {hint}")
    }))
}

/// The first line: what is walked, how, and the seed that replays it.
fn header(scenarios: &[(&Bank, &Scenario)], mode: Mode, seed: u64) -> String {
    let what = match scenarios {
        [(bank, _)] => format!("{} · a branching scenario", bank.title),
        many => format!("{} branching scenarios", many.len()),
    };
    let how = match mode {
        Mode::Exam => "exam: decisions judged at the end",
        Mode::Practice => "practice",
    };
    render::wrap(
        &format!("{what} · {how} · seed {seed} (replay with --seed {seed})"),
        "",
    )
}

/// Walks the scenario `--scenario` names, or else every branching scenario of `banks`.
pub(super) fn play_walks(args: &PlayArgs, banks: &[Bank], seed: u64) -> Result<i32, Error> {
    let scenarios = match &args.scenario {
        Some(id) => vec![named(banks, id)?],
        None => branching_scenarios(banks),
    };
    let mode = if args.exam {
        Mode::Exam
    } else {
        Mode::Practice
    };
    let clock = study::clock()?;
    let mut recorder = progress_recorder(args, mode, clock.as_ref());
    let mut prompter = prompter(args.plain);
    prompter.show(&header(&scenarios, mode, seed)).ok();
    let about = results_out::About {
        seed,
        name: args.name.clone(),
        started_at: clock.timestamp(),
        shuffle_per_student: false,
    };
    let mut results = args
        .out
        .as_deref()
        .map(|out| ResultsOut::new(out, Vec::new(), mode, about));
    let how = HowWalked {
        seed,
        shuffle: !args.filter.no_shuffle,
        mode,
    };
    // Every scenario walked counts, those not reached too (0 of their best path's points), so
    // the results file holds each one from its first save.
    let not_begun: Vec<(WalkEntry, BankRef)> = scenarios
        .iter()
        .filter_map(|&(bank, scenario)| {
            let walk = Walk::new(bank, scenario, seed, how.shuffle)?;
            Some((WalkEntry::new(&walk), BankRef::of(bank)))
        })
        .collect();
    let mut walked: Vec<(WalkEntry, BankRef)> = Vec::new();
    let mut ending = Ending::Finished;
    for (at, (bank, scenario)) in scenarios.into_iter().enumerate() {
        let bank_ref = BankRef::of(bank);
        let done = walked.clone();
        let later = not_begun.get(at + 1..).unwrap_or_default();
        let Some((walk, walk_ending)) = walk_one(
            bank,
            scenario,
            &how,
            prompter.as_mut(),
            &mut recorder,
            &mut |walk| {
                if let Some(results) = results.as_mut() {
                    let mut so_far = done.clone();
                    so_far.push((WalkEntry::new(walk), bank_ref.clone()));
                    so_far.extend_from_slice(later);
                    results.walked(so_far, clock.timestamp());
                }
            },
        )?
        else {
            continue;
        };
        ending = walk_ending;
        walked.push((WalkEntry::new(&walk), bank_ref));
        if ending != Ending::Finished {
            walked.extend_from_slice(later);
            break;
        }
    }
    if let (Some(out), Some(results)) = (&args.out, results.as_mut()) {
        results.finish_walks(walked, ending, clock.timestamp())?;
        let _ = prompter.show(&format!("Results written to {}", out.display()));
    }
    Ok(if ending == Ending::Interrupted {
        INTERRUPTED_EXIT
    } else {
        0
    })
}

/// How a scenario is walked: the seed its choices are shuffled with, whether they are, and in
/// which mode.
pub(super) struct HowWalked {
    pub seed: u64,
    pub shuffle: bool,
    pub mode: Mode,
}

/// Walks `scenario` in the terminal from its start, records the walk in the learner's progress
/// once it reaches an ending (one answer to the scenario's card), and shows the ending. `None`
/// when the scenario does not branch. `on_decision` sees the walk after each decision.
pub(super) fn walk_one<'b>(
    bank: &'b Bank,
    scenario: &'b Scenario,
    how: &HowWalked,
    prompter: &mut dyn Prompter,
    recorder: &mut Recorder,
    on_decision: &mut dyn FnMut(&Walk),
) -> Result<Option<(Walk<'b>, Ending)>, Error> {
    let Some(mut walk) = Walk::new(bank, scenario, how.seed, how.shuffle) else {
        return Ok(None);
    };
    let ending = crate::ui::walk::run(&mut walk, how.mode, prompter, on_decision)
        .map_err(Error::Terminal)?;
    recorder.record_walk(bank, scenario, &walk);
    let _ = prompter.show(&crate::ui::walk::ending(&walk));
    Ok(Some((walk, ending)))
}
