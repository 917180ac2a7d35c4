//! End to end, in the real runtime: every gallery spec, in TypeScript and JavaScript, is generated,
//! installs its own pinned dependencies, passes its own tests in workerd, type-checks, is
//! prettier-clean, deploys as a dry run, has a wrangler config that wrangler's own JSON Schema
//! accepts, and has an `Env` that `wrangler types` agrees with both ways.
//!
//! Node.js 22 comes from the npm package in `create_edge_app::versions::NODE_PACKAGE`, installed
//! once under the cargo target folder. A missing `npm` fails the test; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::{gallery, new_project};

/// The folder holding Node 22's `bin`, installed on first use.
fn node_bin() -> &'static Path {
    &tools().node_bin
}

/// The tools the end-to-end tests need, installed once under the cargo target folder.
pub(crate) struct Tools {
    /// Node 22's `bin` folder.
    pub node_bin: PathBuf,
    /// The folder of the official OpenAPI schemas.
    pub openapi: PathBuf,
    /// binaryen's `wasm-opt`, the version worker-build expects, for the Rust builds.
    pub wasm_opt: PathBuf,
}

pub(crate) fn tools() -> &'static Tools {
    static TOOLS: OnceLock<Tools> = OnceLock::new();
    TOOLS.get_or_init(|| {
        crate::e2e_rust::install_in_background();
        use create_edge_app::versions::{BINARYEN, NODE_PACKAGE, OPENAPI_SCHEMAS};
        let (package, version) = NODE_PACKAGE;
        let (schemas, schemas_version) = OPENAPI_SCHEMAS;
        let (binaryen, binaryen_version) = BINARYEN;
        let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "e2e-tools/{package}-{version}+{schemas_version}+{binaryen_version}"
        ));
        let node_bin = folder.join(format!("node_modules/{package}/bin"));
        let openapi = folder.join(format!("node_modules/{schemas}/schemas/v3.1"));
        let wasm_opt = folder.join(format!("node_modules/{binaryen}/bin/wasm-opt"));
        let tools = Tools {
            node_bin,
            openapi,
            wasm_opt,
        };
        if !tools.node_bin.join("node").exists()
            || !tools.openapi.join("schema.json").exists()
            || !tools.wasm_opt.exists()
        {
            std::fs::create_dir_all(&folder).unwrap();
            let status = Command::new("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    "--prefix",
                ])
                .arg(&folder)
                .arg(format!("{package}@{version}"))
                .arg(format!("{schemas}@{schemas_version}"))
                .arg(format!("{binaryen}@{binaryen_version}"))
                .status()
                .expect("npm must be installed to run the end-to-end tests");
            assert!(status.success(), "installing the end-to-end tools failed");
        }
        tools
    })
}

/// Runs `program args` in `dir` with Node 22 first on PATH; panics with the output on failure.
pub(crate) fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    run_with(dir, program, args, &[], &[])
}

/// [`run`], with `bins` on PATH before Node's and extra environment variables.
pub(crate) fn run_with(
    dir: &Path,
    program: &str,
    args: &[&str],
    bins: &[&Path],
    envs: &[(&str, &Path)],
) -> String {
    let mut path: Vec<String> = bins.iter().map(|b| b.display().to_string()).collect();
    path.push(node_bin().display().to_string());
    path.push(std::env::var("PATH").unwrap_or_default());
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(envs.iter().copied())
        .env("PATH", path.join(":"))
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CI", "true")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "`{program} {}` failed in {}:\n{text}",
        args.join(" "),
        dir.display()
    );
    text
}

fn project(template: &str, lang: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e/{template}-{lang}"));
    // Keep node_modules between runs (the warm path); regenerate everything else.
    clean_except_node_modules(&dir);
    new_project(&dir, &["--template", template, "--lang", lang, "--force"]).success();
    dir
}

fn check_project(template: &str, lang: &str) {
    let dir = project(template, lang);
    run(
        &dir,
        "npm",
        &["install", "--no-audit", "--no-fund", "--prefer-offline"],
    );
    // The project's own tests, with the robustness run alongside in the same workerd start-up.
    let robustness = dir.join("test/robustness.e2e.test.js");
    std::fs::copy(
        crate::common::root().join("tests/support/robustness.test.js"),
        &robustness,
    )
    .unwrap();
    let tests = run(&dir, "npx", &["vitest", "run"]);
    std::fs::remove_file(&robustness).unwrap();
    assert!(
        tests.contains("passed") && !tests.contains("failed"),
        "{tests}"
    );
    record_robustness(&tests, template, lang);
    run(&dir, "npx", &["tsc", "--noEmit"]);
    let ext = if lang == "ts" { "ts" } else { "js" };
    run(
        &dir,
        "npx",
        &[
            "prettier",
            "--check",
            &format!("src/**/*.{ext}"),
            &format!("test/**/*.{{{ext},json}}"),
            "vitest.config.mts",
            "package.json",
            "tsconfig.json",
        ],
    );
    let out = dir.join(".e2e");
    let deploy = run(
        &dir,
        "npx",
        &[
            "wrangler",
            "deploy",
            "--dry-run",
            "--outdir",
            out.join("dist").to_str().unwrap(),
        ],
    );
    let size = deploy
        .lines()
        .find(|l| l.contains("gzip:"))
        .unwrap_or("no size reported")
        .trim()
        .to_owned();
    config_matches_wranglers_schema(&dir);
    openapi_is_valid(&dir);
    env_matches_wrangler_types(&dir);
    report("sizes.txt", &format!("{template}-{lang}: {size}"));
}

/// Appends a line to a report under the cargo target folder (`e2e/NAME`), for the figures.
pub(crate) fn report(name: &str, line: &str) {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("e2e")
        .join(name);
    let _ = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, format!("{line}\n").as_bytes()));
}

/// Records the status counts of the robustness run (`tests/support/robustness.test.js`: a thousand
/// seeded malformed and random requests against the real Worker, asserting no 5xx and a
/// Content-Type on every response with content).
fn record_robustness(output: &str, template: &str, lang: &str) {
    let counts = output
        .lines()
        .find_map(|l| l.split_once("ROBUSTNESS "))
        .map_or("", |(_, c)| c)
        .to_owned();
    assert!(
        !counts.is_empty(),
        "the robustness run printed no counts:\n{output}"
    );
    report("robustness.txt", &format!("{template}-{lang}: {counts}"));
}

/// `openapi.json` validates against the official OpenAPI 3.1 schema, and its schemas against the
/// JSON Schema 2020-12 meta-schema.
fn openapi_is_valid(dir: &Path) {
    let Ok(text) = std::fs::read_to_string(dir.join("openapi.json")) else {
        return;
    };
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tools().openapi.join("schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the OpenAPI 3.1 schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{}: openapi.json: {errors:?}",
        dir.display()
    );
    for (name, schema) in document["components"]["schemas"].as_object().unwrap() {
        let mut schema = schema.clone();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
        assert!(
            jsonschema::meta::is_valid(&schema),
            "{}: schema {name} is not valid JSON Schema",
            dir.display()
        );
    }
}

/// The generated config validates against the `config-schema.json` wrangler ships.
fn config_matches_wranglers_schema(dir: &Path) {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("node_modules/wrangler/config-schema.json")).unwrap(),
    )
    .unwrap();
    let config = if dir.join("wrangler.toml").exists() {
        let value: toml::Value =
            toml::from_str(&std::fs::read_to_string(dir.join("wrangler.toml")).unwrap()).unwrap();
        serde_json::to_value(value).unwrap()
    } else {
        let text = std::fs::read_to_string(dir.join("wrangler.jsonc")).unwrap();
        let json: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        serde_json::from_str(&json).unwrap()
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&config)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
    // Wrangler does not inherit bindings into environments: every environment repeats them all.
    if let Some(envs) = config.get("env").and_then(|e| e.as_object()) {
        let bindings = binding_names(&config);
        for (name, section) in envs {
            assert_eq!(
                binding_names(section),
                bindings,
                "environment {name} lacks bindings"
            );
        }
    }
}

fn binding_names(section: &serde_json::Value) -> Vec<String> {
    let mut names = Vec::new();
    for (key, value) in section.as_object().unwrap() {
        let entries: Vec<&serde_json::Value> = match key.as_str() {
            "durable_objects" => value["bindings"].as_array().unwrap().iter().collect(),
            "queues" => value
                .get("producers")
                .and_then(|p| p.as_array())
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            "ai" => vec![value],
            "vars" => {
                names.extend(value.as_object().unwrap().keys().cloned());
                continue;
            }
            _ if value.is_array()
                && key != "routes"
                && key != "migrations"
                && key != "compatibility_flags" =>
            {
                value.as_array().unwrap().iter().collect()
            }
            _ => continue,
        };
        for entry in entries {
            if let Some(name) = entry
                .get("binding")
                .or_else(|| entry.get("name"))
                .and_then(|n| n.as_str())
            {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    names
}

/// `wrangler types` and the generated `Env` are assignable to each other both ways.
fn env_matches_wrangler_types(dir: &Path) {
    let e2e = dir.join(".e2e");
    std::fs::create_dir_all(&e2e).unwrap();
    run(
        dir,
        "npx",
        &[
            "wrangler",
            "types",
            "--include-runtime=false",
            "--env-interface",
            "WranglerEnv",
            ".e2e/wrangler-env.d.ts",
        ],
    );
    std::fs::write(
        e2e.join("env-check.ts"),
        "import type { Env } from \"../src/generated/types\";\n\ndeclare const ours: Env;\ndeclare const theirs: WranglerEnv;\nexport const toTheirs: WranglerEnv = ours;\nexport const toOurs: Env = theirs;\n",
    )
    .unwrap();
    std::fs::write(
        e2e.join("tsconfig.json"),
        "{ \"extends\": \"../tsconfig.json\", \"compilerOptions\": { \"allowJs\": true }, \"include\": [\"../src\", \"./*.ts\"] }\n",
    )
    .unwrap();
    run(dir, "npx", &["tsc", "--noEmit", "-p", ".e2e/tsconfig.json"]);
}

/// A sample of the regeneration property test, type-checked: after every regeneration without a
/// conflict, `tsc` accepts the project (user edits included). Then the router specs of
/// `tests/support` must type-check and be prettier-clean.
fn regenerated_projects_type_check(lang: &str, seed: u64) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e/regen-{lang}"));
    let installed = dir.join("node_modules/.bin/tsc").exists();
    clean_except_node_modules(&dir);
    // Install the pinned tools once, from a generated project's own package.json.
    if !installed {
        new_project(&dir, &["--template", "hello", "--lang", lang, "--force"]).success();
        run(
            &dir,
            "npm",
            &["install", "--no-audit", "--no-fund", "--prefer-offline"],
        );
        clean_except_node_modules(&dir);
    }
    // The case's language comes from its seed: pick a seed of the wanted language.
    let seed = (seed..)
        .find(|s| crate::regenerate::case_language(*s) == lang)
        .unwrap();
    let mut checked = 0;
    crate::regenerate::run_case(seed, &dir, &mut |dir| {
        run(dir, "npx", &["tsc", "--noEmit"]);
        checked += 1;
    });
    assert!(checked > 0);
    // Router tables at the edges: deep, long routes (the layout rules still give what prettier
    // writes; the handler stubs are left out, a name this long overflows their first line), and
    // tables that need only some of the router's helpers.
    for spec in ["long-routes", "params-only", "wildcard-only"] {
        clean_except_node_modules(&dir);
        let spec = crate::common::root().join(format!("tests/support/{spec}.toml"));
        let args = ["--spec", spec.to_str().unwrap(), "--lang", lang, "--force"];
        new_project(&dir, &args).success();
        run(&dir, "npx", &["tsc", "--noEmit"]);
        run(&dir, "npx", &["prettier", "--check", "src/generated"]);
    }
}

fn clean_except_node_modules(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n != "node_modules") {
            if path.is_dir() {
                std::fs::remove_dir_all(&path).unwrap()
            } else {
                std::fs::remove_file(&path).unwrap()
            }
        }
    }
}

#[test]
fn e2e_regenerated_ts_projects_type_check() {
    regenerated_projects_type_check("ts", 7);
}

#[test]
fn e2e_regenerated_js_projects_type_check() {
    regenerated_projects_type_check("js", 7);
}

macro_rules! e2e {
    ($($name:ident: $template:literal, $lang:literal;)*) => {
        $(
            #[test]
            fn $name() {
                check_project($template, $lang);
            }
        )*

        #[test]
        fn every_gallery_spec_is_covered() {
            let covered = [$($template),*];
            for name in gallery() {
                assert!(covered.contains(&name.as_str()), "gallery spec {name} has no end-to-end test");
            }
        }
    };
}

e2e! {
    e2e_hello_ts: "hello", "ts";
    e2e_hello_js: "hello", "js";
    e2e_links_ts: "links", "ts";
    e2e_links_js: "links", "js";
    e2e_kitchen_sink_ts: "kitchen-sink", "ts";
    e2e_kitchen_sink_js: "kitchen-sink", "js";
    e2e_secure_api_ts: "secure-api", "ts";
    e2e_secure_api_js: "secure-api", "js";
}

#[test]
fn the_openapi_validator_rejects_a_broken_document() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tools().openapi.join("schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let broken =
        serde_json::json!({ "openapi": "3.1.0", "paths": { "/a": { "get": { "responses": 5 } } } });
    assert!(
        !validator.is_valid(&broken),
        "missing info and a bad responses object must be invalid"
    );
    let broken_schema =
        serde_json::json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": 5 });
    assert!(!jsonschema::meta::is_valid(&broken_schema));
}
