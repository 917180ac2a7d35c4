//! Route checks: path patterns, handler names, and conflicts between routes.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, KeyPath};
use crate::pattern::{self, PathSegment};
use crate::spec::{Method, Spec};

/// Two routes conflict when one request could reach both: the same shape (static text in the same
/// places, parameters in the same places, names aside) and overlapping methods. Shapes that differ
/// are never a conflict, because static beats `:param` beats `*wildcard` segment by segment.
pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut shapes: BTreeMap<Vec<String>, Vec<(usize, Method)>> = BTreeMap::new();
    let mut handlers: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, route) in spec.routes.iter().enumerate() {
        let path = KeyPath::root().key("routes").index(i);
        super::handler_name(&route.handler, &path.key("handler"), out);
        if let Some(first) = handlers.insert(&route.handler, i) {
            out.push(
                Diagnostic::value(path.key("handler"), format!("handler `{}` already serves `routes[{first}]`", route.handler))
                    .help("each route gets its own handler, so its parameters can be typed: rename this one"),
            );
        }
        let segments = match pattern::parse(&route.path) {
            Ok(segments) => segments,
            Err(problem) => {
                out.push(Diagnostic::value(path.key("path"), problem).help(
                    "write static segments, `:name` parameters and an optional trailing `*name`",
                ));
                continue;
            }
        };
        let shape: Vec<String> = segments.iter().map(PathSegment::shape).collect();
        let others = shapes.entry(shape).or_default();
        if let Some((other, _)) = others.iter().find(|(_, m)| m.overlaps(route.method)) {
            let other_route = &spec.routes[*other];
            out.push(
                Diagnostic::value(
                    path.key("path"),
                    format!(
                        "`{} {}` conflicts with `routes[{other}]` (`{} {}`): both match the same requests",
                        route.method.as_str(),
                        route.path,
                        other_route.method.as_str(),
                        other_route.path
                    ),
                )
                .help("change the method or the path of one of them; parameter names alone do not tell routes apart"),
            );
        }
        others.push((i, route.method));
    }
}
