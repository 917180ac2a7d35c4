//! `.edge-app/manifest.json`: what the last generation wrote, so the next one can tell the user's
//! edits from its own. Deterministic (sorted, no timestamps). The exact content last generated for
//! every scaffold and structured file is kept beside it, content-addressed, in `.edge-app/base/`,
//! so a 3-way merge never depends on an old version of this tool or on git.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::lower::migrations::ObjectHistory;
use crate::render::{File, Ownership};

/// The manifest's path in a project.
pub const PATH: &str = ".edge-app/manifest.json";

/// The record of one generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `create-edge-app`.
    pub generator: String,
    /// The version of the tool that wrote it.
    pub version: String,
    /// The SHA-256 of the spec it was generated from.
    pub spec_sha256: String,
    /// Every file the tool wrote, by path.
    pub files: BTreeMap<String, Entry>,
    /// Durable Object migrations so far.
    #[serde(default)]
    pub durable_objects: ObjectHistory,
}

/// One file the tool wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Who owns it.
    pub ownership: Ownership,
    /// The SHA-256 of what the tool last generated for it.
    pub sha256: String,
    /// What in the spec the file stands for, so a rename moves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The last generation left conflict markers in it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflict: bool,
}

/// The SHA-256 of `text`, in hex.
pub fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the base copy of content with this hash lives.
pub fn base_path(sha256: &str) -> String {
    format!(".edge-app/base/{sha256}")
}

/// Whether a file of this ownership keeps a base copy for 3-way merges.
pub fn keeps_base(ownership: Ownership) -> bool {
    matches!(ownership, Ownership::Scaffold | Ownership::Structured)
}

impl Manifest {
    /// The manifest for freshly rendered `files`.
    pub fn new(files: &[File], history: ObjectHistory) -> Self {
        let spec = files
            .iter()
            .find(|f| f.ownership == Ownership::User)
            .map(|f| sha256(&f.contents));
        Manifest {
            generator: "create-edge-app".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            spec_sha256: spec.unwrap_or_default(),
            files: files
                .iter()
                .filter(|f| f.ownership != Ownership::User)
                .map(|f| {
                    let entry = Entry {
                        ownership: f.ownership,
                        sha256: sha256(&f.contents),
                        origin: f.origin.clone(),
                        conflict: false,
                    };
                    (f.path.clone(), entry)
                })
                .collect(),
            durable_objects: history,
        }
    }

    /// The manifest as prettier-clean JSON.
    pub fn to_json(&self) -> String {
        crate::render::json_layout::to_string(&serde_json::to_value(self).unwrap_or_default())
    }

    /// Parses a manifest; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let manifest: Manifest = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if manifest.generator != "create-edge-app" {
            return Err(format!(
                "it was written by `{}`, not create-edge-app",
                manifest.generator
            ));
        }
        for path in manifest.files.keys() {
            if !crate::validate::is_inner_path(path) {
                return Err(format!("it names `{path}`, a path outside the project"));
            }
        }
        Ok(manifest)
    }
}
