//! One screen of presenter mode: the slide laid out over the whole terminal, light text on black,
//! with the countdown in block digits that read from the back of a room.
//!
//! A terminal cannot make its font larger (the teacher zooms the terminal for that); what a layout
//! can do is use the full width, keep a wide margin, space the lines and keep contrast high.

use std::time::Instant;

use crate::style::{Style, measure as measure_text_width};

use super::countdown::Countdown;
use super::{Line, Presenter, Slide};

pub(super) const MARGIN: usize = 4;
/// Below this the layout stops shrinking and lines simply wrap more.
pub(super) const NARROWEST: usize = 24;
const KEYS: &str = "space/→ next · ←/b back · r reveal · t timer · c count hands · q quit";
const KEYS_SHORT: &str = "→ next · b back · r reveal · t timer · c count · q quit";
const KEYS_SHORTER: &str = "→ b · r reveal · t timer · c count · q quit";
const KEYS_SHORTEST: &str = "→ · r reveal · q quit";

/// A line of the screen as styled pieces; `finish` paints it across the full width.
pub(super) type Row = Vec<(String, Style)>;

pub(super) fn base() -> Style {
    Style::new().white().on_black()
}

pub(super) fn text(s: impl Into<String>, style: Style) -> Row {
    vec![(s.into(), style)]
}

pub(super) fn blank() -> Row {
    Vec::new()
}

/// Every cell gets the black background, so the whole screen is one high-contrast slide.
fn finish(row: &Row, width: usize) -> String {
    let mut line = String::new();
    let mut used = 0;
    for (piece, style) in row {
        used += measure_text_width(piece);
        line.push_str(&style.apply_to(piece).to_string());
    }
    let pad = width.saturating_sub(used);
    line.push_str(&base().apply_to(" ".repeat(pad)).to_string());
    line
}

/// Words wrapped to `width` columns; paragraphs (blank lines) are kept.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    crate::text::wrap(text, width, "")
}

pub(super) fn indented(lines: Vec<String>, style: Style) -> Vec<Row> {
    lines
        .into_iter()
        .map(|l| vec![(" ".repeat(MARGIN), base()), (l, style)])
        .collect()
}

/// The screen for the presenter's current state, `height` rows of `width` columns.
pub(crate) fn frame(p: &Presenter, width: usize, height: usize, now: Instant) -> Vec<String> {
    let width = width.max(NARROWEST);
    let footer = footer(
        p.asking_to_stop,
        &[KEYS, KEYS_SHORT, KEYS_SHORTER, KEYS_SHORTEST],
        width,
    );
    let mut rows = body(p, width, now, true);
    // After the reveal the answer line names what is right, so the choices can go when the
    // slide is too tall: the header, the scenario and the answer stay on screen.
    if p.revealed[p.at] && without_spacing(&rows) + 1 > height {
        rows = body(p, width, now, false);
    }
    fit(rows, footer, width, height)
}

fn body(p: &Presenter, width: usize, now: Instant, with_choices: bool) -> Vec<Row> {
    let inner = width - 2 * MARGIN;
    let slide = p.slide();
    let mut rows = vec![header(p, width), blank()];
    rows.extend(question(slide, inner));
    if with_choices {
        rows.extend(choices(slide, p.revealed[p.at]));
    }
    if p.revealed[p.at] {
        rows.extend(reveal(slide, p.tallies[p.at].as_deref(), inner));
    }
    rows.extend(typing(p));
    if p.countdown.shown() {
        rows.push(blank());
        rows.extend(big_clock(&p.countdown, now, width));
    }
    rows
}

/// How many rows are left once the blank ones are dropped.
pub(super) fn without_spacing(rows: &[Row]) -> usize {
    rows.iter().filter(|r| !r.is_empty()).count()
}

/// The last row: the key help, or the question to stop in its place, so that it is never cut
/// off.
pub(super) fn footer(asking_to_stop: bool, keys: &[&str], width: usize) -> Row {
    if asking_to_stop {
        text(
            format!(" {}", super::STOP_QUESTION),
            Style::new().yellow().bright().bold().on_black(),
        )
    } else {
        text(
            format!(" {}", keys_help(width, keys)),
            Style::new().white().dim().on_black(),
        )
    }
}

/// The key help, the first of `keys` (longest first) that fits on one line of `width` columns.
fn keys_help(width: usize, keys: &[&str]) -> String {
    let room = width.saturating_sub(2);
    let shortest = keys.last().copied().unwrap_or_default();
    keys.iter()
        .find(|k| measure_text_width(k) <= room)
        .map_or_else(
            || crate::style::truncate(shortest, room, "…").into_owned(),
            |k| (*k).to_owned(),
        )
}

/// Rows padded with blank ones to fill the screen, the key help on the last; spacing is dropped
/// first when the slide is too tall, then the rows at the bottom, so that the top stays.
pub(super) fn fit(mut rows: Vec<Row>, footer: Row, width: usize, height: usize) -> Vec<String> {
    if rows.len() + 1 > height {
        let header = rows.remove(0);
        rows.retain(|r| !r.is_empty());
        rows.insert(0, header);
    }
    if rows.len() + 1 > height {
        rows.truncate(height.saturating_sub(2).max(1));
        rows.push(text(
            format!(
                "{}… (more below: a taller window shows it)",
                " ".repeat(MARGIN)
            ),
            Style::new().white().dim().on_black(),
        ));
    }
    while rows.len() + 1 < height {
        rows.push(blank());
    }
    rows.push(footer);
    rows.iter().map(|r| finish(r, width)).collect()
}

fn header(p: &Presenter, width: usize) -> Row {
    let slide = p.slide();
    let left = format!(
        " Question {} of {} · {}",
        p.at + 1,
        p.slides.len(),
        slide.bank_title
    );
    header_row(left, p.seed, width)
}

/// The top row: where the lesson is on the left, the seed on the right.
pub(super) fn header_row(left: String, seed: u64, width: usize) -> Row {
    let mut right = format!("seed {seed} ");
    // A narrow window keeps the question's number: the seed goes, then the bank's title is cut.
    if measure_text_width(&left) + measure_text_width(&right) > width {
        right.clear();
    }
    let left = crate::style::truncate(&left, width, "…").into_owned();
    let gap = width.saturating_sub(measure_text_width(&left) + measure_text_width(&right));
    let style = Style::new().black().on_white().bold();
    vec![(format!("{left}{}{right}", " ".repeat(gap)), style)]
}

fn question(slide: &Slide, inner: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    if let Some((title, body)) = &slide.scenario {
        let heading = Style::new().cyan().bright().bold().on_black();
        rows.extend(indented(
            wrap(&format!("Scenario: {title}"), inner),
            heading,
        ));
        rows.extend(indented(wrap(body, inner), Style::new().cyan().on_black()));
        rows.push(blank());
    }
    let prompt = Style::new().white().bright().bold().on_black();
    rows.extend(indented(wrap(&slide.prompt, inner), prompt));
    if let Some(hint) = &slide.hint {
        let hint_style = Style::new().yellow().on_black();
        rows.extend(indented(vec![format!("({hint})")], hint_style));
    }
    rows.push(blank());
    rows
}

fn choices(slide: &Slide, revealed: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in &slide.lines {
        rows.push(choice(line, revealed));
        rows.push(blank());
    }
    rows
}

/// "A   June"; after the reveal the right answers turn green and the others dim.
fn choice(line: &Line, revealed: bool) -> Row {
    let (mark, label_style, text_style) = match (revealed, line.correct) {
        (true, Some(true)) => {
            let green = Style::new().green().bright().bold().on_black();
            ("✔ ", green, green)
        }
        (true, Some(false)) => {
            let dim = Style::new().white().dim().on_black();
            ("  ", dim, dim)
        }
        _ => (
            "  ",
            Style::new().yellow().bright().bold().on_black(),
            Style::new().white().bright().on_black(),
        ),
    };
    vec![
        (" ".repeat(MARGIN), base()),
        (mark.into(), label_style),
        (format!("{:<3} ", line.label), label_style),
        (line.text.clone(), text_style),
    ]
}

fn reveal(slide: &Slide, tally: Option<&[u32]>, inner: usize) -> Vec<Row> {
    let green = Style::new().green().bright().bold().on_black();
    let mut rows = indented(wrap(&format!("Answer: {}", slide.answer), inner), green);
    for pair in &slide.answer_lines {
        rows.extend(indented(wrap(&format!("  {pair}"), inner), green));
    }
    let why = Style::new().white().bright().on_black();
    rows.extend(indented(
        wrap(&format!("Why: {}", slide.explanation), inner),
        why,
    ));
    let source = Style::new().white().dim().on_black();
    rows.extend(indented(wrap(&slide.source, inner), source));
    if let Some(counts) = tally {
        rows.push(blank());
        rows.extend(tally_bars(slide, counts, inner));
    }
    rows
}

/// The show of hands as bars, the right options in green.
pub(super) fn tally_bars(slide: &Slide, counts: &[u32], inner: usize) -> Vec<Row> {
    let total: u32 = counts.iter().sum();
    let label_width = slide
        .tally
        .iter()
        .map(|l| measure_text_width(l).min(inner / 3))
        .max()
        .unwrap_or(0);
    let bar_width = inner.saturating_sub(label_width + 14).max(5);
    let mut rows = indented(
        vec![format!("The class answered ({total} counted):")],
        Style::new().white().bright().bold().on_black(),
    );
    for ((label, &count), correct) in slide.tally.iter().zip(counts).zip(&slide.tally_correct) {
        let share = if total > 0 {
            f64::from(count) / f64::from(total)
        } else {
            0.0
        };
        let filled = (share * bar_width as f64).round() as usize;
        let colour = match correct {
            Some(true) => Style::new().green().bright().on_black(),
            _ => Style::new().white().on_black(),
        };
        let label = crate::style::truncate(label, label_width, "…");
        rows.push(vec![
            (" ".repeat(MARGIN), base()),
            (format!("{label:<label_width$}  "), colour),
            ("█".repeat(filled), colour),
            (format!(" {count} ({:.0}%)", share * 100.0), colour),
        ]);
    }
    rows
}

fn typing(p: &Presenter) -> Vec<Row> {
    let mut rows = Vec::new();
    let slide = p.slide();
    if let Some(typed) = &p.typing {
        let labels: Vec<String> = slide
            .tally
            .iter()
            .map(|l| l.split(')').next().unwrap_or(l).to_owned())
            .collect();
        rows.push(blank());
        rows.push(vec![
            (" ".repeat(MARGIN), base()),
            (
                format!(
                    "Hands for {} (Enter saves, Esc cancels): ",
                    labels.join(" ")
                ),
                Style::new().yellow().bright().bold().on_black(),
            ),
            (
                format!("{typed}▌"),
                Style::new().white().bright().on_black(),
            ),
        ]);
    }
    if let Some(message) = &p.message {
        rows.extend(indented(
            vec![message.clone()],
            Style::new().yellow().on_black(),
        ));
    }
    rows
}

/// Block digits, each cell doubled across because terminal cells are twice as tall as wide.
const DIGITS: [[&str; 5]; 11] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    ["  █", "  █", "  █", "  █", "  █"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
    [" ", "█", " ", "█", " "],
];

/// "1:05" in five rows of block digits.
pub(crate) fn block_digits(clock: &str) -> Vec<String> {
    (0..5)
        .map(|row| {
            clock
                .chars()
                .filter_map(|c| match c {
                    '0'..='9' => Some(DIGITS[c as usize - '0' as usize][row]),
                    ':' => Some(DIGITS[10][row]),
                    _ => None,
                })
                .map(|glyph| glyph.chars().flat_map(|c| [c, c]).collect::<String>())
                .collect::<Vec<_>>()
                .join("  ")
        })
        .collect()
}

pub(super) fn big_clock(countdown: &Countdown, now: Instant, width: usize) -> Vec<Row> {
    let left = countdown.remaining(now);
    // Rounded up, so "0:00" shows only once the time is really over.
    let secs = left.as_millis().div_ceil(1000) as u64;
    let clock = format!("{}:{:02}", secs / 60, secs % 60);
    let style = match (secs, countdown.running()) {
        (0, _) => Style::new().red().bright().bold().on_black(),
        (1..=10, true) => Style::new().yellow().bright().bold().on_black(),
        (_, true) => Style::new().white().bright().bold().on_black(),
        (_, false) => Style::new().white().dim().on_black(),
    };
    let digits = block_digits(&clock);
    let shift = width.saturating_sub(measure_text_width(&digits[0]) + MARGIN);
    digits
        .into_iter()
        .map(|row| vec![(" ".repeat(shift), base()), (row, style)])
        .collect()
}
