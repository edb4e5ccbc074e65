//! End to end: `quiz check` as a linter, `quiz new`, `quiz schema`, completions and man page.

use crate::common::{FIXTURES, Quiz, seen};
use insta::assert_snapshot;

#[test]
fn check_passes_a_clean_bank() {
    assert_snapshot!(seen(&["check", "tests/fixtures/basics.yaml"]));
}

#[test]
fn check_shows_every_warning_with_its_line_and_a_caret() {
    assert_snapshot!(seen(&["check", &format!("{FIXTURES}/flawed.yaml")]));
}

#[test]
fn warnings_alone_exit_0_unless_denied() {
    let flawed = format!("{FIXTURES}/flawed.yaml");
    Quiz::new(&["check", &flawed])
        .in_crate_root()
        .run()
        .succeeds();
    let denied = seen(&["check", &flawed, "--deny-warnings"]);
    assert!(denied.starts_with("exit: 1\n"), "{denied}");
    assert!(
        denied.ends_with(
            "0 error(s), 14 warning(s) in 1 file(s); warnings are denied (--deny-warnings)\n"
        ),
        "{denied}"
    );
}

#[test]
fn errors_and_warnings_come_sorted_by_file_and_line() {
    assert_snapshot!(seen(&["check", FIXTURES]));
}

#[test]
fn check_prints_json_for_editors() {
    assert_snapshot!(seen(&[
        "check",
        "--format",
        "json",
        &format!("{FIXTURES}/broken.yaml")
    ]));
}

#[test]
fn json_of_a_clean_bank_says_ok() {
    let run = Quiz::new(&["check", "--format", "json", "tests/fixtures/basics.yaml"])
        .in_crate_root()
        .run();
    let report = run.json();
    assert_eq!(report["ok"], true);
    assert_eq!(report["questions"], 7);
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(run.code, 0);
}

#[test]
fn check_finds_citations_missing_from_the_source() {
    assert_snapshot!(seen(&[
        "check",
        "tests/fixtures/basics.yaml",
        "--source",
        &format!("{FIXTURES}/article-excerpt.txt"),
    ]));
}

#[test]
fn a_source_tied_to_another_id_checks_nothing() {
    let out = seen(&[
        "check",
        "tests/fixtures/basics.yaml",
        "--source",
        &format!("elsewhere={FIXTURES}/article-excerpt.txt"),
    ]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
}

#[test]
fn check_reports_bad_input_clearly() {
    assert_snapshot!("check_missing_file", seen(&["check", "no/such/bank.yaml"]));
    assert_snapshot!(
        "check_missing_source",
        seen(&[
            "check",
            "tests/fixtures/basics.yaml",
            "--source",
            "no-such.txt"
        ])
    );
    assert_snapshot!(
        "check_source_is_a_folder",
        seen(&["check", "tests/fixtures/basics.yaml", "--source", FIXTURES])
    );
    assert_snapshot!(
        "check_wrong_format_name",
        seen(&["check", "--format", "xml", "tests/fixtures/basics.yaml"])
    );
}

mod new {
    use crate::common::{Quiz, seen_in};
    use insta::assert_snapshot;

    #[test]
    fn the_starter_bank_has_every_kind_and_passes_check_without_warnings() {
        let dir = tempfile::tempdir().unwrap();
        assert_snapshot!(seen_in(&["new", "water-cycle.yaml"], dir.path()));
        assert_snapshot!(seen_in(
            &["check", "water-cycle.yaml", "--deny-warnings"],
            dir.path()
        ));
        assert_snapshot!(seen_in(&["list", "water-cycle.yaml"], dir.path()));
    }

    #[test]
    fn a_title_with_quotes_and_colons_survives() {
        let dir = tempfile::tempdir().unwrap();
        let title = r#"Chapter 3: "Forces" # and more"#;
        Quiz::new(&["new", "ch3.yaml", "--title", title])
            .in_dir(dir.path())
            .run()
            .succeeds();
        let listed = seen_in(&["list", "ch3.yaml"], dir.path());
        assert!(
            listed.contains(&format!("ch3 — {title} (version 1")),
            "{listed}"
        );
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.yaml");
        std::fs::write(&path, "id: mine\n").unwrap();
        assert_snapshot!(seen_in(&["new", "mine.yaml"], dir.path()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "id: mine\n");
        Quiz::new(&["new", "mine.yaml", "--force"])
            .in_dir(dir.path())
            .run()
            .succeeds();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("kind: match")
        );
    }

    #[test]
    fn a_folder_is_refused_and_a_missing_folder_is_made() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("banks")).unwrap();
        assert_snapshot!("new_into_a_folder", seen_in(&["new", "banks"], dir.path()));
        assert_snapshot!(
            "new_into_a_missing_folder",
            seen_in(&["new", "chapters/three/bank.yaml"], dir.path())
        );
        assert!(dir.path().join("chapters/three/bank.yaml").is_file());
    }
}

mod schema {
    use std::path::{Path, PathBuf};

    use crate::common::{FIXTURES, Quiz, seen};
    use insta::assert_snapshot;

    fn schema() -> serde_json::Value {
        Quiz::new(&["schema"]).run().succeeds().json()
    }

    fn as_json(path: &Path) -> serde_json::Value {
        let text = std::fs::read_to_string(path).unwrap();
        yaml_as_an_editor_reads_it(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// YAML as yaml-language-server reads it before checking it against a schema: YAML 1.2,
    /// where `yes` and `on` are text and only `true`, `True` and `TRUE` are booleans.
    fn yaml_as_an_editor_reads_it(text: &str) -> Result<serde_json::Value, String> {
        let options = serde_saphyr::options! { strict_booleans: true };
        serde_saphyr::from_str_with_options(text, options).map_err(|e| e.to_string())
    }

    /// Whether `quiz check` finds no error in `text` (warnings are fine).
    fn loader_accepts(text: &str) -> bool {
        let quiz = Quiz::new(&["check", "--format", "json", "bank.yaml"]);
        std::fs::write(quiz.dir().join("bank.yaml"), text).unwrap();
        let report = quiz.run().json();
        report["errors"] == 0
    }

    fn schema_accepts(validator: &jsonschema::Validator, text: &str) -> bool {
        yaml_as_an_editor_reads_it(text).is_ok_and(|bank| validator.is_valid(&bank))
    }

    /// The YAML blocks of the docs that are whole banks: the ones an author copies.
    fn banks_in_the_docs() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pages = vec![root.join("README.md")];
        pages.extend(
            std::fs::read_dir(root.join("docs"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "md")),
        );
        let mut banks = Vec::new();
        for page in pages {
            let text = std::fs::read_to_string(&page).unwrap();
            for (n, block) in text.split("```yaml\n").skip(1).enumerate() {
                let block = block.split("```").next().unwrap();
                if block.lines().any(|l| l.starts_with("questions:")) {
                    banks.push((
                        format!("{} block {}", page.display(), n + 1),
                        block.to_owned(),
                    ));
                }
            }
        }
        banks
    }

    #[test]
    fn every_bank_in_the_docs_passes_check_and_the_schema() {
        let validator = jsonschema::draft7::new(&schema()).unwrap();
        let banks = banks_in_the_docs();
        assert!(
            banks
                .iter()
                .any(|(name, _)| name.contains("bank-format.md")),
            "{banks:#?}"
        );
        for (name, bank) in banks {
            assert!(loader_accepts(&bank), "quiz check refuses {name}");
            assert!(
                schema_accepts(&validator, &bank),
                "the schema refuses {name}"
            );
        }
    }

    /// A bank that both accept, with one line changed per case. What depends on a question's
    /// kind (`answer: 1` in a `true_false` question) is for `quiz check` alone.
    const BASE: &str = r#"id: t
title: Tides
version: 1
sources:
  - id: s
    title: Tide tables
    publisher: Harbour office
    date: "2023"
defaults:
  points: 1
  shuffle: true
questions:
  - id: q1
    kind: single
    prompt: Which tide is higher?
    choices:
      - text: Spring tide
        correct: true
      - text: Neap tide
        why: It is the lower one.
    explanation: The sun and the moon pull together at spring tide.
    source: {id: s, section: Tides}
    tags: [sea]
    points: 1
    difficulty: 2
  - id: q2
    kind: true_false
    prompt: Tides come twice a day.
    answer: true
    explanation: Most coasts have two high tides a day.
    source: {id: s, section: Tides}
  - id: q3
    kind: short
    prompt: In which year was the table printed?
    accept: ["2023"]
    explanation: The table's cover gives the year it was printed.
    source: {id: s, section: Tides}
"#;

    #[test]
    fn the_schema_and_check_agree_on_what_yaml_reads_as_text_numbers_and_booleans() {
        let validator = jsonschema::draft7::new(&schema()).unwrap();
        assert!(loader_accepts(BASE) && schema_accepts(&validator, BASE));
        let cases = [
            ("    date: \"2023\"", "    date: 2023"),
            ("    date: \"2023\"", "    date: 2023-05-01"),
            ("title: Tides", "title: 1953"),
            ("title: Tides", "title: ~"),
            ("    title: Tide tables", "    title: true"),
            ("prompt: Which tide is higher?", "prompt: 42"),
            ("tags: [sea]", "tags: [2024]"),
            ("accept: [\"2023\"]", "accept: [2023]"),
            ("- text: Neap tide", "- text: 7"),
            ("why: It is the lower one.", "why: 12.5"),
            ("section: Tides}", "section: 1953}"),
            ("section: Tides}", "section: [Tides, Currents]}"),
            ("section: Tides}", "section: [Tides, 1953]}"),
            ("section: Tides}", "section: [Tides]}"),
            ("section: Tides}", "section: []}"),
            ("section: Tides}", "section: [Tides, Tides]}"),
            ("section: Tides}", "section: [Tides, \"\"]}"),
            ("section: Tides}", "section: \"\"}"),
            ("section: Tides}", "section: {name: Tides}}"),
            ("correct: true", "correct: yes"),
            ("correct: true", "correct: True"),
            ("correct: true", "correct: on"),
            ("correct: true", "correct: \"yes\""),
            ("correct: true", "correct: 1"),
            ("  shuffle: true", "  shuffle: no"),
            ("  shuffle: true", "  shuffle: maybe"),
            ("answer: true", "answer: Yes"),
            ("answer: true", "answer: FALSE"),
            ("answer: true", "answer: \"true\""),
            ("answer: true", "answer: \"no\""),
            ("answer: true", "answer: maybe"),
            ("defaults:\n  points: 1", "defaults:\n  points: 0"),
            ("defaults:\n  points: 1", "defaults:\n  points: -2"),
            ("points: 1", "points: \"2\""),
            ("points: 1", "points: 0"),
            ("difficulty: 2", "difficulty: 4"),
            ("difficulty: 2", "difficulty: \"2\""),
            ("difficulty: 2", "difficulty: \"4\""),
            ("version: 1", "version: \"1\""),
            ("version: 1", "version: 1.5"),
            ("id: t", "id: 2024"),
            ("- id: q2", "- id: ~"),
            ("    kind: true_false", "    kind: null"),
            ("    kind: true_false", "    kind: 7"),
        ];
        let mut disagreements = Vec::new();
        for (line, changed) in cases {
            assert!(BASE.contains(line), "{line}");
            let bank = BASE.replacen(line, changed, 1);
            let (check, schema) = (loader_accepts(&bank), schema_accepts(&validator, &bank));
            if check != schema {
                disagreements.push(format!(
                    "`{changed}`: check accepts it: {check}, the schema: {schema}"
                ));
            }
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }

    /// The banks that ship: everything in quizzes/ (compiled in as the built-in banks), the
    /// fixture every test uses, and the starter bank of `quiz new`.
    fn shipped_banks(scratch: &Path) -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut banks: Vec<PathBuf> = std::fs::read_dir(root.join("quizzes"))
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        banks.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")));
        banks.push(root.join("tests/fixtures/basics.yaml"));
        let starter = scratch.join("starter.yaml");
        Quiz::new(&["new", starter.to_str().unwrap()])
            .run()
            .succeeds();
        banks.push(starter);
        banks
    }

    #[test]
    fn every_shipped_bank_passes_check_and_the_schema() {
        let schema = schema();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let validator = jsonschema::draft7::new(&schema).expect("the schema is valid draft-07");
        let scratch = tempfile::tempdir().unwrap();
        for bank in shipped_banks(scratch.path()) {
            let text = std::fs::read_to_string(&bank).unwrap();
            assert!(
                loader_accepts(&text),
                "quiz check refuses {}",
                bank.display()
            );
            let instance = as_json(&bank);
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", bank.display());
        }
    }

    #[test]
    fn the_schema_rejects_what_the_loader_rejects() {
        let schema = schema();
        let validator = jsonschema::draft7::new(&schema).unwrap();
        let mut bank = as_json(Path::new("tests/fixtures/basics.yaml"));
        assert!(validator.is_valid(&bank));
        bank["questions"][0]["kind"] = "singel".into();
        assert!(!validator.is_valid(&bank), "unknown kind");
        let mut bank = as_json(Path::new("tests/fixtures/basics.yaml"));
        bank["questions"][0]["colour"] = "red".into();
        assert!(!validator.is_valid(&bank), "unknown field");
        let mut bank = as_json(Path::new("tests/fixtures/basics.yaml"));
        bank["questions"][0]
            .as_object_mut()
            .unwrap()
            .remove("explanation");
        assert!(!validator.is_valid(&bank), "missing explanation");
        let broken = as_json(&Path::new(FIXTURES).join("broken.yaml"));
        assert!(!validator.is_valid(&broken));
    }

    #[test]
    fn the_schema_is_printed_as_json() {
        assert_snapshot!(seen(&["schema"]));
    }
}

mod completions_and_man {
    use crate::common::{Quiz, seen, seen_in};
    use insta::assert_snapshot;

    #[test]
    fn every_shell_gets_a_script_that_knows_the_commands() {
        for shell in ["bash", "zsh", "fish", "powershell"] {
            let run = Quiz::new(&["completions", shell]).run();
            assert_eq!(run.code, 0, "{shell}");
            let script = run.stdout;
            for word in ["check", "export", "import", "schema", "deny-warnings"] {
                assert!(script.contains(word), "{shell} lacks {word}");
            }
        }
    }

    /// The bash script is read by bash itself: it parses, and it registers completion for `quiz`.
    #[cfg(unix)]
    #[test]
    fn the_bash_script_parses_and_completes_quiz() {
        let folder = tempfile::tempdir().unwrap();
        let script = folder.path().join("quiz.bash");
        let text = Quiz::new(&["completions", "bash"]).run().stdout;
        // `--kind` offers the kinds of question.
        assert!(text.contains("true_false"), "{text}");
        std::fs::write(&script, text).unwrap();
        let checked = std::process::Command::new("bash")
            .arg("-c")
            .arg("source \"$1\" && complete -p quiz")
            .arg("bash")
            .arg(&script)
            .output()
            .expect("bash runs");
        let said = String::from_utf8_lossy(&checked.stdout);
        assert!(
            checked.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&checked.stderr)
        );
        assert!(
            said.contains("complete") && said.trim_end().ends_with(" quiz"),
            "{said}"
        );
    }

    #[test]
    fn an_unknown_shell_is_a_usage_error() {
        assert_snapshot!(seen(&["completions", "tcsh"]));
    }

    #[test]
    fn the_man_page_is_roff_with_every_command() {
        let page = Quiz::new(&["man"]).run().succeeds().stdout;
        assert!(page.contains(".TH quiz 1"), "{page}");
        for command in [
            "play",
            "check",
            "new",
            "export",
            "import",
            "schema",
            "completions",
        ] {
            assert!(page.contains(command), "the page lacks {command}");
        }
    }

    #[test]
    fn man_writes_a_page_per_command_into_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("man1")).unwrap();
        Quiz::new(&["man", "--out-dir", "man1"])
            .in_dir(dir.path())
            .run()
            .succeeds();
        let mut pages: Vec<String> = std::fs::read_dir(dir.path().join("man1"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        pages.sort();
        assert_snapshot!(pages.join("\n"));
        assert_snapshot!(
            "man_into_a_missing_folder",
            seen_in(&["man", "--out-dir", "nowhere"], dir.path())
        );
    }

    #[test]
    fn every_new_command_shows_examples_in_its_help() {
        for command in [
            "check",
            "new",
            "export",
            "import",
            "schema",
            "completions",
            "man",
        ] {
            let help = seen(&[command, "--help"]);
            assert!(help.starts_with("exit: 0\n"), "{help}");
            assert!(help.contains("Examples:\n  quiz "), "{command}: {help}");
        }
        assert_snapshot!("export_help", seen(&["export", "--help"]));
    }
}
