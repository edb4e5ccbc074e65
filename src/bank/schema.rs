//! The JSON Schema of the bank format (draft-07, as yaml-language-server reads it), derived from
//! the raw types the loader parses into (`shapes` describes the fields serde reads by hand).
//!
//! An editor reads a bank as YAML 1.2 before it checks it against the schema, and YAML 1.2 is
//! stricter than the loader: `date: 2023` is a number there and `correct: yes` is text. The loader
//! reads any plain scalar as text, `y`, `yes`, `on`, `true` (and their negatives, in any case) as
//! booleans, and numbers written in quotes as numbers; [`as_the_loader_reads`] widens the derived
//! schema to match, so that an editor underlines exactly what `quiz check` refuses.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use super::format::RawBank;
use super::shapes::BOOLEAN_WORDS;

/// A number written in quotes.
const NUMBER_TEXT: &str = "^\\s*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$";

/// A whole number written in quotes.
const INTEGER_TEXT: &str = "^\\s*\\+?[0-9]+\\s*$";

/// The whole schema, with a title and description for editors.
pub(crate) fn bank_schema() -> serde_json::Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawBank>();
    let mut value = schema.to_value();
    as_the_loader_reads(&mut value);
    steps_apart(&mut value);
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), "scenario-quiz bank".into());
        object.insert(
            "description".into(),
            "A quiz bank for `quiz`: sources, scenarios and questions (docs/bank-format.md)".into(),
        );
    }
    value
}

/// Widens every derived text, boolean and number to the scalars the loader reads as one, and
/// makes required fields non-null (the loader reports a null one as missing). Schemas with an
/// `enum`, a `pattern` or alternatives of their own (kinds, tolerances, answers, difficulty) say
/// exactly what they take.
fn as_the_loader_reads(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if !object.contains_key("enum") && !object.contains_key("pattern") {
                widen(object);
            }
            required_is_not_null(object);
            // Alternatives are written by hand (`shapes`) or wrap a reference in an option.
            object
                .iter_mut()
                .filter(|(key, _)| *key != "anyOf")
                .for_each(|(_, value)| as_the_loader_reads(value));
        }
        Value::Array(values) => values.iter_mut().for_each(as_the_loader_reads),
        _ => {}
    }
}

fn widen(object: &mut Map<String, Value>) {
    let types: Vec<String> = match object.get("type") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => return,
    };
    let has = |name: &str| types.iter().any(|t| t == name);
    let (added, pattern): (&[&str], Option<&str>) = if has("string") {
        (&["number", "boolean"], None)
    } else if has("boolean") {
        (&["string"], Some(BOOLEAN_WORDS))
    } else if has("integer") {
        (&["string"], Some(INTEGER_TEXT))
    } else if has("number") {
        (&["string"], Some(NUMBER_TEXT))
    } else {
        return;
    };
    let mut widened = types.clone();
    widened.extend(added.iter().map(|t| (*t).to_owned()));
    object.insert("type".into(), widened.into());
    if let Some(pattern) = pattern {
        object.insert("pattern".into(), pattern.into());
    }
}

/// The required fields of a question are optional in Rust (so that validation can report each
/// one missing); null is no value for them.
fn required_is_not_null(object: &mut Map<String, Value>) {
    let required: Vec<String> = match object.get("required") {
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect(),
        _ => return,
    };
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for name in required {
        let Some(Value::Object(property)) = properties.get_mut(&name) else {
            continue;
        };
        if let Some(Value::Array(types)) = property.get_mut("type") {
            types.retain(|t| t != "null");
        }
        if let Some(Value::Array(any_of)) = property.get("anyOf")
            && let [one, Value::Object(null)] = any_of.as_slice()
            && null.get("type") == Some(&Value::from("null"))
        {
            let one = one.clone();
            property.remove("anyOf");
            property.insert("allOf".into(), Value::Array(vec![one]));
        }
    }
}

/// The steps of a branching scenario are questions with `outcomes` and without a required
/// `explanation` or `source` (their choices and outcomes carry them); other questions have no
/// `outcomes`. One raw type reads both, so the schema is told apart here.
fn steps_apart(value: &mut Value) {
    let Some(definitions) = value.get_mut("definitions").and_then(Value::as_object_mut) else {
        return;
    };
    let Some(mut step) = definitions.get("RawQuestion").cloned() else {
        return;
    };
    step["description"] = "A step of a branching scenario: a question whose answers lead on".into();
    step["required"] = serde_json::json!(["id", "kind", "prompt"]);
    if let Some(Value::Object(properties)) = definitions
        .get_mut("RawQuestion")
        .and_then(|q| q.get_mut("properties"))
    {
        properties.remove("outcomes");
    }
    if let Some(Value::Object(properties)) = step.get_mut("properties") {
        properties.remove("scenario");
    }
    definitions.insert("RawStep".into(), step);
    if let Some(items) = definitions
        .get_mut("RawScenario")
        .and_then(|s| s.pointer_mut("/properties/steps/items"))
    {
        *items = serde_json::json!({ "$ref": "#/definitions/RawStep" });
    }
}
