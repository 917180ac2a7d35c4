//! The spec reference in the README, generated from the JSON Schema (and so from the doc comments
//! of the spec types): one table per table of the spec, one row per key. A test keeps the README's
//! copy in step.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

/// The reference as Markdown.
pub fn markdown() -> String {
    let root = crate::schema::spec_schema();
    let mut writer = Writer {
        root: &root,
        out: String::new(),
        seen: BTreeSet::new(),
    };
    writer.table("edge-app.toml (top level)", &root);
    writer.out
}

struct Writer<'a> {
    root: &'a Value,
    out: String,
    /// Definitions already given a table, so recursive types (schemas) are described once.
    seen: BTreeSet<String>,
}

impl<'a> Writer<'a> {
    fn resolve(&self, schema: &'a Value) -> (&'a Value, Option<String>) {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap_or_default().to_owned();
                let target = reference
                    .strip_prefix('#')
                    .and_then(|p| self.root.pointer(p))
                    .unwrap_or(schema);
                (target, Some(name))
            }
            None => (schema, None),
        }
    }

    /// A table for an object schema titled `title`, then the tables of what it contains.
    fn table(&mut self, title: &str, schema: &'a Value) {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let _ = writeln!(self.out, "\n#### {title}\n");
        if let Some(description) = schema.get("description").and_then(Value::as_str) {
            let _ = writeln!(self.out, "{}\n", one_line(description));
        }
        if properties.keys().all(|k| k == "type") {
            self.out.push_str("No keys besides `type`.\n");
            return;
        }
        self.out
            .push_str("| key | type | default | meaning |\n| --- | --- | --- | --- |\n");
        let mut nested: Vec<(String, String, &'a Value)> = Vec::new();
        for (key, property) in properties {
            if key == "type" && property.get("const").is_some() {
                continue;
            }
            let (target, _) = self.resolve(property);
            let default = match property.get("default") {
                _ if required.contains(key.as_str()) => "required".to_owned(),
                Some(Value::Object(_)) => "none".to_owned(),
                Some(Value::Array(items)) if items.is_empty() => "none".to_owned(),
                Some(value) => format!("`{value}`"),
                None => "none".to_owned(),
            };
            let description = property
                .get("description")
                .or_else(|| target.get("description"));
            let _ = writeln!(
                self.out,
                "| `{key}` | {} | {default} | {} |",
                self.type_name(property),
                description
                    .and_then(Value::as_str)
                    .map(one_line)
                    .unwrap_or_default()
            );
            nested.extend(self.children(&format!("{}{key}", prefix(title)), property));
        }
        for (title, definition, schema) in nested {
            self.describe(&title, definition, schema);
        }
    }

    /// The object schemas reachable from `property`, with the title of their table.
    fn children(&self, path: &str, property: &'a Value) -> Vec<(String, String, &'a Value)> {
        let (target, name) = self.resolve(property);
        if let Some(items) = target.get("items") {
            return self.children(&format!("{path}[]"), items);
        }
        if let Some(values) = target.get("additionalProperties").filter(|v| v.is_object()) {
            return self.children(&format!("{path}.NAME"), values);
        }
        let is_object = target.get("properties").is_some()
            || target.get("oneOf").is_some_and(|v| self.tagged(v));
        match name {
            Some(name) if is_object && !self.seen.contains(&name) => {
                vec![(format!("`{path}`"), name, target)]
            }
            _ if target.get("anyOf").is_some() => target["anyOf"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|variant| self.children(path, variant))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The table(s) of definition `definition`, once: a `type`-tagged union gets one per variant.
    fn describe(&mut self, title: &str, definition: String, schema: &'a Value) {
        if !self.seen.insert(definition) {
            return;
        }
        if let Some(variants) = schema.get("oneOf").and_then(Value::as_array) {
            for variant in variants {
                let tag = variant
                    .pointer("/properties/type/const")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                self.table(&format!("{title} with `type = \"{tag}\"`"), variant);
            }
        } else {
            self.table(title, schema);
        }
    }

    fn tagged(&self, variants: &Value) -> bool {
        variants.as_array().is_some_and(|v| {
            v.iter()
                .any(|v| v.pointer("/properties/type/const").is_some())
        })
    }

    fn type_name(&self, property: &'a Value) -> String {
        let (target, name) = self.resolve(property);
        if let Some(variants) = target.get("oneOf").and_then(Value::as_array) {
            if self.tagged(&target["oneOf"]) {
                return format!("table ({})", name.unwrap_or_default());
            }
            let values: Vec<String> = variants
                .iter()
                .filter_map(|v| v.get("const"))
                .map(|c| format!("`{}`", c.as_str().unwrap_or_default()))
                .collect();
            return values.join(" \\| ");
        }
        if let Some(variants) = target.get("anyOf").and_then(Value::as_array) {
            return variants
                .iter()
                .map(|v| self.type_name(v))
                .filter(|t| t != "null")
                .collect::<Vec<_>>()
                .join(" or ");
        }
        let kind = match target.get("type") {
            Some(Value::Array(kinds)) => kinds
                .iter()
                .filter_map(Value::as_str)
                .find(|k| *k != "null")
                .unwrap_or("any"),
            Some(Value::String(kind)) => kind.as_str(),
            _ => return name.map_or_else(|| "any".to_owned(), |n| format!("table ({n})")),
        };
        match kind {
            "array" => plural(
                "array of",
                target
                    .get("items")
                    .map_or("any".to_owned(), |i| self.type_name(i)),
            ),
            "object" => match target.get("additionalProperties") {
                Some(values) if values.is_object() => plural("table of", self.type_name(values)),
                _ => name.map_or_else(|| "table".to_owned(), |n| format!("table ({n})")),
            },
            other => other.to_owned(),
        }
    }
}

/// `array of tables (Route)`, `table of strings`.
fn plural(container: &str, item: String) -> String {
    match item.strip_prefix("table") {
        Some(rest) => format!("{container} tables{rest}"),
        None if !item.contains(' ') => format!("{container} {item}s"),
        None => format!("{container} {item}"),
    }
}

/// `app.` for the table of `[app]`; nothing at the top level.
fn prefix(title: &str) -> String {
    match title.split('`').nth(1) {
        Some(path) => format!("{path}."),
        None => String::new(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}
