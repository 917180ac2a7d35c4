//! Authentication and rate limits: schemes that name real secrets and bindings, routes that name
//! real schemes, scopes only where a JWT can carry them, limits keyed by something that exists.

use crate::diagnostic::{Diagnostic, KeyPath, did_you_mean};
use crate::spec::{AuthChoice, AuthScheme, Binding, Spec};

fn secret(spec: &Spec, name: &str, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    if !spec.secrets.required.iter().any(|s| s == name) {
        out.push(
            Diagnostic::value(path.clone(), format!("`{name}` is not a required secret"))
                .help(format!("add it to `[secrets] required`, so it is typed and checked: `required = [\"{name}\"]`")),
        );
    }
}

fn header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let root = KeyPath::root().key("auth");
    for (name, scheme) in &spec.auth {
        let path = root.key(name);
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid || name == "none" {
            out.push(
                Diagnostic::key(path.clone(), format!("scheme name `{name}` is not usable"))
                    .help("use lowercase letters, digits, `-` and `_`; `none` is taken"),
            );
        }
        match scheme {
            AuthScheme::Bearer { secret: s } | AuthScheme::Basic { secret: s, .. } => {
                secret(spec, s, &path.key("secret"), out)
            }
            AuthScheme::ApiKey {
                header,
                query,
                secret: s,
                kv,
            } => {
                if !header_name(header) {
                    out.push(
                        Diagnostic::value(
                            path.key("header"),
                            format!("`{header}` is not a header name"),
                        )
                        .help("use a name such as `X-API-Key`"),
                    );
                }
                if let Some(query) = query.as_deref().filter(|q| !header_name(q)) {
                    out.push(
                        Diagnostic::value(
                            path.key("query"),
                            format!("`{query}` is not a query parameter name"),
                        )
                        .help("use a name such as `api_key`"),
                    );
                }
                match (s, kv) {
                    (Some(s), None) => secret(spec, s, &path.key("secret"), out),
                    (None, Some(kv)) => {
                        if !matches!(spec.bindings.get(kv), Some(Binding::Kv { .. })) {
                            out.push(
                                Diagnostic::value(path.key("kv"), format!("`{kv}` is not a KV binding"))
                                    .help(format!("declare `[bindings.{kv}]` with `type = \"kv\"`")),
                            );
                        }
                    }
                    _ => out.push(
                        Diagnostic::value(path.clone(), "an `api_key` scheme needs exactly one of `secret` and `kv`")
                            .help("keep the keys in a secret, or in a KV namespace that maps each key to a principal"),
                    ),
                }
            }
            AuthScheme::Jwt {
                secret: s,
                jwks_url,
                algorithms,
                leeway,
                ..
            } => {
                let hmac = algorithms.iter().filter(|a| a.is_hmac()).count();
                match (s, jwks_url) {
                    (Some(s), None) => {
                        secret(spec, s, &path.key("secret"), out);
                        if hmac != algorithms.len() {
                            out.push(
                                Diagnostic::value(path.key("algorithms"), "RS256 and ES256 need the signer's public keys, not a secret")
                                    .help("set `jwks_url` instead of `secret` for RS256 or ES256"),
                            );
                        }
                    }
                    (None, Some(url)) => {
                        if !url.starts_with("https://") || url.contains(char::is_whitespace) {
                            out.push(
                                Diagnostic::value(path.key("jwks_url"), format!("`{url}` is not an https URL"))
                                    .help("keys must come over https, such as `https://auth.example.com/.well-known/jwks.json`"),
                            );
                        }
                        if hmac > 0 {
                            out.push(
                                Diagnostic::value(path.key("algorithms"), "HS algorithms need a shared secret, not a JWKS")
                                    .help("list only RS256 or ES256 with `jwks_url`; mixing them would allow HS/RS confusion"),
                            );
                        }
                    }
                    _ => out.push(
                        Diagnostic::value(path.clone(), "a `jwt` scheme needs exactly one of `secret` and `jwks_url`")
                            .help("HS256/384/512 verify with a secret; RS256 and ES256 with the signer's JWKS"),
                    ),
                }
                if algorithms.is_empty() {
                    out.push(
                        Diagnostic::value(path.key("algorithms"), "no algorithm is accepted")
                            .help("list at least one, such as `[\"HS256\"]`"),
                    );
                }
                if *leeway > 300 {
                    out.push(
                        Diagnostic::value(
                            path.key("leeway"),
                            format!(
                                "a leeway of {leeway} seconds accepts expired tokens for too long"
                            ),
                        )
                        .help("use at most 300 seconds"),
                    );
                }
            }
            AuthScheme::CloudflareAccess {
                team_domain,
                audience,
            } => {
                let host_ok = !team_domain.is_empty()
                    && team_domain.contains('.')
                    && team_domain
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
                if !host_ok {
                    out.push(
                        Diagnostic::value(
                            path.key("team_domain"),
                            format!("`{team_domain}` is not a team domain"),
                        )
                        .help("write the host only, such as `myteam.cloudflareaccess.com`"),
                    );
                }
                if audience.is_empty() {
                    out.push(
                        Diagnostic::value(path.key("audience"), "the audience is empty").help(
                            "copy the Application Audience (AUD) tag from the Access application",
                        ),
                    );
                }
            }
        }
    }
    let known = |name: &str| spec.auth.contains_key(name);
    let suggest = |name: &str, path: KeyPath| {
        let diagnostic = Diagnostic::value(path, format!("no auth scheme named `{name}`"));
        match did_you_mean(name, spec.auth.keys().map(String::as_str).chain(["none"])) {
            Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
            None => diagnostic.help(format!("define it in `[auth.{name}]`, or use `none`")),
        }
    };
    if let Some(default) = &spec.app.default_auth {
        if !known(default) {
            out.push(suggest(
                default,
                KeyPath::root().key("app").key("default_auth"),
            ));
        }
    }
    for (i, route) in spec.routes.iter().enumerate() {
        let path = KeyPath::root().key("routes").index(i);
        if let Some(choice) = &route.auth {
            let names = choice.names();
            if let AuthChoice::Any(list) = choice {
                if list.is_empty() || list.iter().any(|n| n == "none") {
                    out.push(
                        Diagnostic::value(
                            path.key("auth"),
                            "a list of schemes cannot be empty or hold `none`",
                        )
                        .help("write `auth = \"none\"` for a public route"),
                    );
                }
            }
            for (j, name) in names.iter().enumerate() {
                if !known(name) && *name != "none" {
                    let at = if matches!(choice, AuthChoice::Any(_)) {
                        path.key("auth").index(j)
                    } else {
                        path.key("auth")
                    };
                    out.push(suggest(name, at));
                }
            }
        }
        let schemes = effective(spec, route);
        if !route.scopes.is_empty()
            && !schemes
                .iter()
                .any(|s| matches!(spec.auth.get(*s), Some(AuthScheme::Jwt { .. })))
        {
            out.push(
                Diagnostic::value(
                    path.key("scopes"),
                    "scopes need a `jwt` scheme on the route",
                )
                .help("only JWTs carry scopes: add a `jwt` scheme to `auth`, or remove `scopes`"),
            );
        }
        if let Some(limiter) = &route.rate_limit {
            if !matches!(spec.bindings.get(limiter), Some(Binding::RateLimit { .. })) {
                out.push(
                    Diagnostic::value(path.key("rate_limit"), format!("`{limiter}` is not a `rate_limit` binding"))
                        .help(format!("declare `[bindings.{limiter}]` with `type = \"rate_limit\"`, `limit` and `period`")),
                );
            }
        }
        if let Some(key) = &route.rate_limit_key {
            let path = path.key("rate_limit_key");
            if route.rate_limit.is_none() {
                out.push(
                    Diagnostic::value(path.clone(), "`rate_limit_key` without `rate_limit`")
                        .help("name the limiter in `rate_limit`"),
                );
            }
            match key.as_str() {
                "ip" => {}
                "principal" if schemes.is_empty() => out.push(
                    Diagnostic::value(path, "`principal` needs an authenticated route")
                        .help("give the route an `auth` scheme, or count by `ip`"),
                ),
                "principal" => {}
                other => match other.strip_prefix("header:") {
                    Some(header) if header_name(header) => {}
                    _ => out.push(
                        Diagnostic::value(path, format!("`{other}` is not a rate limit key"))
                            .help("use `ip`, `principal` or `header:NAME`"),
                    ),
                },
            }
        }
    }
}

/// The scheme names a route accepts: its own `auth`, else the app's default.
pub(crate) fn effective<'a>(spec: &'a Spec, route: &'a crate::spec::Route) -> Vec<&'a str> {
    match (&route.auth, &spec.app.default_auth) {
        (Some(choice), _) => choice
            .names()
            .into_iter()
            .filter(|n| *n != "none")
            .collect(),
        (None, Some(default)) => vec![default.as_str()],
        (None, None) => Vec::new(),
    }
}
