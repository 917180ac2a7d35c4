//! The commands, as library operations: each takes an options struct and returns a result; the
//! binary prints it.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{Source, load_partial};
use crate::spec::{Language, Spec};
use crate::{apply, gallery, lower, render, validate};

/// Why a command failed; [`Error::exit_code`] decides the process's exit code.
#[derive(Debug)]
pub enum Error {
    /// The spec has problems; the text is the rendered diagnostics.
    Invalid {
        /// Every diagnostic, rendered for people.
        rendered: String,
        /// How many problems there are.
        count: usize,
    },
    /// The request cannot be served (unknown template, unsupported language, unreadable file).
    Usage(String),
    /// Writing the project failed.
    Apply(apply::ApplyError),
    /// Regeneration will not proceed until the user acts; the text says how.
    Refused(String),
    /// A bug in this tool.
    Internal(String),
}

impl Error {
    /// 1 for an invalid spec or a refused regeneration, 2 for a request that cannot be served, 3 for a write failure, 70 for a
    /// bug.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. } | Error::Refused(_) => 1,
            Error::Usage(_) => 2,
            Error::Apply(_) => 3,
            Error::Internal(_) => 70,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Invalid { rendered, count } => {
                let s = if *count == 1 { "" } else { "s" };
                write!(f, "{rendered}\nerror: the spec has {count} problem{s}")
            }
            Error::Usage(message) | Error::Internal(message) => write!(f, "error: {message}"),
            Error::Apply(error) => write!(f, "error: {error}"),
            Error::Refused(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Where a spec comes from.
#[derive(Debug, Clone)]
pub enum SpecSource {
    /// A file on disk.
    File(PathBuf),
    /// A gallery template, by name.
    Template(String),
}

/// Options for [`new_project`].
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The folder to create.
    pub dir: PathBuf,
    /// The spec to generate from.
    pub spec: SpecSource,
    /// Overrides `app.language`.
    pub language: Option<Language>,
    /// Overrides `app.name`; defaults to the folder's name when the spec comes from the gallery.
    pub name: Option<String>,
    /// Write into a non-empty folder.
    pub force: bool,
}

/// Reads a spec from a file or the gallery.
fn read(source: &SpecSource) -> Result<Source, Error> {
    match source {
        SpecSource::File(path) => std::fs::read_to_string(path)
            .map(|text| Source::new(path.display().to_string(), text))
            .map_err(|e| Error::Usage(format!("cannot read `{}`: {e}", path.display()))),
        SpecSource::Template(name) => gallery::find(name)
            .map(|t| Source::new(format!("{name}.toml"), t.text))
            .ok_or_else(|| {
                let names: Vec<&str> = gallery::templates().iter().map(|t| t.name).collect();
                Error::Usage(format!(
                    "no template named `{name}`\nhelp: the gallery has {}",
                    names.join(", ")
                ))
            }),
    }
}

/// Loads and validates, returning the spec or every problem.
fn checked(source: &Source) -> Result<Spec, Error> {
    let (spec, mut diagnostics) = load_partial(source);
    let Some(spec) = spec else {
        return Err(invalid(source, &diagnostics));
    };
    let mut problems = validate::validate(&spec);
    source.locate(&mut problems);
    diagnostics.extend(problems);
    if diagnostics.is_empty() {
        return Ok(spec);
    }
    Err(invalid(source, &diagnostics))
}

fn invalid(source: &Source, diagnostics: &[Diagnostic]) -> Error {
    Error::Invalid {
        rendered: source.render(diagnostics),
        count: diagnostics.len(),
    }
}

/// `check`: validates a spec; `Ok` carries a one-line summary.
pub fn check(path: &Path) -> Result<String, Error> {
    let source = read(&SpecSource::File(path.to_owned()))?;
    let spec = checked(&source)?;
    Ok(format!(
        "{}: `{}` is valid ({} routes, {} bindings, {} crons, {} consumers)",
        source.name,
        spec.app.name,
        spec.routes.len(),
        spec.bindings.len(),
        spec.crons.len(),
        spec.consumers.len()
    ))
}

/// `new`: generates a project; `Ok` carries the list of files written.
pub fn new_project(options: &NewOptions) -> Result<Vec<String>, Error> {
    let mut source = read(&options.spec)?;
    let name = options.name.clone().or_else(|| match options.spec {
        SpecSource::Template(_) => options
            .dir
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned),
        SpecSource::File(_) => None,
    });
    // Overrides are written into the copied spec, so the project's spec says what it was built from.
    if name.is_some() || options.language.is_some() {
        source = Source::new(
            source.name.clone(),
            with_overrides(&source.text, name.as_deref(), options.language),
        );
    }
    let spec = checked(&source)?;
    let model = lower::lower(&spec, &lower::migrations::ObjectHistory::default());
    let files =
        render::render(&spec, &model, &source.text).map_err(|e| Error::Internal(e.to_string()))?;
    apply::create(&options.dir, &files, model.object_history, options.force)
        .map_err(Error::Apply)?;
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// The spec text with `app.name` and `app.language` replaced, keeping comments and layout.
fn with_overrides(text: &str, name: Option<&str>, language: Option<Language>) -> String {
    let Ok(mut document) = text.parse::<toml_edit::DocumentMut>() else {
        return text.to_owned();
    };
    let Some(app) = document.get_mut("app").and_then(|a| a.as_table_like_mut()) else {
        return text.to_owned();
    };
    if let Some(name) = name {
        app.insert("name", toml_edit::value(name));
    }
    if let Some(language) = language {
        let code = match language {
            Language::Ts => "ts",
            Language::Js => "js",
            Language::Rust => "rust",
        };
        app.insert("language", toml_edit::value(code));
    }
    document.to_string()
}

/// Options for [`generate`].
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// The project folder.
    pub dir: PathBuf,
    /// Plan and show a diff, write nothing.
    pub dry_run: bool,
    /// Plan and write nothing; the report says whether the project is current.
    pub check: bool,
    /// Overwrite edited generated files, keeping backups.
    pub force: bool,
    /// The conflict markers of the last run are resolved.
    pub resolved: bool,
}

/// What `generate` did (or, with `--dry-run` / `--check`, would do).
#[derive(Debug, Clone, serde::Serialize)]
pub struct GenerateReport {
    /// One event per file touched.
    pub events: Vec<crate::plan::Event>,
    /// Whether the project differed from its spec.
    pub changed: bool,
    /// Whether conflict markers were (or would be) written.
    pub conflicts: bool,
    /// Whether anything was written.
    pub applied: bool,
    /// A unified diff of every planned change to the project's own files (`--dry-run` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

/// `generate`: brings the project in `options.dir` to its spec, keeping every edit the user made.
pub fn generate(options: &GenerateOptions) -> Result<GenerateReport, Error> {
    let dir = &options.dir;
    let spec_path = dir.join("edge-app.toml");
    let source = read(&SpecSource::File(spec_path))?;
    let spec = checked(&source)?;
    let manifest = apply::read_manifest(dir).map_err(|e| match e {
        apply::ApplyError::NoManifest(_) | apply::ApplyError::BadManifest(..) => {
            Error::Usage(e.to_string())
        }
        other => Error::Apply(other),
    })?;
    if unchanged(dir, &manifest, &source.text) {
        let events = Vec::new();
        return Ok(GenerateReport {
            events,
            changed: false,
            conflicts: false,
            applied: false,
            diff: None,
        });
    }
    let model = lower::lower(&spec, &manifest.durable_objects);
    let files =
        render::render(&spec, &model, &source.text).map_err(|e| Error::Internal(e.to_string()))?;
    let snapshot = apply::read_project(dir, &files).map_err(Error::Apply)?;
    let plan_options = crate::plan::Options {
        force: options.force,
        resolved: options.resolved,
    };
    let plan = crate::plan::plan(&snapshot, &files, &model.object_history, plan_options)
        .map_err(refusal)?;
    let mut report = GenerateReport {
        changed: !plan.is_empty(),
        conflicts: plan.has_conflicts(),
        applied: false,
        diff: None,
        events: plan.events.clone(),
    };
    if options.dry_run {
        report.diff = Some(diff(&snapshot, &plan));
    }
    if !options.dry_run && !options.check && !plan.is_empty() {
        apply::execute(dir, &plan, None).map_err(Error::Apply)?;
        report.applied = true;
    }
    Ok(report)
}

/// The fast path of a no-op run: the same spec and generator as last time, every file present,
/// no generated file edited, no conflict pending and every base copy in place. A full plan would
/// then change nothing, so rendering is skipped.
fn unchanged(dir: &Path, manifest: &crate::manifest::Manifest, spec_text: &str) -> bool {
    use crate::manifest::{base_path, keeps_base, sha256};
    if manifest.spec_sha256 != sha256(spec_text)
        || manifest.version != crate::manifest::TOOL_VERSION
    {
        return false;
    }
    manifest.files.iter().all(|(path, entry)| {
        let Ok(text) = std::fs::read_to_string(dir.join(path)) else {
            return false;
        };
        let generated_intact =
            entry.ownership != render::Ownership::Generated || sha256(&text) == entry.sha256;
        let base_present =
            !keeps_base(entry.ownership) || dir.join(base_path(&entry.sha256)).exists();
        generated_intact && base_present && !entry.conflict
    })
}

fn refusal(refusal: crate::plan::Refusal) -> Error {
    use crate::plan::Refusal;
    let list = |paths: &[String]| {
        paths
            .iter()
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Error::Refused(match refusal {
        Refusal::EditedGenerated(paths) => format!(
            "these generated files were edited:\n{}\nhelp: move the change into your own files (src/handlers/, ...) or into the spec's `[wrangler]` table, or pass `--force` to overwrite them (a backup is kept under .edge-app/backup/)",
            list(&paths)
        ),
        Refusal::UnresolvedConflicts(paths) => format!(
            "these files still hold conflict markers from the last run:\n{}\nhelp: resolve them, then run `create-edge-app generate --resolved`",
            list(&paths)
        ),
    })
}

/// A unified diff of the plan's changes to the project's own files (not `.edge-app/`).
fn diff(snapshot: &crate::plan::Snapshot, plan: &crate::plan::Plan) -> String {
    let mut out = String::new();
    let changes = plan
        .writes
        .iter()
        .map(|(path, new)| (path, new.as_str()))
        .chain(plan.deletes.iter().map(|path| (path, "")))
        .filter(|(path, _)| !path.starts_with(".edge-app/"));
    for (path, new) in changes {
        let old = snapshot.disk.get(path).map_or("", String::as_str);
        let mut options = diffy::DiffOptions::new();
        options
            .set_original_filename(format!("a/{path}"))
            .set_modified_filename(format!("b/{path}"));
        out.push_str(&options.create_patch(old, new).to_string());
    }
    out
}
