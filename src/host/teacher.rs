//! The teacher's side: the commands typed at the host's terminal, and the lines it prints about
//! the class (one event a line, so that scripts can follow a class too).

use super::class::{Class, Phase, Seat};
use super::feed::{Kind, Line};
use super::refusal::Declined;
use super::story::Chooser;
use super::tally::tally;
use crate::bank::branching::Next;
use crate::engine::describe::{points, points_with_unit};
use crate::text::count;

/// What the teacher can do: at the terminal that runs the host, and (start, reveal, next, end)
/// on the board opened with the teacher key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    Start,
    Reveal,
    Next,
    End,
    Remove(String),
    /// A branching scenario walked together: the story follows this choice (a letter as
    /// shown, or `right`, `partly`, `wrong`) rather than the majority's.
    Follow(String),
    Who,
    Help,
}

pub(crate) const HELP: &str = "commands: start (s), reveal (r), next (n), who (w), \
     kick NAME or number from who (k), follow CHOICE (f: in a branching scenario, the story \
     follows it rather than the majority), end (e), help (?); Ctrl-C pauses the class, --resume continues it";

/// A typed line as a command, or what is wrong with it.
pub(crate) fn parse(line: &str) -> Result<Command, Declined> {
    let line = line.trim();
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    match word.to_lowercase().as_str() {
        "start" | "s" => Ok(Command::Start),
        "reveal" | "r" => Ok(Command::Reveal),
        "next" | "n" => Ok(Command::Next),
        "end" | "e" | "quit" | "q" => Ok(Command::End),
        "who" | "w" => Ok(Command::Who),
        "help" | "?" | "h" => Ok(Command::Help),
        "kick" | "k" if !rest.is_empty() => Ok(Command::Remove(rest.to_owned())),
        "follow" | "f" if !rest.is_empty() => Ok(Command::Follow(rest.to_owned())),
        "follow" | "f" => Err(Declined::FollowWhich),
        "kick" | "k" => Err(Declined::KickWhom),
        _ => Err(Declined::UnknownCommand(word.to_owned())),
    }
}

/// `question 2 of 10 open: …`, with the prompt on one line; `decision 2 open: …` in a
/// branching scenario.
pub(crate) fn opened(class: &Class, index: usize) -> String {
    let prompt = one_line(&class.plan[index].question.prompt);
    let timer = class
        .options
        .timer
        .map(|t| format!(" ({} s)", t.as_secs()))
        .unwrap_or_default();
    if class.story.is_some() {
        return format!("decision {} open{timer}: {prompt}", index + 1);
    }
    format!(
        "question {} of {} open{timer}: {prompt}",
        index + 1,
        class.plan.len()
    )
}

/// What the teacher is told when moving on from the last question ends the class: in a
/// branching scenario, the ending the story reached.
pub(crate) fn last(class: &Class) -> String {
    let ending = class
        .story
        .as_ref()
        .and_then(|s| s.reached.map(|e| &s.branching.endings[e]));
    match ending {
        Some(ending) => format!(
            "the story reached its ending, {} ({} ending): the class has ended\n  {}\n  Debrief: {}",
            one_line(ending.title.as_deref().unwrap_or(&ending.id)),
            ending.rating.name(),
            flat(&ending.text),
            flat(&ending.debrief)
        ),
        None => "that was the last question: the class has ended".into(),
    }
}

/// Where a class that continues after a pause stands, and what the teacher can do next.
pub(crate) fn resumed(class: &Class, now: std::time::Instant) -> String {
    let total = class.plan.len();
    let left = class
        .time_left(now)
        .map(|t| format!(" ({} s left)", t.as_secs()))
        .unwrap_or_default();
    let answers: usize = class.seated().map(|s| s.answers().len()).sum();
    let seats = format!(
        "{} back in their seats with {}",
        count(class.students(), "student"),
        count(answers, "answer")
    );
    let here = match class.phase {
        Phase::Lobby => "the class is in the lobby; type start when everyone is in".to_owned(),
        Phase::Open { .. } if class.options.self_paced => {
            format!("the class is under way at each student's own pace{left}")
        }
        Phase::Open { index, .. } if class.story.is_some() => format!(
            "decision {} is open{left}; type reveal to close it",
            index + 1
        ),
        Phase::Revealed { index } if class.story.is_some() => format!(
            "decision {} was revealed; type next to go on with the story",
            index + 1
        ),
        Phase::Open { index, .. } => format!(
            "question {} of {total} is open{left}; type reveal to close it",
            index + 1
        ),
        Phase::Revealed { index } if index + 1 < total => format!(
            "question {} of {total} was revealed; type next for question {}",
            index + 1,
            index + 2
        ),
        Phase::Revealed { index } => format!(
            "question {} of {total} was revealed, the last; type end to end the class",
            index + 1
        ),
        Phase::Paused | Phase::Ended => "the class is not running".to_owned(),
    };
    format!("Resumed: {seats}; {here}.")
}

/// `joined Ana (3 in class)`.
pub(crate) fn joined(name: &str, students: usize) -> Line {
    Line::event(Kind::Join, format!("joined {name} ({students} in class)"))
}

/// `back Ana (3 connected)`: a student's page reconnected.
pub(crate) fn back(name: &str, connected: usize) -> Line {
    Line::event(Kind::Back, format!("back {name} ({connected} connected)"))
}

/// `left Ana (2 connected)`: a student's last page closed.
pub(crate) fn left(name: &str, connected: usize) -> Line {
    Line::event(Kind::Left, format!("left {name} ({connected} connected)"))
}

/// `answered 3 of 12` for the open question.
pub(crate) fn answered(class: &Class, index: usize) -> Line {
    let text = format!(
        "answered {} of {} (question {})",
        class.answered(index),
        class.students(),
        index + 1
    );
    Line::event(Kind::Answer, text)
}

/// `Ana: 3 of 10 answered · 2.5 points`, as a self-paced student goes; in an exam without the
/// points, which the terminal (often on the projector) shows no sooner than the student sees them.
pub(crate) fn progress(class: &Class, seat: &Seat) -> Line {
    if class.story.is_some() {
        let text = format!(
            "{}: {}{}",
            seat.name,
            count(seat.answers().len(), "decision"),
            points_shown(class, seat)
        );
        return Line::event(Kind::Answer, text);
    }
    let text = format!(
        "{}: {} of {} answered{}",
        seat.name,
        seat.answers().len(),
        class.plan.len(),
        points_shown(class, seat)
    );
    Line::event(Kind::Answer, text)
}

/// ` · 2.5 points`, or nothing while the student's points are not shown yet.
fn points_shown(class: &Class, seat: &Seat) -> String {
    class
        .score_shown(seat)
        .map(|score| format!(" · {}", points_with_unit(score)))
        .unwrap_or_default()
}

/// The class's answers to question `index`: a bar per choice, or right / partly / wrong.
pub(crate) fn histogram(class: &Class, index: usize) -> Vec<String> {
    let planned = &class.plan[index];
    let mut lines = vec![format!(
        "revealed question {}: {}",
        index + 1,
        one_line(&crate::engine::describe::key_text(planned.question))
    )];
    let (rows, silent) = tally(class, index);
    let most = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    for row in rows {
        let label = match &row.letter {
            Some(letter) => {
                let mark = if row.right { "✔" } else { " " };
                format!("{mark} {letter} {}", one_line(&row.label))
            }
            None => row.label,
        };
        lines.push(format!(
            "  {:<20} {:>4}  {label}",
            bar(row.count, most),
            row.count
        ));
    }
    lines.push(format!("  no answer: {silent}"));
    lines.extend(followed(class, index));
    lines
}

/// The decision the story follows from question `index` of a branching scenario walked
/// together, who chose it, and what happens then.
pub(crate) fn followed(class: &Class, index: usize) -> Option<String> {
    let story = class.story.as_ref()?;
    let (route, followed) = story.followed_route(index)?;
    let who = match followed.by {
        Chooser::Majority => "the class's choice",
        Chooser::Teacher => "the teacher's choice",
    };
    let then = match route.next {
        Next::Step(_) => "type next for the next decision, or follow another choice",
        Next::Ending(_) => "type next for the ending, or follow another choice",
    };
    Some(format!(
        "the story follows {} ({who}): {} ({then})",
        one_line(&story.route_label(index, followed.route)),
        flat(&route.consequence)
    ))
}

fn bar(n: usize, most: usize) -> String {
    let width = 20 * n / most;
    "█".repeat(width)
}

/// The top of the class, one line.
pub(crate) fn leaderboard(class: &Class) -> String {
    // Equal points share a place (1, 1, 3).
    let top: Vec<String> = class
        .standings()
        .take(5)
        .map(|(seat, score)| {
            let place = class.place(seat).unwrap_or(0);
            format!("{place}. {} {}", seat.name, points(score))
        })
        .collect();
    if top.is_empty() {
        "leaderboard: nobody yet".into()
    } else {
        format!("leaderboard: {}", top.join(" · "))
    }
}

/// Who is in the class, and (self-paced) how far each has got.
pub(crate) fn roll(class: &Class) -> Vec<String> {
    let mut lines = vec![format!(
        "{} in class, {} connected",
        count(class.students(), "student"),
        class.connected()
    )];
    for seat in class.seated() {
        let online = if seat.connections > 0 { "" } else { " (away)" };
        let progress =
            if class.story.is_some() && class.options.self_paced && class.phase != Phase::Lobby {
                format!(
                    " · {}{}",
                    count(seat.answers().len(), "decision"),
                    points_shown(class, seat)
                )
            } else if class.options.self_paced && class.phase != Phase::Lobby {
                format!(
                    " · question {} of {}{}",
                    (seat.position + 1).min(class.plan.len()),
                    class.plan.len(),
                    points_shown(class, seat)
                )
            } else {
                String::new()
            };
        lines.push(format!(
            "  {}. {}{online}{progress}",
            seat.number(),
            seat.name
        ));
    }
    lines
}

/// Bank text as one paragraph for the terminal: no line breaks, no control characters.
fn flat(text: &str) -> String {
    crate::text::for_terminal(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Bank text on one terminal line: no line breaks, no control characters, at most 70 columns.
fn one_line(text: &str) -> String {
    let flat = flat(text);
    if flat.chars().count() > 70 {
        format!("{}…", flat.chars().take(69).collect::<String>())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_read_as_words_or_their_first_letter() {
        assert_eq!(parse("start"), Ok(Command::Start));
        assert_eq!(parse(" R "), Ok(Command::Reveal));
        assert_eq!(
            parse("kick  Ana María "),
            Ok(Command::Remove("Ana María".into()))
        );
        assert!(parse("kick").is_err());
        assert_eq!(
            parse("launch"),
            Err(Declined::UnknownCommand("launch".into()))
        );
        assert!(
            Declined::UnknownCommand("launch".into())
                .to_string()
                .contains("start (s)")
        );
    }
}
