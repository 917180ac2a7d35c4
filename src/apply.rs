//! The only stage that touches the disk: writes a rendered project into its folder.
//!
//! Every file is written into a staging folder beside the target first; only when all of them are
//! written does the staging folder take the target's place, so a failure never leaves a
//! half-written project. The manifest (`.edge-app/manifest.json`) records what was generated.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::render::{File, Ownership};
use crate::validate::is_inner_path;

/// Why a project could not be written.
#[derive(Debug)]
pub enum ApplyError {
    /// The target folder exists and is not empty.
    NotEmpty(PathBuf),
    /// A rendered path would leave the project folder (a bug in this tool, refused anyway).
    OutsideProject(String),
    /// The file system refused.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplyError::NotEmpty(dir) => {
                write!(
                    f,
                    "`{}` exists and is not empty\nhelp: pick a new folder, or pass `--force` to write into it",
                    dir.display()
                )
            }
            ApplyError::OutsideProject(path) => {
                write!(f, "refusing to write `{path}`: it is outside the project")
            }
            ApplyError::Io(path, error) => write!(f, "cannot write `{}`: {error}", path.display()),
        }
    }
}

impl std::error::Error for ApplyError {}

/// The record of a generation, written last.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    version: &'static str,
    spec_sha256: String,
    files: std::collections::BTreeMap<&'a str, ManifestEntry>,
}

#[derive(Debug, Serialize)]
struct ManifestEntry {
    ownership: Ownership,
    sha256: String,
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a new project into `dir`. Refuses a non-empty `dir` unless `force`; with `force`, the
/// project's files replace files of the same name and other files are left alone.
pub fn create(dir: &Path, files: &[File], force: bool) -> Result<(), ApplyError> {
    for file in files {
        if !is_inner_path(&file.path) {
            return Err(ApplyError::OutsideProject(file.path.clone()));
        }
    }
    let occupied = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(error) => return Err(ApplyError::Io(dir.to_owned(), error)),
    };
    if occupied && !force {
        return Err(ApplyError::NotEmpty(dir.to_owned()));
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| ApplyError::Io(parent.clone(), e))?;
    let staging = tempfile::Builder::new()
        .prefix(".create-edge-app-")
        .tempdir_in(&parent)
        .map_err(|e| ApplyError::Io(parent.clone(), e))?;
    for file in files {
        write(staging.path(), &file.path, &file.contents)?;
    }
    write(staging.path(), ".edge-app/manifest.json", &manifest(files))?;
    if occupied {
        // Forced into an existing folder: move the staged files over one by one.
        let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        paths.push(".edge-app/manifest.json");
        for path in paths {
            let target = dir.join(path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| ApplyError::Io(folder.to_owned(), e))?;
            }
            fs::rename(staging.path().join(path), &target)
                .map_err(|e| ApplyError::Io(target.clone(), e))?;
        }
    } else {
        if dir.exists() {
            fs::remove_dir(dir).map_err(|e| ApplyError::Io(dir.to_owned(), e))?;
        }
        let staged = staging.keep();
        fs::rename(&staged, dir).map_err(|e| ApplyError::Io(dir.to_owned(), e))?;
    }
    Ok(())
}

fn write(root: &Path, relative: &str, contents: &str) -> Result<(), ApplyError> {
    let path = root.join(relative);
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(|e| ApplyError::Io(folder.to_owned(), e))?;
    }
    fs::write(&path, contents).map_err(|e| ApplyError::Io(path, e))
}

fn manifest(files: &[File]) -> String {
    let spec = files
        .iter()
        .find(|f| f.path == "edge-app.toml")
        .map(|f| sha256(&f.contents))
        .unwrap_or_default();
    let manifest = Manifest {
        generator: "create-edge-app",
        version: env!("CARGO_PKG_VERSION"),
        spec_sha256: spec,
        files: files
            .iter()
            .map(|f| {
                (
                    f.path.as_str(),
                    ManifestEntry {
                        ownership: f.ownership,
                        sha256: sha256(&f.contents),
                    },
                )
            })
            .collect(),
    };
    crate::render::json_layout::to_string(&serde_json::to_value(&manifest).unwrap_or_default())
}
