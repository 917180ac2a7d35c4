//! Shared helpers: the binary under test, temp folders, the repository's folders.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `create-edge-app` binary.
pub fn bin() -> Command {
    Command::cargo_bin("create-edge-app").expect("the binary is built by cargo test")
}

/// The gallery spec names.
pub fn gallery() -> Vec<String> {
    create_edge_app::gallery::templates()
        .iter()
        .map(|t| t.name.to_owned())
        .collect()
}

/// Every file under `dir`, relative, sorted; installed packages (`node_modules`) aside.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "node_modules") {
                    stack.push(path);
                }
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// Runs `create-edge-app new <dir> <args...>`.
pub fn new_project(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bin().arg("new").arg(dir).args(args).assert()
}
