//! Request validation: the runtime shapes of `[schemas]`, each route's input settings, and the
//! validation test table (valid examples and invalid variants with the JSON pointers they fail at).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::types::string_literal;
use crate::spec::{Route, Schema, Spec, StringFormat};

/// The default body limit: 1 MiB.
pub const DEFAULT_MAX_BODY: u64 = 1024 * 1024;

/// Every schema as the runtime validator reads it (`src/generated/shapes.json`).
pub fn shapes(spec: &Spec) -> Value {
    Value::Object(
        spec.schemas
            .iter()
            .map(|(name, schema)| (name.clone(), shape(schema)))
            .collect(),
    )
}

fn shape(schema: &Schema) -> Value {
    let mut out = Map::new();
    let mut put = |key: &str, value: Value| {
        if !value.is_null() && value != json!(false) {
            out.insert(key.to_owned(), value);
        }
    };
    match schema {
        Schema::Object {
            properties,
            required,
            additional_properties,
            nullable,
            ..
        } => {
            put("type", json!("object"));
            put(
                "properties",
                Value::Object(
                    properties
                        .iter()
                        .map(|(k, v)| (k.clone(), shape(v)))
                        .collect(),
                ),
            );
            put("required", json!(required));
            put("additional", json!(additional_properties));
            put("nullable", json!(nullable));
        }
        Schema::String {
            min_length,
            max_length,
            pattern,
            format,
            enum_values,
            nullable,
            ..
        } => {
            put("type", json!("string"));
            put("minLength", json!(min_length));
            put("maxLength", json!(max_length));
            put("pattern", json!(pattern));
            put("format", json!(format));
            put("enum", json!(enum_values));
            put("nullable", json!(nullable));
        }
        Schema::Integer {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            nullable,
            ..
        } => {
            put("type", json!("integer"));
            for (key, value) in bounds(*minimum, *maximum, *exclusive_minimum, *exclusive_maximum) {
                put(key, value);
            }
            put("nullable", json!(nullable));
        }
        Schema::Number {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            nullable,
            ..
        } => {
            put("type", json!("number"));
            for (key, value) in bounds(*minimum, *maximum, *exclusive_minimum, *exclusive_maximum) {
                put(key, value);
            }
            put("nullable", json!(nullable));
        }
        Schema::Boolean { nullable, .. } => {
            put("type", json!("boolean"));
            put("nullable", json!(nullable));
        }
        Schema::Array {
            items,
            min_items,
            max_items,
            unique_items,
            nullable,
            ..
        } => {
            put("type", json!("array"));
            put("items", shape(items));
            put("minItems", json!(min_items));
            put("maxItems", json!(max_items));
            put("unique", json!(unique_items));
            put("nullable", json!(nullable));
        }
        Schema::Ref { name, nullable, .. } => {
            put("type", json!("ref"));
            put("name", json!(name));
            put("nullable", json!(nullable));
        }
    }
    Value::Object(out)
}

/// The bounds of a number, as JSON Schema keywords (`null` where absent).
pub(crate) fn bounds<T: Serialize>(
    minimum: Option<T>,
    maximum: Option<T>,
    exclusive_minimum: Option<T>,
    exclusive_maximum: Option<T>,
) -> [(&'static str, Value); 4] {
    [
        ("minimum", json!(minimum)),
        ("maximum", json!(maximum)),
        ("exclusiveMinimum", json!(exclusive_minimum)),
        ("exclusiveMaximum", json!(exclusive_maximum)),
    ]
}

/// A route's input settings for the `INPUTS` table.
#[derive(Debug, Clone, Serialize)]
pub struct InputModel {
    /// The handler.
    pub handler: String,
    /// `body: "Name",` / `query: ...,` / `maxBytes: N,` at an indent of four.
    pub fields: Vec<String>,
}

/// The input settings of every route with a body or query schema.
pub fn inputs(spec: &Spec) -> Vec<InputModel> {
    let mut out: Vec<InputModel> = spec
        .routes
        .iter()
        .filter(|r| r.body.is_some() || r.query.is_some())
        .map(|route| InputModel {
            handler: route.handler.clone(),
            fields: vec![
                format!(
                    "body: {},",
                    route
                        .body
                        .as_deref()
                        .map_or("null".to_owned(), string_literal)
                ),
                format!(
                    "query: {},",
                    route
                        .query
                        .as_deref()
                        .map_or("null".to_owned(), string_literal)
                ),
                format!(
                    "maxBytes: {},",
                    route.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY)
                ),
            ],
        })
        .collect();
    out.sort_by(|a, b| a.handler.cmp(&b.handler));
    out
}

/// One route's validation tests.
#[derive(Debug, Clone, Serialize)]
pub struct InputCase {
    /// The method.
    pub method: String,
    /// The path.
    pub path: String,
    /// The body limit.
    pub max_bytes: u64,
    /// Whether the route has a body schema.
    pub has_body: bool,
    /// Whether the route has a query schema.
    pub has_query: bool,
    /// A valid body, if the route takes one and one can be built (`null` otherwise).
    pub body: Option<Value>,
    /// A valid query string (without `?`), if the route takes one.
    pub query: Option<String>,
    /// Invalid bodies, each with the JSON pointers it must be reported at.
    pub invalid_bodies: Vec<Invalid>,
    /// Invalid query strings, likewise.
    pub invalid_queries: Vec<InvalidQuery>,
}

/// An invalid body.
#[derive(Debug, Clone, Serialize)]
pub struct Invalid {
    /// The body.
    pub value: Value,
    /// Where the errors must point.
    pub pointers: Vec<String>,
}

/// An invalid query string.
#[derive(Debug, Clone, Serialize)]
pub struct InvalidQuery {
    /// The query string, without `?`.
    pub query: String,
    /// Where the errors must point.
    pub pointers: Vec<String>,
}

/// The validation test table.
pub fn cases(spec: &Spec) -> Vec<InputCase> {
    spec.routes
        .iter()
        .filter(|r| r.body.is_some() || r.query.is_some())
        .filter_map(|route| case(spec, route))
        .collect()
}

fn case(spec: &Spec, route: &Route) -> Option<InputCase> {
    let row = super::oracle::cases(std::slice::from_ref(route))
        .into_iter()
        .find(|c| c.status == 200 && c.method != "HEAD")?;
    let resolved = super::oracle::resolve(&spec.routes, &row.method, &row.path);
    if resolved.handler.as_deref() != Some(route.handler.as_str()) {
        return None;
    }
    let body_schema = route.body.as_ref().and_then(|n| spec.schemas.get(n));
    let body = body_schema.and_then(|s| example(spec, s, 0));
    let mut invalid_bodies = Vec::new();
    if let (
        Some(Schema::Object {
            properties,
            required,
            additional_properties,
            ..
        }),
        Some(Value::Object(valid)),
    ) = (body_schema, &body)
    {
        for (name, property) in properties {
            let pointer = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
            if let Some(wrong) = wrong_type(spec, property) {
                let mut value = valid.clone();
                value.insert(name.clone(), wrong);
                invalid_bodies.push(Invalid {
                    value: Value::Object(value),
                    pointers: vec![pointer.clone()],
                });
            }
            if required.contains(name) {
                let mut value = valid.clone();
                value.remove(name);
                invalid_bodies.push(Invalid {
                    value: Value::Object(value),
                    pointers: vec![pointer],
                });
            }
        }
        if !additional_properties {
            let mut value = valid.clone();
            value.insert("unexpectedField".into(), json!(1));
            invalid_bodies.push(Invalid {
                value: Value::Object(value),
                pointers: vec!["/unexpectedField".into()],
            });
        }
    }
    if body_schema.is_some() {
        invalid_bodies.push(Invalid {
            value: json!([1, 2, 3]),
            pointers: vec![String::new()],
        });
    }
    let query_schema = route.query.as_ref().and_then(|n| spec.schemas.get(n));
    let mut query = None;
    let mut invalid_queries = Vec::new();
    if let Some(Schema::Object {
        properties,
        required,
        ..
    }) = query_schema
    {
        let pairs: Option<Vec<(String, String)>> = properties
            .iter()
            .filter(|(name, _)| required.contains(*name))
            .map(|(name, p)| Some((name.clone(), query_text(&example(spec, p, 0)?))))
            .collect();
        if let Some(pairs) = pairs {
            let encode = |pairs: &[(String, String)]| {
                pairs
                    .iter()
                    .map(|(k, v)| format!("{k}={}", encode(v)))
                    .collect::<Vec<_>>()
                    .join("&")
            };
            query = Some(encode(&pairs));
            for (name, property) in properties {
                let wrong = match property {
                    Schema::Integer { .. } => Some("1.5"),
                    Schema::Number { .. } => Some("not-a-number"),
                    Schema::Boolean { .. } => Some("maybe"),
                    Schema::String {
                        enum_values: Some(_),
                        ..
                    } => Some("not-listed"),
                    _ => None,
                };
                if let Some(wrong) = wrong {
                    let mut bad: Vec<(String, String)> =
                        pairs.iter().filter(|(k, _)| k != name).cloned().collect();
                    bad.push((name.clone(), wrong.to_owned()));
                    invalid_queries.push(InvalidQuery {
                        query: encode(&bad),
                        pointers: vec![format!("/{name}")],
                    });
                }
                if required.contains(name) {
                    let bad: Vec<(String, String)> =
                        pairs.iter().filter(|(k, _)| k != name).cloned().collect();
                    invalid_queries.push(InvalidQuery {
                        query: encode(&bad),
                        pointers: vec![format!("/{name}")],
                    });
                }
            }
        }
    }
    Some(InputCase {
        method: row.method,
        path: row.path,
        max_bytes: route.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY),
        has_body: route.body.is_some(),
        has_query: route.query.is_some(),
        body,
        query,
        invalid_bodies,
        invalid_queries,
    })
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn query_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value of the wrong type for `schema` (never valid for it).
fn wrong_type(spec: &Spec, schema: &Schema) -> Option<Value> {
    match schema {
        Schema::String { .. } => Some(json!(12345)),
        Schema::Integer { .. } => Some(json!(1.5)),
        Schema::Number { .. }
        | Schema::Boolean { .. }
        | Schema::Object { .. }
        | Schema::Array { .. } => Some(json!("wrong type")),
        Schema::Ref { name, .. } => spec.schemas.get(name).and_then(|s| wrong_type(spec, s)),
    }
}

/// A valid value of the named schema (`None` for an unknown name or a `pattern`).
pub fn example_of(spec: &Spec, name: &str) -> Option<Value> {
    example(spec, spec.schemas.get(name)?, 0)
}

/// A valid value for `schema`, or `None` when one cannot be built (a `pattern`).
fn example(spec: &Spec, schema: &Schema, depth: usize) -> Option<Value> {
    if depth > 8 {
        return None;
    }
    Some(match schema {
        Schema::Object {
            properties,
            required,
            ..
        } => {
            let mut out = Map::new();
            for (name, property) in properties.iter().filter(|(n, _)| required.contains(*n)) {
                out.insert(name.clone(), example(spec, property, depth + 1)?);
            }
            Value::Object(out)
        }
        Schema::String {
            pattern: Some(_), ..
        } => return None,
        Schema::String {
            enum_values: Some(values),
            ..
        } => json!(values.first()?),
        Schema::String {
            format: Some(format),
            ..
        } => json!(match format {
            StringFormat::Uri => "https://example.com/page",
            StringFormat::Email => "someone@example.com",
            StringFormat::Uuid => "123e4567-e89b-42d3-a456-426614174000",
            StringFormat::Date => "2026-01-02",
            StringFormat::DateTime => "2026-01-02T03:04:05Z",
        }),
        Schema::String {
            min_length,
            max_length,
            ..
        } => {
            let length = (*min_length)
                .unwrap_or(5)
                .max(1)
                .min((*max_length).unwrap_or(u32::MAX)) as usize;
            json!("x".repeat(length))
        }
        Schema::Integer {
            minimum,
            maximum,
            exclusive_minimum,
            ..
        } => {
            let low = minimum.or(exclusive_minimum.map(|m| m + 1)).unwrap_or(1);
            json!(maximum.map_or(low, |max| low.min(max)))
        }
        Schema::Number {
            minimum,
            maximum,
            exclusive_minimum,
            ..
        } => {
            let low = minimum
                .or(exclusive_minimum.map(|m| m + 0.5))
                .unwrap_or(1.5);
            json!(maximum.map_or(low, |max| low.min(max)))
        }
        Schema::Boolean { .. } => json!(true),
        Schema::Array {
            items,
            min_items,
            unique_items,
            ..
        } => {
            let count = (*min_items).unwrap_or(1) as usize;
            if *unique_items && count > 1 {
                return None;
            }
            let item = example(spec, items, depth + 1)?;
            Value::Array(vec![item; count])
        }
        Schema::Ref { name, .. } => example(spec, spec.schemas.get(name)?, depth + 1)?,
    })
}

/// The TypeScript type of a route's body and query: the schema's name, or `undefined`.
pub fn types(route: &Route) -> (String, String) {
    let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "undefined".to_owned());
    (name(&route.body), name(&route.query))
}
