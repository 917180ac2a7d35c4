//! Turns a checked [`Spec`] into the [`Model`] the templates render: names resolved, defaults
//! applied, routes ordered by precedence, types spelled out. Deterministic: every list is sorted.

pub mod auth;
pub mod cors;
mod imports;
pub mod input;
mod matcher;
pub mod migrations;
mod model;
pub mod oracle;
mod routes;
pub mod rust;
mod types;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use model::*;

use crate::spec::{Binding, ConfigFormat, Language, Route, Spec};
use crate::versions;

/// Lowers a spec that [`crate::validate::validate`] accepted. `history` is what the last
/// generation recorded about Durable Objects (empty for a new project).
pub fn lower(spec: &Spec, history: &migrations::ObjectHistory) -> Model {
    let language = spec.app.language;
    let ext = if language == Language::Js { "js" } else { "ts" };
    let objects: Vec<ObjectModel> = spec
        .bindings
        .iter()
        .filter_map(|(binding, b)| match b {
            Binding::DurableObject {
                class_name,
                script_name: None,
                ..
            } => Some(ObjectModel {
                class_name: class_name.clone(),
                binding: binding.clone(),
            }),
            _ => None,
        })
        .collect();
    let consumers = consumers(spec);
    let mut cron_handlers: Vec<String> = spec.crons.iter().map(|c| c.handler.clone()).collect();
    cron_handlers.sort();
    cron_handlers.dedup();
    let crons = spec
        .crons
        .iter()
        .map(|c| CronModel {
            schedule: c.schedule.clone(),
            handler: c.handler.clone(),
        })
        .collect();
    let mut services: Vec<String> = spec
        .bindings
        .values()
        .filter_map(|b| match b {
            Binding::Service { service, .. } => Some(service.clone()),
            _ => None,
        })
        .collect();
    services.sort();
    services.dedup();
    let test_jwks = spec.auth.values().any(|s| {
        matches!(
            s,
            crate::spec::AuthScheme::Jwt {
                jwks_url: Some(_),
                ..
            } | crate::spec::AuthScheme::CloudflareAccess { .. }
        )
    });
    let mut routes = routes::lower(&spec.routes);
    let route_cases = oracle::cases(&spec.routes);
    let by_handler: HashMap<&str, &Route> = spec
        .routes
        .iter()
        .rev()
        .map(|r| (r.handler.as_str(), r))
        .collect();
    for handler in &mut routes.handlers {
        let route = by_handler.get(handler.name.as_str()).copied();
        handler.cors = route
            .and_then(|r| cors::effective(spec, r))
            .map(|(name, _)| cors::constant(&name));
        handler.principal = route.map_or("null".to_owned(), |r| auth::principal_of(spec, r));
        handler.authenticated = handler.principal != "null";
        if let Some(route) = route {
            (handler.body_type, handler.query_type) = input::types(route);
        }
        handler.handler_entry = routes::handler_entry(handler);
    }
    // The first request of the routing table that reaches each handler, other than `HEAD`.
    let mut examples: HashMap<&str, &oracle::RouteCase> = HashMap::new();
    for case in route_cases.iter().filter(|c| c.method != "HEAD") {
        if let Some(handler) = case.handler.as_deref() {
            examples.entry(handler).or_insert(case);
        }
    }
    for handler in &mut routes.handlers {
        let example = examples.get(handler.name.as_str());
        handler.example_method = example.map(|c| c.method.clone());
        handler.example_path = example.map(|c| c.path.clone());
    }
    let messages: Vec<String> = consumers.iter().map(|c| c.message.clone()).collect();
    let auth_schemes = auth::schemes(spec);
    let guards = auth::guards(spec);
    let auth_cases = auth::cases(spec);
    let inputs = input::inputs(spec);
    let prepares = !guards.is_empty() || !inputs.is_empty();
    let imports = imports::imports(
        spec,
        language == Language::Ts,
        &messages,
        !auth_schemes.is_empty(),
        !guards.is_empty(),
    );
    let rust = (language == Language::Rust).then(|| rust::lower(spec, &consumers, &objects));
    Model {
        name: spec.app.name.clone(),
        ts: language == Language::Ts,
        ext: ext.to_owned(),
        config_file: match spec.app.config_format {
            ConfigFormat::Toml => "wrangler.toml",
            ConfigFormat::Jsonc => "wrangler.jsonc",
        }
        .to_owned(),
        env_fields: env_fields(spec),
        type_imports: imports.types,
        handler_type_imports: imports.handler_types,
        object_history: migrations::advance(spec, history),
        schemas: types::declarations(&spec.schemas),
        route_handlers: routes.handlers,
        matcher: routes.matcher,
        route_methods: matcher::route_methods(&spec.routes),
        route_cases,
        principal_union: if guards.is_empty() {
            "null"
        } else {
            "Principal | null"
        }
        .to_owned(),
        auth_schemes,
        auth_import: imports.auth,
        openapi_route: spec
            .app
            .openapi_route
            .clone()
            .filter(|_| !spec.routes.is_empty()),
        auth_kinds: AuthKinds {
            bearer: auth_cases.schemes.iter().any(|s| s.kind == "bearer"),
            api_key: auth_cases.schemes.iter().any(|s| s.kind == "api_key"),
            basic: auth_cases.schemes.iter().any(|s| s.kind == "basic"),
            jwt: auth_cases
                .schemes
                .iter()
                .any(|s| s.kind == "jwt" || s.kind == "cloudflare_access"),
            scopes: auth_cases.schemes.iter().any(|s| !s.scopes.is_empty()),
            limits: !auth_cases.limits.is_empty(),
        },
        auth_cases,
        guards,
        test_secrets: auth::test_secrets(spec)
            .into_iter()
            .map(|(name, value)| TestSecret { name, value })
            .collect(),
        prepares,
        inputs,
        input_cases: input::cases(spec),
        shapes: input::shapes(spec),
        cors_policies: cors::compile(spec),
        cors_cases: cors::cases(spec),
        any_methods: cors::ANY_METHODS.to_owned(),
        trigger_imports: imports.triggers,
        app_imports: imports.app,
        cron_handlers,
        crons,
        consumer_handlers: consumers,
        objects,
        bindings: spec
            .bindings
            .iter()
            .map(|(name, b)| BindingModel {
                name: name.clone(),
                kind: b.kind().to_owned(),
            })
            .collect(),
        services: services.clone(),
        test_miniflare: !services.is_empty() || !spec.secrets.required.is_empty() || test_jwks,
        test_jwks,
        test_miniflare_bindings: !spec.secrets.required.is_empty() || test_jwks,
        test_workers: !services.is_empty() || test_jwks,
        vars: spec.vars.clone(),
        secrets: spec.secrets.required.clone(),
        environments: spec.env.keys().cloned().collect(),
        dev_dependencies: dev_dependencies(spec),
        node_major: versions::NODE_MAJOR,
        rust,
    }
}

fn env_fields(spec: &Spec) -> Vec<EnvField> {
    let mut fields = Vec::new();
    for (name, binding) in &spec.bindings {
        fields.push(EnvField {
            name: name.clone(),
            ts_type: binding_type(binding),
            doc: binding_doc(binding).to_owned(),
        });
    }
    // Every value a var takes across environments, so the type matches what `wrangler types` says.
    let mut var_values: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, value) in &spec.vars {
        var_values.entry(name).or_default().insert(value);
    }
    for environment in spec.env.values() {
        for (name, value) in &environment.vars {
            var_values.entry(name).or_default().insert(value);
        }
    }
    for (name, values) in var_values {
        let ts_type = values
            .iter()
            .map(|v| types::string_literal(v))
            .collect::<Vec<_>>()
            .join(" | ");
        fields.push(EnvField {
            name: name.to_owned(),
            ts_type,
            doc: VAR_DOC.to_owned(),
        });
    }
    for name in &spec.secrets.required {
        fields.push(EnvField {
            name: name.clone(),
            ts_type: "string".to_owned(),
            doc: SECRET_DOC.to_owned(),
        });
    }
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    fields
}

/// The TypeScript type of a binding in `Env`.
fn binding_type(binding: &Binding) -> String {
    match binding {
        Binding::Kv { .. } => "KVNamespace".to_owned(),
        Binding::D1 { .. } => "D1Database".to_owned(),
        Binding::R2 { .. } => "R2Bucket".to_owned(),
        Binding::DurableObject {
            class_name,
            script_name: None,
            ..
        } => format!("DurableObjectNamespace<{class_name}>"),
        Binding::DurableObject { .. } => "DurableObjectNamespace".to_owned(),
        Binding::Queue {
            message: Some(message),
            ..
        } => format!("Queue<{message}>"),
        Binding::Queue { message: None, .. } => "Queue".to_owned(),
        Binding::Service { .. } | Binding::Assets { .. } => "Fetcher".to_owned(),
        Binding::Ai {} => "Ai".to_owned(),
        Binding::RateLimit { .. } => "RateLimit".to_owned(),
        Binding::AnalyticsEngine { .. } => "AnalyticsEngineDataset".to_owned(),
        Binding::Hyperdrive { .. } => "Hyperdrive".to_owned(),
        Binding::Vectorize { .. } => "VectorizeIndex".to_owned(),
    }
}

/// The doc comment of a binding's field in `Env` (TypeScript) or accessor (Rust).
fn binding_doc(binding: &Binding) -> &'static str {
    match binding {
        Binding::Kv { .. } => "A Workers KV namespace.",
        Binding::D1 { .. } => "A D1 database.",
        Binding::R2 { .. } => "An R2 bucket.",
        Binding::DurableObject {
            script_name: None, ..
        } => "A Durable Object namespace.",
        Binding::DurableObject { .. } => "A Durable Object namespace of another Worker.",
        Binding::Queue { .. } => "A queue producer.",
        Binding::Service { .. } => "A service binding to another Worker.",
        Binding::Ai {} => "Workers AI.",
        Binding::RateLimit { .. } => "A rate limiter.",
        Binding::AnalyticsEngine { .. } => "An Analytics Engine dataset.",
        Binding::Hyperdrive { .. } => "A Hyperdrive configuration.",
        Binding::Vectorize { .. } => "A Vectorize index.",
        Binding::Assets { .. } => "The static assets.",
    }
}

/// The doc comment of a var's field or accessor.
const VAR_DOC: &str = "A var from the spec.";

/// The doc comment of a secret's field or accessor.
const SECRET_DOC: &str = "A secret: `wrangler secret put` in production, `.dev.vars` locally.";

/// Consumers with every queue name they answer to (an environment can rename a queue) and the type
/// of their messages.
fn consumers(spec: &Spec) -> Vec<ConsumerModel> {
    let mut out: Vec<ConsumerModel> = spec
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
                .unwrap_or_else(|| "unknown".to_owned());
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
            let case_labels = queues
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let open = if i + 1 == queues.len() { " {" } else { "" };
                    format!("    case {}:{open}", types::string_literal(q))
                })
                .collect::<Vec<_>>()
                .join("\n");
            ConsumerModel {
                queue: consumer.queue.clone(),
                queues,
                handler: consumer.handler.clone(),
                message,
                case_labels,
            }
        })
        .collect();
    out.sort_by(|a, b| a.handler.cmp(&b.handler));
    out
}

/// The pinned devDependencies, sorted by name: `jose` joins them when a spec has a JWT scheme.
fn dev_dependencies(spec: &Spec) -> Vec<Dependency> {
    let jwt = spec
        .auth
        .values()
        .any(|s| matches!(s.kind(), "jwt" | "cloudflare_access"));
    let mut out: Vec<Dependency> = versions::NPM_DEV_DEPENDENCIES
        .iter()
        .chain(Some(&versions::JOSE).filter(|_| jwt))
        .filter(|(name, _)| {
            spec.app.language != Language::Rust
                || versions::RUST_NPM_DEV_DEPENDENCIES.contains(name)
                || *name == versions::JOSE.0
        })
        .map(|(name, version)| Dependency {
            name: (*name).to_owned(),
            version: (*version).to_owned(),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
