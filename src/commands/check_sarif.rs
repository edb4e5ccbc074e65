//! `quiz check --format sarif`: the diagnostics as a SARIF 2.1.0 log, the format that CI code
//! scanning reads to annotate the lines of a change.

use serde_json::{Value, json};

use super::check::Ranged;
use crate::bank::{Diagnostic, Lint, Severity};

/// The schema a SARIF 2.1.0 log names, as the standard publishes it.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One run of `quiz`, with a rule for each lint that warned and a result for each diagnostic.
pub(super) fn log(diagnostics: &[Ranged]) -> Value {
    let mut rules: Vec<String> = diagnostics
        .iter()
        .filter_map(|r| r.diagnostic.lint.map(Lint::name))
        .collect();
    rules.sort();
    rules.dedup();
    let results: Vec<Value> = diagnostics.iter().map(|r| result(r, &rules)).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "quiz",
                "fullName": "scenario-quiz check",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|id| json!({
                    "id": id,
                    "defaultConfiguration": {"level": "warning"},
                })).collect::<Vec<_>>(),
            }},
            // Columns count characters, as the text output's `file:line:col` does.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn result(ranged: &Ranged, rules: &[String]) -> Value {
    let problem: &Diagnostic = ranged.diagnostic;
    let text = match &problem.help {
        Some(help) => format!("{}\nhelp: {help}", problem.message),
        None => problem.message.clone(),
    };
    let mut result = json!({
        "level": match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri_of(&problem.file)},
            "region": {
                "startLine": problem.line.max(1),
                "startColumn": problem.column.max(1),
                "endLine": ranged.end_line,
                "endColumn": ranged.end_column,
            },
        }}],
    });
    if let Some(name) = problem.lint.map(Lint::name) {
        result["ruleIndex"] = json!(rules.iter().position(|r| *r == name));
        result["ruleId"] = json!(name);
    }
    if let Some(id) = &problem.question {
        result["properties"] = json!({"question": id});
    }
    result
}

/// A file name as a relative URI reference: `/` between folders, and every byte outside the
/// characters a path may hold as is written `%XX`.
fn uri_of(file: &str) -> String {
    file.replace('\\', "/")
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_becomes_a_uri_reference() {
        assert_eq!(uri_of("banks/water cycle.yaml"), "banks/water%20cycle.yaml");
        assert_eq!(uri_of("folder\\été.yaml"), "folder/%C3%A9t%C3%A9.yaml");
    }
}
