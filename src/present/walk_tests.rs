use std::time::{Duration, Instant};

use super::decision::read_decision;
use super::walk::{Typing, WalkLesson};
use super::walk_layout::frame;
use super::{Input, Step};
use crate::bank::{Bank, BankFile, load};
use crate::engine::walk::Walk;
use crate::engine::{Form, Response};

fn night_desk() -> Vec<Bank> {
    let bytes = std::fs::read("tests/fixtures/branching.yaml").expect("the fixture");
    let loaded = load(&[BankFile {
        origin: "branching.yaml".into(),
        bytes,
    }]);
    assert!(!loaded.has_errors(), "{:#?}", loaded.problems);
    loaded.banks
}

fn lesson(banks: &[Bank]) -> WalkLesson<'_> {
    let walk = Walk::new(&banks[0], &banks[0].scenarios[0], 1, false).unwrap();
    WalkLesson::new(walk, Duration::from_secs(30), 1)
}

fn keys(lesson: &mut WalkLesson, typed: &str, now: Instant) {
    for c in typed.chars() {
        let input = match c {
            '>' => Input::Right,
            '<' => Input::Left,
            '\n' => Input::Enter,
            '\x1b' => Input::Escape,
            c => Input::Char(c),
        };
        assert_eq!(lesson.handle(input, now), Step::Continue);
    }
}

#[test]
fn the_story_waits_for_the_class_and_follows_its_letter() {
    let banks = night_desk();
    let mut lesson = lesson(&banks);
    let now = Instant::now();
    keys(&mut lesson, " ", now);
    assert_eq!(lesson.at, 0);
    assert!(lesson.message.as_deref().unwrap().contains("press d"));
    // A letter not on the slide is asked again; Esc puts the typing away.
    keys(&mut lesson, "dz\n", now);
    assert!(lesson.message.as_deref().unwrap().contains("A to C"));
    keys(&mut lesson, "\x1b", now);
    assert_eq!(lesson.typing, None);
    keys(&mut lesson, "db\n", now);
    assert_eq!(lesson.walk.decisions().len(), 1);
    assert_eq!(lesson.at, 0, "the decision's page shows what follows it");
    keys(&mut lesson, ">", now);
    assert_eq!(lesson.at, 1);
    keys(&mut lesson, "db\n>", now);
    assert!(lesson.at_ending());
    assert_eq!(lesson.walk.ending().map(|e| e.id.as_str()), Some("scoop"));
    // Back through the story and forward again, never past the ending.
    keys(&mut lesson, "bb<", now);
    assert_eq!(lesson.at, 0);
    keys(&mut lesson, ">>>>", now);
    assert!(lesson.at_ending());
    keys(&mut lesson, "q", now);
    assert_eq!(lesson.handle(Input::Char('y'), now), Step::Quit);
}

#[test]
fn the_majority_of_hands_is_offered_and_a_tie_is_not() {
    let banks = night_desk();
    let mut lesson = lesson(&banks);
    let now = Instant::now();
    keys(&mut lesson, "c4 4 1\nd", now);
    assert_eq!(lesson.typing, Some(Typing::Decision(String::new())));
    keys(&mut lesson, "\x1bc3 9 1\n", now);
    assert!(lesson.message.as_deref().unwrap().contains("Most hands: B"));
    keys(&mut lesson, "d", now);
    assert_eq!(lesson.typing, Some(Typing::Decision("B".into())));
    keys(&mut lesson, "\n", now);
    assert_eq!(
        lesson.walk.decisions()[0].response,
        Response::Choice(1),
        "the metadata check"
    );
}

#[test]
fn a_decision_is_typed_as_the_slide_letters_it() {
    let three = vec!["x".to_string(), "y".into(), "z".into()];
    let multiple = Form::Multiple {
        choices: three.clone(),
    };
    assert_eq!(
        read_decision(&multiple, "c, a c"),
        Ok(Response::Choices(vec![2, 0]))
    );
    let order = Form::Order { items: three };
    assert_eq!(
        read_decision(&order, "C A B"),
        Ok(Response::Order(vec![2, 0, 1]))
    );
    assert!(read_decision(&order, "C A").is_err());
    assert_eq!(
        read_decision(&Form::TrueFalse, "false"),
        Ok(Response::Bool(false))
    );
    let pairs = Form::Match {
        left: vec!["1".into(), "2".into()],
        right: vec!["a".into(), "b".into()],
    };
    assert_eq!(
        read_decision(&pairs, "1B 2A"),
        Ok(Response::Match(vec![1, 0]))
    );
}

#[test]
fn a_decided_step_and_the_ending_fill_the_screen() {
    crate::style::set_colours(false);
    let banks = night_desk();
    let mut lesson = lesson(&banks);
    let now = Instant::now();
    keys(&mut lesson, "dc\n", now);
    let step = frame(&lesson, 90, 30, now).join("\n");
    assert!(step.contains("▶ C   Publish it online at once"), "{step}");
    assert!(step.contains("Poor decision · 0 of 2 points"), "{step}");
    insta::assert_snapshot!("walk_decided_step", step);
    keys(&mut lesson, ">da\n>da\n>", now);
    let ending = frame(&lesson, 90, 30, now);
    assert_eq!(ending.len(), 30);
    assert!(ending.iter().all(|l| crate::style::measure(l) == 90));
    let ending = ending.join("\n");
    assert!(ending.contains("The class's path"), "{ending}");
    insta::assert_snapshot!("walk_ending", ending);
}

#[test]
fn an_earlier_step_decided_again_tells_the_story_on_from_the_new_decision() {
    let banks = night_desk();
    let mut lesson = lesson(&banks);
    let now = Instant::now();
    // C leads to the editor's request to take the story down; A there to the last step.
    keys(&mut lesson, "dc\n>da\n>", now);
    assert_eq!(lesson.walk.decisions().len(), 2);
    assert_eq!(lesson.slides.len(), 3);
    // Back at the first step, the class changes its mind: A goes straight to the last step.
    keys(&mut lesson, "<<da\n", now);
    assert_eq!(lesson.at, 0);
    assert_eq!(lesson.walk.decisions().len(), 1);
    assert_eq!(lesson.slides.len(), 2);
    assert_eq!(lesson.slides[1].question, "second-source");
    keys(&mut lesson, ">db\n", now);
    assert_eq!(lesson.walk.ending().map(|e| e.id.as_str()), Some("scoop"));
    assert_eq!(lesson.walk.score(), (3.0, 3.0));
}
