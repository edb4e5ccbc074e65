//! A CI job and an editor read `quiz check` as data: every diagnostic with the range it
//! underlines, as JSON or as a SARIF 2.1.0 log.

use crate::common::{Quiz, fixture};

/// A bank with errors and a folder of banks with warnings of every lint.
fn checked(format: &str) -> crate::common::Run {
    Quiz::new(&["check", "--format", format])
        .arg(fixture("broken.yaml"))
        .arg(fixture("authoring"))
        .in_crate_root()
        .run()
}

fn count(report: &serde_json::Value, field: &str) -> u64 {
    report[field].as_u64().unwrap()
}

#[test]
fn json_gives_every_diagnostic_an_end_after_its_start() {
    let run = checked("json");
    assert_eq!(run.code, 1);
    let report = run.json();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(count(&report, "errors") > 0 && count(&report, "warnings") > 0);
    for d in diagnostics {
        let at = |field: &str| {
            d[field]
                .as_u64()
                .unwrap_or_else(|| panic!("{field} in {d}"))
        };
        assert!(
            (at("end_line"), at("end_column")) > (at("line"), at("column")),
            "{d}"
        );
    }
}

#[test]
fn sarif_is_a_valid_sarif_2_1_0_log_with_every_diagnostic() {
    let run = checked("sarif");
    assert_eq!(run.code, 1, "the exit code is the same as for the text");
    let log = run.json();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema is draft-04");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(log["version"], "2.1.0");

    let json = checked("json").json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for (result, diagnostic) in results.iter().zip(diagnostics) {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], diagnostic["line"]);
        assert_eq!(region["startColumn"], diagnostic["column"]);
        assert_eq!(region["endLine"], diagnostic["end_line"]);
        assert_eq!(region["endColumn"], diagnostic["end_column"]);
        assert_eq!(result["level"], diagnostic["severity"]);
        let text = result["message"]["text"].as_str().unwrap();
        assert!(
            text.starts_with(diagnostic["message"].as_str().unwrap()),
            "{text}"
        );
        match diagnostic.get("lint") {
            Some(lint) => {
                assert_eq!(&result["ruleId"], lint);
                let index = result["ruleIndex"].as_u64().unwrap() as usize;
                assert_eq!(&rules[index]["id"], lint);
            }
            None => assert!(result.get("ruleId").is_none(), "{result}"),
        }
    }
}

#[test]
fn a_clean_bank_gives_a_sarif_log_without_results() {
    let run = Quiz::new(&["check", "--format", "sarif"])
        .arg(fixture("basics.yaml"))
        .run();
    assert_eq!(run.code, 0);
    let log = run.json();
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "quiz");
}
