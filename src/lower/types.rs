//! TypeScript types for `[schemas]`, laid out the way prettier prints them.

use std::collections::BTreeMap;

use super::model::TypeDeclaration;
use crate::spec::Schema;

/// A JavaScript string literal in double quotes.
pub fn string_literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// One declaration per schema: an interface for objects, a type alias otherwise.
pub(super) fn declarations(schemas: &BTreeMap<String, Schema>) -> Vec<TypeDeclaration> {
    schemas
        .iter()
        .map(|(name, schema)| {
            let body = ts_type(schema, 0);
            let declaration = if body.starts_with('{') && body.ends_with('}') {
                format!("export interface {name} {body}")
            } else {
                format!("export type {name} = {body};")
            };
            TypeDeclaration {
                name: name.clone(),
                declaration,
                doc: description(schema).map(str::to_owned),
            }
        })
        .collect()
}

pub(super) fn description(schema: &Schema) -> Option<&str> {
    match schema {
        Schema::Object { description, .. }
        | Schema::String { description, .. }
        | Schema::Integer { description, .. }
        | Schema::Number { description, .. }
        | Schema::Boolean { description, .. }
        | Schema::Array { description, .. }
        | Schema::Ref { description, .. } => description.as_deref(),
    }
}

fn nullable(schema: &Schema) -> bool {
    match schema {
        Schema::Object { nullable, .. }
        | Schema::String { nullable, .. }
        | Schema::Integer { nullable, .. }
        | Schema::Number { nullable, .. }
        | Schema::Boolean { nullable, .. }
        | Schema::Array { nullable, .. }
        | Schema::Ref { nullable, .. } => *nullable,
    }
}

/// The type of `schema`, with nested objects expanded at `indent` levels of two spaces.
fn ts_type(schema: &Schema, indent: usize) -> String {
    let base = match schema {
        Schema::Object {
            properties,
            required,
            additional_properties,
            ..
        } => {
            let pad = "  ".repeat(indent + 1);
            let mut body = String::from("{\n");
            for (name, property) in properties {
                if let Some(doc) = description(property) {
                    body.push_str(&format!("{pad}/** {} */\n", doc.replace("*/", "* /")));
                }
                let optional = if required.contains(name) { "" } else { "?" };
                body.push_str(&format!(
                    "{pad}{name}{optional}: {};\n",
                    ts_type(property, indent + 1)
                ));
            }
            if *additional_properties {
                body.push_str(&format!("{pad}[key: string]: unknown;\n"));
            }
            body.push_str(&"  ".repeat(indent));
            body.push('}');
            if properties.is_empty() && !additional_properties {
                "Record<string, never>".to_owned()
            } else {
                body
            }
        }
        Schema::String {
            enum_values: Some(values),
            ..
        } if !values.is_empty() => values
            .iter()
            .map(|v| string_literal(v))
            .collect::<Vec<_>>()
            .join(" | "),
        Schema::String { .. } => "string".to_owned(),
        Schema::Integer { .. } | Schema::Number { .. } => "number".to_owned(),
        Schema::Boolean { .. } => "boolean".to_owned(),
        Schema::Array { items, .. } => {
            let item = ts_type(items, indent);
            if item.contains(' ') && !item.starts_with('{') {
                format!("({item})[]")
            } else {
                format!("{item}[]")
            }
        }
        Schema::Ref { name, .. } => name.clone(),
    };
    if nullable(schema) {
        format!("{base} | null")
    } else {
        base
    }
}

/// An `import` statement laid out as prettier prints it: one line when it fits in 80 columns,
/// otherwise one name per line.
pub fn import_statement(names: &[String], from: &str, type_only: bool) -> String {
    let keyword = if type_only { "import type" } else { "import" };
    let line = format!("{keyword} {{ {} }} from \"{from}\";", names.join(", "));
    if line.len() <= 80 {
        return line;
    }
    let body: String = names.iter().map(|n| format!("  {n},\n")).collect();
    format!("{keyword} {{\n{body}}} from \"{from}\";")
}
