//! Answers given away by what another question shows.
//!
//! A scenario's questions are asked together, in written order (or in any order when the scenario
//! is shuffled), so whatever an earlier one shows — its prompt, choices, `why`s, items, pairs,
//! explanation and the source line's sections and locator — and the scenario's own text, the
//! learner has read before answering the later one: a warning. Questions of other scenarios and
//! banks played with it may come before it or after it, as shuffling decides: a note.
//!
//! An answer is given away by a text that holds it as a phrase, or that holds all the content
//! words of an answer of two or more of them, in any order and in any of their forms ("North
//! Korea ratifies the treaty" gives away "North Korea ratifying the treaty"). Every text is read
//! once into its words, and each answer is looked for only in the texts that hold its rarest
//! word, through an index of those words: the time grows with the size of the banks, not with
//! the number of pairs of questions.

use std::borrow::Cow;
use std::collections::HashMap;

use super::words::{content_words, content_words_of};
use crate::bank::diagnostic::{Diagnostic, Lint, Severity};
use crate::bank::model::{AnswerKey, Bank, Question};
use crate::bank::spots::{Spot, Spots};
use crate::hashing::FastMap;
use crate::text::{normalize_text, number};

/// Number words as far as an answer written in words is likely to go.
const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

fn words(text: &str) -> Vec<String> {
    normalize_text(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of `text`, with each figure written in digits ("15,000", "1.5") kept whole.
fn words_with_figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '/' | '(' | ')'))
    {
        let figure = raw.trim_matches(|c: char| !c.is_ascii_digit());
        if !figure.is_empty()
            && figure
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && let Ok(n) = figure.replace(',', "").parse::<f64>()
        {
            out.push(number(n).replace(',', ""));
            let rest = raw.trim_start_matches(|c: char| !c.is_ascii_digit());
            let after =
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
            out.extend(words(after));
        } else {
            out.extend(words(raw));
        }
    }
    out
}

/// A word with a plural "s" taken off: phrases match in the singular or the plural.
fn singular(word: &str) -> &str {
    if word.len() > 3 {
        word.trim_end_matches('s')
    } else {
        word
    }
}

/// What gives an answer away, in words numbered by the [`Words`] they were read with.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Needle {
    /// Words (in the singular), found together in this order.
    Phrase(Vec<u32>),
    /// Both sides of a pair, each as a phrase.
    Pair(Vec<u32>, Vec<u32>),
    /// Content words (stemmed, sorted), found in any order.
    Words(Vec<u32>),
}

impl Needle {
    /// The words a text must hold for the needle to be in it.
    fn required(&self) -> impl Iterator<Item = u32> + '_ {
        let (first, second): (&[u32], &[u32]) = match self {
            Needle::Phrase(p) | Needle::Words(p) => (p, &[]),
            Needle::Pair(left, right) => (left, right),
        };
        first.iter().chain(second).copied()
    }

    fn is_in(&self, text: &Text) -> bool {
        let contains = |phrase: &[u32]| {
            !phrase.is_empty() && text.words.windows(phrase.len()).any(|w| w == phrase)
        };
        match self {
            Needle::Phrase(p) => contains(p),
            Needle::Pair(left, right) => contains(left) && contains(right),
            Needle::Words(stems) => stems.iter().all(|s| text.stems.binary_search(s).is_ok()),
        }
    }
}

/// Every word read, numbered once, so that texts are compared and indexed by number; each
/// word's singular and stem are worked out once, however often it is read.
#[derive(Default)]
struct Words {
    numbers: FastMap<String, u32>,
    /// By a word's number: its number in the singular, and the number of its stem when it is
    /// a content word.
    forms: Vec<Option<(u32, Option<u32>)>>,
}

impl Words {
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = self.numbers.len() as u32;
        self.numbers.insert(word.to_owned(), n);
        self.forms.push(None);
        n
    }

    /// The numbers of `word` in the singular and of its stem, if it is a content word.
    fn forms(&mut self, word: &str) -> (u32, Option<u32>) {
        let n = self.number(word);
        if let Some(forms) = self.forms[n as usize] {
            return forms;
        }
        let one = self.number(singular(word));
        let stem = content_words_of(std::iter::once(word))
            .first()
            .map(|s| self.number(s));
        self.forms[n as usize] = Some((one, stem));
        (one, stem)
    }

    /// A phrase's words, each in the singular: a phrase matches in the singular or the plural.
    fn phrase<S: AsRef<str>>(&mut self, words: &[S]) -> Vec<u32> {
        words.iter().map(|w| self.forms(w.as_ref()).0).collect()
    }

    fn stems(&mut self, stems: &[String]) -> Vec<u32> {
        let mut out: Vec<u32> = stems.iter().map(|s| self.number(s)).collect();
        out.sort_unstable();
        out
    }

    fn count(&self) -> usize {
        self.numbers.len()
    }
}

/// One answer of a question, what gives it away, and where the answer is written.
struct Key {
    shown: String,
    needle: Needle,
    at: Written,
}

/// Where an answer is written, looked up only for the answers given away.
#[derive(Clone, Copy)]
enum Written {
    Choice(usize),
    Field(&'static str),
    Answer,
}

impl Written {
    fn spot(self, q: &Question, spots: &Spots) -> Spot {
        match self {
            Written::Choice(i) => spots.choice(&q.id, i),
            Written::Field(field) => spots.field(&q.id, field),
            Written::Answer => spots
                .answers
                .get(&q.id)
                .copied()
                .unwrap_or_else(|| spots.question(&q.id)),
        }
    }
}

/// The keys of `q`, in the order they are written.
fn keys(q: &Question, all: &mut Words) -> Vec<Key> {
    let mut out = Vec::new();
    let mut key = |shown: &str, needle: Needle, at: Written| {
        out.push(Key {
            shown: shown.to_owned(),
            needle,
            at,
        });
    };
    // A reworded answer: all its content words, when it has two or more.
    let reworded = |text: &str, all: &mut Words| {
        Some(content_words(text))
            .filter(|w| w.len() >= 2)
            .map(|w| all.stems(&w))
    };
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            for (i, c) in choices.iter().enumerate().filter(|(_, c)| c.correct) {
                let at = Written::Choice(i);
                // A one-word choice is too common a word to call a leak.
                let phrase = words(&c.text);
                if phrase.len() >= 2 {
                    key(&c.text, Needle::Phrase(all.phrase(&phrase)), at);
                }
                if let Some(stems) = reworded(&c.text, all) {
                    key(&c.text, Needle::Words(stems), at);
                }
            }
        }
        AnswerKey::Short { accept, .. } => {
            let at = Written::Field("accept");
            for a in accept {
                key(a, Needle::Phrase(all.phrase(&words(a))), at);
                if let Some(stems) = reworded(a, all) {
                    key(a, Needle::Words(stems), at);
                }
            }
        }
        AnswerKey::Numeric { answer, unit, .. } => {
            let at = Written::Answer;
            for phrase in figure_phrases(*answer, unit.as_deref()) {
                key(&phrase.join(" "), Needle::Phrase(all.phrase(&phrase)), at);
            }
        }
        AnswerKey::Match { pairs } => {
            let at = Written::Field("pairs");
            for p in pairs {
                let shown = format!("{} → {}", p.left, p.right);
                let needle =
                    Needle::Pair(all.phrase(&words(&p.left)), all.phrase(&words(&p.right)));
                key(&shown, needle, at);
            }
        }
        AnswerKey::Order { .. } | AnswerKey::TrueFalse { .. } => {}
    }
    out.retain(|k| k.needle.required().next().is_some());
    out
}

/// How a numeric answer reads in text: in digits, or in words up to twenty.
fn figure_phrases(answer: f64, unit: Option<&str>) -> Vec<Vec<String>> {
    let digits = number(answer).replace(',', "");
    let unit: Vec<String> = unit.map(words).unwrap_or_default();
    // Small figures are common: only the figure with its unit counts.
    let unit = unit.first().filter(|_| answer.abs() < 100.0).cloned();
    let mut spelled = vec![digits];
    if answer.fract() == 0.0 && (0.0..=20.0).contains(&answer) {
        spelled.push(NUMBER_WORDS[answer as usize].to_owned());
    }
    spelled
        .into_iter()
        .filter_map(|n| match &unit {
            Some(unit) => Some(vec![n, unit.clone()]),
            None if answer.abs() >= 10.0 => Some(vec![n]),
            None => None,
        })
        .collect()
}

/// Each text a question shows, named for the message.
fn shown(q: &Question) -> Vec<(&'static str, Cow<'_, str>)> {
    let mut out = vec![("prompt", Cow::from(&q.prompt))];
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            for c in choices {
                out.push(("choices", Cow::from(&c.text)));
                if let Some(why) = &c.why {
                    out.push(("`why`s", Cow::from(why)));
                }
            }
        }
        AnswerKey::Order { items } => out.extend(items.iter().map(|i| ("items", Cow::from(i)))),
        AnswerKey::Match { pairs } => {
            for p in pairs {
                out.push(("pairs", Cow::from(format!("{} {}", p.left, p.right))));
            }
        }
        _ => {}
    }
    out.push(("explanation", Cow::from(&q.explanation)));
    // The source line under the explanation names the sections and quotes the locator.
    for section in &q.citation.sections {
        out.push(("source line", Cow::from(section)));
    }
    if let Some(locator) = &q.citation.locator {
        out.push(("source line", Cow::from(locator)));
    }
    out
}

/// A text as the needles are looked for in it, by the numbers of its words.
struct Text {
    /// Its words in order, each in the singular.
    words: Vec<u32>,
    /// Its content words' stems, sorted, without repeats.
    stems: Vec<u32>,
}

impl Text {
    fn of(text: &str, all: &mut Words) -> Text {
        let (mut words, mut stems) = (Vec::new(), Vec::new());
        if text.bytes().any(|b| b.is_ascii_digit()) {
            words = all.phrase(&words_with_figures(text));
            stems = all.stems(&content_words(text));
        } else {
            // Without figures, the words of the whole text are the words of its pieces.
            let spaced = if text.contains(['(', ')']) {
                Cow::from(text.replace(['(', ')'], " "))
            } else {
                Cow::from(text)
            };
            for word in normalize_text(&spaced).split(' ').filter(|w| !w.is_empty()) {
                let (one, stem) = all.forms(word);
                words.push(one);
                stems.extend(stem);
            }
            stems.sort_unstable();
            stems.dedup();
        }
        Text { words, stems }
    }

    /// The words the index looks up: both forms, a word as often as it is written.
    fn tokens(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().chain(&self.stems).copied()
    }
}

/// Where the questions and scenarios were read: a scenario's questions are asked together.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Setting<'a> {
    bank: usize,
    scenario: Option<&'a str>,
}

/// A text that may give answers away: a scenario's text, or a field of a question.
struct Shown<'a> {
    setting: Setting<'a>,
    /// The question showing it, an index into the questions; none for a scenario's text.
    question: Option<usize>,
    field: &'static str,
    text: Cow<'a, str>,
}

/// A question with where it was read.
struct Asked<'a> {
    bank: usize,
    question: &'a Question,
    setting: Setting<'a>,
    /// Whether its scenario is asked in any order.
    shuffled: bool,
}

/// Every answer leak within a scenario (warnings), and across scenarios and banks (notes).
pub(super) fn answer_leaks(banks: &[Bank], spots: &[Spots], out: &mut Vec<Diagnostic>) {
    let asked = asked(banks);
    let shown = shown_texts(banks, &asked);
    let mut all = Words::default();
    let keys: Vec<Vec<Key>> = asked.iter().map(|a| keys(a.question, &mut all)).collect();
    let revealed = Reveals::find(&shown, &keys, &mut all);
    for (j, later) in asked.iter().enumerate() {
        let within = revealed.first(&keys[j], |by| {
            let s = &shown[by];
            s.setting == later.setting
                && later.setting.scenario.is_some()
                && s.question
                    .is_none_or(|i| i < j || (later.shuffled && i != j))
        });
        if let Some((key, by)) = within {
            out.push(leak(
                Severity::Warning,
                banks,
                spots,
                &asked,
                later,
                key,
                &shown[by],
            ));
            continue;
        }
        let across = revealed.first(&keys[j], |by| shown[by].setting != later.setting);
        if let Some((key, by)) = across {
            out.push(leak(
                Severity::Note,
                banks,
                spots,
                &asked,
                later,
                key,
                &shown[by],
            ));
        }
    }
}

fn asked(banks: &[Bank]) -> Vec<Asked<'_>> {
    let mut out = Vec::new();
    for (b, bank) in banks.iter().enumerate() {
        for q in &bank.questions {
            let scenario = q
                .scenario
                .as_deref()
                .and_then(|id| bank.scenarios.iter().find(|s| s.id == id));
            out.push(Asked {
                bank: b,
                question: q,
                setting: Setting {
                    bank: b,
                    scenario: scenario.map(|s| s.id.as_str()),
                },
                shuffled: scenario.is_some_and(|s| s.shuffle),
            });
        }
    }
    out
}

/// Every text shown, in the order it is read: each scenario's text before its questions.
fn shown_texts<'a>(banks: &'a [Bank], asked: &[Asked<'a>]) -> Vec<Shown<'a>> {
    let mut out = Vec::new();
    for (b, bank) in banks.iter().enumerate() {
        for scenario in bank.scenarios.iter().filter(|s| s.branching.is_none()) {
            out.push(Shown {
                setting: Setting {
                    bank: b,
                    scenario: Some(scenario.id.as_str()),
                },
                question: None,
                field: "text",
                text: Cow::from(&scenario.text),
            });
        }
    }
    for (i, a) in asked.iter().enumerate() {
        out.extend(shown(a.question).into_iter().map(|(field, text)| Shown {
            setting: a.setting,
            question: Some(i),
            field,
            text,
        }));
    }
    out
}

/// Where each needle is given away: for each, the texts that give it away first.
struct Reveals<'a> {
    /// Each distinct needle's number, by the needle.
    needles: HashMap<Needle, usize>,
    /// By the needle's number.
    seen: Vec<Seen<'a>>,
}

/// The first texts that give a needle away, indexes into the shown texts. Two of each are
/// enough: a question never gives its own answer away, so when the first is the asker's own
/// text, or in the asker's own setting, the second is the one that counts.
#[derive(Default)]
struct Seen<'a> {
    /// The first text, and the first in another setting than that one.
    across: Vec<usize>,
    /// In each setting, the first text, and the first of another question than that one.
    within: HashMap<Setting<'a>, Vec<usize>>,
}

impl<'a> Reveals<'a> {
    fn find(shown: &[Shown<'a>], keys: &[Vec<Key>], all: &mut Words) -> Reveals<'a> {
        let texts: Vec<Text> = shown.iter().map(|s| Text::of(&s.text, all)).collect();
        // How often each word is written: a needle is looked up by its rarest word.
        let mut held = vec![0usize; all.count()];
        for text in &texts {
            for t in text.tokens() {
                held[t as usize] += 1;
            }
        }
        let mut needles: HashMap<Needle, usize> = HashMap::new();
        let mut index: Vec<Vec<usize>> = vec![Vec::new(); all.count()];
        for key in keys.iter().flatten() {
            if needles.contains_key(&key.needle) {
                continue;
            }
            let number = needles.len();
            needles.insert(key.needle.clone(), number);
            if let Some(rarest) = key.needle.required().min_by_key(|&t| held[t as usize]) {
                index[rarest as usize].push(number);
            }
        }
        let mut list: Vec<&Needle> = Vec::with_capacity(needles.len());
        let mut by_number: Vec<(&usize, &Needle)> = needles.iter().map(|(n, i)| (i, n)).collect();
        by_number.sort_unstable_by_key(|&(i, _)| *i);
        list.extend(by_number.into_iter().map(|(_, n)| n));
        let mut seen: Vec<Seen> = (0..list.len()).map(|_| Seen::default()).collect();
        let mut candidates = Vec::new();
        for (t, text) in texts.iter().enumerate() {
            candidates.clear();
            for token in text.tokens() {
                candidates.extend_from_slice(&index[token as usize]);
            }
            candidates.sort_unstable();
            candidates.dedup();
            for &n in &candidates {
                if list[n].is_in(text) {
                    seen[n].add(t, shown);
                }
            }
        }
        Reveals { needles, seen }
    }

    /// The key among `keys` given away first by a text that `counts`, and that text: among the
    /// texts, the one shown first; among the keys, the first written.
    fn first<'k>(
        &self,
        keys: &'k [Key],
        counts: impl Fn(usize) -> bool,
    ) -> Option<(&'k Key, usize)> {
        keys.iter()
            .filter_map(|k| {
                let seen = &self.seen[self.needles[&k.needle]];
                let candidates = seen.across.iter().chain(seen.within.values().flatten());
                candidates
                    .copied()
                    .filter(|&t| counts(t))
                    .min()
                    .map(|t| (k, t))
            })
            .min_by_key(|&(_, t)| t)
    }
}

impl<'a> Seen<'a> {
    /// Text `t` gives the needle away; texts come in the order they are shown.
    fn add(&mut self, t: usize, shown: &[Shown<'a>]) {
        let setting = shown[t].setting;
        match self.across.as_slice() {
            [] => self.across.push(t),
            [first] if shown[*first].setting != setting => self.across.push(t),
            _ => {}
        }
        let within = self.within.entry(setting).or_default();
        match within.as_slice() {
            [] => within.push(t),
            [first] if shown[*first].question != shown[t].question => within.push(t),
            _ => {}
        }
    }
}

fn leak(
    severity: Severity,
    banks: &[Bank],
    spots: &[Spots],
    asked: &[Asked],
    later: &Asked,
    key: &Key,
    by: &Shown,
) -> Diagnostic {
    let bank = &banks[later.bank];
    let same_bank = by.setting.bank == later.bank;
    let by_spots = &spots[by.setting.bank];
    let by_bank = &banks[by.setting.bank];
    let place = match by.question {
        None => {
            let id = by.setting.scenario.unwrap_or_default();
            let line = by_spots.scenarios.get(id).unwrap_or(&by_spots.bank).0;
            format!(
                "the text of scenario `{id}` ({})",
                line_in(by_bank, line, same_bank)
            )
        }
        Some(i) => {
            let earlier = asked[i].question;
            let line = by_spots.question(&earlier.id).0;
            format!(
                "the {} of question `{}` ({})",
                by.field,
                earlier.id,
                line_in(by_bank, line, same_bank)
            )
        }
    };
    let (message, help) = match severity {
        Severity::Warning => {
            let when = match by.question {
                None => String::new(),
                Some(_) if later.shuffled => ", which may be asked before it".into(),
                Some(_) => ", which is asked before it".into(),
            };
            (
                format!("the answer `{}` is given away by {place}{when}", key.shown),
                "reorder the questions, or reword one of them so it does not show the other's answer",
            )
        }
        _ => (
            format!(
                "the answer `{}` may be given away by {place}, if that is shown first",
                key.shown
            ),
            "when these are played together, shuffling decides the order; reword one of them \
             so it does not show the other's answer",
        ),
    };
    let diagnostic = match severity {
        Severity::Warning => Diagnostic::warning,
        _ => Diagnostic::note,
    };
    let at = key.at.spot(later.question, &spots[later.bank]);
    diagnostic(Lint::AnswerLeak, &bank.origin, at.0, at.1, message)
        .in_question(Some(&later.question.id))
        .help(help)
}

/// `line 12` in the same bank, `bank `b`, line 12` in another.
fn line_in(bank: &Bank, line: u64, same_bank: bool) -> String {
    if same_bank {
        format!("line {line}")
    } else {
        format!("bank `{}`, {}:{line}", bank.id, bank.origin)
    }
}
