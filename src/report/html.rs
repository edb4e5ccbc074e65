//! The report as one self-contained HTML page: the terminal report's tables plus SVG charts, with
//! its style inline and no scripts, fonts or images fetched, so it opens offline and prints. The
//! page is written with maud's templates, which escape every text spliced into them, so that
//! nothing a results file or a bank holds can become markup.

use std::fmt::Display;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::analysis::{ItemStats, Report, WEAK_DISCRIMINATION};
use super::flow::ScenarioFlow;
use super::svg::{self, Bar};
use super::text::duration;
use crate::engine::describe::points;
use crate::text::{plural_s, reflow};

const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#111}\
h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #111}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}\
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
.fail{color:#b00020;font-weight:bold}.pass{color:#1b5e20}\
.flag{color:#b00020}.notes li{margin:.2rem 0}.muted{color:#555}\
svg text{font:12px system-ui,sans-serif;fill:#111}svg .axis{fill:#555}\
svg .track{fill:#eee}svg .bar{fill:#1565c0}svg .right{fill:#2e7d32}svg .wrong{fill:#9e9e9e}\
svg .bad{fill:#c62828}svg .axisline{stroke:#111}\
section.question{break-inside:avoid;margin:1.5rem 0}p.prompt{white-space:pre-line}\
figure.flow{margin:1rem 0}figure.flow svg{max-width:100%;height:auto}svg text.name{font-weight:bold}\
svg .flow-step rect{fill:#e3f2fd;stroke:#1565c0}svg .flow-step.best rect{stroke:#2e7d32;stroke-width:3}\
svg .flow-end rect{fill:#eee;stroke:#555}svg .flow-end.best rect{fill:#c8e6c9}\
svg .flow-end.acceptable rect{fill:#fff3c4}svg .flow-end.poor rect{fill:#ffcdd2}\
svg .flow-arrow path{fill:none;stroke:#1565c0;stroke-opacity:.55}\
svg .flow-arrow text{paint-order:stroke;stroke:#fff;stroke-width:3px}svg .flow-arrow polygon{fill:#1565c0}\
svg .flow-arrow.best path{stroke:#2e7d32;stroke-opacity:.8}svg .flow-arrow.best polygon{fill:#2e7d32}\
svg .flow-arrow.untaken path{stroke:#9e9e9e;stroke-dasharray:4 3}svg .flow-arrow.untaken polygon{fill:#9e9e9e}\
.wide{overflow-x:auto;max-width:100%}figure{margin:1rem 0}svg{max-width:100%;height:auto}\
caption{text-align:left;font-weight:bold;padding:.25rem 0}";

/// The page of one exam's report, or (`--mixed`) of several, each in a section under its
/// heading.
pub(crate) fn render(reports: &[(Option<String>, Report)]) -> String {
    let students: usize = reports.iter().map(|(_, r)| r.students.len()).sum();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Class report · " (students) " student" (plural_s(students)) }
                // The page's own constant style, which a `<style>` element takes as it is.
                style { (PreEscaped(STYLE)) }
            }
            body {
                @for (i, (heading, report)) in reports.iter().enumerate() {
                    @if let Some(heading) = heading {
                        section class="exam" id={ "exam-" (i + 1) } {
                            h1 { (heading) }
                            (sections(report, &Anchors::of_exam(i + 1)))
                        }
                    } @else {
                        (sections(report, &Anchors::default()))
                    }
                }
            }
        }
    };
    let mut page = page.into_string();
    page.push('\n');
    page
}

/// The ids of one report's parts and the links to them. On a page of several exams each exam's
/// ids get its number, so that no id is on the page twice.
#[derive(Default)]
struct Anchors {
    prefix: String,
}

impl Anchors {
    fn of_exam(number: usize) -> Self {
        Anchors {
            prefix: format!("exam-{number}-"),
        }
    }

    fn id(&self, name: impl Display) -> String {
        format!("{}{name}", self.prefix)
    }

    fn link(&self, name: impl Display) -> String {
        format!("#{}{name}", self.prefix)
    }
}

/// A table in a box of its own that scrolls sideways, so that a wide table never widens the page
/// on a phone; focusable, so that a keyboard can scroll it too.
fn wide(table: Markup) -> Markup {
    html! {
        div class="wide" tabindex="0" role="region" aria-label="Table, scrolls sideways" {
            (table)
        }
    }
}

fn sections(report: &Report, at: &Anchors) -> Markup {
    html! {
        (summary(report, at))
        (notes(report, at))
        (students(report, at))
        (distribution(report, at))
        @if !report.items.is_empty() || report.scenarios.is_empty() {
            (questions(report, at))
        }
        (scenarios(report, at))
        (tags(report, at))
        (certainty(report, at))
    }
}

fn summary(report: &Report, at: &Anchors) -> Markup {
    let s = &report.scores;
    let walked = match report.scenarios.len() {
        0 => String::new(),
        1 => " · 1 branching scenario".to_owned(),
        n => format!(" · {n} branching scenarios"),
    };
    let line = format!(
        "{} student{} · {} question{}{walked} · pass mark {}% · mean {:.1}% · median {:.1}% · \
         standard deviation {:.1} · {} passed, {} failed",
        s.students,
        plural_s(s.students),
        report.items.len(),
        plural_s(report.items.len()),
        points(report.pass),
        s.mean,
        s.median,
        s.standard_deviation,
        s.passed,
        s.students - s.passed
    );
    html! {
        h1 { "Class report" }
        p id=(at.id("summary")) { (line) }
    }
}

fn notes(report: &Report, at: &Anchors) -> Markup {
    html! {
        @if !report.notes.is_empty() {
            h2 { "Notes" }
            ul class="notes" id=(at.id("notes")) {
                @for note in &report.notes {
                    li { (note) }
                }
            }
        }
    }
}

fn students(report: &Report, at: &Anchors) -> Markup {
    let table = html! {
        table id=(at.id("students")) {
            thead {
                tr {
                    th { "Name" }
                    th class="num" { "Score" }
                    th class="num" { "%" }
                    th class="num" { "Time" }
                    th class="num" { "Answered" }
                    th { "Result" }
                    th { "Ended" }
                }
            }
            tbody {
                @for s in &report.students {
                    tr {
                        td title=(s.file) { (s.name) }
                        td class="num" { (points(s.earned)) "/" (points(s.max)) }
                        td class="num" { (format!("{:.0}", s.percent)) }
                        td class="num" { (duration(s.seconds)) }
                        td class="num" { (s.answered) "/" (s.planned) }
                        @if s.passed {
                            td class="pass" { "pass" }
                        } @else {
                            td class="fail" { "fail" }
                        }
                        td { (s.ended()) }
                    }
                }
            }
        }
    };
    html! {
        h2 { "Students" }
        (wide(table))
    }
}

fn distribution(report: &Report, at: &Anchors) -> Markup {
    let s = &report.scores;
    html! {
        h2 { "Scores" }
        figure id=(at.id("histogram")) {
            (svg::histogram(&report.histogram))
            figcaption class="muted" {
                "Students per score band (percent). Lowest " (format!("{:.0}", s.lowest))
                "%, highest " (format!("{:.0}", s.highest)) "%."
            }
        }
    }
}

fn questions(report: &Report, at: &Anchors) -> Markup {
    let facility: Vec<Bar> = report
        .items
        .iter()
        .map(|i| Bar {
            label: format!("Q{} {}", i.number, i.question),
            fraction: i.facility.unwrap_or(0.0) / 100.0,
            value: format!("{:.0}%", i.facility.unwrap_or(0.0)),
            class: "bar",
        })
        .collect();
    html! {
        h2 { "Questions" }
        p class="muted" {
            "Facility: the mean score as a percentage of the maximum. Discrimination: the \
             correlation of the question's score with the score on the rest of the test, × 100 \
             (Moodle's definitions)."
        }
        (wide(item_table(&report.items, at)))
        figure id=(at.id("facility-chart")) {
            (svg::bars("Facility index per question", &facility))
            figcaption class="muted" { "Facility index per question." }
        }
        (discrimination_chart(&report.items, at))
        @for item in &report.items {
            (item_section(item, at))
        }
    }
}

/// Bars grow right of the zero line, a negative one to its left; red bars are below 20.
fn discrimination_chart(items: &[ItemStats], at: &Anchors) -> Markup {
    let bars: Vec<Bar> = items
        .iter()
        .map(|i| Bar {
            label: format!("Q{} {}", i.number, i.question),
            fraction: i.discrimination.unwrap_or(0.0) / 100.0,
            value: discrimination(i),
            class: match i.discrimination {
                Some(d) if d < WEAK_DISCRIMINATION => "bad",
                _ => "bar",
            },
        })
        .collect();
    html! {
        figure id=(at.id("discrimination-chart")) {
            (svg::signed_bars("Discrimination index per question", &bars))
            figcaption class="muted" {
                "Discrimination index per question, from −100 (left) through 0 (the line) to \
                 100 (right): a bar left of the line is a question the stronger students got \
                 wrong more often."
            }
        }
    }
}

/// The discrimination index to one decimal, or a dash where there is none.
fn discrimination(item: &ItemStats) -> String {
    item.discrimination
        .map_or_else(|| "—".into(), |d| format!("{d:.1}"))
}

fn item_table(items: &[ItemStats], at: &Anchors) -> Markup {
    html! {
        table id=(at.id("questions")) {
            thead {
                tr {
                    th { "#" }
                    th { "Question" }
                    th { "Kind" }
                    th class="num" { "Answered" }
                    th class="num" { "Facility" }
                    th class="num" { "Discrimination" }
                    th { "Most-picked wrong answer" }
                    th { "Flags" }
                }
            }
            tbody {
                @for item in items {
                    tr {
                        td {
                            a href=(at.link(format_args!("q{}", item.number))) {
                                "Q" (item.number)
                            }
                        }
                        td {
                            (item.bank) "/" (item.question)
                            @if let Some(prompt) = &item.prompt {
                                br;
                                span class="muted" { (svg::clip(&reflow(prompt), 120)) }
                            }
                        }
                        td { (item.kind) }
                        td class="num" { (item.answers) "/" (item.asked) }
                        td class="num" { (format!("{:.0}", item.facility.unwrap_or(0.0))) "%" }
                        td class="num" { (discrimination(item)) }
                        td {
                            @if let Some((answer, n)) = &item.top_wrong {
                                (answer) " (" (n) ")"
                            }
                        }
                        td class="flag" {
                            @for (i, flag) in item.flags.iter().enumerate() {
                                @if i > 0 { br; }
                                (flag.text())
                            }
                        }
                    }
                }
            }
        }
    }
}

fn item_section(item: &ItemStats, at: &Anchors) -> Markup {
    let rows: Vec<Bar> = item
        .options
        .iter()
        .map(|o| Bar {
            label: o.label.clone(),
            fraction: if item.answers > 0 {
                o.count as f64 / item.answers as f64
            } else {
                0.0
            },
            value: format!(
                "{}{}",
                o.count,
                if o.correct == Some(true) { " ✔" } else { "" }
            ),
            class: match o.correct {
                Some(true) => "right",
                Some(false) => "wrong",
                None => "bar",
            },
        })
        .collect();
    let answered = if item.answers == item.asked {
        format!("{} answer{}", item.answers, plural_s(item.answers))
    } else {
        format!("answered by {} of {}", item.answers, item.asked)
    };
    html! {
        section class="question" id=(at.id(format_args!("q{}", item.number))) {
            h3 { "Q" (item.number) " · " (item.bank) "/" (item.question) " · " (answered) }
            @if let Some(scenario) = &item.scenario {
                p class="muted" { "Scenario: " (scenario) }
            }
            @if let Some(prompt) = &item.prompt {
                p class="prompt" { (prompt) }
            }
            @if let Some(key) = &item.key {
                p class="key" { "Key: " (key) }
            }
            (svg::bars(&format!("Answers to Q{}", item.number), &rows))
            @for flag in &item.flags {
                p class="flag" { "⚠ " (flag.text()) }
            }
        }
    }
}

fn scenarios(report: &Report, at: &Anchors) -> Markup {
    html! {
        @if !report.scenarios.is_empty() {
            h2 { "Branching scenarios" }
            p class="muted" {
                "How the class went through each scenario: the students who took each decision \
                 at each step, and the endings they reached. In the picture each arrow is as wide \
                 as the number of students who took it; the best path is green, a decision no one \
                 took is dashed."
            }
            @for (i, flow) in report.scenarios.iter().enumerate() {
                (scenario(i + 1, flow, at))
            }
        }
    }
}

fn scenario(number: usize, flow: &ScenarioFlow, at: &Anchors) -> Markup {
    html! {
        section class="scenario" id=(at.id(format_args!("scenario-{number}"))) {
            h3 {
                @if let Some(title) = &flow.title { (title) " · " }
                (flow.bank) "/" (flow.scenario) " · walked by " (flow.walkers) " · mean "
                (format!("{:.0}", flow.mean_percent)) "% of the best path's points"
            }
            p { "Best path: " (flow.best_path.join(" → ")) }
            figure class="flow" id=(at.id(format_args!("flow-{number}"))) {
                (svg::flow(flow))
                figcaption class="muted" {
                    "The steps from left to right, the endings last with their rating."
                    @if flow.stopped > 0 {
                        " " (flow.stopped) " student" (plural_s(flow.stopped))
                        " stopped before an ending."
                    }
                }
            }
            (wide(split_table(number, flow, at)))
            (wide(endings_table(number, flow, at)))
        }
    }
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return String::new();
    }
    format!("{:.0}%", 100.0 * part as f64 / whole as f64)
}

fn split_table(number: usize, flow: &ScenarioFlow, at: &Anchors) -> Markup {
    html! {
        table id=(at.id(format_args!("split-{number}"))) {
            thead {
                tr {
                    th { "Step" }
                    th { "Decision" }
                    th { "Quality" }
                    th { "Leads to" }
                    th class="num" { "Students" }
                    th class="num" { "Share" }
                }
            }
            tbody {
                @for step in &flow.steps {
                    @for route in &step.routes {
                        tr {
                            td title=(step.prompt.as_deref().unwrap_or("")) { (step.id) }
                            td { (route.label) }
                            td { (route.quality.map_or("", |q| q.name())) }
                            td { (route.next) }
                            td class="num" { (route.students) }
                            td class="num" { (share(route.students, step.students)) }
                        }
                    }
                }
            }
        }
    }
}

fn endings_table(number: usize, flow: &ScenarioFlow, at: &Anchors) -> Markup {
    html! {
        table id=(at.id(format_args!("endings-{number}"))) {
            thead {
                tr {
                    th { "Ending" }
                    th { "Rating" }
                    th class="num" { "Students" }
                    th class="num" { "Share" }
                }
            }
            tbody {
                @for ending in &flow.endings {
                    tr {
                        td {
                            (ending.id)
                            @if let Some(title) = &ending.title { " (" (title) ")" }
                        }
                        td { (ending.rating.map_or("", |r| r.name())) }
                        td class="num" { (ending.students) }
                        td class="num" { (share(ending.students, flow.walkers)) }
                    }
                }
                @if flow.stopped > 0 {
                    tr {
                        td { "stopped before an ending" }
                        td {}
                        td class="num" { (flow.stopped) }
                        td class="num" { (share(flow.stopped, flow.walkers)) }
                    }
                }
            }
        }
    }
}

fn tags(report: &Report, at: &Anchors) -> Markup {
    if report.tags.is_empty() {
        return html! {};
    }
    let rows: Vec<Bar> = report
        .tags
        .iter()
        .map(|t| Bar {
            label: t.tag.clone(),
            fraction: t.percent() / 100.0,
            value: format!("{:.0}%", t.percent()),
            class: if t.percent() < report.pass {
                "bad"
            } else {
                "bar"
            },
        })
        .collect();
    let table = html! {
        table id=(at.id("tags")) {
            thead {
                tr {
                    th { "Tag" }
                    th class="num" { "Accuracy" }
                    th class="num" { "Points" }
                    th class="num" { "Answers" }
                }
            }
            tbody {
                @for t in &report.tags {
                    tr {
                        td { (t.tag) }
                        td class="num" { (format!("{:.0}", t.percent())) "%" }
                        td class="num" { (points(t.earned)) "/" (points(t.max)) }
                        td class="num" { (t.answers) }
                    }
                }
            }
        }
    };
    html! {
        h2 { "By tag" }
        p class="muted" { "Class accuracy per topic, weakest first." }
        figure id=(at.id("tag-chart")) { (svg::bars("Class accuracy per tag", &rows)) }
        (wide(table))
    }
}

/// When students said how sure they were: their certainty-based marks beside their scores, and
/// how often the class was right at each level.
fn certainty(report: &Report, at: &Anchors) -> Markup {
    let Some(certainty) = &report.certainty else {
        return html! {};
    };
    let marks = html! {
        table id=(at.id("certainty-marks")) {
            thead {
                tr {
                    th { "Name" }
                    th class="num" { "Score" }
                    th class="num" { "Certainty-based marks" }
                }
            }
            tbody {
                @for (s, marks) in report.students.iter().zip(&certainty.marks) {
                    tr {
                        td { (s.name) }
                        td class="num" { (points(s.earned)) "/" (points(s.max)) }
                        td class="num" { (points(marks.earned)) "/" (points(marks.best)) }
                    }
                }
            }
        }
    };
    let calibration = html! {
        table id=(at.id("calibration")) {
            caption { "Calibration: how often the class was right at each level" }
            thead {
                tr {
                    th { "Said" }
                    th class="num" { "Answers" }
                    th class="num" { "Right" }
                }
            }
            tbody {
                @for level in &certainty.calibration {
                    tr {
                        td { (level.level.name()) }
                        td class="num" { (level.answers) }
                        td class="num" { (format!("{:.0}", level.percent_right())) "%" }
                    }
                }
            }
        }
    };
    html! {
        h2 { "Confidence" }
        p class="muted" {
            "Certainty-based marks: a right answer earns 1, 2 or 3 times its points when the \
             student was guessing, fairly sure or certain; a wrong one 0, −2 or −6 times."
        }
        (wide(marks))
        (wide(calibration))
    }
}
