//! An author starts a bank with `quiz new`, writes a few questions of their own with a tag each,
//! and CI's `quiz check --deny-warnings` lets it pass; a tag misspelt is still caught.

use crate::common::Quiz;

/// Three questions in the starter bank's style, each with a tag no other question has.
const THREE_QUESTIONS: &str = "
  - id: rain-shadow
    kind: true_false
    prompt: Air that has crossed a mountain range is drier on its far side.
    answer: true
    explanation: The air rises and cools on the near side and drops its water there as rain.
    source: {id: notes, section: Precipitation}
    tags: [mountains]

  - id: fog-is-cloud
    kind: single
    prompt: What is fog?
    choices:
      - text: A cloud at ground level
        correct: true
      - text: Smoke from distant fires
        why: Smoke is ash and soot; fog is water droplets.
      - text: Rain that has not fallen yet
        why: Rain is drops heavy enough to fall; fog droplets stay in the air.
    explanation: Fog forms like any cloud, when moist air cools near the ground.
    source: {id: notes, section: Fog}
    tags: [fog]

  - id: puddles-dry
    kind: true_false
    prompt: Puddles dry faster on a windy day than on a still one.
    answer: true
    explanation: Wind carries the moist air away, so more of the water can turn to vapour.
    source: {id: notes, section: Evaporation}
    tags: [summer]
";

/// `quiz check --deny-warnings` on the starter bank with `questions` added at the end.
fn check_starter_with(questions: &str) -> crate::common::Run {
    let quiz = Quiz::new(&["check", "--deny-warnings", "bank.yaml"]);
    Quiz::new(&["new", "bank.yaml"])
        .in_dir(quiz.dir())
        .run()
        .succeeds();
    let path = quiz.dir().join("bank.yaml");
    let mut bank = std::fs::read_to_string(&path).unwrap();
    bank.push_str(questions);
    std::fs::write(&path, bank).unwrap();
    quiz.run()
}

#[test]
fn a_starter_bank_with_three_questions_of_its_own_passes_deny_warnings() {
    let run = check_starter_with(THREE_QUESTIONS);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "ok: 1 bank(s), 10 question(s), 0 warning(s) in 1 file(s)\n"
    );
}

#[test]
fn a_tag_one_letter_from_another_is_still_a_warning() {
    let run = check_starter_with(&THREE_QUESTIONS.replace("tags: [fog]", "tags: [condensaton]"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("warning: tag `condensaton` is used by this question only"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= help: did you mean `condensation`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn in_a_bank_of_thirty_questions_a_lone_tag_is_a_warning() {
    let mut more = String::new();
    for n in 1..=22 {
        more.push_str(&format!(
            "
  - id: fact-{n}
    kind: true_false
    prompt: Water fact number {n} of the unit holds.
    answer: true
    explanation: Fact {n} is stated in the course notes on evaporation.
    source: {{id: notes, section: Evaporation}}
    tags: [facts]
"
        ));
    }
    let run = check_starter_with(&format!("{THREE_QUESTIONS}{more}"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("warning: tag `mountains` is used by this question only"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= help: a bank of 32 questions has room for a second question on it"),
        "{}",
        run.stderr
    );
}
