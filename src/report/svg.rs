//! Inline SVG charts for the HTML report: plain shapes and text, nothing fetched from anywhere.
//! (Inline `<svg>` in HTML needs no `xmlns`, so the page holds no URL at all.) Every shape is
//! written with an end tag (`<rect …></rect>`): inside `<svg>` an HTML parser reads a start tag
//! without one as opening an element, and maud writes void elements without the `/>`.

use maud::{Markup, html};

use super::flow::{RouteCount, ScenarioFlow};

const BAR_HEIGHT: usize = 22;
const LABEL_WIDTH: usize = 170;
const PLOT_WIDTH: usize = 420;

/// One bar of a horizontal bar chart.
pub(crate) struct Bar {
    pub label: String,
    /// 0..=1 of the plot width.
    pub fraction: f64,
    /// Written after the bar.
    pub value: String,
    pub class: &'static str,
}

/// Horizontal bars, one per row, with a label on the left and the value on the right.
pub(crate) fn bars(title: &str, rows: &[Bar]) -> Markup {
    let shapes = bar_rows(rows, |fraction| {
        let length = (fraction.clamp(0.0, 1.0) * PLOT_WIDTH as f64).round();
        (LABEL_WIDTH as f64, length)
    });
    chart(title, BARS_WIDTH, bars_height(rows), shapes)
}

/// Horizontal bars from a zero line in the middle: `fraction` from −1 (the whole left half) to 1
/// (the whole right half), so that a negative value is seen as such and not as an empty bar.
pub(crate) fn signed_bars(title: &str, rows: &[Bar]) -> Markup {
    let zero = LABEL_WIDTH + PLOT_WIDTH / 2;
    let half = (PLOT_WIDTH / 2) as f64;
    let bars = bar_rows(rows, |fraction| {
        let length = (fraction.clamp(-1.0, 1.0).abs() * half).round();
        let x = if fraction < 0.0 {
            zero as f64 - length
        } else {
            zero as f64
        };
        (x, length)
    });
    let height = bars_height(rows);
    let shapes = html! {
        (bars)
        line class="axisline" x1=(zero) y1="0" x2=(zero) y2=(height) {}
    };
    chart(title, BARS_WIDTH, height, shapes)
}

fn bars_height(rows: &[Bar]) -> usize {
    rows.len() * BAR_HEIGHT + 8
}

/// The width of a bar chart: the labels, the plot and room for the values.
const BARS_WIDTH: usize = LABEL_WIDTH + PLOT_WIDTH + 70;

/// One row per bar: the label, the track, the bar where `span` puts it (its x and length for the
/// row's fraction) and the value.
fn bar_rows(rows: &[Bar], span: impl Fn(f64) -> (f64, f64)) -> Markup {
    html! {
        @for (i, row) in rows.iter().enumerate() {
            @let y = 4 + i * BAR_HEIGHT;
            @let (x, length) = span(row.fraction);
            text x=(LABEL_WIDTH - 6) y=(y + 15) text-anchor="end" { (clip(&row.label, 26)) }
            rect class="track" x=(LABEL_WIDTH) y=(y + 2) width=(PLOT_WIDTH)
                height=(BAR_HEIGHT - 6) {}
            rect class=(row.class) x=(x) y=(y + 2) width=(length) height=(BAR_HEIGHT - 6) {}
            text x=(LABEL_WIDTH + PLOT_WIDTH + 6) y=(y + 15) { (row.value) }
        }
    }
}

/// Vertical bars of the score distribution, one per tenth of the scale.
pub(crate) fn histogram(bins: &[usize; 10]) -> Markup {
    let (width, height, base) = (560, 220, 190);
    let most = bins.iter().copied().max().unwrap_or(0).max(1);
    let shapes = html! {
        @for (i, &count) in bins.iter().enumerate() {
            @let x = 40 + i * 50;
            @let h = (count as f64 / most as f64 * 160.0).round() as usize;
            rect class="bar" x=(x) y=(base - h) width="42" height=(h) {}
            text x=(x + 21) y=(base - h - 4) text-anchor="middle" { (count) }
            text x=(x + 21) y=(base + 16) text-anchor="middle" class="axis" {
                @if i == 9 { "90–100" } @else { (i * 10) "–" (i * 10 + 9) }
            }
        }
        line x1="36" y1=(base) x2=(width - 16) y2=(base) class="axisline" {}
    };
    chart("Score distribution", width, height, shapes)
}

/// A chart of `width` × `height` units, named by `title` for screen readers, holding `shapes`.
fn chart(title: &str, width: usize, height: usize, shapes: Markup) -> Markup {
    html! {
        svg role="img" viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height) {
            title { (title) }
            (shapes)
        }
    }
}

/// Long labels end in "…" so that they stay inside their column.
pub(crate) fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{cut}…")
    }
}

const BOX_WIDTH: f64 = 150.0;
/// The least height of a box; a box with many arrows is taller, [`ANCHOR_GAP`] per arrow.
const BOX_HEIGHT: f64 = 50.0;
/// Room between the arrows that leave or reach one side of a box, for their labels.
const ANCHOR_GAP: f64 = 24.0;
/// Room between columns for the arrows and their labels.
const COLUMN_GAP: f64 = 110.0;
const ROW_GAP: f64 = 40.0;
const MARGIN: f64 = 10.0;
/// The widest arrow, taken by every student who walked the scenario.
const WIDEST: f64 = 16.0;

/// Where a box of the flow picture stands, and its height (every box has the same).
#[derive(Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    height: f64,
}

/// A height that leaves [`ANCHOR_GAP`] between the arrows on the busiest side of any box.
fn box_height(flow: &ScenarioFlow) -> f64 {
    let leaving = flow.steps.iter().map(|s| s.routes.len());
    let ids = flow.steps.iter().map(|s| s.id.as_str());
    let arriving = ids
        .chain(flow.endings.iter().map(|e| e.id.as_str()))
        .map(|id| arrivals(flow, id).len());
    let busiest = leaving.chain(arriving).max().unwrap_or(0);
    BOX_HEIGHT.max(ANCHOR_GAP * (busiest as f64 + 1.0))
}

/// The flow picture of a branching scenario: the steps as boxes from left to right in the order
/// they can be met, the endings in the last column with their rating, and an arrow for each
/// decision as wide as the number of students who took it. The best path is drawn in green.
pub(crate) fn flow(flow: &ScenarioFlow) -> Markup {
    let layout = Layout::of(flow);
    let title = format!("How the class went through {}", flow.scenario);
    let mut arrows = Vec::new();
    let mut lanes = 0usize;
    for (from, step) in flow.steps.iter().enumerate() {
        for (n, route) in step.routes.iter().enumerate() {
            let Some(to) = layout.box_of(flow, &route.next) else {
                continue;
            };
            let start = layout.steps[from];
            let leaving = step.routes.len() as f64;
            let arriving = arrivals(flow, &route.next);
            let into = arriving
                .iter()
                .position(|&(s, r)| s == step.id && r == n)
                .unwrap_or(0);
            let x0 = start.place.x + BOX_WIDTH;
            let y0 = start.place.y + start.place.height * (n as f64 + 1.0) / (leaving + 1.0);
            let end_y =
                to.place.y + to.place.height * (into as f64 + 1.0) / (arriving.len() as f64 + 1.0);
            // An arrow past a column goes over the boxes, in a lane of its own.
            let lane = (to.column > start.column + 1).then(|| {
                lanes += 1;
                MARGIN + (lanes as f64 - 0.5) * LANE
            });
            let best = route.quality == Some(crate::bank::branching::Quality::Best)
                && flow.on_best_path(&step.id, &route.next);
            arrows.push(arrow(
                (x0, y0),
                (to.place, end_y),
                lane,
                route,
                best,
                flow.walkers,
            ));
        }
    }
    let shapes = html! {
        @for arrow in &arrows { (arrow) }
        (boxes(flow, &layout))
    };
    chart(&title, layout.width, layout.height, shapes)
}

/// Room for one arrow that goes over the boxes.
const LANE: f64 = WIDEST + 6.0;

/// A box of the flow picture and its column.
#[derive(Clone, Copy)]
struct Boxed {
    place: Place,
    column: usize,
}

/// Where every box of a flow picture stands, and the picture's size.
struct Layout {
    steps: Vec<Boxed>,
    endings: Vec<Boxed>,
    width: usize,
    height: usize,
}

impl Layout {
    fn of(flow: &ScenarioFlow) -> Self {
        let columns = columns(flow);
        let last = columns.iter().copied().max().unwrap_or(0) + 1;
        let column_of = |id: &str| {
            flow.steps
                .iter()
                .position(|s| s.id == id)
                .map_or(last, |i| columns[i])
        };
        // Lanes over the boxes for the arrows that go past a column.
        let lanes = flow
            .steps
            .iter()
            .zip(&columns)
            .flat_map(|(s, &c)| s.routes.iter().map(move |r| (c, r)))
            .filter(|(c, r)| column_of(&r.next) > c + 1)
            .count();
        let top = MARGIN + lanes as f64 * LANE;
        let height = box_height(flow);
        let mut rows = vec![0usize; last + 1];
        let mut place = |column: usize| {
            let row = rows[column];
            rows[column] += 1;
            let x = MARGIN + column as f64 * (BOX_WIDTH + COLUMN_GAP);
            let y = top + row as f64 * (height + ROW_GAP);
            Boxed {
                place: Place { x, y, height },
                column,
            }
        };
        let steps: Vec<Boxed> = columns.iter().map(|&c| place(c)).collect();
        let endings: Vec<Boxed> = flow.endings.iter().map(|_| place(last)).collect();
        let tallest = rows.iter().copied().max().unwrap_or(1) as f64;
        let width = 2.0 * MARGIN + (last + 1) as f64 * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP;
        // Room below the boxes for the arrows that lead back to an earlier step.
        let bottom = top + tallest * (height + ROW_GAP) + height;
        Layout {
            steps,
            endings,
            width: width.ceil() as usize,
            height: bottom.ceil() as usize,
        }
    }

    /// The box of the step or ending `id`.
    fn box_of(&self, flow: &ScenarioFlow, id: &str) -> Option<Boxed> {
        if let Some(i) = flow.steps.iter().position(|s| s.id == id) {
            return Some(self.steps[i]);
        }
        let i = flow.endings.iter().position(|e| e.id == id)?;
        Some(self.endings[i])
    }
}

/// The steps, those of the best path outlined in green, and the endings coloured by rating.
fn boxes(flow: &ScenarioFlow, layout: &Layout) -> Markup {
    html! {
        @for (step, boxed) in flow.steps.iter().zip(&layout.steps) {
            @let best = flow.best_path.contains(&step.id);
            @let class = if best { "flow-step best" } else { "flow-step" };
            @let tip = step.prompt.as_deref().unwrap_or(&step.id);
            (node(
                boxed.place,
                class,
                tip,
                &step.id,
                &format!("decided by {} of {}", step.students, flow.walkers),
            ))
        }
        @for (ending, boxed) in flow.endings.iter().zip(&layout.endings) {
            @let rating = ending.rating.map_or("unrated", |r| r.name());
            @let name = ending.title.as_deref().unwrap_or(&ending.id);
            (node(
                boxed.place,
                &format!("flow-end {rating}"),
                &format!("ending {} ({rating})", ending.id),
                name,
                &format!("{rating} · {} of {}", ending.students, flow.walkers),
            ))
        }
    }
}

/// Where the depth-first walk of [`columns`] stands with a step.
#[derive(Clone, Copy, PartialEq)]
enum State {
    New,
    OnPath,
    Done,
}

/// Each step's column: after every step a decision leads to it from, a way back to a step
/// already on the path (a loop) aside, so that the story reads from left to right. A step no
/// decision leads to comes after the others.
fn columns(flow: &ScenarioFlow) -> Vec<usize> {
    let count = flow.steps.len();
    let next: Vec<Vec<usize>> = flow
        .steps
        .iter()
        .map(|s| {
            s.routes
                .iter()
                .filter_map(|r| flow.steps.iter().position(|t| t.id == r.next))
                .collect()
        })
        .collect();
    // Depth first from the first step: the order each step is finished in, and the ways back.
    let mut state = vec![State::New; count];
    let mut finished = Vec::with_capacity(count);
    let mut back = std::collections::HashSet::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    if count > 0 {
        state[0] = State::OnPath;
        stack.push((0, 0));
    }
    while let Some(top) = stack.last_mut() {
        let (step, n) = *top;
        if let Some(&after) = next[step].get(n) {
            top.1 += 1;
            match state[after] {
                State::New => {
                    state[after] = State::OnPath;
                    stack.push((after, 0));
                }
                State::OnPath => {
                    back.insert((step, after));
                }
                State::Done => {}
            }
            continue;
        }
        state[step] = State::Done;
        finished.push(step);
        stack.pop();
    }
    // In reverse finishing order every step comes after those leading to it.
    let mut column: Vec<Option<usize>> = vec![None; count];
    if count > 0 {
        column[0] = Some(0);
    }
    for &step in finished.iter().rev() {
        let Some(here) = column[step] else { continue };
        for &after in &next[step] {
            if !back.contains(&(step, after)) {
                column[after] = Some(column[after].map_or(here + 1, |c| c.max(here + 1)));
            }
        }
    }
    let deepest = column.iter().flatten().copied().max().unwrap_or(0);
    column
        .into_iter()
        .map(|c| c.unwrap_or(deepest + 1))
        .collect()
}

/// The decisions that lead to `id`, as (step id, route index), in the order drawn.
fn arrivals<'f>(flow: &'f ScenarioFlow, id: &str) -> Vec<(&'f str, usize)> {
    flow.steps
        .iter()
        .flat_map(|s| {
            s.routes
                .iter()
                .enumerate()
                .filter(|(_, r)| r.next == id)
                .map(move |(n, _)| (s.id.as_str(), n))
        })
        .collect()
}

/// One decision's arrow, its width the students who took it; forward to the left side of the
/// box it leads to (over the boxes, in `lane`, when it goes past a column), or, back to an
/// earlier column, round below to the bottom of that box.
fn arrow(
    (x0, y0): (f64, f64),
    (to, end_y): (Place, f64),
    lane: Option<f64>,
    route: &RouteCount,
    best: bool,
    walkers: usize,
) -> Markup {
    let width = if walkers > 0 && route.students > 0 {
        2.0 + (WIDEST - 2.0) * route.students as f64 / walkers as f64
    } else {
        1.0
    };
    let class = match (best, route.students) {
        (true, _) => "flow-arrow best",
        (false, 0) => "flow-arrow untaken",
        (false, _) => "flow-arrow",
    };
    let head = (width / 2.0 + 4.0).max(5.0);
    let (path, tip) = if to.x > x0 {
        let (x3, y3) = (to.x - head, end_y);
        let mid = f64::midpoint(x0, x3);
        let path = match lane {
            // Up into the lane within the gap after the box, down within the gap before.
            Some(y) => format!(
                "M{x0:.0},{y0:.0} C{:.0},{y0:.0} {:.0},{y:.0} {:.0},{y:.0} L{:.0},{y:.0} \
                 C{:.0},{y:.0} {:.0},{y3:.0} {x3:.0},{y3:.0}",
                x0 + 40.0,
                x0 + 30.0,
                x0 + 70.0,
                x3 - 70.0,
                x3 - 30.0,
                x3 - 40.0
            ),
            None => format!("M{x0:.0},{y0:.0} C{mid:.0},{y0:.0} {mid:.0},{y3:.0} {x3:.0},{y3:.0}"),
        };
        (
            path,
            format!(
                "{:.0},{:.0} {:.0},{:.0} {:.0},{:.0}",
                to.x,
                end_y,
                x3,
                end_y - head,
                x3,
                end_y + head
            ),
        )
    } else {
        let (x3, y3) = (to.x + BOX_WIDTH / 2.0, to.y + to.height + head);
        let low = y0.max(y3) + to.height / 2.0;
        (
            format!(
                "M{x0:.0},{y0:.0} C{:.0},{low:.0} {x3:.0},{low:.0} {x3:.0},{y3:.0}",
                x0 + COLUMN_GAP / 2.0
            ),
            format!(
                "{:.0},{:.0} {:.0},{:.0} {:.0},{:.0}",
                x3,
                to.y + to.height,
                x3 - head,
                y3,
                x3 + head,
                y3
            ),
        )
    };
    // Labelled where it leaves its box, where the arrows are spread apart.
    let label = (x0 + 6.0, y0 - width / 2.0 - 3.0);
    html! {
        g class=(class) {
            title {
                (route.label) " → " (route.next) ": " (route.students) " student"
                (crate::text::plural_s(route.students))
            }
            path d=(path) stroke-width=(format!("{width:.1}")) {}
            polygon points=(tip) {}
            text x=(format!("{:.0}", label.0)) y=(format!("{:.0}", label.1)) {
                (short_label(&route.label)) " · " (route.students)
            }
        }
    }
}

/// A choice by its letter ("A" of "A) Call the press office"), a verdict by its name.
fn short_label(label: &str) -> String {
    match label.split_once(") ") {
        Some((letter, _)) if letter.chars().count() <= 2 => letter.to_owned(),
        _ => clip(label, 14),
    }
}

/// A box with two lines of text and, as its tooltip, `tip`.
fn node(place: Place, class: &str, tip: &str, name: &str, detail: &str) -> Markup {
    let whole = |n: f64| format!("{n:.0}");
    html! {
        g class=(class) {
            title { (tip) }
            rect x=(whole(place.x)) y=(whole(place.y)) width=(BOX_WIDTH)
                height=(whole(place.height)) rx="6" {}
            text x=(whole(place.x + 8.0)) y=(whole(place.y + place.height / 2.0 - 4.0))
                class="name" { (clip(name, 20)) }
            text x=(whole(place.x + 8.0)) y=(whole(place.y + place.height / 2.0 + 14.0)) {
                (clip(detail, 24))
            }
        }
    }
}
