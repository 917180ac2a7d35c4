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
            doc: "A var from the spec.".to_owned(),
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
            doc: "A secret: `wrangler secret put` in production, `.dev.vars` locally.".to_owned(),
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
