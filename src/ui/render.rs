//! The text a learner reads: scenarios, feedback, the summary and the exam review.

use crate::style::style;

use crate::bank::{AnswerKey, Scenario, TAG_LIMIT};
use crate::engine::Answered;
use crate::engine::Ask;
use crate::engine::Response;
use crate::engine::Verdict;
use crate::engine::describe::{key_text, picked_whys, points, points_with_unit, response_text};
use crate::engine::select::Planned;
use crate::engine::session::{Ending, Mode, Outcome};
use crate::engine::summary::{TagScore, summarize};

pub(crate) fn question_header(ask: &Ask) -> String {
    let so_far = ask
        .so_far
        .map(|(right, answered)| format!(" · {right}/{answered} right"))
        .unwrap_or_default();
    let header = if ask.is_decision() {
        format!("Decision {} · {}", ask.number, points_with_unit(ask.points))
    } else {
        format!(
            "Question {} of {} · {}{so_far}",
            ask.number,
            ask.total,
            points_with_unit(ask.points)
        )
    };
    style(wrap(&header, "")).bold().to_string()
}

/// The question's header and its prompt, wrapped to `width`.
pub(crate) fn question(ask: &Ask, width: usize) -> String {
    let width = width.min(line_width());
    let prompt = crate::text::wrap(&crate::text::reflow(ask.prompt.trim()), width, "").join("\n");
    format!("{}\n{prompt}", question_header(ask))
}

/// Before a question on its own that comes after a scenario's questions.
pub(crate) fn scenario_end() -> String {
    format!("\n{}", style("── End of the scenario ──").cyan().bold())
}

/// What is asked after each answer when confidence is asked.
pub(crate) fn confidence_prompt() -> &'static str {
    "How sure are you? 1 guessing · 2 fairly sure · 3 certain"
}

/// Before a question missed earlier in the session is asked again.
pub(crate) fn relearning() -> String {
    format!(
        "\n{}",
        style("── Once more: a question you missed earlier ──")
            .cyan()
            .bold()
    )
}

/// The scenario named again, its text already on the screen above.
pub(crate) fn scenario_continued(scenario: &Scenario) -> String {
    format!(
        "\n{}",
        style(wrap(
            &format!("── Scenario: {} (continued) ──", scenario.title),
            ""
        ))
        .cyan()
        .bold()
    )
}

pub(crate) fn scenario(scenario: &Scenario) -> String {
    format!(
        "\n{}\n{}",
        style(wrap(&format!("── Scenario: {} ──", scenario.title), ""))
            .cyan()
            .bold(),
        wrap(&crate::text::reflow(&scenario.text), "")
    )
}

fn verdict_line(answered: &Answered) -> String {
    let earned = points(answered.grade.earned);
    let score = format!("{earned} of {}", points_with_unit(answered.grade.max));
    match answered.grade.verdict() {
        Verdict::Right => style(format!("✔ Right · {score}"))
            .green()
            .bold()
            .to_string(),
        Verdict::Partial => style(format!("◐ Partly right · {score}"))
            .yellow()
            .bold()
            .to_string(),
        Verdict::Wrong => style(format!("✘ Wrong · {score}")).red().bold().to_string(),
    }
}

/// What follows an answer in practice mode, and each entry of the exam review.
pub(crate) fn feedback(planned: &Planned, answered: &Answered) -> String {
    let question = planned.question;
    let mut text = format!("{}\n", verdict_line(answered));
    let line = |text: &mut String, line: String, indent: &str| {
        text.push_str(&wrap(&line, indent));
        text.push('\n');
    };
    if let (AnswerKey::Match { pairs }, Response::Match(given)) =
        (&question.key, &answered.response)
    {
        // Each pair on its own line, marked right or wrong, with the right side when it was not.
        text.push_str("You answered:\n");
        for (left, (pair, &r)) in pairs.iter().zip(given).enumerate() {
            let chosen = pairs.get(r).map_or("?", |p| p.right.as_str());
            let one = if left == r {
                format!("  ✔ {} → {chosen}", pair.left)
            } else {
                format!("  ✘ {} → {chosen} (right: {})", pair.left, pair.right)
            };
            line(&mut text, one, "      ");
        }
    } else {
        line(
            &mut text,
            format!(
                "You answered: {}",
                response_text(question, &answered.response)
            ),
            "  ",
        );
    }
    if let Some(accepted) = crate::engine::short_answer::accepted_as(question, &answered.response) {
        line(&mut text, format!("  ↳ accepted as {accepted}"), "    ");
    }
    for why in picked_whys(planned.question, &answered.response) {
        line(&mut text, format!("  ↳ {why}"), "    ");
    }
    if answered.grade.verdict() != Verdict::Right {
        text.push_str(
            &style(wrap(
                &format!("Correct answer: {}", key_text(question)),
                "  ",
            ))
            .green()
            .to_string(),
        );
        text.push('\n');
    }
    text.push_str(&wrap(&format!("Why: {}", question.explanation.trim()), ""));
    text.push('\n');
    text.push_str(
        &style(wrap(&planned.bank.source_line(&question.citation), ""))
            .dim()
            .to_string(),
    );
    text
}

fn bar(fraction: f64, width: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0) * width as f64).round()) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// The end of a quiz: score, tags, and what was missed (or, after an exam, every answer).
pub(crate) fn summary(outcome: &Outcome, seed: u64) -> String {
    let summary = summarize(outcome);
    let mut text = String::from("\n");
    if outcome.mode == Mode::Exam && !outcome.answers.is_empty() {
        text.push_str(&exam_review(outcome));
    }
    let stopped = match outcome.ending {
        Ending::Finished => String::new(),
        Ending::EndOfInput => " (input ended)".into(),
        Ending::Interrupted => " (stopped with Ctrl-C)".into(),
        Ending::Stopped => " (stopped)".into(),
    };
    text.push_str(&style(format!("── Result{stopped} ──")).bold().to_string());
    text.push('\n');
    if outcome.answers.is_empty() {
        text.push_str(&wrap(
            &format!(
                "Nothing was answered: 0 of {}. Replay these questions with --seed {seed}.",
                points_with_unit(summary.max)
            ),
            "",
        ));
        text.push('\n');
        return text;
    }
    let unanswered = summary.planned - summary.answered;
    let counted = if unanswered > 0 {
        format!(
            " (the {} not answered count{} 0)",
            crate::text::count(unanswered, "question"),
            if unanswered == 1 { "s" } else { "" }
        )
    } else {
        String::new()
    };
    text.push_str(&wrap(
        &format!(
            "Score: {} of {} ({:.0}%) · {} of {} answered{counted} · seed {seed}",
            points(summary.earned),
            points_with_unit(summary.max),
            summary.percent(),
            summary.answered,
            crate::text::count(summary.planned, "question"),
        ),
        "  ",
    ));
    text.push('\n');
    if let Some((marks, best)) = crate::engine::confidence::total(outcome) {
        text.push_str(&wrap(
            &format!(
                "Certainty-based marks: {} of {} (right 1, 2 or 3 × points by how sure you were; \
                 wrong 0, −2 or −6 ×)",
                points(marks),
                points(best),
            ),
            "  ",
        ));
        text.push('\n');
    }
    text.push_str(&tag_bars(&summary.tags));
    if outcome.mode == Mode::Practice {
        text.push_str(&to_review(outcome));
    }
    text
}

/// After an exam: every question with its feedback, in the order asked.
fn exam_review(outcome: &Outcome) -> String {
    let mut text = style("── Review ──").bold().to_string();
    text.push('\n');
    for answered in &outcome.answers {
        let planned = &outcome.plan[answered.index];
        let prompt = crate::text::reflow(planned.question.prompt.trim());
        text.push_str(&wrap(&format!("{}. {prompt}", answered.index + 1), "   "));
        text.push('\n');
        text.push_str(&feedback(planned, answered));
        text.push_str("\n\n");
    }
    text
}

/// One bar per tag, the tags' names in one column.
fn tag_bars(tags: &[TagScore]) -> String {
    if tags.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nBy tag:\n");
    // A tag longer than `check` allows (from an older bank) is cut: a name sets the column's
    // width, and a width past the formatter's range would panic.
    let width = tags
        .iter()
        .map(|t| t.tag.chars().count())
        .max()
        .unwrap_or(0)
        .min(TAG_LIMIT);
    let counts = |t: &TagScore| format!("({}/{})", points(t.earned), points(t.max));
    let widest_count = tags.iter().map(|t| counts(t).len()).max().unwrap_or(0);
    // The bar gives way first on a narrow window: the name, the percentage and the points stay.
    let bar_width = line_width()
        .saturating_sub(2 + width + 2 + 2 + 4 + 2 + widest_count)
        .clamp(5, 20);
    for tag in tags {
        let fraction = if tag.max > 0.0 {
            tag.earned / tag.max
        } else {
            0.0
        };
        text.push_str(&format!(
            "  {:<width$}  {}  {:>3.0}%  {}\n",
            crate::style::truncate(&tag.tag, width, "…"),
            bar(fraction, bar_width),
            fraction * 100.0,
            counts(tag),
        ));
    }
    text
}

/// After practice: each question not answered fully right, with its answer and why.
fn to_review(outcome: &Outcome) -> String {
    let missed: Vec<&Answered> = outcome
        .answers
        .iter()
        .filter(|a| a.grade.verdict() != Verdict::Right)
        .collect();
    if missed.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nTo review:\n");
    for answered in missed {
        let question = outcome.plan[answered.index].question;
        let prompt = crate::text::reflow(question.prompt.trim());
        text.push_str(&wrap(&format!("  • {prompt}"), "    "));
        text.push('\n');
        text.push_str(&wrap(
            &format!("    Correct answer: {}", key_text(question)),
            "      ",
        ));
        text.push('\n');
        text.push_str(&wrap(
            &format!("    Why: {}", question.explanation.trim()),
            "    ",
        ));
        text.push('\n');
    }
    text
}

/// The width text is wrapped to: the window's (see [`crate::style::width`]), capped for
/// readability.
pub(crate) fn line_width() -> usize {
    crate::style::width().clamp(40, 100)
}

/// `text` wrapped to the line width; continuation lines start with `indent`.
pub(crate) fn wrap(text: &str, indent: &str) -> String {
    crate::text::wrap(text, line_width(), indent).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str) -> TagScore {
        TagScore {
            tag: name.to_owned(),
            earned: 1.0,
            max: 2.0,
            questions: 2,
        }
    }

    #[test]
    fn a_tag_too_long_for_any_column_is_cut_and_the_others_line_up() {
        let bars = tag_bars(&[tag(&"t".repeat(65_536)), tag("dates")]);
        let rows: Vec<&str> = bars.lines().filter(|l| l.contains('%')).collect();
        assert_eq!(rows.len(), 2, "{bars}");
        let name_column = crate::bank::TAG_LIMIT + 2;
        assert!(rows[0].chars().count() < name_column + 60, "{}", rows[0]);
        assert!(rows[0].starts_with(&format!("  {}…", "t".repeat(crate::bank::TAG_LIMIT - 1))));
        assert_eq!(
            rows[0].chars().position(|c| c == '%'),
            rows[1].chars().position(|c| c == '%')
        );
    }
}
