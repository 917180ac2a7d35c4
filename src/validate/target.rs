//! What the chosen language can build: the Rust target (workers-rs) cannot reach every binding
//! kind, and matches string `pattern`s with regex-lite, which lacks some JavaScript syntax. Each
//! gap is an error that names the feature and the target, never a silent omission.

use std::collections::BTreeMap;

use convert_case::{Case, Casing};

use super::root;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::KeyPath;
use crate::spec::{Binding, Language, Schema, Spec};

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    if spec.app.language != Language::Rust {
        return;
    }
    for (name, binding) in &spec.bindings {
        if let Binding::Vectorize { .. } = binding {
            out.push(
                Diagnostic::value(
                    root().key("bindings").key(name).key("type"),
                    format!("binding `{name}`: the `vectorize` kind is not reachable from the `worker` crate, so the Rust target cannot type it"),
                )
                .help("remove the binding, or generate the project with `language = \"ts\"` or `\"js\"`"),
            );
        }
    }
    for (name, schema) in &spec.schemas {
        patterns(schema, root().key("schemas").key(name), out);
    }
    // Rust module names are snake_case: two handlers must not collapse into one module.
    let mut modules: BTreeMap<String, &str> = BTreeMap::new();
    let handlers = spec
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.handler.as_str(),
                root().key("routes").index(i).key("handler"),
            )
        })
        .chain(spec.crons.iter().enumerate().map(|(i, c)| {
            (
                c.handler.as_str(),
                root().key("crons").index(i).key("handler"),
            )
        }))
        .chain(spec.consumers.iter().enumerate().map(|(i, c)| {
            (
                c.handler.as_str(),
                root().key("consumers").index(i).key("handler"),
            )
        }));
    for (handler, path) in handlers {
        let module = handler.to_case(Case::Snake);
        match modules.get(module.as_str()) {
            Some(other) if *other != handler => out.push(
                Diagnostic::value(
                    path,
                    format!("handlers `{other}` and `{handler}` are both `{module}` in Rust"),
                )
                .help("rename one of them so their snake_case names differ"),
            ),
            Some(_) => {}
            None => {
                modules.insert(module, handler);
            }
        }
    }
}

/// String `pattern`s the Rust target's regex engine (regex-lite) cannot compile: it has no
/// look-around or back-references, which JavaScript's has.
fn patterns(schema: &Schema, path: KeyPath, out: &mut Vec<Diagnostic>) {
    match schema {
        Schema::String {
            pattern: Some(pattern),
            ..
        } => {
            if let Err(error) = regex_lite::Regex::new(&format!("^(?:{pattern})$")) {
                let reason = error.to_string();
                let reason = reason.lines().last().unwrap_or("").trim();
                out.push(
                    Diagnostic::value(
                        path.key("pattern"),
                        format!("the Rust target cannot match `{pattern}`: {reason}"),
                    )
                    .help("write it without look-around or back-references (regex-lite syntax), or generate the project with `language = \"ts\"` or `\"js\"`"),
                );
            }
        }
        Schema::Object { properties, .. } => {
            for (name, property) in properties {
                patterns(property, path.key("properties").key(name), out);
            }
        }
        Schema::Array { items, .. } => patterns(items, path.key("items"), out),
        _ => {}
    }
}
