//! Route lowering: the handlers, precedence order, and the matcher compiled from the routes.

use std::collections::BTreeMap;

use super::matcher::matcher;
use super::model::{Matcher, RouteHandler};
use crate::pattern::{self, PathSegment};
use convert_case::{Case, Casing};

use crate::spec::{Method, Route};

pub(super) struct Lowered {
    pub handlers: Vec<RouteHandler>,
    pub matcher: Matcher,
}

/// The longest line prettier leaves alone.
pub(super) const PRINT_WIDTH: usize = 80;

/// A route with its parsed pattern.
pub(super) type Parsed<'a> = (&'a Route, Vec<PathSegment>);

/// Fully static paths, by path.
pub(super) type StaticGroups<'a> = BTreeMap<String, Vec<Parsed<'a>>>;

/// Patterns with parameters or a wildcard, by their precedence key.
pub(super) type DynamicGroups<'a> = BTreeMap<Vec<(u8, String)>, Vec<Parsed<'a>>>;

/// The routes grouped as both routers try them: fully static paths apart, and the other patterns
/// by shape in precedence order.
pub(super) fn groups(routes: &[Route]) -> (StaticGroups<'_>, DynamicGroups<'_>) {
    let mut statics = StaticGroups::new();
    let mut dynamics = DynamicGroups::new();
    for route in routes {
        let Ok(segments) = pattern::parse(&route.path) else {
            continue;
        };
        if segments.iter().all(|s| matches!(s, PathSegment::Static(_))) {
            statics
                .entry(route.path.clone())
                .or_default()
                .push((route, segments));
        } else {
            // Precedence key: segment by segment, static (0) before param (1) before wildcard (2);
            // BTreeMap order then puts more specific patterns first.
            let key = segments.iter().map(|s| (s.rank(), s.shape())).collect();
            dynamics.entry(key).or_default().push((route, segments));
        }
    }
    (statics, dynamics)
}

pub(super) fn lower(routes: &[Route]) -> Lowered {
    let mut handlers: Vec<RouteHandler> = routes
        .iter()
        .filter_map(|r| Some(handler(r, &pattern::parse(&r.path).ok()?)))
        .collect();
    handlers.sort_by(|a, b| a.name.cmp(&b.name));
    let (statics, dynamics) = groups(routes);
    Lowered {
        handlers,
        matcher: matcher(&statics, &dynamics),
    }
}

fn handler(route: &Route, segments: &[PathSegment]) -> RouteHandler {
    let params: Vec<String> = segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Param(name) | PathSegment::Wildcard(name) => Some(name.clone()),
            PathSegment::Static(_) => None,
        })
        .collect();
    let params_type = if params.is_empty() {
        "NoParams".to_owned()
    } else {
        format!("{}Params", route.handler.to_case(Case::Pascal))
    };
    RouteHandler {
        name: route.handler.clone(),
        summary: format!("{} {}", route.method.as_str(), route.path),
        params,
        params_type,
        cors: None,
        principal: "null".to_owned(),
        authenticated: false,
        body_type: "undefined".to_owned(),
        query_type: "undefined".to_owned(),
        handler_entry: String::new(),
        example_method: None,
        example_path: None,
    }
}

/// A method-arm route: the route, what comes with it, and the methods it answers (`None` for
/// `ANY`).
pub(super) type Ordered<'a, T> = (&'a Route, T, Option<Vec<&'static str>>);

/// Routes sharing a path shape in the order their arms are tried (explicit methods, then `GET`,
/// which also answers `HEAD`, then `ANY`), and the methods of the shape for `Allow` (`None` when an
/// `ANY` route catches every method). Shared by the TypeScript and Rust routers.
pub(super) fn method_order<'a, T>(
    mut routes: Vec<(&'a Route, T)>,
) -> (Vec<Ordered<'a, T>>, Option<Vec<&'static str>>) {
    let order = |m: Method| match m {
        Method::Get => 1,
        Method::Any => 2,
        _ => 0,
    };
    routes.sort_by_key(|(r, _)| (order(r.method), r.method));
    let mut allow: Vec<&'static str> = Vec::new();
    let mut catch_all = false;
    let ordered = routes
        .into_iter()
        .map(|(route, extra)| {
            let methods = match route.method {
                Method::Any => {
                    catch_all = true;
                    None
                }
                Method::Get => Some(vec!["GET", "HEAD"]),
                m => Some(vec![m.as_str()]),
            };
            allow.extend(methods.iter().flatten());
            (route, extra, methods)
        })
        .collect();
    (ordered, (!catch_all).then_some(allow))
}

/// `  name: RouteHandler<Params, Auth>;`, broken the way prettier breaks type arguments that do
/// not fit in 80 columns.
pub(super) fn handler_entry(handler: &RouteHandler) -> String {
    // Trailing defaults (`null` auth, `undefined` body and query) are left out.
    let mut arguments = vec![
        handler.params_type.clone(),
        handler.principal.clone(),
        handler.body_type.clone(),
        handler.query_type.clone(),
    ];
    while arguments.len() > 1 {
        let last = arguments.len() - 1;
        let default = if last == 1 { "null" } else { "undefined" };
        if arguments[last] != default {
            break;
        }
        arguments.pop();
    }
    let line = format!(
        "  {}: RouteHandler<{}>;",
        handler.name,
        arguments.join(", ")
    );
    // Prettier leaves a single type argument on the line however long it is, and breaks several
    // one per line without a trailing comma (TypeScript refuses one there).
    if line.len() <= PRINT_WIDTH || arguments.len() == 1 {
        return line;
    }
    let body = arguments.join(",\n    ");
    format!("  {}: RouteHandler<\n    {body}\n  >;", handler.name)
}
