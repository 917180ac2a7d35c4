//! The JSON Schema of `edge-app.toml`, generated from the [`crate::spec`] types.

use serde_json::Value;

/// The JSON Schema of the spec, as a JSON value.
pub fn spec_schema() -> Value {
    let schema = schemars::schema_for!(crate::spec::Spec);
    serde_json::to_value(schema).unwrap_or(Value::Null)
}

/// The JSON Schema of the spec, pretty-printed with a trailing newline, as committed in
/// `schemas/edge-app.schema.json`.
pub fn spec_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&spec_schema()).unwrap_or_default();
    text.push('\n');
    text
}
