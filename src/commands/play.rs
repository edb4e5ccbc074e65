use std::io::IsTerminal;

use super::results_out::{self, ResultsOut};
use super::{describe_filter, plan_options, study, valid_banks};
use crate::bank::Bank;
use crate::cli::PlayArgs;
use crate::clock::Clock;
use crate::engine::Prompter;
use crate::engine::per_student;
use crate::engine::shuffle::draw_seed;
use crate::engine::{self, Ending, Mode, Verdict};
use crate::error::Error;
use crate::store::Sitting;
use crate::study::recorder::Recorder;
use crate::study::screen;
use crate::ui::plain::PlainPrompter;
use crate::ui::terminal::TerminalPrompter;
use crate::ui::{interrupt, render};

pub(super) use crate::ui::interrupt::INTERRUPTED_EXIT;

/// How many questions `quiz play` asks without `--count`: enough for one sitting.
const DEFAULT_COUNT: usize = 10;

/// The first line of a quiz: what it asks, how, and the seed that replays it.
fn header(banks: &[Bank], questions: usize, mode: Mode, seed: u64) -> String {
    let banks_named = match banks {
        [one] => one.title.clone(),
        many => {
            let ids: Vec<&str> = many.iter().map(|b| b.id.as_str()).collect();
            format!("{} banks ({})", many.len(), ids.join(", "))
        }
    };
    let how = match mode {
        Mode::Exam => "exam: answers at the end",
        Mode::Practice => "practice",
    };
    render::wrap(
        &format!(
            "{banks_named} · {} · {how} · seed {seed} (replay with --seed {seed})",
            crate::text::count(questions, "question")
        ),
        "",
    )
}

pub(super) fn play(args: &PlayArgs) -> Result<i32, Error> {
    let banks = valid_banks(&args.banks)?;
    if let Some(out) = &args.out {
        // Refuse before the quiz rather than after the learner's work.
        results_out::check_writable(out)?;
    }
    let confidence = study::confidence_asked(args.confidence)?;
    let seed = args.filter.seed.unwrap_or_else(draw_seed);
    let mut options = plan_options(&args.filter, seed);
    let more = fit_a_sitting(&banks, &mut options, args.filter.count.is_some());
    let mut plan = engine::plan(&banks, &options);
    if super::walk::walks_instead(args.scenario.as_deref(), &banks) {
        return super::walk::play_walks(args, &banks, seed);
    }
    if args.shuffle_per_student {
        plan = per_student_order(plan, seed, args.name.as_deref())?;
    }
    if plan.is_empty() {
        return Err(Error::NoQuestions(describe_filter(&args.filter)));
    }
    let mode = if args.exam {
        Mode::Exam
    } else {
        Mode::Practice
    };
    let clock = study::clock()?;
    let mut recorder = progress_recorder(args, mode, clock.as_ref());
    let mut prompter = prompter(args.plain);
    // A failing screen shows again at the first question, where the session handles it.
    prompter.show(&header(&banks, plan.len(), mode, seed)).ok();
    let _ = super::walk::walked_apart(&banks).map(|note| prompter.show(&note));
    if let Some(all) = more {
        let more = render::wrap(
            &format!(
                "{DEFAULT_COUNT} questions of {all}: --count all asks every one, --count N any number."
            ),
            "",
        );
        prompter.show(&more).ok();
    }
    let about = results_out::About {
        seed,
        name: args.name.clone(),
        started_at: clock.timestamp(),
        shuffle_per_student: args.shuffle_per_student,
    };
    let mut results = args
        .out
        .as_deref()
        .map(|out| ResultsOut::new(out, plan.clone(), mode, about));
    let now = clock.now();
    let rules = engine::Rules {
        mode,
        relearn: false,
        scenario_titles: false,
        confidence,
    };
    let outcome = engine::run_with(plan, rules, prompter.as_mut(), &mut |planned, answered| {
        let scheduled = recorder.record(planned, answered);
        if let Some(results) = results.as_mut() {
            results.answered(answered, clock.timestamp());
        }
        scheduled.map(|s| render::wrap(&screen::review::scheduled(&s, false, now), ""))
    })
    .map_err(Error::Terminal)?;
    // The summary and the results file are written whatever ended the quiz.
    let _ = prompter.show(&render::summary(&outcome, seed));
    if let (Some(out), Some(results)) = (&args.out, results.as_mut()) {
        results.finish(&outcome, clock.timestamp())?;
        let _ = prompter.show(&format!("Results written to {}", out.display()));
    }
    let mut ending = outcome.ending;
    let missed = missed(&outcome);
    let mut still_missed = missed.len();
    if mode == Mode::Practice
        && ending == Ending::Finished
        && !missed.is_empty()
        && !args.plain
        && on_terminal()
        && retry_now(missed.len())
    {
        (still_missed, ending) = retry(missed, &options, prompter.as_mut(), &mut recorder, now)?;
    }
    // The review command goes over the last answer to each question: one put right in the
    // retry is no mistake any more.
    if mode == Mode::Practice && still_missed > 0 && saves_progress(args) {
        let _ = prompter.show(&render::wrap(
            "Go over the questions you missed again later with `quiz review --mistakes`.",
            "",
        ));
    }
    Ok(if ending == Ending::Interrupted {
        INTERRUPTED_EXIT
    } else {
        0
    })
}

/// The questions not answered fully right, in the order asked.
fn missed<'b>(outcome: &engine::Outcome<'b>) -> Vec<engine::Planned<'b>> {
    outcome
        .answers
        .iter()
        .filter(|a| a.grade.verdict() != Verdict::Right)
        .map(|a| outcome.plan[a.index].clone())
        .collect()
}

/// The questions missed, tried again at once with their choices in a new order (from the quiz's
/// seed). The retry is practice and goes to the progress database, not to a results file. How
/// many are still not right, and how the retry ended.
fn retry(
    missed: Vec<engine::Planned>,
    options: &engine::PlanOptions,
    prompter: &mut dyn Prompter,
    recorder: &mut Recorder,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(usize, Ending), Error> {
    let tried = missed.len();
    let retry = engine::retry_plan(missed, options.seed, options.shuffle);
    let again = engine::run(retry, Mode::Practice, prompter, &mut |p, a| {
        let scheduled = recorder.record(p, a)?;
        Some(render::wrap(
            &screen::review::scheduled(&scheduled, false, now),
            "",
        ))
    })
    .map_err(Error::Terminal)?;
    let _ = prompter.show(&render::summary(&again, options.seed));
    let right = again.answers.iter();
    let right = right
        .filter(|a| a.grade.verdict() == Verdict::Right)
        .count();
    Ok((tried - right, again.ending))
}

/// Without --count, a quiz fits a sitting: at most [`DEFAULT_COUNT`] questions. When that leaves
/// some out, how many there are, for the header to say how to get every one.
fn fit_a_sitting(
    banks: &[Bank],
    options: &mut engine::PlanOptions,
    counted: bool,
) -> Option<usize> {
    if counted {
        return None;
    }
    let all = engine::plan(banks, options).len();
    (all > DEFAULT_COUNT).then(|| {
        options.count = Some(DEFAULT_COUNT);
        all
    })
}

/// Asks whether to try the questions missed again now; Ctrl-C is a no.
fn retry_now(missed: usize) -> bool {
    let question = format!(
        "Try the {} you missed again now?",
        crate::text::count(missed, "question")
    );
    crate::ui::confirm::confirm(&question).unwrap_or(false)
}

/// Whether input, output and errors are all a terminal that can move its cursor.
fn on_terminal() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal()
        && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

/// Whether `quiz play` keeps the answers in the learner's progress: not with `--no-save`, nor
/// for a classroom exam, which goes to its results file instead.
fn saves_progress(args: &PlayArgs) -> bool {
    let classroom_exam = args.exam && args.out.is_some();
    !args.no_save && !classroom_exam
}

/// What records a quiz or a walk of `quiz play` in the learner's progress.
pub(super) fn progress_recorder<'c>(
    args: &PlayArgs,
    mode: Mode,
    clock: &'c dyn Clock,
) -> Recorder<'c> {
    let save = saves_progress(args);
    let sitting = match mode {
        Mode::Exam => Sitting::Exam,
        Mode::Practice => Sitting::Practice,
    };
    study::recorder(&args.data, save, sitting, clock)
}

/// Menus need a terminal that can move its cursor on every end; anything else (a pipe, a file,
/// `TERM=dumb`) gets numbered prompts read line by line.
pub(super) fn prompter(plain: bool) -> Box<dyn Prompter> {
    interrupt::install();
    if on_terminal() && !plain {
        return Box::new(TerminalPrompter);
    }
    let echo = !std::io::stdin().is_terminal();
    let (prompter, wake) = PlainPrompter::new(
        std::io::BufReader::new(std::io::stdin()),
        std::io::stdout(),
        echo,
    );
    interrupt::wake_on_interrupt(wake);
    Box::new(prompter)
}

fn per_student_order<'b>(
    plan: Vec<engine::Planned<'b>>,
    seed: u64,
    name: Option<&str>,
) -> Result<Vec<engine::Planned<'b>>, Error> {
    match name {
        Some(name) if per_student::usable_name(name) => Ok(per_student::reorder(plan, seed, name)),
        _ => Err(Error::Usage(
            "--shuffle-per-student needs a --name with letters or digits".into(),
        )),
    }
}
