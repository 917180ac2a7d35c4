//! Rust types for `[schemas]`: serde structs, enums and aliases.

use convert_case::{Case, Casing};

use super::layout::{identifier, rust_string};
use crate::lower::types::description;
use crate::spec::Schema;

/// The Rust declaration of a named schema: a struct for objects, an enum for string enums, a type
/// alias otherwise.
pub(super) fn declaration(name: &str, schema: &Schema) -> String {
    let doc = description(schema)
        .map(|d| format!("/// {}\n", d.replace('\n', " ")))
        .unwrap_or_default();
    match schema {
        Schema::Object {
            properties,
            required,
            nullable: false,
            ..
        } => {
            let mut fields = String::new();
            for (key, property) in properties {
                let field = identifier(&key.to_case(Case::Snake));
                if let Some(d) = description(property) {
                    fields.push_str(&format!("    /// {}\n", d.replace('\n', " ")));
                }
                let mut ty = rust_type(property);
                let optional = !required.contains(key);
                if optional {
                    fields.push_str(
                        "    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n",
                    );
                    ty = format!("Option<{ty}>");
                }
                if field != *key {
                    fields.push_str(&format!("    #[serde(rename = {})]\n", rust_string(key)));
                }
                fields.push_str(&format!("    pub {field}: {ty},\n"));
            }
            format!(
                "{doc}#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\npub struct {name} {{\n{fields}}}"
            )
        }
        Schema::String {
            enum_values: Some(values),
            nullable: false,
            ..
        } => {
            let mut variants = String::new();
            for value in values {
                let variant = value.to_case(Case::Pascal);
                variants.push_str(&format!(
                    "    #[serde(rename = {})]\n    {variant},\n",
                    rust_string(value)
                ));
            }
            format!(
                "{doc}#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]\npub enum {name} {{\n{variants}}}"
            )
        }
        other => format!("{doc}pub type {name} = {};", rust_type(other)),
    }
}

/// The Rust type of an inline schema. Inline objects and string enums stay JSON (`Value`, `String`):
/// name them in `[schemas]` to get a struct or an enum.
pub(super) fn rust_type(schema: &Schema) -> String {
    let (base, nullable) = match schema {
        Schema::Object { nullable, .. } => ("serde_json::Value".to_owned(), *nullable),
        Schema::String { nullable, .. } => ("String".to_owned(), *nullable),
        Schema::Integer { nullable, .. } => ("i64".to_owned(), *nullable),
        Schema::Number { nullable, .. } => ("f64".to_owned(), *nullable),
        Schema::Boolean { nullable, .. } => ("bool".to_owned(), *nullable),
        Schema::Array {
            items, nullable, ..
        } => (format!("Vec<{}>", rust_type(items)), *nullable),
        Schema::Ref { name, nullable, .. } => (name.clone(), *nullable),
    };
    if nullable {
        format!("Option<{base}>")
    } else {
        base
    }
}

/// Whether a schema (or one nested in it) has a string `pattern`.
pub fn has_pattern(schema: &Schema) -> bool {
    match schema {
        Schema::String { pattern, .. } => pattern.is_some(),
        Schema::Object { properties, .. } => properties.values().any(has_pattern),
        Schema::Array { items, .. } => has_pattern(items),
        _ => false,
    }
}
