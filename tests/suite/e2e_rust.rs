//! End to end for the Rust target: every gallery spec the Rust target can build is generated with
//! `--lang rust`, passes `cargo fmt --check`, `cargo clippy --all-targets -D warnings` and its own
//! native `cargo test`, is built to wasm with worker-build, answers the conformance tables in
//! workerd, and deploys as a dry run (which runs the project's own `[build]` command).
//!
//! The wasm target, worker-build and the wasm-bindgen CLI matching the project's `Cargo.lock` are
//! installed on first use and cached under the cargo target folder; all generated projects share
//! one cargo target folder. A missing tool fails the test; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use crate::common::{new_project, root};
use crate::e2e::{report, run, run_with};

fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// The cargo target folder the generated projects share.
fn shared_target() -> PathBuf {
    tmp().join("e2e-rust-target")
}

/// Runs a command to completion; panics with its output on failure.
fn must(command: &mut Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Starts installing the Rust tools on a thread of their own, so they build while the other
/// end-to-end tests wait on npm and workerd; the Rust tests then wait for what they need. A
/// failure here shows again, loudly, when a Rust test asks for the tool.
pub(crate) fn install_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            worker_build_root();
            let installed = std::fs::read_dir(tmp().join("e2e-tools"))
                .into_iter()
                .flatten()
                .flatten()
                .any(|entry| entry.path().join("bin/wasm-bindgen").exists());
            if installed {
                // Warm: each project still checks its own lockfile's version.
                return;
            }
            // The wasm-bindgen the generated projects lock, from a throwaway project's lockfile.
            let dir = tmp().join("e2e/fresh/lockfile-probe");
            let _ = std::fs::remove_dir_all(&dir);
            new_project(&dir, &["--template", "hello", "--lang", "rust"]).success();
            must(
                Command::new("cargo")
                    .arg("generate-lockfile")
                    .current_dir(&dir),
                "cargo generate-lockfile",
            );
            let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap();
            wasm_bindgen(&locked_version(&lock, "wasm-bindgen"));
        });
    });
}

/// `program` at the lowest CPU priority: tool builds give way to the tests running beside them,
/// whose runtimes have timeouts.
fn niced(program: &str) -> Command {
    let mut command = Command::new("nice");
    command.args(["-n", "19", program]);
    command
}

/// The root `cargo install` put worker-build in (its `bin` goes on PATH, and the project's
/// `[build]` command, `cargo install -q worker-build@...`, finds it installed there and does
/// nothing), installed once. It is built as that command builds it, with the release profile:
/// an unoptimized build would not count as installed, and every project would rebuild it.
fn worker_build_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        must(
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
            "rustup target add wasm32-unknown-unknown",
        );
        let version = create_edge_app::versions::WORKER_BUILD;
        let root = tmp().join(format!("e2e-tools/worker-build-{version}"));
        if !root.join("bin/worker-build").exists() {
            must(
                niced("cargo")
                    .args(["install", "--quiet", "--root"])
                    .arg(&root)
                    .arg(format!("worker-build@{version}")),
                "cargo install worker-build",
            );
        }
        root
    })
}

/// The wasm-bindgen CLI of exactly `version` (worker-build refuses any other), installed once,
/// unoptimized (`--debug`): that halves its build on a cold run, and it only rewrites small files.
fn wasm_bindgen(version: &str) -> PathBuf {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let root = tmp().join(format!("e2e-tools/wasm-bindgen-{version}"));
    let bin = root.join("bin/wasm-bindgen");
    if !bin.exists() {
        must(
            niced("cargo")
                .args(["install", "--quiet", "--debug", "wasm-bindgen-cli"])
                .args(["--version", version])
                .arg("--root")
                .arg(&root),
            "cargo install wasm-bindgen-cli",
        );
    }
    bin
}

/// The version of `package` in a `Cargo.lock`.
fn locked_version(lock: &str, package: &str) -> String {
    let doc: toml::Table = lock.parse().expect("Cargo.lock is TOML");
    doc["package"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"].as_str() == Some(package))
        .and_then(|p| p["version"].as_str())
        .unwrap_or_else(|| panic!("{package} is not in Cargo.lock"))
        .to_owned()
}

/// Generates into a fresh folder, then copies over only what changed, so cargo sees unchanged
/// files as unchanged on the warm path. Installed packages and build output stay.
fn generate(name: &str, args: &[&str]) -> PathBuf {
    let dir = tmp().join(format!("e2e/{name}"));
    let fresh = tmp().join(format!("e2e/fresh/{name}"));
    let _ = std::fs::remove_dir_all(&fresh);
    new_project(&fresh, args).success();
    let keep = ["node_modules", "build", "Cargo.lock", ".wrangler", ".e2e"];
    sync(&fresh, &dir, &keep);
    std::fs::remove_dir_all(&fresh).unwrap();
    dir
}

/// Makes `to` hold exactly the files of `from` (but the top-level names in `keep`), writing only
/// files whose contents differ.
fn sync(from: &Path, to: &Path, keep: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(to).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if keep.contains(&name.as_str()) || from.join(&name).exists() {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
    }
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            if target.is_file() {
                std::fs::remove_file(&target).unwrap();
            }
            sync(&path, &target, &[]);
        } else {
            let contents = std::fs::read(&path).unwrap();
            if std::fs::read(&target).ok().as_ref() != Some(&contents) {
                if target.is_dir() {
                    std::fs::remove_dir_all(&target).unwrap();
                }
                std::fs::write(&target, contents).unwrap();
            }
        }
    }
}

/// Checks a generated Rust project. `deploy` also sends the robustness run's thousand random
/// requests and runs `wrangler deploy --dry-run`, whose `[build]` makes the release wasm the size
/// figures are read from: for hello world and the largest gallery app (secure-api) only, as these
/// are the slowest steps and every project is built to wasm anyway.
fn check_rust_project(name: &str, args: &[&str], deploy: bool) {
    install_in_background();
    let dir = generate(name, args);
    let target = shared_target();
    let cargo_env: [(&str, &Path); 1] = [("CARGO_TARGET_DIR", &target)];
    let cargo = |args: &[&str]| run_with(&dir, "cargo", args, &[], &cargo_env);
    cargo(&["fmt", "--check"]);
    cargo(&["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    // The conformance build's stand-ins are code too.
    cargo(&[
        "clippy",
        "--all-targets",
        "--quiet",
        "--features",
        "conformance",
        "--",
        "-D",
        "warnings",
    ]);
    let tests = cargo(&["test", "--quiet"]);
    assert!(tests.contains("test result: ok"), "{tests}");

    let bindgen = wasm_bindgen(&locked_version(
        &std::fs::read_to_string(dir.join("Cargo.lock")).unwrap(),
        "wasm-bindgen",
    ));
    let install_root = worker_build_root();
    run(
        &dir,
        "npm",
        &["install", "--no-audit", "--no-fund", "--prefer-offline"],
    );
    let esbuild = dir.join("node_modules/@esbuild/linux-x64/bin/esbuild");
    assert!(esbuild.exists(), "wrangler's esbuild is missing");
    // No downloads: our wasm-bindgen, binaryen's wasm-opt from npm and wrangler's esbuild.
    let build_env: [(&str, &Path); 5] = [
        ("CARGO_TARGET_DIR", &target),
        ("CARGO_INSTALL_ROOT", install_root),
        ("WASM_BINDGEN_BIN", &bindgen),
        ("WASM_OPT_BIN", &crate::e2e::tools().wasm_opt),
        ("ESBUILD_BIN", &esbuild),
    ];
    let bins = [install_root.join("bin")];
    let bins: Vec<&Path> = bins.iter().map(PathBuf::as_path).collect();
    let build = |program: &str, args: &[&str]| run_with(&dir, program, args, &bins, &build_env);

    // The conformance build answers the shared tables in workerd.
    build(
        "worker-build",
        &["--release", "--no-opt", "--features", "conformance"],
    );
    // With a thousand seeded malformed and random requests alongside, for the full checks.
    let robustness = dir.join("test/robustness.e2e.test.js");
    if deploy {
        std::fs::copy(root().join("tests/support/robustness.test.js"), &robustness).unwrap();
    }
    let tests = run(&dir, "npx", &["vitest", "run"]);
    let _ = std::fs::remove_file(&robustness);
    assert!(
        tests.contains("passed") && !tests.contains("failed"),
        "{tests}"
    );
    if deploy {
        let counts = tests
            .lines()
            .find_map(|l| l.split_once("ROBUSTNESS "))
            .map_or("", |(_, c)| c);
        assert!(
            !counts.is_empty(),
            "the robustness run printed no counts:\n{tests}"
        );
        report("robustness.txt", &format!("{name}: {counts}"));
    }

    if !deploy {
        return;
    }
    // The real build, through the project's own `[build]` command.
    let out = dir.join(".e2e/dist");
    let deploy = build(
        "npx",
        &[
            "wrangler",
            "deploy",
            "--dry-run",
            "--outdir",
            out.to_str().unwrap(),
        ],
    );
    assert!(deploy.contains("--dry-run: exiting now."), "{deploy}");
    let wasm = dir.join("build/index_bg.wasm");
    let raw = std::fs::metadata(&wasm).unwrap().len();
    let gzip = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(&wasm)
        .output()
        .expect("gzip must be installed");
    report(
        "sizes.txt",
        &format!(
            "{name}: wasm {:.2} KiB, gzip {:.2} KiB (worker-build --release, wasm-opt -Oz --strip-debug)",
            raw as f64 / 1024.0,
            gzip.stdout.len() as f64 / 1024.0
        ),
    );
}

#[test]
fn e2e_hello_rust() {
    check_rust_project(
        "hello-rust",
        &["--template", "hello", "--lang", "rust", "--force"],
        true,
    );
}

#[test]
fn e2e_links_rust() {
    check_rust_project(
        "links-rust",
        &["--template", "links", "--lang", "rust", "--force"],
        false,
    );
}

/// Every auth kind (JWT with a secret and with a JWKS, Cloudflare Access, bearer, basic, API keys
/// from a secret and from KV), scopes, CORS with credentials, rate limits, validated bodies and
/// queries, and the OpenAPI route: the largest gallery app, so its release size is recorded.
#[test]
fn e2e_secure_api_rust() {
    check_rust_project(
        "secure-api-rust",
        &["--template", "secure-api", "--lang", "rust", "--force"],
        true,
    );
}

/// kitchen-sink without its Vectorize binding, which the `worker` crate cannot reach: the full spec
/// is refused with an error that names the kind and the target.
#[test]
fn e2e_kitchen_sink_rust() {
    let full = root().join("gallery/kitchen-sink.toml");
    let text = std::fs::read_to_string(&full).unwrap();
    let refused = tmp().join("e2e/kitchen-sink-refused");
    let _ = std::fs::remove_dir_all(&refused);
    let output = new_project(&refused, &["--template", "kitchen-sink", "--lang", "rust"])
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the `vectorize` kind is not reachable from the `worker` crate"),
        "{stderr}"
    );
    assert!(!refused.exists(), "a refused spec must write nothing");

    let start = text.find("[bindings.VECTORS]").unwrap();
    let end = text.find("[bindings.ASSETS]").unwrap();
    let spec = tmp().join("e2e/kitchen-sink-rust.toml");
    std::fs::write(&spec, format!("{}{}", &text[..start], &text[end..])).unwrap();
    check_rust_project(
        "kitchen-sink-rust",
        &[
            "--spec",
            spec.to_str().unwrap(),
            "--lang",
            "rust",
            "--name",
            "kitchen-sink-rust",
            "--force",
        ],
        false,
    );
}

/// Every gallery spec is built and run above (kitchen-sink less its Vectorize binding).
#[test]
fn every_gallery_spec_is_covered_in_rust() {
    let covered = ["hello", "links", "kitchen-sink", "secure-api"];
    for name in crate::common::gallery() {
        assert!(
            covered.contains(&name.as_str()),
            "gallery spec {name} has no Rust end-to-end test"
        );
    }
}

/// A sample of the regeneration property test's Rust cases, formatted and compiled after every
/// regeneration: merged handlers, moved modules and the generated declarations still fit together.
#[test]
fn e2e_regenerated_rust_projects_compile() {
    let dir = tmp().join("e2e/regen-rust");
    let _ = std::fs::remove_dir_all(&dir);
    let seed = (7..)
        .find(|s| crate::regenerate::case_language(*s) == "rust")
        .unwrap();
    let target = shared_target();
    let mut checked = 0;
    crate::regenerate::run_case(seed, &dir, &mut |dir| {
        let env: [(&str, &Path); 1] = [("CARGO_TARGET_DIR", &target)];
        run_with(dir, "cargo", &["fmt", "--check"], &[], &env);
        run_with(
            dir,
            "cargo",
            &["check", "--all-targets", "--quiet"],
            &[],
            &env,
        );
        checked += 1;
    });
    assert!(checked > 0);
}

/// Every gallery spec and a spec of awkward names render to Rust that rustfmt leaves as it is:
/// the layout rules of `src/lower/rust/layout.rs` hold without building anything.
#[test]
fn rust_output_is_rustfmt_clean() {
    let names = root().join("tests/support/rust-names.toml");
    let kitchen_sink = tmp().join("e2e/kitchen-sink-rust.toml");
    let full = std::fs::read_to_string(root().join("gallery/kitchen-sink.toml")).unwrap();
    let start = full.find("[bindings.VECTORS]").unwrap();
    let end = full.find("[bindings.ASSETS]").unwrap();
    std::fs::create_dir_all(tmp().join("e2e")).unwrap();
    std::fs::write(&kitchen_sink, format!("{}{}", &full[..start], &full[end..])).unwrap();
    let specs = [
        vec!["--template", "hello"],
        vec!["--template", "links"],
        vec!["--template", "secure-api"],
        vec!["--spec", kitchen_sink.to_str().unwrap()],
        vec!["--spec", names.to_str().unwrap()],
    ];
    for (i, spec) in specs.iter().enumerate() {
        let dir = tmp().join(format!("e2e/fresh/rustfmt-{i}"));
        let _ = std::fs::remove_dir_all(&dir);
        let mut args = spec.clone();
        args.extend(["--lang", "rust"]);
        new_project(&dir, &args).success();
        let files: Vec<String> = crate::common::files_under(&dir)
            .into_iter()
            .filter(|f| f.ends_with(".rs"))
            .collect();
        let output = Command::new("rustfmt")
            .args(["--edition", "2021", "--check"])
            .args(&files)
            .current_dir(&dir)
            .output()
            .expect("rustfmt comes with the Rust toolchain");
        assert!(
            output.status.success(),
            "{spec:?} is not rustfmt-clean:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}
