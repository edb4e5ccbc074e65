//! Moodle XML both ways: every built-in bank goes out and comes back the same, except what the
//! documentation lists as lost (branching is flattened), and XML written the way Moodle writes it
//! imports as Moodle reads it.

use std::path::Path;

use scenario_quiz::bank::{self, Bank, BankFile, Question};
use scenario_quiz::import::moodle_xml;

use crate::common::{Quiz, fixture};

fn load_text(origin: &str, text: String) -> Bank {
    let loaded = bank::load(&[BankFile {
        origin: origin.into(),
        bytes: text.clone().into_bytes(),
    }]);
    assert!(!loaded.has_errors(), "{:#?}\n{text}", loaded.problems);
    loaded.banks.into_iter().next().unwrap()
}

fn exported_xml(bank: &Path) -> (String, String) {
    let run = Quiz::new(&["export", "--format", "moodle-xml", bank.to_str().unwrap()])
        .run()
        .succeeds();
    (run.stdout.clone(), run.stderr.clone())
}

fn imported(xml: &str, name: &str) -> Bank {
    let imported = moodle_xml::import(xml, name);
    assert!(
        imported.notices.iter().all(|n| !n.error),
        "{:?}",
        imported.notices
    );
    load_text(
        "back.yaml",
        serde_saphyr::to_string(&imported.bank).unwrap(),
    )
}

/// What a question is to a learner and a teacher, field by field.
fn described(q: &Question) -> String {
    format!(
        "{} | {:?} | {:?} | {:?} | {:?} {:?} {:?} | {:?} | {} | {} | {:?} | {:?}",
        q.id,
        q.prompt,
        q.scenario,
        q.explanation,
        q.citation.source,
        q.citation.sections,
        q.citation.locator,
        q.tags,
        q.difficulty,
        q.points,
        q.allow,
        q.key
    )
}

#[test]
fn every_built_in_bank_comes_back_from_moodle_xml_as_it_went_out() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let original = load_text(
            &path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        );
        let (xml, _) = exported_xml(&path);
        let back = imported(&xml, "bank.xml");
        assert_eq!(back.id, original.id, "the bank id is kept");
        assert_eq!(
            (&back.title, &back.description, back.version),
            (&original.title, &original.description, original.version)
        );
        for (a, b) in original.sources.iter().zip(&back.sources) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        // Listed loss: a branching scenario comes back as the questions of an ordinary one.
        let branching: Vec<&str> = original
            .scenarios
            .iter()
            .filter(|s| s.branching.is_some())
            .map(|s| s.id.as_str())
            .collect();
        for q in &original.questions {
            let came_back = back.questions.iter().find(|b| b.id == q.id);
            let came_back = came_back.unwrap_or_else(|| panic!("{} is missing", q.id));
            assert_eq!(described(came_back), described(q), "{}", path.display());
            if q.kind() == bank::Kind::Single || q.kind() == bank::Kind::Multiple {
                assert_eq!(came_back.shuffle, q.shuffle, "{}", q.id);
            }
        }
        for s in original.scenarios.iter().filter(|s| s.branching.is_none()) {
            let b = back.scenario(&s.id).unwrap();
            assert_eq!(
                (&b.title, &b.text, b.shuffle),
                (&s.title, &s.text, s.shuffle)
            );
        }
        let steps: usize = original
            .scenarios
            .iter()
            .filter_map(|s| s.branching.as_ref())
            .map(|b| b.steps.len())
            .sum();
        assert_eq!(
            back.questions.len(),
            original.questions.len() + steps,
            "each decision of {branching:?} comes back as a question"
        );
    }
}

#[test]
fn the_export_is_what_moodles_xml_importer_reads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes");
    for entry in std::fs::read_dir(dir).unwrap() {
        let (xml, _) = exported_xml(&entry.unwrap().path());
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let quiz = doc.root_element();
        assert!(quiz.has_tag_name("quiz"));
        for q in quiz.children().filter(roxmltree::Node::is_element) {
            assert!(q.has_tag_name("question"));
            let qtype = q.attribute("type").unwrap();
            let has = |name: &str| q.children().any(|c| c.has_tag_name(name));
            match qtype {
                "category" => assert!(has("category")),
                "description" => assert!(has("name") && has("questiontext")),
                _ => {
                    for field in [
                        "name",
                        "questiontext",
                        "generalfeedback",
                        "defaultgrade",
                        "idnumber",
                    ] {
                        assert!(has(field), "{qtype} without {field}");
                    }
                    let required: &[&str] = match qtype {
                        "multichoice" => &["single", "shuffleanswers", "answer"],
                        "truefalse" | "shortanswer" | "numerical" => &["answer"],
                        "matching" => &["subquestion"],
                        "ordering" => &["layouttype", "selecttype", "gradingtype", "answer"],
                        other => panic!("unexpected type {other}"),
                    };
                    for field in required {
                        assert!(has(field), "{qtype} without {field}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_multiple_answer_question_keeps_its_weights_and_scoring() {
    let bank = "id: m\ntitle: M\nversion: 1\nsources: [{id: s, title: S, author: A}]\n\
        questions:\n  - id: warm\n    kind: multiple\n    scoring: moodle\n    prompt: Warm?\n\
        \x20   choices:\n      - {text: yellow, correct: true, weight: 60}\n\
        \x20     - {text: off-beige, correct: true, weight: 40}\n\
        \x20     - {text: blue, weight: -100, why: Cold.}\n\
        \x20   explanation: E.\n    source: {id: s, section: X}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.yaml");
    std::fs::write(&path, bank).unwrap();
    let (xml, _) = exported_xml(&path);
    assert!(
        xml.contains("<answer fraction=\"60\" format=\"plain_text\"><text>yellow</text>"),
        "{xml}"
    );
    assert!(xml.contains("<answer fraction=\"-100\" format=\"plain_text\"><text>blue</text><feedback format=\"plain_text\"><text>Cold.</text></feedback>"), "{xml}");
    let back = imported(&xml, "m.xml");
    let original = load_text("m.yaml", bank.to_owned());
    assert_eq!(
        described(&back.questions[0]),
        described(&original.questions[0])
    );
}

/// A fixture written as Moodle writes each question type, and what `quiz import moodle-xml` must
/// make of it.
#[test]
fn moodle_written_xml_imports_as_moodle_reads_it() {
    let xml = std::fs::read_to_string(fixture("moodle-xml/every-kind.xml")).unwrap();
    let imported = moodle_xml::import(&xml, "every-kind.xml");
    let notes: Vec<String> = imported.notices.iter().map(ToString::to_string).collect();
    assert!(notes.iter().all(|n| !n.starts_with("error")), "{notes:#?}");
    let back = load_text(
        "back.yaml",
        serde_saphyr::to_string(&imported.bank).unwrap(),
    );
    assert_eq!(back.title, "Moodle examples");
    let q = |id: &str| {
        let q = back.questions.iter().find(|q| q.id == id);
        format!(
            "{:?}",
            q.unwrap_or_else(|| panic!("no {id}: {notes:#?}")).key
        )
    };
    assert!(
        q("capital-of-france").starts_with("Single"),
        "{}",
        q("capital-of-france")
    );
    assert!(q("grants-tomb").contains("scoring: Moodle"));
    assert!(q("sky-is-blue").contains("TrueFalse { answer: true }"));
    assert!(q("first-president").contains("\"Washington\", \"George Washington\""));
    assert!(q("wildcard").contains("\"5*3\""));
    assert!(q("pi").contains("answer: 3.14") && q("pi").contains("Absolute(0.01)"));
    assert!(q("speed").contains("unit: Some(\"m/s\")"));
    assert!(q("capitals").contains("left: \"France\", right: \"Paris\""));
    assert!(q("planets").contains("items: [\"Mercury\", \"Venus\", \"Earth\"]"));
    let has = |text: &str| notes.iter().any(|n| n.contains(text));
    assert!(has("extra answer to choose from"), "{notes:#?}");
    assert!(has("the file `diagram.png`"), "{notes:#?}");
    assert!(has("Moodle's `essay` questions"), "{notes:#?}");
    assert!(has("a wildcard"), "{notes:#?}");
    let html = back
        .questions
        .iter()
        .find(|q| q.id == "capital-of-france")
        .unwrap();
    assert_eq!(html.prompt, "What is the capital of France?");
    let scenario = back.scenarios.first().unwrap();
    assert_eq!(scenario.title, "Geography");
}

#[test]
fn broken_xml_is_an_error_with_its_line() {
    let imported = moodle_xml::import("<quiz>\n<question type=\"truefalse\">\n</quiz>\n", "b.xml");
    let error = imported.notices.iter().find(|n| n.error).unwrap();
    assert_eq!(error.line, 3);
    assert!(error.message.contains("not well-formed XML"));
}

/// Moodle's own import test cases: nested categories without `top`, an essay, and images.
#[test]
fn moodles_nested_categories_essays_and_images_import_with_their_losses_listed() {
    let xml = std::fs::read_to_string(fixture("moodle-xml/nested-and-files.xml")).unwrap();
    let imported = moodle_xml::import(&xml, "nested.xml");
    let notes: Vec<String> = imported.notices.iter().map(ToString::to_string).collect();
    let back = load_text(
        "back.yaml",
        serde_saphyr::to_string(&imported.bank).unwrap(),
    );
    assert_eq!(back.title, "Iota");
    assert_eq!(back.description, "The Iota category");
    let ids: Vec<&str> = back.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["iota-question", "moodle-acronym-false"]);
    let acronym = &back.questions[1];
    assert_eq!(
        acronym.prompt,
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Education."
    );
    assert!(format!("{:?}", acronym.key).contains("answer: false"));
    for file in ["logo.jpg", "infos.jpg", "thumbdown.jpg"] {
        assert!(notes.iter().any(|n| n.contains(file)), "{file}: {notes:#?}");
    }
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Moodle's `essay` questions")),
        "{notes:#?}"
    );
}
