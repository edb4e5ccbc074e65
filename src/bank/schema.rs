//! The JSON Schema of the bank format (draft-07, as yaml-language-server reads it), derived from
//! the raw types the loader parses into, plus the few shapes serde reads by hand.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::format::RawBank;

/// The whole schema, with a title and description for editors.
pub fn bank_schema() -> serde_json::Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawBank>();
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), "scenario-quiz bank".into());
        object.insert(
            "description".into(),
            "A quiz bank for `quiz`: sources, scenarios and questions (docs/bank-format.md)".into(),
        );
    }
    value
}

/// `answer:` is `true`/`false` for `true_false` and a number for `numeric`.
pub struct AnswerValue;

impl JsonSchema for AnswerValue {
    fn schema_name() -> Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "true or false for `true_false`; a number for `numeric`",
            "type": ["boolean", "number"]
        })
    }
}

/// `tolerance:` is an absolute margin or a share of the answer such as `"5%"`.
pub struct ToleranceValue;

impl JsonSchema for ToleranceValue {
    fn schema_name() -> Cow<'static, str> {
        "Tolerance".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "an absolute margin such as 500, or a percentage of the answer such as \"5%\"",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" }
            ]
        })
    }
}

/// `difficulty:` is 1 (easy), 2 (medium) or 3 (hard).
pub struct Difficulty;

impl JsonSchema for Difficulty {
    fn schema_name() -> Cow<'static, str> {
        "Difficulty".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "1 easy, 2 medium, 3 hard",
            "type": "integer",
            "minimum": 1,
            "maximum": 3
        })
    }
}
