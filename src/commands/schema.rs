use super::output::print_out;
use crate::bank::schema::bank_schema;
use crate::error::Error;

/// Prints the JSON Schema of the bank format.
pub(super) fn schema() -> Result<i32, Error> {
    // A JSON value always serialises; an empty output would be the only symptom.
    let text = serde_json::to_string_pretty(&bank_schema()).unwrap_or_default();
    print_out(format!("{text}\n").as_bytes())?;
    Ok(0)
}
