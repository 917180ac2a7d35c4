//! The Rust target's model: Rust names (snake_case modules and functions, CamelCase types), the
//! compiled route table as Rust, typed binding accessors, Rust types for `[schemas]`, and the
//! policies as constants. Everything is laid out the way rustfmt prints it, so generated projects
//! pass `cargo fmt --check`.

mod bindings;
mod layout;
mod model;
mod policy;
mod routes;
mod types;

use convert_case::{Case, Casing};

pub use layout::rust_string;
pub use model::*;
pub use types::has_pattern;

use super::{ConsumerModel, ObjectModel};
use crate::spec::Spec;
use crate::versions;

/// The Rust model of a checked spec, from the consumers and Durable Objects the language-neutral
/// lowering resolved.
pub fn lower(spec: &Spec, consumers: &[ConsumerModel], objects: &[ObjectModel]) -> RustModel {
    let routes = routes::routes(spec);
    let (static_paths, dynamic_routes) = routes::paths(&spec.routes);
    let mut cron_modules: Vec<String> = spec.crons.iter().map(|c| module(&c.handler)).collect();
    cron_modules.sort();
    cron_modules.dedup();
    let mut objects: Vec<RustObject> = objects
        .iter()
        .map(|object| RustObject {
            class_name: object.class_name.clone(),
            module: module(&object.class_name),
            binding: object.binding.clone(),
        })
        .collect();
    objects.sort_by(|a, b| a.class_name.cmp(&b.class_name));
    let accessors = bindings::accessors(spec);
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
        worker_import: layout::use_line("worker", &imports),
        has_queues: accessors.iter().any(|a| a.queue_message.is_some()),
        has_triggers: !spec.crons.is_empty() || !spec.consumers.is_empty(),
        inputs: routes.iter().any(|r| r.input.is_some()),
        auth_schemes: policy::auth_schemes(spec),
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
            let mut handlers: Vec<(String, String, String)> = spec
                .crons
                .iter()
                .map(|c| {
                    let (module, variant) = (module(&c.handler), c.handler.to_case(Case::Pascal));
                    let call = format!("crons::{module}::run(event, env, ctx).await");
                    let arm = format!("        Some(Cron::{variant}) => {call},");
                    let arm = if arm.len() <= layout::MAX_WIDTH {
                        arm
                    } else {
                        format!(
                            "        Some(Cron::{variant}) => {{\n            {call}\n        }}"
                        )
                    };
                    (module, variant, arm)
                })
                .collect();
            handlers.sort();
            handlers.dedup();
            handlers
        },
        cron_modules,
        consumers: bindings::consumers(spec, consumers),
        objects,
        has_schemas: !spec.schemas.is_empty(),
        schemas: spec
            .schemas
            .iter()
            .map(|(name, schema)| types::declaration(name, schema))
            .collect(),
        cors_policies: policy::cors_policies(spec),
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
    layout::identifier(&name.to_case(Case::Snake))
}
