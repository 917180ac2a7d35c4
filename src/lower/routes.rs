//! Route lowering: precedence order, static paths apart, and the compiled patterns.

use std::collections::BTreeMap;

use super::model::{DynamicRoute, MethodArm, RouteHandler, StaticPath};
use super::types::string_literal;
use crate::pattern::{self, PathSegment};
use convert_case::{Case, Casing};

use crate::spec::{Method, Route};

pub(super) struct Lowered {
    pub handlers: Vec<RouteHandler>,
    pub static_paths: Vec<StaticPath>,
    pub dynamic: Vec<DynamicRoute>,
}

/// The longest line prettier leaves alone; wider patterns are written one segment per line.
const PRINT_WIDTH: usize = 80;

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
    let parsed: Vec<(&Route, Vec<PathSegment>)> = routes
        .iter()
        .filter_map(|r| Some((r, pattern::parse(&r.path).ok()?)))
        .collect();

    let mut handlers: Vec<RouteHandler> = parsed
        .iter()
        .map(|(route, segments)| handler(route, segments))
        .collect();
    handlers.sort_by(|a, b| a.name.cmp(&b.name));

    let (statics, dynamics) = groups(routes);

    let static_paths = statics
        .into_iter()
        .map(|(path, routes)| {
            let (arms, allow) = arms(routes, 6);
            StaticPath { path, arms, allow }
        })
        .collect();
    let dynamic = dynamics
        .into_values()
        .enumerate()
        .map(|(i, routes)| {
            // A static segment is its text, a parameter `null`, the (final) wildcard `"*"`.
            let compiled: Vec<String> = routes[0]
                .1
                .iter()
                .map(|s| match s {
                    PathSegment::Static(text) => string_literal(text),
                    PathSegment::Param(_) => "null".to_owned(),
                    PathSegment::Wildcard(_) => "\"*\"".to_owned(),
                })
                .collect();
            let constant = format!("P{i}");
            let line = format!("const {constant}: Pattern = [{}];", compiled.join(", "));
            let path = routes
                .iter()
                .map(|(r, _)| format!("{} {}", r.method.as_str(), r.path))
                .collect::<Vec<_>>()
                .join(", ");
            let (arms, allow) = arms(routes, 4);
            DynamicRoute {
                path,
                constant,
                inline: line.len() <= PRINT_WIDTH,
                segments: compiled,
                arms,
                allow,
            }
        })
        .collect();
    Lowered {
        handlers,
        static_paths,
        dynamic,
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
    let call = format!(
        "      return routes.{}(context(c, routed.params));",
        route.handler
    );
    let dispatch = if call.len() <= PRINT_WIDTH {
        call
    } else {
        format!(
            "      return routes.{}(\n        context(c, routed.params),\n      );",
            route.handler
        )
    };
    RouteHandler {
        name: route.handler.clone(),
        summary: format!("{} {}", route.method.as_str(), route.path),
        params,
        params_type,
        dispatch,
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

/// The method arms for routes that share a path shape, explicit methods first, then `GET` (which
/// also serves `HEAD`), then `ANY`; and what the shape adds to `Allow` when no arm matches.
/// `indent` is the indentation of an arm's `if` in the router template.
fn arms(routes: Vec<Parsed<'_>>, indent: usize) -> (Vec<MethodArm>, Option<String>) {
    let (ordered, allow) = method_order(routes);
    let arms = ordered
        .into_iter()
        .map(|(route, segments, methods)| {
            let condition = methods.map(|methods| {
                let tests: Vec<String> = methods
                    .iter()
                    .map(|m| format!(r#"method === "{m}""#))
                    .collect();
                tests.join(" || ")
            });
            let params: Vec<String> = segments
                .iter()
                .filter_map(|s| match s {
                    PathSegment::Param(name) | PathSegment::Wildcard(name) => Some(name.clone()),
                    PathSegment::Static(_) => None,
                })
                .enumerate()
                .map(|(index, name)| format!("{name}: m[{index}]"))
                .collect();
            let depth = if condition.is_some() {
                indent + 2
            } else {
                indent
            };
            MethodArm {
                condition,
                ret: return_statement(&route.handler, &params, depth),
            }
        })
        .collect();
    let allow = allow.map(|allow| {
        allow
            .iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ")
    });
    (arms, allow)
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

/// `return { handler: "h", params: { a: m[0] } };`, broken over lines the way prettier breaks an
/// object literal that does not fit in 80 columns.
fn return_statement(handler: &str, params: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let params_inline = if params.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", params.join(", "))
    };
    let one_line = format!("{pad}return {{ handler: \"{handler}\", params: {params_inline} }};");
    if one_line.len() <= PRINT_WIDTH {
        return one_line;
    }
    let inner = " ".repeat(indent + 2);
    let params_line = format!("{inner}params: {params_inline},");
    let params_text = if params_line.len() <= PRINT_WIDTH {
        params_line
    } else {
        let deeper = " ".repeat(indent + 4);
        let fields: String = params.iter().map(|p| format!("{deeper}{p},\n")).collect();
        format!("{inner}params: {{\n{fields}{inner}}},")
    };
    format!("{pad}return {{\n{inner}handler: \"{handler}\",\n{params_text}\n{pad}}};")
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
    if line.len() <= PRINT_WIDTH {
        return line;
    }
    let body: String = arguments.iter().map(|a| format!("    {a},\n")).collect();
    format!("  {}: RouteHandler<\n{body}  >;", handler.name)
}
