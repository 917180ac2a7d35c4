//! The JSON files of a project, built with serde rather than text templates.

use serde_json::{Map, Value, json};

use super::{File, Ownership};
use crate::lower::Model;

pub(super) fn render(model: &Model) -> Vec<File> {
    let generated = Ownership::Generated;
    // The conformance tables, the same for every language.
    let mut files = vec![
        file("package.json", package_json(model), Ownership::Structured),
        file(
            "test/generated/routes.json",
            json!(model.route_cases),
            generated,
        ),
    ];
    if !model.cors_cases.is_empty() {
        files.push(file(
            "test/generated/cors.json",
            json!(model.cors_cases),
            generated,
        ));
    }
    if !model.guards.is_empty() {
        files.push(file(
            "test/generated/auth.json",
            json!(model.auth_cases),
            generated,
        ));
    }
    if !model.inputs.is_empty() {
        files.push(file(
            "src/generated/shapes.json",
            model.shapes.clone(),
            generated,
        ));
        files.push(file(
            "test/generated/input.json",
            json!(model.input_cases),
            generated,
        ));
    }
    match &model.rust {
        // A Rust project's npm side only runs wrangler and the workerd tests.
        Some(rust) => {
            let names: Vec<&str> = rust.accessors.iter().map(|a| a.name.as_str()).collect();
            files.push(file(
                "test/generated/bindings.json",
                json!(names),
                generated,
            ));
            if rust.has_triggers {
                let schedules: Vec<&str> = rust.crons.iter().map(|c| c.schedule.as_str()).collect();
                let queues: Vec<Value> = rust
                    .consumers
                    .iter()
                    .map(|c| json!([c.queue, c.sample]))
                    .collect();
                let triggers = json!({ "crons": schedules, "queues": queues });
                files.push(file("test/generated/triggers.json", triggers, generated));
            }
        }
        None => {
            files.push(file(
                "tsconfig.json",
                tsconfig(model),
                Ownership::Structured,
            ));
            files.push(file(
                "test/generated/env.json",
                env_expectations(model),
                generated,
            ));
        }
    }
    files
}

fn file(path: &str, value: Value, ownership: Ownership) -> File {
    File {
        path: path.to_owned(),
        contents: super::json_layout::to_string(&value),
        ownership,
        origin: None,
    }
}

fn package_json(model: &Model) -> Value {
    let dev_dependencies: Map<String, Value> = model
        .dev_dependencies
        .iter()
        .map(|d| (d.name.clone(), Value::String(d.version.clone())))
        .collect();
    json!({
        "name": model.name,
        "version": "0.0.0",
        "private": true,
        "type": "module",
        "scripts": scripts(model),
        "engines": { "node": format!(">={}", model.node_major) },
        "devDependencies": dev_dependencies,
    })
}

fn scripts(model: &Model) -> Value {
    if model.rust.is_some() {
        return json!({
            "build": "worker-build --release",
            "dev": "wrangler dev",
            "deploy": "wrangler deploy",
            "test": "cargo test && worker-build --release --features conformance && vitest run",
            "generate": "create-edge-app generate"
        });
    }
    json!({
        "dev": "wrangler dev",
        "deploy": "wrangler deploy",
        "test": "vitest run",
        "typecheck": "tsc --noEmit",
        "format": "prettier --write .",
        "generate": "create-edge-app generate"
    })
}

fn tsconfig(model: &Model) -> Value {
    let mut options = json!({
        "target": "es2024",
        "module": "es2022",
        "moduleResolution": "bundler",
        "lib": ["es2024"],
        "types": ["@cloudflare/workers-types", "@cloudflare/vitest-plugin/types"],
        "strict": true,
        "noEmit": true,
        "isolatedModules": true,
        "verbatimModuleSyntax": true,
        "resolveJsonModule": true,
        "noFallthroughCasesInSwitch": true,
        "noImplicitOverride": true,
        "noImplicitReturns": true,
        "noUnusedLocals": true,
        "forceConsistentCasingInFileNames": true,
        "skipLibCheck": true
    });
    if !model.ts {
        if let Value::Object(map) = &mut options {
            map.insert("allowJs".to_owned(), Value::Bool(true));
            map.insert("checkJs".to_owned(), Value::Bool(true));
        }
    }
    json!({
        "compilerOptions": options,
        "include": ["src", "test", "vitest.config.mts"],
    })
}

/// What the generated env test expects on `env`: each binding with a member its kind must have.
fn env_expectations(model: &Model) -> Value {
    let bindings: Vec<Value> = model
        .bindings
        .iter()
        .map(|b| {
            let (probe, kind) = probe(&b.kind);
            json!({ "name": b.name, "kind": b.kind, "probe": probe, "type": kind })
        })
        .collect();
    let secrets: Map<String, Value> = model
        .test_secrets
        .iter()
        .map(|s| (s.name.clone(), Value::String(s.value.clone())))
        .collect();
    json!({ "bindings": bindings, "vars": model.vars, "secrets": secrets })
}

/// A member that only the right kind of binding has, and its `typeof`.
fn probe(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "kv" => ("getWithMetadata", "function"),
        "d1" => ("prepare", "function"),
        "r2" => ("createMultipartUpload", "function"),
        "durable_object" => ("idFromName", "function"),
        "queue" => ("sendBatch", "function"),
        "ai" => ("run", "function"),
        "rate_limit" => ("limit", "function"),
        "analytics_engine" => ("writeDataPoint", "function"),
        "hyperdrive" => ("connectionString", "string"),
        "vectorize" => ("query", "function"),
        _ => ("fetch", "function"),
    }
}
