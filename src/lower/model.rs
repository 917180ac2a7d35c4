use serde::Serialize;

/// Everything the templates need, derived from the spec.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// The Worker's name.
    pub name: String,
    /// Whether the project is TypeScript (else JavaScript with JSDoc).
    pub ts: bool,
    /// The source file extension, `ts` or `js`.
    pub ext: String,
    /// `wrangler.toml` or `wrangler.jsonc`.
    pub config_file: String,
    /// The fields of `Env`, sorted by name.
    pub env_fields: Vec<EnvField>,
    /// `import type { Env, ... } from "./types";`: `Env` and the message types consumers use.
    pub type_imports: String,
    /// The same plus the body and query types, for `handlers`.
    pub handler_type_imports: String,
    /// The type imports of `app`: its handler types (and in JavaScript, `./types` too).
    pub app_imports: String,
    /// The imports of the generated trigger test: the dispatchers and handler types it uses.
    pub trigger_imports: String,
    /// Type declarations for `[schemas]`, sorted by name.
    pub schemas: Vec<TypeDeclaration>,
    /// Route handlers, sorted by name.
    pub route_handlers: Vec<RouteHandler>,
    /// The body of `matchRoute` (see `lower::matcher`).
    pub matcher: Matcher,
    /// The methods the routes answer, as a JavaScript array (see `lower::matcher::route_methods`).
    pub route_methods: String,
    /// Cron handler names, sorted and unique.
    pub cron_handlers: Vec<String>,
    /// Cron triggers in spec order.
    pub crons: Vec<CronModel>,
    /// Queue consumers, sorted by handler.
    pub consumer_handlers: Vec<ConsumerModel>,
    /// Where the Worker serves `openapi.json`, if anywhere.
    pub openapi_route: Option<String>,
    /// The auth schemes routes use, compiled.
    pub auth_schemes: Vec<super::auth::Constant>,
    /// What `app` imports from `./auth`.
    pub auth_import: String,
    /// The guard (auth, scopes, rate limit) of each route that has one.
    pub guards: Vec<super::auth::GuardModel>,
    /// The type of the principal the runtime passes around: `Principal | null`, or `null`.
    pub principal_union: String,
    /// The auth test table (`test/generated/auth.json`).
    pub auth_cases: super::auth::AuthCases,
    /// Which scheme kinds the auth tests cover.
    pub auth_kinds: AuthKinds,
    /// Values for the required secrets in the generated tests.
    pub test_secrets: Vec<TestSecret>,
    /// The input settings of routes with a body or query schema.
    pub inputs: Vec<super::input::InputModel>,
    /// The validation test table (`test/generated/input.json`).
    pub input_cases: Vec<super::input::InputCase>,
    /// Whether requests go through `prepare` (guards or input validation).
    pub prepares: bool,
    /// The runtime shapes of `[schemas]` (`src/generated/shapes.json`).
    pub shapes: serde_json::Value,
    /// The CORS policies routes use, compiled.
    pub cors_policies: Vec<super::cors::CorsModel>,
    /// The CORS conformance table (`test/generated/cors.json`).
    pub cors_cases: Vec<super::cors::CorsCase>,
    /// The methods an `ANY` route answers, for preflights.
    pub any_methods: String,
    /// The routing conformance table (`test/generated/routes.json`).
    pub route_cases: Vec<super::oracle::RouteCase>,
    /// Durable Object classes this Worker defines, sorted by binding.
    pub objects: Vec<ObjectModel>,
    /// Durable Object migrations so far, including this generation's.
    pub object_history: super::migrations::ObjectHistory,
    /// Every binding, sorted by name.
    pub bindings: Vec<BindingModel>,
    /// Top-level vars and their values.
    pub vars: std::collections::BTreeMap<String, String>,
    /// Required secret names.
    pub secrets: Vec<String>,
    /// The Workers that service bindings point at, sorted.
    pub services: Vec<String>,
    /// Whether the test config needs a `miniflare` section (secrets, services or signing keys).
    pub test_miniflare: bool,
    /// Whether the test config binds stand-in values (secrets or signing keys).
    pub test_miniflare_bindings: bool,
    /// Whether the test config defines stand-in Workers (services or the identity provider).
    pub test_workers: bool,
    /// Whether the tests need a stand-in identity provider (a JWKS scheme or Cloudflare Access).
    pub test_jwks: bool,
    /// Environment names, sorted.
    pub environments: Vec<String>,
    /// Pinned devDependencies.
    pub dev_dependencies: Vec<Dependency>,
    /// The Node.js major version the tools need.
    pub node_major: u32,
    /// The Rust target's model, for `language = "rust"`.
    pub rust: Option<super::rust::RustModel>,
}

/// One field of `Env`.
#[derive(Debug, Clone, Serialize)]
pub struct EnvField {
    /// The name on `env`.
    pub name: String,
    /// Its TypeScript type.
    pub ts_type: String,
    /// A one-line description.
    pub doc: String,
}

/// A named type from `[schemas]`.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDeclaration {
    /// The type's name.
    pub name: String,
    /// The TypeScript declaration, without a trailing newline: `export interface X {...}` or
    /// `export type X = ...;`.
    pub declaration: String,
    /// Its description, if any.
    pub doc: Option<String>,
}

/// A route's handler.
#[derive(Debug, Clone, Serialize)]
pub struct RouteHandler {
    /// The handler's name.
    pub name: String,
    /// `GET /links/:code`.
    pub summary: String,
    /// The path parameters, in path order.
    pub params: Vec<String>,
    /// The TypeScript type of the parameters.
    pub params_type: String,
    /// The constant of its CORS policy, if it has one.
    pub cors: Option<String>,
    /// The type of `c.principal`: `null`, or the principal types of its schemes.
    pub principal: String,
    /// Whether the route requires credentials.
    pub authenticated: bool,
    /// The type of `c.body`: a schema's name, or `undefined`.
    pub body_type: String,
    /// The type of `c.query`: a schema's name, or `undefined`.
    pub query_type: String,
    /// Its entry in the `Handlers` interface, laid out at an indent of two.
    pub handler_entry: String,
    /// A method that reaches this handler, from the conformance table.
    pub example_method: Option<String>,
    /// A path that reaches this handler, from the conformance table.
    pub example_path: Option<String>,
}

/// The body of the TypeScript and JavaScript `matchRoute`, and the helpers it calls.
#[derive(Debug, Clone, Serialize)]
pub struct Matcher {
    /// The lines before its final `return null`, indented.
    pub lines: Vec<String>,
    /// Which helpers those lines call, so that only those are written.
    pub uses: MatcherHelpers,
}

/// The router's helper functions, each `true` when the matcher calls it.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct MatcherHelpers {
    /// `end`: where a path segment ends.
    pub end: bool,
    /// `is`: whether a segment is some text.
    pub is: bool,
    /// `param`: a `:param` segment, decoded.
    pub param: bool,
    /// `decode`: percent-decoding.
    pub decode: bool,
}

/// A cron trigger.
#[derive(Debug, Clone, Serialize)]
pub struct CronModel {
    /// The cron expression.
    pub schedule: String,
    /// The handler.
    pub handler: String,
}

/// A queue consumer.
#[derive(Debug, Clone, Serialize)]
pub struct ConsumerModel {
    /// The queue named at the top level.
    pub queue: String,
    /// Every queue name it answers to, across environments.
    pub queues: Vec<String>,
    /// The handler.
    pub handler: String,
    /// The TypeScript type of a message body.
    pub message: String,
    /// The `case` labels for every queue name, the last one opening the block.
    pub case_labels: String,
}

/// A Durable Object class this Worker defines.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectModel {
    /// The class name.
    pub class_name: String,
    /// The binding that reaches it.
    pub binding: String,
}

/// A binding, for the generated tests.
#[derive(Debug, Clone, Serialize)]
pub struct BindingModel {
    /// The name on `env`.
    pub name: String,
    /// The spec's `type`.
    pub kind: String,
}

/// A pinned npm dependency.
#[derive(Debug, Clone, Serialize)]
pub struct Dependency {
    /// The package name.
    pub name: String,
    /// The exact version.
    pub version: String,
}

/// A secret's value in the generated tests.
#[derive(Debug, Clone, Serialize)]
pub struct TestSecret {
    /// The secret's name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// Which scheme kinds are in use, for the generated auth tests.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuthKinds {
    /// A `bearer` scheme.
    pub bearer: bool,
    /// An `api_key` scheme.
    pub api_key: bool,
    /// A `basic` scheme.
    pub basic: bool,
    /// A `jwt` scheme.
    pub jwt: bool,
    /// A route with scopes.
    pub scopes: bool,
    /// A rate limit the tests can exhaust.
    pub limits: bool,
}
