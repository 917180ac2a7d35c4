//! The route table as Rust: route variants with typed params, static paths and compiled patterns
//! in the precedence order of the TypeScript router.

use convert_case::{Case, Casing};

use super::layout::{MAX_WIDTH, array_const, identifier, rust_option, rust_string};
use super::model::{RustArm, RustInput, RustParam, RustPath, RustRoute};
use super::module;
use super::policy::guard;
use crate::lower::routes::Parsed;
use crate::pattern::{self, PathSegment};
use crate::spec::{Route, Spec};

pub(super) fn params_of(segments: &[PathSegment]) -> Vec<String> {
    segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Param(name) | PathSegment::Wildcard(name) => Some(name.clone()),
            PathSegment::Static(_) => None,
        })
        .collect()
}

pub(super) fn routes(spec: &Spec) -> Vec<RustRoute> {
    let mut out: Vec<RustRoute> = spec
        .routes
        .iter()
        .filter_map(|route| {
            let segments = pattern::parse(&route.path).ok()?;
            let variant = route.handler.to_case(Case::Pascal);
            let params: Vec<RustParam> = params_of(&segments)
                .into_iter()
                .map(|name| {
                    let field = identifier(&name.to_case(Case::Snake));
                    let rename = (field != name).then_some(name);
                    RustParam { field, rename }
                })
                .collect();
            let params_type = (!params.is_empty()).then(|| format!("{variant}Params"));
            let (declaration, pattern, context_type, pattern_any) = match &params_type {
                Some(t) => (
                    format!("{variant}({t})"),
                    format!("Route::{variant}(params)"),
                    t.clone(),
                    format!("Route::{variant}(_)"),
                ),
                None => (
                    variant.clone(),
                    format!("Route::{variant}"),
                    "()".to_owned(),
                    format!("Route::{variant}"),
                ),
            };
            let arm = format!("{pattern_any} => \"{}\",", route.handler);
            let handler_arm = if arm.len() + 12 <= MAX_WIDTH {
                format!("            {arm}")
            } else {
                format!(
                    "            {pattern_any} => {{\n                \"{}\"\n            }}",
                    route.handler
                )
            };
            let input = (route.body.is_some() || route.query.is_some()).then(|| RustInput {
                body: rust_option(route.body.as_deref()),
                query: rust_option(route.query.as_deref()),
                max_bytes: route
                    .max_body_bytes
                    .unwrap_or(crate::lower::input::DEFAULT_MAX_BODY),
            });
            let context_type = match (&route.body, &route.query) {
                (None, None) => context_type,
                (Some(body), None) => format!("{context_type}, {body}"),
                (body, Some(query)) => format!(
                    "{context_type}, {}, {query}",
                    body.as_deref().unwrap_or("()")
                ),
            };
            let value = |schema: &Option<String>, field: &str| match schema {
                Some(_) => format!("serde_json::from_value(prepared.{field})?"),
                None => "()".to_owned(),
            };
            let (body_value, query_value) =
                (value(&route.body, "body"), value(&route.query, "query"));
            let mut type_uses: Vec<String> = route
                .body
                .iter()
                .chain(&route.query)
                .map(|t| format!("use crate::generated::types::{t};"))
                .collect();
            type_uses.sort();
            type_uses.dedup();
            let cx = if params_type.is_some() { "cx" } else { "_cx" };
            let signature = format!(
                "pub async fn handle(req: Request, {cx}: RequestContext<{context_type}>) -> Result<Response> {{"
            );
            let signature = if signature.len() <= MAX_WIDTH {
                signature
            } else {
                format!(
                    "pub async fn handle(\n    req: Request,\n    {cx}: RequestContext<{context_type}>,\n) -> Result<Response> {{"
                )
            };
            Some(RustRoute {
                guard: guard(spec, route),
                input,
                body_value,
                query_value,
                type_uses,
                handler_arm,
                signature,
                handler: route.handler.clone(),
                module: module(&route.handler),
                summary: format!("{} {}", route.method.as_str(), route.path),
                params_type,
                params,
                declaration,
                pattern,
                context_type,
                pattern_any,
                cors: crate::lower::cors::effective(spec, route)
                    .map(|(name, _)| crate::lower::cors::constant(&name)),
                variant,
            })
        })
        .collect();
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// The static paths and the compiled patterns, in the precedence order of the TypeScript router.
pub(super) fn paths(routes: &[Route]) -> (Vec<RustPath>, Vec<RustPath>) {
    let (statics, dynamics) = crate::lower::routes::groups(routes);
    let static_indent = if statics.len() == 1 { 8 } else { 12 };
    let statics = statics
        .into_iter()
        .map(|(path, routes)| {
            let (arms, allow) = arms(routes, static_indent, false);
            RustPath {
                comment: path.clone(),
                head: rust_string(&path),
                constant: None,
                arms,
                allow,
            }
        })
        .collect();
    let dynamics = dynamics
        .into_values()
        .enumerate()
        .map(|(i, routes)| {
            let constant = format!("P{i}");
            let segments: Vec<String> = routes[0]
                .1
                .iter()
                .map(|s| match s {
                    PathSegment::Static(text) => format!("Seg::Lit({})", rust_string(text)),
                    PathSegment::Param(_) => "Seg::Param".to_owned(),
                    PathSegment::Wildcard(_) => "Seg::Rest".to_owned(),
                })
                .collect();
            let names: Vec<String> = params_of(&routes[0].1)
                .iter()
                .enumerate()
                .map(|(i, _)| format!("m{i}"))
                .collect();
            let comment = routes
                .iter()
                .map(|(r, _)| format!("{} {}", r.method.as_str(), r.path))
                .collect::<Vec<_>>()
                .join(", ");
            let (arms, allow) = arms(routes, 8, true);
            RustPath {
                comment,
                head: format!(
                    "if let Some([{}]) = capture(path, {constant})",
                    names.join(", ")
                ),
                constant: Some(array_const(
                    &format!("const {constant}: &[Seg] = "),
                    &segments,
                )),
                arms,
                allow,
            }
        })
        .collect();
    (statics, dynamics)
}

/// The method arms of routes sharing a path shape (explicit methods, then `GET`, then `ANY`), and
/// what the shape adds to `Allow` when no arm matches. `indent` is where an arm's `if` sits.
pub(super) fn arms(
    routes: Vec<Parsed<'_>>,
    indent: usize,
    dynamic: bool,
) -> (Vec<RustArm>, Option<String>) {
    let (ordered, allow) = crate::lower::routes::method_order(routes);
    let arms = ordered
        .iter()
        .map(|(route, segments, methods)| {
            let condition = methods.as_ref().map(|methods| {
                let tests: Vec<String> = methods
                    .iter()
                    .map(|m| format!(r#"method == "{m}""#))
                    .collect();
                tests.join(" || ")
            });
            let depth = if condition.is_some() {
                indent + 4
            } else {
                indent
            };
            let variant = route.handler.to_case(Case::Pascal);
            let fields: Vec<String> = params_of(segments)
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let field = identifier(&name.to_case(Case::Snake));
                    if dynamic {
                        format!("{field}: m{i}")
                    } else {
                        field
                    }
                })
                .collect();
            RustArm {
                condition,
                ret: return_found(&variant, &fields, depth),
            }
        })
        .collect();
    let allow = allow.map(|allow| {
        let items: Vec<String> = allow.iter().map(|m| format!("\"{m}\"")).collect();
        format!("allow.extend([{}]);", items.join(", "))
    });
    (arms, allow)
}

/// `return Routed::Found(Route::X(XParams { a: m0 }));`, laid out as rustfmt lays it out.
pub(super) fn return_found(variant: &str, fields: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    if fields.is_empty() {
        return format!("{pad}return Routed::Found(Route::{variant});");
    }
    let body = fields.join(", ");
    // rustfmt keeps a struct literal on one line while its body is at most 18 columns wide.
    if body.len() <= 18 {
        let line =
            format!("{pad}return Routed::Found(Route::{variant}({variant}Params {{ {body} }}));");
        if line.len() <= MAX_WIDTH {
            return line;
        }
    }
    let inner = " ".repeat(indent + 4);
    let head = format!("{pad}return Routed::Found(Route::{variant}({variant}Params {{");
    if head.len() <= MAX_WIDTH {
        let lines: String = fields.iter().map(|f| format!("{inner}{f},\n")).collect();
        return format!("{head}\n{lines}{pad}}}));");
    }
    // Too wide even to open the struct on the `return` line: the argument moves down a level.
    let deeper = " ".repeat(indent + 8);
    let lines: String = fields.iter().map(|f| format!("{deeper}{f},\n")).collect();
    format!(
        "{pad}return Routed::Found(Route::{variant}(\n{inner}{variant}Params {{\n{lines}{inner}}},\n{pad}));"
    )
}
