//! CORS policies: origins a browser can actually send, no credentials with `*`, and routes that
//! name policies that exist.

use crate::diagnostic::{Diagnostic, KeyPath, did_you_mean};
use crate::spec::{CorsPolicy, Spec};

/// `scheme://host[:port]`, or a subdomain pattern `scheme://*.domain[:port]`; the error says why not.
pub(crate) fn origin_problem(origin: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return Some("needs a scheme, such as `https://`");
    };
    if scheme != "https" && scheme != "http" {
        return Some("must use `http` or `https`");
    }
    if rest.contains('/') || rest.is_empty() {
        return Some("is an origin, without a path or a trailing `/`");
    }
    if origin.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("must be lowercase, as browsers send it");
    }
    let (host, port) = rest.split_once(':').unwrap_or((rest, ""));
    if !port.is_empty() && port.parse::<u16>().is_err() {
        return Some("has a port that is not a number");
    }
    let host = match host.strip_prefix("*.") {
        Some(domain) if !domain.contains('.') => {
            return Some("matches a whole top-level domain: name at least `*.example.com`");
        }
        Some(domain) => domain,
        None => host,
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
    };
    if !host.split('.').all(label_ok) {
        return Some(
            "has a host name that is not valid (a `*` may only be the first label, as `*.example.com`)",
        );
    }
    None
}

fn policy(policy: &CorsPolicy, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    let any = policy.allow_origins.iter().any(|o| o == "*");
    for (i, origin) in policy.allow_origins.iter().enumerate() {
        let at = path.key("allow_origins").index(i);
        if origin == "*" {
            if policy.allow_origins.len() > 1 {
                out.push(
                    Diagnostic::value(
                        at,
                        "`*` allows every origin, so listing others beside it means nothing",
                    )
                    .help("keep `*` alone, or list the origins you mean"),
                );
            }
        } else if let Some(problem) = origin_problem(origin) {
            out.push(
                Diagnostic::value(at, format!("origin `{origin}` {problem}"))
                    .help("write origins as `https://app.example.com` or `https://*.example.com`"),
            );
        }
    }
    if any && policy.allow_credentials {
        out.push(
            Diagnostic::value(
                path.key("allow_credentials"),
                "`allow_credentials = true` cannot go with `allow_origins = [\"*\"]`",
            )
            .help("browsers refuse `*` on credentialed requests, and reflecting every origin instead would let any site read your users' data: list the origins you trust"),
        );
    }
    const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    for (i, method) in policy.allow_methods.iter().enumerate() {
        if !METHODS.contains(&method.as_str()) {
            out.push(
                Diagnostic::value(
                    path.key("allow_methods").index(i),
                    format!("`{method}` is not an HTTP method"),
                )
                .help("use uppercase names such as `GET`, `POST`, `DELETE`"),
            );
        }
    }
    for key in ["allow_headers", "expose_headers"] {
        let list = if key == "allow_headers" {
            &policy.allow_headers
        } else {
            &policy.expose_headers
        };
        for (i, header) in list.iter().enumerate() {
            let token = !header.is_empty()
                && header
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
            if !token || header == "*" {
                out.push(
                    Diagnostic::value(
                        path.key(key).index(i),
                        format!("`{header}` is not a header name"),
                    )
                    .help("name each header, such as `Content-Type` or `X-Request-Id`"),
                );
            }
        }
    }
    if let Some(max_age) = policy.max_age.filter(|m| *m > 86_400) {
        out.push(
            Diagnostic::value(path.key("max_age"), format!("`max_age` = {max_age} is more than a day"))
                .help("browsers cap preflight caching at a day or less (Chrome: two hours); use at most 86400"),
        );
    }
}

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let root = KeyPath::root().key("cors");
    if let Some(cors) = &spec.cors {
        policy(&cors.default, &root, out);
        for (name, named) in &cors.policies {
            let path = root.key("policies").key(name);
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
            if !valid || name == "none" || name == "default" {
                out.push(
                    Diagnostic::key(path.clone(), format!("policy name `{name}` is not usable"))
                        .help("use lowercase letters, digits, `-` and `_`; `none` and `default` are taken"),
                );
            }
            policy(named, &path, out);
        }
    }
    for (i, route) in spec.routes.iter().enumerate() {
        let Some(name) = &route.cors else { continue };
        if name == "none" || name == "default" && spec.cors.is_some() {
            continue;
        }
        let names = spec
            .cors
            .iter()
            .flat_map(|c| c.policies.keys().map(String::as_str));
        if spec
            .cors
            .as_ref()
            .is_some_and(|c| c.policies.contains_key(name))
        {
            continue;
        }
        let diagnostic = Diagnostic::value(
            KeyPath::root().key("routes").index(i).key("cors"),
            format!("no CORS policy named `{name}`"),
        );
        out.push(match did_you_mean(name, names.chain(["none", "default"])) {
            Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
            None => diagnostic.help("define it in `[cors.policies.NAME]`, or use `none`"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::origin_problem;

    #[test]
    fn origins() {
        for ok in [
            "https://app.example.com",
            "http://localhost:8787",
            "https://*.example.com",
            "https://*.example.com:8443",
        ] {
            assert_eq!(origin_problem(ok), None, "{ok}");
        }
        for bad in [
            "app.example.com",
            "ftp://x.com",
            "https://x.com/",
            "https://X.com",
            "https://*.com",
            "https://a.*.com",
            "https://x.com:abc",
        ] {
            assert!(origin_problem(bad).is_some(), "{bad}");
        }
    }
}
