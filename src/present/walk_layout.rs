//! One screen of a branching scenario on the projector: the step and its choices, the class's
//! decision and what follows it, or the ending with the class's path beside the best path. The
//! same high-contrast slide as a question's (see `layout`).

use std::time::Instant;

use crate::style::{Style, measure as measure_text_width};

use super::layout::{
    MARGIN, NARROWEST, Row, base, big_clock, blank, fit, footer, header_row, indented, tally_bars,
    without_spacing, wrap,
};
use super::walk::{Part, Typing, WalkLesson};
use crate::bank::branching::Quality;

const KEYS: &str = "d the class decides · c count hands · space/→ on · ←/b back · t timer · q quit";
const KEYS_SHORT: &str = "d decide · c count · → on · b back · t timer · q quit";
const KEYS_SHORTER: &str = "d decide · c count · → b · q quit";
const KEYS_SHORTEST: &str = "d decide · q quit";
const KEYS_AT_THE_END: &str = "←/b back through the story · t timer · q quit";

/// The screen for the lesson's current page, `height` rows of `width` columns.
pub(crate) fn frame(lesson: &WalkLesson, width: usize, height: usize, now: Instant) -> Vec<String> {
    let width = width.max(NARROWEST);
    let keys: &[&str] = if lesson.at_ending() {
        &[KEYS_AT_THE_END, "b back · q quit"]
    } else {
        &[KEYS, KEYS_SHORT, KEYS_SHORTER, KEYS_SHORTEST]
    };
    let footer = footer(lesson.asking_to_stop, keys, width);
    let mut rows = body(lesson, width, now, true);
    // Once decided, what follows matters more than the choices, which go when the page is
    // too tall (the decision names the one taken).
    if without_spacing(&rows) + 1 > height {
        rows = body(lesson, width, now, false);
    }
    fit(rows, footer, width, height)
}

fn body(lesson: &WalkLesson, width: usize, now: Instant, with_choices: bool) -> Vec<Row> {
    let inner = width - 2 * MARGIN;
    let mut rows = vec![header(lesson, width), blank()];
    let decided = lesson.walk.decisions().len() > lesson.at;
    let parts = if lesson.at_ending() {
        lesson.ending_parts()
    } else {
        let mut parts = if lesson.at == 0 {
            lesson.scenario_parts()
        } else {
            Vec::new()
        };
        parts.extend(lesson.step_parts(lesson.at));
        if decided && !with_choices {
            parts.retain(|p| !matches!(p, Part::Choice { .. }));
        }
        parts.extend(lesson.outcome_parts(lesson.at));
        parts
    };
    for part in &parts {
        rows.extend(part_rows(part, inner));
    }
    if let Some(counts) = lesson.tallies.get(lesson.at).and_then(Option::as_ref) {
        rows.push(blank());
        rows.extend(tally_bars(&lesson.slides[lesson.at], counts, inner));
    }
    rows.extend(typing(lesson));
    if lesson.countdown.shown() {
        rows.push(blank());
        rows.extend(big_clock(&lesson.countdown, now, width));
    }
    rows
}

fn header(lesson: &WalkLesson, width: usize) -> Row {
    let title = &lesson.walk.scenario.title;
    let left = if lesson.at_ending() {
        format!(" The ending · {title}")
    } else {
        format!(" Decision {} · {title}", lesson.at + 1)
    };
    header_row(left, lesson.seed, width)
}

fn quality_style(quality: Quality) -> Style {
    match quality {
        Quality::Best => Style::new().green().bright().bold().on_black(),
        Quality::Acceptable => Style::new().yellow().bright().bold().on_black(),
        Quality::Poor => Style::new().red().bright().bold().on_black(),
    }
}

fn part_rows(part: &Part, inner: usize) -> Vec<Row> {
    let bright = Style::new().white().bright().on_black();
    let mut rows = match part {
        Part::Heading(t) => indented(
            wrap(t, inner),
            Style::new().cyan().bright().bold().on_black(),
        ),
        Part::Story(t) => indented(wrap(t, inner), Style::new().cyan().on_black()),
        Part::Prompt(t) | Part::Decided(t) | Part::Score(t) => {
            indented(wrap(t, inner), bright.bold())
        }
        Part::Hint(t) => indented(
            wrap(&format!("({t})"), inner),
            Style::new().yellow().on_black(),
        ),
        Part::Choice { label, text, taken } => return vec![choice(label, text, *taken), blank()],
        Part::Consequence(t) => indented(wrap(t, inner), Style::new().cyan().bright().on_black()),
        Part::Judged(quality, t) | Part::Rating(quality, t) => {
            indented(wrap(t, inner), quality_style(*quality))
        }
        Part::Why(t) | Part::Debrief(t) => indented(wrap(t, inner), bright),
        Part::Source(t) => indented(wrap(t, inner), Style::new().white().dim().on_black()),
        Part::Paths { taken, best } => paths(taken, best, inner),
    };
    if matches!(
        part,
        Part::Story(_)
            | Part::Prompt(_)
            | Part::Score(_)
            | Part::Hint(_)
            | Part::Source(_)
            | Part::Paths { .. }
    ) {
        rows.push(blank());
    }
    rows
}

/// "  B   Check the metadata"; once decided the class's choice is marked and the others dim.
fn choice(label: &str, text: &str, taken: Option<bool>) -> Row {
    let (mark, style) = match taken {
        Some(true) => ("▶ ", Style::new().white().bright().bold().on_black()),
        Some(false) => ("  ", Style::new().white().dim().on_black()),
        None => ("  ", Style::new().white().bright().on_black()),
    };
    let label_style = match taken {
        None => Style::new().yellow().bright().bold().on_black(),
        _ => style,
    };
    vec![
        (" ".repeat(MARGIN), base()),
        (mark.into(), label_style),
        (format!("{label:<3} "), label_style),
        (text.into(), style),
    ]
}

/// The class's path in the left column, the best path in the right one.
fn paths(taken: &[String], best: &[String], inner: usize) -> Vec<Row> {
    let column = (inner.saturating_sub(3) / 2).max(10);
    let left = column_lines("The class's path", taken, column);
    let right = column_lines("The best path", best, column);
    let heading = Style::new().white().bright().bold().on_black();
    let line = Style::new().white().bright().on_black();
    (0..left.len().max(right.len()))
        .map(|i| {
            let style = if i == 0 { heading } else { line };
            let l = left.get(i).map_or("", String::as_str);
            let r = right.get(i).map_or("", String::as_str);
            let pad = column.saturating_sub(measure_text_width(l));
            vec![
                (" ".repeat(MARGIN), base()),
                (format!("{l}{}   ", " ".repeat(pad)), style),
                (r.to_owned(), style),
            ]
        })
        .collect()
}

/// A heading and entries wrapped to `width`, the lines after an entry's first indented.
pub(super) fn column_lines(heading: &str, entries: &[String], width: usize) -> Vec<String> {
    let mut lines = vec![heading.to_owned()];
    for entry in entries {
        lines.extend(crate::text::wrap(entry, width, "   "));
    }
    lines
}

fn typing(lesson: &WalkLesson) -> Vec<Row> {
    let mut rows = Vec::new();
    let prompt = Style::new().yellow().bright().bold().on_black();
    let typed_style = Style::new().white().bright().on_black();
    if let Some(typing) = &lesson.typing {
        let (label, typed) = match typing {
            Typing::Decision(typed) => (
                "The class decides (Enter follows it, Esc cancels): ".to_owned(),
                typed,
            ),
            Typing::Counts(typed) => {
                let labels: Vec<String> = lesson.slides[lesson.at]
                    .tally
                    .iter()
                    .map(|l| l.split(')').next().unwrap_or(l).to_owned())
                    .collect();
                (
                    format!(
                        "Hands for {} (Enter saves, Esc cancels): ",
                        labels.join(" ")
                    ),
                    typed,
                )
            }
        };
        rows.push(blank());
        rows.push(vec![
            (" ".repeat(MARGIN), base()),
            (label, prompt),
            (format!("{typed}▌"), typed_style),
        ]);
    }
    if let Some(message) = &lesson.message {
        rows.extend(indented(
            vec![message.clone()],
            Style::new().yellow().on_black(),
        ));
    }
    rows
}
