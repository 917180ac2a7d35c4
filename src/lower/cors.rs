//! CORS: each route's effective policy, compiled for the generated runtime, and the oracle that
//! computes the headers a request must get (the generated CORS tests are checked against it).

use std::collections::BTreeMap;

use serde::Serialize;

use super::oracle;
use super::types::string_literal;
use crate::spec::{CorsPolicy, Route, Spec};

/// A compiled policy, as the runtime constant `const NAME: CorsPolicy = {...}` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct CorsModel {
    /// The constant's name, such as `CORS_DEFAULT`.
    pub constant: String,
    /// The object literal's fields, one per line, already laid out for an indent of two.
    pub fields: Vec<String>,
}

/// The methods an `ANY` route answers, for preflights.
pub const ANY_METHODS: &str = "DELETE, GET, HEAD, PATCH, POST, PUT";

/// The policy a route gets: its own choice, else the default when `[cors]` allows some origin.
pub fn effective<'a>(spec: &'a Spec, route: &Route) -> Option<(String, &'a CorsPolicy)> {
    let cors = spec.cors.as_ref()?;
    match route.cors.as_deref() {
        Some("none") => None,
        None if cors.default.allow_origins.is_empty() => None,
        None | Some("default") => Some(("default".to_owned(), &cors.default)),
        Some(name) => cors.policies.get(name).map(|p| (name.to_owned(), p)),
    }
}

/// The constant name of a policy.
pub fn constant(name: &str) -> String {
    format!("CORS_{}", name.to_ascii_uppercase().replace('-', "_"))
}

/// The policies the routes use, by name.
pub fn used(spec: &Spec) -> BTreeMap<String, &CorsPolicy> {
    let mut used: BTreeMap<String, &CorsPolicy> = BTreeMap::new();
    for route in &spec.routes {
        if let Some((name, policy)) = effective(spec, route) {
            used.insert(name, policy);
        }
    }
    used
}

/// A policy taken apart the way the generated runtimes match requests against it.
pub struct Parts {
    /// `*` is allowed.
    pub any: bool,
    /// Exact origins.
    pub exact: Vec<String>,
    /// Subdomain patterns, as (`scheme://`, `.domain`).
    pub patterns: Vec<(String, String)>,
    /// Allowed request headers, lowercase.
    pub headers: Vec<String>,
    /// Allowed methods, comma-separated, when the policy lists them.
    pub methods: Option<String>,
    /// Exposed response headers, comma-separated.
    pub expose: String,
}

/// The parts of a policy.
pub fn parts(policy: &CorsPolicy) -> Parts {
    let origins = &policy.allow_origins;
    Parts {
        any: origins.iter().any(|o| o == "*"),
        exact: origins
            .iter()
            .filter(|o| *o != "*" && !o.contains("://*."))
            .cloned()
            .collect(),
        patterns: origins
            .iter()
            .filter_map(|o| o.split_once("://*."))
            .map(|(scheme, domain)| (format!("{scheme}://"), format!(".{domain}")))
            .collect(),
        headers: policy
            .allow_headers
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        methods: (!policy.allow_methods.is_empty()).then(|| policy.allow_methods.join(", ")),
        expose: policy.expose_headers.join(", "),
    }
}

/// The policies the routes use, compiled.
pub fn compile(spec: &Spec) -> Vec<CorsModel> {
    used(spec)
        .into_iter()
        .map(|(name, policy)| {
            let parts = parts(policy);
            let literals = |items: &[String]| -> Vec<String> {
                items.iter().map(|i| string_literal(i)).collect()
            };
            let patterns: Vec<String> = parts
                .patterns
                .iter()
                .map(|(scheme, domain)| {
                    format!("[{}, {}]", string_literal(scheme), string_literal(domain))
                })
                .collect();
            let methods = parts
                .methods
                .as_deref()
                .map_or("null".to_owned(), string_literal);
            let fields = vec![
                format!("anyOrigin: {},", parts.any),
                array_field("origins", &literals(&parts.exact)),
                array_field("patterns", &patterns),
                format!("methods: {methods},"),
                array_field("headers", &literals(&parts.headers)),
                format!("expose: {},", string_literal(&parts.expose)),
                format!("credentials: {},", policy.allow_credentials),
                format!(
                    "maxAge: {},",
                    policy.max_age.map_or("null".to_owned(), |m| m.to_string())
                ),
            ];
            CorsModel {
                constant: constant(&name),
                fields,
            }
        })
        .collect()
}

/// `name: [a, b],` on one line when it fits in 80 columns at an indent of two, else one item per
/// line, as prettier prints it.
fn array_field(name: &str, items: &[String]) -> String {
    let line = format!("{name}: [{}],", items.join(", "));
    if line.len() + 2 <= 80 {
        return line;
    }
    let body: String = items.iter().map(|i| format!("    {i},\n")).collect();
    format!("{name}: [\n{body}  ],")
}

/// One row of the CORS conformance table.
#[derive(Debug, Clone, Serialize)]
pub struct CorsCase {
    /// What the row checks, for the test's name.
    pub name: String,
    /// The request method.
    pub method: String,
    /// The request path.
    pub path: String,
    /// Request headers, as `[name, value]` pairs.
    pub headers: Vec<(String, String)>,
    /// The expected status.
    pub status: u16,
    /// Expected response headers; `null` means absent.
    pub expect: BTreeMap<String, Option<String>>,
}

const CORS_HEADERS: [&str; 7] = [
    "access-control-allow-origin",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-allow-credentials",
    "access-control-expose-headers",
    "access-control-max-age",
    "vary",
];

/// The value of `Access-Control-Allow-Origin` for `origin`, or `None` when it is not allowed.
fn allowed_origin(policy: &CorsPolicy, origin: &str) -> Option<String> {
    if policy.allow_origins.iter().any(|o| o == "*") {
        return Some("*".to_owned());
    }
    let allowed = policy
        .allow_origins
        .iter()
        .any(|allowed| match allowed.split_once("://*.") {
            None => allowed == origin,
            Some((scheme, domain)) => origin
                .strip_prefix(&format!("{scheme}://"))
                .and_then(|rest| rest.strip_suffix(&format!(".{domain}")))
                .is_some_and(|sub| {
                    !sub.is_empty()
                        && sub.split('.').all(|l| {
                            !l.is_empty()
                                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        })
                }),
        });
    allowed.then(|| origin.to_owned())
}

/// The headers a preflight must get.
fn preflight(
    policy: &CorsPolicy,
    methods: &str,
    origin: &str,
    method: &str,
    requested: &[&str],
) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = CORS_HEADERS
        .iter()
        .map(|h| ((*h).to_owned(), None))
        .collect();
    out.insert(
        "vary".into(),
        Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers".into()),
    );
    let methods = if policy.allow_methods.is_empty() {
        methods.to_owned()
    } else {
        policy.allow_methods.join(", ")
    };
    let headers: Vec<String> = policy
        .allow_headers
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let Some(allow) = allowed_origin(policy, origin) else {
        return out;
    };
    if !methods.split(", ").any(|m| m == method)
        || !requested.iter().all(|h| headers.iter().any(|a| a == h))
    {
        return out;
    }
    out.insert("access-control-allow-origin".into(), Some(allow));
    out.insert("access-control-allow-methods".into(), Some(methods));
    if !requested.is_empty() {
        out.insert(
            "access-control-allow-headers".into(),
            Some(requested.join(", ")),
        );
    }
    if policy.allow_credentials {
        out.insert(
            "access-control-allow-credentials".into(),
            Some("true".into()),
        );
    }
    if let Some(max_age) = policy.max_age {
        out.insert("access-control-max-age".into(), Some(max_age.to_string()));
    }
    out
}

/// The headers an actual (non-preflight) response must get.
fn actual(policy: &CorsPolicy, origin: Option<&str>) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = CORS_HEADERS
        .iter()
        .map(|h| ((*h).to_owned(), None))
        .collect();
    let any = policy.allow_origins.iter().any(|o| o == "*");
    if !any || policy.allow_credentials {
        out.insert("vary".into(), Some("Origin".into()));
    }
    let Some(allow) = origin.and_then(|o| allowed_origin(policy, o)) else {
        return out;
    };
    out.insert("access-control-allow-origin".into(), Some(allow));
    if policy.allow_credentials {
        out.insert(
            "access-control-allow-credentials".into(),
            Some("true".into()),
        );
    }
    if !policy.expose_headers.is_empty() {
        out.insert(
            "access-control-expose-headers".into(),
            Some(policy.expose_headers.join(", ")),
        );
    }
    out
}

/// An origin each policy allows, and one it does not.
fn sample_origins(policy: &CorsPolicy) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for origin in &policy.allow_origins {
        match origin.split_once("://*.") {
            _ if origin == "*" => out.push(("https://anyone.example.org".to_owned(), "any origin")),
            Some((scheme, domain)) => {
                out.push((
                    format!("{scheme}://app.{domain}"),
                    "a pattern-matched origin",
                ));
                out.push((
                    format!("{scheme}://a.b.{domain}"),
                    "a deeper pattern-matched origin",
                ));
                out.push((
                    format!("{scheme}://{domain}"),
                    "the bare domain of a pattern",
                ));
                out.push((
                    format!("{scheme}://evil{domain}"),
                    "a look-alike of a pattern",
                ));
            }
            None => out.push((origin.clone(), "an allowed origin")),
        }
    }
    out.push(("https://evil.example.net".to_owned(), "a disallowed origin"));
    out.truncate(6);
    out
}

/// The CORS conformance table: for every route with a policy, preflights and actual requests from
/// allowed, pattern-matched and disallowed origins, with allowed and disallowed methods and headers.
pub fn cases(spec: &Spec) -> Vec<CorsCase> {
    let mut out = Vec::new();
    for route in &spec.routes {
        let Some((_, policy)) = effective(spec, route) else {
            continue;
        };
        let Some(row) = oracle::cases(std::slice::from_ref(route))
            .into_iter()
            .find(|c| c.status == 200 && c.method != "HEAD")
        else {
            continue;
        };
        // The path must reach this route among all the routes, or the table would test another.
        let resolved = oracle::resolve(&spec.routes, &row.method, &row.path);
        if resolved.handler.as_deref() != Some(route.handler.as_str()) {
            continue;
        }
        let probe = oracle::resolve(&spec.routes, "", &row.path);
        let methods = probe
            .allow
            .clone()
            .unwrap_or_else(|| ANY_METHODS.to_owned());
        let request = |origin: Option<&str>, extra: &[(&str, &str)]| {
            let mut headers: Vec<(String, String)> = Vec::new();
            if let Some(origin) = origin {
                headers.push(("Origin".to_owned(), origin.to_owned()));
            }
            headers.extend(
                extra
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            );
            headers
        };
        let allowed_header = policy.allow_headers.first().map(|h| h.to_ascii_lowercase());
        for (origin, what) in sample_origins(policy) {
            let mut extra = vec![("Access-Control-Request-Method", row.method.as_str())];
            if let Some(header) = &allowed_header {
                extra.push(("Access-Control-Request-Headers", header.as_str()));
            }
            let requested: Vec<&str> = allowed_header.iter().map(String::as_str).collect();
            out.push(CorsCase {
                name: format!("preflight for {} {} from {what}", row.method, route.path),
                method: "OPTIONS".into(),
                path: row.path.clone(),
                headers: request(Some(&origin), &extra),
                status: 204,
                expect: preflight(policy, &methods, &origin, &row.method, &requested),
            });
            out.push(CorsCase {
                name: format!("{} {} from {what}", row.method, route.path),
                method: row.method.clone(),
                path: row.path.clone(),
                headers: request(Some(&origin), &[]),
                status: 200,
                expect: actual(policy, Some(&origin)),
            });
        }
        if let Some(origin) = sample_origins(policy).first().map(|(o, _)| o.clone()) {
            let extra = [
                ("Access-Control-Request-Method", row.method.as_str()),
                ("Access-Control-Request-Headers", "x-not-allowed"),
            ];
            out.push(CorsCase {
                name: format!(
                    "preflight for {} {} with a header the policy does not allow",
                    row.method, route.path
                ),
                method: "OPTIONS".into(),
                path: row.path.clone(),
                headers: request(Some(&origin), &extra),
                status: 204,
                expect: preflight(policy, &methods, &origin, &row.method, &["x-not-allowed"]),
            });
            out.push(CorsCase {
                name: format!("{} {} without an Origin", row.method, route.path),
                method: row.method.clone(),
                path: row.path.clone(),
                headers: Vec::new(),
                status: 200,
                expect: actual(policy, None),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_subdomains_only() {
        let policy = CorsPolicy {
            allow_origins: vec![
                "https://app.example.com".into(),
                "https://*.example.org".into(),
            ],
            ..CorsPolicy::default()
        };
        let allowed = |o: &str| allowed_origin(&policy, o).is_some();
        assert!(
            allowed("https://app.example.com")
                && allowed("https://a.example.org")
                && allowed("https://a.b.example.org")
        );
        for denied in [
            "https://example.org",
            "https://evilexample.org",
            "http://a.example.org",
            "https://a.example.org.evil.com",
            "https://a/.example.org",
            "https://app.example.com:8443",
        ] {
            assert!(!allowed(denied), "{denied}");
        }
    }
}
