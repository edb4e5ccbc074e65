//! From a class's results to the report: students, scores, item statistics and topics.

use std::collections::{BTreeMap, BTreeSet};

use super::Note;
use super::ingest::{Attempt, Class, student_key};
use super::stats::{self, ItemScore};
use crate::bank::fingerprint::question_hash;
use crate::bank::{AnswerKey, Bank, Question};
use crate::engine::{Response, Verdict};
use crate::results::AnswerEntry;
use crate::text::plural_s;
use crate::text::{letter, normalize_text};

/// Facility at or above this is "very easy" in Moodle's table of facility indices.
pub(crate) const VERY_EASY: f64 = 90.0;
/// Facility at or below this is "very difficult, or something wrong with the question".
pub(crate) const VERY_HARD: f64 = 10.0;
/// A discrimination index below this tells strong and weak students apart too little.
pub(crate) const WEAK_DISCRIMINATION: f64 = 20.0;
/// Free-text answers (short, numeric, order, match) listed one by one; the rest are summed up.
const LISTED_ANSWERS: usize = 6;

#[derive(Debug, Clone)]
pub(crate) struct Report {
    /// The pass mark, in percent.
    pub pass: f64,
    pub students: Vec<StudentRow>,
    pub scores: ScoreSummary,
    /// Students per tenth of the percentage scale: 0–9, 10–19, …, 90–100.
    pub histogram: [usize; 10],
    pub items: Vec<ItemStats>,
    pub tags: Vec<TagStats>,
    pub notes: Vec<Note>,
    /// The attempts behind the rows, in the same order, for the per-answer CSV.
    pub attempts: Vec<Attempt>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StudentRow {
    pub name: String,
    pub file: String,
    pub earned: f64,
    pub max: f64,
    pub percent: f64,
    pub seconds: f64,
    pub passed: bool,
    pub answered: usize,
    pub planned: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ScoreSummary {
    pub students: usize,
    pub mean: f64,
    pub median: f64,
    pub standard_deviation: f64,
    pub lowest: f64,
    pub highest: f64,
    pub passed: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ItemStats {
    /// Q1, Q2, … in bank order.
    pub number: usize,
    pub bank: String,
    pub question: String,
    pub kind: String,
    /// From the loaded bank; `None` when it is not loaded.
    pub prompt: Option<String>,
    pub answers: usize,
    pub facility: Option<f64>,
    pub discrimination: Option<f64>,
    pub options: Vec<OptionCount>,
    /// The wrong answer given most often, and how many gave it.
    pub top_wrong: Option<(String, usize)>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OptionCount {
    pub label: String,
    pub count: usize,
    /// `None` when it cannot be known (a multiple-choice option without its bank).
    pub correct: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Flag {
    VeryEasy,
    VeryHard,
    WeakDiscrimination,
    NegativeDiscrimination,
    MixedVersions,
}

impl Flag {
    pub(crate) fn text(self) -> &'static str {
        match self {
            Flag::VeryEasy => "very easy: almost everyone got it right",
            Flag::VeryHard => "very hard: almost no one got it right; check the question",
            Flag::WeakDiscrimination => {
                "weak discrimination (below 20): it barely tells strong and weak students apart"
            }
            Flag::NegativeDiscrimination => {
                "negative discrimination: stronger students did worse; check this question's key"
            }
            Flag::MixedVersions => "the question changed between results files",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TagStats {
    pub tag: String,
    pub earned: f64,
    pub max: f64,
    pub answers: usize,
}

impl TagStats {
    pub(crate) fn percent(&self) -> f64 {
        if self.max > 0.0 {
            100.0 * self.earned / self.max
        } else {
            0.0
        }
    }
}

/// Builds the report. `banks` name the choices; results of banks not given still count.
pub(crate) fn analyse(class: Class, banks: &[Bank], pass: f64) -> Report {
    let mut attempts = class.attempts;
    attempts.sort_by_cached_key(|a| (student_key(&a.name), a.file.clone()));
    let mut notes = class.notes;
    let students: Vec<StudentRow> = attempts.iter().map(|a| student_row(a, pass)).collect();
    let items = items(&attempts, banks, &mut notes);
    Report {
        pass,
        scores: score_summary(&students),
        histogram: histogram(&students),
        items,
        tags: tags(&attempts),
        students,
        notes,
        attempts,
    }
}

fn student_row(attempt: &Attempt, pass: f64) -> StudentRow {
    let answers = &attempt.result.answers;
    let earned: f64 = answers.iter().map(|a| a.points).sum();
    let max: f64 = answers.iter().map(|a| a.max_points).sum();
    let percent = if max > 0.0 { 100.0 * earned / max } else { 0.0 };
    StudentRow {
        name: attempt.name.clone(),
        file: attempt.file.display().to_string(),
        earned,
        max,
        percent,
        seconds: answers.iter().map(|a| a.seconds.max(0.0)).sum(),
        // Compared after rounding to what the table shows, so "60%" never fails a 60% mark.
        passed: (percent * 10.0).round() / 10.0 >= pass,
        answered: answers.len(),
        planned: attempt.result.questions_planned.max(answers.len()),
    }
}

fn score_summary(students: &[StudentRow]) -> ScoreSummary {
    let percents: Vec<f64> = students.iter().map(|s| s.percent).collect();
    ScoreSummary {
        students: students.len(),
        mean: stats::mean(&percents).unwrap_or(0.0),
        median: stats::median(&percents).unwrap_or(0.0),
        standard_deviation: stats::standard_deviation(&percents).unwrap_or(0.0),
        lowest: percents.iter().copied().fold(f64::NAN, f64::min),
        highest: percents.iter().copied().fold(f64::NAN, f64::max),
        passed: students.iter().filter(|s| s.passed).count(),
    }
}

fn histogram(students: &[StudentRow]) -> [usize; 10] {
    let mut bins = [0; 10];
    for student in students {
        let bin = (student.percent.clamp(0.0, 100.0) / 10.0).floor() as usize;
        bins[bin.min(9)] += 1;
    }
    bins
}

/// Class accuracy per tag, weakest first: the topics to re-teach lead.
fn tags(attempts: &[Attempt]) -> Vec<TagStats> {
    let mut by_tag: BTreeMap<&str, TagStats> = BTreeMap::new();
    for answer in attempts.iter().flat_map(|a| &a.result.answers) {
        for tag in &answer.tags {
            let entry = by_tag.entry(tag).or_insert_with(|| TagStats {
                tag: tag.clone(),
                earned: 0.0,
                max: 0.0,
                answers: 0,
            });
            entry.earned += answer.points;
            entry.max += answer.max_points;
            entry.answers += 1;
        }
    }
    let mut tags: Vec<TagStats> = by_tag.into_values().collect();
    tags.sort_by(|a, b| a.percent().total_cmp(&b.percent()).then(a.tag.cmp(&b.tag)));
    tags
}

/// Everything answered to one question across the class.
#[derive(Default)]
struct Gathered<'a> {
    scores: Vec<ItemScore>,
    answers: Vec<&'a AnswerEntry>,
    hashes: BTreeSet<&'a str>,
}

fn items(attempts: &[Attempt], banks: &[Bank], notes: &mut Vec<Note>) -> Vec<ItemStats> {
    let mut gathered: BTreeMap<(&str, &str), Gathered> = BTreeMap::new();
    for attempt in attempts {
        let answers = &attempt.result.answers;
        let earned: f64 = answers.iter().map(|a| a.points).sum();
        let max: f64 = answers.iter().map(|a| a.max_points).sum();
        for answer in answers {
            let item = gathered
                .entry((&answer.bank, &answer.question))
                .or_default();
            item.scores.push(item_score(answer, earned, max));
            item.answers.push(answer);
            item.hashes.extend(answer.question_hash.as_deref());
        }
    }
    note_missing_banks(&gathered, banks, notes);
    // Bank order where the bank is loaded, so Q1, Q2, … follow the author's numbering.
    let mut keyed: Vec<((&str, usize, &str), ItemStats)> = gathered
        .into_iter()
        .map(|((bank_id, question_id), item)| {
            let question = find_question(banks, bank_id, question_id);
            let position = question.map_or(usize::MAX, |(_, position, _)| position);
            let named = named_by_bank(question, &item, notes);
            let stats = item_stats(bank_id, question_id, &item, named);
            ((bank_id, position, question_id), stats)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut items: Vec<ItemStats> = keyed.into_iter().map(|(_, stats)| stats).collect();
    for (i, item) in items.iter_mut().enumerate() {
        item.number = i + 1;
        if item.flags.contains(&Flag::MixedVersions) {
            notes.push(Note::QuestionChanged {
                bank: item.bank.clone(),
                question: item.question.clone(),
            });
        }
    }
    items
}

/// The score on the question and on the rest of this student's test, as fractions; the rest is
/// a fraction so that students with different numbers of questions still compare.
fn item_score(answer: &AnswerEntry, earned: f64, max: f64) -> ItemScore {
    let rest_max = max - answer.max_points;
    ItemScore {
        item: answer.grade().fraction(),
        rest: (rest_max > 1e-9).then(|| (earned - answer.points) / rest_max),
    }
}

fn right(answer: &AnswerEntry) -> bool {
    answer.grade().verdict() == Verdict::Right
}

fn find_question<'b>(
    banks: &'b [Bank],
    bank_id: &str,
    question_id: &str,
) -> Option<(&'b Bank, usize, &'b Question)> {
    let bank = banks.iter().find(|b| b.id == bank_id)?;
    let (position, question) = bank
        .questions
        .iter()
        .enumerate()
        .find(|(_, q)| q.id == question_id)?;
    Some((bank, position, question))
}

fn note_missing_banks(
    gathered: &BTreeMap<(&str, &str), Gathered>,
    banks: &[Bank],
    notes: &mut Vec<Note>,
) {
    let used: BTreeSet<&str> = gathered.keys().map(|(bank, _)| *bank).collect();
    for bank in used {
        if !banks.iter().any(|b| b.id == bank) {
            notes.push(Note::BankNotLoaded { bank: bank.into() });
        }
    }
}

/// The bank's question, if it is the one that was answered: same content hash, or no hash to
/// compare (results written before hashes were recorded).
fn named_by_bank<'b>(
    found: Option<(&'b Bank, usize, &'b Question)>,
    item: &Gathered,
    notes: &mut Vec<Note>,
) -> Option<&'b Question> {
    let (bank, _, question) = found?;
    let hash = question_hash(bank, question);
    if item.hashes.iter().all(|h| *h == hash) {
        return Some(question);
    }
    notes.push(Note::BankDiffers {
        bank: bank.id.clone(),
        question: question.id.clone(),
    });
    None
}

fn item_stats(bank: &str, question: &str, item: &Gathered, named: Option<&Question>) -> ItemStats {
    let facility = stats::facility(&item.scores);
    let discrimination = stats::discrimination(&item.scores);
    let mut flags = Vec::new();
    match facility {
        Some(f) if f >= VERY_EASY => flags.push(Flag::VeryEasy),
        Some(f) if f <= VERY_HARD => flags.push(Flag::VeryHard),
        _ => {}
    }
    match discrimination {
        Some(d) if d < 0.0 => flags.push(Flag::NegativeDiscrimination),
        Some(d) if d < WEAK_DISCRIMINATION => flags.push(Flag::WeakDiscrimination),
        _ => {}
    }
    if item.hashes.len() > 1 {
        flags.push(Flag::MixedVersions);
    }
    ItemStats {
        number: 0,
        bank: bank.into(),
        question: question.into(),
        kind: item.answers[0].kind.clone(),
        prompt: named.map(|q| q.prompt.trim().to_owned()),
        answers: item.answers.len(),
        facility,
        discrimination,
        options: options(&item.answers, named),
        top_wrong: top_wrong(&item.answers),
        flags,
    }
}

/// How often each choice was picked (or, for free answers, each distinct answer given).
fn options(answers: &[&AnswerEntry], named: Option<&Question>) -> Vec<OptionCount> {
    match (&answers[0].response, named.map(|q| &q.key)) {
        (
            Response::Choice(_) | Response::Choices(_),
            Some(AnswerKey::Single { choices } | AnswerKey::Multiple { choices }),
        ) => {
            let picks = choice_picks(answers);
            choices
                .iter()
                .enumerate()
                .map(|(i, c)| OptionCount {
                    label: format!("{}) {}", letter(i), c.text),
                    count: picks.get(&i).map_or(0, |p| p.count),
                    correct: Some(c.correct),
                })
                .collect()
        }
        (Response::Choice(_) | Response::Choices(_), _) => choice_picks(answers)
            .into_iter()
            .map(|(i, p)| OptionCount {
                label: p
                    .label
                    .map_or_else(|| letter(i), |l| format!("{}) {l}", letter(i))),
                count: p.count,
                correct: p.correct,
            })
            .collect(),
        (Response::Bool(_), _) => true_false(answers, named),
        _ => free_answers(answers),
    }
}

struct Picks {
    count: usize,
    /// The choice's text, known from single-choice answers (the answer text is the choice).
    label: Option<String>,
    /// Known from the points of single-choice answers; unknown for a multiple-choice option.
    correct: Option<bool>,
}

fn choice_picks(answers: &[&AnswerEntry]) -> BTreeMap<usize, Picks> {
    let mut picks: BTreeMap<usize, Picks> = BTreeMap::new();
    for answer in answers {
        let (picked, single): (Vec<usize>, bool) = match &answer.response {
            Response::Choice(i) => (vec![*i], true),
            Response::Choices(all) => (all.clone(), false),
            _ => continue,
        };
        for i in picked {
            let entry = picks.entry(i).or_insert(Picks {
                count: 0,
                label: single.then(|| answer.answer_text.clone()),
                correct: single.then(|| right(answer)),
            });
            entry.count += 1;
        }
    }
    picks
}

fn true_false(answers: &[&AnswerEntry], named: Option<&Question>) -> Vec<OptionCount> {
    let key = match named.map(|q| &q.key) {
        Some(AnswerKey::TrueFalse { answer }) => Some(*answer),
        _ => None,
    };
    [true, false]
        .into_iter()
        .map(|value| {
            let given: Vec<&&AnswerEntry> = answers
                .iter()
                .filter(|a| a.response == Response::Bool(value))
                .collect();
            let inferred = given.first().map(|a| right(a));
            OptionCount {
                label: value.to_string(),
                count: given.len(),
                correct: key.map(|k| k == value).or(inferred),
            }
        })
        .collect()
}

/// Distinct answers, most given first; short answers that differ only in case or accents are one.
fn free_answers(answers: &[&AnswerEntry]) -> Vec<OptionCount> {
    let mut groups: BTreeMap<String, OptionCount> = BTreeMap::new();
    for answer in answers {
        let group = groups
            .entry(response_key(&answer.response))
            .or_insert_with(|| OptionCount {
                label: answer.answer_text.clone(),
                count: 0,
                correct: Some(right(answer)),
            });
        group.count += 1;
    }
    let mut listed: Vec<OptionCount> = groups.into_values().collect();
    listed.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    if listed.len() > LISTED_ANSWERS {
        let rest: Vec<OptionCount> = listed.split_off(LISTED_ANSWERS - 1);
        let count: usize = rest.iter().map(|o| o.count).sum();
        listed.push(OptionCount {
            label: format!("({} other answer{})", rest.len(), plural_s(rest.len())),
            count,
            correct: None,
        });
    }
    listed
}

/// Responses that mean the same answer get the same key.
fn response_key(response: &Response) -> String {
    let join = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    match response {
        Response::Choice(i) => format!("choice {i}"),
        Response::Choices(all) => {
            let mut sorted = all.clone();
            sorted.sort_unstable();
            sorted.dedup();
            format!("choices {}", join(&sorted))
        }
        Response::Bool(b) => format!("bool {b}"),
        Response::Text(t) => format!("text {}", normalize_text(t)),
        Response::Number(n) => format!("number {n:?}"),
        Response::Order(v) => format!("order {}", join(v)),
        Response::Match(v) => format!("match {}", join(v)),
    }
}

/// The wrong answer given most often: a shared misconception, or a wrong key.
fn top_wrong(answers: &[&AnswerEntry]) -> Option<(String, usize)> {
    let mut wrong: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for answer in answers.iter().filter(|a| !right(a)) {
        let label = match &answer.response {
            Response::Choice(i) => format!("{}) {}", letter(*i), answer.answer_text),
            _ => answer.answer_text.clone(),
        };
        wrong
            .entry(response_key(&answer.response))
            .or_insert((label, 0))
            .1 += 1;
    }
    wrong
        .into_values()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}
