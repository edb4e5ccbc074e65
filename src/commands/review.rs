//! `quiz review`: what is due, then recent mistakes, then new questions; branching scenarios
//! among them are walked after the questions.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use super::output::say;
use super::play::{INTERRUPTED_EXIT, prompter};
use super::walk::{HowWalked, walk_one};
use super::{study, valid_banks};
use crate::bank::Bank;
use crate::cli::ReviewArgs;
use crate::clock::Clock;
use crate::engine::{self, Ending, Mode, Prompter, Rules, Verdict};
use crate::error::Error;
use crate::progress::{Progress, QuestionKey};
use crate::report::ingest::read_result;
use crate::store::{Sitting, Store, StoreError};
use crate::study::class_misses::class_misses;
use crate::study::optimize::{self, OptimizeError, Outcome};
use crate::study::queue::{self, Queue, ReviewOptions};
use crate::study::recorder::Recorder;
use crate::study::screen;
use crate::study::states;
use crate::text::count;
use crate::ui::render;

pub(super) fn review(args: &ReviewArgs) -> Result<i32, Error> {
    let banks = valid_banks(&args.banks)?;
    study::check_bank_ids(&banks, &args.bank_ids)?;
    let clock = study::clock()?;
    let now = clock.now();
    let confidence = study::confidence_asked(args.confidence)?;
    if args.optimize {
        return optimize(args, &banks, now.timestamp());
    }
    if !args.add.is_empty() {
        return add_from_class(args, &banks, clock.as_ref());
    }
    let options = ReviewOptions {
        count: args.count as usize,
        new_per_day: args.new_per_day as usize,
        banks: args.bank_ids.clone(),
        tags: args.tags.clone(),
        mistakes_only: args.mistakes,
        ahead: args.ahead.map(|n| n as usize),
    };
    let (store, history) = read_progress(study::open(&args.data), &banks, args.retention);
    // Without a seed the choices are shuffled anew each second, and alike for a fixed QUIZ_NOW.
    let seed = args.seed.unwrap_or(now.timestamp().unsigned_abs());
    let queue = build_queue(&banks, &history, clock.as_ref(), &options, seed)?;
    let mut recorder = Recorder::new(store, Sitting::Review, clock.as_ref(), study::warn)
        .at_retention(args.retention);
    if queue.picks.is_empty() {
        say!("{}", screen::review::nothing_to_do(&queue, &options, now))?;
        return Ok(0);
    }
    let mut prompter = prompter(args.plain);
    prompter
        .show(&screen::review::header(&queue, now))
        // A failing screen shows again at the first question, where the session handles it.
        .ok();
    let asked = ask(
        &queue,
        prompter.as_mut(),
        &mut recorder,
        (seed, confidence),
        now,
    )?;
    // After the ending of a walk, which has no closing line of its own, a blank line.
    let gap = if asked.walked_last { "\n" } else { "" };
    if asked.answered == 0 {
        // Nothing answered, nothing changed: what is left is what there was.
        let _ = prompter.show(&render::wrap(
            &format!("{gap}{}", screen::review::after(&queue, &options, now)),
            "",
        ));
    } else if let Some(store) = recorder.store()
        && let Ok(history) = states::load(store, &banks, &states::scheduler(store, args.retention))
        && let Ok(left) = build_queue(&banks, &history, clock.as_ref(), &options, seed)
    {
        let _ = prompter.show(&render::wrap(
            &format!("{gap}{}", screen::review::after(&left, &options, now)),
            "",
        ));
    }
    Ok(if asked.ending == Ending::Interrupted {
        INTERRUPTED_EXIT
    } else {
        0
    })
}

/// How the cards of a review went.
struct Asked {
    ending: Ending,
    /// Questions answered and walks that reached an ending.
    answered: usize,
    /// Whether the last thing shown is a walk's ending.
    walked_last: bool,
}

/// Asks the questions picked, then walks the branching scenarios picked: a walk is a story of
/// its own, told from its start to its end with the same walk as `quiz play --scenario`.
fn ask(
    queue: &Queue,
    prompter: &mut dyn Prompter,
    recorder: &mut Recorder,
    (seed, confidence): (u64, bool),
    now: DateTime<FixedOffset>,
) -> Result<Asked, Error> {
    let mut asked = Asked {
        ending: Ending::Finished,
        answered: 0,
        walked_last: false,
    };
    let questions = queue.questions();
    if !questions.is_empty() {
        // A question missed comes back later in the session until it is answered right; a
        // scenario's questions, picked by their schedules, each name their scenario.
        let rules = Rules {
            mode: Mode::Practice,
            relearn: true,
            scenario_titles: true,
            confidence,
        };
        let outcome = engine::run_with(questions, rules, prompter, &mut |p, a| {
            let scheduled = recorder.record(p, a)?;
            let again_now = a.grade.verdict() != Verdict::Right;
            let line = screen::review::scheduled(&scheduled, again_now, now);
            Some(render::wrap(&line, ""))
        })
        .map_err(Error::Terminal)?;
        let _ = prompter.show(&render::summary(&outcome, seed));
        asked.answered += outcome.answers.len();
        asked.ending = outcome.ending;
    }
    let how = HowWalked {
        seed,
        shuffle: true,
        mode: Mode::Practice,
    };
    for (bank, scenario) in queue.walks() {
        if asked.ending != Ending::Finished {
            break;
        }
        if let Some((walk, ending)) =
            walk_one(bank, scenario, &how, prompter, recorder, &mut |_| {})?
        {
            asked.answered += usize::from(walk.ending().is_some());
            asked.ending = ending;
            asked.walked_last = true;
        }
    }
    Ok(asked)
}

/// `--optimize`: fits the scheduler to the answers to `banks` and says how well it fits.
/// `--add RESULTS…`: each answer missed in a class or an exam, recorded as the learner's own,
/// so that the next review asks its question among the recent mistakes.
fn add_from_class(args: &ReviewArgs, banks: &[Bank], clock: &dyn Clock) -> Result<i32, Error> {
    let results = args
        .add
        .iter()
        .map(|path| {
            read_result(path).map_err(|why| Error::NotResults {
                path: path.clone(),
                why: why.to_string(),
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut recorder = Recorder::new(study::open(&args.data), Sitting::Exam, clock, study::warn)
        .at_retention(args.retention);
    let mut added = 0;
    for (path, result) in args.add.iter().zip(&results) {
        let misses = class_misses(result, banks);
        for (planned, answered) in &misses.found {
            if recorder.record(planned, answered).is_some() {
                added += 1;
            }
        }
        for left_out in &misses.left_out {
            say!("note: {}: {left_out}", path.display())?;
        }
    }
    if recorder.store().is_none() {
        return Ok(1);
    }
    match added {
        0 => say!("No question missed there was added.")?,
        _ => say!(
            "{} missed there added to your review: `quiz review` asks {} among your recent \
             mistakes.",
            count(added, "question"),
            if added == 1 { "it" } else { "them" }
        )?,
    }
    Ok(0)
}

fn optimize(args: &ReviewArgs, banks: &[Bank], now: i64) -> Result<i32, Error> {
    let store = study::open(&args.data)?;
    let outcome = optimize::optimize(&store, banks, now).map_err(|e| match e {
        OptimizeError::Store(e) => Error::from(e),
        e @ OptimizeError::Fit(_) => Error::Store(Box::new(e)),
    })?;
    say!("{}", fitted(&outcome))?;
    Ok(0)
}

fn fitted(outcome: &Outcome) -> String {
    match outcome {
        Outcome::TooFew { reviews } => format!(
            "Fitting the scheduler to your answers needs at least {} (answers given on a later \
             day than the question's previous answer); there {} so far. Nothing was changed.",
            count(optimize::MIN_REVIEWS, "review"),
            if *reviews == 1 {
                "is 1".to_owned()
            } else {
                format!("are {reviews}")
            },
        ),
        Outcome::Fitted {
            reviews,
            before,
            after,
            parameters,
        } => format!(
            "Fitted the scheduler's {} parameters to your {}.\n\n\
             {:<10}{:>10}{:>10}\n\
             {:<10}{:>10.4}{:>10.4}\n\
             {:<10}{:>10.4}{:>10.4}\n\n\
             Lower is better. Your reviews are scheduled with the new parameters from now on.",
            parameters.len(),
            count(*reviews, "review"),
            "fit",
            "log loss",
            "RMSE",
            "before",
            before.log_loss,
            before.rmse,
            "after",
            after.log_loss,
            after.rmse,
        ),
    }
}

/// The progress of the banks' questions, or none when the database cannot be read (the error goes
/// on to the recorder, which warns about it once).
fn read_progress(
    opened: Result<Store, StoreError>,
    banks: &[Bank],
    retention: f64,
) -> (Result<Store, StoreError>, HashMap<QuestionKey, Progress>) {
    match opened.and_then(|store| {
        let scheduler = states::scheduler(&store, retention);
        states::load(&store, banks, &scheduler).map(|p| (store, p))
    }) {
        Ok((store, progress)) => (Ok(store), progress),
        Err(error) => (Err(error), HashMap::new()),
    }
}

fn build_queue<'b>(
    banks: &'b [Bank],
    progress: &HashMap<QuestionKey, Progress>,
    clock: &dyn Clock,
    options: &ReviewOptions,
    seed: u64,
) -> Result<Queue<'b>, Error> {
    let candidates = queue::candidates(banks, options, seed);
    if candidates.is_empty() {
        let mut what = Vec::new();
        if !options.banks.is_empty() {
            what.push(format!("bank {}", options.banks.join(" or ")));
        }
        if !options.tags.is_empty() {
            what.push(format!("tag {}", options.tags.join(" or ")));
        }
        return Err(Error::NoQuestions(what.join(", ")));
    }
    Ok(queue::build(
        candidates,
        progress,
        clock.now(),
        options,
        seed,
    ))
}
