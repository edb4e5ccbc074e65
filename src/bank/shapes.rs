//! The JSON Schema of the few fields serde reads by hand, where deriving would describe the
//! wrong shape.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// What the loader reads as a boolean, as text: y, yes, true, on, n, no, false, off in any case.
pub(super) const BOOLEAN_WORDS: &str = "^\\s*([yY]|[yY][eE][sS]|[tT][rR][uU][eE]|[oO][nN]|[nN]|[nN][oO]|[fF][aA][lL][sS][eE]|[oO][fF][fF])\\s*$";

/// `answer:` is `true`/`false` for `true_false` and a number for `numeric`.
pub(super) struct AnswerValue;

impl JsonSchema for AnswerValue {
    fn schema_name() -> Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "true or false (or yes, no, on, off) for `true_false`; a number for `numeric`",
            "type": ["boolean", "number", "string"],
            "pattern": BOOLEAN_WORDS
        })
    }
}

/// `tolerance:` is an absolute margin or a share of the answer such as `"5%"`.
pub(super) struct ToleranceValue;

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
pub(super) struct Difficulty;

impl JsonSchema for Difficulty {
    fn schema_name() -> Cow<'static, str> {
        "Difficulty".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "1 easy, 2 medium, 3 hard",
            "type": ["integer", "string"],
            "minimum": 1,
            "maximum": 3,
            "pattern": "^\\s*[1-3]\\s*$"
        })
    }
}

/// `points:` is a positive number.
pub(super) struct Points;

impl JsonSchema for Points {
    fn schema_name() -> Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a positive number, such as 1 or 2.5",
            "type": "number",
            "exclusiveMinimum": 0
        })
    }
}

/// `section:` is one heading, or a list of the headings an answer draws on.
pub(super) struct SectionsValue;

impl JsonSchema for SectionsValue {
    fn schema_name() -> Cow<'static, str> {
        "Sections".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // A plain value where text is expected is text to the loader, as everywhere else.
        json_schema!({
            "description": "the heading in the source the answer comes from, or a list of the headings when it draws on several",
            "anyOf": [
                { "type": ["string", "number", "boolean"], "minLength": 1 },
                {
                    "type": "array",
                    "items": { "type": ["string", "number", "boolean"], "minLength": 1 },
                    "minItems": 1,
                    "uniqueItems": true
                }
            ]
        })
    }
}

/// `quality:` of a decision and `rating:` of an ending.
pub(super) struct QualityName;

impl JsonSchema for QualityName {
    fn schema_name() -> Cow<'static, str> {
        "Quality".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "best, acceptable or poor",
            "type": "string",
            "enum": ["best", "acceptable", "poor"]
        })
    }
}

/// `points:` of a decision is a number from 0.
pub(super) struct DecisionPoints;

impl JsonSchema for DecisionPoints {
    fn schema_name() -> Cow<'static, str> {
        "DecisionPoints".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "what the decision earns: a number from 0, such as 0, 1 or 2.5",
            "type": "number",
            "minimum": 0
        })
    }
}
