//! The command line: exit codes, messages, and where it writes.

use predicates::str::contains;

use crate::common::{bin, files_under, gallery, new_project};

#[test]
fn every_command_has_help_with_examples() {
    for command in ["new", "check", "schema", "templates"] {
        bin()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(contains("Examples:"));
    }
}

#[test]
fn new_writes_only_inside_the_target_and_refuses_a_non_empty_one() {
    let temp = tempfile::tempdir().unwrap();
    let target = temp.path().join("app");
    new_project(&target, &["--template", "links"]).success();
    let outside: Vec<_> = std::fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        outside,
        vec![std::ffi::OsString::from("app")],
        "nothing beside the project"
    );
    let files = files_under(&target);
    for expected in [
        "edge-app.toml",
        "wrangler.toml",
        "package.json",
        "src/generated/router.ts",
        ".edge-app/manifest.json",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "{expected} missing from {files:?}"
        );
    }
    new_project(&target, &["--template", "links"])
        .code(3)
        .stderr(contains("not empty"));
    new_project(&target, &["--template", "links", "--force"]).success();
}

#[test]
fn an_invalid_spec_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let spec = temp.path().join("bad.toml");
    std::fs::write(&spec, "[app]\nname = \"Bad Name\"\n").unwrap();
    let target = temp.path().join("app");
    new_project(&target, &["--spec", spec.to_str().unwrap()])
        .code(1)
        .stderr(contains("bad.toml:2:8"));
    assert!(!target.exists());
}

#[test]
fn lang_rust_writes_a_workers_rs_crate() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("app");
    new_project(&dir, &["--template", "links", "--lang", "rust"]).success();
    let files = crate::common::files_under(&dir);
    for expected in [
        "Cargo.toml",
        "src/lib.rs",
        "src/generated/router.rs",
        "src/generated/bindings.rs",
        "src/handlers/get_link.rs",
        "test/generated/routes.json",
        "test/generated/conformance.test.js",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected}: {files:?}");
    }
    let wrangler = std::fs::read_to_string(dir.join("wrangler.toml")).unwrap();
    assert!(
        wrangler.contains("main = \"build/worker/shim.mjs\""),
        "{wrangler}"
    );
    assert!(wrangler.contains("worker-build --release"), "{wrangler}");
    // A binding the Rust target cannot reach is an error with its position, not an omission.
    new_project(
        &temp.path().join("refused"),
        &["--template", "kitchen-sink", "--lang", "rust"],
    )
    .code(1)
    .stderr(contains("kitchen-sink.toml:"))
    .stderr(contains("not reachable from the `worker` crate"));
}

#[test]
fn unknown_template_lists_the_gallery() {
    let temp = tempfile::tempdir().unwrap();
    new_project(&temp.path().join("x"), &["--template", "nope"])
        .code(2)
        .stderr(contains("links"));
}

#[test]
fn templates_lists_every_gallery_spec_and_they_all_check() {
    let out = bin()
        .arg("templates")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for name in gallery() {
        assert!(out.contains(&name));
        let path = crate::common::root().join(format!("gallery/{name}.toml"));
        bin()
            .arg("check")
            .arg(path)
            .assert()
            .success()
            .stdout(contains("is valid"));
    }
}

#[test]
fn schema_prints_the_committed_schema() {
    let committed =
        std::fs::read_to_string(crate::common::root().join("schemas/edge-app.schema.json"))
            .unwrap();
    bin().arg("schema").assert().success().stdout(committed);
}

#[test]
fn template_works_from_any_folder() {
    let temp = tempfile::tempdir().unwrap();
    bin()
        .current_dir(temp.path())
        .args(["new", "svc", "--template", "kitchen-sink", "--lang", "js"])
        .assert()
        .success();
    assert!(temp.path().join("svc/src/generated/worker.js").exists());
    let spec = std::fs::read_to_string(temp.path().join("svc/edge-app.toml")).unwrap();
    assert!(
        spec.contains("name = \"svc\"") && spec.contains("language = \"js\""),
        "{spec}"
    );
}

#[test]
fn workers_ship_minified_unless_the_spec_says_otherwise() {
    let temp = tempfile::tempdir().unwrap();
    let config = |dir: &str, spec: &str| {
        let path = temp.path().join(format!("{dir}.toml"));
        std::fs::write(&path, spec).unwrap();
        let project = temp.path().join(dir);
        new_project(&project, &["--spec", path.to_str().unwrap()]).success();
        std::fs::read_to_string(project.join("wrangler.toml")).unwrap()
    };
    let route = "[[routes]]\nmethod = \"GET\"\npath = \"/\"\nhandler = \"home\"\n";
    let defaults = config("defaults", &format!("[app]\nname = \"a\"\n\n{route}"));
    for line in [
        "minify = true",
        "keep_names = false",
        "upload_source_maps = true",
    ] {
        assert!(defaults.contains(line), "{line} missing:\n{defaults}");
    }
    let spec = format!("[app]\nname = \"b\"\n\n[wrangler]\nminify = false\n\n{route}");
    let overridden = config("overridden", &spec);
    assert!(overridden.contains("minify = false"), "{overridden}");
    assert!(!overridden.contains("minify = true"), "{overridden}");
    let rust = config(
        "rust",
        &format!("[app]\nname = \"c\"\nlanguage = \"rust\"\n\n{route}"),
    );
    assert!(
        !rust.contains("minify"),
        "a wasm Worker has no JavaScript to minify:\n{rust}"
    );
}
