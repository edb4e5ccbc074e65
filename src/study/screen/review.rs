//! What `quiz review` says around the questions and branching scenarios.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::study::queue::{Queue, Reason, ReviewOptions};
use crate::study::recorder::Scheduled;
use crate::study::schedule::Rating;
use crate::text::count;

/// "today", "tomorrow", "in 5 days", with the date.
pub(crate) fn when(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        ..=0 => format!("today ({date})"),
        1 => format!("tomorrow ({date})"),
        n => format!("in {n} days ({date})"),
    }
}

fn next_due_line(queue: &Queue, next: DateTime<Utc>, now: DateTime<FixedOffset>) -> String {
    let date = next.with_timezone(now.offset()).date_naive();
    let what = if queue.next_due_walk {
        "branching scenario"
    } else {
        "question"
    };
    format!("The next {what} is due {}.", when(date, now.date_naive()))
}

/// "3 questions", "1 branching scenario", "3 questions and 1 branching scenario".
fn cards(questions: usize, walks: usize) -> String {
    match (questions, walks) {
        (_, 0) => count(questions, "question"),
        (0, _) => count(walks, "branching scenario"),
        _ => format!(
            "{} and {}",
            count(questions, "question"),
            count(walks, "branching scenario")
        ),
    }
}

/// The line above the first question.
pub(crate) fn header(queue: &Queue, now: DateTime<FixedOffset>) -> String {
    let mut parts = Vec::new();
    let due = queue.count(Reason::Due);
    let mistakes = queue.count(Reason::Mistake);
    let new = queue.count(Reason::New);
    if due > 0 {
        parts.push(format!("{due} due"));
    }
    if mistakes > 0 {
        parts.push(count(mistakes, "recent mistake"));
    }
    if new > 0 {
        parts.push(format!("{new} new"));
    }
    let ahead = queue.count(Reason::Ahead);
    if ahead > 0 {
        parts.push(format!("{ahead} ahead"));
    }
    let mut text = String::new();
    // Only worth saying to someone who has a schedule already.
    if let (0, 0, Some(next)) = (due, mistakes, queue.next_due) {
        let meanwhile = if ahead > 0 {
            "Meanwhile, those closest to due, ahead of time."
        } else {
            "Meanwhile, some new questions."
        };
        text.push_str(&format!(
            "Nothing is due. {} {meanwhile}\n",
            next_due_line(queue, next, now)
        ));
    }
    let walks = queue.walks().len();
    parts.push(cards(queue.picks.len() - walks, walks));
    text.push_str(&format!(
        "Review · {} · {}",
        now.date_naive(),
        parts.join(" · ")
    ));
    if queue.due > due {
        text.push_str(&format!(" ({} more due after these)", queue.due - due));
    }
    text
}

/// When there is nothing to ask: why, and when to come back.
pub(crate) fn nothing_to_do(
    queue: &Queue,
    options: &ReviewOptions,
    now: DateTime<FixedOffset>,
) -> String {
    if options.mistakes_only {
        return "No mistakes to review: every question you have answered was last answered right."
            .into();
    }
    let mut text = String::from("Nothing is due.");
    if let Some(next) = queue.next_due {
        text.push(' ');
        text.push_str(&next_due_line(queue, next, now));
        text.push_str(&format!(
            " To study ahead: `quiz review --ahead {AHEAD_HINT}`."
        ));
    }
    text.push('\n');
    if options.ahead.is_some() {
        text.push_str("Nothing is scheduled to study ahead.");
    } else if queue.new_unseen == 0 {
        text.push_str("You have seen every question; well done.");
    } else {
        text.push_str(&format!(
            "{} not seen yet, but the limit of {} a day is reached ({} seen for the first time \
             today); raise it with --new N.",
            count(queue.new_unseen, "question"),
            count(options.new_per_day, "new question"),
            queue.new_today
        ));
    }
    text
}

/// How many cards `--ahead` offers in the hint when nothing is due.
const AHEAD_HINT: usize = 10;

/// After the questions: each kind of card left for today with the command that asks it, then
/// when the next one falls due and what falls due in the coming days.
pub(crate) fn after(queue: &Queue, options: &ReviewOptions, now: DateTime<FixedOffset>) -> String {
    let mut lines = Vec::new();
    let new = queue.new_left;
    if queue.due > 0 {
        let mut what = format!(
            "{} still due today",
            cards(queue.due - queue.due_walks, queue.due_walks)
        );
        if new > 0 {
            what.push_str(&format!(", then {}", count(new, "new question")));
        }
        lines.push(format!("{what}: run `quiz review` again."));
    } else if new > 0 {
        lines.push(format!(
            "{} left for today: run `quiz review` again.",
            count(new, "new question")
        ));
    }
    let mistakes = queue.count(Reason::Mistake);
    if mistakes > 0 {
        lines.push(format!(
            "{} to go over again now: run `quiz review --mistakes`.",
            count(mistakes, "recent mistake")
        ));
    }
    let beyond = queue.new_unseen - new;
    let limited = queue.new_today >= options.new_per_day;
    if new == 0 && beyond > 0 && limited && !options.mistakes_only && options.ahead.is_none() {
        lines.push(format!(
            "{} not seen yet; today's limit of {} new is reached: `quiz review --new {}` \
             raises it.",
            count(beyond, "question"),
            options.new_per_day,
            (options.new_per_day * 2).max(10)
        ));
    }
    if queue.due == 0 {
        match queue.next_due {
            Some(next) => lines.push(format!(
                "Nothing else is due today. {} To study ahead: `quiz review --ahead {AHEAD_HINT}`.",
                next_due_line(queue, next, now)
            )),
            None if lines.is_empty() => lines.push("Nothing is scheduled yet.".into()),
            None => {}
        }
    }
    if let Some(coming) = coming(queue) {
        lines.push(coming);
    }
    lines.join("\n")
}

/// The line after an answer: when the question comes back, and the rating that set it; with
/// `again_now`, that it is asked again later in this session (the day it is due after that
/// depends on the answer then).
pub(crate) fn scheduled(
    scheduled: &Scheduled,
    again_now: bool,
    now: DateTime<FixedOffset>,
) -> String {
    let rated = match scheduled.confidence {
        Some(confidence) => format!("{:?} (you were {})", scheduled.rating, confidence.name()),
        None => rating_why(scheduled.rating).to_owned(),
    };
    let date = scheduled.due.with_timezone(now.offset()).date_naive();
    let when = when(date, now.date_naive());
    if again_now {
        format!("Next review: later in this session, until answered right · rated {rated}")
    } else {
        format!("Next review: {when} · rated {rated}")
    }
}

/// "Easy (right and quick)": a rating and what it came from.
fn rating_why(rating: Rating) -> &'static str {
    match rating {
        Rating::Again => "Again (wrong)",
        Rating::Hard => "Hard (partly right)",
        Rating::Good => "Good (right)",
        Rating::Easy => "Easy (right and quick)",
    }
}

/// What falls due in the coming days, when anything does.
pub(crate) fn coming(queue: &Queue) -> Option<String> {
    (queue.due_this_week > 0).then(|| {
        format!(
            "Coming up: {} due tomorrow, {} in the next 7 days.",
            queue.due_tomorrow, queue.due_this_week
        )
    })
}
