//! Moodle XML → bank, read as Moodle writes it (*Question bank › Export › Moodle XML format*):
//! categories, `description` questions, and the question types `multichoice`, `truefalse`,
//! `shortanswer`, `numerical`, `matching` and `ordering`, each with its text formats, feedback,
//! tags and `idnumber`. What a bank cannot hold is listed as a note with its line.
//!
//! `quiz export --format moodle-xml` keeps in `<!-- quiz: {…} -->` comments what Moodle has no
//! field for (the bank's id, version and sources, difficulty, exact short answers); they are
//! read back when present, so that a bank comes back as it went out.

mod answers;
mod reader;

use std::collections::{HashMap, HashSet};

use roxmltree::Node;
use serde_json::Value;

use super::gift::assemble::{source_from_credit, split_source};
use super::{
    ImportNotice, Imported, OutBank, OutCitation, OutQuestion, OutScenario, OutSource,
    UNKNOWN_SOURCE, category_levels,
};
use crate::authoring::bank_id;
use reader::{child_text, line_of, text_of};

/// Imports Moodle XML `text`; `name` (the file name) names the bank when no category does.
pub fn import(text: &str, name: &str) -> Imported {
    let mut builder = Builder::new(name);
    match roxmltree::Document::parse(text) {
        Ok(doc) => builder.read(&doc),
        Err(e) => builder.notes.push(ImportNotice::error(
            e.pos().row as usize,
            format!(
                "this is not well-formed XML (at column {}); Moodle XML is a `<quiz>` element \
                 holding `<question>` elements",
                e.pos().col
            ),
        )),
    }
    builder.finish()
}

struct Builder {
    file_name: String,
    bank_id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    version: u32,
    /// The sources the bank's comment lists in full.
    sources: Vec<OutSource>,
    /// Sources made from `Source:` lines, by their credit.
    sources_by_credit: HashMap<String, String>,
    category: Vec<String>,
    scenario: Option<String>,
    scenarios: Vec<OutScenario>,
    questions: Vec<OutQuestion>,
    question_ids: HashSet<String>,
    unsourced: Option<usize>,
    /// The `<!-- quiz: … -->` comment just read, for the element after it.
    meta: Option<Value>,
    notes: Vec<ImportNotice>,
}

impl Builder {
    fn new(name: &str) -> Self {
        Builder {
            file_name: name.to_owned(),
            bank_id: None,
            title: None,
            description: None,
            version: 1,
            sources: Vec::new(),
            sources_by_credit: HashMap::new(),
            category: Vec::new(),
            scenario: None,
            scenarios: Vec::new(),
            questions: Vec::new(),
            question_ids: HashSet::new(),
            unsourced: None,
            meta: None,
            notes: Vec::new(),
        }
    }

    fn read(&mut self, doc: &roxmltree::Document) {
        let root = doc.root_element();
        if !root.has_tag_name("quiz") {
            self.notes.push(ImportNotice::error(
                line_of(root),
                format!(
                    "the file holds `<{}>`, not Moodle XML's `<quiz>`",
                    root.tag_name().name()
                ),
            ));
            return;
        }
        for node in root.children() {
            if node.is_comment() {
                self.read_comment(node.text().unwrap_or(""));
            } else if node.has_tag_name("question") {
                let meta = self.meta.take();
                self.read_question(node, meta);
            }
        }
    }

    /// A `quiz: {…}` comment: the bank's own, or one for the element after it.
    fn read_comment(&mut self, comment: &str) {
        let Some(json) = comment.trim().strip_prefix("quiz:") else {
            return;
        };
        let Ok(value) = serde_json::from_str::<Value>(json.trim()) else {
            return;
        };
        if let Some(id) = value["bank"].as_str() {
            self.bank_id = Some(id.to_owned());
            self.version = value["version"].as_u64().map_or(1, |v| v as u32);
            self.description = value["description"].as_str().map(str::to_owned);
            self.sources = serde_json::from_value(value["sources"].clone()).unwrap_or_default();
        } else {
            self.meta = Some(value);
        }
    }

    fn read_question(&mut self, node: Node, meta: Option<Value>) {
        let qtype = node.attribute("type").unwrap_or("");
        match qtype {
            "category" => self.read_category(node),
            "description" => self.read_description(node, meta),
            _ => self.read_gradable(node, qtype, meta),
        }
    }

    fn read_category(&mut self, node: Node) {
        let path = child_text(node, "category").unwrap_or_default();
        let levels = category_levels(&path);
        if let (None, Some(top)) = (&self.title, levels.first()) {
            self.title = Some(top.clone());
            let info = child_text(node, "info").unwrap_or_default();
            if !info.trim().is_empty() && self.description.is_none() {
                self.description = Some(info.trim().to_owned());
            }
        } else if let (Some(title), Some(top)) = (&self.title, levels.first())
            && top != title
        {
            self.notes.push(ImportNotice::note(
                line_of(node),
                format!("category `{top}` is a second bank; its questions join `{title}`"),
            ));
        }
        self.category = levels;
        self.scenario = None;
    }

    /// A description opens a scenario for the questions after it in its category.
    fn read_description(&mut self, node: Node, meta: Option<Value>) {
        let name = child_text(node, "name").unwrap_or_default();
        let wanted = meta
            .as_ref()
            .and_then(|m| m["scenario"].as_str().map(str::to_owned))
            .unwrap_or_else(|| bank_id(&name));
        let title = match self.category.as_slice() {
            [_, .., last] => last.clone(),
            _ => name.clone(),
        };
        let mut id = wanted.clone();
        let mut n = 1;
        while self.scenarios.iter().any(|s| s.id == id) {
            n += 1;
            id = format!("{wanted}-{n}");
        }
        let (text, _) = text_of(node, "questiontext", &mut self.notes);
        self.scenarios.push(OutScenario {
            id: id.clone(),
            title,
            text,
            shuffle: meta.is_some_and(|m| m["shuffle"].as_bool() == Some(true)),
        });
        self.scenario = Some(id);
    }

    fn read_gradable(&mut self, node: Node, qtype: &str, meta: Option<Value>) {
        let line = line_of(node);
        let meta = meta.unwrap_or(Value::Null);
        let Some(mut question) = answers::answer(node, qtype, &meta, &mut self.notes) else {
            return;
        };
        let name = child_text(node, "name").unwrap_or_default();
        let wanted = meta["id"]
            .as_str()
            .map(str::to_owned)
            .or_else(|| child_text(node, "idnumber").filter(|i| !i.trim().is_empty()))
            .map_or_else(|| bank_id(&name), |i| bank_id(&i));
        let wanted = if wanted.is_empty() {
            format!("question-{}", self.questions.len() + 1)
        } else {
            wanted
        };
        let mut id = wanted.clone();
        let mut n = 1;
        while !self.question_ids.insert(id.clone()) {
            n += 1;
            id = format!("{wanted}-{n}");
        }
        question.id = id;
        question.scenario.clone_from(&self.scenario);
        let (prompt, _) = text_of(node, "questiontext", &mut self.notes);
        question.prompt = prompt;
        let (general, _) = text_of(node, "generalfeedback", &mut self.notes);
        self.explain(&mut question, &general, &meta, line);
        question.tags = node
            .descendants()
            .filter(|n| n.has_tag_name("tag"))
            .filter_map(|t| child_text(t, "text"))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        question.difficulty = meta["difficulty"].as_u64().map(|d| d as u8);
        question.allow = meta["allow"]
            .as_array()
            .map(|lints| {
                lints
                    .iter()
                    .filter_map(|l| l.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        question.points = child_text(node, "defaultgrade")
            .and_then(|g| g.trim().parse::<f64>().ok())
            .filter(|g| *g > 0.0 && *g != 1.0)
            .map(super::Num);
        self.questions.push(question);
    }

    /// The explanation and citation from the general feedback and its `Source:` line.
    fn explain(&mut self, q: &mut OutQuestion, general: &str, meta: &Value, line: usize) {
        let (explanation, cited) = split_source(general);
        q.explanation = if explanation.is_empty() {
            self.notes.push(ImportNotice::note(
                line,
                format!("`{}` has no general feedback; write its explanation", q.id),
            ));
            "No explanation was given in the Moodle XML file.".to_owned()
        } else {
            explanation
        };
        let Some(cited) = cited else {
            self.unsourced.get_or_insert(line);
            q.source = OutCitation::unknown();
            return;
        };
        let id = match meta["source"].as_str() {
            Some(id) if self.sources.iter().any(|s| s.id == id) => id.to_owned(),
            _ => self.source_for(&cited.credit),
        };
        q.source = OutCitation {
            id,
            sections: cited.sections,
            locator: cited.locator,
        };
    }

    fn source_for(&mut self, credit: &str) -> String {
        if let Some(id) = self.sources_by_credit.get(credit) {
            return id.clone();
        }
        let known: HashSet<String> = self.sources.iter().map(|s| s.id.clone()).collect();
        let source = source_from_credit(credit, &known, &mut HashMap::new());
        let id = source.id.clone();
        self.sources.push(source);
        self.sources_by_credit.insert(credit.to_owned(), id.clone());
        id
    }

    fn finish(mut self) -> Imported {
        let stem = std::path::Path::new(&self.file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(first) = self.unsourced {
            self.notes.push(ImportNotice::note(
                first,
                format!(
                    "questions without a `Source:` line cite `{UNKNOWN_SOURCE}`: put the real \
                     source in `sources:` and each `section:`"
                ),
            ));
            self.sources.push(OutSource::unknown(&self.file_name));
        }
        self.notes.sort_by_key(|n| n.line);
        let title = self.title.unwrap_or_else(|| stem.clone());
        Imported {
            bank: OutBank {
                id: self.bank_id.unwrap_or_else(|| bank_id(&title)),
                title,
                description: self
                    .description
                    .unwrap_or_else(|| format!("Imported from {}.", self.file_name)),
                version: self.version,
                sources: self.sources,
                scenarios: self.scenarios,
                questions: self.questions,
            },
            notices: self.notes,
        }
    }
}
