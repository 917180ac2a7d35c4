//! `Cargo.toml` of a Rust project, built with toml_edit so its comments and layout are stable.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, value};

use crate::lower::Model;
use crate::versions;

pub(super) fn manifest(model: &Model, crate_name: &str) -> String {
    let mut doc = DocumentMut::new();
    let mut package = Table::new();
    package.insert("name", value(crate_name));
    package.insert("version", value("0.1.0"));
    package.insert("edition", value("2021"));
    package.insert("publish", value(false));
    doc.insert("package", Item::Table(package));

    let mut lib = Table::new();
    let mut types = Array::new();
    types.push("cdylib");
    types.push("rlib");
    lib.insert("crate-type", value(types));
    doc.insert("lib", Item::Table(lib));

    let mut features = Table::new();
    features.insert("conformance", value(Array::new()));
    features.decor_mut().set_prefix(
        "\n# `conformance`: stand-in handlers that echo what they receive, the build the tables in\n# test/generated/ run against in workerd (`npm test`). Never deploy it.\n",
    );
    doc.insert("features", Item::Table(features));

    let mut dependencies: Vec<(&str, Item)> = Vec::new();
    for (name, version) in versions::CRATES {
        let item = match *name {
            "serde" => {
                let mut table = InlineTable::new();
                table.insert("version", (*version).into());
                table.insert("features", Array::from_iter(["derive"]).into());
                value(table)
            }
            "worker" => {
                let mut wanted = Vec::new();
                if model.bindings.iter().any(|b| b.kind == "d1") {
                    wanted.push("d1");
                }
                if model.bindings.iter().any(|b| b.kind == "queue")
                    || !model.consumer_handlers.is_empty()
                {
                    wanted.push("queue");
                }
                if wanted.is_empty() {
                    value(*version)
                } else {
                    let mut table = InlineTable::new();
                    table.insert("version", (*version).into());
                    table.insert("features", Array::from_iter(wanted).into());
                    value(table)
                }
            }
            _ => value(*version),
        };
        dependencies.push((name, item));
    }
    if let Some(rust) = &model.rust {
        if rust.inputs {
            // Query strings and `uri` formats.
            let (name, version) = versions::URL;
            dependencies.push((name, value(version)));
        }
        if rust.guards {
            // Secrets are compared on SHA-256 digests, and API keys stored as them.
            let (name, version) = versions::SHA2;
            dependencies.push((name, value(version)));
            // JWT signatures are verified with the runtime's WebCrypto.
            let (name, version, features) = versions::WEB_SYS;
            let mut table = InlineTable::new();
            table.insert("version", version.into());
            table.insert(
                "features",
                Array::from_iter(features.iter().copied()).into(),
            );
            dependencies.push((name, value(table)));
        }
        if rust.has_patterns {
            // String `pattern`s, matched by a small regex engine.
            let (name, version) = versions::REGEX_LITE;
            dependencies.push((name, value(version)));
        }
        if rust.body_inputs {
            // Bodies are read as a stream, up to their limit.
            let (name, version) = versions::FUTURES_UTIL;
            dependencies.push((name, value(version)));
        }
    }
    if !model.objects.is_empty() {
        // `#[durable_object]` expands to wasm-bindgen code that names the crate directly.
        let (name, version) = versions::WASM_BINDGEN;
        dependencies.push((name, value(version)));
    }
    dependencies.sort_by(|a, b| a.0.cmp(b.0));
    let dependencies: Table = dependencies.into_iter().collect();
    doc.insert("dependencies", Item::Table(dependencies));

    let mut release = Table::new();
    release.insert("opt-level", value("z"));
    release.insert("lto", value(true));
    release.insert("codegen-units", value(1));
    release.decor_mut().set_prefix(
        "\n# Small wasm: Workers have a size limit, and smaller modules start faster.\n",
    );
    // worker-build reads wasm-pack's settings: wasm-opt for size too.
    let mut wasm_opt = Table::new();
    wasm_opt.insert(
        "wasm-opt",
        value(Array::from_iter(["-Oz", "--strip-debug"])),
    );
    let mut wasm_pack = Table::new();
    wasm_pack.set_implicit(true);
    let mut profiles = Table::new();
    profiles.set_implicit(true);
    profiles.insert("release", Item::Table(wasm_opt));
    wasm_pack.insert("profile", Item::Table(profiles));
    let mut metadata = Table::new();
    metadata.set_implicit(true);
    metadata.insert("wasm-pack", Item::Table(wasm_pack));
    if let Some(package) = doc.get_mut("package").and_then(Item::as_table_mut) {
        package.insert("metadata", Item::Table(metadata));
    }
    let mut profile = Table::new();
    profile.set_implicit(true);
    profile.insert("release", Item::Table(release));
    doc.insert("profile", Item::Table(profile));
    format!(
        "# Written by create-edge-app from edge-app.toml. Add your own dependencies freely: on\n# regeneration your lines are kept and only the generator's own lines change.\n{doc}"
    )
}
