//! Builds the bank from GIFT paragraphs: categories name the bank and scenarios, descriptions
//! become scenarios, and a general feedback that ends with a `Source:` line gives the citation.

use std::collections::{HashMap, HashSet};

use super::Block;
use super::answers::{self, Item, Parsed};
use super::parts::Answer;
use crate::authoring::bank_id;
use crate::bank::{Scoring, read_cited_sections};
use crate::import::{
    ImportNotice, Imported, Num, OutAnswer, OutBank, OutCitation, OutQuestion, OutScenario,
    OutSource, OutTolerance, UNKNOWN_SOURCE,
};

pub(super) struct Builder {
    file_name: String,
    title: Option<String>,
    category: Vec<String>,
    scenario: Option<String>,
    scenarios: Vec<OutScenario>,
    sources: Vec<(String, OutSource)>,
    /// The sources by their `Source:` credit, by their index in `sources`.
    sources_by_credit: HashMap<String, Vec<usize>>,
    /// Every source id given, and for each base id the last number added to it (`base-N`).
    source_ids: HashSet<String>,
    next_number: HashMap<String, usize>,
    questions: Vec<OutQuestion>,
    /// Ids given so far; questions and scenarios have ids of their own kind.
    question_ids: HashSet<String>,
    scenario_ids: HashSet<String>,
    unsourced: Vec<usize>,
    notes: Vec<ImportNotice>,
}

impl Builder {
    pub(super) fn new(file_name: &str) -> Self {
        Builder {
            file_name: file_name.to_owned(),
            title: None,
            category: Vec::new(),
            scenario: None,
            scenarios: Vec::new(),
            sources: Vec::new(),
            sources_by_credit: HashMap::new(),
            source_ids: HashSet::new(),
            next_number: HashMap::new(),
            questions: Vec::new(),
            question_ids: HashSet::new(),
            scenario_ids: HashSet::new(),
            unsourced: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, block: Block) {
        let Some(item) = answers::parse(&block, &mut self.notes) else {
            return;
        };
        match item {
            Item::Category(levels) => {
                match (&self.title, levels.first()) {
                    (None, first) => self.title = first.cloned(),
                    (Some(title), Some(top)) if top != title => {
                        self.notes.push(ImportNotice::note(
                            block.line,
                            format!(
                                "category `{top}` is a second bank; one file makes one bank, so \
                                 its questions join `{title}`"
                            ),
                        ));
                    }
                    _ => {}
                }
                self.category = levels;
                self.scenario = None;
            }
            Item::Description { name, text } => self.add_scenario(name, text),
            Item::Question(parsed) => self.add_question(parsed, block),
        }
    }

    /// A description opens a scenario: the questions after it, in its category, belong to it.
    fn add_scenario(&mut self, name: Option<String>, text: String) {
        let title = match (self.category.len(), self.category.last(), &name) {
            (2.., Some(level), _) => level.clone(),
            (_, _, Some(name)) => name.clone(),
            _ => format!("Scenario {}", self.scenarios.len() + 1),
        };
        let id = unique(
            &mut self.scenario_ids,
            &bank_id(name.as_deref().unwrap_or(&title)),
        );
        self.scenarios.push(OutScenario {
            id: id.clone(),
            title,
            text,
            shuffle: false,
        });
        self.scenario = Some(id);
    }
}

/// `base`, or `base-2`, `base-3`… if taken; the id returned is then taken too.
fn unique(taken: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

impl Builder {
    fn add_question(&mut self, parsed: Parsed, block: Block) {
        let wanted = block
            .id
            .as_ref()
            .or(parsed.name.as_ref())
            .map(|n| bank_id(n));
        let number = self.questions.len() + 1;
        let id = unique(
            &mut self.question_ids,
            &wanted.unwrap_or_else(|| format!("question-{number}")),
        );
        let (mut explanation, cited) = split_source(parsed.general.as_deref().unwrap_or(""));
        if let Answer::TrueFalse(_, Some(right)) = &parsed.answer {
            // The feedback a right answer gets says why it is right: part of the explanation.
            format!("{explanation} {right}")
                .trim()
                .clone_into(&mut explanation);
        }
        let explanation = if explanation.is_empty() {
            self.notes.push(ImportNotice::note(
                block.line,
                format!("`{id}` has no general feedback (`####`); write its explanation"),
            ));
            "No explanation was given in the GIFT file.".to_owned()
        } else {
            explanation
        };
        let source = if let Some(cited) = cited {
            self.cite(cited, &block)
        } else {
            self.unsourced.push(block.line);
            OutCitation::unknown()
        };
        let mut question = OutQuestion {
            id,
            scenario: self.scenario.clone(),
            prompt: parsed.prompt,
            explanation,
            source,
            tags: block.tags,
            allow: block.allow,
            ..OutQuestion::default()
        };
        set_answer(&mut question, parsed.answer, block.unit);
        if question.kind == "short" && block.exact {
            question.accept_exact = Some(true);
        }
        self.questions.push(question);
    }

    /// The citation of a `Source: credit · section “…” (“locator”)` line (or `· sections “…” and
    /// “…”`), declaring its source.
    /// The source's id and whether its name is an author come from the comment above the
    /// question (`[source:…]`, `[source_by:author]`), as `quiz export` writes them; without one,
    /// the id is made from the title and the name is taken for the publisher.
    fn cite(&mut self, cited: Cited, block: &Block) -> OutCitation {
        let known = self.sources_by_credit.get(&cited.credit).and_then(|found| {
            found
                .iter()
                .map(|&i| &self.sources[i].1)
                .find(|source| block.source.as_ref().is_none_or(|id| *id == source.id))
        });
        let id = if let Some(source) = known {
            source.id.clone()
        } else {
            let mut source =
                source_from_credit(&cited.credit, &self.source_ids, &mut self.next_number);
            if let Some(id) = &block.source
                && !id.is_empty()
                && !self.source_ids.contains(id)
            {
                source.id.clone_from(id);
            }
            if block.source_by_author {
                source.author = source.publisher.take();
            }
            let id = source.id.clone();
            self.source_ids.insert(id.clone());
            self.sources_by_credit
                .entry(cited.credit.clone())
                .or_default()
                .push(self.sources.len());
            self.sources.push((cited.credit.clone(), source));
            id
        };
        OutCitation {
            id,
            sections: cited.sections,
            locator: cited.locator,
        }
    }
}

fn set_answer(q: &mut OutQuestion, answer: Answer, unit: Option<String>) {
    let kind = match answer {
        Answer::Choices {
            single,
            moodle_scoring,
            choices,
        } => {
            q.choices = Some(choices);
            q.scoring = moodle_scoring.then(|| Scoring::Moodle.name().to_owned());
            if single { "single" } else { "multiple" }
        }
        Answer::TrueFalse(answer, _) => {
            q.answer = Some(OutAnswer::Bool(answer));
            "true_false"
        }
        Answer::Short(accept) => {
            q.accept = Some(accept);
            "short"
        }
        Answer::Numeric { answer, tolerance } => {
            q.answer = Some(OutAnswer::Number(Num(answer)));
            q.tolerance = Some(OutTolerance::Margin(Num(tolerance)));
            q.unit = unit;
            "numeric"
        }
        Answer::Match(pairs) => {
            q.pairs = Some(pairs);
            "match"
        }
        Answer::Order(items) => {
            q.items = Some(items);
            "order"
        }
    };
    kind.clone_into(&mut q.kind);
}

impl Builder {
    pub(super) fn finish(mut self) -> Imported {
        let stem = std::path::Path::new(&self.file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut sources: Vec<OutSource> = self.sources.into_iter().map(|(_, s)| s).collect();
        if let Some(&first) = self.unsourced.first() {
            self.notes.push(ImportNotice::note(
                first,
                format!(
                    "{} question(s) name no source; they cite `{UNKNOWN_SOURCE}`: \
                     put the real source in `sources:` and each `section:`",
                    self.unsourced.len()
                ),
            ));
            sources.push(OutSource::unknown(&self.file_name));
        }
        self.notes.sort_by_key(|n| n.line);
        Imported {
            bank: OutBank {
                id: bank_id(&stem),
                title: self.title.unwrap_or_else(|| stem.clone()),
                description: format!("Imported from {}.", self.file_name),
                version: 1,
                sources,
                scenarios: self.scenarios,
                questions: self.questions,
            },
            notices: self.notes,
        }
    }
}

pub(crate) struct Cited {
    pub(crate) credit: String,
    pub(crate) sections: Vec<String>,
    pub(crate) locator: Option<String>,
}

/// Splits the general feedback into the explanation and the source line `quiz` exports
/// (`Source: credit · section “…”` or `· sections “…” and “…”`, optionally followed by
/// ` (“locator”)`).
pub(crate) fn split_source(general: &str) -> (String, Option<Cited>) {
    let start = general
        .rmatch_indices("Source: ")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || general[..i].ends_with('\n'));
    let Some(start) = start else {
        return (general.trim().to_owned(), None);
    };
    let line = &general[start + "Source: ".len()..];
    let parsed = line.match_indices(" · section").find_map(|(at, _)| {
        let (credit, rest) = (&line[..at], &line[at + " · ".len()..]);
        let (sections, after) = read_cited_sections(rest)?;
        let locator = after
            .trim()
            .strip_prefix("(“")
            .and_then(|l| l.strip_suffix("”)"))
            .map(str::to_owned);
        Some(Cited {
            credit: credit.trim().to_owned(),
            sections,
            locator,
        })
    });
    match parsed {
        Some(cited) => (general[..start].trim().to_owned(), Some(cited)),
        None => (general.trim().to_owned(), None),
    }
}

/// "Title — Publisher, 2025" → a source with that title, publisher and date, and an id made from
/// the title that is not in `known`. `next_number` remembers, for each id made from a title, the
/// number the last free one had: the numbers below it are taken, so that the search goes on
/// from there instead of from the start.
pub(crate) fn source_from_credit(
    credit: &str,
    known: &HashSet<String>,
    next_number: &mut HashMap<String, usize>,
) -> OutSource {
    let (title, by) = match credit.split_once(" — ") {
        Some((title, by)) => (title, Some(by)),
        None => (credit, None),
    };
    let (by, date) = match by.and_then(|b| b.rsplit_once(", ")) {
        Some((by, date)) if date.chars().any(|c| c.is_ascii_digit()) => (Some(by), Some(date)),
        _ => (by, None),
    };
    let base = bank_id(title);
    let mut n = next_number.get(&base).copied().unwrap_or(1);
    let mut id = if n == 1 {
        base.clone()
    } else {
        format!("{base}-{n}")
    };
    while known.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    next_number.insert(base, n);
    OutSource {
        id,
        title: title.trim().to_owned(),
        publisher: Some(by.unwrap_or("unknown").trim().to_owned()),
        author: None,
        date: date.map(|d| d.trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exported_source_line_becomes_a_citation() {
        let (explanation, cited) = split_source(
            "Because.\n\nSource: Notes — A. Teacher, 2025 · section “Phase changes” (“at 100”)",
        );
        let cited = cited.unwrap();
        assert_eq!(explanation, "Because.");
        assert_eq!(cited.credit, "Notes — A. Teacher, 2025");
        assert_eq!(cited.sections, ["Phase changes"]);
        assert_eq!(cited.locator.as_deref(), Some("at 100"));
        let source = source_from_credit(&cited.credit, &HashSet::new(), &mut HashMap::new());
        assert_eq!(source.title, "Notes");
        assert_eq!(source.publisher.as_deref(), Some("A. Teacher"));
        assert_eq!(source.date.as_deref(), Some("2025"));
    }

    #[test]
    fn every_section_of_an_exported_source_line_is_read_back() {
        let (_, cited) = split_source(
            "Because.\n\nSource: Notes · section work — A. Teacher · sections “Heat” and \
             “Phase changes” (“at 100”)",
        );
        let cited = cited.unwrap();
        assert_eq!(cited.credit, "Notes · section work — A. Teacher");
        assert_eq!(cited.sections, ["Heat", "Phase changes"]);
        assert_eq!(cited.locator.as_deref(), Some("at 100"));
    }

    #[test]
    fn feedback_without_a_source_line_is_all_explanation() {
        let (explanation, cited) = split_source("Source: my memory, honestly.");
        assert_eq!(explanation, "Source: my memory, honestly.");
        assert!(cited.is_none());
    }
}
