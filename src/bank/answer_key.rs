//! Checks the kind-specific answer fields of a question and builds its [`AnswerKey`].

use serde_saphyr::{Location, Spanned};

use super::diagnostic::Diagnostic;
use super::format::{RawChoice, RawPair, RawQuestion, Scalar};
use super::model::{AnswerKey, Choice, Kind, Pair, Scoring, Tolerance};
use super::validate::{Checker, closest, line_col};

/// The right sides of a match are answered by letter, a to z.
const MAX_PAIRS: usize = 26;

/// Which answer fields each kind reads; any other answer field on a question is a mistake.
const ANSWER_FIELDS: [(&str, &[Kind]); 8] = [
    ("choices", &[Kind::Single, Kind::Multiple]),
    ("answer", &[Kind::TrueFalse, Kind::Numeric]),
    ("accept", &[Kind::Short]),
    ("accept_exact", &[Kind::Short]),
    ("tolerance", &[Kind::Numeric]),
    ("unit", &[Kind::Numeric]),
    ("items", &[Kind::Order]),
    ("pairs", &[Kind::Match]),
];

/// Where each answer field of `ANSWER_FIELDS` is written, if it is.
fn present_fields(q: &RawQuestion) -> [Option<&Location>; 8] {
    [
        q.choices.as_ref().map(|f| &f.referenced),
        q.answer.as_ref().map(|f| &f.referenced),
        q.accept.as_ref().map(|f| &f.referenced),
        q.accept_exact.as_ref().map(|f| &f.referenced),
        q.tolerance.as_ref().map(|f| &f.referenced),
        q.unit.as_ref().map(|f| &f.referenced),
        q.items.as_ref().map(|f| &f.referenced),
        q.pairs.as_ref().map(|f| &f.referenced),
    ]
}

/// The field that holds the answer of a question of `kind`.
pub(super) fn own_answer_field(kind: Kind) -> Option<&'static str> {
    ANSWER_FIELDS
        .iter()
        .find(|(_, kinds)| kinds == &[kind])
        .or_else(|| {
            ANSWER_FIELDS
                .iter()
                .find(|(_, kinds)| kinds.contains(&kind))
        })
        .map(|(field, _)| *field)
}

/// The hint for an unknown field `field` in a question of `kind` when it looks like the answer
/// field of another kind (`answers` in a `short` question): the field this kind uses instead.
pub(super) fn answer_field_hint(field: &str, kind: Kind) -> Option<String> {
    let near = closest(field, ANSWER_FIELDS.iter().map(|(name, _)| *name))?;
    let (_, kinds) = ANSWER_FIELDS.iter().find(|(name, _)| *name == near)?;
    if kinds.contains(&kind) {
        return None;
    }
    let own = own_answer_field(kind)?;
    Some(format!(
        "did you mean `{own}`? `{kind}` questions take their answer in `{own}:`"
    ))
}

/// What YAML reads as a boolean, written as text: y, yes, true, on and n, no, false, off, in any
/// letter case.
fn yes_or_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "on" => Some(true),
        "n" | "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// Lower-cased text with spaces folded, for spotting duplicates.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Checker<'_> {
    pub(super) fn answer_key(
        &mut self,
        q: &RawQuestion,
        at: &Location,
        qid: Option<&str>,
        default_scoring: Scoring,
    ) -> Option<AnswerKey> {
        let names: Vec<String> = Kind::ALL.iter().map(|k| k.name().to_owned()).collect();
        let Some(kind_field) = &q.kind else {
            self.report(
                at,
                qid,
                "question has no `kind`".into(),
                format!("add `kind:` with one of: {}", names.join(", ")),
            );
            return None;
        };
        let Some(kind) = Kind::from_name(&kind_field.value) else {
            let hint = match closest(&kind_field.value, names.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the kinds are: {}", names.join(", ")),
            };
            self.report(
                &kind_field.referenced,
                qid,
                format!("unknown question kind `{}`", kind_field.value),
                hint,
            );
            return None;
        };
        let mut misplaced = false;
        for ((field, kinds), written_at) in ANSWER_FIELDS.iter().zip(present_fields(q)) {
            let Some(written_at) = written_at else {
                continue;
            };
            if !kinds.contains(&kind) {
                let owners: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                let mut help = format!(
                    "`{field}` belongs to {}; remove it or change `kind`",
                    owners.join(" and ")
                );
                if let Some(own) = own_answer_field(kind) {
                    help.push_str(&format!(" (`{kind}` questions take `{own}`)"));
                }
                let (line, column) = self.key_of(field, written_at);
                self.problems.push(
                    Diagnostic::error(
                        self.file,
                        line,
                        column,
                        format!("`{field}` is not used by `{kind}` questions"),
                    )
                    .in_question(qid)
                    .help(help),
                );
                misplaced = true;
            }
        }
        let key = match kind {
            Kind::Single | Kind::Multiple => self.choices(q, at, qid, kind, default_scoring),
            Kind::TrueFalse => self.true_false(q, at, qid),
            Kind::Short => self.short(q, at, qid),
            Kind::Numeric => self.numeric(q, at, qid),
            Kind::Order => self.order(q, at, qid),
            Kind::Match => self.pairs(q, at, qid),
        };
        if misplaced { None } else { key }
    }

    fn missing(
        &mut self,
        at: &Location,
        qid: Option<&str>,
        kind: Kind,
        field: &str,
        example: &str,
    ) {
        self.report(
            at,
            qid,
            format!("`{kind}` question has no `{field}`"),
            format!("add `{field}:`, e.g. {example}"),
        );
    }

    fn choices(
        &mut self,
        q: &RawQuestion,
        at: &Location,
        qid: Option<&str>,
        kind: Kind,
        default_scoring: Scoring,
    ) -> Option<AnswerKey> {
        let scoring = self.scoring(q.scoring.as_ref(), qid);
        if kind != Kind::Multiple
            && let Some(written) = &q.scoring
        {
            self.report(
                &written.referenced,
                qid,
                format!("`scoring` is not used by `{kind}` questions"),
                "only `multiple` questions add up ticked choices; remove `scoring:`".into(),
            );
        }
        let scoring = scoring.unwrap_or(default_scoring);
        let Some(Spanned {
            value: raw,
            referenced: list_at,
            ..
        }) = &q.choices
        else {
            self.missing(
                at,
                qid,
                kind,
                "choices",
                "`- text: ...` items, one with `correct: true`",
            );
            return None;
        };
        let before = self.problems.len();
        if raw.len() < 2 {
            self.report(
                list_at,
                qid,
                format!(
                    "`choices` has {} choice(s); a question needs at least 2",
                    raw.len()
                ),
                "add plausible wrong choices, each with a `why`".into(),
            );
        }
        let mut seen: Vec<String> = Vec::new();
        for choice in raw {
            let text = folded(&choice.value.text);
            if text.is_empty() {
                self.report(
                    &choice.referenced,
                    qid,
                    "a choice has empty `text`".into(),
                    "write the choice's text or remove it".into(),
                );
            } else if seen.contains(&text) {
                self.report(
                    &choice.referenced,
                    qid,
                    format!("choice `{}` appears twice", choice.value.text.trim()),
                    "every choice of a question needs different text".into(),
                );
            }
            seen.push(text);
        }
        let correct = raw.iter().filter(|c| c.value.correct).count();
        match (kind, correct) {
            _ if raw.is_empty() => {}
            (_, 0) => self.report(
                list_at,
                qid,
                "no choice is marked `correct: true`".into(),
                "mark the right choice with `correct: true`".into(),
            ),
            (Kind::Single, n) if n > 1 => self.report(
                list_at,
                qid,
                format!("{n} choices are marked correct in a `single` question"),
                "a `single` question has exactly one correct choice; use `kind: multiple` for several".into(),
            ),
            _ => {}
        }
        let scoring = if kind == Kind::Multiple {
            scoring
        } else {
            Scoring::RightMinusWrong
        };
        self.weights(raw, qid, scoring);
        if self.problems.len() > before {
            return None;
        }
        let choices: Vec<Choice> = raw.iter().map(|c| to_choice(&c.value)).collect();
        Some(if kind == Kind::Single {
            AnswerKey::Single { choices }
        } else {
            AnswerKey::Multiple { choices, scoring }
        })
    }

    fn true_false(
        &mut self,
        q: &RawQuestion,
        at: &Location,
        qid: Option<&str>,
    ) -> Option<AnswerKey> {
        match &q.answer {
            Some(Spanned {
                value: Scalar::Bool(answer),
                ..
            }) => Some(AnswerKey::TrueFalse { answer: *answer }),
            // Quoted, it is text; every other yes-or-no field of a bank reads it all the same.
            Some(Spanned {
                value: Scalar::Text(text),
                ..
            }) if yes_or_no(text).is_some() => Some(AnswerKey::TrueFalse {
                answer: yes_or_no(text)?,
            }),
            Some(other) => {
                self.report(
                    &other.referenced,
                    qid,
                    "the `answer` of a `true_false` question must be true or false".into(),
                    "write `answer: true` or `answer: false`".into(),
                );
                None
            }
            None => {
                self.missing(at, qid, Kind::TrueFalse, "answer", "`answer: true`");
                None
            }
        }
    }

    fn short(&mut self, q: &RawQuestion, at: &Location, qid: Option<&str>) -> Option<AnswerKey> {
        let Some(accept) = &q.accept else {
            self.missing(
                at,
                qid,
                Kind::Short,
                "accept",
                "`accept: [Kursk, Kursk region]`",
            );
            return None;
        };
        if accept.value.iter().all(|a| a.trim().is_empty()) {
            self.report(
                &accept.referenced,
                qid,
                "`accept` lists no answer".into(),
                "list every spelling you accept, e.g. `accept: [Kursk, Kursk region]`".into(),
            );
            return None;
        }
        Some(AnswerKey::Short {
            accept: accept
                .value
                .iter()
                .filter(|a| !a.trim().is_empty())
                .cloned()
                .collect(),
            exact: q.accept_exact.as_ref().is_some_and(|e| e.value),
        })
    }

    fn numeric(&mut self, q: &RawQuestion, at: &Location, qid: Option<&str>) -> Option<AnswerKey> {
        let answer = match &q.answer {
            Some(Spanned {
                value: Scalar::Number(n),
                ..
            }) if n.is_finite() => Some(*n),
            Some(other) => {
                self.report(
                    &other.referenced,
                    qid,
                    "the `answer` of a `numeric` question must be a number".into(),
                    "write a plain number such as `answer: 15000` (no quotes, no separators)"
                        .into(),
                );
                None
            }
            None => {
                self.missing(at, qid, Kind::Numeric, "answer", "`answer: 15000`");
                None
            }
        };
        let tolerance = match &q.tolerance {
            None => Some(Tolerance::Absolute(0.0)),
            Some(t) => self.tolerance(t, qid),
        };
        Some(AnswerKey::Numeric {
            answer: answer?,
            tolerance: tolerance?,
            unit: q.unit.as_ref().map(|u| u.value.clone()),
        })
    }

    fn tolerance(&mut self, t: &Spanned<Scalar>, qid: Option<&str>) -> Option<Tolerance> {
        let parsed = match &t.value {
            Scalar::Number(n) => Some(Tolerance::Absolute(*n)),
            Scalar::Text(text) => text
                .trim()
                .strip_suffix('%')
                .and_then(|p| p.trim().parse::<f64>().ok())
                .map(Tolerance::Percent),
            Scalar::Bool(_) => None,
        };
        let Some(Tolerance::Absolute(value) | Tolerance::Percent(value)) = parsed else {
            self.report(
                &t.referenced,
                qid,
                "`tolerance` is neither a number nor a percentage".into(),
                "write an absolute margin like `tolerance: 500` or a share like `tolerance: \"5%\"`".into(),
            );
            return None;
        };
        if value < 0.0 || !value.is_finite() {
            self.report(
                &t.referenced,
                qid,
                format!("`tolerance` is negative ({value})"),
                "a tolerance is a margin on either side of the answer; write it as a positive number".into(),
            );
            return None;
        }
        parsed
    }

    fn order(&mut self, q: &RawQuestion, at: &Location, qid: Option<&str>) -> Option<AnswerKey> {
        let Some(items) = &q.items else {
            self.missing(
                at,
                qid,
                Kind::Order,
                "items",
                "the items in their correct order",
            );
            return None;
        };
        if items.value.len() < 2 {
            self.report(
                &items.referenced,
                qid,
                format!(
                    "`items` has {} item(s); an order question needs at least 2",
                    items.value.len()
                ),
                "list the items in their correct order".into(),
            );
            return None;
        }
        let mut seen: Vec<(String, &Location)> = Vec::new();
        let mut usable = true;
        for item in &items.value {
            let key = folded(&item.value);
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                let (first_line, _) = line_col(first);
                self.report(
                    &item.referenced,
                    qid,
                    format!(
                        "item `{}` appears twice (first on line {first_line})",
                        item.value
                    ),
                    "every item needs different text, or its position is ambiguous".into(),
                );
                usable = false;
            } else {
                seen.push((key, &item.referenced));
            }
        }
        usable.then(|| AnswerKey::Order {
            items: items.value.iter().map(|i| i.value.clone()).collect(),
        })
    }

    fn pairs(&mut self, q: &RawQuestion, at: &Location, qid: Option<&str>) -> Option<AnswerKey> {
        let Some(pairs) = &q.pairs else {
            self.missing(
                at,
                qid,
                Kind::Match,
                "pairs",
                "`- {left: 1953, right: U.S.–South Korea treaty}`",
            );
            return None;
        };
        if pairs.value.len() < 2 {
            self.report(
                &pairs.referenced,
                qid,
                format!(
                    "`pairs` has {} pair(s); a match question needs at least 2",
                    pairs.value.len()
                ),
                "add pairs of `left:` and `right:`".into(),
            );
            return None;
        }
        if pairs.value.len() > MAX_PAIRS {
            // Plain mode names the right sides a to z; more could not be answered.
            self.report(
                &pairs.referenced,
                qid,
                format!(
                    "`pairs` has {} pairs; a match question has at most {MAX_PAIRS}",
                    pairs.value.len()
                ),
                "split it into several match questions".into(),
            );
            return None;
        }
        if !self.pair_sides_are_usable(&pairs.value, qid) {
            return None;
        }
        let pairs = pairs
            .value
            .iter()
            .map(|p| Pair {
                left: p.value.left.clone(),
                right: p.value.right.clone(),
            })
            .collect();
        Some(AnswerKey::Match { pairs })
    }
}

impl Checker<'_> {
    /// Every side of every pair has text, and no side repeats another on its side: each would
    /// leave a learner a blank or an ambiguous item to match.
    fn pair_sides_are_usable(&mut self, pairs: &[Spanned<RawPair>], qid: Option<&str>) -> bool {
        let mut usable = true;
        for (side, text) in [
            ("left", pair_left as fn(&RawPair) -> &str),
            ("right", pair_right),
        ] {
            let mut seen: Vec<(String, &Location)> = Vec::new();
            for pair in pairs {
                let value = text(&pair.value);
                if value.trim().is_empty() {
                    self.report(
                        &pair.referenced,
                        qid,
                        format!("a pair has an empty `{side}:`"),
                        format!("write the {side} side's text, or remove the pair"),
                    );
                    usable = false;
                    continue;
                }
                let key = folded(value);
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    let (first_line, _) = line_col(first);
                    self.report(
                        &pair.referenced,
                        qid,
                        format!("`{value}` appears twice as a `{side}:` side in `pairs` (first on line {first_line})"),
                        "every left and every right side needs different text".into(),
                    );
                    usable = false;
                } else {
                    seen.push((key, &pair.referenced));
                }
            }
        }
        usable
    }
}

fn pair_left(pair: &RawPair) -> &str {
    &pair.left
}

fn pair_right(pair: &RawPair) -> &str {
    &pair.right
}

fn to_choice(raw: &RawChoice) -> Choice {
    Choice {
        text: raw.text.trim().to_owned(),
        correct: raw.correct,
        why: raw.why.clone(),
        weight: raw.weight.as_ref().map(|w| w.value / 100.0),
    }
}

impl Checker<'_> {
    /// `scoring:` as written, if it is: one of the names [`Scoring`] takes.
    pub(super) fn scoring(
        &mut self,
        written: Option<&Spanned<String>>,
        qid: Option<&str>,
    ) -> Option<Scoring> {
        let written = written?;
        if let Some(scoring) = Scoring::from_name(&written.value) {
            return Some(scoring);
        }
        let names = Scoring::ALL.map(Scoring::name);
        self.report(
            &written.referenced,
            qid,
            format!("unknown scoring `{}`", written.value),
            format!("use one of: {}", names.join(", ")),
        );
        None
    }

    /// The `weight:` of each choice: only in a `multiple` question scored as Moodle scores it,
    /// positive on right choices and not on wrong ones, and the right ones' weights adding up to
    /// all the points (Moodle refuses a question whose right answers add up to more or less).
    fn weights(&mut self, raw: &[Spanned<Box<RawChoice>>], qid: Option<&str>, scoring: Scoring) {
        let weighed = || {
            raw.iter()
                .filter_map(|c| c.value.weight.as_ref().map(|w| (c, w)))
        };
        if scoring != Scoring::Moodle {
            if let Some((_, w)) = weighed().next() {
                self.report(
                    &w.referenced,
                    qid,
                    "`weight` counts only in a `multiple` question with `scoring: moodle`".into(),
                    "add `scoring: moodle` to the question (or to `defaults:`), or remove `weight:`"
                        .into(),
                );
            }
            return;
        }
        for (choice, w) in weighed() {
            let fits = w.value.is_finite()
                && (-100.0..=100.0).contains(&w.value)
                && (w.value > 0.0) == choice.value.correct;
            if !fits {
                let help = if choice.value.correct {
                    "a right choice weighs more than 0 and at most 100 (percent of the points)"
                } else {
                    "a wrong choice weighs 0 or less, down to -100 (percent of the points it takes away)"
                };
                self.report(
                    &w.referenced,
                    qid,
                    format!("`weight: {}` does not fit this choice", w.value),
                    help.into(),
                );
            }
        }
        let right: Vec<&RawChoice> = raw
            .iter()
            .map(|c| &*c.value)
            .filter(|c| c.correct)
            .collect();
        let given: f64 = right
            .iter()
            .filter_map(|c| c.weight.as_ref())
            .map(|w| w.value)
            .sum();
        let all_given = right.iter().all(|c| c.weight.is_some());
        let off = if all_given {
            (given - 100.0).abs() > 0.01
        } else {
            given >= 100.0 - 0.01
        };
        if off && let Some((_, w)) = weighed().find(|(c, _)| c.value.correct) {
            self.report(
                &w.referenced,
                qid,
                format!("the right choices' weights add up to {given}%, not 100%"),
                "make the weights of the right choices add up to 100 (a right choice without \
                 `weight:` shares what is left equally)"
                    .into(),
            );
        }
    }
}
