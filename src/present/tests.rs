use std::time::{Duration, Instant};

use super::layout::{block_digits, frame, wrap};
use super::*;
use crate::bank::Bank;
use crate::engine::{Filter, PlanOptions, plan};

fn banks() -> Vec<Bank> {
    crate::bank::load::basics_fixture()
}

fn presenter(banks: &[Bank]) -> Presenter {
    let options = PlanOptions {
        filter: Filter::default(),
        count: None,
        seed: 7,
        shuffle: false,
    };
    let slides = plan(banks, &options).iter().map(Slide::new).collect();
    Presenter::new(slides, Duration::from_secs(30), 7)
}

fn keys(p: &mut Presenter, typed: &str, now: Instant) {
    for c in typed.chars() {
        let input = match c {
            '>' => Input::Right,
            '<' => Input::Left,
            '\n' => Input::Enter,
            '\x1b' => Input::Escape,
            c => Input::Char(c),
        };
        assert_eq!(p.handle(input, now), Step::Continue);
    }
}

#[test]
fn keys_move_reveal_and_stay_within_the_lesson() {
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    keys(&mut p, "<<", now);
    assert_eq!(p.at, 0);
    keys(&mut p, " >r", now);
    assert_eq!((p.at, p.revealed[2]), (2, true));
    keys(&mut p, "<", now);
    assert!(!p.revealed[1]);
    keys(&mut p, &" ".repeat(20), now);
    assert_eq!(p.at, p.slides.len() - 1);
    keys(&mut p, "b", now);
    assert_eq!(p.at, p.slides.len() - 2);
    assert_eq!(p.handle(Input::Interrupt, now), Step::Quit);
}

#[test]
fn q_asks_before_the_lesson_stops() {
    crate::style::set_colours(false);
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    keys(&mut p, "q", now);
    let screen = frame(&p, 80, 24, now);
    assert!(
        screen[23].contains("Stop the lesson? y/n"),
        "{}",
        screen[23]
    );
    // No: the lesson goes on where it was, and the key help is back.
    keys(&mut p, "n", now);
    assert_eq!((p.at, p.asking_to_stop), (0, false));
    assert!(frame(&p, 80, 24, now)[23].contains("q quit"));
    // Esc asks too; y stops.
    keys(&mut p, "\x1b", now);
    assert!(p.asking_to_stop);
    assert_eq!(p.handle(Input::Char('y'), now), Step::Quit);
}

#[test]
fn a_lesson_can_begin_at_a_later_question() {
    let banks = banks();
    let mut p = presenter(&banks);
    p.start_at(4);
    assert_eq!(p.at, 3);
    keys(&mut p, "b", Instant::now());
    assert_eq!(p.at, 2);
}

fn four_pairs() -> Vec<Bank> {
    let bytes = std::fs::read("tests/fixtures/four-pairs.yaml").expect("the fixture");
    let loaded = crate::bank::load(&[crate::bank::BankFile {
        origin: "four-pairs.yaml".into(),
        bytes,
    }]);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks
}

#[test]
fn a_match_is_revealed_as_its_pairs_and_the_compact_key() {
    crate::style::set_colours(false);
    let banks = four_pairs();
    let options = PlanOptions {
        filter: Filter::default(),
        count: None,
        seed: 3,
        shuffle: true,
    };
    let slides = plan(&banks, &options).iter().map(Slide::new).collect();
    let mut p = Presenter::new(slides, Duration::from_secs(30), 3);
    let now = Instant::now();
    keys(&mut p, "r", now);
    let slide = p.slide();
    // Every number once, each with the letter its partner is shown under.
    let key: Vec<&str> = slide.answer.split(' ').collect();
    assert_eq!(key.len(), 4, "{}", slide.answer);
    for (i, pair) in key.iter().enumerate() {
        let letter = &pair[1..];
        let shown = slide.lines.iter().find(|l| l.label == letter).unwrap();
        let partner = &slide.answer_lines[i];
        assert!(
            partner.ends_with(&format!("→ {letter} {}", shown.text)),
            "{partner}"
        );
    }
    let screen = frame(&p, 100, 30, now).join("\n");
    assert!(
        screen.contains(&format!("Answer: {}", slide.answer)),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn counts_are_typed_after_c_and_checked() {
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    // The first question has three choices: two counts are not enough.
    keys(&mut p, "c12 5\n", now);
    assert!(p.typing.is_some());
    assert!(p.message.as_deref().unwrap().contains("type 3 numbers"));
    keys(&mut p, " 0\n", now);
    assert_eq!(p.tallies[0], Some(vec![12, 5, 0]));
    assert!(p.typing.is_none());
    // While typing, q and space are not commands.
    keys(&mut p, "cq\x1b", now);
    assert_eq!((p.at, p.tallies[0].clone()), (0, Some(vec![12, 5, 0])));
}

#[test]
fn moving_to_another_question_stops_the_countdown() {
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    keys(&mut p, "t", now);
    assert!(p.countdown.running());
    keys(&mut p, " ", now + Duration::from_secs(3));
    assert!(!p.countdown.shown());
}

#[test]
fn a_slide_fills_the_screen_and_reveals_the_answer() {
    crate::style::set_colours(false);
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    keys(&mut p, "c12 5 0\nr", now);
    let screen = frame(&p, 70, 30, now).join("\n");
    assert_eq!(screen.lines().count(), 30);
    assert!(screen.lines().all(|l| crate::style::measure(l) == 70));
    assert!(screen.contains("Scenario: Briefing an editor"));
    assert!(screen.contains("✔ A   June"));
    assert!(screen.contains("Answer: June"));
    assert!(screen.contains("The class answered (17 counted):"));
    insta::assert_snapshot!(screen);
}

#[test]
fn text_wraps_at_words_and_keeps_paragraphs() {
    assert_eq!(
        wrap("one two three\n\nfour", 8),
        vec!["one two", "three", "", "four"]
    );
    assert_eq!(block_digits("1:05")[0], "    ██      ██████  ██████");
}

/// The lesson moved to its match question, given a scenario as long as the built-in banks' ones.
fn match_slide_with_a_scenario(p: &mut Presenter, now: Instant) {
    keys(p, &" ".repeat(6), now);
    assert!(p.slide().lines.len() >= 4, "the last slide is the match");
    let story = "It is spring 2025. A regional newspaper is preparing a long explainer on how the \
                 two alliances compare, and the editor wants every date and clause checked against \
                 the treaty texts before anything goes to print. The reporter has the treaty open.\n\n\
                 Two columns are laid out side by side, one for each alliance, with the year each \
                 core agreement was signed and the clauses that matter most to readers.";
    p.slides[p.at].scenario = Some(("Comparing two alliances".into(), story.into()));
}

#[test]
fn revealing_a_match_question_at_80_by_24_keeps_the_header_and_the_scenario_on_screen() {
    crate::style::set_colours(false);
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    match_slide_with_a_scenario(&mut p, now);
    keys(&mut p, "c20 3\nr", now);
    let screen = frame(&p, 80, 24, now);
    assert_eq!(screen.len(), 24, "{}", screen.join("\n"));
    assert!(
        screen[0].contains("Question 7 of 7"),
        "{}",
        screen.join("\n")
    );
    let all = screen.join("\n");
    assert!(all.contains("Scenario: Comparing two alliances"), "{all}");
    assert!(all.contains("It is spring 2025."), "{all}");
    assert!(all.contains("Answer: "), "{all}");
    assert!(screen[23].contains("q quit"), "{all}");
}

#[test]
fn at_60_columns_the_key_help_fits_on_one_line() {
    crate::style::set_colours(false);
    let banks = banks();
    let p = presenter(&banks);
    let now = Instant::now();
    for width in [24, 40, 60, 80] {
        let screen = frame(&p, width, 24, now);
        assert!(
            screen.iter().all(|l| crate::style::measure(l) == width),
            "at {width}:\n{}",
            screen.join("\n")
        );
        assert!(screen[23].contains("q quit"), "at {width}: {}", screen[23]);
    }
}

#[test]
fn counts_saved_while_they_are_shown_do_not_say_press_r() {
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    keys(&mut p, "c1 2 3\n", now);
    assert_eq!(
        p.message.as_deref(),
        Some("Counts saved; press r to show them.")
    );
    keys(&mut p, "rc4 5 6\n", now);
    assert!(p.revealed[0]);
    assert_eq!(p.message.as_deref(), Some("Counts saved."));
}

#[test]
fn a_count_typed_wrong_is_forgotten_after_esc() {
    let banks = banks();
    let mut p = presenter(&banks);
    let now = Instant::now();
    keys(&mut p, "c1\n", now);
    assert!(p.message.is_some());
    keys(&mut p, "\x1b", now);
    assert_eq!((p.typing.as_deref(), p.message.as_deref()), (None, None));
}
