//! Renders a [`Model`] into the files of a project: pure, nothing touches the disk.

mod cargo;
mod json_files;
pub mod json_layout;
mod openapi;
mod templates;
mod wrangler;

use serde::Serialize;

use crate::lower::Model;
use crate::spec::Spec;

/// Who owns a file, which decides what regeneration may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    /// The spec itself: the user's, copied in once.
    User,
    /// Owned by the generator; rewritten on every generation.
    Generated,
    /// Written once as a starting point; the user's from then on.
    Scaffold,
    /// Merged key by key: the generator owns the keys it writes.
    Structured,
}

/// One file of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The path, relative to the project, with `/` separators.
    pub path: String,
    /// The contents.
    pub contents: String,
    /// Who owns it.
    pub ownership: Ownership,
    /// What in the spec a scaffold file stands for (`route GET /links/:code`), so that renaming
    /// its handler moves the file instead of orphaning it.
    pub origin: Option<String>,
}

/// A rendering failure: a template that does not fit the model (a bug in this tool).
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal error while rendering: {}", self.0)
    }
}

impl std::error::Error for RenderError {}

/// Every file of the project for `spec`, sorted by path. `spec_text` is copied in as
/// `edge-app.toml`.
pub fn render(spec: &Spec, model: &Model, spec_text: &str) -> Result<Vec<File>, RenderError> {
    let mut files = templates::render_all(model)?;
    files.push(File {
        path: model.config_file.clone(),
        contents: wrangler::config(spec, model),
        ownership: Ownership::Generated,
        origin: None,
    });
    files.extend(json_files::render(model));
    if let Some(rust) = &model.rust {
        files.push(File {
            path: "Cargo.toml".to_owned(),
            contents: cargo::manifest(model, &rust.crate_name),
            ownership: Ownership::Structured,
            origin: None,
        });
    }
    if !spec.routes.is_empty() {
        files.push(File {
            path: "openapi.json".to_owned(),
            contents: json_layout::to_string(&openapi::document(spec)),
            ownership: Ownership::Generated,
            origin: None,
        });
    }
    files.push(File {
        path: "edge-app.toml".to_owned(),
        contents: spec_text.to_owned(),
        ownership: Ownership::User,
        origin: None,
    });
    for dir in scaffold_dirs(spec) {
        files.push(dir);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Folders wrangler expects to exist: D1 migrations and static assets.
fn scaffold_dirs(spec: &Spec) -> Vec<File> {
    use crate::spec::Binding;
    spec.bindings
        .values()
        .filter_map(|binding| match binding {
            Binding::D1 { migrations_dir, database_name, .. } => Some(File {
                path: format!("{migrations_dir}/0001_init.sql"),
                contents: format!(
                    "-- The first migration of D1 database `{database_name}`.\n-- Apply it with `npx wrangler d1 migrations apply {database_name} --local`.\nCREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);\n"
                ),
                ownership: Ownership::Scaffold,
                origin: None,
            }),
            Binding::Assets { directory, .. } => Some(File {
                path: format!("{directory}/index.html"),
                contents: "<!doctype html>\n<title>Static assets</title>\n<p>Served from the assets folder.</p>\n"
                    .to_owned(),
                ownership: Ownership::Scaffold,
                origin: None,
            }),
            _ => None,
        })
        .collect()
}
