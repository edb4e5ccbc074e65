//! From a class's results to the report: students, scores, item statistics and topics.

use std::collections::{BTreeMap, BTreeSet};

use super::Note;
use super::certainty::{Certainty, certainty};
use super::flow::{self, ScenarioFlow};
use super::ingest::{Attempt, Class, student_key};
use super::stats::{self, ItemScore};
use super::walks;
use crate::bank::fingerprint::question_hash;
use crate::bank::{AnswerKey, Bank, Question};
use crate::engine::describe::key_text;
use crate::engine::{Response, Verdict};
use crate::results::{AnswerEntry, AskedQuestion, HowItEnded, WalkEntry};
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
    /// The class's way through each branching scenario walked.
    pub scenarios: Vec<ScenarioFlow>,
    pub notes: Vec<Note>,
    /// The attempts behind the rows, in the same order, for the per-answer CSV.
    pub attempts: Vec<Attempt>,
    /// When students said how sure they were: their certainty-based marks and calibration.
    pub certainty: Option<Certainty>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StudentRow {
    pub name: String,
    pub file: String,
    pub earned: f64,
    /// The points of every question that counts for the student, answered or not.
    pub max: f64,
    pub percent: f64,
    pub seconds: f64,
    pub passed: bool,
    /// Questions answered, and walks of branching scenarios taken to an ending.
    pub answered: usize,
    /// The questions that count for the student, and the branching scenarios they walked.
    pub planned: usize,
    pub ending: HowItEnded,
    /// The question the student joined a live class at, if late (1-based).
    pub joined_at: Option<usize>,
    /// Questions left out for the student (`--excuse-late`).
    pub excused: usize,
    /// The branching scenarios walked, as the report counts them (see `walks`).
    pub walks: Vec<WalkEntry>,
}

impl StudentRow {
    /// How the student's quiz went, in a few words: "finished", "joined at Q3 · time up".
    pub(crate) fn ended(&self) -> String {
        match self.joined_at {
            Some(joined) => format!("joined at Q{joined} · {}", self.ending.short()),
            None => self.ending.short().to_owned(),
        }
    }
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
    /// Q1, Q2, … in the order asked (in bank order for older results files).
    pub number: usize,
    pub bank: String,
    pub question: String,
    pub kind: String,
    /// As asked, or from the loaded bank; `None` when neither records it.
    pub prompt: Option<String>,
    /// The title of the scenario the question belongs to.
    pub scenario: Option<String>,
    /// The right answer in words, when known.
    pub key: Option<String>,
    /// Students the question counted for; those who did not answer it scored 0 on it.
    pub asked: usize,
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

/// What counts for one student: each question with its answer, if any.
struct Sheet<'a> {
    counted: Vec<Counted<'a>>,
    /// Older files do not record the questions not answered: how many, and their points.
    unrecorded: usize,
    unrecorded_max: f64,
    excused: usize,
    /// The branching scenarios walked: each counts its points out of its best path's.
    walks: &'a [WalkEntry],
}

struct Counted<'a> {
    bank: &'a str,
    question: &'a str,
    max: f64,
    tags: &'a [String],
    answer: Option<&'a AnswerEntry>,
}

impl Sheet<'_> {
    fn earned(&self) -> f64 {
        self.counted
            .iter()
            .filter_map(|c| c.answer)
            .map(|a| a.points)
            .sum::<f64>()
            + self.walks.iter().map(|w| w.score).sum::<f64>()
    }

    fn max(&self) -> f64 {
        self.counted.iter().map(|c| c.max).sum::<f64>()
            + self.unrecorded_max
            + self.walks.iter().map(|w| w.best_score).sum::<f64>()
    }

    fn answered_questions(&self) -> usize {
        self.counted.iter().filter(|c| c.answer.is_some()).count()
    }

    /// The questions that count, answered or not.
    fn questions(&self) -> usize {
        self.counted.len() + self.unrecorded
    }

    /// The walks that reached an ending.
    fn ended_walks(&self) -> usize {
        self.walks.iter().filter(|w| w.ending.is_some()).count()
    }

    /// The time spent on each answer and each decision.
    fn seconds(&self) -> f64 {
        let answers = self.counted.iter().filter_map(|c| c.answer);
        let decisions = self.walks.iter().flat_map(|w| &w.path);
        answers.map(|a| a.seconds.max(0.0)).sum::<f64>()
            + decisions.map(|d| d.seconds.max(0.0)).sum::<f64>()
    }
}

/// Every question planned for the student counts, answered or not; with `excuse_late`, those
/// before a late joiner joined do not. Files that do not record their questions count the
/// ones not answered at the mean points of those answered.
fn sheet<'a>(attempt: &'a Attempt, excuse_late: bool, walks: &'a [WalkEntry]) -> Sheet<'a> {
    let result = &attempt.result;
    if result.asked.is_empty() {
        let counted: Vec<Counted> = result
            .answers
            .iter()
            .map(|a| Counted {
                bank: &a.bank,
                question: &a.question,
                max: a.max_points,
                tags: &a.tags,
                answer: Some(a),
            })
            .collect();
        let unrecorded = result.questions_planned.saturating_sub(counted.len());
        return Sheet {
            unrecorded,
            unrecorded_max: unrecorded as f64 * points_each(result),
            counted,
            excused: 0,
            walks,
        };
    }
    let excused = match result.joined_at {
        Some(joined) if excuse_late => joined - 1,
        _ => 0,
    };
    let counted = result
        .asked
        .iter()
        .skip(excused)
        .map(|q| Counted {
            bank: &q.bank,
            question: &q.question,
            max: q.points,
            tags: &q.tags,
            answer: result
                .answers
                .iter()
                .find(|a| a.bank == q.bank && a.question == q.question),
        })
        .collect();
    Sheet {
        counted,
        unrecorded: 0,
        unrecorded_max: 0.0,
        excused,
        walks,
    }
}

/// What a question not recorded is taken to be worth: the mean of those answered, or 1.
fn points_each(result: &crate::results::ResultFile) -> f64 {
    let answers = &result.answers;
    if answers.is_empty() {
        1.0
    } else {
        answers.iter().map(|a| a.max_points).sum::<f64>() / answers.len() as f64
    }
}

/// Builds the report. `banks` name the choices of results that do not record them; results of
/// banks not given still count. With `excuse_late`, the questions before a late joiner joined
/// are left out for them.
pub(crate) fn analyse(class: Class, banks: &[Bank], pass: f64, excuse_late: bool) -> Report {
    let mut attempts = class.attempts;
    attempts.sort_by_cached_key(|a| (student_key(&a.name), a.file.clone()));
    let mut notes = class.notes;
    let walks = walks::count(&attempts, banks, &mut notes);
    let sheets: Vec<Sheet> = attempts
        .iter()
        .zip(&walks)
        .map(|(a, walks)| sheet(a, excuse_late, walks))
        .collect();
    let students: Vec<StudentRow> = attempts
        .iter()
        .zip(&sheets)
        .map(|(a, sheet)| student_row(a, sheet, pass, &mut notes))
        .collect();
    let items = items(&attempts, &sheets, banks, &mut notes);
    let tags = tags(&sheets);
    let scenarios = flow::flows(&students, banks);
    let certainty = certainty(&attempts);
    Report {
        pass,
        scores: score_summary(&students),
        histogram: histogram(&students),
        items,
        tags,
        scenarios,
        students,
        notes,
        attempts,
        certainty,
    }
}

fn student_row(attempt: &Attempt, sheet: &Sheet, pass: f64, notes: &mut Vec<Note>) -> StudentRow {
    let result = &attempt.result;
    let earned = sheet.earned();
    let max = sheet.max();
    let percent = if max > 0.0 { 100.0 * earned / max } else { 0.0 };
    let row = StudentRow {
        name: attempt.name.clone(),
        file: attempt.file.display().to_string(),
        earned,
        max,
        percent,
        seconds: sheet.seconds(),
        // Compared after rounding to what the table shows, so "60%" never fails a 60% mark.
        passed: (percent * 10.0).round() / 10.0 >= pass,
        answered: sheet.answered_questions() + sheet.ended_walks(),
        planned: sheet.questions() + sheet.walks.len(),
        ending: result.ending,
        joined_at: result.joined_at,
        excused: sheet.excused,
        walks: sheet.walks.to_vec(),
    };
    if row.ending != HowItEnded::Finished || row.answered < row.planned || row.joined_at.is_some() {
        notes.push(Note::Ended {
            name: row.name.clone(),
            ending: row.ending,
            answered: sheet.answered_questions(),
            counted: sheet.questions(),
            walks_ended: sheet.ended_walks(),
            walks: sheet.walks.len(),
            joined_at: row.joined_at,
            excused: row.excused > 0,
        });
    }
    if sheet.unrecorded > 0 {
        notes.push(Note::UnrecordedQuestions {
            name: row.name.clone(),
            unanswered: sheet.unrecorded,
            points_each: points_each(result),
        });
    }
    row
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

/// Class accuracy per tag, weakest first: the topics to re-teach lead. A question not answered
/// counts 0 of its points here too.
fn tags(sheets: &[Sheet]) -> Vec<TagStats> {
    let mut by_tag: BTreeMap<&str, TagStats> = BTreeMap::new();
    for counted in sheets.iter().flat_map(|s| &s.counted) {
        for tag in counted.tags {
            let entry = by_tag.entry(tag).or_insert_with(|| TagStats {
                tag: tag.clone(),
                earned: 0.0,
                max: 0.0,
                answers: 0,
            });
            entry.earned += counted.answer.map_or(0.0, |a| a.points);
            entry.max += counted.max;
            entry.answers += usize::from(counted.answer.is_some());
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

/// What is known of a question besides its answers: from the results files that record it as
/// asked, else from the loaded bank.
struct Known {
    kind: Option<String>,
    prompt: Option<String>,
    scenario: Option<String>,
    key: Option<String>,
    /// Choice texts and whether each is right, in the author's order.
    choices: Option<Vec<(String, bool)>>,
    /// The answer of a true/false question.
    truth: Option<bool>,
}

impl Known {
    fn asked(q: &AskedQuestion) -> Self {
        Known {
            kind: Some(q.kind.clone()),
            prompt: Some(q.prompt.clone()),
            scenario: q.scenario.clone(),
            key: Some(q.key.clone()),
            choices: q.has_choices().then(|| {
                q.choices
                    .iter()
                    .map(|c| (c.text.clone(), c.correct))
                    .collect()
            }),
            truth: (q.kind == "true_false").then(|| q.key == "true"),
        }
    }

    fn bank(bank: &Bank, question: &Question) -> Self {
        Known {
            kind: Some(question.kind().name().to_owned()),
            prompt: Some(question.prompt.trim().to_owned()),
            scenario: question
                .scenario
                .as_deref()
                .and_then(|id| bank.scenario(id))
                .map(|s| s.title.clone()),
            key: Some(key_text(question)),
            choices: match &question.key {
                AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => Some(
                    choices
                        .iter()
                        .map(|c| (c.text.clone(), c.correct))
                        .collect(),
                ),
                _ => None,
            },
            truth: match &question.key {
                AnswerKey::TrueFalse { answer } => Some(*answer),
                _ => None,
            },
        }
    }

    fn nothing() -> Self {
        Known {
            kind: None,
            prompt: None,
            scenario: None,
            key: None,
            choices: None,
            truth: None,
        }
    }
}

fn items(
    attempts: &[Attempt],
    sheets: &[Sheet],
    banks: &[Bank],
    notes: &mut Vec<Note>,
) -> Vec<ItemStats> {
    let mut gathered: BTreeMap<(&str, &str), Gathered> = BTreeMap::new();
    for sheet in sheets {
        let (earned, max) = (sheet.earned(), sheet.max());
        for counted in &sheet.counted {
            let item = gathered
                .entry((counted.bank, counted.question))
                .or_default();
            item.scores.push(item_score(counted, earned, max));
            if let Some(answer) = counted.answer {
                item.answers.push(answer);
                item.hashes.extend(answer.question_hash.as_deref());
            }
        }
    }
    let asked = asked_questions(attempts);
    note_missing_banks(&gathered, &asked, banks, notes);
    let order = asked_order(attempts);
    let mut keyed: Vec<(ItemPlace, ItemStats)> = gathered
        .into_iter()
        .map(|((bank_id, question_id), item)| {
            let found = find_question(banks, bank_id, question_id);
            let position = found.map_or(usize::MAX, |(_, position, _)| position);
            let known = match asked.get(&(bank_id, question_id)) {
                Some(q) => Known::asked(q),
                None => named_by_bank(found, &item, notes),
            };
            let stats = item_stats(bank_id, question_id, &item, &known);
            let asked_at = order
                .get(&(bank_id, question_id))
                .copied()
                .unwrap_or(usize::MAX);
            ((asked_at, bank_id, position, question_id), stats)
        })
        .collect();
    // The order asked; where it is not recorded, bank order, as the author numbered them.
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

/// Where a question comes in the report: its place in the order asked, then its bank, its place
/// in the bank and its id.
type ItemPlace<'a> = (usize, &'a str, usize, &'a str);

/// The questions as the results files record them, each from the first file that does.
fn asked_questions(attempts: &[Attempt]) -> BTreeMap<(&str, &str), &AskedQuestion> {
    let mut asked = BTreeMap::new();
    for q in attempts.iter().flat_map(|a| &a.result.asked) {
        asked
            .entry((q.bank.as_str(), q.question.as_str()))
            .or_insert(q);
    }
    asked
}

/// Each question's place in the order the class was asked them, from the first results file
/// that records it (files with an order of each student's own have none in common).
fn asked_order(attempts: &[Attempt]) -> BTreeMap<(&str, &str), usize> {
    attempts
        .iter()
        .map(|a| &a.result)
        .find(|r| !r.asked.is_empty() && !r.shuffle_per_student)
        .map(|r| {
            r.asked
                .iter()
                .enumerate()
                .map(|(at, q)| ((q.bank.as_str(), q.question.as_str()), at))
                .collect()
        })
        .unwrap_or_default()
}

/// The score on the question and on the rest of this student's test, as fractions; the rest is
/// a fraction so that students with different numbers of questions still compare.
fn item_score(counted: &Counted, earned: f64, max: f64) -> ItemScore {
    let rest_max = max - counted.max;
    let points = counted.answer.map_or(0.0, |a| a.points);
    ItemScore {
        item: counted.answer.map_or(0.0, |a| a.grade().fraction()),
        rest: (rest_max > 1e-9).then(|| (earned - points) / rest_max),
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

/// Banks that name the choices of questions no results file records and that are not loaded.
fn note_missing_banks(
    gathered: &BTreeMap<(&str, &str), Gathered>,
    asked: &BTreeMap<(&str, &str), &AskedQuestion>,
    banks: &[Bank],
    notes: &mut Vec<Note>,
) {
    let used: BTreeSet<&str> = gathered
        .keys()
        .filter(|key| !asked.contains_key(key))
        .map(|(bank, _)| *bank)
        .collect();
    for bank in used {
        if !banks.iter().any(|b| b.id == bank) {
            notes.push(Note::BankNotLoaded { bank: bank.into() });
        }
    }
}

/// The bank's question, if it is the one that was answered: same content hash, or no hash to
/// compare (results written before hashes were recorded).
fn named_by_bank(
    found: Option<(&Bank, usize, &Question)>,
    item: &Gathered,
    notes: &mut Vec<Note>,
) -> Known {
    let Some((bank, _, question)) = found else {
        return Known::nothing();
    };
    let hash = question_hash(bank, question);
    if item.hashes.iter().all(|h| *h == hash) {
        return Known::bank(bank, question);
    }
    notes.push(Note::BankDiffers {
        bank: bank.id.clone(),
        question: question.id.clone(),
    });
    Known::nothing()
}

fn item_stats(bank: &str, question: &str, item: &Gathered, known: &Known) -> ItemStats {
    let facility = stats::facility(&item.scores);
    let discrimination = stats::discrimination(&item.scores);
    let mut flags = Vec::new();
    // A question no one answered (the class stopped before it) says nothing about itself.
    match facility.filter(|_| !item.answers.is_empty()) {
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
    let kind = known
        .kind
        .clone()
        .or_else(|| item.answers.first().map(|a| a.kind.clone()))
        .unwrap_or_default();
    ItemStats {
        number: 0,
        bank: bank.into(),
        question: question.into(),
        kind,
        prompt: known.prompt.clone(),
        scenario: known.scenario.clone(),
        key: known.key.clone(),
        asked: item.scores.len(),
        answers: item.answers.len(),
        facility,
        discrimination,
        options: options(&item.answers, known),
        top_wrong: top_wrong(&item.answers),
        flags,
    }
}

/// How often each choice was picked (or, for free answers, each distinct answer given).
fn options(answers: &[&AnswerEntry], known: &Known) -> Vec<OptionCount> {
    if let Some(choices) = &known.choices {
        let picks = choice_picks(answers);
        return choices
            .iter()
            .enumerate()
            .map(|(i, (text, correct))| OptionCount {
                label: format!("{}) {text}", letter(i)),
                count: picks.get(&i).map_or(0, |p| p.count),
                correct: Some(*correct),
            })
            .collect();
    }
    if known.truth.is_some() {
        return true_false(answers, known.truth);
    }
    let Some(first) = answers.first() else {
        return Vec::new();
    };
    match &first.response {
        Response::Choice(_) | Response::Choices(_) => choice_picks(answers)
            .into_iter()
            .map(|(i, p)| OptionCount {
                label: p
                    .label
                    .map_or_else(|| letter(i), |l| format!("{}) {l}", letter(i))),
                count: p.count,
                correct: p.correct,
            })
            .collect(),
        Response::Bool(_) => true_false(answers, None),
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

fn true_false(answers: &[&AnswerEntry], key: Option<bool>) -> Vec<OptionCount> {
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
