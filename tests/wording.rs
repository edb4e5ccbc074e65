//! The words around a score read right for one as for many: "1 point", "1 question", and a
//! true/false answer shown as the question offers it.

use crate::common::Quiz;

/// A bank of one true/false question in one scenario.
const ONE_QUESTION: &str = "id: one\ntitle: One question\nversion: 1\nsources:\n  - {id: s, title: S, author: A}\n\
scenarios:\n  - {id: desk, title: The desk, text: A reader asks.}\n\
questions:\n  - id: q\n    kind: true_false\n    scenario: desk\n    prompt: The treaty took effect in December 2024.\n    \
answer: true\n    explanation: It took effect on 4 December 2024.\n    source: {id: s, section: X}\n";

fn one_question() -> Quiz {
    let quiz = Quiz::new(&[]);
    std::fs::write(quiz.dir().join("one.yaml"), ONE_QUESTION).unwrap();
    quiz
}

#[test]
fn a_quiz_of_one_question_says_so_in_the_singular() {
    let run = one_question()
        .args(["play", "one.yaml", "--plain", "--no-save", "--seed", "1"])
        .typing(&["f"])
        .run()
        .succeeds();
    for said in [
        "One question · 1 question · practice",
        "Question 1 of 1 · 1 point",
        "✘ Wrong · 0 of 1 point",
        "You answered: False",
        "Correct answer: True",
        "Score: 0 of 1 point (0%) · 1 of 1 question answered · seed 1",
    ] {
        assert!(run.stdout.contains(said), "{said:?} in\n{}", run.stdout);
    }
}

#[test]
fn the_listing_of_a_bank_of_one_question_says_so_in_the_singular() {
    let run = one_question().args(["list", "one.yaml"]).run().succeeds();
    assert!(
        run.stdout.contains("  1 question: 1 true_false\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  scenario desk: The desk (1 question)\n"),
        "{}",
        run.stdout
    );
}
