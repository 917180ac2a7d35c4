//! CORS policies and auth schemes as Rust constants, and each route's guard.

use super::layout::{ARRAY_WIDTH, MAX_WIDTH, array_field, rust_string};
use super::model::RustCors;
use crate::spec::{Binding, Route, Spec};

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
            let methods = parts
                .methods
                .as_deref()
                .map_or("None".to_owned(), |m| format!("Some({})", rust_string(m)));
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

/// The schemes routes use, as `pub const` items (the Rust target refuses JWT kinds in validation).
pub(super) fn auth_schemes(spec: &Spec) -> Vec<String> {
    use crate::spec::AuthScheme;
    let used: std::collections::BTreeSet<&str> = spec
        .routes
        .iter()
        .flat_map(|r| crate::lower::auth::route_schemes(spec, r))
        .map(|(name, _)| name)
        .collect();
    let option = |value: &Option<String>| {
        value
            .as_deref()
            .map_or("None".to_owned(), |v| format!("Some({})", rust_string(v)))
    };
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
                AuthScheme::Jwt {
                    secret,
                    jwks_url,
                    algorithms,
                    issuer,
                    audience,
                    leeway,
                    scopes_claim,
                } => (
                    "Jwt",
                    jwt_fields(
                        "jwt",
                        [secret, jwks_url, issuer, audience].map(option),
                        &algorithms
                            .iter()
                            .map(|a| crate::lower::auth::algorithm(*a).to_owned())
                            .collect::<Vec<_>>(),
                        *leeway,
                        scopes_claim,
                    ),
                ),
                AuthScheme::CloudflareAccess {
                    team_domain,
                    audience,
                } => (
                    "Jwt",
                    jwt_fields(
                        "cloudflare_access",
                        [
                            "None".to_owned(),
                            format!(
                                "Some({})",
                                rust_string(&format!("https://{team_domain}/cdn-cgi/access/certs"))
                            ),
                            format!("Some({})", rust_string(&format!("https://{team_domain}"))),
                            format!("Some({})", rust_string(audience)),
                        ],
                        &["RS256".to_owned()],
                        60,
                        "scope",
                    ),
                ),
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
            let period = match spec.bindings.get(binding) {
                Some(Binding::RateLimit { period, .. }) => *period,
                _ => 60,
            };
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

/// The fields of a `Scheme::Jwt`: `kind`, then secret, JWKS URL, issuer and audience (as Rust
/// `Option` expressions), the algorithms, leeway and scopes claim.
pub(super) fn jwt_fields(
    kind: &str,
    [secret, jwks_url, issuer, audience]: [String; 4],
    algorithms: &[String],
    leeway: u32,
    scopes_claim: &str,
) -> Vec<String> {
    let algorithms: Vec<String> = algorithms.iter().map(|a| rust_string(a)).collect();
    vec![
        format!("kind: {},", rust_string(kind)),
        format!("secret: {secret},"),
        format!("jwks_url: {jwks_url},"),
        format!("algorithms: &[{}],", algorithms.join(", ")),
        format!("issuer: {issuer},"),
        format!("audience: {audience},"),
        format!("leeway: {leeway},"),
        format!("scopes_claim: {},", rust_string(scopes_claim)),
    ]
}
