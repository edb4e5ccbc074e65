//! The crossterm front end in a real pseudo-terminal: every kind of question answered with the
//! keys a person presses, and Ctrl-C mid-quiz restoring the cursor, keeping what was answered and
//! exiting 130.

use rexpect::process::WaitStatus;

use crate::common::play_basics;
use crate::common::screen::Window;

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

/// Ends a session with SIGTERM, as a system shutting down or `kill` does, and checks that the
/// shell gets its terminal back: echo and line editing on, the cursor shown, answers kept.
fn terminate_and_check_the_terminal(
    quiz: &crate::common::Quiz,
    mut session: rexpect::session::PtySession,
) {
    session
        .process_mut()
        .signal(rexpect::process::Signal::SIGTERM)
        .unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again:\n{rest:?}"
    );
    match session.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
    // Line editing (`icanon`) and echo are as they were before: every setting is.
    let (before, after) = quiz.terminal_settings();
    assert_eq!(after, before);
    assert!(after.contains(" icanon "), "{after}");
    let saved = std::fs::read_to_string(quiz.dir().join("r.json")).unwrap();
    assert!(saved.contains("\"question\": \"signing-month\""), "{saved}");
}

#[test]
fn sigterm_during_a_menu_gives_the_terminal_back_and_keeps_answers() {
    let quiz = play_basics(&["--no-shuffle", "--seed", "1", "--out", "r.json"]);
    let mut session = quiz.on_a_terminal();
    session.exp_string("December").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    // The true/false menu is up, waiting for a key, when the signal comes.
    session.exp_string("True or false?").unwrap();
    terminate_and_check_the_terminal(&quiz, session);
}

#[test]
fn sigterm_during_a_typed_answer_gives_the_terminal_back_and_keeps_answers() {
    let quiz = play_basics(&["--no-shuffle", "--seed", "1", "--out", "r.json"]);
    let mut session = quiz.on_a_terminal();
    session.exp_string("December").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("True or false?").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session
        .exp_string("Which of these does the treaty cover?")
        .unwrap();
    session.send(" \r").unwrap();
    session.flush().unwrap();
    // The short answer waits for a line when the signal comes.
    session.exp_string("In which Russian region").unwrap();
    terminate_and_check_the_terminal(&quiz, session);
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
        AnswerKey::Multiple { choices, .. } => {
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
        AnswerKey::Match { .. } => unreachable!("a match is answered above"),
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
        AnswerKey::Match { .. } => "Your pairs",
    }
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
            // All pairs at once: each left side in turn gets the letter of its right side.
            AnswerKey::Match { pairs } => {
                let mut keys: Vec<String> = (0..pairs.len())
                    .map(|left| {
                        let right = planned.display.iter().position(|&i| i == left).unwrap();
                        char::from(b'a' + u8::try_from(right).unwrap()).to_string()
                    })
                    .collect();
                keys.push("\r".into());
                vec![("Your pairs".to_string(), keys)]
            }
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

/// `quiz play long-options.yaml` in a window `cols` wide, in the author's order.
fn long_options(cols: u16, more: &[&str]) -> (crate::common::Quiz, Window) {
    let quiz = crate::common::Quiz::new(&["play", "--no-shuffle", "--seed", "1", "--no-save"])
        .args(more)
        .arg(crate::common::fixture("long-options.yaml"));
    let tty = quiz.on_a_terminal_sized(cols, 40);
    (quiz, Window::new(tty, cols))
}

/// Presses `key` in a menu and waits until the menu is drawn again (its key help ends in "stop").
fn press(window: &mut Window, key: &str) {
    window.keys(key);
    window.wait_for("stop");
}

#[test]
fn long_choices_fit_the_window_and_show_once_at_40_80_and_120_columns() {
    for cols in [40, 80, 120] {
        let (_quiz, mut window) = long_options(cols, &[]);
        window.wait_for("Your answer");
        window.wait_for("stop");
        for _ in 0..3 {
            press(&mut window, DOWN);
        }
        let rows = window.rows();
        let screen = rows.join("\n");
        assert!(rows.iter().all(|r| r.chars().count() <= usize::from(cols)));
        assert_eq!(window.count("❯"), 1, "one current row at {cols}:\n{screen}");
        assert_eq!(window.count("Economic aid"), 1, "at {cols}:\n{screen}");
        assert_eq!(window.count("permanent seat"), 1, "at {cols}:\n{screen}");
        assert_eq!(window.count("? Your answer"), 1, "at {cols}:\n{screen}");
        // The scenario's own line breaks are gone: every word is whole on its row.
        for word in [
            "university",
            "first-year",
            "followed",
            "questions",
            "treaty.",
        ] {
            assert!(
                rows.iter().any(|r| r.split(' ').any(|w| w == word)),
                "{word:?} is split at {cols}:\n{screen}"
            );
        }
        window.keys("\r");
        window.wait_for("Right");
        window.tty.send_control('c').unwrap();
        window.wait_for_end();
        insta::assert_snapshot!(
            format!("first_question_at_{cols}"),
            window.rows().join("\n")
        );
    }
}

#[test]
fn a_typed_answer_prompt_fits_the_window_and_shows_once_at_40_and_80_columns() {
    for cols in [40, 80] {
        let quiz = crate::common::play_basics(&[
            "--kind",
            "short",
            "--no-shuffle",
            "--seed",
            "1",
            "--no-save",
        ]);
        let mut window = Window::new(quiz.on_a_terminal_sized(cols, 40), cols);
        window.wait_for("Your answer");
        window.keys("Kursk region");
        window.wait_for("Kursk region");
        let rows = window.rows();
        let screen = rows.join("\n");
        assert!(
            rows.iter().all(|r| r.chars().count() <= usize::from(cols)),
            "at {cols}:\n{screen}"
        );
        assert_eq!(window.count("Your answer"), 1, "at {cols}:\n{screen}");
        assert_eq!(window.count("empty line skips"), 1, "at {cols}:\n{screen}");
        window.keys("\r");
        window.wait_for("Right");
        let rows = window.rows();
        let screen = rows.join("\n");
        assert_eq!(
            window.count("Your answer"),
            1,
            "the answer shown once at {cols}:\n{screen}"
        );
        window.tty.send_control('c').unwrap();
        window.wait_for_end();
    }
}

#[test]
fn a_resized_window_shows_the_question_again_at_its_new_width() {
    let (quiz, mut window) = long_options(100, &[]);
    window.wait_for("Your answer");
    window.wait_for("stop");
    quiz.resize(45, 40);
    window.set_cols(45);
    // The question comes back whole at the new width, then the menu below it.
    window.wait_for("stop");
    for key in [DOWN, DOWN, UP] {
        press(&mut window, key);
    }
    let screen = window.rows().join("\n");
    assert_eq!(window.count("❯"), 1, "{screen}");
    assert_eq!(window.count("Economic aid"), 1, "{screen}");
    assert_eq!(window.count("Question 1 of 3"), 1, "{screen}");
    assert!(window.rows()[0].starts_with("Question 1 of 3"), "{screen}");
    assert!(
        window.rows().iter().all(|r| r.chars().count() <= 45),
        "{screen}"
    );
    // Widening again leaves no copies behind.
    quiz.resize(120, 40);
    window.set_cols(120);
    window.wait_for("stop");
    let screen = window.rows().join("\n");
    assert_eq!(window.count("❯"), 1, "{screen}");
    assert_eq!(window.count("permanent seat"), 1, "{screen}");
    insta::assert_snapshot!(screen);
    window.keys("\r");
    window.wait_for("Wrong");
}

#[test]
fn without_colour_the_current_row_and_the_ticks_are_written_out() {
    // The tests run with NO_COLOR=1.
    let (_quiz, mut window) = long_options(80, &[]);
    window.wait_for("stop");
    window.keys("1");
    window.wait_for("Right");
    // The multiple-answer menu: number keys tick, and the cursor follows them.
    window.wait_for("All that apply");
    window.wait_for("stop");
    press(&mut window, "1");
    press(&mut window, "3");
    let rows = window.rows();
    let screen = rows.join("\n");
    assert!(
        rows.iter().any(|r| r.starts_with("  [x] 1. Instability")),
        "{screen}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("  [ ] 2. Food")),
        "{screen}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("❯ [x] 3. Escalation")),
        "{screen}"
    );
    window.keys("\r");
    window.wait_for("Right");
    // The answer is echoed without a verdict of its own.
    let written = window.written();
    assert!(written.contains("All that apply: Instability"), "{written}");
    assert!(!written.contains("✔ All that apply"), "{written}");
}

#[test]
fn a_wrong_answer_is_echoed_without_a_tick() {
    let (_quiz, mut window) = long_options(80, &[]);
    window.wait_for("stop");
    window.keys("2");
    window.wait_for("Wrong");
    let rows = window.rows();
    let echo = rows
        .iter()
        .find(|r| r.contains("Your answer: A permanent seat"))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    assert!(echo.starts_with("Your answer:"), "{echo}");
}

#[test]
fn s_skips_a_question_until_the_end_and_q_stops_after_asking() {
    let (quiz, mut window) = long_options(80, &["--out", "r.json"]);
    window.wait_for("stop");
    window.keys("s");
    window.wait_for("Your answer: skipped");
    // The next question comes first; the skipped one comes back after the last.
    window.wait_for("All that apply");
    window.wait_for("stop");
    window.keys("13\r");
    window.wait_for("Right");
    window.wait_for("Your answer (enter on an empty line skips)");
    window.keys("Kursk regon\r");
    window.wait_for("accepted as Kursk region");
    window.wait_for("Question 1 of 3");
    window.wait_for("stop");
    window.keys("q");
    window.wait_for("(y/n)");
    let screen = window.rows().join("\n");
    assert!(
        screen.contains("Stop here? The score so far is kept. (y/n)"),
        "{screen}"
    );
    window.keys("y");
    window.wait_for("Result (stopped)");
    window.wait_for("2 of 3 questions answered");
    window.wait_for_end();
    match window.tty.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(quiz.dir().join("r.json")).unwrap()).unwrap();
    assert_eq!(saved["ending"], "stopped_early");
    assert_eq!(saved["answers"][0]["question"], "concerns");
}

#[test]
fn output_to_a_file_gets_typed_answers() {
    let quiz = play_basics(&["--no-shuffle", "--seed", "1", "--no-save"]);
    let mut tty = quiz.on_a_terminal_writing_to("out.txt");
    tty.send_line("1").unwrap();
    tty.send_control('d').unwrap();
    let screen = tty.exp_eof().unwrap();
    assert!(
        !screen.contains("\x1b["),
        "no menu on the screen: {screen:?}"
    );
    let out = std::fs::read_to_string(quiz.dir().join("out.txt")).unwrap();
    assert!(out.contains("Your answer (1-3): "), "{out}");
    assert!(out.contains("True or false (t/f): "), "{out}");
    assert!(out.contains("Result (input ended)"), "{out}");
}

#[test]
fn a_dumb_terminal_gets_typed_answers_and_no_cursor_codes() {
    let quiz = play_basics(&["--no-shuffle", "--seed", "1", "--no-save"]).env("TERM", "dumb");
    let mut tty = quiz.on_a_terminal();
    let mut seen = tty.exp_string("Your answer (1-3): ").unwrap();
    tty.send_line("1").unwrap();
    seen += &tty.exp_string("True or false (t/f): ").unwrap();
    tty.send_control('d').unwrap();
    seen += &tty.exp_eof().unwrap();
    assert!(seen.contains("Result (input ended)"), "{seen}");
    assert!(!seen.contains("\x1b["), "{seen:?}");
}

#[test]
fn a_match_shows_every_pair_at_once_and_any_pair_can_change_before_confirming() {
    let quiz = crate::common::play_basics(&[
        "--kind",
        "match",
        "--no-shuffle",
        "--seed",
        "1",
        "--no-save",
    ]);
    let mut window = Window::new(quiz.on_a_terminal_sized(80, 30), 80);
    window.wait_for("Your pairs");
    window.wait_for("stop");
    let screen = window.rows().join("\n");
    assert!(screen.contains("❯ 1. North Korea–Russia → ?"), "{screen}");
    assert!(screen.contains("  2. U.S.–South Korea → ?"), "{screen}");
    // The right sides are shown as a) 1953, b) 2024. The same one for both is marked.
    press(&mut window, "b");
    press(&mut window, "b");
    let screen = window.rows().join("\n");
    assert!(
        screen.contains("1. North Korea–Russia → b) 2024"),
        "{screen}"
    );
    assert!(screen.contains("2. U.S.–South Korea → b) 2024"), "{screen}");
    assert!(
        screen.contains("b) 2024 (used by 1 and 2: twice)"),
        "{screen}"
    );
    // The learner goes back to the second pair and changes it.
    press(&mut window, UP);
    press(&mut window, DOWN);
    press(&mut window, "a");
    let screen = window.rows().join("\n");
    assert!(screen.contains("2. U.S.–South Korea → a) 1953"), "{screen}");
    assert!(screen.contains("b) 2024 (used by 1)"), "{screen}");
    assert!(screen.contains("a) 1953 (used by 2)"), "{screen}");
    window.keys("\r");
    window.wait_for("Right");
    window.wait_for("Source");
    let screen = window.rows().join("\n");
    assert!(screen.contains("✔ North Korea–Russia → 2024"), "{screen}");
    assert!(screen.contains("✔ U.S.–South Korea → 1953"), "{screen}");
}

#[test]
fn a_match_confirmed_with_a_pair_missing_says_so_and_feedback_marks_each_pair() {
    let quiz = crate::common::play_basics(&[
        "--kind",
        "match",
        "--no-shuffle",
        "--seed",
        "1",
        "--no-save",
    ]);
    let mut window = Window::new(quiz.on_a_terminal_sized(80, 30), 80);
    window.wait_for("stop");
    press(&mut window, "a");
    window.keys("\r");
    window.wait_for("without a pair.");
    let screen = window.rows().join("\n");
    assert!(
        screen.contains("Pair every item first: 1 item without a pair."),
        "{screen}"
    );
    press(&mut window, "b");
    window.keys("\r");
    window.wait_for("Wrong");
    window.wait_for("Source");
    let screen = window.rows().join("\n");
    assert!(
        screen.contains("✘ North Korea–Russia → 1953 (right: 2024)"),
        "{screen}"
    );
    assert!(
        screen.contains("✘ U.S.–South Korea → 2024 (right: 1953)"),
        "{screen}"
    );
}

/// The choices of the menu on screen, top to bottom (the rows `❯ 1. June`, `  2. November`).
fn choices_shown(window: &Window) -> Vec<String> {
    let rows = window.rows();
    let menu: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            let item = row.strip_prefix("❯ ").or_else(|| row.strip_prefix("  "))?;
            let (number, text) = item.split_once(". ")?;
            number.parse::<usize>().ok()?;
            Some(text.to_owned())
        })
        .collect();
    menu[menu.len().saturating_sub(3)..].to_vec()
}

/// The key that picks `choice` in the menu on screen.
fn key_of(shown: &[String], choice: &str) -> String {
    let at = shown
        .iter()
        .position(|c| c == choice)
        .expect("the choice is shown");
    (at + 1).to_string()
}

#[test]
fn at_the_end_the_questions_missed_can_be_tried_again_at_once_in_a_new_order() {
    let quiz = crate::common::play_basics(&["--kind", "single", "--seed", "1"]);
    let mut window = Window::new(quiz.on_a_terminal_sized(80, 30), 80);
    window.wait_for("stop");
    let first = choices_shown(&window);
    assert_eq!(first.len(), 3, "{}", window.rows().join("\n"));
    let wrong = first.iter().find(|c| *c != "June").unwrap().clone();
    window.keys(&key_of(&first, &wrong));
    window.wait_for("Wrong");
    window.wait_for("Try the 1 question you missed again now?");
    window.keys("y");
    window.wait_for("Question 1 of 1");
    window.wait_for("stop");
    let again = choices_shown(&window);
    assert_ne!(first, again, "the retry shows the choices in a new order");
    window.keys(&key_of(&again, "June"));
    window.wait_for("Right");
    window.wait_for("Score: 1 of 1 point (100%)");
    window.wait_for_end();
    assert!(
        !window.written().contains("review --mistakes"),
        "a question put right in the retry is no mistake to review:\n{}",
        window.written()
    );
    match window.tty.process_mut().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("quiz did not exit normally: {other:?}"),
    }
}

#[test]
fn a_retry_answered_wrong_again_names_the_review_command() {
    let quiz = crate::common::play_basics(&["--kind", "single", "--no-shuffle", "--seed", "1"]);
    let mut window = Window::new(quiz.on_a_terminal_sized(80, 30), 80);
    window.wait_for("stop");
    window.keys("2");
    window.wait_for("Try the 1 question you missed again now?");
    window.keys("y");
    window.wait_for("Question 1 of 1");
    window.wait_for("stop");
    window.keys("3");
    window.wait_for("Score: 0 of 1 point (0%)");
    window.wait_for("quiz review --mistakes");
    window.wait_for_end();
}

#[test]
fn no_means_no_retry_and_the_review_command_is_named() {
    let quiz = crate::common::play_basics(&["--kind", "single", "--no-shuffle", "--seed", "1"]);
    let mut window = Window::new(quiz.on_a_terminal_sized(80, 30), 80);
    window.wait_for("stop");
    window.keys("2");
    window.wait_for("Try the 1 question you missed again now?");
    window.keys("n");
    window.wait_for("quiz review --mistakes");
    window.wait_for_end();
    assert_eq!(window.count("Question 1 of 1"), 1, "{}", window.written());
}

/// The README's keys for a match, followed to the letter: a letter gives the row under the cursor
/// its pair and the cursor moves on to the next row without one (round to the top), a row's
/// number moves the cursor there, and once every row has a pair the cursor stays.
#[test]
fn a_match_with_four_pairs_follows_the_readme_keys() {
    let quiz = crate::common::Quiz::new(&["play", "--no-shuffle", "--seed", "1", "--no-save"])
        .arg(crate::common::fixture("four-pairs.yaml"));
    let mut window = Window::new(quiz.on_a_terminal_sized(100, 30), 100);
    window.wait_for("Your pairs");
    window.wait_for("stop");
    let cursor_on = |window: &Window| -> String {
        let rows = window.rows();
        let marked: Vec<&String> = rows.iter().filter(|r| r.starts_with("❯ ")).collect();
        assert_eq!(marked.len(), 1, "{}", rows.join("\n"));
        marked[0].clone()
    };
    // A letter: the first row gets its pair, the cursor goes to the second.
    press(&mut window, "a");
    assert!(cursor_on(&window).starts_with("❯ 2. The press office → ?"));
    // A number moves the cursor to that row; its letter then sends it to the next row without a
    // pair, the fourth.
    press(&mut window, "3");
    press(&mut window, "c");
    assert!(cursor_on(&window).starts_with("❯ 4. The letterhead → ?"));
    // After the last row it goes round to the top and finds the second row still without one.
    press(&mut window, "d");
    assert!(cursor_on(&window).starts_with("❯ 2. The press office → ?"));
    // Every row has a pair now: the cursor stays where the last letter was typed.
    press(&mut window, "b");
    assert!(cursor_on(&window).starts_with("❯ 2. The press office → b)"));
    // ↑ and a letter change a pair; the cursor still stays.
    press(&mut window, UP);
    press(&mut window, "a");
    assert!(cursor_on(&window).starts_with("❯ 1. The file's metadata → a)"));
    let screen = window.rows().join("\n");
    for pair in [
        "2. The press office → b)",
        "3. A second source → c)",
        "4. The letterhead → d)",
    ] {
        assert!(screen.contains(pair), "{screen}");
    }
    window.keys("\r");
    window.wait_for("Source");
}

/// A match question in a window 40 columns wide and 15 rows high: its rows do not fit, so the
/// menu scrolls inside the window, and after several keys the screen and its scrollback hold
/// one copy of it.
#[test]
fn a_menu_taller_than_the_window_scrolls_inside_it_and_leaves_no_copies() {
    let quiz = crate::common::Quiz::new(&["play", "--no-shuffle", "--seed", "1", "--no-save"])
        .arg(crate::common::fixture("four-pairs.yaml"));
    let mut window = Window::sized(quiz.on_a_terminal_sized(40, 15), 40, 15);
    window.wait_for("Your pairs");
    window.wait_for("stop");
    for key in ["a", "b", UP, UP, "c", "\x1b[B", "d", UP] {
        press(&mut window, key);
    }
    let screen = window.rows().join("\n");
    assert_eq!(window.count("q stop"), 1, "{screen}");
    assert_eq!(window.count("❯"), 1, "{screen}");
    assert!(
        window.count("more") >= 1,
        "the menu says rows are left out:\n{screen}"
    );
}
