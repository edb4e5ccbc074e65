//! Item-writing flaws: wording that lets a learner find the answer without knowing it, or that
//! trips up one who does. The rules follow the item-writing-flaw rubric of assessment research;
//! each looks only at the text of a question and its choices.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::words::content_words;
use super::{BankLints, choices, refers_to_other_choices};
use crate::bank::diagnostic::{Diagnostic, Lint};
use crate::bank::model::{AnswerKey, Bank, Choice, Question};
use crate::bank::spots::Spots;
use crate::text::normalize_text;

/// Words that turn a stem around; easy to miss unless written in capitals or bold.
const NEGATIVES: &[&str] = &[
    "not", "except", "never", "least", "without", "cannot", "isnt", "arent", "wasnt", "werent",
    "doesnt", "didnt", "dont",
];

/// Words that make a choice sweeping; test-wise learners rule such distractors out.
const ABSOLUTES: &[&str] = &[
    "always",
    "never",
    "all",
    "none",
    "only",
    "completely",
    "entirely",
];

/// Words that leave a statement neither true nor false.
const VAGUE: &[&str] = &[
    "often",
    "sometimes",
    "usually",
    "may",
    "might",
    "frequently",
    "occasionally",
    "generally",
];

/// The words of `text` as written, without the punctuation around them.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '/' | '(' | ')' | ','))
        .filter(|w| !w.is_empty())
}

/// A word written so that it stands out: in capitals, or in `*`/`_` emphasis.
fn emphasised(raw: &str) -> bool {
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    capitals || raw.starts_with('*') || raw.starts_with('_')
}

/// The first word of `text` (normalised) that is in `list`, with whether it was emphasised.
fn first_of<'t>(text: &'t str, list: &[&str]) -> Option<(String, &'t str)> {
    let words: Vec<&str> = raw_words(text).collect();
    words.iter().enumerate().find_map(|(i, raw)| {
        let word = folded_word(raw);
        if !list.contains(&word.as_ref()) {
            return None;
        }
        // "May" next to a number is the month.
        let number = |w: Option<&&str>| w.is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()));
        if word == "may" && (number(words.get(i + 1)) || i > 0 && number(words.get(i - 1))) {
            return None;
        }
        Some((word.into_owned(), *raw))
    })
}

/// A word as the lists hold it: [`normalize_text`] without its spaces, and without copying a
/// word already so written (most are).
fn folded_word(raw: &str) -> Cow<'_, str> {
    if raw
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Cow::Borrowed(raw);
    }
    let folded = normalize_text(raw);
    if folded.contains(' ') {
        Cow::Owned(folded.replace(' ', ""))
    } else {
        Cow::Owned(folded)
    }
}

fn has_choices(q: &Question) -> bool {
    matches!(q.key, AnswerKey::Single { .. } | AnswerKey::Multiple { .. })
}

/// Stems the rubric is about: questions answered by picking.
fn picked(q: &Question) -> bool {
    has_choices(q) || matches!(q.key, AnswerKey::TrueFalse { .. })
}

impl BankLints<'_> {
    pub(super) fn item_writing_flaws(&mut self) {
        for q in &self.bank.questions {
            self.negative_stem(q);
            self.absolute_terms(q);
            self.vague_terms(q);
            self.word_repeat(q);
            self.convergence_cue(q);
            self.grammatical_cue(q);
            self.lost_sequence(q);
            self.combination_options(q);
            self.fill_in_the_blank(q);
            self.option_length(q);
        }
    }

    fn negative_stem(&mut self, q: &Question) {
        let Some((word, raw)) = first_of(&q.prompt, NEGATIVES) else {
            return;
        };
        if emphasised(raw) {
            return;
        }
        self.warn(
            Lint::NegativeStem,
            self.spots.question(&q.id),
            Some(&q.id),
            format!("the prompt turns on the word `{word}`, which is easy to miss"),
            format!(
                "ask it the positive way; if the negative is the point, write it in capitals \
                 ({}) so nobody reads past it",
                word.to_uppercase()
            ),
        );
    }

    fn absolute_terms(&mut self, q: &Question) {
        let choices = choices(q);
        let sweeping = |c: &Choice| {
            if refers_to_other_choices(&c.text) {
                return None;
            }
            first_of(&c.text, ABSOLUTES).map(|(word, _)| word)
        };
        // When a right choice is sweeping too, the word gives nothing away.
        if choices.iter().any(|c| c.correct && sweeping(c).is_some()) {
            return;
        }
        for (i, choice) in choices.iter().enumerate() {
            let Some(word) = sweeping(choice) else {
                continue;
            };
            self.warn(
                Lint::AbsoluteTerm,
                self.spots.choice(&q.id, i),
                Some(&q.id),
                format!("wrong choice `{}` says `{word}`", choice.text),
                "learners rule out sweeping choices without knowing the topic; make it a \
                 specific, plausible mistake instead"
                    .into(),
            );
            return;
        }
    }

    fn vague_terms(&mut self, q: &Question) {
        if !picked(q) {
            return;
        }
        if let Some((word, _)) = first_of(&q.prompt, VAGUE) {
            self.warn(
                Lint::VagueTerm,
                self.spots.question(&q.id),
                Some(&q.id),
                format!("the prompt says `{word}`, which makes it hard to call right or wrong"),
                "say what is meant: how often, in which case, according to whom".into(),
            );
            return;
        }
        for (i, choice) in choices(q).iter().enumerate() {
            if let Some((word, _)) = first_of(&choice.text, VAGUE) {
                self.warn(
                    Lint::VagueTerm,
                    self.spots.choice(&q.id, i),
                    Some(&q.id),
                    format!("choice `{}` says `{word}`", choice.text),
                    "a vague choice is hard to call right or wrong; say what is meant".into(),
                );
                return;
            }
        }
    }

    /// A content word of the stem that reappears in the right choice and in no wrong one.
    fn word_repeat(&mut self, q: &Question) {
        let AnswerKey::Single { choices } = &q.key else {
            return;
        };
        let stem = content_words(&q.prompt);
        let words: Vec<Vec<String>> = choices.iter().map(|c| content_words(&c.text)).collect();
        let Some(right) = choices.iter().position(|c| c.correct) else {
            return;
        };
        let cue = stem.iter().find(|w| {
            words[right].contains(w)
                && choices
                    .iter()
                    .zip(&words)
                    .all(|(c, ws)| c.correct || !ws.contains(w))
        });
        let Some(cue) = cue else { return };
        // Named as the prompt writes it, not by its stem.
        let normalized = normalize_text(&q.prompt);
        let written = normalized
            .split(' ')
            .find(|w| content_words(w).first() == Some(cue))
            .unwrap_or(cue);
        let cue = written;
        self.warn(
            Lint::WordRepeat,
            self.spots.choice(&q.id, right),
            Some(&q.id),
            format!("the prompt's word `{cue}` reappears in the right choice and in no wrong one"),
            "learners match the word instead of knowing the answer; reword the right choice, \
             or use the word in a wrong choice too"
                .into(),
        );
    }

    /// The right choice shares the most words with the others: a guess by resemblance finds it.
    fn convergence_cue(&mut self, q: &Question) {
        let AnswerKey::Single { choices } = &q.key else {
            return;
        };
        if choices.len() < 4 {
            return;
        }
        let words: Vec<Vec<String>> = choices.iter().map(|c| content_words(&c.text)).collect();
        let shared = |i: usize| -> usize {
            (0..words.len())
                .filter(|&j| j != i)
                .map(|j| words[i].iter().filter(|w| words[j].contains(w)).count())
                .sum()
        };
        let Some(right) = choices.iter().position(|c| c.correct) else {
            return;
        };
        let key = shared(right);
        let most_wrong = (0..choices.len())
            .filter(|&i| i != right)
            .map(shared)
            .max()
            .unwrap_or(0);
        if key < 3 || key <= most_wrong {
            return;
        }
        self.warn(
            Lint::ConvergenceCue,
            self.spots.choice(&q.id, right),
            Some(&q.id),
            format!(
                "the right choice shares {key} words with the other choices, more than any wrong \
                 one ({most_wrong})"
            ),
            "wrong choices built as variations of the right one point to it; vary the wrong \
             choices among themselves, or drop the shared words"
                .into(),
        );
    }

    /// A stem ending in "a" or "an" that only some choices follow grammatically.
    fn grammatical_cue(&mut self, q: &Question) {
        let choices = choices(q);
        let stem = q
            .prompt
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '_' | '.' | '…' | ':'));
        let Some(article) = raw_words(stem).last().map(str::to_lowercase) else {
            return;
        };
        if !matches!(article.as_str(), "a" | "an") || choices.is_empty() {
            return;
        }
        let fits = |c: &Choice| starts_with_vowel_sound(&c.text) == (article == "an");
        let right_fits = choices.iter().filter(|c| c.correct).all(fits);
        let misfit = choices.iter().position(|c| !c.correct && !fits(c));
        let Some(i) = misfit.filter(|_| right_fits) else {
            return;
        };
        self.warn(
            Lint::GrammaticalCue,
            self.spots.choice(&q.id, i),
            Some(&q.id),
            format!(
                "the prompt ends in `{article}`, which does not fit wrong choice `{}`",
                choices[i].text
            ),
            "learners drop the choices that do not fit; end the prompt before the article, \
             e.g. \"… is:\" with `a`/`an` in each choice"
                .into(),
        );
    }
}

fn starts_with_vowel_sound(text: &str) -> bool {
    let word = normalize_text(text);
    let word = word.split(' ').next().unwrap_or("");
    let silent_h = ["hour", "honest", "honour", "honor", "heir"];
    let long_u = ["uni", "use", "usu", "uti", "eu", "one", "once"];
    if silent_h.iter().any(|h| word.starts_with(h)) {
        return true;
    }
    if long_u.iter().any(|u| word.starts_with(u)) {
        return false;
    }
    word.starts_with(['a', 'e', 'i', 'o', 'u'])
}

/// A choice read as a point on a scale: its date (day, month, year in any order) or its first
/// number.
fn scale_value(text: &str) -> Option<f64> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '–' | '—' | '/'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let numbers: Vec<f64> = words
        .iter()
        .filter_map(|w| w.replace(',', "").parse::<f64>().ok())
        .collect();
    let month = words.iter().find_map(|w| {
        crate::text::MONTHS
            .iter()
            .position(|m| m.starts_with(w.as_str()) && w.len() >= 3)
    });
    match month {
        Some(month) => {
            let year = numbers
                .iter()
                .copied()
                .find(|n| *n >= 1000.0)
                .unwrap_or(0.0);
            let day = numbers.iter().copied().find(|n| *n < 32.0).unwrap_or(0.0);
            Some(year * 10_000.0 + (month as f64 + 1.0) * 100.0 + day)
        }
        None => numbers.first().copied(),
    }
}

impl BankLints<'_> {
    /// Numbers or dates shown out of order: learners must hunt for their value.
    fn lost_sequence(&mut self, q: &Question) {
        let choices = choices(q);
        if q.shuffle || choices.len() < 3 {
            return;
        }
        let Some(values) = choices
            .iter()
            .map(|c| scale_value(&c.text))
            .collect::<Option<Vec<f64>>>()
        else {
            return;
        };
        let rising = values.windows(2).all(|w| w[0] <= w[1]);
        let falling = values.windows(2).all(|w| w[0] >= w[1]);
        if rising || falling {
            return;
        }
        self.warn(
            Lint::LostSequence,
            self.spots.choice(&q.id, 0),
            Some(&q.id),
            "the choices are numbers or dates out of order, and they are not shuffled".into(),
            "list them from lowest to highest (or earliest to latest)".into(),
        );
    }

    /// "A and B", "1 and 3 only", "both of the above": choices that combine others.
    fn combination_options(&mut self, q: &Question) {
        for (i, choice) in choices(q).iter().enumerate() {
            let combines = combines_others(&choice.text)
                || (!q.shuffle && refers_to_other_choices(&choice.text));
            if !combines {
                continue;
            }
            self.warn(
                Lint::CombinationOption,
                self.spots.choice(&q.id, i),
                Some(&q.id),
                format!("choice `{}` combines other choices", choice.text),
                "knowing one part rules it in or out; ask a `multiple` question instead".into(),
            );
            return;
        }
    }
}

/// Choices made of other choices' letters or numbers: "A and B", "1, 3 and 4 only".
fn combines_others(text: &str) -> bool {
    let text = normalize_text(text);
    let words: Vec<&str> = text.split(' ').collect();
    let label = |w: &&str| {
        matches!(
            *w,
            "a" | "b" | "c" | "d" | "e" | "1" | "2" | "3" | "4" | "5"
        )
    };
    let glue = |w: &&str| matches!(*w, "and" | "or" | "only" | "both" | "neither" | "nor");
    let labels = words.iter().filter(|w| label(w)).count();
    labels >= 2
        && words.iter().any(|w| matches!(*w, "and" | "or" | "nor"))
        && words.iter().all(|w| label(w) || glue(w))
}

/// Function words a complete question does not end on.
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "by", "with", "was", "is", "are", "were", "and",
    "as", "for", "from", "at", "that",
];

impl BankLints<'_> {
    fn fill_in_the_blank(&mut self, q: &Question) {
        if !picked(q) {
            return;
        }
        let prompt = q.prompt.trim();
        let last = normalize_text(prompt);
        let last = last.rsplit(' ').next().unwrap_or("");
        let blank = prompt.contains("__")
            || prompt.ends_with("...")
            || prompt.ends_with('…')
            || (prompt.ends_with(|c: char| c.is_alphanumeric()) && DANGLING.contains(&last));
        if !blank {
            return;
        }
        self.warn(
            Lint::FillInTheBlank,
            self.spots.question(&q.id),
            Some(&q.id),
            "the prompt is a sentence to complete, not a question".into(),
            "ask a whole question (\"Which city …?\"), so that it can be answered before \
             reading the choices"
                .into(),
        );
    }

    /// The right choice much longer or much shorter than every wrong one.
    fn option_length(&mut self, q: &Question) {
        let choices = choices(q);
        if choices.len() < 3 {
            return;
        }
        let length = |c: &Choice| c.text.chars().count();
        let right: Vec<usize> = choices.iter().filter(|c| c.correct).map(length).collect();
        let wrong: Vec<usize> = choices.iter().filter(|c| !c.correct).map(length).collect();
        let (Some(&r_min), Some(&r_max), Some(&w_min), Some(&w_max)) = (
            right.iter().min(),
            right.iter().max(),
            wrong.iter().min(),
            wrong.iter().max(),
        ) else {
            return;
        };
        let much = |long: usize, short: usize| long * 2 >= short * 3 && long >= short + 10;
        let how = if much(r_min, w_max) {
            "longer"
        } else if much(w_min, r_max) {
            "shorter"
        } else {
            return;
        };
        let first_right = choices.iter().position(|c| c.correct).unwrap_or(0);
        self.warn(
            Lint::OptionLength,
            self.spots.choice(&q.id, first_right),
            Some(&q.id),
            format!("the right choice is much {how} than every wrong one"),
            "learners pick by length; give every choice about the same length and detail".into(),
        );
    }
}

/// How many banks' worth of one pattern make it guessable: more than this share.
const MOST: f64 = 0.6;

/// Patterns across the banks checked together, which a learner who plays them all can learn.
pub(super) fn balance(banks: &[Bank], spots: &[Spots], out: &mut Vec<Diagnostic>) {
    let all: Vec<(&Bank, &Spots, &Question)> = banks
        .iter()
        .zip(spots)
        .flat_map(|(b, s)| b.questions.iter().map(move |q| (b, s, q)))
        .collect();
    true_false_balance(&all, out);
    answer_count(&all, out);
    key_position(&all, out);
}

type Placed<'a> = (&'a Bank, &'a Spots, &'a Question);

fn report(lint: Lint, at: &Placed, message: String, help: String) -> Diagnostic {
    let (bank, spots, q) = at;
    let (line, column) = spots.question(&q.id);
    Diagnostic::warning(lint, &bank.origin, line, column, message)
        .in_question(Some(&q.id))
        .help(help)
}

fn ids(questions: &[&Placed]) -> String {
    let mut ids: Vec<&str> = questions.iter().map(|(_, _, q)| q.id.as_str()).collect();
    if ids.len() > 8 {
        ids.truncate(8);
        ids.push("…");
    }
    ids.join(", ")
}

fn true_false_balance(all: &[Placed], out: &mut Vec<Diagnostic>) {
    let asked: Vec<(&Placed, bool)> = all
        .iter()
        .filter_map(|p| match p.2.key {
            AnswerKey::TrueFalse { answer } => Some((p, answer)),
            _ => None,
        })
        .collect();
    if asked.len() < 5 {
        return;
    }
    let falses = asked.iter().filter(|(_, a)| !a).count();
    let share = falses as f64 / asked.len() as f64;
    if (0.3..=0.7).contains(&share) {
        return;
    }
    let majority = share > 0.5;
    let word = if majority { "false" } else { "true" };
    let most: Vec<&Placed> = asked
        .iter()
        .filter(|(_, a)| *a != majority)
        .map(|(p, _)| *p)
        .collect();
    let count = most.len();
    out.push(report(
        Lint::TrueFalseBalance,
        most[0],
        format!(
            "{count} of {} true/false answers are {word}: always answering {word} scores {:.0}%",
            asked.len(),
            count as f64 * 100.0 / asked.len() as f64
        ),
        format!(
            "keep between 30% and 70% of them false; turn some of these around: {}",
            ids(&most)
        ),
    ));
}

fn answer_count(all: &[Placed], out: &mut Vec<Diagnostic>) {
    let mut by_count: BTreeMap<usize, Vec<&Placed>> = BTreeMap::new();
    for p in all {
        if let AnswerKey::Multiple { choices, .. } = &p.2.key {
            let right = choices.iter().filter(|c| c.correct).count();
            by_count.entry(right).or_default().push(p);
        }
    }
    let asked: usize = by_count.values().map(Vec::len).sum();
    let Some((right, most)) = by_count.iter().max_by_key(|(_, qs)| qs.len()) else {
        return;
    };
    if asked < 4 || (most.len() as f64) <= asked as f64 * MOST {
        return;
    }
    out.push(report(
        Lint::AnswerCount,
        most[0],
        format!(
            "{} of {asked} multiple-answer questions have exactly {right} right choices",
            most.len()
        ),
        format!(
            "learners learn to pick {right}; vary how many are right in: {}",
            ids(most)
        ),
    ));
}

fn key_position(all: &[Placed], out: &mut Vec<Diagnostic>) {
    let mut by_place: BTreeMap<usize, Vec<&Placed>> = BTreeMap::new();
    for p in all {
        if let AnswerKey::Single { choices } = &p.2.key
            && !p.2.shuffle
            && choices.len() >= 3
            && let Some(at) = choices.iter().position(|c| c.correct)
        {
            by_place.entry(at).or_default().push(p);
        }
    }
    let asked: usize = by_place.values().map(Vec::len).sum();
    let Some((place, most)) = by_place.iter().max_by_key(|(_, qs)| qs.len()) else {
        return;
    };
    if asked < 4 || (most.len() as f64) <= asked as f64 * MOST {
        return;
    }
    out.push(report(
        Lint::KeyPosition,
        most[0],
        format!(
            "the right choice is choice {} in {} of {asked} questions whose choices are not shuffled",
            crate::text::letter(*place),
            most.len()
        ),
        format!(
            "learners notice; move the right choice, or shuffle the choices, in: {}",
            ids(most)
        ),
    ));
}
