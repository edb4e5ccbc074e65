//! The report in the terminal: tables and bars that read in plain text and in colour.

use crate::style::{Align, measure as measure_text_width, pad, style, truncate as truncate_str};

use super::analysis::{Flag, ItemStats, OptionCount, Report};
use super::flow::ScenarioFlow;
use crate::bank::branching::Quality;
use crate::engine::describe::{points, points_with_unit};
use crate::text::{plural_s, reflow, wrap};

const BAR: usize = 20;
/// Prompts and answers are cut to this width so that a row stays on one line.
const TEXT: usize = 60;
/// Prompts are shown whole, wrapped to this width.
const PROMPT: usize = 90;
const INDENT: &str = "     ";

pub(crate) fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&heading(report));
    out.push_str(&students(report));
    out.push_str(&scores(report));
    if !report.items.is_empty() || report.scenarios.is_empty() {
        out.push_str(&questions(report));
    }
    out.push_str(&scenarios(report));
    out.push_str(&tags(report));
    out.push_str(&confidence(report));
    out
}

/// When students said how sure they were (`--confidence`): each student's certainty-based marks
/// beside their score, and how often the class was right at each level.
fn confidence(report: &Report) -> String {
    let Some(certainty) = &report.certainty else {
        return String::new();
    };
    let mut out = format!(
        "\n{}\n",
        style("Certainty-based marks (right 1, 2 or 3 × points; wrong 0, −2 or −6 ×)").bold()
    );
    for (student, marks) in report.students.iter().zip(&certainty.marks) {
        out.push_str(&format!(
            "  {}  {} of {}\n",
            left(&truncate_str(&student.name, 20, "…"), 20),
            points(marks.earned),
            points(marks.best)
        ));
    }
    out.push_str(&format!(
        "{}\n",
        style("Calibration: right at each level").bold()
    ));
    for level in &certainty.calibration {
        out.push_str(&format!(
            "  {}  {}  {:>3.0}% right\n",
            left(level.level.name(), 12),
            left(&crate::text::count(level.answers, "answer"), 11),
            level.percent_right()
        ));
    }
    out
}

/// The heading over each exam's report when `--mixed` puts several in one.
pub(crate) fn exam_heading(text: &str) -> String {
    format!("{}", style(format!("══ {text} ══")).bold())
}

fn heading(report: &Report) -> String {
    let walked = match report.scenarios.len() {
        0 => String::new(),
        1 => " · 1 branching scenario".to_owned(),
        n => format!(" · {n} branching scenarios"),
    };
    format!(
        "{}\n",
        style(format!(
            "Class report · {} student{} · {} question{}{walked} · pass mark {}%",
            report.students.len(),
            plural_s(report.students.len()),
            report.items.len(),
            plural_s(report.items.len()),
            points(report.pass)
        ))
        .bold()
    )
}

/// A bar of `width` cells, `fraction` of them filled.
pub(crate) fn bar(fraction: f64, width: usize) -> String {
    let filled = (fraction.clamp(0.0, 1.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// 754 seconds → "12:34"; an hour or more → "1:02:03".
pub(crate) fn duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn left(text: &str, width: usize) -> String {
    pad(text, width, Align::Left)
}

fn right(text: &str, width: usize) -> String {
    pad(text, width, Align::Right)
}

fn students(report: &Report) -> String {
    let name_width = report
        .students
        .iter()
        .map(|s| measure_text_width(&s.name).min(24))
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = format!("\n{}\n", style("Students").bold());
    out.push_str(&format!(
        "  {}  {:>9}  {:>4}  {:>7}  {:>8}  Result  Ended\n",
        left("Name", name_width),
        "Score",
        "%",
        "Time",
        "Answered"
    ));
    for s in &report.students {
        let result = if s.passed {
            style("pass").green().to_string()
        } else {
            style("FAIL").red().bold().to_string()
        };
        out.push_str(&format!(
            "  {}  {:>9}  {:>4}  {:>7}  {:>8}  {result}    {}\n",
            left(&truncate_str(&s.name, 24, "…"), name_width),
            format!("{}/{}", points(s.earned), points(s.max)),
            format!("{:.0}", s.percent),
            duration(s.seconds),
            format!("{}/{}", s.answered, s.planned),
            s.ended(),
        ));
    }
    out
}

fn scores(report: &Report) -> String {
    let s = &report.scores;
    let mut out = format!("\n{}\n", style("Scores").bold());
    out.push_str(&format!(
        "  mean {:.1}% · median {:.1}% · standard deviation {:.1} · lowest {:.0}% · highest {:.0}%\n",
        s.mean, s.median, s.standard_deviation, s.lowest, s.highest
    ));
    out.push_str(&format!(
        "  {} passed, {} failed (pass mark {}%)\n\n",
        s.passed,
        s.students - s.passed,
        points(report.pass)
    ));
    let most = report.histogram.iter().copied().max().unwrap_or(0).max(1);
    for (i, count) in report.histogram.iter().enumerate() {
        let range = if i == 9 {
            "90–100%".to_string()
        } else {
            format!("{}–{}%", i * 10, i * 10 + 9)
        };
        let cells = (count * 30).div_ceil(most);
        out.push_str(&format!(
            "  {}  {} {count}\n",
            right(&range, 7),
            "█".repeat(cells)
        ));
    }
    out
}

fn questions(report: &Report) -> String {
    let mut out = format!(
        "\n{}\n  {}\n",
        style("Questions").bold(),
        style(
            "facility: mean score as % of the maximum · discrimination: correlation with the rest \
             of the test × 100"
        )
        .dim()
    );
    for item in &report.items {
        out.push_str(&question(item));
    }
    out
}

fn question(item: &ItemStats) -> String {
    let answered = if item.answers == item.asked {
        format!("{} answer{}", item.answers, plural_s(item.answers))
    } else {
        format!("answered by {} of {}", item.answers, item.asked)
    };
    let mut out = format!(
        "\n  {} {}/{} ({}) · {answered}\n",
        style(format!("Q{}", item.number)).bold(),
        item.bank,
        item.question,
        item.kind,
    );
    if let Some(scenario) = &item.scenario {
        out.push_str(&format!("     Scenario: {scenario}\n"));
    }
    if let Some(prompt) = &item.prompt {
        for line in wrap(&reflow(prompt), PROMPT, INDENT) {
            out.push_str(&format!("{INDENT}{}\n", line.trim_start()));
        }
    }
    if let Some(key) = &item.key {
        out.push_str(&format!(
            "     {} {}\n",
            style("Key:").dim(),
            truncate_str(key, TEXT, "…")
        ));
    }
    let facility = item.facility.unwrap_or(0.0);
    out.push_str(&format!(
        "     facility {:>3.0}% {}   discrimination {}\n",
        facility,
        bar(facility / 100.0, 10),
        item.discrimination.map_or_else(
            || "— (no spread to correlate)".into(),
            |d| format!("{d:.1}")
        )
    ));
    out.push_str(&options(&item.options, item.answers));
    if let Some((answer, count)) = &item.top_wrong {
        out.push_str(&format!(
            "     most-picked wrong answer: {} ({count} of {})\n",
            truncate_str(answer, TEXT, "…"),
            item.answers
        ));
    }
    for flag in &item.flags {
        out.push_str(&format!("     {}\n", flag_line(*flag)));
    }
    out
}

fn options(options: &[OptionCount], answers: usize) -> String {
    let width = options
        .iter()
        .map(|o| measure_text_width(&o.label).min(TEXT))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for option in options {
        let mark = match option.correct {
            Some(true) => style("✔").green().to_string(),
            Some(false) => " ".into(),
            None => "?".into(),
        };
        let share = if answers > 0 {
            option.count as f64 / answers as f64
        } else {
            0.0
        };
        out.push_str(&format!(
            "     {} {mark} {:>4}  {}\n",
            left(&truncate_str(&option.label, TEXT, "…"), width),
            option.count,
            bar(share, BAR)
        ));
    }
    out
}

fn scenarios(report: &Report) -> String {
    if report.scenarios.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n{}\n  {}\n",
        style("Branching scenarios").bold(),
        style(
            "students who took each decision at each step, and the endings they reached · ✔ the \
             best decision"
        )
        .dim()
    );
    for flow in &report.scenarios {
        out.push_str(&scenario(flow));
    }
    out
}

fn scenario(flow: &ScenarioFlow) -> String {
    let title = flow
        .title
        .as_ref()
        .map_or_else(String::new, |t| format!("{t} · "));
    let mut out = format!(
        "\n  {} · walked by {} · mean {:.0}% of the best path's points\n",
        style(format!("{title}{}/{}", flow.bank, flow.scenario)).bold(),
        flow.walkers,
        flow.mean_percent
    );
    out.push_str(&format!(
        "     Best path: {}\n",
        truncate_str(&flow.best_path.join(" → "), PROMPT, "…")
    ));
    let label_width = flow
        .steps
        .iter()
        .flat_map(|s| &s.routes)
        .map(|r| measure_text_width(&r.label).min(TEXT))
        .max()
        .unwrap_or(0);
    let next_width = flow
        .steps
        .iter()
        .flat_map(|s| &s.routes)
        .map(|r| measure_text_width(&r.next).min(24))
        .max()
        .unwrap_or(0);
    for step in &flow.steps {
        out.push_str(&format!(
            "\n     {} · decided by {} of {}\n",
            style(&step.id).bold(),
            step.students,
            flow.walkers
        ));
        if let Some(prompt) = &step.prompt {
            for line in wrap(&reflow(prompt), PROMPT, INDENT) {
                out.push_str(&format!("{INDENT}{}\n", line.trim_start()));
            }
        }
        for route in &step.routes {
            let best = route.quality == Some(Quality::Best);
            out.push_str(&format!(
                "     {} {} {}  → {}  {:>4} {:>4}  {}\n",
                if best {
                    style("✔").green().to_string()
                } else {
                    " ".into()
                },
                left(&truncate_str(&route.label, TEXT, "…"), label_width),
                left(route.quality.map_or("", Quality::name), 10),
                left(&truncate_str(&route.next, 24, "…"), next_width),
                route.students,
                percent(route.students, step.students),
                bar(share(route.students, step.students), BAR)
            ));
        }
    }
    out.push_str(&endings(flow));
    out
}

fn endings(flow: &ScenarioFlow) -> String {
    let named: Vec<(String, String, usize)> = flow
        .endings
        .iter()
        .map(|e| {
            let title = e
                .title
                .as_ref()
                .map_or_else(String::new, |t| format!(" ({t})"));
            let rating = e
                .rating
                .map_or_else(String::new, |r| format!("{} ending", r.name()));
            (format!("{}{title}", e.id), rating, e.students)
        })
        .chain((flow.stopped > 0).then(|| {
            (
                "stopped before an ending".to_owned(),
                String::new(),
                flow.stopped,
            )
        }))
        .collect();
    let width = named
        .iter()
        .map(|(n, _, _)| measure_text_width(n).min(TEXT))
        .max()
        .unwrap_or(0);
    let mut out = format!("\n     {}\n", style("Endings reached").bold());
    for (name, rating, students) in named {
        out.push_str(&format!(
            "       {}  {}  {:>4} {:>4}  {}\n",
            left(&truncate_str(&name, TEXT, "…"), width),
            left(&rating, 17),
            students,
            percent(students, flow.walkers),
            bar(share(students, flow.walkers), BAR)
        ));
    }
    out
}

fn share(part: usize, whole: usize) -> f64 {
    if whole > 0 {
        part as f64 / whole as f64
    } else {
        0.0
    }
}

/// "50%", or "" of no one.
fn percent(part: usize, whole: usize) -> String {
    if whole > 0 {
        format!("{:.0}%", 100.0 * share(part, whole))
    } else {
        String::new()
    }
}

fn flag_line(flag: Flag) -> String {
    let text = format!("⚠ {}", flag.text());
    match flag {
        Flag::NegativeDiscrimination | Flag::VeryHard => style(text).red().bold().to_string(),
        _ => style(text).yellow().to_string(),
    }
}

fn tags(report: &Report) -> String {
    if report.tags.is_empty() {
        return String::new();
    }
    let width = report
        .tags
        .iter()
        .map(|t| measure_text_width(&t.tag).min(TEXT))
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "\n{}\n",
        style("By tag (class accuracy, weakest first)").bold()
    );
    for tag in &report.tags {
        out.push_str(&format!(
            "  {}  {}  {:>3.0}%  ({} of {}, {} answer{})\n",
            left(&truncate_str(&tag.tag, TEXT, "…"), width),
            bar(tag.percent() / 100.0, BAR),
            tag.percent(),
            points(tag.earned),
            points_with_unit(tag.max),
            tag.answers,
            plural_s(tag.answers)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_clock() {
        assert_eq!(duration(0.0), "0:00");
        assert_eq!(duration(754.4), "12:34");
        assert_eq!(duration(3723.0), "1:02:03");
        assert_eq!(bar(0.5, 4), "██░░");
    }
}
