//! The Rust target's model: Rust names (snake_case modules and functions, CamelCase types), the
//! compiled route table as Rust, typed binding accessors, and Rust types for `[schemas]`.
//! Everything is laid out the way rustfmt prints it, so generated projects pass `cargo fmt --check`.

use std::collections::BTreeMap;

use convert_case::{Case, Casing};
use serde::Serialize;

use crate::pattern::{self, PathSegment};
use crate::spec::{Binding, CorsPolicy, Method, Route, Schema, Spec};
use crate::versions;

/// rustfmt's line width.
const MAX_WIDTH: usize = 100;
/// rustfmt's widest single-line array body (60% of the line width).
const ARRAY_WIDTH: usize = 60;

/// Everything the Rust templates need.
#[derive(Debug, Clone, Serialize)]
pub struct RustModel {
    /// The crate's name: the Worker's name in snake_case.
    pub crate_name: String,
    /// Route handlers, sorted by module.
    pub routes: Vec<RustRoute>,
    /// Fully static paths, sorted, with their method arms.
    pub static_paths: Vec<RustPath>,
    /// Patterns with parameters or a wildcard, in precedence order.
    pub dynamic_routes: Vec<RustPath>,
    /// Whether any route has parameters (the router needs its `capture`).
    pub has_dynamic: bool,
    /// Whether any route has path parameters (params structs exist).
    pub has_params: bool,
    /// Whether exactly one static path exists (an `if` instead of a `match`).
    pub single_static: bool,
    /// Whether some path can answer 405 (the router collects `allow`).
    pub has_allow: bool,
    /// Whether some route has no CORS policy.
    pub some_without_cors: bool,
    /// The `use worker::{...};` of `bindings`, wrapped as rustfmt wraps it.
    pub worker_import: String,
    /// What `bindings` imports from `types` (queue messages), comma-separated.
    pub type_imports: Vec<String>,
    /// Whether any binding is a queue producer.
    pub has_queues: bool,
    /// Whether the spec has crons or consumers.
    pub has_triggers: bool,
    /// Whether some route validates its body or query.
    pub inputs: bool,
    /// Whether some route validates a body (the body is read as a stream).
    pub body_inputs: bool,
    /// Whether some route validates nothing.
    pub some_without_input: bool,
    /// Whether some schema has a string `pattern` (the Worker then carries regex-lite).
    pub has_patterns: bool,
    /// The auth schemes routes use, as Rust constants (`pub const AUTH_X: Scheme = ...;`).
    pub auth_schemes: Vec<String>,
    /// Whether some route has a guard (auth or a rate limit).
    pub guards: bool,
    /// Whether requests go through `prepare` (guards or input validation).
    pub prepares: bool,
    /// Whether some route has no guard.
    pub some_unguarded: bool,
    /// Whether some guard rate-limits.
    pub limits: bool,
    /// The app's name as a Rust string literal, for challenges.
    pub realm: String,
    /// Typed accessors for bindings, vars and secrets, sorted by name.
    pub accessors: Vec<Accessor>,
    /// Cron triggers, in spec order.
    pub crons: Vec<RustCron>,
    /// Cron handler modules, sorted and unique.
    pub cron_modules: Vec<String>,
    /// Cron handlers as (module, `Cron` variant), sorted and unique.
    pub cron_handlers: Vec<(String, String)>,
    /// Queue consumers, sorted by module.
    pub consumers: Vec<RustConsumer>,
    /// Durable Object classes this Worker defines, sorted by class.
    pub objects: Vec<RustObject>,
    /// Rust declarations of `[schemas]`, sorted by name.
    pub schemas: Vec<String>,
    /// Whether `[schemas]` declares anything (the types module exists).
    pub has_schemas: bool,
    /// The CORS policies routes use, as Rust constants.
    pub cors_policies: Vec<RustCors>,
    /// Where the Worker serves `openapi.json`, if anywhere.
    pub openapi_route: Option<String>,
    /// The pinned worker-build for the `[build]` command.
    pub worker_build: String,
}

/// A route and its handler.
#[derive(Debug, Clone, Serialize)]
pub struct RustRoute {
    /// The handler's name in the spec (camelCase), which the conformance tables use.
    pub handler: String,
    /// The handler's module (snake_case).
    pub module: String,
    /// The `Route` variant (CamelCase).
    pub variant: String,
    /// `GET /links/:code`.
    pub summary: String,
    /// The params struct, when the route has parameters.
    pub params_type: Option<String>,
    /// The params struct's fields.
    pub params: Vec<RustParam>,
    /// The variant as declared in `enum Route`.
    pub declaration: String,
    /// The variant as a pattern that binds its params to `params` (or ignores them).
    pub pattern: String,
    /// The type the handler's context carries: the params struct, or `()`.
    pub context_type: String,
    /// The variant as a pattern that ignores its params.
    pub pattern_any: String,
    /// Its arm in `Route::handler`, laid out at an indent of twelve.
    pub handler_arm: String,
    /// The stub's `handle` signature, laid out as rustfmt lays it out.
    pub signature: String,
    /// The CORS constant of the route, if it has a policy.
    pub cors: Option<String>,
    /// What the route validates, if anything.
    pub input: Option<RustInput>,
    /// The route's guard as a Rust expression, laid out at an indent of eight.
    pub guard: Option<String>,
    /// The `body` value of the handler's context in `dispatch`.
    pub body_value: String,
    /// The `query` value of the handler's context in `dispatch`.
    pub query_value: String,
    /// The `use` lines of the stub for its body and query types.
    pub type_uses: Vec<String>,
}

/// A route's input settings, as Rust expressions.
#[derive(Debug, Clone, Serialize)]
pub struct RustInput {
    /// `Some("Schema")` or `None`.
    pub body: String,
    /// `Some("Schema")` or `None`.
    pub query: String,
    /// The body limit in bytes.
    pub max_bytes: u64,
}

/// One path parameter.
#[derive(Debug, Clone, Serialize)]
pub struct RustParam {
    /// The Rust field name.
    pub field: String,
    /// The name in the spec, when it differs from the field (a serde rename).
    pub rename: Option<String>,
}

/// A path (static or compiled pattern) with its method arms.
#[derive(Debug, Clone, Serialize)]
pub struct RustPath {
    /// The path or patterns, for a comment.
    pub comment: String,
    /// Static: the path literal. Dynamic: the `if let` head.
    pub head: String,
    /// The pattern constant's declaration (dynamic only).
    pub constant: Option<String>,
    /// The method arms.
    pub arms: Vec<RustArm>,
    /// `allow.extend([...]);` when no arm matched, `None` when an `ANY` arm catches everything.
    pub allow: Option<String>,
}

/// One method arm: an optional condition and the `return`.
#[derive(Debug, Clone, Serialize)]
pub struct RustArm {
    /// The condition on `method`.
    pub condition: Option<String>,
    /// The return statement's lines, indented for where the arm sits.
    pub ret: String,
}

/// A typed accessor on `Bindings`.
#[derive(Debug, Clone, Serialize)]
pub struct Accessor {
    /// The method name.
    pub method: String,
    /// The binding, var or secret name.
    pub name: String,
    /// What the method returns (inside `Result`).
    pub rust_type: String,
    /// The body expression.
    pub body: String,
    /// The doc line.
    pub doc: String,
    /// A typed queue wrapper to declare, with its message type.
    pub queue_message: Option<String>,
}

/// A cron trigger.
#[derive(Debug, Clone, Serialize)]
pub struct RustCron {
    /// The cron expression.
    pub schedule: String,
    /// The handler module.
    pub module: String,
    /// The handler's `Cron` variant.
    pub variant: String,
}

/// A queue consumer.
#[derive(Debug, Clone, Serialize)]
pub struct RustConsumer {
    /// Every queue name it answers to, as a match pattern: `"a" | "b"`.
    pub queues: String,
    /// The queue named in the spec.
    pub queue: String,
    /// The handler module.
    pub module: String,
    /// The handler's `Consumer` variant.
    pub variant: String,
    /// The message type.
    pub message: String,
    /// Whether the message type comes from `[schemas]`.
    pub message_import: bool,
    /// The message type as `entry` names it.
    pub message_path: String,
    /// A valid message body, for the trigger tests.
    pub sample: serde_json::Value,
}

/// A Durable Object class.
#[derive(Debug, Clone, Serialize)]
pub struct RustObject {
    /// The class (and struct) name.
    pub class_name: String,
    /// Its module.
    pub module: String,
    /// The binding that reaches it.
    pub binding: String,
}

/// A CORS policy constant.
#[derive(Debug, Clone, Serialize)]
pub struct RustCors {
    /// The constant's name.
    pub constant: String,
    /// The struct literal's field lines, at an indent of four.
    pub fields: Vec<String>,
}

/// The Rust model of a checked spec.
pub fn lower(spec: &Spec) -> RustModel {
    let routes = routes(spec);
    let (static_paths, dynamic_routes) = paths(&spec.routes);
    let mut cron_modules: Vec<String> = spec.crons.iter().map(|c| module(&c.handler)).collect();
    cron_modules.sort();
    cron_modules.dedup();
    let mut objects: Vec<RustObject> = spec
        .bindings
        .iter()
        .filter_map(|(binding, b)| match b {
            Binding::DurableObject {
                class_name,
                script_name: None,
                ..
            } => Some(RustObject {
                class_name: class_name.clone(),
                module: module(class_name),
                binding: binding.clone(),
            }),
            _ => None,
        })
        .collect();
    objects.sort_by(|a, b| a.class_name.cmp(&b.class_name));
    let accessors = accessors(spec);
    let mut imports: Vec<&str> = vec!["Env"];
    if !accessors.is_empty() {
        imports.push("Result");
    }
    for accessor in &accessors {
        let ty = accessor.rust_type.as_str();
        if accessor.queue_message.is_some() {
            imports.push("Queue");
        } else if ty != "String" {
            imports.push(ty);
        }
    }
    imports.sort_unstable();
    imports.dedup();
    let mut type_imports: Vec<String> = accessors
        .iter()
        .filter_map(|a| a.queue_message.clone())
        .filter(|m| spec.schemas.contains_key(m))
        .collect();
    type_imports.sort();
    type_imports.dedup();
    RustModel {
        crate_name: spec.app.name.to_case(Case::Snake),
        has_dynamic: !dynamic_routes.is_empty(),
        single_static: static_paths.len() == 1,
        has_params: routes.iter().any(|r| r.params_type.is_some()),
        has_allow: static_paths
            .iter()
            .chain(&dynamic_routes)
            .any(|p| p.allow.is_some()),
        some_without_cors: routes.iter().any(|r| r.cors.is_none()),
        worker_import: use_line("worker", &imports),
        has_queues: accessors.iter().any(|a| a.queue_message.is_some()),
        has_triggers: !spec.crons.is_empty() || !spec.consumers.is_empty(),
        inputs: routes.iter().any(|r| r.input.is_some()),
        auth_schemes: auth_schemes(spec),
        guards: routes.iter().any(|r| r.guard.is_some()),
        prepares: routes
            .iter()
            .any(|r| r.guard.is_some() || r.input.is_some()),
        some_unguarded: routes.iter().any(|r| r.guard.is_none()),
        limits: spec.routes.iter().any(|r| r.rate_limit.is_some()),
        realm: rust_string(&spec.app.name),
        body_inputs: spec.routes.iter().any(|r| r.body.is_some()),
        some_without_input: routes.iter().any(|r| r.input.is_none()),
        has_patterns: spec.schemas.values().any(has_pattern),
        type_imports,
        routes,
        static_paths,
        dynamic_routes,
        accessors,
        crons: spec
            .crons
            .iter()
            .map(|c| RustCron {
                schedule: c.schedule.clone(),
                module: module(&c.handler),
                variant: c.handler.to_case(Case::Pascal),
            })
            .collect(),
        cron_handlers: {
            let mut handlers: Vec<(String, String)> = spec
                .crons
                .iter()
                .map(|c| (module(&c.handler), c.handler.to_case(Case::Pascal)))
                .collect();
            handlers.sort();
            handlers.dedup();
            handlers
        },
        cron_modules,
        consumers: consumers(spec),
        objects,
        has_schemas: !spec.schemas.is_empty(),
        schemas: spec
            .schemas
            .iter()
            .map(|(name, schema)| declaration(name, schema))
            .collect(),
        cors_policies: cors_policies(spec),
        openapi_route: spec
            .app
            .openapi_route
            .clone()
            .filter(|_| !spec.routes.is_empty()),
        worker_build: versions::WORKER_BUILD.to_owned(),
    }
}

/// A handler or class name as a Rust module: snake_case.
pub fn module(name: &str) -> String {
    identifier(&name.to_case(Case::Snake))
}

/// `name`, as a raw identifier when it is a Rust keyword.
fn identifier(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type",
        "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
        "override", "priv", "typeof", "unsized", "virtual", "yield",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

fn params_of(segments: &[PathSegment]) -> Vec<String> {
    segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Param(name) | PathSegment::Wildcard(name) => Some(name.clone()),
            PathSegment::Static(_) => None,
        })
        .collect()
}

fn routes(spec: &Spec) -> Vec<RustRoute> {
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
                body: route
                    .body
                    .as_ref()
                    .map_or("None".to_owned(), |b| format!("Some({})", rust_string(b))),
                query: route
                    .query
                    .as_ref()
                    .map_or("None".to_owned(), |q| format!("Some({})", rust_string(q))),
                max_bytes: route
                    .max_body_bytes
                    .unwrap_or(super::input::DEFAULT_MAX_BODY),
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
                cors: super::cors::effective(spec, route)
                    .map(|(name, _)| super::cors::constant(&name)),
                variant,
            })
        })
        .collect();
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// A route with its parsed pattern.
type Parsed<'a> = (&'a Route, Vec<PathSegment>);

/// The static paths and the compiled patterns, in the precedence order of the TypeScript router.
fn paths(routes: &[Route]) -> (Vec<RustPath>, Vec<RustPath>) {
    let mut statics: BTreeMap<String, Vec<Parsed<'_>>> = BTreeMap::new();
    let mut dynamics: BTreeMap<Vec<(u8, String)>, Vec<Parsed<'_>>> = BTreeMap::new();
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
            let key = segments.iter().map(|s| (s.rank(), s.shape())).collect();
            dynamics.entry(key).or_default().push((route, segments));
        }
    }
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

/// `const X: &[T] = &[a, b];` on one line when rustfmt keeps it there, else one item per line.
fn array_const(head: &str, items: &[String]) -> String {
    let body = items.join(", ");
    let line = format!("{head}&[{body}];");
    if body.len() <= ARRAY_WIDTH && line.len() <= MAX_WIDTH {
        return line;
    }
    let lines: String = items.iter().map(|i| format!("    {i},\n")).collect();
    format!("{head}&[\n{lines}];")
}

/// The method arms of routes sharing a path shape (explicit methods, then `GET`, then `ANY`), and
/// what the shape adds to `Allow` when no arm matches. `indent` is where an arm's `if` sits.
fn arms(
    mut routes: Vec<Parsed<'_>>,
    indent: usize,
    dynamic: bool,
) -> (Vec<RustArm>, Option<String>) {
    let order = |m: Method| match m {
        Method::Get => 1,
        Method::Any => 2,
        _ => 0,
    };
    routes.sort_by_key(|(r, _)| (order(r.method), r.method));
    let mut allow: Vec<&str> = Vec::new();
    let mut catch_all = false;
    let arms = routes
        .iter()
        .map(|(route, segments)| {
            let condition = match route.method {
                Method::Any => {
                    catch_all = true;
                    None
                }
                Method::Get => {
                    allow.extend(["GET", "HEAD"]);
                    Some(r#"method == "GET" || method == "HEAD""#.to_owned())
                }
                m => {
                    allow.push(m.as_str());
                    Some(format!(r#"method == "{}""#, m.as_str()))
                }
            };
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
    let allow = (!catch_all).then(|| {
        let items: Vec<String> = allow.iter().map(|m| format!("\"{m}\"")).collect();
        format!("allow.extend([{}]);", items.join(", "))
    });
    (arms, allow)
}

/// `return Routed::Found(Route::X(XParams { a: m0 }));`, laid out as rustfmt lays it out.
fn return_found(variant: &str, fields: &[String], indent: usize) -> String {
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

/// `use krate::{A, B};`, wrapped the way rustfmt wraps a long import list.
fn use_line(krate: &str, items: &[&str]) -> String {
    if items.len() == 1 {
        return format!("use {krate}::{};", items[0]);
    }
    let line = format!("use {krate}::{{{}}};", items.join(", "));
    if line.len() <= MAX_WIDTH {
        return line;
    }
    let mut lines = vec![String::from("   ")];
    for item in items {
        let last = lines.last_mut().expect("one line at least");
        if last.len() + 1 + item.len() + 1 > MAX_WIDTH {
            lines.push(format!("    {item},"));
        } else {
            last.push_str(&format!(" {item},"));
        }
    }
    format!(
        "use {krate}::{{
{}
}};",
        lines.join(
            "
"
        )
    )
}

/// A Rust string literal.
pub fn rust_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn accessors(spec: &Spec) -> Vec<Accessor> {
    let mut out = Vec::new();
    for (name, binding) in &spec.bindings {
        let quoted = rust_string(name);
        let (rust_type, body, doc, queue_message) = match binding {
            Binding::Kv { .. } => (
                "KvStore".to_owned(),
                format!("self.env.kv({quoted})"),
                "A Workers KV namespace.",
                None,
            ),
            Binding::D1 { .. } => (
                "D1Database".to_owned(),
                format!("self.env.d1({quoted})"),
                "A D1 database.",
                None,
            ),
            Binding::R2 { .. } => (
                "Bucket".to_owned(),
                format!("self.env.bucket({quoted})"),
                "An R2 bucket.",
                None,
            ),
            Binding::DurableObject { .. } => (
                "ObjectNamespace".to_owned(),
                format!("self.env.durable_object({quoted})"),
                "A Durable Object namespace.",
                None,
            ),
            Binding::Queue { message, .. } => {
                let message = message
                    .clone()
                    .unwrap_or_else(|| "serde_json::Value".to_owned());
                (
                    format!("TypedQueue<{message}>"),
                    format!("self.env.queue({quoted}).map(TypedQueue::new)"),
                    "A queue producer, typed by its message.",
                    Some(message),
                )
            }
            Binding::Service { .. } => (
                "Fetcher".to_owned(),
                format!("self.env.service({quoted})"),
                "A service binding to another Worker.",
                None,
            ),
            Binding::Ai {} => (
                "Ai".to_owned(),
                format!("self.env.ai({quoted})"),
                "Workers AI.",
                None,
            ),
            Binding::RateLimit { .. } => (
                "RateLimiter".to_owned(),
                format!("self.env.rate_limiter({quoted})"),
                "A rate limiter.",
                None,
            ),
            Binding::AnalyticsEngine { .. } => (
                "AnalyticsEngineDataset".to_owned(),
                format!("self.env.analytics_engine({quoted})"),
                "An Analytics Engine dataset.",
                None,
            ),
            Binding::Hyperdrive { .. } => (
                "Hyperdrive".to_owned(),
                format!("self.env.hyperdrive({quoted})"),
                "A Hyperdrive configuration.",
                None,
            ),
            Binding::Assets { .. } => (
                "Fetcher".to_owned(),
                format!("self.env.assets({quoted})"),
                "The static assets.",
                None,
            ),
            // Rejected for Rust by validation.
            Binding::Vectorize { .. } => continue,
        };
        out.push(Accessor {
            method: identifier(&name.to_case(Case::Snake)),
            name: name.clone(),
            rust_type,
            body,
            doc: doc.to_owned(),
            queue_message,
        });
    }
    let mut vars: Vec<&String> = spec.vars.keys().collect();
    for environment in spec.env.values() {
        vars.extend(environment.vars.keys());
    }
    vars.sort();
    vars.dedup();
    for name in vars {
        out.push(Accessor {
            method: identifier(&name.to_case(Case::Snake)),
            name: name.clone(),
            rust_type: "String".to_owned(),
            body: format!("Ok(self.env.var({})?.to_string())", rust_string(name)),
            doc: "A var from the spec.".to_owned(),
            queue_message: None,
        });
    }
    for name in &spec.secrets.required {
        out.push(Accessor {
            method: identifier(&name.to_case(Case::Snake)),
            name: name.clone(),
            rust_type: "String".to_owned(),
            body: format!("Ok(self.env.secret({})?.to_string())", rust_string(name)),
            doc: "A secret: `wrangler secret put` in production, `.dev.vars` locally.".to_owned(),
            queue_message: None,
        });
    }
    out.sort_by(|a, b| a.method.cmp(&b.method));
    out
}

fn consumers(spec: &Spec) -> Vec<RustConsumer> {
    let mut out: Vec<RustConsumer> = spec
        .consumers
        .iter()
        .map(|consumer| {
            let producer = spec.bindings.iter().find_map(|(name, b)| match b {
                Binding::Queue { queue, message, .. } if *queue == consumer.queue => {
                    Some((name, message))
                }
                _ => None,
            });
            let message = consumer
                .message
                .clone()
                .or_else(|| producer.and_then(|(_, m)| m.clone()))
                .unwrap_or_else(|| "serde_json::Value".to_owned());
            let mut queues = vec![consumer.queue.clone()];
            if let Some((binding, _)) = producer {
                for environment in spec.env.values() {
                    if let Some(queue) = environment
                        .bindings
                        .get(binding)
                        .and_then(|o| o.queue.clone())
                    {
                        queues.push(queue);
                    }
                }
            }
            queues.sort();
            queues.dedup();
            let sample = super::input::example_of(spec, &message)
                .unwrap_or_else(|| serde_json::json!({ "hello": "queue" }));
            let message_path = if spec.schemas.contains_key(&message) {
                format!("super::types::{message}")
            } else {
                message.clone()
            };
            RustConsumer {
                message_path,
                sample,
                message_import: spec.schemas.contains_key(&message),
                queues: queues
                    .iter()
                    .map(|q| rust_string(q))
                    .collect::<Vec<_>>()
                    .join(" | "),
                queue: consumer.queue.clone(),
                module: module(&consumer.handler),
                variant: consumer.handler.to_case(Case::Pascal),
                message,
            }
        })
        .collect();
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

/// The Rust declaration of a named schema: a struct for objects, an enum for string enums, a type
/// alias otherwise.
fn declaration(name: &str, schema: &Schema) -> String {
    let doc = description(schema)
        .map(|d| format!("/// {}\n", d.replace('\n', " ")))
        .unwrap_or_default();
    match schema {
        Schema::Object {
            properties,
            required,
            nullable: false,
            ..
        } => {
            let mut fields = String::new();
            for (key, property) in properties {
                let field = identifier(&key.to_case(Case::Snake));
                if let Some(d) = description(property) {
                    fields.push_str(&format!("    /// {}\n", d.replace('\n', " ")));
                }
                let mut ty = rust_type(property);
                let optional = !required.contains(key);
                if optional {
                    fields.push_str(
                        "    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n",
                    );
                    ty = format!("Option<{ty}>");
                }
                if field != *key {
                    fields.push_str(&format!("    #[serde(rename = {})]\n", rust_string(key)));
                }
                fields.push_str(&format!("    pub {field}: {ty},\n"));
            }
            format!(
                "{doc}#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\npub struct {name} {{\n{fields}}}"
            )
        }
        Schema::String {
            enum_values: Some(values),
            nullable: false,
            ..
        } => {
            let mut variants = String::new();
            for value in values {
                let variant = value.to_case(Case::Pascal);
                variants.push_str(&format!(
                    "    #[serde(rename = {})]\n    {variant},\n",
                    rust_string(value)
                ));
            }
            format!(
                "{doc}#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]\npub enum {name} {{\n{variants}}}"
            )
        }
        other => format!("{doc}pub type {name} = {};", rust_type(other)),
    }
}

fn description(schema: &Schema) -> Option<&str> {
    match schema {
        Schema::Object { description, .. }
        | Schema::String { description, .. }
        | Schema::Integer { description, .. }
        | Schema::Number { description, .. }
        | Schema::Boolean { description, .. }
        | Schema::Array { description, .. }
        | Schema::Ref { description, .. } => description.as_deref(),
    }
}

/// The Rust type of an inline schema. Inline objects and string enums stay JSON (`Value`, `String`):
/// name them in `[schemas]` to get a struct or an enum.
fn rust_type(schema: &Schema) -> String {
    let (base, nullable) = match schema {
        Schema::Object { nullable, .. } => ("serde_json::Value".to_owned(), *nullable),
        Schema::String { nullable, .. } => ("String".to_owned(), *nullable),
        Schema::Integer { nullable, .. } => ("i64".to_owned(), *nullable),
        Schema::Number { nullable, .. } => ("f64".to_owned(), *nullable),
        Schema::Boolean { nullable, .. } => ("bool".to_owned(), *nullable),
        Schema::Array {
            items, nullable, ..
        } => (format!("Vec<{}>", rust_type(items)), *nullable),
        Schema::Ref { name, nullable, .. } => (name.clone(), *nullable),
    };
    if nullable {
        format!("Option<{base}>")
    } else {
        base
    }
}

fn cors_policies(spec: &Spec) -> Vec<RustCors> {
    let mut used: BTreeMap<String, &CorsPolicy> = BTreeMap::new();
    for route in &spec.routes {
        if let Some((name, policy)) = super::cors::effective(spec, route) {
            used.insert(name, policy);
        }
    }
    used.into_iter()
        .map(|(name, policy)| {
            let any = policy.allow_origins.iter().any(|o| o == "*");
            let exact: Vec<String> = policy
                .allow_origins
                .iter()
                .filter(|o| *o != "*" && !o.contains("://*."))
                .map(|o| rust_string(o))
                .collect();
            let patterns: Vec<String> = policy
                .allow_origins
                .iter()
                .filter_map(|o| o.split_once("://*."))
                .map(|(scheme, domain)| {
                    format!(
                        "({}, {})",
                        rust_string(&format!("{scheme}://")),
                        rust_string(&format!(".{domain}"))
                    )
                })
                .collect();
            let headers: Vec<String> = policy
                .allow_headers
                .iter()
                .map(|h| rust_string(&h.to_ascii_lowercase()))
                .collect();
            let methods = if policy.allow_methods.is_empty() {
                "None".to_owned()
            } else {
                format!("Some({})", rust_string(&policy.allow_methods.join(", ")))
            };
            let fields = vec![
                format!("any_origin: {any},"),
                array_field("origins", &exact),
                array_field("patterns", &patterns),
                format!("methods: {methods},"),
                array_field("headers", &headers),
                format!(
                    "expose: {},",
                    rust_string(&policy.expose_headers.join(", "))
                ),
                format!("credentials: {},", policy.allow_credentials),
                format!(
                    "max_age: {},",
                    policy
                        .max_age
                        .map_or("None".to_owned(), |m| format!("Some({m})"))
                ),
            ];
            RustCors {
                constant: super::cors::constant(&name),
                fields,
            }
        })
        .collect()
}

/// `name: &[a, b],` at an indent of four, one item per line when rustfmt would break it.
fn array_field(name: &str, items: &[String]) -> String {
    let body = items.join(", ");
    let line = format!("{name}: &[{body}],");
    if body.len() <= ARRAY_WIDTH && line.len() + 4 <= MAX_WIDTH {
        return line;
    }
    let lines: String = items.iter().map(|i| format!("        {i},\n")).collect();
    format!("{name}: &[\n{lines}    ],")
}

/// The schemes routes use, as `pub const` items (the Rust target refuses JWT kinds in validation).
fn auth_schemes(spec: &Spec) -> Vec<String> {
    use crate::spec::AuthScheme;
    let used: std::collections::BTreeSet<&str> = spec
        .routes
        .iter()
        .flat_map(|r| super::auth::route_schemes(spec, r))
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
            let constant = super::auth::constant(name);
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
                            .map(|a| super::auth::algorithm(*a).to_owned())
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
fn guard(spec: &Spec, route: &Route) -> Option<String> {
    let schemes: Vec<String> = super::auth::route_schemes(spec, route)
        .iter()
        .map(|(name, _)| super::auth::constant(name))
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
fn jwt_fields(
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

/// Whether a schema (or one nested in it) has a string `pattern`.
pub fn has_pattern(schema: &Schema) -> bool {
    match schema {
        Schema::String { pattern, .. } => pattern.is_some(),
        Schema::Object { properties, .. } => properties.values().any(has_pattern),
        Schema::Array { items, .. } => has_pattern(items),
        _ => false,
    }
}
