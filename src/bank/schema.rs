//! The JSON Schema of the bank format (draft-07, as yaml-language-server reads it), derived from
//! the raw types the loader parses into (`shapes` describes the fields serde reads by hand).

use schemars::generate::SchemaSettings;

use super::format::RawBank;

/// The whole schema, with a title and description for editors.
pub(crate) fn bank_schema() -> serde_json::Value {
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
