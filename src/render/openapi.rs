//! The OpenAPI 3.1 document of the routes, schemas and auth schemes (`openapi.json`).

use serde_json::{Map, Value, json};

use crate::lower::input::bounds;
use crate::pattern::{self, PathSegment};
use crate::spec::{AuthScheme, Method, Route, Schema, Spec};

/// The document.
pub(super) fn document(spec: &Spec) -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for route in &spec.routes {
        let Ok(segments) = pattern::parse(&route.path) else {
            continue;
        };
        let path: String = if segments.is_empty() {
            "/".to_owned()
        } else {
            segments
                .iter()
                .map(|s| match s {
                    PathSegment::Static(text) => format!("/{text}"),
                    PathSegment::Param(name) | PathSegment::Wildcard(name) => {
                        format!("/{{{name}}}")
                    }
                })
                .collect()
        };
        let entry = paths.entry(path).or_insert_with(|| json!({}));
        let methods: Vec<&str> = match route.method {
            Method::Any => vec!["get", "post", "put", "patch", "delete"],
            method => vec![method_name(method)],
        };
        for method in &methods {
            let id = if methods.len() > 1 {
                format!("{}_{method}", route.handler)
            } else {
                route.handler.clone()
            };
            entry[*method] = operation(spec, route, &segments, id);
        }
    }
    let schemas: Map<String, Value> = spec
        .schemas
        .iter()
        .map(|(name, s)| (name.clone(), json_schema(s)))
        .collect();
    let mut components = json!({ "schemas": schemas });
    let mut problem_details = json!({
        "type": "object",
        "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "instance": { "type": "string" },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": { "pointer": { "type": "string" }, "detail": { "type": "string" } }
                }
            }
        }
    });
    problem_details["description"] =
        json!("An RFC 9457 problem: every error the Worker answers itself.");
    components["schemas"]["ProblemDetails"] = problem_details;
    let security: Map<String, Value> = spec
        .auth
        .iter()
        .flat_map(|(name, scheme)| security_schemes(name, scheme))
        .collect();
    if !security.is_empty() {
        components["securitySchemes"] = Value::Object(security);
    }
    json!({
        "openapi": "3.1.0",
        "info": { "title": spec.app.name, "version": "0.0.0" },
        "paths": paths,
        "components": components,
    })
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "get",
        Method::Head => "head",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
        Method::Options => "options",
        Method::Any => "get",
    }
}

fn operation(spec: &Spec, route: &Route, segments: &[PathSegment], id: String) -> Value {
    let mut parameters: Vec<Value> = segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Param(name) => Some(json!({
                "name": name, "in": "path", "required": true, "schema": { "type": "string" }
            })),
            PathSegment::Wildcard(name) => Some(json!({
                "name": name, "in": "path", "required": true, "schema": { "type": "string" },
                "description": "The rest of the path, slashes included."
            })),
            PathSegment::Static(_) => None,
        })
        .collect();
    if let Some(Schema::Object {
        properties,
        required,
        ..
    }) = route.query.as_ref().and_then(|q| spec.schemas.get(q))
    {
        for (name, property) in properties {
            parameters.push(json!({
                "name": name, "in": "query", "required": required.contains(name), "schema": json_schema(property)
            }));
        }
    }
    let problem = json!({ "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } });
    let mut responses = json!({
        "200": { "description": "The handler's answer." },
        "404": { "description": "No route has this path.", "content": problem },
        "405": { "description": "The path exists with other methods.", "content": problem },
        "500": { "description": "The handler failed; the body carries a request id.", "content": problem },
    });
    let mut operation = json!({ "operationId": id, "summary": format!("{} {}", route.method.as_str(), route.path) });
    if let Some(body) = &route.body {
        operation["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{body}") } } }
        });
        responses["413"] =
            json!({ "description": "The body is over the route's limit.", "content": problem });
        responses["415"] = json!({ "description": "The body is not JSON.", "content": problem });
    }
    if route.body.is_some() || route.query.is_some() {
        responses["400"] =
            json!({ "description": "Invalid input, by JSON pointer.", "content": problem });
    }
    let schemes = crate::lower::auth::route_schemes(spec, route);
    if !schemes.is_empty() {
        let requirements: Vec<Value> = schemes
            .iter()
            .flat_map(|(name, scheme)| {
                let scopes = if matches!(scheme, AuthScheme::Jwt { .. }) {
                    route.scopes.clone()
                } else {
                    Vec::new()
                };
                let mut names = vec![(*name).to_owned()];
                if let AuthScheme::ApiKey { query: Some(_), .. } = scheme {
                    names.push(format!("{name}_query"));
                }
                names.into_iter().map(move |n| json!({ n: scopes.clone() }))
            })
            .collect();
        operation["security"] = Value::Array(requirements);
        responses["401"] = json!({ "description": "No valid credentials.", "content": problem });
        if !route.scopes.is_empty() {
            responses["403"] = json!({ "description": "Authenticated without the route's scopes.", "content": problem });
        }
    }
    if route.rate_limit.is_some() {
        responses["429"] =
            json!({ "description": "Rate limited; see Retry-After.", "content": problem });
    }
    if !parameters.is_empty() {
        operation["parameters"] = Value::Array(parameters);
    }
    operation["responses"] = responses;
    operation
}

fn security_schemes(name: &str, scheme: &AuthScheme) -> Vec<(String, Value)> {
    match scheme {
        AuthScheme::Bearer { .. } => vec![(
            name.to_owned(),
            json!({ "type": "http", "scheme": "bearer" }),
        )],
        AuthScheme::Jwt { .. } => {
            vec![(
                name.to_owned(),
                json!({ "type": "http", "scheme": "bearer", "bearerFormat": "JWT" }),
            )]
        }
        AuthScheme::Basic { .. } => vec![(
            name.to_owned(),
            json!({ "type": "http", "scheme": "basic" }),
        )],
        AuthScheme::CloudflareAccess { .. } => vec![(
            name.to_owned(),
            json!({ "type": "apiKey", "in": "header", "name": "Cf-Access-Jwt-Assertion" }),
        )],
        AuthScheme::ApiKey { header, query, .. } => {
            let mut out = vec![(
                name.to_owned(),
                json!({ "type": "apiKey", "in": "header", "name": header }),
            )];
            if let Some(query) = query {
                out.push((
                    format!("{name}_query"),
                    json!({ "type": "apiKey", "in": "query", "name": query }),
                ));
            }
            out
        }
    }
}

/// A spec schema as JSON Schema 2020-12.
fn json_schema(schema: &Schema) -> Value {
    let (mut out, nullable) = match schema {
        Schema::Object {
            properties,
            required,
            additional_properties,
            nullable,
            description,
        } => {
            let properties: Map<String, Value> = properties
                .iter()
                .map(|(k, v)| (k.clone(), json_schema(v)))
                .collect();
            let mut out = json!({ "type": "object", "properties": properties, "additionalProperties": additional_properties });
            if !required.is_empty() {
                out["required"] = json!(required);
            }
            (with_description(out, description), *nullable)
        }
        Schema::String {
            min_length,
            max_length,
            pattern,
            format,
            enum_values,
            nullable,
            description,
        } => {
            let mut out = json!({ "type": "string" });
            set(&mut out, "minLength", json!(min_length));
            set(&mut out, "maxLength", json!(max_length));
            set(&mut out, "pattern", json!(pattern));
            set(&mut out, "format", json!(format));
            set(&mut out, "enum", json!(enum_values));
            (with_description(out, description), *nullable)
        }
        Schema::Integer {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            nullable,
            description,
        } => {
            let mut out = json!({ "type": "integer" });
            for (key, value) in bounds(*minimum, *maximum, *exclusive_minimum, *exclusive_maximum) {
                set(&mut out, key, value);
            }
            (with_description(out, description), *nullable)
        }
        Schema::Number {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            nullable,
            description,
        } => {
            let mut out = json!({ "type": "number" });
            for (key, value) in bounds(*minimum, *maximum, *exclusive_minimum, *exclusive_maximum) {
                set(&mut out, key, value);
            }
            (with_description(out, description), *nullable)
        }
        Schema::Boolean {
            nullable,
            description,
        } => (
            with_description(json!({ "type": "boolean" }), description),
            *nullable,
        ),
        Schema::Array {
            items,
            min_items,
            max_items,
            unique_items,
            nullable,
            description,
        } => {
            let mut out = json!({ "type": "array", "items": json_schema(items) });
            set(&mut out, "minItems", json!(min_items));
            set(&mut out, "maxItems", json!(max_items));
            if *unique_items {
                out["uniqueItems"] = json!(true);
            }
            (with_description(out, description), *nullable)
        }
        Schema::Ref {
            name,
            nullable,
            description,
        } => {
            let reference = json!({ "$ref": format!("#/components/schemas/{name}") });
            let out = if *nullable {
                json!({ "anyOf": [reference, { "type": "null" }] })
            } else {
                reference
            };
            return with_description(out, description);
        }
    };
    if nullable {
        let kind = out["type"].clone();
        out["type"] = json!([kind, "null"]);
    }
    out
}

fn set(out: &mut Value, key: &str, value: Value) {
    if !value.is_null() {
        out[key] = value;
    }
}

fn with_description(mut out: Value, description: &Option<String>) -> Value {
    if let Some(description) = description {
        out["description"] = json!(description);
    }
    out
}
