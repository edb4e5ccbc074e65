//! `quiz import gift` on GIFT as Moodle documents it: each example in
//! `tests/fixtures/gift/moodle-docs.yaml` must become the question written beside it.

use serde_json::Value;

use crate::common::fixture;

/// One example of the fixture.
struct Example {
    name: String,
    gift: String,
    fields: Value,
}

fn examples() -> Vec<Example> {
    let path = fixture("gift/moodle-docs.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let list: Vec<Value> = serde_saphyr::from_str(&text).unwrap();
    list.into_iter()
        .map(|fields| Example {
            name: fields["example"].as_str().unwrap().to_owned(),
            gift: fields["gift"].as_str().unwrap().to_owned(),
            fields,
        })
        .collect()
}

/// What is wrong with the import of one example; empty when it is right.
fn mismatches(example: &Example) -> Vec<String> {
    let imported = scenario_quiz::import::gift::import(&example.gift, "example.gift");
    let notes: Vec<String> = imported.notices.iter().map(ToString::to_string).collect();
    let bank = serde_json::to_value(&imported.bank).unwrap();
    let questions = bank["questions"].as_array().cloned().unwrap_or_default();
    let mut wrong = Vec::new();
    let count = example.fields["questions"].as_u64().unwrap_or(1) as usize;
    if questions.len() != count {
        wrong.push(format!("{} question(s), not {count}", questions.len()));
    }
    let expected = [("question", questions.first()), ("bank", Some(&bank))];
    for (part, actual) in expected {
        let Some(fields) = example.fields[part].as_object() else {
            continue;
        };
        for (key, want) in fields {
            let got = actual.map_or(&Value::Null, |a| &a[key]);
            if !same(want, got) {
                wrong.push(format!("{part} `{key}`: expected {want}, got {got}"));
            }
        }
    }
    if let Some(cases) = example.fields["credit"].as_array() {
        wrong.extend(credit_mismatches(&imported.bank, cases));
    }
    for note in strings(&example.fields["notes"]) {
        if !notes.iter().any(|n| n.contains(&note)) {
            wrong.push(format!("no note says `{note}`; notes: {notes:?}"));
        }
    }
    wrong
}

/// Each `credit` case: the answers ticked (by text) and the share of the points Moodle gives for
/// them, graded as `quiz play` grades the imported bank.
fn credit_mismatches(bank: &scenario_quiz::import::OutBank, cases: &[Value]) -> Vec<String> {
    use scenario_quiz::bank::{AnswerKey, BankFile};
    use scenario_quiz::engine::{Response, grade};
    let yaml = serde_saphyr::to_string(bank).unwrap();
    let loaded = scenario_quiz::bank::load(&[BankFile {
        origin: "example.yaml".into(),
        bytes: yaml.into_bytes(),
    }]);
    let Some(q) = loaded.banks.first().and_then(|b| b.questions.first()) else {
        return vec![format!(
            "the imported bank does not load: {:?}",
            loaded.problems
        )];
    };
    let (AnswerKey::Single { choices } | AnswerKey::Multiple { choices, .. }) = &q.key else {
        return vec!["credit is given for choice questions only".into()];
    };
    let mut wrong = Vec::new();
    for case in cases {
        let ticks = strings(&case["ticks"]);
        let picked: Vec<usize> = ticks
            .iter()
            .filter_map(|t| choices.iter().position(|c| &c.text == t))
            .collect();
        let response = match &q.key {
            AnswerKey::Single { .. } => Response::Choice(picked[0]),
            _ => Response::Choices(picked),
        };
        let earns = case["earns"].as_f64().unwrap();
        let got = grade(q, &response).fraction();
        if (got - earns).abs() > 1e-6 {
            wrong.push(format!(
                "ticking {ticks:?} earns {got}, Moodle gives {earns}"
            ));
        }
    }
    wrong
}

/// Numbers compare by value (`5` and `5.0` are the same answer).
fn same(want: &Value, got: &Value) -> bool {
    match (want.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => want == got,
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_example_from_moodles_documentation_imports_as_moodle_reads_it() {
    let failures: Vec<String> = examples()
        .iter()
        .filter_map(|example| {
            let wrong = mismatches(example);
            (!wrong.is_empty()).then(|| format!("{}:\n  {}", example.name, wrong.join("\n  ")))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
