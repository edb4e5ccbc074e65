use super::output::say;
use std::io::IsTerminal;
use std::time::Duration;

use super::{describe_filter, plan_options, valid_banks};
use crate::cli::PresentArgs;
use crate::engine;
use crate::engine::shuffle::draw_seed;
use crate::error::Error;
use crate::files::{Existing, write_atomically};
use crate::present::tally::TallyFile;
use crate::present::{Presenter, Slide, plain};

pub(super) fn present(args: &PresentArgs) -> Result<i32, Error> {
    let banks = valid_banks(&args.banks)?;
    let seed = args.filter.seed.unwrap_or_else(draw_seed);
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

fn save_tallies(
    presenter: &Presenter,
    out: &std::path::Path,
    saved_at: String,
) -> Result<(), Error> {
    let tallies = TallyFile::from_presenter(presenter, saved_at);
    let mut json = serde_json::to_string_pretty(&tallies).map_err(|e| Error::Write {
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
