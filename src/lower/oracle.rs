//! The routing rules, stated once more in plain Rust: the oracle the generated routing tests are
//! computed from. The generated router is compiled code; this is a direct reading of the rules, so
//! the two disagree only when one of them is wrong.

use std::collections::HashMap;

use serde::Serialize;

use crate::pattern::{self, PathSegment};
use crate::spec::{Method, Route};

/// One row of the routing conformance table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteCase {
    /// The request method.
    pub method: String,
    /// The request path.
    pub path: String,
    /// The expected status: 200 (a handler answered), 204 (automatic OPTIONS), 404 or 405.
    pub status: u16,
    /// The handler that must receive the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// The parameters it must receive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<std::collections::BTreeMap<String, String>>,
    /// The expected `Allow` header (405 and automatic OPTIONS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow: Option<String>,
}

/// A route that matches a path: its precedence key, method order, the route and its captures.
type Candidate<'a> = (Vec<(u8, String)>, usize, &'a Route, Vec<(String, String)>);

/// Resolves one request against the routes; see [`Oracle::resolve`].
pub fn resolve(routes: &[Route], method: &str, path: &str) -> RouteCase {
    Oracle::new(routes).resolve(method, path)
}

/// The routes parsed once, and indexed so that a request is only tried against the routes that
/// could match it: each route is filed under one of its static segments (the rarest, by segment
/// count and position), and a route without one, or with a wildcard, is tried for every request.
/// The index only skips routes whose static text differs from the path; what matches is decided
/// by the plain reading of the rules below.
pub struct Oracle<'a> {
    routes: Vec<(&'a Route, Vec<PathSegment>)>,
    by_segment: HashMap<(usize, usize, String), Vec<usize>>,
    always: Vec<usize>,
}

impl<'a> Oracle<'a> {
    /// Parses and indexes `routes`.
    pub fn new(routes: &'a [Route]) -> Self {
        let routes: Vec<(&Route, Vec<PathSegment>)> = routes
            .iter()
            .filter_map(|r| Some((r, pattern::parse(&r.path).ok()?)))
            .collect();
        // A route's static segments as index keys: segment count, position and text. A route
        // with a wildcard matches paths of several lengths, so it has none.
        let keys = |segments: &[PathSegment]| -> Vec<(usize, usize, String)> {
            if segments
                .iter()
                .any(|s| matches!(s, PathSegment::Wildcard(_)))
            {
                return Vec::new();
            }
            let count = segments.len();
            (segments.iter().enumerate())
                .filter_map(|(i, s)| match s {
                    PathSegment::Static(text) => Some((count, i, text.clone())),
                    _ => None,
                })
                .collect()
        };
        let route_keys: Vec<Vec<(usize, usize, String)>> =
            routes.iter().map(|(_, segments)| keys(segments)).collect();
        let mut frequency: HashMap<&(usize, usize, String), usize> = HashMap::new();
        for key in route_keys.iter().flatten() {
            *frequency.entry(key).or_default() += 1;
        }
        let mut by_segment: HashMap<(usize, usize, String), Vec<usize>> = HashMap::new();
        let mut always = Vec::new();
        for (index, keys) in route_keys.iter().enumerate() {
            match keys.iter().min_by_key(|key| frequency[key]) {
                Some(key) => by_segment.entry(key.clone()).or_default().push(index),
                None => always.push(index),
            }
        }
        Oracle {
            routes,
            by_segment,
            always,
        }
    }

    /// Resolves a request: the most specific pattern wins segment by segment (static, then
    /// `:param`, then `*wildcard`); among routes with the same pattern, the one whose method
    /// matches. A path that matches only with other methods yields 405 (or 204 for `OPTIONS`).
    pub fn resolve(&self, method: &str, path: &str) -> RouteCase {
        let parts: Vec<&str> = match path.strip_prefix('/') {
            Some("") => Vec::new(),
            Some(rest) => rest.split('/').collect(),
            None => Vec::new(),
        };
        let mut tried: Vec<usize> = self.always.clone();
        for (i, part) in parts.iter().enumerate() {
            if let Some(found) = self.by_segment.get(&(parts.len(), i, (*part).to_owned())) {
                tried.extend(found);
            }
        }
        let candidates: Vec<Candidate<'_>> = tried
            .into_iter()
            .filter_map(|index| {
                let (route, segments) = &self.routes[index];
                let params = captures(segments, path)?;
                let key = segments.iter().map(|s| (s.rank(), s.shape())).collect();
                let order = match route.method {
                    Method::Get => 1,
                    Method::Any => 2,
                    _ => 0,
                };
                Some((key, order, *route, params))
            })
            .collect();
        decide(candidates, method, path)
    }
}

/// The answer to a request from the routes whose patterns match its path.
fn decide(mut candidates: Vec<Candidate<'_>>, method: &str, path: &str) -> RouteCase {
    candidates.sort_by(|a, b| (&a.0, a.1, a.2.method).cmp(&(&b.0, b.1, b.2.method)));
    let mut allow: Vec<&str> = Vec::new();
    for (_, _, route, params) in &candidates {
        let reaches = match route.method {
            Method::Any => true,
            Method::Get => method == "GET" || method == "HEAD",
            m => m.as_str() == method,
        };
        if reaches {
            return RouteCase {
                method: method.to_owned(),
                path: path.to_owned(),
                status: 200,
                handler: Some(route.handler.clone()),
                params: Some(params.iter().cloned().collect()),
                allow: None,
            };
        }
        match route.method {
            Method::Get => allow.extend(["GET", "HEAD"]),
            m => allow.push(m.as_str()),
        }
    }
    let mut case = RouteCase {
        method: method.to_owned(),
        path: path.to_owned(),
        status: 404,
        handler: None,
        params: None,
        allow: None,
    };
    if !allow.is_empty() {
        if method == "OPTIONS" {
            allow.push("OPTIONS");
        }
        allow.sort_unstable();
        allow.dedup();
        case.status = if method == "OPTIONS" { 204 } else { 405 };
        case.allow = Some(allow.join(", "));
    }
    case
}

/// The parameters `path` binds to the pattern, if it matches. Segments are split on `/` and
/// percent-decoded; a parameter never matches an empty segment, a wildcard may be empty.
fn captures(segments: &[PathSegment], path: &str) -> Option<Vec<(String, String)>> {
    let rest = path.strip_prefix('/')?;
    let parts: Vec<&str> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.split('/').collect()
    };
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            PathSegment::Wildcard(name) => {
                let remaining = if i < parts.len() {
                    parts[i..].join("/")
                } else {
                    String::new()
                };
                out.push((name.clone(), decode(&remaining)?));
                return Some(out);
            }
            PathSegment::Static(text) => {
                if parts.get(i) != Some(&text.as_str()) {
                    return None;
                }
            }
            PathSegment::Param(name) => {
                let part = parts.get(i).filter(|p| !p.is_empty())?;
                out.push((name.clone(), decode(part)?));
            }
        }
    }
    (parts.len() == segments.len()).then_some(out)
}

fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The conformance table for a route list: every route's own request (and `HEAD` for `GET`), a
/// wrong method and `OPTIONS` on every path, and paths that match nothing.
pub fn cases(routes: &[Route]) -> Vec<RouteCase> {
    let oracle = Oracle::new(routes);
    let mut requests: Vec<(String, String)> = Vec::new();
    for route in routes {
        let Ok(segments) = pattern::parse(&route.path) else {
            continue;
        };
        let path = example_path(&segments);
        let method = match route.method {
            Method::Any => "PATCH",
            m => m.as_str(),
        };
        requests.push((method.to_owned(), path.clone()));
        if route.method == Method::Get {
            requests.push(("HEAD".to_owned(), path.clone()));
        }
        let wrong = ["DELETE", "PUT", "PATCH", "POST"]
            .into_iter()
            .find(|m| *m != method)
            .unwrap_or("DELETE");
        requests.push((wrong.to_owned(), path.clone()));
        requests.push(("OPTIONS".to_owned(), path.clone()));
        requests.push((
            method.to_owned(),
            format!("{}/extra/segments", path.trim_end_matches('/')),
        ));
        if !path.ends_with('/') {
            requests.push((method.to_owned(), format!("{path}/")));
        }
    }
    requests.push(("GET".to_owned(), "/__missing__".to_owned()));
    requests.push(("GET".to_owned(), "/a%20b/%E2%9C%93".to_owned()));
    requests.sort();
    requests.dedup();
    requests
        .into_iter()
        .map(|(method, path)| oracle.resolve(&method, &path))
        .collect()
}

/// A path that reaches a pattern: `p-NAME` for a parameter, two segments for a wildcard.
fn example_path(segments: &[PathSegment]) -> String {
    if segments.is_empty() {
        return "/".to_owned();
    }
    segments
        .iter()
        .map(|s| match s {
            PathSegment::Static(text) => format!("/{text}"),
            PathSegment::Param(name) => format!("/p-{name}"),
            PathSegment::Wildcard(name) => format!("/w-{name}/more"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(method: Method, path: &str, handler: &str) -> Route {
        Route {
            method,
            path: path.to_owned(),
            handler: handler.to_owned(),
            cors: None,
            auth: None,
            scopes: Vec::new(),
            rate_limit: None,
            rate_limit_key: None,
            body: None,
            query: None,
            max_body_bytes: None,
        }
    }

    #[test]
    fn static_beats_param_beats_wildcard() {
        let routes = vec![
            route(Method::Get, "/users/:id", "getUser"),
            route(Method::Get, "/users/me", "getMe"),
            route(Method::Get, "/users/*rest", "userFiles"),
            route(Method::Delete, "/users/:id", "deleteUser"),
        ];
        assert_eq!(
            resolve(&routes, "GET", "/users/me").handler.as_deref(),
            Some("getMe")
        );
        assert_eq!(
            resolve(&routes, "DELETE", "/users/me").handler.as_deref(),
            Some("deleteUser")
        );
        assert_eq!(
            resolve(&routes, "GET", "/users/42").handler.as_deref(),
            Some("getUser")
        );
        assert_eq!(
            resolve(&routes, "GET", "/users/42/x").handler.as_deref(),
            Some("userFiles")
        );
        let head = resolve(&routes, "HEAD", "/users/42");
        assert_eq!(head.handler.as_deref(), Some("getUser"));
        let wrong = resolve(&routes, "POST", "/users/42");
        assert_eq!(
            (wrong.status, wrong.allow.as_deref()),
            (405, Some("DELETE, GET, HEAD"))
        );
        let options = resolve(&routes, "OPTIONS", "/users/42");
        assert_eq!(
            (options.status, options.allow.as_deref()),
            (204, Some("DELETE, GET, HEAD, OPTIONS"))
        );
        assert_eq!(resolve(&routes, "GET", "/nope").status, 404);
        assert_eq!(
            resolve(&routes, "GET", "/users/").status,
            200,
            "the wildcard may be empty"
        );
    }

    #[test]
    fn params_are_decoded_and_never_empty() {
        let routes = vec![route(Method::Get, "/a/:x", "a")];
        let case = resolve(&routes, "GET", "/a/hello%20world");
        assert_eq!(case.params.unwrap()["x"], "hello world");
        assert_eq!(resolve(&routes, "GET", "/a/").status, 404);
        assert_eq!(resolve(&routes, "GET", "/a/%zz").status, 404);
    }
}
