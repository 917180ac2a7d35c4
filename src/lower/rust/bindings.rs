//! Typed accessors for bindings, vars and secrets, and the queue consumers with their message types.

use convert_case::{Case, Casing};

use super::layout::{ARRAY_WIDTH, CHAIN_WIDTH, MAX_WIDTH, identifier, rust_string};
use super::model::{Accessor, RustConsumer};
use super::module;
use crate::lower::ConsumerModel;
use crate::spec::{Binding, Spec};

pub(super) fn accessors(spec: &Spec) -> Vec<Accessor> {
    let mut out = Vec::new();
    for (name, binding) in &spec.bindings {
        let quoted = rust_string(name);
        // The `worker` type and the `Env` method that returns it.
        let (rust_type, method) = match binding {
            Binding::Kv { .. } => ("KvStore", "kv"),
            Binding::D1 { .. } => ("D1Database", "d1"),
            Binding::R2 { .. } => ("Bucket", "bucket"),
            Binding::DurableObject { .. } => ("ObjectNamespace", "durable_object"),
            Binding::Queue { .. } => ("TypedQueue", "queue"),
            Binding::Service { .. } => ("Fetcher", "service"),
            Binding::Ai {} => ("Ai", "ai"),
            Binding::RateLimit { .. } => ("RateLimiter", "rate_limiter"),
            Binding::AnalyticsEngine { .. } => ("AnalyticsEngineDataset", "analytics_engine"),
            Binding::Hyperdrive { .. } => ("Hyperdrive", "hyperdrive"),
            Binding::Assets { .. } => ("Fetcher", "assets"),
            // Rejected for Rust by validation.
            Binding::Vectorize { .. } => continue,
        };
        let mut rust_type = rust_type.to_owned();
        let mut body = format!("self.env.{method}({quoted})");
        let mut queue_message = None;
        if let Binding::Queue { message, .. } = binding {
            // A producer typed by its message: `send` takes the message's serde type.
            let message = message.as_deref().unwrap_or("serde_json::Value");
            rust_type = format!("TypedQueue<{message}>");
            body.push_str(".map(TypedQueue::new)");
            queue_message = Some(message.to_owned());
        }
        let doc = crate::lower::binding_doc(binding);
        out.push(Accessor {
            method: identifier(&name.to_case(Case::Snake)),
            name: name.clone(),
            rust_type,
            body,
            doc: doc.to_owned(),
            queue_message,
            probe: String::new(),
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
            doc: crate::lower::VAR_DOC.to_owned(),
            queue_message: None,
            probe: String::new(),
        });
    }
    for name in &spec.secrets.required {
        out.push(Accessor {
            method: identifier(&name.to_case(Case::Snake)),
            name: name.clone(),
            rust_type: "String".to_owned(),
            body: format!("Ok(self.env.secret({})?.to_string())", rust_string(name)),
            doc: crate::lower::SECRET_DOC.to_owned(),
            queue_message: None,
            probe: String::new(),
        });
    }
    out.sort_by(|a, b| a.method.cmp(&b.method));
    for accessor in &mut out {
        accessor.probe = probe_line(&accessor.name, &accessor.method);
        // rustfmt breaks a method chain wider than 60 columns; naming the binding first keeps
        // the chain short whatever the name.
        let quoted = rust_string(&accessor.name);
        let chain = accessor.body.strip_prefix("Ok(").unwrap_or(&accessor.body);
        if chain.len() > CHAIN_WIDTH {
            let body = accessor.body.replace(&quoted, "name");
            accessor.body = format!("let name = {quoted};\n        {body}");
        }
    }
    out
}

/// `reached.insert("NAME".to_owned(), self.name().is_ok().into());`, broken as rustfmt breaks it.
fn probe_line(name: &str, method: &str) -> String {
    let (key, value) = (
        format!("{}.to_owned()", rust_string(name)),
        format!("self.{method}().is_ok().into()"),
    );
    let line = format!("        reached.insert({key}, {value});");
    // rustfmt keeps a call on one line while it fits and its arguments take at most 60 columns.
    if line.len() <= MAX_WIDTH && key.len() + 2 + value.len() <= ARRAY_WIDTH {
        return line;
    }
    format!("        reached.insert(\n            {key},\n            {value},\n        );")
}

/// The consumers as the TypeScript lowering resolved them (every queue name across environments,
/// the message type), in Rust terms.
pub(super) fn consumers(spec: &Spec, consumers: &[ConsumerModel]) -> Vec<RustConsumer> {
    let mut out: Vec<RustConsumer> = consumers
        .iter()
        .map(|consumer| {
            let message = if consumer.message == "unknown" {
                "serde_json::Value".to_owned()
            } else {
                consumer.message.clone()
            };
            let sample = crate::lower::input::example_of(spec, &message)
                .unwrap_or_else(|| serde_json::json!({ "hello": "queue" }));
            let imported = spec.schemas.contains_key(&message);
            RustConsumer {
                message_path: if imported {
                    format!("super::types::{message}")
                } else {
                    message.clone()
                },
                sample,
                message_import: imported,
                queues: consumer
                    .queues
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
