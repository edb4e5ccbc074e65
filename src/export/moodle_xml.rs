//! Moodle XML: the format Moodle moves question banks in (*Question bank › Export / Import ›
//! Moodle XML format*). Every kind has a Moodle question type: `single` and `multiple` are
//! `multichoice` (with each choice's fraction), `true_false` is `truefalse`, `short` is
//! `shortanswer`, `numeric` is `numerical` (absolute tolerance, the unit as its unit), `order` is
//! `ordering` (core since Moodle 4.4) and `match` is `matching`.
//!
//! A bank is a category, each scenario a sub-category opened by a `description` question with its
//! text; branching scenarios are flattened. Texts go out as `plain_text`, so Moodle shows them as
//! typed. What Moodle has no field for (the bank's id, version and sources, a question's
//! difficulty, exact short answers) is kept in an XML comment `<!-- quiz: {…} -->` that Moodle
//! ignores and `quiz import moodle-xml` reads back.

use serde_json::json;

use super::flatten::{credit, flattened};
use super::{Export, Exporter, Filed, Notice, filed};
use crate::bank::{AnswerKey, Bank, Choice, Question, Scenario, Tolerance};
use crate::engine::choice_weights;

pub(crate) struct MoodleXml;

impl Exporter for MoodleXml {
    fn name(&self) -> &'static str {
        "moodle-xml"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut out = Export {
            text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n".to_owned(),
            ..Export::default()
        };
        for bank in banks {
            let (flat, flattened) = flattened(bank);
            write_bank(&flat, &mut out);
            out.notices.extend(flattened);
        }
        out.text.push_str("</quiz>\n");
        out
    }
}

/// Text as XML character data: `&`, `<` and `>` escaped, and the characters XML 1.0 cannot
/// hold at all (control characters other than tab and line breaks) left out.
pub(crate) fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// What a `<!-- quiz: … -->` comment holds: JSON, with `--` (which ends an XML comment) written
/// as `-\u002d`, which JSON reads back as `--`.
fn meta_comment(value: &serde_json::Value) -> String {
    let json = value.to_string().replace("--", "-\\u002d");
    format!("<!-- quiz: {json} -->\n")
}

/// A category path level: Moodle separates levels with `/` and reads `//` as a slash.
fn category_name(name: &str) -> String {
    name.replace('/', "//").replace('\n', " ")
}

fn write_bank(bank: &Bank, out: &mut Export) {
    let top = format!("$course$/top/{}", category_name(&bank.title));
    let sources: Vec<serde_json::Value> = bank
        .sources
        .iter()
        .map(|s| {
            json!({"id": s.id, "title": s.title, "publisher": s.publisher,
                   "author": s.author, "date": s.date})
        })
        .collect();
    out.text.push_str(&meta_comment(&json!({
        "bank": bank.id, "version": bank.version, "description": bank.description,
        "sources": sources,
    })));
    category(&top, &bank.description, &bank.id, out);
    for (n, run) in filed(bank).into_iter().enumerate() {
        match run {
            Filed::Loose(questions) => {
                // After a scenario's block, back to the bank's category.
                if n > 0 {
                    category(&top, &bank.description, &bank.id, out);
                }
                for q in questions {
                    write_question(bank, q, out);
                }
            }
            Filed::Scenario(scenario, questions) => {
                write_scenario(bank, scenario, &questions, &top, out);
            }
        }
    }
}

fn category(path: &str, info: &str, idnumber: &str, out: &mut Export) {
    out.text.push_str(&format!(
        "  <question type=\"category\">\n    <category><text>{}</text></category>\n    \
         <info format=\"plain_text\"><text>{}</text></info>\n    <idnumber>{}</idnumber>\n  \
         </question>\n",
        xml_text(path),
        xml_text(info),
        xml_text(idnumber)
    ));
}

/// A scenario's sub-category, its description question and its questions.
fn write_scenario(
    bank: &Bank,
    scenario: &Scenario,
    questions: &[&Question],
    top: &str,
    out: &mut Export,
) {
    let path = format!("{top}/{}", category_name(&scenario.title));
    category(&path, "", &format!("{}/{}", bank.id, scenario.id), out);
    if scenario.branching.is_some() {
        out.text.push_str(&format!(
            "  <!-- Branching scenario {} flattened: each decision below is a stand-alone \
             question; the best choice earns full credit, an acceptable one partial credit, and \
             each choice's feedback tells its consequence. Where each answer leads and the \
             endings are left out. -->\n",
            xml_text(&scenario.id).replace("--", "- -")
        ));
    }
    out.text.push_str(&meta_comment(
        &json!({"scenario": scenario.id, "shuffle": scenario.shuffle}),
    ));
    out.text.push_str(&format!(
        "  <question type=\"description\">\n{}{}    <defaultgrade>0</defaultgrade>\n    \
         <idnumber>{}</idnumber>\n  </question>\n",
        name(&scenario.id),
        text_field("questiontext", &scenario.text, 4),
        xml_text(&scenario.id)
    ));
    for q in questions {
        write_question(bank, q, out);
    }
}

fn name(id: &str) -> String {
    format!("    <name><text>{}</text></name>\n", xml_text(id))
}

/// `<tag format="plain_text"><text>…</text></tag>` indented by `indent` spaces.
fn text_field(tag: &str, text: &str, indent: usize) -> String {
    format!(
        "{:indent$}<{tag} format=\"plain_text\"><text>{}</text></{tag}>\n",
        "",
        xml_text(text)
    )
}

/// A fraction as Moodle writes it, to 7 decimals.
fn fraction(percent: f64) -> String {
    let rounded = (percent * 1e7).round() / 1e7;
    format!("{rounded}")
}

fn write_question(bank: &Bank, q: &Question, out: &mut Export) {
    let (qtype, body) = answers(bank, q, &mut out.notices);
    let mut meta = json!({"id": q.id, "difficulty": q.difficulty, "source": q.citation.source});
    if let AnswerKey::Short { exact: true, .. } = &q.key {
        meta["accept_exact"] = json!(true);
    }
    if let AnswerKey::Numeric {
        tolerance: Tolerance::Percent(p),
        ..
    } = &q.key
    {
        meta["tolerance_percent"] = json!(p);
    }
    if let AnswerKey::Multiple { scoring, .. } = &q.key {
        meta["scoring"] = json!(scoring.name());
    }
    if !q.allow.is_empty() {
        meta["allow"] = json!(q.allow);
    }
    out.text.push_str(&meta_comment(&meta));
    let feedback = format!(
        "{}\n\n{}",
        q.explanation.trim(),
        bank.source_line(&q.citation)
    );
    let mut tags = String::new();
    if !q.tags.is_empty() {
        tags.push_str("    <tags>\n");
        for tag in &q.tags {
            tags.push_str(&format!(
                "      <tag><text>{}</text></tag>\n",
                xml_text(tag)
            ));
        }
        tags.push_str("    </tags>\n");
    }
    out.text.push_str(&format!(
        "  <question type=\"{qtype}\">\n{}{}{}    <defaultgrade>{}</defaultgrade>\n    \
         <penalty>0</penalty>\n    <hidden>0</hidden>\n    <idnumber>{}</idnumber>\n{body}{tags}  \
         </question>\n",
        name(&q.id),
        text_field("questiontext", &q.prompt, 4),
        text_field("generalfeedback", &feedback, 4),
        q.points,
        xml_text(&q.id),
    ));
    out.written += 1;
}

/// The question type and the elements of its answer.
fn answers(bank: &Bank, q: &Question, notices: &mut Vec<Notice>) -> (&'static str, String) {
    match &q.key {
        AnswerKey::Single { choices } => {
            let credit = credit(bank, q).unwrap_or_default();
            let percents = choices
                .iter()
                .enumerate()
                .map(|(i, c)| match credit.get(i) {
                    _ if c.correct => 100.0,
                    Some(share) => *share,
                    None => 0.0,
                })
                .collect::<Vec<_>>();
            (
                "multichoice",
                multichoice(true, q.shuffle, choices, &percents),
            )
        }
        AnswerKey::Multiple { choices, scoring } => {
            let percents: Vec<f64> = choice_weights(choices, *scoring)
                .into_iter()
                .map(|w| w * 100.0)
                .collect();
            (
                "multichoice",
                multichoice(false, q.shuffle, choices, &percents),
            )
        }
        AnswerKey::TrueFalse { answer } => {
            let answer_of = |value: bool| {
                format!(
                    "    <answer fraction=\"{}\" format=\"moodle_auto_format\"><text>{value}</text>\
                     <feedback format=\"plain_text\"><text></text></feedback></answer>\n",
                    if value == *answer { 100 } else { 0 }
                )
            };
            ("truefalse", answer_of(true) + &answer_of(false))
        }
        AnswerKey::Short { accept, .. } => ("shortanswer", short(bank, q, accept, notices)),
        AnswerKey::Numeric {
            answer,
            tolerance,
            unit,
        } => (
            "numerical",
            numerical(bank, q, *answer, *tolerance, unit.as_deref(), notices),
        ),
        AnswerKey::Order { items } => {
            let mut body = "    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    \
                <selectcount>0</selectcount>\n    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n    \
                <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n"
                .to_owned();
            for (i, item) in items.iter().enumerate() {
                body.push_str(&format!(
                    "    <answer fraction=\"{}\" format=\"plain_text\"><text>{}</text></answer>\n",
                    i + 1,
                    xml_text(item)
                ));
            }
            ("ordering", body)
        }
        AnswerKey::Match { pairs } => {
            let mut body = "    <shuffleanswers>true</shuffleanswers>\n".to_owned();
            for pair in pairs {
                body.push_str(&format!(
                    "    <subquestion format=\"plain_text\"><text>{}</text>\
                     <answer><text>{}</text></answer></subquestion>\n",
                    xml_text(&pair.left),
                    xml_text(&pair.right)
                ));
            }
            ("matching", body)
        }
    }
}

fn multichoice(single: bool, shuffle: bool, choices: &[Choice], percents: &[f64]) -> String {
    let mut body = format!(
        "    <single>{single}</single>\n    <shuffleanswers>{shuffle}</shuffleanswers>\n    \
         <answernumbering>abc</answernumbering>\n"
    );
    for (c, percent) in choices.iter().zip(percents) {
        body.push_str(&format!(
            "    <answer fraction=\"{}\" format=\"plain_text\"><text>{}</text>{}</answer>\n",
            fraction(*percent),
            xml_text(&c.text),
            text_field("feedback", c.why.as_deref().unwrap_or(""), 0).trim_end()
        ));
    }
    body
}

fn short(bank: &Bank, q: &Question, accept: &[String], notices: &mut Vec<Notice>) -> String {
    let mut body = "    <usecase>0</usecase>\n".to_owned();
    for a in accept {
        let a = super::gift::literal_asterisks(bank, q, a, notices);
        body.push_str(&format!(
            "    <answer fraction=\"100\" format=\"moodle_auto_format\"><text>{}</text>\
             <feedback format=\"plain_text\"><text></text></feedback></answer>\n",
            xml_text(&a)
        ));
    }
    body
}

fn numerical(
    bank: &Bank,
    q: &Question,
    answer: f64,
    tolerance: Tolerance,
    unit: Option<&str>,
    notices: &mut Vec<Notice>,
) -> String {
    if let Tolerance::Percent(p) = tolerance {
        notices.push(Notice::changed(
            bank,
            q,
            format!(
                "a tolerance of {p}% becomes the margin ±{} (Moodle's tolerance is absolute)",
                tolerance.margin(answer)
            ),
        ));
    }
    let mut body = format!(
        "    <answer fraction=\"100\" format=\"moodle_auto_format\"><text>{answer}</text>\
         <feedback format=\"plain_text\"><text></text></feedback>\
         <tolerance>{}</tolerance></answer>\n",
        tolerance.margin(answer)
    );
    if let Some(unit) = unit {
        // Units are shown and not graded: the number alone is marked, as in `quiz play`.
        body.push_str(&format!(
            "    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0</unitpenalty>\n    \
             <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n    <units>\n      \
             <unit><multiplier>1</multiplier><unit_name>{}</unit_name></unit>\n    \
             </units>\n",
            xml_text(unit)
        ));
    }
    body
}
