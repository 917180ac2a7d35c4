//! Authentication and rate limits: the schemes routes use, compiled for the generated runtime,
//! each route's guard, and the principal type its handler receives.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::types::string_literal;
use crate::spec::{AuthScheme, Binding, JwtAlgorithm, Route, Spec};

/// A compiled scheme or guard, printed as `const NAME: Type = {...}`.
#[derive(Debug, Clone, Serialize)]
pub struct Constant {
    /// The constant's name.
    pub constant: String,
    /// The object literal's fields, one per line at an indent of two.
    pub fields: Vec<String>,
}

/// A route's guard, for the `GUARDS` table.
#[derive(Debug, Clone, Serialize)]
pub struct GuardModel {
    /// The handler.
    pub handler: String,
    /// The guard object's fields, at an indent of four.
    pub fields: Vec<String>,
}

/// The constant of a scheme.
pub fn constant(name: &str) -> String {
    format!("AUTH_{}", name.to_ascii_uppercase().replace('-', "_"))
}

/// The principal interface of a scheme kind.
pub fn principal_type(kind: &str) -> &'static str {
    match kind {
        "bearer" => "BearerPrincipal",
        "api_key" => "ApiKeyPrincipal",
        "basic" => "BasicPrincipal",
        "cloudflare_access" => "AccessPrincipal",
        _ => "JwtPrincipal",
    }
}

/// The schemes a route accepts: its own, else the app's default.
pub fn route_schemes<'a>(spec: &'a Spec, route: &'a Route) -> Vec<(&'a str, &'a AuthScheme)> {
    crate::validate::route_auth(spec, route)
        .into_iter()
        .filter_map(|name| spec.auth.get_key_value(name).map(|(n, s)| (n.as_str(), s)))
        .collect()
}

/// The type of `c.principal` in a route's handler.
pub fn principal_of(spec: &Spec, route: &Route) -> String {
    let kinds: BTreeSet<&str> = route_schemes(spec, route)
        .iter()
        .map(|(_, s)| principal_type(s.kind()))
        .collect();
    if kinds.is_empty() {
        "null".to_owned()
    } else {
        kinds.into_iter().collect::<Vec<_>>().join(" | ")
    }
}

fn optional(value: Option<&str>) -> String {
    value.map_or("null".to_owned(), string_literal)
}

/// The schemes the routes use, compiled.
pub fn schemes(spec: &Spec) -> Vec<Constant> {
    let used: BTreeSet<&str> = spec
        .routes
        .iter()
        .flat_map(|r| route_schemes(spec, r))
        .map(|(n, _)| n)
        .collect();
    used.into_iter()
        .filter_map(|name| spec.auth.get(name).map(|scheme| (name, scheme)))
        .map(|(name, scheme)| {
            let mut fields = vec![
                format!("kind: \"{}\",", scheme.kind()),
                format!("name: {},", string_literal(name)),
            ];
            match scheme {
                AuthScheme::Bearer { secret } => {
                    fields.push(format!("secret: {},", string_literal(secret)))
                }
                AuthScheme::ApiKey {
                    header,
                    query,
                    secret,
                    kv,
                } => {
                    fields.push(format!("header: {},", string_literal(header)));
                    fields.push(format!("query: {},", optional(query.as_deref())));
                    fields.push(format!("secret: {},", optional(secret.as_deref())));
                    fields.push(format!("kv: {},", optional(kv.as_deref())));
                }
                AuthScheme::Basic { secret, realm } => {
                    fields.push(format!("secret: {},", string_literal(secret)));
                    fields.push(format!(
                        "realm: {},",
                        string_literal(realm.as_deref().unwrap_or(&spec.app.name))
                    ));
                }
                AuthScheme::Jwt { .. } | AuthScheme::CloudflareAccess { .. } => {
                    if let Some(jwt) = jwt_settings(scheme) {
                        jwt_fields(&mut fields, &jwt);
                    }
                }
            }
            Constant {
                constant: constant(name),
                fields,
            }
        })
        .collect()
}

/// What a JWT-verifying scheme checks, whatever the target language: a `jwt` scheme as written,
/// a `cloudflare_access` one as its team's JWKS and issuer, its audience, RS256 and the `scope`
/// claim.
pub(crate) struct JwtSettings {
    pub secret: Option<String>,
    pub jwks_url: Option<String>,
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub algorithms: Vec<&'static str>,
    pub leeway: u32,
    pub scopes_claim: String,
}

/// The JWT settings of a `jwt` or `cloudflare_access` scheme; `None` for the other kinds.
pub(crate) fn jwt_settings(scheme: &AuthScheme) -> Option<JwtSettings> {
    match scheme {
        AuthScheme::Jwt {
            secret,
            jwks_url,
            algorithms,
            issuer,
            audience,
            leeway,
            scopes_claim,
        } => Some(JwtSettings {
            secret: secret.clone(),
            jwks_url: jwks_url.clone(),
            issuer: issuer.clone(),
            audience: audience.clone(),
            algorithms: algorithms.iter().map(|a| algorithm(*a)).collect(),
            leeway: *leeway,
            scopes_claim: scopes_claim.clone(),
        }),
        AuthScheme::CloudflareAccess {
            team_domain,
            audience,
        } => Some(JwtSettings {
            secret: None,
            jwks_url: Some(format!("https://{team_domain}/cdn-cgi/access/certs")),
            issuer: Some(format!("https://{team_domain}")),
            audience: Some(audience.clone()),
            algorithms: vec!["RS256"],
            leeway: 60,
            scopes_claim: "scope".to_owned(),
        }),
        _ => None,
    }
}

/// The TypeScript fields of a JWT-verifying scheme.
fn jwt_fields(fields: &mut Vec<String>, jwt: &JwtSettings) {
    let algorithms: Vec<String> = jwt.algorithms.iter().map(|a| format!("\"{a}\"")).collect();
    fields.push(format!("secret: {},", optional(jwt.secret.as_deref())));
    fields.push(format!("jwksUrl: {},", optional(jwt.jwks_url.as_deref())));
    fields.push(format!("algorithms: [{}],", algorithms.join(", ")));
    fields.push(format!("issuer: {},", optional(jwt.issuer.as_deref())));
    fields.push(format!("audience: {},", optional(jwt.audience.as_deref())));
    fields.push(format!("leeway: {},", jwt.leeway));
    fields.push(format!(
        "scopesClaim: {},",
        string_literal(&jwt.scopes_claim)
    ));
}

/// The period in seconds of a rate-limit binding (60 if the name is not one; validation says so).
pub(crate) fn rate_limit_period(spec: &Spec, binding: &str) -> u32 {
    match spec.bindings.get(binding) {
        Some(Binding::RateLimit { period, .. }) => *period,
        _ => 60,
    }
}

/// The name of a JWT algorithm.
pub fn algorithm(algorithm: JwtAlgorithm) -> &'static str {
    match algorithm {
        JwtAlgorithm::HS256 => "HS256",
        JwtAlgorithm::HS384 => "HS384",
        JwtAlgorithm::HS512 => "HS512",
        JwtAlgorithm::RS256 => "RS256",
        JwtAlgorithm::ES256 => "ES256",
    }
}

/// The guard of every route that has auth or a rate limit, by handler.
pub fn guards(spec: &Spec) -> Vec<GuardModel> {
    let mut out: BTreeMap<&str, GuardModel> = BTreeMap::new();
    for route in &spec.routes {
        let schemes = route_schemes(spec, route);
        if schemes.is_empty() && route.rate_limit.is_none() {
            continue;
        }
        let auth: Vec<String> = schemes.iter().map(|(name, _)| constant(name)).collect();
        let scopes: Vec<String> = route.scopes.iter().map(|s| string_literal(s)).collect();
        let limit: Option<Vec<String>> = route.rate_limit.as_ref().map(|binding| {
            let period = rate_limit_period(spec, binding);
            let key = route.rate_limit_key.as_deref().unwrap_or("ip");
            vec![
                format!("binding: {}", string_literal(binding)),
                format!("key: {}", string_literal(key)),
                format!("period: {period}"),
            ]
        });
        let fields = vec![
            field("auth", &auth, '[', ']'),
            field("scopes", &scopes, '[', ']'),
            limit.map_or("limit: null,".to_owned(), |limit| {
                field("limit", &limit, '{', '}')
            }),
        ];
        out.insert(
            &route.handler,
            GuardModel {
                handler: route.handler.clone(),
                fields,
            },
        );
    }
    out.into_values().collect()
}

/// `key: [a, b],` (or an object) at an indent of four: on one line when it fits in 80 columns,
/// otherwise one item per line, as prettier prints it.
fn field(key: &str, items: &[String], open: char, close: char) -> String {
    let inner = if items.is_empty() {
        String::new()
    } else if open == '{' {
        format!(" {} ", items.join(", "))
    } else {
        items.join(", ")
    };
    let line = format!("{key}: {open}{inner}{close},");
    if line.len() + 4 <= 80 {
        return line;
    }
    let body: String = items
        .iter()
        .map(|item| format!("      {item},\n"))
        .collect();
    format!("{key}: {open}\n{body}    {close},")
}

/// Values the generated tests give each secret: well-formed for the scheme that reads it.
pub fn test_secrets(spec: &Spec) -> Vec<(String, String)> {
    spec.secrets
        .required
        .iter()
        .map(|name| {
            let scheme = spec.auth.values().find(|s| match s {
                AuthScheme::Bearer { secret } | AuthScheme::Basic { secret, .. } => secret == name,
                AuthScheme::ApiKey { secret, .. } | AuthScheme::Jwt { secret, .. } => {
                    secret.as_deref() == Some(name)
                }
                AuthScheme::CloudflareAccess { .. } => false,
            });
            let value = match scheme {
                Some(AuthScheme::Bearer { .. }) => "test-token-one,test-token-two".to_owned(),
                Some(AuthScheme::ApiKey { .. }) => "test-key-one,test-key-two".to_owned(),
                Some(AuthScheme::Basic { .. }) => "alice:wonderland\nbob:builder".to_owned(),
                Some(AuthScheme::Jwt { .. }) => {
                    "test-jwt-secret-that-is-at-least-32-bytes".to_owned()
                }
                Some(AuthScheme::CloudflareAccess { .. }) | None => format!("test-{name}"),
            };
            (name.clone(), value)
        })
        .collect()
}

/// One scheme's row in the auth test table: a route that accepts it, and what the tests need to
/// build right and wrong credentials.
#[derive(Debug, Clone, Serialize)]
pub struct SchemeCase {
    /// The scheme's name.
    pub scheme: String,
    /// Its kind.
    pub kind: String,
    /// A method and path that reach a route accepting it.
    pub method: String,
    /// The path.
    pub path: String,
    /// Scopes the route requires.
    pub scopes: Vec<String>,
    /// The secret's test value (tokens, keys, users or the JWT key), split into entries.
    pub secrets: Vec<String>,
    /// The API key header (or Access's assertion header), or `null`.
    pub header: Option<String>,
    /// Whether JWTs are verified with keys from a JWKS.
    pub jwks: bool,
    /// The API key query parameter, or `null`.
    pub query: Option<String>,
    /// The KV binding of API keys, or `null`.
    pub kv: Option<String>,
    /// JWT algorithms accepted.
    pub algorithms: Vec<String>,
    /// A JWT algorithm the scheme does not accept.
    pub unlisted: Option<String>,
    /// The required issuer, or `null`.
    pub issuer: Option<String>,
    /// The required audience, or `null`.
    pub audience: Option<String>,
    /// The claim that carries scopes.
    pub scopes_claim: Option<String>,
}

/// A route whose rate limit applies before auth (keyed by IP or header), for the 429 test.
#[derive(Debug, Clone, Serialize)]
pub struct LimitCase {
    /// The method.
    pub method: String,
    /// The path.
    pub path: String,
    /// Requests allowed per period.
    pub limit: u32,
    /// The period, sent back in `Retry-After`.
    pub period: u32,
    /// The header the limit counts by (`CF-Connecting-IP` for `ip`).
    pub header: String,
}

/// The auth test table (`test/generated/auth.json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuthCases {
    /// One row per scheme in use.
    pub schemes: Vec<SchemeCase>,
    /// Routes with a rate limit the tests can exhaust.
    pub limits: Vec<LimitCase>,
}

/// A request that reaches `route` among all the routes: method and path.
fn reaching(spec: &Spec, route: &Route) -> Option<(String, String)> {
    let row = super::oracle::cases(std::slice::from_ref(route))
        .into_iter()
        .find(|c| c.status == 200 && c.method != "HEAD")?;
    let resolved = super::oracle::resolve(&spec.routes, &row.method, &row.path);
    (resolved.handler.as_deref() == Some(route.handler.as_str())).then_some((row.method, row.path))
}

/// The auth test table for a spec.
pub fn cases(spec: &Spec) -> AuthCases {
    let secrets: BTreeMap<String, String> = test_secrets(spec).into_iter().collect();
    let entries = |name: &str| -> Vec<String> {
        secrets
            .get(name)
            .map(|v| v.split([',', '\n']).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let mut out = AuthCases::default();
    let mut seen = BTreeSet::new();
    // Routes with scopes first, so a JWT scheme's row tests its scopes when any route has some.
    let mut ordered: Vec<&Route> = spec.routes.iter().collect();
    ordered.sort_by_key(|r| r.scopes.is_empty());
    for route in ordered {
        for (name, scheme) in route_schemes(spec, route) {
            if seen.contains(name) {
                continue;
            }
            let Some((method, path)) = reaching(spec, route) else {
                continue;
            };
            seen.insert(name);
            let mut row = SchemeCase {
                scheme: name.to_owned(),
                kind: scheme.kind().to_owned(),
                method,
                path,
                scopes: route.scopes.clone(),
                secrets: Vec::new(),
                header: None,
                jwks: false,
                query: None,
                kv: None,
                algorithms: Vec::new(),
                unlisted: None,
                issuer: None,
                audience: None,
                scopes_claim: None,
            };
            match scheme {
                AuthScheme::Bearer { secret } | AuthScheme::Basic { secret, .. } => {
                    row.secrets = entries(secret)
                }
                AuthScheme::ApiKey {
                    header,
                    query,
                    secret,
                    kv,
                } => {
                    row.secrets = secret.as_deref().map(entries).unwrap_or_default();
                    row.header = Some(header.clone());
                    row.query = query.clone();
                    row.kv = kv.clone();
                }
                AuthScheme::Jwt { .. } | AuthScheme::CloudflareAccess { .. } => {
                    if let Some(jwt) = jwt_settings(scheme) {
                        row.secrets = jwt
                            .secret
                            .iter()
                            .filter_map(|s| secrets.get(s).cloned())
                            .collect();
                        row.jwks = jwt.jwks_url.is_some();
                        // An HMAC algorithm the scheme does not list: for a JWKS scheme, the one an
                        // HS/RS confusion attack would use.
                        row.unlisted = ["HS256", "HS384", "HS512"]
                            .into_iter()
                            .find(|a| !jwt.algorithms.contains(a))
                            .map(str::to_owned);
                        row.algorithms = jwt.algorithms.iter().map(|a| (*a).to_owned()).collect();
                        row.issuer = jwt.issuer;
                        row.audience = jwt.audience;
                        row.scopes_claim = Some(jwt.scopes_claim);
                        if matches!(scheme, AuthScheme::CloudflareAccess { .. }) {
                            row.header = Some("Cf-Access-Jwt-Assertion".to_owned());
                        }
                    }
                }
            }
            out.schemes.push(row);
        }
        let key = route.rate_limit_key.as_deref().unwrap_or("ip");
        if let (Some(binding), true) = (&route.rate_limit, key != "principal") {
            let Some(Binding::RateLimit { limit, period, .. }) = spec.bindings.get(binding) else {
                continue;
            };
            let Some((method, path)) = reaching(spec, route) else {
                continue;
            };
            let header = key
                .strip_prefix("header:")
                .unwrap_or("CF-Connecting-IP")
                .to_owned();
            out.limits.push(LimitCase {
                method,
                path,
                limit: *limit,
                period: *period,
                header,
            });
        }
    }
    out
}
