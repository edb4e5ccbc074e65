//! End to end: `quiz export` in every format and `quiz import gift`, with the round trip between
//! them.

use std::path::Path;

use crate::common::{FIXTURES, Quiz, seen, seen_in};
use insta::assert_snapshot;
use scenario_quiz::bank::branching::{Quality, Routes};
use scenario_quiz::bank::{self, AnswerKey, Bank, BankFile, Question};

const BASICS: &str = "tests/fixtures/basics.yaml";

#[test]
fn gift_export_names_categories_feedback_and_order_questions() {
    assert_snapshot!(seen(&["export", "--format", "gift", BASICS]));
}

#[test]
fn aiken_export_holds_single_choice_only() {
    assert_snapshot!(seen(&["export", "--format", "aiken", BASICS]));
}

#[test]
fn anki_export_is_tab_separated_with_headers() {
    assert_snapshot!(seen(&["export", "--format", "anki", BASICS]));
}

#[test]
fn markdown_export_is_a_worksheet_then_its_key() {
    assert_snapshot!(seen(&["export", "--format", "markdown", BASICS]));
}

#[test]
fn markdown_to_a_file_writes_the_key_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let basics = Path::new(env!("CARGO_MANIFEST_DIR")).join(BASICS);
    let basics = basics.to_str().unwrap();
    let out = seen_in(
        &["export", "--format", "markdown", basics, "-o", "sheet.md"],
        dir.path(),
    );
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(
        out.ends_with("as markdown to sheet.md and sheet-key.md\n"),
        "{out}"
    );
    let sheet = std::fs::read_to_string(dir.path().join("sheet.md")).unwrap();
    let key = std::fs::read_to_string(dir.path().join("sheet-key.md")).unwrap();
    assert!(sheet.starts_with("# Treaty basics\n"));
    assert!(!sheet.contains("Answer key"));
    assert!(key.starts_with("# Answer key: Treaty basics\n"));
    // Written again only with --force.
    let again = seen_in(
        &["export", "--format", "markdown", basics, "-o", "sheet.md"],
        dir.path(),
    );
    assert!(
        again.contains("error: `sheet.md` already exists; pass --force"),
        "{again}"
    );
}

#[test]
fn gift_weights_are_the_ones_moodle_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("thirds.yaml");
    std::fs::write(
        &bank,
        "id: thirds\ntitle: Thirds\nversion: 1\n\
         sources: [{id: s, title: S, author: A}]\n\
         questions:\n  - id: primes\n    kind: multiple\n    prompt: Which are prime?\n\
         \x20   choices:\n      - {text: '2', correct: true}\n      - {text: '3', correct: true}\n\
         \x20     - {text: '5', correct: true}\n      - {text: '4', why: 2 × 2}\n\
         \x20   explanation: Each of 2, 3 and 5 has no divisor but 1 and itself.\n\
         \x20   source: {id: s, section: Primes}\n",
    )
    .unwrap();
    let out = seen(&["export", "--format", "gift", bank.to_str().unwrap()]);
    assert!(
        out.contains("\t~%33.33333%2\n\t~%33.33333%3\n\t~%33.33333%5\n\t~%-33.33333%4#2 × 2\n"),
        "{out}"
    );
}

#[test]
fn export_reports_bad_input() {
    assert_snapshot!(
        "export_unknown_format",
        seen(&["export", "--format", "qti", BASICS])
    );
    assert_snapshot!(
        "export_missing_bank",
        seen(&["export", "--format", "gift", "no-such-bank.yaml"])
    );
    assert_snapshot!(
        "export_invalid_bank",
        seen(&[
            "export",
            "--format",
            "gift",
            &format!("{FIXTURES}/broken.yaml")
        ])
    );
    assert_snapshot!(
        "export_into_a_folder",
        seen(&["export", "--format", "gift", BASICS, "-o", FIXTURES])
    );
    assert_snapshot!(
        "export_nothing_for_aiken",
        seen(&[
            "export",
            "--format",
            "aiken",
            &format!("{FIXTURES}/echo.yaml")
        ])
    );
}

#[test]
fn gift_as_moodle_documents_it_imports_into_a_bank_that_passes_check() {
    let gift = format!("{FIXTURES}/moodle-style.gift");
    assert_snapshot!(seen(&["import", "gift", &gift]));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("geo.yaml");
    Quiz::new(&["import", "gift", &gift, "-o", out.to_str().unwrap()])
        .in_crate_root()
        .run()
        .succeeds();
    Quiz::new(&["check", out.to_str().unwrap()])
        .run()
        .succeeds();
}

#[test]
fn broken_gift_is_reported_with_its_lines_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.gift"),
        "::a::Unclosed {=yes ~no\n\n::b::Pairs {=one -> 1 =two}\n\n::c::No right answer {~x ~y}\n",
    )
    .unwrap();
    assert_snapshot!(seen_in(
        &["import", "gift", "broken.gift", "-o", "out.yaml"],
        dir.path()
    ));
    assert!(!dir.path().join("out.yaml").exists());
}

#[test]
fn import_reports_bad_input() {
    assert_snapshot!(
        "import_missing_file",
        seen(&["import", "gift", "no-such.gift"])
    );
    assert_snapshot!("import_a_folder", seen(&["import", "gift", FIXTURES]));
    assert_snapshot!(
        "import_unknown_format",
        seen(&["import", "qti", "questions.xml"])
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("essay.gift"), "Tell me a story.{}\n").unwrap();
    assert_snapshot!(
        "import_nothing_importable",
        seen_in(&["import", "gift", "essay.gift"], dir.path())
    );
}

/// Every question comes back from export → import as it was, order questions included (as
/// Moodle's ordering questions).
#[test]
fn export_then_import_gives_the_same_questions() {
    let dir = tempfile::tempdir().unwrap();
    Quiz::new(&["new", "starter.yaml"])
        .in_dir(dir.path())
        .run()
        .succeeds();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let banks = [
        ("starter", dir.path().join("starter.yaml")),
        ("basics", root.join(BASICS)),
        ("special", root.join(FIXTURES).join("special.yaml")),
        (
            "two-sections",
            root.join("tests/fixtures/two-sections.yaml"),
        ),
    ];
    for (name, bank) in banks {
        let gift = dir.path().join(format!("{name}.gift"));
        let back = dir.path().join(format!("{name}-back.yaml"));
        Quiz::new(&["export", "--format", "gift", bank.to_str().unwrap()])
            .args(["-o", gift.to_str().unwrap()])
            .run()
            .succeeds();
        Quiz::new(&["import", "gift", gift.to_str().unwrap()])
            .args(["-o", back.to_str().unwrap()])
            .run()
            .succeeds();
        let original = load(&bank);
        let imported = load(&back);
        assert_eq!(imported.questions.len(), original.questions.len(), "{name}");
        let ids = |bank: &Bank| {
            bank.questions
                .iter()
                .map(|q| q.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&imported),
            ids(&original),
            "{name}: the questions keep their order"
        );
        for q in &original.questions {
            let twin = imported
                .questions
                .iter()
                .find(|t| t.id == q.id)
                .unwrap_or_else(|| panic!("{name}: `{}` did not come back", q.id));
            assert_same(&original, q, &imported, twin);
            assert_eq!(
                source(&original, q),
                source(&imported, twin),
                "{name}: the source of `{}`",
                q.id
            );
        }
    }
}

/// The cited source's id, title, publisher, author and date. GIFT's credit line names one of
/// publisher and author: a source with both comes back with its publisher only.
fn source(bank: &Bank, q: &Question) -> Option<String> {
    bank.source(&q.citation.source).map(|s| {
        let author = if s.publisher.is_some() {
            None
        } else {
            s.author.as_ref()
        };
        format!(
            "{} / {} / {:?} / {:?} / {:?}",
            s.id, s.title, s.publisher, author, s.date
        )
    })
}

fn load(path: &Path) -> Bank {
    let file = BankFile {
        origin: path.display().to_string(),
        bytes: std::fs::read(path).unwrap(),
    };
    let mut loaded = bank::load(&[file]);
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.banks.remove(0)
}

fn assert_same(a_bank: &Bank, a: &Question, b_bank: &Bank, b: &Question) {
    assert_eq!(a.kind(), b.kind(), "{}", a.id);
    assert_eq!(a.prompt.trim(), b.prompt.trim(), "{}", a.id);
    assert_eq!(a.explanation.trim(), b.explanation.trim(), "{}", a.id);
    assert_eq!(a.tags, b.tags, "{}", a.id);
    assert_eq!(a.citation.sections, b.citation.sections, "{}", a.id);
    assert_eq!(a.citation.locator, b.citation.locator, "{}", a.id);
    let credit = |bank: &Bank, q: &Question| {
        bank.source(&q.citation.source)
            .map(scenario_quiz::bank::Source::credit)
    };
    assert_eq!(credit(a_bank, a), credit(b_bank, b), "{}", a.id);
    let scenario = |bank: &Bank, q: &Question| {
        q.scenario
            .as_ref()
            .and_then(|id| bank.scenario(id))
            // The words come back; lines wrapped by hand come back as one paragraph.
            .map(|s| {
                (
                    s.title.clone(),
                    s.text.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
    };
    assert_eq!(scenario(a_bank, a), scenario(b_bank, b), "{}", a.id);
    assert_eq!(answer(&a.key), answer(&b.key), "{}", a.id);
}

/// The answer key in a comparable form; tolerances as absolute margins, as GIFT writes them.
fn answer(key: &AnswerKey) -> String {
    match key {
        AnswerKey::Numeric {
            answer,
            tolerance,
            unit,
        } => {
            let margin = tolerance.margin(*answer);
            format!("{answer} ± {margin} {unit:?}")
        }
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => choices
            .iter()
            .map(|c| format!("{} {} {:?}", c.text, c.correct, c.why))
            .collect::<Vec<_>>()
            .join("; "),
        other => format!("{other:?}"),
    }
}

/// A bank titled "One" of one question `q` written by `fields`.
fn bank_of_one(fields: &str) -> String {
    format!(
        "id: one\ntitle: One\nversion: 1\nsources: [{{id: s, title: S, author: A}}]\n\
         questions:\n  - id: q\n{fields}    explanation: Because.\n    source: {{id: s, section: x}}\n"
    )
}

/// `bank` (YAML) exported to `format`: what was written and what was noted.
fn exported(format: &str, bank: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.yaml");
    std::fs::write(&path, bank).unwrap();
    let run = Quiz::new(&["export", "--format", format, path.to_str().unwrap()])
        .run()
        .succeeds();
    (run.stdout.clone(), run.stderr.clone())
}

/// A bank of one question written by `fields`, exported to GIFT.
fn exported_gift(fields: &str) -> (String, String) {
    exported("gift", &bank_of_one(fields))
}

#[test]
fn an_anki_deck_is_named_by_the_bank_title_as_written() {
    let bank = bank_of_one("    kind: true_false\n    prompt: Plants need light.\n    answer: true\n    tags: [light & dark]\n")
        .replace("title: One", "title: Plants & light");
    let (notes, _) = exported("anki", &bank);
    let note = notes.lines().last().unwrap();
    assert!(note.ends_with("\tPlants & light\tlight_&_dark"), "{note}");
}

#[test]
fn an_aiken_prompt_that_starts_like_a_choice_stays_the_question() {
    let bank = bank_of_one(
        "    kind: single\n    scenario: lab\n    prompt: E. coli lives where?\n\
         \x20   choices: [{text: In the gut, correct: true, why: Mostly.}, {text: On the moon}]\n",
    )
    .replace(
        "questions:",
        "scenarios: [{id: lab, title: Lab, text: You work in a lab.}]\nquestions:",
    );
    let (aiken, notes) = exported("aiken", &bank);
    assert!(
        aiken.starts_with("\u{2060}E. coli lives where?\nA. In the gut\n"),
        "{aiken}"
    );
    assert!(
        notes.contains("note: one/q: the prompt starts like an Aiken choice (`E. coli`)"),
        "{notes}"
    );
    assert!(
        notes.contains(
            "note: one/q: Aiken has no place for the scenario's text or the feedback on choices: left out"
        ),
        "{notes}"
    );
}

#[test]
fn an_arrow_in_a_short_answer_is_written_so_that_moodle_still_reads_a_short_answer() {
    let (gift, notes) = exported_gift(
        "    kind: short\n    prompt: What does a reaction turn into what?\n\
         \x20   accept: [reactants -> products, reactants]\n",
    );
    assert!(gift.contains("\t=reactants → products\n"), "{gift}");
    assert!(!gift.contains("->"), "{gift}");
    assert!(
        notes.contains("note: one/q: `reactants -> products`: GIFT cannot hold `->` here"),
        "{notes}"
    );
    let back = scenario_quiz::import::gift::import(&gift, "one.gift");
    assert_eq!(back.bank.questions[0].kind, "short");
}

#[test]
fn an_arrow_on_the_left_of_a_pair_is_written_so_that_the_pair_does_not_split_there() {
    let (gift, notes) = exported_gift(
        "    kind: match\n    prompt: Match.\n\
         \x20   pairs: [{left: a -> b, right: implies}, {left: a <-> b, right: iff}]\n",
    );
    assert!(gift.contains("\t=a → b -> implies\n"), "{gift}");
    assert!(gift.contains("\t=[plain]a <→ b -> iff\n"), "{gift}");
    assert!(
        notes.contains("`a -> b`") && notes.contains("`a <-> b`"),
        "{notes}"
    );
}

#[test]
fn a_choice_that_starts_like_a_weight_gets_an_explicit_one() {
    let (gift, _) = exported_gift(
        "    kind: single\n    prompt: How many passed?\n\
         \x20   choices: [{text: '%50% or more'}, {text: '%10% or less', correct: true}]\n",
    );
    assert!(gift.contains("\t~%0%%50% or more\n"), "{gift}");
    assert!(gift.contains("\t=%10% or less\n"), "{gift}");
    let back = scenario_quiz::import::gift::import(&gift, "one.gift");
    let choices = back.bank.questions[0].choices.clone().unwrap();
    let texts: Vec<(&str, bool)> = choices
        .iter()
        .map(|c| (c.text.as_str(), c.correct))
        .collect();
    assert_eq!(texts, [("%50% or more", false), ("%10% or less", true)]);
}

#[test]
fn an_order_question_goes_to_moodle_as_an_ordering_question() {
    let (gift, notes) = exported_gift(
        "    kind: order\n    prompt: Order these.\n    items: [first, second, third]\n",
    );
    assert!(
        gift.contains(
            "::q::Order these. {>3 ALL VERTICAL ABSOLUTE_POSITION SHOW none\nfirst\nsecond\nthird\n\t####Because."
        ),
        "{gift}"
    );
    assert!(!notes.contains("skipped"), "{notes}");
}

#[test]
fn gift_as_moodle_exports_it_imports_too() {
    let gift = format!("{FIXTURES}/moodle-export.gift");
    assert_snapshot!(seen(&["import", "gift", &gift]));
}

mod import_never_panics {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any text, however broken, imports to a bank or to notices: never a panic.
        #[test]
        fn on_any_text(text in "(::[a-z ]{0,6}::|\\{|\\}|~|=|#|%-?[0-9]{1,3}%|->|:|\\\\|TRUE|F|\n\n|[a-z0-9 .]{0,8}|//[^\n]{0,6}\n|\\$CATEGORY: [a-z/]{0,6}\n){0,40}") {
            let _ = scenario_quiz::import::gift::import(&text, "fuzz.gift");
        }

        #[test]
        fn on_any_characters(text in "\\PC{0,200}") {
            let _ = scenario_quiz::import::gift::import(&text, "fuzz.gift");
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_behind_standard_output_names_standard_output() {
    let full = std::fs::File::create("/dev/full").unwrap();
    let quiz = Quiz::new(&["export", "--format", "gift", BASICS]).in_crate_root();
    let output = quiz.command().stdout(full).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: cannot write to standard output: No space left on device"),
        "{stderr}"
    );
    assert!(!stderr.contains("terminal"), "{stderr}");
}

/// Bank text is plain: a tag, an entity or Markdown in it is shown as typed wherever it goes.
#[test]
fn text_that_looks_like_html_or_markdown_is_shown_as_typed_in_every_export() {
    let bank = bank_of_one(
        "    kind: single\n    prompt: \"Is <b>this</b> & *that* bold?\"\n    choices:\n      - {text: \"<i>No</i>\", correct: true}\n      - {text: \"_Yes_\", why: \"It is plain text.\"}\n",
    );
    let (gift, _) = exported("gift", &bank);
    assert!(
        gift.contains("::q::[plain]Is <b>this</b> & *that* bold? {"),
        "{gift}"
    );
    assert!(gift.contains("\t=[plain]<i>No</i>\n"), "{gift}");
    let (markdown, _) = exported("markdown", &bank);
    assert!(
        markdown.contains("Is \\<b>this\\</b> \\& \\*that\\* bold?"),
        "{markdown}"
    );
    assert!(markdown.contains("\\_Yes\\_"), "{markdown}");
    let (anki, _) = exported("anki", &bank);
    assert!(
        anki.contains("Is &lt;b&gt;this&lt;/b&gt; &amp; *that* bold?"),
        "{anki}"
    );
}

/// gift-pegjs, an independent GIFT parser, installed by `.ci/run` into `.ci/gift-pegjs`.
fn gift_pegjs() -> Option<std::path::PathBuf> {
    let folder = crate::common::fixture("../../.ci/gift-pegjs");
    let installed = folder.join("node_modules/gift-pegjs").is_dir();
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok();
    (installed && node).then(|| folder.join("parse.mjs"))
}

/// What gift-pegjs should read for a question of each kind: its type and how many answers.
/// gift-pegjs has no ordering questions, so those are not compared.
fn expected_in_gift_pegjs(q: &Question) -> Option<(&'static str, usize)> {
    match &q.key {
        AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. } => {
            Some(("MC", choices.len()))
        }
        AnswerKey::TrueFalse { .. } => Some(("TF", 0)),
        AnswerKey::Short { accept, .. } => Some(("Short", accept.len())),
        AnswerKey::Numeric { .. } => Some(("Numerical", 0)),
        AnswerKey::Match { pairs } => Some(("Matching", pairs.len())),
        AnswerKey::Order { .. } => None,
    }
}

/// Every question of a bank, and every decision of its branching scenarios with the credit each
/// choice of a `single` step earns in GIFT: all for the best, half for an acceptable one (as
/// `quiz play` scores them), none for a poor one.
fn questions_and_steps(bank: &Bank) -> Vec<(&Question, Option<Vec<u32>>)> {
    let mut all: Vec<(&Question, Option<Vec<u32>>)> =
        bank.questions.iter().map(|q| (q, None)).collect();
    for branching in bank.scenarios.iter().filter_map(|s| s.branching.as_ref()) {
        for step in &branching.steps {
            let credit = match &step.routes {
                Routes::ByChoice(routes) => Some(
                    (routes.iter())
                        .map(|r| match r.quality {
                            Quality::Best => 100,
                            Quality::Acceptable => 50,
                            Quality::Poor => 0,
                        })
                        .collect(),
                ),
                Routes::ByVerdict { .. } => None,
            };
            all.push((&step.question, credit));
        }
    }
    all
}

#[test]
fn every_gift_export_reads_the_same_in_an_independent_gift_parser() {
    let Some(parser) = gift_pegjs() else {
        eprintln!(
            "skipped: the GIFT check needs node and gift-pegjs (npm ci --prefix .ci/gift-pegjs)"
        );
        return;
    };
    let special = crate::common::fixture("authoring/special.yaml");
    let branching = crate::common::fixture("branching.yaml");
    for paths in [vec![], vec![special], vec![branching]] {
        let quiz = Quiz::new(&["export", "--format", "gift", "-o", "export.gift"]).args(&paths);
        let run = quiz.run().succeeds();
        let exported = run.dir.join("export.gift");
        let output = std::process::Command::new("node")
            .arg(&parser)
            .arg(&exported)
            .output()
            .expect("node runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let parsed: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        let banks = crate::common::load(&paths);
        let mut compared = 0;
        for (question, credit) in banks.iter().flat_map(questions_and_steps) {
            let Some((kind, answers)) = expected_in_gift_pegjs(question) else {
                continue;
            };
            let read = parsed
                .iter()
                .find(|p| p["name"] == question.id.as_str())
                .unwrap_or_else(|| panic!("{} is not in what gift-pegjs read", question.id));
            assert_eq!(read["type"], kind, "{}", question.id);
            if answers > 0 {
                assert_eq!(read["answers"], answers, "{}", question.id);
            }
            if let Some(credit) = credit {
                assert_eq!(read["credit"], serde_json::json!(credit), "{}", question.id);
            }
            compared += 1;
        }
        assert!(compared > 0, "no question compared");
    }
}

#[test]
fn a_gift_file_over_the_size_limit_is_refused_by_name() {
    let quiz = Quiz::new(&["import", "gift", "huge.gift"]);
    let huge = std::fs::File::create(quiz.dir().join("huge.gift")).unwrap();
    huge.set_len(33 * 1024 * 1024).unwrap();
    let run = quiz.run().fails_with(1);
    assert!(
        run.stderr
            .contains("`huge.gift` is 34603008 bytes; a GIFT file may have at most 33554432"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_scenario_wrapped_by_hand_is_one_paragraph_in_anki_gift_and_markdown() {
    let bank = bank_of_one(
        "    kind: true_false\n    scenario: ward\n    prompt: Call the doctor?\n    answer: true\n",
    )
    .replace(
        "questions:",
        "scenarios:\n  - id: ward\n    title: Ward\n    text: |\n      The patient is pale and\n      growing slowly worse.\n\n      The night nurse calls you.\nquestions:",
    );
    let (anki, _) = exported("anki", &bank);
    assert!(
        anki.contains(
            "The patient is pale and growing slowly worse.<br><br>The night nurse calls you."
        ),
        "{anki}"
    );
    let (gift, _) = exported("gift", &bank);
    assert!(
        gift.contains(
            "The patient is pale and growing slowly worse.\\n\\nThe night nurse calls you."
        ),
        "{gift}"
    );
    let (markdown, _) = exported("markdown", &bank);
    assert!(
        markdown.contains(
            "> The patient is pale and growing slowly worse.\n>\n> The night nurse calls you."
        ),
        "{markdown}"
    );
}

/// Every question of the built-in banks written as one YAML bank and read back: the same
/// questions, each with the same prompt, scenario text, explanation, citation and answer key; the
/// branching scenarios are named as left out.
#[test]
fn yaml_export_of_the_built_in_banks_reads_back_as_the_same_questions() {
    let dir = tempfile::tempdir().unwrap();
    let out = seen_in(
        &["export", "--format", "yaml", "-o", "all.yaml"],
        dir.path(),
    );
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(
        out.contains("skipped: economy/freight-contract: a branching scenario is walked"),
        "{out}"
    );
    let back = crate::common::load(&[dir.path().join("all.yaml")]).remove(0);
    let banks = crate::common::load(&[]);
    let questions: Vec<&Question> = banks.iter().flat_map(|b| &b.questions).collect();
    assert_eq!(back.questions.len(), questions.len());
    for (was, read) in questions.iter().zip(&back.questions) {
        assert_eq!(read.id, was.id);
        assert_eq!(read.prompt, was.prompt);
        assert_eq!(read.explanation, was.explanation);
        assert_eq!(read.points, was.points);
        assert_eq!(read.shuffle, was.shuffle);
        assert_eq!(
            format!("{:?}", read.key),
            format!("{:?}", was.key),
            "{}",
            was.id
        );
        assert_eq!(
            format!("{:?}", read.citation),
            format!("{:?}", was.citation),
            "{}",
            was.id
        );
        let scenario_text = |bank: &Bank, q: &Question| {
            q.scenario
                .as_deref()
                .and_then(|id| bank.scenario(id))
                .map(|s| s.text.clone())
        };
        let home = banks
            .iter()
            .find(|b| b.questions.iter().any(|q| q.id == was.id))
            .unwrap();
        assert_eq!(scenario_text(&back, read), scenario_text(home, was));
    }
}
