//! The `quiz stats` screen: bars, a sparkline and lists that fit the terminal's width.

use crate::style::{Align, pad, style, truncate as truncate_str};

use crate::engine::describe::points;
use crate::study::figures::{DAYS, Day, FORECAST_DAYS, Group, Stats};
use crate::study::screen::review::when;
use crate::text::count;

/// Below this the names go above their bars; the bars grow no longer than the max.
const BAR_MIN: usize = 10;
/// The shortest bar, on a terminal too narrow for anything longer.
const BAR_NARROWEST: usize = 4;
/// Where the bars start when the names are above them.
const APART_INDENT: usize = 6;
const BAR_MAX: usize = 50;
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub(crate) fn render(stats: &Stats, title: &str, width: usize) -> String {
    let mut text = String::new();
    let questions = stats.unseen + stats.banks.iter().map(|b| b.seen).sum::<usize>();
    if stats.answers == 0 {
        text.push_str(&format!("{}\n", style(title).bold()));
        text.push_str(
            "No answers recorded yet: answers from `quiz play` and `quiz review` show up here.\n",
        );
        text.push_str(&format!(
            "{} waiting; start with `quiz review`.\n",
            count(questions, "question")
        ));
        return text;
    }
    let totals = format!(
        "{} on {} · streak {}{}",
        count(stats.answers, "answer"),
        count(stats.study_days, "day"),
        count(stats.streak_days, "day"),
        if stats.studied_today {
            ""
        } else {
            " (not yet today)"
        }
    );
    let fits = |line: &str| line.chars().count() < width;
    if fits(&format!("{title} · {totals}")) {
        text.push_str(&format!("{} · {totals}\n", style(title).bold()));
    } else {
        text.push_str(&format!(
            "{}\n{}\n",
            style(title).bold(),
            wrapped(&totals, width, "")
        ));
    }
    // One name column for both tables, so that their bars line up.
    let names = stats.banks.iter().chain(&stats.tags);
    let name_width = names
        .map(|g| crate::style::measure(&g.name))
        .max()
        .unwrap_or(0);
    text.push_str(&table("Banks", &stats.banks, name_width, width));
    if !stats.tags.is_empty() {
        text.push_str(&table("Tags", &stats.tags, name_width, width));
    }
    text.push_str(&legend(stats.stable_days, width));
    text.push_str(&wrapped(
        "  recall: the predicted chance of remembering an answer now",
        width,
        "    ",
    ));
    text.push('\n');
    text.push_str(&daily(&stats.daily, width));
    let due = format!(
        "Due today: {} · this week: {} · not seen yet: {}",
        stats.due_today, stats.due_this_week, stats.unseen
    );
    text.push_str(&format!("\n{}\n", wrapped(&due, width, "  ")));
    if let Some(share) = stats.retention.share {
        let retention = format!(
            "True retention, last {DAYS} days: {} of {} due reviews right ({}), target {}",
            stats.retention.right,
            stats.retention.due_reviews,
            percent(Some(share)),
            percent(Some(stats.retention.target))
        );
        text.push_str(&format!("{}\n", wrapped(&retention, width, "  ")));
    }
    text.push_str(&forecast(stats, width));
    text.push_str(&weakest(stats, width));
    text.push_str(&calibration(stats, width));
    text.push_str(&scenarios(stats, width));
    text
}

/// The reviews falling due each day of the next days, as a line of bars scaled to the busiest.
fn forecast(stats: &Stats, width: usize) -> String {
    let busiest = stats.forecast.iter().max_by_key(|d| d.due);
    let Some(busiest) = busiest.filter(|d| d.due > 0) else {
        return String::new();
    };
    let line: String = stats
        .forecast
        .iter()
        .map(|d| match d.due {
            0 => '·',
            n => SPARKS[(n * 7).div_ceil(busiest.due)],
        })
        .collect();
    let heading = format!(
        "Reviews due, next {FORECAST_DAYS} days: {} in all, at most {} on {}",
        stats.forecast.iter().map(|d| d.due).sum::<usize>(),
        busiest.due,
        busiest.date
    );
    format!(
        "\n{}\n  {line}\n{}\n",
        wrapped(&heading, width, "  "),
        wrapped(
            "  · none, █ the busiest day; today first, overdue included",
            width,
            "    "
        )
    )
}

/// How often each level of confidence was right, and the questions answered wrong while certain.
fn calibration(stats: &Stats, width: usize) -> String {
    if stats.calibration.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nCalibration (answers given with --confidence):\n");
    for c in &stats.calibration {
        text.push_str(&format!(
            "  {:<12} {:<11}  right {:>4}\n",
            c.confidence,
            count(c.answers, "answer"),
            percent(Some(c.accuracy))
        ));
    }
    if !stats.confident_errors.is_empty() {
        text.push_str("Certain, and wrong (the answers most worth reading again):\n");
        for e in &stats.confident_errors {
            let prompt = e.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
            let line = format!("  • {prompt} ({}×)", e.times);
            text.push_str(&format!("{}\n", wrapped(&line, width, "    ")));
        }
    }
    text
}

/// Each branching scenario: the best share of its best path's points a walk reached, and when
/// it is due for another walk.
fn scenarios(stats: &Stats, width: usize) -> String {
    if stats.scenarios.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nBranching scenarios (best walk against the best path):\n");
    for s in &stats.scenarios {
        let walks = count(s.walks as usize, "walk");
        let score = match (s.best_points, s.due) {
            (Some(earned), Some(due)) => format!(
                "{} ({} of {} points) · {walks} · due {}",
                percent(s.best_share),
                points(earned),
                points(s.best_path_points),
                when(due.max(stats.today), stats.today)
            ),
            // Walked, but not since the story was changed: it is due again.
            (None, Some(due)) => format!(
                "changed since your last walk · {walks} · due {}",
                when(due.max(stats.today), stats.today)
            ),
            _ => "not walked yet".to_owned(),
        };
        let line = format!("{} ({}): {score}", s.title, s.scenario);
        text.push_str(&format!(
            "{}\n",
            wrapped(&format!("  {line}"), width, "    ")
        ));
    }
    text
}

/// What the bar cells mean, on one line if it fits.
fn legend(stable_days: i64, width: usize) -> String {
    let parts = [
        format!(
            "{} mastered (next interval ≥ {stable_days} days)",
            style("█").green()
        ),
        format!("{} seen", style("▓").yellow()),
        format!("{} not seen yet", style("░").dim()),
    ];
    let one_line = format!("  {}", parts.join("  "));
    if crate::style::measure(&one_line) < width {
        format!("{one_line}\n")
    } else {
        parts.iter().map(|p| format!("  {p}\n")).collect()
    }
}

fn percent(fraction: Option<f64>) -> String {
    fraction.map_or("—".into(), |f| format!("{:.0}%", f * 100.0))
}

fn table(heading: &str, groups: &[Group], name_width: usize, width: usize) -> String {
    let name_width = name_width.max(heading.chars().count());
    let seen_width = groups
        .iter()
        .map(|g| format!("{}/{}", g.seen, g.total).len())
        .chain(["seen".len()])
        .max()
        .unwrap_or(4);
    let columns = |recall: bool| {
        move |seen: &str, accuracy: &str, mastery: &str, predicted: &str| {
            let mut tail = format!("  {seen:>seen_width$}  {accuracy:>8}  {mastery:>7}");
            if recall {
                tail.push_str(&format!("  {predicted:>6}"));
            }
            tail
        }
    };
    // One column spare: some terminals wrap a line that fills the last column.
    let tail_width = |recall: bool| columns(recall)("", "", "", "").chars().count() + 1;
    let beside = name_width + 4;
    // The recall column goes first when the terminal is too narrow for it; then, rather than
    // every row wrapping, each name goes on a line of its own above its bar.
    let recall = width >= beside + BAR_MIN + tail_width(true);
    let tail = columns(recall);
    let tail_width = tail_width(recall);
    let apart = width < beside + BAR_MIN + tail_width;
    let lead = if apart { APART_INDENT } else { beside };
    let bar_width = width
        .saturating_sub(lead + tail_width)
        .clamp(BAR_NARROWEST, BAR_MAX);
    // Names set these widths: padded by `pad`, which has no range to go past, where the
    // formatter's widths end at 65,535 (a bank id that long, on a window as wide).
    let heading = pad(heading, lead, Align::Left);
    let mut text = format!(
        "\n{}{:bar_width$}{}\n",
        style(heading).bold(),
        "",
        tail("seen", "accuracy", "mastery", "recall")
    );
    for g in groups {
        let name = if apart {
            let name = truncate_str(&g.name, width.saturating_sub(3), "…");
            format!("  {name}\n{}", " ".repeat(lead))
        } else {
            format!("  {}  ", pad(&g.name, name_width, Align::Left))
        };
        text.push_str(&format!(
            "{name}{}{}\n",
            bar(g, bar_width),
            tail(
                &format!("{}/{}", g.seen, g.total),
                &percent(g.accuracy),
                &percent(Some(g.mastery)),
                &percent(g.recall)
            )
        ));
    }
    text
}

/// Mastered, then seen, then not yet seen, in proportion to the group's questions.
fn bar(group: &Group, width: usize) -> String {
    let cells = |n: usize| {
        if group.total == 0 {
            0
        } else {
            (n as f64 / group.total as f64 * width as f64).round() as usize
        }
    };
    let mastered = cells(group.mastered);
    let seen = cells(group.seen).max(mastered) - mastered;
    let rest = width - (mastered + seen).min(width);
    format!(
        "{}{}{}",
        style("█".repeat(mastered)).green(),
        style("▓".repeat(seen)).yellow(),
        style("░".repeat(rest)).dim()
    )
}

/// `line` wrapped to fit within `width` columns, one spare.
fn wrapped(line: &str, width: usize, indent: &str) -> String {
    crate::text::wrap(line, width.saturating_sub(1), indent).join("\n")
}

fn daily(days: &[Day], width: usize) -> String {
    let line: String = days
        .iter()
        .map(|d| match d.accuracy {
            None => '·',
            Some(a) => SPARKS[((a.clamp(0.0, 1.0) * 7.0).round()) as usize],
        })
        .collect();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return String::new();
    };
    let heading = format!(
        "Daily accuracy, last {DAYS} days ({} to {})",
        first.date, last.date
    );
    format!(
        "\n{}\n  {line}\n  · no answers, ▁ 0% to █ 100%\n",
        wrapped(&heading, width, "  ")
    )
}

fn weakest(stats: &Stats, width: usize) -> String {
    if stats.weakest.is_empty() {
        return "\nNo weak questions: every answer so far was right.\n".into();
    }
    let mut text = String::from("\nWeakest questions:\n");
    for (i, w) in stats.weakest.iter().enumerate() {
        let lead = format!(
            "  {}. {:>4}  {} of {} not fully right  ",
            i + 1,
            percent(Some(w.accuracy)),
            w.misses,
            w.answers
        );
        let prompt = w.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
        let room = width.saturating_sub(lead.chars().count() + 1);
        if room >= 20 {
            text.push_str(&format!("{lead}{}\n", truncate_str(&prompt, room, "…")));
        } else {
            // Too narrow for the prompt beside its numbers: it goes on the line below.
            let room = width.saturating_sub(APART_INDENT + 1).max(10);
            text.push_str(&format!(
                "{}\n{}{}\n",
                lead.trim_end(),
                " ".repeat(APART_INDENT),
                truncate_str(&prompt, room, "…")
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_past_the_formatter_s_widths_on_a_window_as_wide_is_drawn_not_a_panic() {
        let group = Group {
            name: "b".repeat(70_000),
            total: 2,
            seen: 1,
            mastered: 0,
            answers: 1,
            accuracy: Some(1.0),
            mastery: 0.0,
            recall: None,
        };
        let text = table("Banks", &[group], 70_000, 200_000);
        assert!(
            text.contains(&"b".repeat(70_000)),
            "the name is shown whole"
        );
        assert!(text.contains("1/2"));
    }
}
