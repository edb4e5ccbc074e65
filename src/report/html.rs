//! The report as one self-contained HTML page: the terminal report's tables plus SVG charts, with
//! its style inline and no scripts, fonts or images fetched, so it opens offline and prints.

use super::analysis::{ItemStats, Report, WEAK_DISCRIMINATION};
use super::flow::ScenarioFlow;
use super::svg::{self, Bar};
use super::text::duration;
use crate::engine::describe::points;
use crate::text::escape_html as escape;
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
    let mut page =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(&format!(
        "<title>Class report · {students} student{}</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n",
        plural_s(students)
    ));
    for (i, (heading, report)) in reports.iter().enumerate() {
        match heading {
            Some(heading) => {
                page.push_str(&format!(
                    "<section class=\"exam\" id=\"exam-{}\">\n<h1>{}</h1>\n",
                    i + 1,
                    escape(heading)
                ));
                // Each exam's ids and links get its number, so that no id is on the page twice.
                // Texts from results files are escaped, so `id="` is only ever this page's own.
                let prefix = format!("exam-{}-", i + 1);
                page.push_str(
                    &body(report)
                        .replace("id=\"", &format!("id=\"{prefix}"))
                        .replace("href=\"#", &format!("href=\"#{prefix}")),
                );
                page.push_str("</section>\n");
            }
            None => page.push_str(&body(report)),
        }
    }
    page.push_str("</body>\n</html>\n");
    page
}

/// Every table sits in a box of its own that scrolls sideways, so that a wide table never widens
/// the page on a phone. Texts from results files are escaped, so `<table` is only ever the page's.
fn body(report: &Report) -> String {
    sections(report)
        // Focusable, so that a keyboard can scroll it too.
        .replace(
            "<table",
            "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"Table, scrolls \
             sideways\"><table",
        )
        .replace("</table>", "</table></div>")
}

fn sections(report: &Report) -> String {
    let mut body = summary(report);
    body.push_str(&notes(report));
    body.push_str(&students(report));
    body.push_str(&distribution(report));
    if !report.items.is_empty() || report.scenarios.is_empty() {
        body.push_str(&questions(report));
    }
    body.push_str(&scenarios(report));
    body.push_str(&tags(report));
    body.push_str(&certainty(report));
    body
}

fn summary(report: &Report) -> String {
    let s = &report.scores;
    let walked = match report.scenarios.len() {
        0 => String::new(),
        1 => " · 1 branching scenario".to_owned(),
        n => format!(" · {n} branching scenarios"),
    };
    format!(
        "<h1>Class report</h1>\n<p id=\"summary\">{} student{} · {} question{}{walked} · pass mark \
         {}% · mean {:.1}% · median {:.1}% · standard deviation {:.1} · {} passed, {} failed</p>\n",
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
    )
}

fn notes(report: &Report) -> String {
    if report.notes.is_empty() {
        return String::new();
    }
    let items: String = report
        .notes
        .iter()
        .map(|n| format!("<li>{}</li>\n", escape(&n.to_string())))
        .collect();
    format!("<h2>Notes</h2>\n<ul class=\"notes\" id=\"notes\">\n{items}</ul>\n")
}

fn students(report: &Report) -> String {
    let mut out = String::from(
        "<h2>Students</h2>\n<table id=\"students\">\n<thead><tr><th>Name</th>\
         <th class=\"num\">Score</th><th class=\"num\">%</th><th class=\"num\">Time</th>\
         <th class=\"num\">Answered</th><th>Result</th><th>Ended</th></tr></thead>\n<tbody>\n",
    );
    for s in &report.students {
        let result = if s.passed {
            "<td class=\"pass\">pass</td>"
        } else {
            "<td class=\"fail\">fail</td>"
        };
        out.push_str(&format!(
            "<tr><td title=\"{}\">{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{:.0}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}/{}</td>{result}<td>{}</td></tr>\n",
            escape(&s.file),
            escape(&s.name),
            points(s.earned),
            points(s.max),
            s.percent,
            duration(s.seconds),
            s.answered,
            s.planned,
            escape(&s.ended())
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn distribution(report: &Report) -> String {
    let s = &report.scores;
    format!(
        "<h2>Scores</h2>\n<figure id=\"histogram\">{}<figcaption class=\"muted\">Students per \
         score band (percent). Lowest {:.0}%, highest {:.0}%.</figcaption></figure>\n",
        svg::histogram(&report.histogram),
        s.lowest,
        s.highest
    )
}

fn questions(report: &Report) -> String {
    let mut out = String::from(
        "<h2>Questions</h2>\n<p class=\"muted\">Facility: the mean score as a percentage of the \
         maximum. Discrimination: the correlation of the question's score with the score on the \
         rest of the test, × 100 (Moodle's definitions).</p>\n",
    );
    out.push_str(&item_table(&report.items));
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
    out.push_str(&format!(
        "<figure id=\"facility-chart\">{}<figcaption class=\"muted\">Facility index per \
         question.</figcaption></figure>\n",
        svg::bars("Facility index per question", &facility)
    ));
    out.push_str(&discrimination_chart(&report.items));
    for item in &report.items {
        out.push_str(&item_section(item));
    }
    out
}

/// Bars grow right of the zero line, a negative one to its left; red bars are below 20.
fn discrimination_chart(items: &[ItemStats]) -> String {
    let bars: Vec<Bar> = items
        .iter()
        .map(|i| Bar {
            label: format!("Q{} {}", i.number, i.question),
            fraction: i.discrimination.unwrap_or(0.0) / 100.0,
            value: i
                .discrimination
                .map_or_else(|| "—".into(), |d| format!("{d:.1}")),
            class: match i.discrimination {
                Some(d) if d < WEAK_DISCRIMINATION => "bad",
                _ => "bar",
            },
        })
        .collect();
    format!(
        "<figure id=\"discrimination-chart\">{}<figcaption class=\"muted\">Discrimination index \
         per question, from −100 (left) through 0 (the line) to 100 (right): a bar left of the \
         line is a question the stronger students got wrong more often.</figcaption></figure>\n",
        svg::signed_bars("Discrimination index per question", &bars)
    )
}

fn item_table(items: &[ItemStats]) -> String {
    let mut out = String::from(
        "<table id=\"questions\">\n<thead><tr><th>#</th><th>Question</th><th>Kind</th>\
         <th class=\"num\">Answered</th><th class=\"num\">Facility</th>\
         <th class=\"num\">Discrimination</th><th>Most-picked wrong answer</th><th>Flags</th>\
         </tr></thead>\n<tbody>\n",
    );
    for item in items {
        let flags: Vec<String> = item.flags.iter().map(|f| escape(f.text())).collect();
        out.push_str(&format!(
            "<tr><td><a href=\"#q{n}\">Q{n}</a></td><td>{}/{}{}</td><td>{}</td><td class=\"num\">{}/{}</td>\
             <td class=\"num\">{:.0}%</td><td class=\"num\">{}</td><td>{}</td>\
             <td class=\"flag\">{}</td></tr>\n",
            escape(&item.bank),
            escape(&item.question),
            item.prompt.as_ref().map_or_else(String::new, |p| format!(
                "<br><span class=\"muted\">{}</span>",
                escape(&svg::clip(&reflow(p), 120))
            )),
            escape(&item.kind),
            item.answers,
            item.asked,
            item.facility.unwrap_or(0.0),
            item.discrimination
                .map_or_else(|| "—".into(), |d| format!("{d:.1}")),
            item.top_wrong
                .as_ref()
                .map_or_else(String::new, |(a, n)| format!("{} ({n})", escape(a))),
            flags.join("<br>"),
            n = item.number,
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn item_section(item: &ItemStats) -> String {
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
    let scenario = item.scenario.as_ref().map_or_else(String::new, |t| {
        format!("<p class=\"muted\">Scenario: {}</p>", escape(t))
    });
    let prompt = item.prompt.as_ref().map_or_else(String::new, |p| {
        format!("<p class=\"prompt\">{}</p>", escape(p))
    });
    let key = item.key.as_ref().map_or_else(String::new, |k| {
        format!("<p class=\"key\">Key: {}</p>", escape(k))
    });
    let answered = if item.answers == item.asked {
        format!("{} answer{}", item.answers, plural_s(item.answers))
    } else {
        format!("answered by {} of {}", item.answers, item.asked)
    };
    let flags: String = item
        .flags
        .iter()
        .map(|f| format!("<p class=\"flag\">⚠ {}</p>", escape(f.text())))
        .collect();
    format!(
        "<section class=\"question\" id=\"q{}\"><h3>Q{} · {}/{} · {answered}</h3>{scenario}{prompt}\
         {key}{}{flags}</section>\n",
        item.number,
        item.number,
        escape(&item.bank),
        escape(&item.question),
        svg::bars(&format!("Answers to Q{}", item.number), &rows)
    )
}

fn scenarios(report: &Report) -> String {
    if report.scenarios.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h2>Branching scenarios</h2>\n<p class=\"muted\">How the class went through each \
         scenario: the students who took each decision at each step, and the endings they \
         reached. In the picture each arrow is as wide as the number of students who took it; \
         the best path is green, a decision no one took is dashed.</p>\n",
    );
    for (i, flow) in report.scenarios.iter().enumerate() {
        out.push_str(&scenario(i + 1, flow));
    }
    out
}

fn scenario(number: usize, flow: &ScenarioFlow) -> String {
    let title = flow
        .title
        .as_ref()
        .map_or_else(String::new, |t| format!("{} · ", escape(t)));
    let stopped = match flow.stopped {
        0 => String::new(),
        n => format!(" {n} student{} stopped before an ending.", plural_s(n)),
    };
    let mut out = format!(
        "<section class=\"scenario\" id=\"scenario-{number}\"><h3>{title}{}/{} · walked by {} · \
         mean {:.0}% of the best path's points</h3>\n<p>Best path: {}</p>\n\
         <figure class=\"flow\" id=\"flow-{number}\">{}<figcaption class=\"muted\">The steps \
         from left to right, the endings last with their rating.{stopped}</figcaption></figure>\n",
        escape(&flow.bank),
        escape(&flow.scenario),
        flow.walkers,
        flow.mean_percent,
        escape(&flow.best_path.join(" → ")),
        svg::flow(flow),
    );
    out.push_str(&split_table(number, flow));
    out.push_str(&endings_table(number, flow));
    out.push_str("</section>\n");
    out
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return String::new();
    }
    format!("{:.0}%", 100.0 * part as f64 / whole as f64)
}

fn split_table(number: usize, flow: &ScenarioFlow) -> String {
    let mut out = format!(
        "<table id=\"split-{number}\">\n<thead><tr><th>Step</th><th>Decision</th><th>Quality</th>\
         <th>Leads to</th><th class=\"num\">Students</th><th class=\"num\">Share</th></tr>\
         </thead>\n<tbody>\n"
    );
    for step in &flow.steps {
        for route in &step.routes {
            out.push_str(&format!(
                "<tr><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                escape(step.prompt.as_deref().unwrap_or("")),
                escape(&step.id),
                escape(&route.label),
                route.quality.map_or("", |q| q.name()),
                escape(&route.next),
                route.students,
                share(route.students, step.students)
            ));
        }
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn endings_table(number: usize, flow: &ScenarioFlow) -> String {
    let mut out = format!(
        "<table id=\"endings-{number}\">\n<thead><tr><th>Ending</th><th>Rating</th>\
         <th class=\"num\">Students</th><th class=\"num\">Share</th></tr></thead>\n<tbody>\n"
    );
    for ending in &flow.endings {
        let name = match &ending.title {
            Some(title) => format!("{} ({})", ending.id, title),
            None => ending.id.clone(),
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            escape(&name),
            ending.rating.map_or("", |r| r.name()),
            ending.students,
            share(ending.students, flow.walkers)
        ));
    }
    if flow.stopped > 0 {
        out.push_str(&format!(
            "<tr><td>stopped before an ending</td><td></td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td></tr>\n",
            flow.stopped,
            share(flow.stopped, flow.walkers)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn tags(report: &Report) -> String {
    if report.tags.is_empty() {
        return String::new();
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
    let mut table = String::from(
        "<table id=\"tags\">\n<thead><tr><th>Tag</th><th class=\"num\">Accuracy</th>\
         <th class=\"num\">Points</th><th class=\"num\">Answers</th></tr></thead>\n<tbody>\n",
    );
    for t in &report.tags {
        table.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{:.0}%</td><td class=\"num\">{}/{}</td>\
             <td class=\"num\">{}</td></tr>\n",
            escape(&t.tag),
            t.percent(),
            points(t.earned),
            points(t.max),
            t.answers
        ));
    }
    table.push_str("</tbody>\n</table>\n");
    format!(
        "<h2>By tag</h2>\n<p class=\"muted\">Class accuracy per topic, weakest first.</p>\n\
         <figure id=\"tag-chart\">{}</figure>\n{table}",
        svg::bars("Class accuracy per tag", &rows)
    )
}

/// When students said how sure they were: their certainty-based marks beside their scores, and
/// how often the class was right at each level.
fn certainty(report: &Report) -> String {
    let Some(certainty) = &report.certainty else {
        return String::new();
    };
    let mut out = String::from(
        "<h2>Confidence</h2>\n<p class=\"muted\">Certainty-based marks: a right answer earns 1, 2 \
         or 3 times its points when the student was guessing, fairly sure or certain; a wrong one \
         0, −2 or −6 times.</p>\n<table id=\"certainty-marks\">\n<thead><tr>\
         <th>Name</th><th class=\"num\">Score</th><th class=\"num\">Certainty-based marks</th>\
         </tr></thead>\n<tbody>\n",
    );
    for (s, marks) in report.students.iter().zip(&certainty.marks) {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{}/{}</td></tr>\n",
            escape(&s.name),
            points(s.earned),
            points(s.max),
            points(marks.earned),
            points(marks.best)
        ));
    }
    out.push_str(
        "</tbody>\n</table>\n<table id=\"calibration\">\n<caption>Calibration: how often \
         the class was right at each level</caption>\n<thead><tr><th>Said</th>\
         <th class=\"num\">Answers</th><th class=\"num\">Right</th></tr></thead>\n<tbody>\n",
    );
    for level in &certainty.calibration {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.0}%</td></tr>\n",
            level.level.name(),
            level.answers,
            level.percent_right()
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
