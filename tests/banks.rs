//! The built-in banks: they load, they cover the article as promised, and every question can be
//! answered right (full marks) and wrong (no marks) in plain mode.

use crate::common::{Quiz, answer_lines, load};
use scenario_quiz::bank::branching::{BestPath, Branching, Next, Quality};
use scenario_quiz::bank::{Bank, Kind};

#[test]
fn the_built_in_banks_hold_enough_questions_of_every_kind_mostly_in_scenarios() {
    let banks = load(&[]);
    assert!(banks.len() >= 5, "banks: {}", banks.len());
    let questions: Vec<_> = banks.iter().flat_map(|b| &b.questions).collect();
    // The decisions of a branching scenario are questions too.
    let steps: usize = branching_scenarios(&banks)
        .map(|(_, branching)| branching.steps.len())
        .sum();
    assert!(
        questions.len() + steps >= 60,
        "{} questions and {steps} steps",
        questions.len()
    );
    for kind in Kind::ALL {
        let n = questions.iter().filter(|q| q.kind() == kind).count();
        assert!(n >= 4, "only {n} {kind} questions");
    }
    let in_scenarios = questions.iter().filter(|q| q.scenario.is_some()).count();
    assert!(
        in_scenarios * 2 >= questions.len(),
        "{in_scenarios} of {} in scenarios",
        questions.len()
    );
    let scenarios: usize = banks.iter().map(|b| b.scenarios.len()).sum();
    assert!(scenarios >= 8, "scenarios: {scenarios}");
}

/// Every branching scenario of `banks`, with its id.
fn branching_scenarios(banks: &[Bank]) -> impl Iterator<Item = (&str, &Branching)> {
    banks.iter().flat_map(|b| &b.scenarios).filter_map(|s| {
        s.branching
            .as_ref()
            .map(|branching| (s.id.as_str(), branching))
    })
}

/// The fewest decisions any walk from the start takes to reach an ending.
fn fewest_decisions_to_an_ending(branching: &Branching) -> usize {
    let mut depth = vec![usize::MAX; branching.steps.len()];
    let mut queue = std::collections::VecDeque::from([branching.start]);
    depth[branching.start] = 1;
    let mut fewest = usize::MAX;
    while let Some(step) = queue.pop_front() {
        for route in branching.steps[step].routes.all() {
            match route.next {
                Next::Ending(_) => fewest = fewest.min(depth[step]),
                Next::Step(next) if depth[next] == usize::MAX => {
                    depth[next] = depth[step] + 1;
                    queue.push_back(next);
                }
                Next::Step(_) => {}
            }
        }
    }
    fewest
}

#[test]
fn the_built_in_branching_scenarios_take_six_decisions_or_more_to_one_of_three_endings() {
    // A blunder may end a story early, but never before the learner has made four decisions;
    // the best path always takes six or more.
    let banks = load(&[]);
    let scenarios: Vec<_> = branching_scenarios(&banks).collect();
    assert!(
        scenarios.len() >= 4,
        "branching scenarios: {}",
        scenarios.len()
    );
    for (id, branching) in scenarios {
        let fewest = fewest_decisions_to_an_ending(branching);
        assert!(fewest >= 4, "{id}: an ending after {fewest} decisions");
        assert!(
            branching.steps.len() >= 6,
            "{id}: {} steps",
            branching.steps.len()
        );
        assert!(
            branching.longest_path() <= 8,
            "{id}: {} decisions",
            branching.longest_path()
        );
        assert!(branching.endings.len() >= 3, "{id}: endings");
        for rating in [Quality::Best, Quality::Acceptable, Quality::Poor] {
            assert!(
                branching.endings.iter().any(|e| e.rating == rating),
                "{id}: no {} ending",
                rating.name()
            );
        }
        let BestPath::Ends { steps, .. } = branching.best_path() else {
            panic!("{id}: the best path never ends");
        };
        assert!(
            steps.len() >= 6,
            "{id}: the best path takes {} decisions",
            steps.len()
        );
    }
}

#[test]
fn every_choice_question_explains_each_wrong_choice() {
    for bank in load(&[]) {
        for question in &bank.questions {
            if let scenario_quiz::bank::AnswerKey::Single { choices }
            | scenario_quiz::bank::AnswerKey::Multiple { choices, .. } = &question.key
            {
                for choice in choices.iter().filter(|c| !c.correct) {
                    assert!(
                        choice.why.is_some(),
                        "{}/{}: `{}` has no why",
                        bank.id,
                        question.id,
                        choice.text
                    );
                }
            }
        }
    }
}

/// Plays every built-in question with the given answers and returns what the screen showed.
fn play_everything(right: bool) -> String {
    let banks = load(&[]);
    let lines = answer_lines(&banks, 99, right);
    let typed: Vec<&str> = lines.iter().map(String::as_str).collect();
    let run = Quiz::new(&["play", "--seed", "99", "--count", "all"])
        .typing(&typed)
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains("  ? "),
        "an answer was not understood:\n{}",
        run.stdout
    );
    run.stdout
}

#[test]
fn answering_every_built_in_question_with_its_key_scores_full_marks() {
    let screen = play_everything(true);
    let total = load(&[]).iter().map(|b| b.questions.len()).sum::<usize>();
    let score_line = screen.lines().find(|l| l.starts_with("Score: ")).unwrap();
    assert!(score_line.contains("(100%)"), "{score_line}");
    assert!(
        score_line.contains(&format!("{total} of {total} questions answered")),
        "{score_line}"
    );
    assert!(!screen.contains("To review:"));
}

#[test]
fn answering_every_built_in_question_wrongly_scores_nothing_without_errors() {
    let screen = play_everything(false);
    let score_line = screen.lines().find(|l| l.starts_with("Score: ")).unwrap();
    assert!(score_line.starts_with("Score: 0 of "), "{score_line}");
    assert!(!screen.contains("✔ Right") && !screen.contains("Partly right"));
}

#[test]
fn every_answer_cites_the_article_by_section() {
    let screen = play_everything(true);
    let answered = screen.matches("✔ Right").count();
    assert_eq!(screen.matches("\nSource: ").count(), answered);
    // Lines are wrapped to the screen; read the text as one line.
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    // An answer drawn from several sections names them all.
    let several = load(&[])
        .iter()
        .flat_map(|b| &b.questions)
        .filter(|q| q.citation.sections.len() > 1)
        .count();
    assert!(several > 0);
    assert_eq!(flat.matches(" · sections “").count(), several);
    assert_eq!(flat.matches(" · section “").count(), answered - several);
}
