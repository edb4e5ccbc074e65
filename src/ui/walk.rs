//! A branching scenario in the terminal: the scenario's text, then each decision; after a pick
//! what happens next and the passage that settles it; at the ending its text, the rating, the
//! path taken against the best path and the debrief.
//!
//! In practice each decision is judged as it is taken (best, acceptable or poor, with its
//! points and why); in an exam only the story and the source are told on the way, and the
//! judgement waits for the end.

use std::time::Instant;

use crate::style::style;

use super::render::wrap;
use crate::bank::Citation;
use crate::bank::branching::{Quality, Routes};
use crate::engine::describe::{key_text, picked_whys, points};
use crate::engine::session::{form, to_author_order};
use crate::engine::walk::{Decision, Walk};
use crate::engine::{Ask, Ending, Mode, Prompter, Stop, Verdict};

/// Said when the learner tries to skip a decision: the story cannot go on without it.
pub(crate) const NO_SKIP: &str = "A decision cannot be skipped: pick one to go on.";

/// Walks `walk` to an ending, or until the learner stops. `on_decision` sees the walk after each
/// decision, so that nothing decided is lost if the walk is cut short.
pub(crate) fn run(
    walk: &mut Walk,
    mode: Mode,
    prompter: &mut dyn Prompter,
    on_decision: &mut dyn FnMut(&Walk),
) -> Result<Ending, std::io::Error> {
    if let Err(stop) = prompter.scenario(walk.scenario) {
        return stopped(stop, prompter);
    }
    while let Some(planned) = walk.current() {
        if prompter.stop_requested() {
            return Ok(Ending::Interrupted);
        }
        let Some(step) = walk.at_step() else { break };
        let best = crate::bank::branching::best_route_points(&walk.branching.steps[step]);
        let ask = Ask {
            number: walk.decisions().len() + 1,
            total: 0,
            prompt: &planned.question.prompt,
            points: best,
            form: form(&planned),
            so_far: None,
        };
        let started = Instant::now();
        let shown = match prompter.ask(&ask) {
            Ok(shown) => shown,
            Err(Stop::Skip) => {
                if let Err(stop) = prompter.show(&wrap(NO_SKIP, "")) {
                    return stopped(stop, prompter);
                }
                continue;
            }
            Err(stop) => return stopped(stop, prompter),
        };
        let response = to_author_order(&planned, shown);
        let seconds = started.elapsed().as_secs_f64();
        let Some(decision) = walk.decide(response, seconds).cloned() else {
            break;
        };
        on_decision(walk);
        if let Err(stop) = prompter.show(&after_decision(walk, &decision, mode)) {
            return stopped(stop, prompter);
        }
    }
    Ok(Ending::Finished)
}

/// How a stop ends the walk, as it ends a quiz.
fn stopped(stop: Stop, prompter: &dyn Prompter) -> Result<Ending, std::io::Error> {
    match stop {
        Stop::Interrupted => Ok(Ending::Interrupted),
        Stop::Quit => Ok(Ending::Stopped),
        Stop::EndOfInput | Stop::Skip => Ok(Ending::EndOfInput),
        Stop::Io(_) if prompter.stop_requested() => Ok(Ending::Interrupted),
        Stop::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Ending::EndOfInput),
        Stop::Io(e) => Err(e),
    }
}

/// "best · 2 of 2 points".
fn judged(decision: &Decision) -> String {
    format!("{} · {}", decision.quality.name(), decision.earned_text())
}

fn quality_line(decision: &Decision) -> String {
    let line = format!(
        "{} decision · {}",
        decision.quality.title(),
        decision.earned_text()
    );
    match decision.quality {
        Quality::Best => style(format!("◆ {line}")).green().bold().to_string(),
        Quality::Acceptable => style(format!("◇ {line}")).yellow().bold().to_string(),
        Quality::Poor => style(format!("✘ {line}")).red().bold().to_string(),
    }
}

fn source_line(walk: &Walk, citation: &Citation) -> String {
    style(wrap(&walk.bank.source_line(citation), ""))
        .dim()
        .to_string()
}

/// What follows a decision: what happens next, then (in practice) the judgement and the why,
/// then the source.
pub(crate) fn after_decision(walk: &Walk, decision: &Decision, mode: Mode) -> String {
    let step = &walk.branching.steps[decision.step];
    let question = &step.question;
    let route = walk.route(decision);
    let mut lines = Vec::new();
    if !route.consequence.trim().is_empty() {
        lines.push(wrap(&format!("→ {}", route.consequence.trim()), "  "));
    }
    if mode == Mode::Practice {
        lines.push(quality_line(decision));
        if !decision.counted {
            lines.push(wrap(
                "  (decided here before: the score counts the first decision)",
                "    ",
            ));
        }
        if let Routes::ByVerdict { .. } = step.routes {
            if decision.grade.verdict() != Verdict::Right {
                lines.push(wrap(
                    &format!("Correct answer: {}", key_text(question)),
                    "  ",
                ));
            }
            if !question.explanation.trim().is_empty() {
                lines.push(wrap(&format!("Why: {}", question.explanation.trim()), ""));
            }
        }
        for why in picked_whys(question, &decision.response) {
            lines.push(wrap(&format!("Why: {why}"), ""));
        }
    }
    let citation = route.citation.as_ref().unwrap_or(&question.citation);
    lines.push(source_line(walk, citation));
    lines.join("\n")
}

/// The end of a walk: the ending (or where it stopped), the score, the path taken against the
/// best path, and the debrief.
pub(crate) fn ending(walk: &Walk) -> String {
    let mut text = String::new();
    let line = |text: &mut String, s: String| {
        text.push_str(&s);
        text.push('\n');
    };
    match walk.ending() {
        Some(ending) => {
            let title = ending.name();
            line(
                &mut text,
                format!(
                    "\n{}",
                    style(wrap(&format!("── Ending: {title} ──"), ""))
                        .cyan()
                        .bold()
                ),
            );
            line(&mut text, wrap(&crate::text::reflow(&ending.text), ""));
            line(
                &mut text,
                format!("Rating: {} ending", ending.rating.name()),
            );
        }
        None => line(
            &mut text,
            format!(
                "\n{}",
                style("── The story stopped before an ending ──")
                    .cyan()
                    .bold()
            ),
        ),
    }
    let (earned, best) = walk.score();
    let share = if best > 0.0 {
        earned / best * 100.0
    } else {
        0.0
    };
    line(
        &mut text,
        style(format!(
            "Score: {} of {} points ({share:.0}%): your decisions against the best path's",
            points(earned),
            points(best)
        ))
        .bold()
        .to_string(),
    );
    line(&mut text, "Your path:".into());
    for (n, decision) in walk.decisions().iter().enumerate() {
        let answer = walk.decision_text(decision);
        let mut entry = format!("  {}. {answer} — {}", n + 1, judged(decision));
        if !decision.counted {
            entry.push_str(" (not counted: decided before)");
        }
        line(&mut text, wrap(&entry, "     "));
    }
    if let Some(ending) = walk.ending() {
        let title = ending.name();
        line(&mut text, format!("  → {title}"));
    }
    if walk.took_best_path() {
        line(&mut text, "You took the best path.".into());
    } else {
        line(&mut text, best_path(walk));
    }
    if let Some(ending) = walk.ending() {
        if !ending.debrief.trim().is_empty() {
            line(
                &mut text,
                wrap(&format!("Debrief: {}", ending.debrief.trim()), ""),
            );
        }
        if let Some(citation) = &ending.citation {
            line(&mut text, source_line(walk, citation));
        }
    }
    text.trim_end().to_owned()
}

/// The best path: the best decision at each of its steps, and its ending.
fn best_path(walk: &Walk) -> String {
    let (steps, ending) = walk.best_path();
    let mut text = String::from("The best path:");
    for (n, &step) in steps.iter().enumerate() {
        let decision = walk.best_decision_text(step);
        text.push('\n');
        text.push_str(&wrap(&format!("  {}. {decision}", n + 1), "     "));
    }
    if let Some(ending) = ending.map(|e| &walk.branching.endings[e]) {
        let title = ending.name();
        text.push_str(&format!("\n  → {title}"));
    }
    text
}
