//! CORS policies and auth schemes as Rust constants, and each route's guard.

use super::layout::{ARRAY_WIDTH, MAX_WIDTH, array_field, rust_option, rust_string};
use super::model::RustCors;
use crate::lower::auth::{JwtSettings, jwt_settings};
use crate::spec::{Route, Spec};

/// The CORS policies routes use, as `CorsPolicy` struct literals.
pub(super) fn cors_policies(spec: &Spec) -> Vec<RustCors> {
    crate::lower::cors::used(spec)
        .into_iter()
        .map(|(name, policy)| {
            let parts = crate::lower::cors::parts(policy);
            let literals = |items: &[String]| -> Vec<String> {
                items.iter().map(|i| rust_string(i)).collect()
            };
            let patterns: Vec<String> = parts
                .patterns
                .iter()
                .map(|(scheme, domain)| {
                    format!("({}, {})", rust_string(scheme), rust_string(domain))
                })
                .collect();
            let methods = rust_option(parts.methods.as_deref());
            let fields = vec![
                format!("any_origin: {},", parts.any),
                array_field("origins", &literals(&parts.exact)),
                array_field("patterns", &patterns),
                format!("methods: {methods},"),
                array_field("headers", &literals(&parts.headers)),
                format!("expose: {},", rust_string(&parts.expose)),
                format!("credentials: {},", policy.allow_credentials),
                format!(
                    "max_age: {},",
                    policy
                        .max_age
                        .map_or("None".to_owned(), |m| format!("Some({m})"))
                ),
            ];
            RustCors {
                constant: crate::lower::cors::constant(&name),
                fields,
            }
        })
        .collect()
}

/// The schemes routes use, as `pub const` items.
pub(super) fn auth_schemes(spec: &Spec) -> Vec<String> {
    use crate::spec::AuthScheme;
    let used: std::collections::BTreeSet<&str> = spec
        .routes
        .iter()
        .flat_map(|r| crate::lower::auth::route_schemes(spec, r))
        .map(|(name, _)| name)
        .collect();
    let option = |value: &Option<String>| rust_option(value.as_deref());
    used.into_iter()
        .filter_map(|name| {
            let scheme = spec.auth.get(name)?;
            let constant = crate::lower::auth::constant(name);
            let (variant, fields) = match scheme {
                AuthScheme::Bearer { secret } => (
                    "Bearer",
                    vec![format!("secret: {},", rust_string(secret))],
                ),
                AuthScheme::ApiKey {
                    header,
                    query,
                    secret,
                    kv,
                } => (
                    "ApiKey",
                    vec![
                        format!("header: {},", rust_string(header)),
                        format!("query: {},", option(query)),
                        format!("secret: {},", option(secret)),
                        format!("kv: {},", option(kv)),
                    ],
                ),
                AuthScheme::Basic { secret, realm } => (
                    "Basic",
                    vec![
                        format!("secret: {},", rust_string(secret)),
                        format!(
                            "realm: {},",
                            rust_string(realm.as_deref().unwrap_or(&spec.app.name))
                        ),
                    ],
                ),
                AuthScheme::Jwt { .. } | AuthScheme::CloudflareAccess { .. } => {
                    ("Jwt", jwt_fields(scheme.kind(), &jwt_settings(scheme)?))
                }
            };
            let body: String = std::iter::once(format!("name: {},", rust_string(name)))
                .chain(fields)
                .map(|f| format!("    {f}\n"))
                .collect();
            Some(format!(
                "/// The `{name}` scheme.\npub const {constant}: Scheme = Scheme::{variant} {{\n{body}}};"
            ))
        })
        .collect()
}

/// A route's `Guard` literal, or `None` when it is public and unlimited.
pub(super) fn guard(spec: &Spec, route: &Route) -> Option<String> {
    let schemes: Vec<String> = crate::lower::auth::route_schemes(spec, route)
        .iter()
        .map(|(name, _)| crate::lower::auth::constant(name))
        .collect();
    if schemes.is_empty() && route.rate_limit.is_none() {
        return None;
    }
    let list = format!("schemes: &[{}],", schemes.join(", "));
    let schemes_line = if schemes.join(", ").len() <= ARRAY_WIDTH && list.len() + 12 <= MAX_WIDTH {
        format!("            {list}\n")
    } else {
        let items: String = schemes
            .iter()
            .map(|s| format!("                {s},\n"))
            .collect();
        format!("            schemes: &[\n{items}            ],\n")
    };
    let limit = match &route.rate_limit {
        None => "            limit: None,\n".to_owned(),
        Some(binding) => {
            let period = crate::lower::auth::rate_limit_period(spec, binding);
            let key = match route.rate_limit_key.as_deref() {
                Some("principal") => "LimitKey::Principal".to_owned(),
                Some(header) if header.starts_with("header:") => format!(
                    "LimitKey::Header({})",
                    rust_string(&header["header:".len()..])
                ),
                _ => "LimitKey::Ip".to_owned(),
            };
            format!(
                "            limit: Some(Limit {{\n                binding: {},\n                key: {key},\n                period: {period},\n            }}),\n",
                rust_string(binding)
            )
        }
    };
    let scopes: Vec<String> = route.scopes.iter().map(|s| rust_string(s)).collect();
    let scopes_line = format!("            scopes: &[{}],\n", scopes.join(", "));
    Some(format!(
        "Some(Guard {{\n{schemes_line}{scopes_line}{limit}        }})"
    ))
}

/// The fields of a `Scheme::Jwt`: the scheme's kind, then its settings.
fn jwt_fields(kind: &str, jwt: &JwtSettings) -> Vec<String> {
    let option = |value: &Option<String>| rust_option(value.as_deref());
    let algorithms: Vec<String> = jwt.algorithms.iter().map(|a| rust_string(a)).collect();
    vec![
        format!("kind: {},", rust_string(kind)),
        format!("secret: {},", option(&jwt.secret)),
        format!("jwks_url: {},", option(&jwt.jwks_url)),
        format!("algorithms: &[{}],", algorithms.join(", ")),
        format!("issuer: {},", option(&jwt.issuer)),
        format!("audience: {},", option(&jwt.audience)),
        format!("leeway: {},", jwt.leeway),
        format!("scopes_claim: {},", rust_string(&jwt.scopes_claim)),
    ]
}
