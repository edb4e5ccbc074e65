//! The dialoguer front end in a real pseudo-terminal: every kind of question answered with the
//! keys a person presses, and Ctrl-C mid-quiz restoring the cursor, keeping what was answered and
//! exiting 130.

use rexpect::process::WaitStatus;

use crate::common::play_basics;

#[test]
fn ctrl_c_mid_quiz_restores_the_cursor_keeps_answers_and_exits_130() {
    let quiz = play_basics(&["--no-shuffle", "--seed", "1", "--out", "r.json"]);
    let mut session = quiz.on_a_terminal();

    // The first question is a Select widget; Enter takes the highlighted first choice, June.
    session.exp_string("In which month of 2024").unwrap();
    session.exp_string("December").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("Right").unwrap();

    // The second question is up; the learner presses Ctrl-C.
    session.exp_string("True or false?").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();

    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is made visible again:\n{rest:?}"
    );
    assert!(rest.contains("Result (stopped with Ctrl-C)"), "{rest}");
    assert!(rest.contains("1 of 7 questions answered"), "{rest}");
    match session.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(quiz.dir().join("r.json")).unwrap()).unwrap();
    assert_eq!(saved["ending"], "interrupted");
    assert_eq!(saved["answers"][0]["question"], "signing-month");
    assert_eq!(saved["answers"][0]["points"], 1.0);
}

#[test]
fn ctrl_c_in_plain_mode_on_a_terminal_keeps_answers_and_exits_130() {
    let quiz = play_basics(&["--plain", "--no-shuffle", "--seed", "1", "--out", "r.json"]);
    let mut session = quiz.on_a_terminal();
    session.exp_string("Your answer (1-3): ").unwrap();
    session.send_line("1").unwrap();
    session.exp_string("True or false (t/f): ").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("Result (stopped with Ctrl-C)"), "{rest}");
    match session.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
    let saved = std::fs::read_to_string(quiz.dir().join("r.json")).unwrap();
    assert!(saved.contains("\"ending\": \"interrupted\""), "{saved}");
}

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

/// The keys that answer `planned` right in the dialoguer widgets, from the widget's first state.
fn keys_for(planned: &scenario_quiz::engine::Planned) -> Vec<String> {
    use scenario_quiz::bank::AnswerKey;
    let shown_at = |author: usize| planned.display.iter().position(|&i| i == author).unwrap();
    let mut keys = Vec::new();
    match &planned.question.key {
        AnswerKey::Single { choices } => {
            let right = shown_at(choices.iter().position(|c| c.correct).unwrap());
            keys.extend(std::iter::repeat_n(DOWN.to_string(), right));
        }
        AnswerKey::Multiple { choices } => {
            // Walk down the list, ticking each correct choice with the space bar.
            for shown in 0..choices.len() {
                if choices[planned.display[shown]].correct {
                    keys.push(" ".into());
                }
                keys.push(DOWN.into());
            }
        }
        AnswerKey::TrueFalse { answer } => {
            if !answer {
                keys.push(DOWN.into());
            }
        }
        AnswerKey::Short { accept, .. } => keys.push(accept[0].clone()),
        AnswerKey::Numeric { answer, .. } => keys.push(answer.to_string()),
        AnswerKey::Order { items } => {
            // Selection sort with the widget's grab (space) and move (up) keys.
            let mut order: Vec<usize> = planned.display.clone();
            let mut cursor = 0;
            for place in 0..items.len() {
                let from = order.iter().position(|&i| i == place).unwrap();
                let (step, count) = if from >= cursor {
                    (DOWN, from - cursor)
                } else {
                    (UP, cursor - from)
                };
                keys.extend(std::iter::repeat_n(step.to_string(), count));
                keys.push(" ".into());
                keys.extend(std::iter::repeat_n(UP.to_string(), from - place));
                keys.push(" ".into());
                let item = order.remove(from);
                order.insert(place, item);
                cursor = place;
            }
        }
        AnswerKey::Match { .. } => unreachable!("a match asks one widget per left side"),
    }
    keys.push("\r".into());
    keys
}

/// What the widget that asks for `key` says above its choices or its text field.
fn widget_prompt(key: &scenario_quiz::bank::AnswerKey) -> &'static str {
    use scenario_quiz::bank::AnswerKey;
    match key {
        AnswerKey::Single { .. } | AnswerKey::Short { .. } | AnswerKey::Numeric { .. } => {
            "Your answer"
        }
        AnswerKey::Multiple { .. } => "All that apply",
        AnswerKey::TrueFalse { .. } => "True or false?",
        AnswerKey::Order { .. } => "Put them in order",
        AnswerKey::Match { .. } => unreachable!("a match asks one widget per left side"),
    }
}

/// The end of `text` after its last character that is not ASCII: rexpect reads the screen as
/// Latin-1, so only ASCII text can be matched as it is written.
fn ascii_tail(text: &str) -> &str {
    text.rsplit(|c: char| !c.is_ascii()).next().unwrap_or(text)
}

#[test]
fn every_kind_of_question_can_be_answered_with_the_keyboard_widgets() {
    use scenario_quiz::bank::AnswerKey;
    use scenario_quiz::engine::{Filter, PlanOptions, plan};
    let banks = crate::common::load(&[crate::common::fixture("basics.yaml")]);
    let options = PlanOptions {
        filter: Filter::default(),
        count: None,
        seed: 1,
        shuffle: false,
    };
    let quiz = play_basics(&["--no-shuffle", "--seed", "1"]);
    let mut session = quiz.on_a_terminal();
    for planned in plan(&banks, &options) {
        session.exp_string(planned.question.prompt.trim()).unwrap();
        // Each widget's own prompt, and the keys that answer it.
        let widgets: Vec<(String, Vec<String>)> = match &planned.question.key {
            // One Select per left side: move down to its right side and press Enter.
            AnswerKey::Match { pairs } => pairs
                .iter()
                .enumerate()
                .map(|(left, pair)| {
                    let right = planned.display.iter().position(|&i| i == left).unwrap();
                    let mut keys: Vec<String> =
                        std::iter::repeat_n(DOWN.to_string(), right).collect();
                    keys.push("\r".into());
                    (format!("{} goes with", ascii_tail(&pair.left)), keys)
                })
                .collect(),
            key => vec![(widget_prompt(key).to_string(), keys_for(&planned))],
        };
        for (prompt, keys) in widgets {
            // The widget is on screen before its keys are pressed, as a person would wait.
            session.exp_string(&prompt).unwrap();
            for key in keys {
                session.send(&key).unwrap();
                session.flush().unwrap();
            }
        }
        // rexpect reads bytes as Latin-1, so the check mark is matched by the word after it.
        session.exp_string("Right").unwrap();
    }
    session.exp_string("Score: 7 of 7 points (100%)").unwrap();
    session.exp_eof().unwrap();
}
