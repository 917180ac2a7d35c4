//! The router benchmark compares like with like: on its route tables and request mixes
//! (`bench/router`), the generated matcher, Hono's routers and itty-router find the same route with
//! the same params for every request. The benchmark itself is not part of the suite.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::root;
use crate::e2e::run;

/// The peers the agreement check imports, at the versions `bench/package.json` pins.
const PEERS: [&str; 2] = ["hono", "itty-router"];

#[test]
fn the_benchmarked_routers_agree_with_the_generated_matcher() {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-agreement");
    install_peers(&work);
    let scripts = work.join("router");
    std::fs::create_dir_all(&scripts).unwrap();
    for entry in std::fs::read_dir(root().join("bench/router")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, scripts.join(path.file_name().unwrap())).unwrap();
    }
    let tool = env!("CARGO_BIN_EXE_create-edge-app");
    let projects = work.join("projects");
    let output = run(
        &work,
        "node",
        &[
            "router/bench.mjs",
            "--check",
            "--tool",
            tool,
            "--work",
            projects.to_str().unwrap(),
        ],
    );
    // Three tables (32 routes, 34 with overlaps, 200), each checked over its whole request mix.
    let checked: Vec<&str> = output
        .lines()
        .filter(|l| l.contains("disagreements"))
        .collect();
    assert_eq!(checked.len(), 3, "{output}");
    assert!(
        checked.iter().all(|l| l.ends_with(": 0 disagreements")),
        "{output}"
    );
}

/// Installs the pinned peers under `work`, once per version.
fn install_peers(work: &Path) {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("bench/package.json")).unwrap())
            .unwrap();
    let wanted: Vec<String> = PEERS
        .iter()
        .map(|name| {
            let version = manifest["dependencies"][name]
                .as_str()
                .unwrap_or_else(|| panic!("bench/package.json pins no {name}"));
            format!("{name}@{version}")
        })
        .collect();
    let stamp = work.join("installed.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.join(" ").as_str()) {
        return;
    }
    std::fs::create_dir_all(work).unwrap();
    let status = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--prefix",
        ])
        .arg(work)
        .args(&wanted)
        .status()
        .expect("npm must be installed to run the benchmark agreement check");
    assert!(status.success(), "installing {wanted:?} failed");
    std::fs::write(stamp, wanted.join(" ")).unwrap();
}
