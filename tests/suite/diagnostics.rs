//! The invalid-spec corpus: every file under `tests/invalid/` fails `check` with exit code 1, and
//! its exact output (positions, carets, help lines) is snapshotted.

use crate::common::{bin, root};

#[test]
fn invalid_corpus() {
    let dir = root().join("tests/invalid");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "the corpus has {} specs", names.len());
    for name in names {
        let output = bin()
            .current_dir(&dir)
            .args(["check", &name])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name} must fail with exit code 1"
        );
        assert!(output.stdout.is_empty(), "{name}: nothing on stdout");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains(&format!("--> {name}:")),
            "{name}: no position in\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: panic");
        insta::assert_snapshot!(name.trim_end_matches(".toml"), stderr);
    }
}

#[test]
fn positions_are_exact() {
    let source = create_edge_app::load::Source::new(
        "edge-app.toml",
        "[app]\nname = \"ok\"\n\n[[routes]]\npath = \"/a\"\nhandlr = \"a\"\n",
    );
    let diagnostics = create_edge_app::load::load(&source).unwrap_err();
    let rendered = source.render(&diagnostics);
    assert!(rendered.contains("--> edge-app.toml:6:1"), "{rendered}");
    assert!(rendered.contains("did you mean `handler`?"), "{rendered}");
}

#[test]
fn never_panics_on_garbage() {
    let inputs = [
        "",
        "\u{0}",
        "[[app]]",
        "app = 1",
        "[app]\nname = []",
        "[routes]",
        "routes = 5",
        "[bindings]\nX = 1",
        "[bindings.X]\ntype = 5",
        "[schemas.A]\ntype = \"array\"",
        "[[crons]]\nschedule = 1",
    ];
    for input in inputs {
        let source = create_edge_app::load::Source::new("x.toml", input);
        if let Ok(spec) = create_edge_app::load::load(&source) {
            let _ = create_edge_app::validate::validate(&spec);
        }
    }
    bin()
        .args(["check", "/nonexistent/edge-app.toml"])
        .assert()
        .code(2);
}
