//! Request validation settings: bodies and query strings that name real schemas of the right shape.

use crate::diagnostic::{Diagnostic, KeyPath, did_you_mean};
use crate::spec::{Method, Schema, Spec};

/// Cloudflare's largest request body (on the biggest plans), in bytes.
const MAX_BODY: u64 = 500 * 1024 * 1024;

fn schema<'a>(
    spec: &'a Spec,
    name: &str,
    path: &KeyPath,
    out: &mut Vec<Diagnostic>,
) -> Option<&'a Schema> {
    let found = spec.schemas.get(name);
    if found.is_none() {
        let diagnostic = Diagnostic::value(path.clone(), format!("no schema named `{name}`"));
        out.push(
            match did_you_mean(name, spec.schemas.keys().map(String::as_str)) {
                Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                None => diagnostic.help(format!("define it in `[schemas.{name}]`")),
            },
        );
    }
    found
}

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for (i, route) in spec.routes.iter().enumerate() {
        let path = KeyPath::root().key("routes").index(i);
        if let Some(body) = &route.body {
            schema(spec, body, &path.key("body"), out);
            if matches!(route.method, Method::Get | Method::Head) {
                out.push(
                    Diagnostic::value(
                        path.key("body"),
                        format!(
                            "a `{}` request has no body to validate",
                            route.method.as_str()
                        ),
                    )
                    .help("use `query` for GET parameters, or change the method"),
                );
            }
        }
        if let Some(limit) = route.max_body_bytes {
            if route.body.is_none() {
                out.push(
                    Diagnostic::value(
                        path.key("max_body_bytes"),
                        "`max_body_bytes` without `body`",
                    )
                    .help("name the body's schema in `body`"),
                );
            } else if limit == 0 || limit > MAX_BODY {
                out.push(
                    Diagnostic::value(
                        path.key("max_body_bytes"),
                        format!("`max_body_bytes` = {limit} is outside 1 to {MAX_BODY}"),
                    )
                    .help("Workers accept bodies up to 100 MB on most plans; the default is 1 MiB"),
                );
            }
        }
        if let Some(query) = &route.query {
            let Some(found) = schema(spec, query, &path.key("query"), out) else {
                continue;
            };
            let scalar = |s: &Schema| {
                matches!(
                    s,
                    Schema::String { .. }
                        | Schema::Integer { .. }
                        | Schema::Number { .. }
                        | Schema::Boolean { .. }
                )
            };
            let fits = match found {
                Schema::Object {
                    properties,
                    nullable: false,
                    ..
                } => properties.values().all(scalar),
                _ => false,
            };
            if !fits {
                out.push(
                    Diagnostic::value(
                        path.key("query"),
                        format!("schema `{query}` cannot describe a query string"),
                    )
                    .help(
                        "use an object whose properties are strings, numbers, integers or booleans",
                    ),
                );
            }
        }
    }
}
