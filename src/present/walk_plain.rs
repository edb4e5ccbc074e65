//! A branching scenario presented as lines, from a pipe or with `--plain`: each step is printed,
//! the class's decision is read as one line (a letter, or the counts of a show of hands), and the
//! story goes on from it to an ending.

use std::io::{self, BufRead, Write};

use super::decision::looks_like_counts;
use super::walk::{Part, WalkLesson};
use super::walk_layout::column_lines;

/// Lines are wrapped for a printed page.
const PAGE: usize = 78;

/// How the lesson ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finished {
    Ending,
    /// The input ended before the story did.
    EndOfInput,
}

/// Runs the lesson from `input` to an ending, writing it to `out`. Each line read is written
/// after its prompt when `echo` is set, so that a transcript of piped input reads like a lesson.
pub(crate) fn run(
    lesson: &mut WalkLesson,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
) -> io::Result<Finished> {
    let bank = &lesson.walk.bank.title;
    writeln!(out, "{bank} · a branching scenario · seed {}", lesson.seed)?;
    writeln!(out)?;
    print_parts(out, &lesson.scenario_parts())?;
    while let Some(page) = lesson.deciding() {
        writeln!(out, "\n── Decision {} ──", page + 1)?;
        print_parts(out, &lesson.step_parts(page))?;
        loop {
            write!(out, "{}", prompt(lesson))?;
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(out)?;
                writeln!(out, "\n── The lesson stopped before an ending ──")?;
                return Ok(Finished::EndOfInput);
            }
            let line = crate::text::for_terminal(line.trim_end_matches(['\n', '\r']));
            if echo {
                writeln!(out, "{line}")?;
            }
            let taken = if lesson.hands_decide() && looks_like_counts(&line) {
                lesson.decide_by_hands(&line).map(Some)
            } else {
                lesson.decide(&line).map(|()| None)
            };
            match taken {
                Ok(hands) => {
                    if let Some(hands) = hands {
                        writeln!(out, "{hands}")?;
                    }
                    break;
                }
                Err(hint) => writeln!(out, "{hint}")?,
            }
        }
        writeln!(out)?;
        print_parts(out, &lesson.outcome_parts(page))?;
    }
    writeln!(out)?;
    print_parts(out, &lesson.ending_parts())?;
    Ok(Finished::Ending)
}

fn prompt(lesson: &WalkLesson) -> String {
    let labels: Vec<&str> = lesson
        .deciding()
        .map(|page| {
            lesson.slides[page]
                .lines
                .iter()
                .map(|l| l.label.as_str())
                .collect()
        })
        .unwrap_or_default();
    match (labels.first(), labels.last(), lesson.hands_decide()) {
        (Some(first), Some(last), true) => format!(
            "The class decides ({first} to {last}, or the hands for each, like {}): ",
            super::tally::example(labels.len())
        ),
        (Some(first), Some(last), false) => {
            format!("The class's answer ({first} to {last}): ")
        }
        _ => "The class's answer: ".into(),
    }
}

fn print_parts(out: &mut dyn Write, parts: &[Part]) -> io::Result<()> {
    for part in parts {
        let text = match part {
            Part::Heading(t) => format!("── {t} ──"),
            Part::Hint(t) => format!("({t})"),
            Part::Choice { label, text, taken } => {
                let mark = if *taken == Some(true) { "▶ " } else { "  " };
                paragraph(&format!("{mark}{label}) {text}"), "     ")
            }
            Part::Paths { taken, best } => paths(taken, best),
            Part::Story(t)
            | Part::Prompt(t)
            | Part::Decided(t)
            | Part::Consequence(t)
            | Part::Why(t)
            | Part::Source(t)
            | Part::Score(t)
            | Part::Debrief(t)
            | Part::Judged(_, t)
            | Part::Rating(_, t) => paragraph(t, ""),
        };
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}

fn paragraph(text: &str, indent: &str) -> String {
    crate::text::wrap(text, PAGE, indent).join("\n")
}

/// The two paths side by side, in two columns of the page.
fn paths(taken: &[String], best: &[String]) -> String {
    let column = (PAGE - 3) / 2;
    let left = column_lines("The class's path", taken, column);
    let right = column_lines("The best path", best, column);
    (0..left.len().max(right.len()))
        .map(|i| {
            let l = left.get(i).map_or("", String::as_str);
            let r = right.get(i).map_or("", String::as_str);
            let pad = column.saturating_sub(crate::style::measure(l));
            format!("{l}{}   {r}", " ".repeat(pad))
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
