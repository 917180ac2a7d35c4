//! The Rust target's model: what the templates under `templates/rust/` render.

use serde::Serialize;

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
    /// Cron handlers as (module, `Cron` variant, its arm in `scheduled`), sorted and unique.
    pub cron_handlers: Vec<(String, String, String)>,
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
    /// Its line in the conformance build's `probe`, laid out at an indent of eight.
    pub probe: String,
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
