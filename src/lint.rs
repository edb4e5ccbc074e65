//! Warnings about banks that are valid but likely to teach or test badly.
//!
//! `quiz check` runs these after validation; `quiz play` does not, since a bank with warnings still
//! works. Each warning names its lint (e.g. `choice-without-why`) in the JSON output.

mod branching;
mod flaws;
mod leaks;
mod words;

use std::collections::{BTreeMap, HashMap};

use crate::bank::closest;
use crate::bank::diagnostic::{Diagnostic, Lint};
use crate::bank::model::{AnswerKey, Bank, Question, Tolerance};
use crate::bank::spots::{Spot, Spots};
use crate::text::normalize_text;
use crate::text::number;

/// Every warning about `banks`, which were loaded from `files`.
pub(crate) fn lint_at(banks: &[Bank], spots: &[Spots]) -> Vec<Diagnostic> {
    // The leak lint reads every text of every bank; it runs beside the others, on a core of
    // its own where there is one.
    std::thread::scope(|scope| {
        let leaks = scope.spawn(|| {
            let mut out = Vec::new();
            leaks::answer_leaks(banks, spots, &mut out);
            out
        });
        let mut out = lint_all_but_leaks(banks, spots);
        match leaks.join() {
            Ok(found) => out.extend(found),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        // Each warning finds its file's banks by name once, not by scanning every bank:
        // thousands of small banks must not make this quadratic.
        let mut by_file: HashMap<&str, Vec<&Spots>> = HashMap::new();
        for (bank, spots) in banks.iter().zip(spots) {
            by_file.entry(bank.origin.as_str()).or_default().push(spots);
        }
        out.retain(|d| !allowed(d, &by_file));
        out
    })
}

fn lint_all_but_leaks(banks: &[Bank], spots: &[Spots]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (bank, spots) in banks.iter().zip(spots) {
        let mut lints = BankLints {
            bank,
            spots,
            out: &mut out,
        };
        lints.choices_without_why();
        lints.all_of_the_above();
        lints.longest_is_correct();
        lints.unused_scenarios_and_sources();
        lints.exact_large_numbers();
        lints.explanations_that_repeat_the_answer();
        lints.item_writing_flaws();
        lints.unknown_allows();
        lints.branching_scenarios();
    }
    duplicate_prompts(banks, spots, &mut out);
    single_use_tags(banks, spots, &mut out);
    flaws::balance(banks, spots, &mut out);
    out
}

/// A warning about a question that lists its lint under `allow:`.
fn allowed(d: &Diagnostic, by_file: &HashMap<&str, Vec<&Spots>>) -> bool {
    let (Some(lint), Some(q)) = (d.lint, &d.question) else {
        return false;
    };
    by_file
        .get(d.file.as_str())
        .is_some_and(|all| all.iter().any(|spots| spots.allows(q, &lint.name())))
}

struct BankLints<'a> {
    bank: &'a Bank,
    spots: &'a Spots,
    out: &'a mut Vec<Diagnostic>,
}

impl BankLints<'_> {
    fn warn(&mut self, lint: Lint, at: Spot, q: Option<&str>, msg: String, help: String) {
        self.out.push(
            Diagnostic::warning(lint, &self.bank.origin, at.0, at.1, msg)
                .in_question(q)
                .help(help),
        );
    }

    fn choices_without_why(&mut self) {
        for q in &self.bank.questions {
            for (i, choice) in choices(q).iter().enumerate() {
                if choice.correct || choice.why.as_deref().is_some_and(|w| !w.trim().is_empty()) {
                    continue;
                }
                self.warn(
                    Lint::ChoiceWithoutWhy,
                    self.spots.choice(&q.id, i),
                    Some(&q.id),
                    format!("wrong choice `{}` has no `why`", choice.text),
                    "add `why:` to say why it is wrong; learners who pick it see that".into(),
                );
            }
        }
    }

    fn all_of_the_above(&mut self) {
        for q in self.bank.questions.iter().filter(|q| q.shuffle) {
            for (i, choice) in choices(q).iter().enumerate() {
                if !refers_to_other_choices(&choice.text) {
                    continue;
                }
                self.warn(
                    Lint::AllOfTheAbove,
                    self.spots.choice(&q.id, i),
                    Some(&q.id),
                    format!("`{}` in a question whose choices are shuffled", choice.text),
                    "shuffling moves it among the others; write `shuffle: false` on the question, \
                     or name the choices it means"
                        .into(),
                );
            }
        }
    }
}

impl BankLints<'_> {
    fn unknown_allows(&mut self) {
        for q in &self.bank.questions {
            let Some(allows) = self.spots.allows.get(&q.id) else {
                continue;
            };
            for (name, at) in allows.clone() {
                if Lint::allowable(&name).is_some() {
                    continue;
                }
                let names: Vec<String> = Lint::PER_QUESTION
                    .into_iter()
                    .chain([Lint::AnswerLeak])
                    .map(Lint::name)
                    .collect();
                let help = match closest(&name, names.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a question may allow: {}", names.join(", ")),
                };
                self.warn(
                    Lint::UnknownAllow,
                    at,
                    Some(&q.id),
                    format!("`allow:` names `{name}`, which is not a lint a question can allow"),
                    help,
                );
            }
        }
    }
}

fn choices(q: &Question) -> &[crate::bank::model::Choice] {
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices,
        _ => &[],
    }
}

/// "All of the above", "None of these" and the like: choices that only make sense in place.
fn refers_to_other_choices(text: &str) -> bool {
    // Most choices hold neither word every such phrase has: they need no folding.
    let holds = |word: &[u8]| {
        text.as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if text.is_ascii() && !holds(b"of") && !holds(b"above") {
        return false;
    }
    let text = normalize_text(text);
    let Some((quantity, what)) = text.split_once(" of ") else {
        return text == "all the above";
    };
    matches!(quantity, "all" | "none" | "both" | "neither")
        && matches!(
            what,
            "the above" | "these" | "above" | "the others" | "them"
        )
}

impl BankLints<'_> {
    /// Learners soon notice when the longest choice is usually the right one.
    fn longest_is_correct(&mut self) {
        let asked: Vec<&Question> = self
            .bank
            .questions
            .iter()
            .filter(|q| choices(q).len() >= 3)
            .collect();
        let giveaways: Vec<&str> = asked
            .iter()
            .filter(|q| longest_is_correct(choices(q)))
            .map(|q| q.id.as_str())
            .collect();
        if asked.len() < 4 || giveaways.len() * 2 <= asked.len() {
            return;
        }
        self.warn(
            Lint::LongestIsCorrect,
            self.spots.bank,
            None,
            format!(
                "the correct choice is the longest in {} of {} choice questions",
                giveaways.len(),
                asked.len()
            ),
            format!(
                "learners guess the longest choice; lengthen wrong choices or trim right ones in: {}",
                giveaways.join(", ")
            ),
        );
    }
}

/// Every correct choice is longer than every wrong one.
fn longest_is_correct(choices: &[crate::bank::model::Choice]) -> bool {
    let length = |c: &crate::bank::model::Choice| c.text.chars().count();
    let shortest_right = choices.iter().filter(|c| c.correct).map(length).min();
    let longest_wrong = choices.iter().filter(|c| !c.correct).map(length).max();
    matches!((shortest_right, longest_wrong), (Some(r), Some(w)) if r > w)
}

impl BankLints<'_> {
    fn unused_scenarios_and_sources(&mut self) {
        let questions = &self.bank.questions;
        for scenario in &self.bank.scenarios {
            if scenario.branching.is_some()
                || questions
                    .iter()
                    .any(|q| q.scenario.as_ref() == Some(&scenario.id))
            {
                continue;
            }
            let at = self.spots.scenarios.get(&scenario.id).copied();
            self.warn(
                Lint::UnusedScenario,
                at.unwrap_or(self.spots.bank),
                None,
                format!("scenario `{}` has no questions", scenario.id),
                format!(
                    "add `scenario: {}` to the questions it sets up, or remove it",
                    scenario.id
                ),
            );
        }
        let in_steps: std::collections::HashSet<&str> = self
            .bank
            .scenarios
            .iter()
            .filter_map(|s| s.branching.as_ref())
            .flat_map(crate::bank::branching::Branching::citations)
            .map(|c| c.source.as_str())
            .collect();
        for source in &self.bank.sources {
            if in_steps.contains(source.id.as_str())
                || questions.iter().any(|q| q.citation.source == source.id)
            {
                continue;
            }
            let at = self.spots.sources.get(&source.id).copied();
            self.warn(
                Lint::UnusedSource,
                at.unwrap_or(self.spots.bank),
                None,
                format!("source `{}` is cited by no question", source.id),
                "cite it in a question's `source:`, or remove it".into(),
            );
        }
    }
}

/// Answers from this size up are rarely recalled to the unit.
const LARGE_FIGURE: f64 = 1000.0;

impl BankLints<'_> {
    fn exact_large_numbers(&mut self) {
        for q in &self.bank.questions {
            let AnswerKey::Numeric {
                answer, tolerance, ..
            } = &q.key
            else {
                continue;
            };
            let exact =
                matches!(tolerance, Tolerance::Absolute(t) | Tolerance::Percent(t) if *t == 0.0);
            // A written `tolerance: 0` says the exact figure is meant.
            let chosen = self.spots.tolerances.contains_key(&q.id);
            if !exact || chosen || answer.abs() < LARGE_FIGURE || is_a_year(q, *answer) {
                continue;
            }
            let at = self.spots.answers.get(&q.id).copied();
            self.warn(
                Lint::ExactLargeNumber,
                at.unwrap_or_else(|| self.spots.question(&q.id)),
                Some(&q.id),
                format!("{} must be typed exactly: the tolerance is zero", number(*answer)),
                "add a margin such as `tolerance: \"5%\"`; write `tolerance: 0` if only the exact figure will do".into(),
            );
        }
    }
}

/// Years are large numbers that are meant to be exact.
fn is_a_year(q: &Question, answer: f64) -> bool {
    let AnswerKey::Numeric { unit, .. } = &q.key else {
        return false;
    };
    let prompt = normalize_text(&q.prompt);
    let about_time = unit.as_deref().is_some_and(|u| u.contains("year"))
        || prompt.contains("year")
        || prompt.starts_with("when ");
    about_time && answer.fract() == 0.0 && (1000.0..=2200.0).contains(&answer)
}

/// Words that carry no explanation of their own.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "a", "an", "the", "is", "it", "its", "was", "are", "were", "be", "of", "in", "on", "at", "to",
    "and", "or", "so", "this", "that", "answer", "correct", "right", "wrong", "because", "yes",
    "no", "true", "false", "not", "statement", "choice",
];

impl BankLints<'_> {
    fn explanations_that_repeat_the_answer(&mut self) {
        for q in &self.bank.questions {
            let answer = normalize_text(&answer_words(q));
            let answer: Vec<&str> = answer.split(' ').collect();
            let explanation = normalize_text(&q.explanation);
            let new_words = explanation
                .split(' ')
                .filter(|w| !w.is_empty() && !answer.contains(w) && !FILLER.contains(w))
                .count();
            if new_words >= 3 {
                continue;
            }
            self.warn(
                Lint::ExplanationRepeatsAnswer,
                self.spots.question(&q.id),
                Some(&q.id),
                "the explanation only repeats the answer".into(),
                "say why the answer is right: the fact, the date or the reasoning behind it".into(),
            );
        }
    }
}

fn answer_words(q: &Question) -> String {
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        AnswerKey::Short { accept, .. } => accept.join(" "),
        AnswerKey::Numeric { answer, unit, .. } => {
            format!(
                "{answer} {} {}",
                number(*answer),
                unit.as_deref().unwrap_or("")
            )
        }
        AnswerKey::Order { items } => items.join(" "),
        AnswerKey::Match { pairs } => pairs
            .iter()
            .map(|p| format!("{} {}", p.left, p.right))
            .collect::<Vec<_>>()
            .join(" "),
        AnswerKey::TrueFalse { .. } => q.prompt.clone(),
    }
}

/// How alike two prompts must be (0 to 1, by edit distance) to count as near-duplicates.
const NEAR: f64 = 0.9;

struct Prompt<'a> {
    text: String,
    bank: &'a Bank,
    question: &'a Question,
    spot: Spot,
}

/// The same question asked twice, in one bank or across banks. Questions in different scenarios
/// may share a prompt, since the scenario changes what it asks.
fn duplicate_prompts(banks: &[Bank], spots: &[Spots], out: &mut Vec<Diagnostic>) {
    let prompts: Vec<Prompt> = banks
        .iter()
        .zip(spots)
        .flat_map(|(bank, spots)| {
            bank.questions.iter().map(move |q| Prompt {
                text: normalize_text(&q.prompt),
                bank,
                question: q,
                spot: spots.question(&q.id),
            })
        })
        .collect();
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    let mut reported = vec![false; prompts.len()];
    for (i, p) in prompts.iter().enumerate() {
        match first_of.get(p.text.as_str()) {
            Some(&first) if same_setting(&prompts[first], p) => {
                reported[i] = true;
                out.push(duplicate(&prompts[first], p, "the same prompt as"));
            }
            Some(_) => {}
            None => {
                first_of.insert(&p.text, i);
            }
        }
    }
    let unique: Vec<usize> = first_of.into_values().collect();
    near_duplicates(&prompts, &unique, &mut reported, out);
}

fn same_setting(a: &Prompt, b: &Prompt) -> bool {
    a.question.scenario.is_none() && b.question.scenario.is_none()
        || (std::ptr::eq(a.bank, b.bank) && a.question.scenario == b.question.scenario)
}

/// How many neighbours of each prompt, in each sort order, are compared with it.
const NEIGHBOURS: usize = 3;

/// Near-duplicates differ by a few characters, so they sort next to each other by their text (when
/// they differ towards the end) or by their reversed text (towards the start). Comparing each
/// prompt with its few neighbours in both orders takes O(n log n) instead of comparing every pair,
/// which a bank of 10,000 questions could not afford; prompts edited at both ends may be missed.
fn near_duplicates(
    prompts: &[Prompt],
    unique: &[usize],
    reported: &mut [bool],
    out: &mut Vec<Diagnostic>,
) {
    let reversed: Vec<String> = prompts
        .iter()
        .map(|p| p.text.chars().rev().collect())
        .collect();
    let shapes: Vec<Shape> = prompts.iter().map(|p| Shape::of(&p.text)).collect();
    let mut forward = unique.to_vec();
    forward.sort_by(|&a, &b| prompts[a].text.cmp(&prompts[b].text));
    let mut backward = unique.to_vec();
    backward.sort_by(|&a, &b| reversed[a].cmp(&reversed[b]));
    let mut found: Vec<(usize, usize)> = Vec::new();
    for order in [forward, backward] {
        for (k, &i) in order.iter().enumerate() {
            for &j in order.iter().skip(k + 1).take(NEIGHBOURS) {
                let (a, b) = (i.min(j), i.max(j));
                if reported[b] || !same_setting(&prompts[a], &prompts[b]) {
                    continue;
                }
                if could_be_near(&shapes[a], &shapes[b])
                    && nearly_equal(&prompts[a].text, &prompts[b].text)
                {
                    reported[b] = true;
                    found.push((a, b));
                }
            }
        }
    }
    // Reported in file order, whichever sort found them.
    found.sort_by_key(|&(_, b)| b);
    for (a, b) in found {
        out.push(duplicate(
            &prompts[a],
            &prompts[b],
            "nearly the same prompt as",
        ));
    }
}

/// `strsim::normalized_levenshtein(a, b) >= NEAR`, computed only as far as it can still hold:
/// a near-duplicate is a few edits away, so a band of the edit-distance table decides it.
fn nearly_equal(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return true;
    }
    let limit = ((1.0 - NEAR) * longest as f64).ceil() as usize + 1;
    bounded_edit_distance(&a, &b, limit)
        .is_some_and(|distance| 1.0 - distance as f64 / longest as f64 >= NEAR)
}

/// The Levenshtein distance of `a` and `b` if it is at most `limit`, else `None`.
fn bounded_edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut current = vec![far; b.len() + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        current.fill(far);
        current[0] = i.min(far);
        for j in low..=high {
            let substitute = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let cell = substitute.min(previous[j] + 1).min(current[j - 1] + 1);
            current[j] = cell.min(far);
        }
        if current[..=b.len()].iter().all(|&c| c >= far) {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// A text's length and letter counts: cheap to compare, and a lower bound of the edit distance.
struct Shape {
    length: usize,
    counts: [u16; 37],
}

impl Shape {
    fn of(text: &str) -> Shape {
        let mut counts = [0u16; 37];
        let mut length = 0;
        for c in text.chars() {
            length += 1;
            let slot = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + c as usize - '0' as usize,
                _ => 36,
            };
            counts[slot] = counts[slot].saturating_add(1);
        }
        Shape { length, counts }
    }
}

/// False when the two texts surely differ by more than `NEAR` allows. An edit changes the counts
/// by 2 at most, so half their difference is a lower bound of the edit distance.
fn could_be_near(a: &Shape, b: &Shape) -> bool {
    let differ: usize = (a.counts.iter().zip(&b.counts))
        .map(|(x, y)| x.abs_diff(*y) as usize)
        .sum();
    let allowed = (1.0 - NEAR) * a.length.max(b.length) as f64;
    (differ / 2) as f64 <= allowed
}

fn duplicate(first: &Prompt, later: &Prompt, how: &str) -> Diagnostic {
    let (line, column) = later.spot;
    Diagnostic::warning(
        Lint::DuplicatePrompt,
        &later.bank.origin,
        line,
        column,
        format!(
            "{how} question `{}` of bank `{}`",
            first.question.id, first.bank.id
        ),
    )
    .in_question(Some(&later.question.id))
    .help(format!(
        "{}:{} asks it; remove one, or make the prompt say what differs",
        first.bank.origin, first.spot.0
    ))
}

/// Questions a bank holds before a tag on one of them alone is odd enough to mention: a new bank
/// starts with one question per topic, a large one has filters worth keeping.
const LONE_TAG_BANK_SIZE: usize = 30;

/// A tag on a single question is often a misspelling of another, and in a large bank it makes a
/// useless filter. In a small bank a lone tag is normal and passes unless it looks like a typo.
fn single_use_tags(banks: &[Bank], spots: &[Spots], out: &mut Vec<Diagnostic>) {
    let mut uses: BTreeMap<&str, Vec<(&Bank, &Question, Spot)>> = BTreeMap::new();
    for (bank, spots) in banks.iter().zip(spots) {
        for q in &bank.questions {
            for tag in &q.tags {
                uses.entry(tag)
                    .or_default()
                    .push((bank, q, spots.question(&q.id)));
            }
        }
    }
    for (tag, places) in &uses {
        let [(bank, q, (line, column))] = places.as_slice() else {
            continue;
        };
        let others = uses.keys().copied().filter(|t| t != tag);
        let help = match closest(tag, others) {
            Some(near) => format!("did you mean `{near}`?"),
            None if bank.questions.len() >= LONE_TAG_BANK_SIZE => format!(
                "a bank of {} questions has room for a second question on it; tag more \
                 questions with it, or drop it",
                bank.questions.len()
            ),
            None => continue,
        };
        out.push(
            Diagnostic::warning(
                Lint::SingleUseTag,
                &bank.origin,
                *line,
                *column,
                format!("tag `{tag}` is used by this question only"),
            )
            .in_question(Some(&q.id))
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Choice;

    fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
            why: None,
            weight: None,
        }
    }

    #[test]
    fn choices_that_point_at_the_others_are_recognised() {
        for text in [
            "All of the above",
            "None of these.",
            "Both of them",
            "all the above",
        ] {
            assert!(refers_to_other_choices(text), "{text}");
        }
        for text in ["All of Europe", "None", "Above the clouds"] {
            assert!(!refers_to_other_choices(text), "{text}");
        }
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let texts = [
            "at what temperature does water boil",
            "at what temperature does water boils",
            "at what temperature does milk boil",
            "what temperature does water boil at",
            "which ocean is the largest",
            "which ocean is the largest one",
            "",
            "a",
            "abcdefghij",
            "abcdefghik",
            "bacdefghij",
        ];
        for a in texts {
            for b in texts {
                let full = strsim::normalized_levenshtein(a, b) >= NEAR;
                assert_eq!(nearly_equal(a, b), full, "{a:?} / {b:?}");
                let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let exact = strsim::levenshtein(a, b);
                for limit in 0..12 {
                    let expected = (exact <= limit).then_some(exact);
                    assert_eq!(
                        bounded_edit_distance(&x, &y, limit),
                        expected,
                        "{a:?} / {b:?} ≤ {limit}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_banded_distance_agrees_on_any_texts(a in "[ab c]{0,14}", b in "[ab c]{0,14}", limit in 0usize..6) {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let exact = strsim::levenshtein(&a, &b);
            proptest::prop_assert_eq!(bounded_edit_distance(&x, &y, limit), (exact <= limit).then_some(exact));
            proptest::prop_assert_eq!(nearly_equal(&a, &b), strsim::normalized_levenshtein(&a, &b) >= NEAR);
        }
    }

    #[test]
    fn the_letter_count_bound_never_rules_out_a_near_duplicate() {
        let pairs = [
            (
                "at what temperature does water boil",
                "at what temperature does water boils",
            ),
            (
                "which ocean is the largest",
                "which ocean is the largest one",
            ),
            ("abc", "xyz"),
        ];
        for (a, b) in pairs {
            let near = strsim::normalized_levenshtein(a, b) >= NEAR;
            assert!(
                !near || could_be_near(&Shape::of(a), &Shape::of(b)),
                "{a} / {b}"
            );
        }
        assert!(!could_be_near(
            &Shape::of("abc def ghi"),
            &Shape::of("xyz uvw rst")
        ));
    }

    #[test]
    fn the_longest_choice_gives_it_away_only_when_strictly_longest() {
        let long_right = [choice("a long right answer", true), choice("short", false)];
        assert!(longest_is_correct(&long_right));
        let tie = [choice("same", true), choice("size", false)];
        assert!(!longest_is_correct(&tie));
    }
}
