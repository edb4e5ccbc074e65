use super::output::say;
use std::io::IsTerminal;
use std::time::Duration;

use super::{describe_filter, plan_options, valid_banks};
use crate::bank::Bank;
use crate::cli::PresentArgs;
use crate::engine;
use crate::engine::shuffle::draw_seed;
use crate::engine::walk::Walk;
use crate::error::Error;
use crate::files::{Existing, write_atomically};
use crate::present::tally::TallyFile;
use crate::present::walk::WalkLesson;
use crate::present::{Presenter, Slide, plain};

pub(super) fn present(args: &PresentArgs) -> Result<i32, Error> {
    let banks = valid_banks(&args.banks)?;
    let seed = args.filter.seed.unwrap_or_else(draw_seed);
    if super::walk::walks_instead(args.scenario.as_deref(), &banks) {
        return present_walk(args, &banks, seed);
    }
    let plan = engine::plan(&banks, &plan_options(&args.filter, seed));
    if plan.is_empty() {
        return Err(Error::NoQuestions(describe_filter(&args.filter)));
    }
    let slides: Vec<Slide> = plan.iter().map(Slide::new).collect();
    let start = first_question(args.start, slides.len())?;
    let on_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if args.plain || !on_terminal {
        if args.out.is_some() {
            return Err(Error::Usage(
                "--out saves the counts typed during a lesson; there are none without a terminal"
                    .into(),
            ));
        }
        super::output::print_out(plain::render(&slides, seed, start).as_bytes())?;
        return Ok(0);
    }
    if let Some(out) = &args.out
        && out.exists()
    {
        // Refuse before the lesson rather than after the counting.
        return Err(Error::OutputExists(out.clone()));
    }
    let clock = super::study::clock()?;
    let timer = Duration::from_secs(u64::from(args.timer));
    let mut presenter = Presenter::new(slides, timer, seed);
    presenter.start_at(start);
    let interrupted = crate::ui::present::run(&mut presenter).map_err(Error::Terminal)?;
    // Counts typed before a Ctrl-C are kept like any others.
    if let Some(out) = &args.out {
        save_tallies(&presenter, out, clock.timestamp())?;
    }
    Ok(if interrupted {
        crate::ui::interrupt::INTERRUPTED_EXIT
    } else {
        0
    })
}

/// A branching scenario with the class: each step, the class's decision, the story following
/// it to an ending. Off a terminal the decisions are read as lines.
fn present_walk(args: &PresentArgs, banks: &[Bank], seed: u64) -> Result<i32, Error> {
    let (bank, scenario) = match &args.scenario {
        Some(id) => super::walk::named(banks, id)?,
        None => match super::walk::branching_scenarios(banks).as_slice() {
            [one] => *one,
            many => {
                let ids: Vec<&str> = many.iter().map(|(_, s)| s.id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "these banks have {} branching scenarios: name the one to present with --scenario ID ({})",
                    many.len(),
                    ids.join(", ")
                )));
            }
        },
    };
    if args.start.is_some() {
        return Err(Error::Usage(
            "--start is for a lesson of questions; a branching scenario begins at its start".into(),
        ));
    }
    let Some(walk) = Walk::new(bank, scenario, seed, !args.filter.no_shuffle) else {
        return Err(Error::Usage(format!(
            "scenario `{}` does not branch",
            scenario.id
        )));
    };
    let timer = Duration::from_secs(u64::from(args.timer));
    let mut lesson = WalkLesson::new(walk, timer, seed);
    let stdin_is_terminal = std::io::stdin().is_terminal();
    let on_terminal = stdin_is_terminal && std::io::stdout().is_terminal();
    if args.plain || !on_terminal {
        if args.out.is_some() {
            return Err(Error::Usage(
                "--out saves the counts typed during a lesson on a terminal; off one, the counts typed are printed"
                    .into(),
            ));
        }
        let mut out = std::io::stdout().lock();
        let mut input = std::io::stdin().lock();
        crate::present::walk_plain::run(&mut lesson, &mut input, &mut out, !stdin_is_terminal)
            .map_err(Error::Terminal)?;
        return Ok(0);
    }
    if let Some(out) = &args.out
        && out.exists()
    {
        return Err(Error::OutputExists(out.clone()));
    }
    let clock = super::study::clock()?;
    let interrupted = crate::ui::present::run(&mut lesson).map_err(Error::Terminal)?;
    if let Some(out) = &args.out {
        write_tallies(&TallyFile::from_walk(&lesson, clock.timestamp()), out)?;
    }
    Ok(if interrupted {
        crate::ui::interrupt::INTERRUPTED_EXIT
    } else {
        0
    })
}

fn save_tallies(
    presenter: &Presenter,
    out: &std::path::Path,
    saved_at: String,
) -> Result<(), Error> {
    write_tallies(&TallyFile::from_presenter(presenter, saved_at), out)
}

fn write_tallies(tallies: &TallyFile, out: &std::path::Path) -> Result<(), Error> {
    let mut json = serde_json::to_string_pretty(tallies).map_err(|e| Error::Write {
        path: out.to_path_buf(),
        source: e.into(),
    })?;
    json.push('\n');
    write_atomically(out, json.as_bytes(), Existing::Keep)?;
    say!(
        "Counts of {} question(s) written to {}",
        tallies.questions.len(),
        out.display()
    )?;
    Ok(())
}

/// The number of the question `--start` names, checked against the lesson's length.
fn first_question(start: Option<u32>, questions: usize) -> Result<usize, Error> {
    let number = start.map_or(1, |n| n as usize);
    if number > questions {
        return Err(Error::Usage(format!(
            "--start {number}: this lesson has {}; use the same banks, filters and --seed as before the break",
            crate::text::count(questions, "question")
        )));
    }
    Ok(number)
}
