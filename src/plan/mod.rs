//! Regeneration: decides, for every file, what bringing the project to its spec does, from the
//! last generation (base B, in the manifest), the disk (D) and the new generation (N). Pure: the
//! disk is read by [`crate::apply::read_project`] and written by [`crate::apply::execute`].
//!
//! - generated: D == B -> N; D != B -> refused (unless forced, which keeps a backup).
//! - scaffold: D == B -> N; N == B -> D; both changed -> line-level 3-way merge, conflicts get
//!   diff3 markers and block the next run until resolved.
//! - structured (JSON): key-level 3-way merge; the generator owns only the keys it writes.
//! - no longer generated: deleted when D == B, otherwise kept and reported as orphaned.
//! - in the way (exists, never generated): never overwritten; the new content goes to `PATH.new`.
//! - a renamed handler, class or consumer (same origin, new name): its file moves, code included.

pub mod merge;
mod merge_toml;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::lower::migrations::ObjectHistory;
use crate::manifest::{Entry, Manifest, base_path, keeps_base, sha256};
use crate::render::{File, Ownership};

/// What is on disk now, as far as regeneration cares.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last generation's manifest.
    pub manifest: Option<Manifest>,
    /// Base copies found in `.edge-app/base/`, by hash.
    pub bases: BTreeMap<String, String>,
    /// The current text of every path the manifest or the new generation names, if it exists.
    pub disk: BTreeMap<String, String>,
}

/// How to treat the user's edits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Overwrite edited generated files (keeping a backup under `.edge-app/backup/`).
    pub force: bool,
    /// The user has resolved the conflict markers of the last run.
    pub resolved: bool,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Written for the first time (or again, after the user deleted it).
    Created,
    /// Rewritten with the new generation.
    Updated,
    /// The user's edits and the new generation merged cleanly.
    Merged,
    /// Merged with conflict markers to resolve.
    Conflict,
    /// The user's version kept as it is.
    Kept,
    /// No longer generated and unedited: removed.
    Deleted,
    /// No longer generated but edited: kept, and no longer tracked.
    Orphaned,
    /// In the way of a new file: the new content went beside it.
    Beside,
    /// Moved because its handler, class or queue was renamed.
    Moved,
    /// An edited generated file, overwritten after a backup (`--force`).
    BackedUp,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The file.
    pub path: String,
    /// What happened to it.
    pub action: Action,
    /// Detail for people, when there is any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Everything a regeneration will do. Empty `writes` and `deletes` mean the project is current.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Files to write, by path.
    pub writes: BTreeMap<String, String>,
    /// Files to remove.
    pub deletes: BTreeSet<String>,
    /// What happens to each file, for the report.
    pub events: Vec<Event>,
}

impl Plan {
    /// Whether applying the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.deletes.is_empty()
    }

    /// Whether the plan leaves conflict markers.
    pub fn has_conflicts(&self) -> bool {
        self.events.iter().any(|e| e.action == Action::Conflict)
    }
}

/// Why regeneration will not proceed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Generated files the user edited (without `--force`).
    EditedGenerated(Vec<String>),
    /// Files still holding the last run's conflict markers (without `--resolved`).
    UnresolvedConflicts(Vec<String>),
}

/// Plans bringing the project in `snapshot` to `files` (the new generation).
pub fn plan(
    snapshot: &Snapshot,
    files: &[File],
    history: &ObjectHistory,
    options: Options,
) -> Result<Plan, Refusal> {
    let empty = Manifest::new(&[], ObjectHistory::default());
    let old = snapshot.manifest.as_ref().unwrap_or(&empty);
    let disk = |path: &str| snapshot.disk.get(path).map(String::as_str);
    let new: BTreeMap<&str, &File> = files
        .iter()
        .filter(|f| f.ownership != Ownership::User)
        .map(|f| (f.path.as_str(), f))
        .collect();

    let unresolved: Vec<String> = old
        .files
        .iter()
        .filter(|(path, entry)| {
            entry.conflict && !options.resolved && disk(path).is_some_and(merge::has_markers)
        })
        .map(|(path, _)| path.clone())
        .collect();
    if !unresolved.is_empty() {
        return Err(Refusal::UnresolvedConflicts(unresolved));
    }
    let edited: Vec<String> = old
        .files
        .iter()
        .filter(|(path, entry)| {
            entry.ownership == Ownership::Generated
                && new.contains_key(path.as_str())
                && disk(path).is_some_and(|d| sha256(d) != entry.sha256)
        })
        .map(|(path, _)| path.clone())
        .collect();
    if !edited.is_empty() && !options.force {
        return Err(Refusal::EditedGenerated(edited));
    }

    let mut planner = Planner {
        snapshot,
        old,
        plan: Plan::default(),
        manifest: Manifest::new(files, history.clone()),
    };
    let moves = moves(old, &new, snapshot);
    for (path, file) in &new {
        match (old.files.get(*path), moves.get(*path)) {
            (_, Some(from)) => planner.moved(from, file),
            (None, None) => planner.fresh(file),
            (Some(entry), None) => match file.ownership {
                Ownership::Generated => planner.generated(file, entry),
                Ownership::Scaffold => planner.scaffold(file, entry),
                Ownership::Structured => planner.structured(file, entry),
                Ownership::User => {}
            },
        }
    }
    let moved_from: BTreeSet<&str> = moves.values().map(String::as_str).collect();
    for (path, entry) in &old.files {
        if !new.contains_key(path.as_str()) && !moved_from.contains(path.as_str()) {
            planner.gone(path, entry);
        }
    }
    Ok(planner.finish(files))
}

/// New scaffold paths whose file moves from an old path with the same origin.
fn moves(
    old: &Manifest,
    new: &BTreeMap<&str, &File>,
    snapshot: &Snapshot,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (path, file) in new {
        let Some(origin) = &file.origin else { continue };
        if old.files.contains_key(*path) || snapshot.disk.contains_key(*path) {
            continue;
        }
        let from = old.files.iter().find(|(old_path, entry)| {
            entry.origin.as_ref() == Some(origin)
                && !new.contains_key(old_path.as_str())
                && snapshot.disk.contains_key(old_path.as_str())
        });
        if let Some((from, _)) = from {
            out.insert((*path).to_owned(), from.clone());
        }
    }
    out
}

struct Planner<'a> {
    snapshot: &'a Snapshot,
    old: &'a Manifest,
    plan: Plan,
    /// The manifest this generation will leave.
    manifest: Manifest,
}

impl Planner<'_> {
    fn disk(&self, path: &str) -> Option<&str> {
        self.snapshot.disk.get(path).map(String::as_str)
    }

    fn event(&mut self, path: &str, action: Action, note: impl Into<String>) {
        self.plan.events.push(Event {
            path: path.to_owned(),
            action,
            note: note.into(),
        });
    }

    fn write(&mut self, path: &str, contents: &str) {
        if self.disk(path) != Some(contents) {
            self.plan
                .writes
                .insert(path.to_owned(), contents.to_owned());
        }
    }

    /// A path the last generation did not write.
    fn fresh(&mut self, file: &File) {
        match self.disk(&file.path) {
            None => {
                self.write(&file.path, &file.contents);
                self.event(&file.path, Action::Created, "");
            }
            Some(existing) if existing == file.contents => {}
            Some(_) => {
                let beside = format!("{}.new", file.path);
                self.write(&beside, &file.contents);
                self.manifest.files.remove(&file.path);
                self.event(
                    &file.path,
                    Action::Beside,
                    format!("your file is in the way: the generated one is `{beside}`"),
                );
            }
        }
    }

    fn generated(&mut self, file: &File, entry: &Entry) {
        match self.disk(&file.path) {
            None => {
                self.write(&file.path, &file.contents);
                self.event(&file.path, Action::Created, "it was missing");
            }
            Some(current) if current == file.contents => {}
            Some(current) if sha256(current) == entry.sha256 => {
                self.write(&file.path, &file.contents);
                self.event(&file.path, Action::Updated, "");
            }
            Some(current) => {
                let backup = format!(".edge-app/backup/{}", file.path);
                let current = current.to_owned();
                self.write(&backup, &current);
                self.write(&file.path, &file.contents);
                self.event(
                    &file.path,
                    Action::BackedUp,
                    format!("your edits are in `{backup}`"),
                );
            }
        }
    }

    fn scaffold(&mut self, file: &File, entry: &Entry) {
        let Some(current) = self.disk(&file.path).map(str::to_owned) else {
            self.write(&file.path, &file.contents);
            self.event(&file.path, Action::Created, "it was missing");
            return;
        };
        let base = self.snapshot.bases.get(&entry.sha256).cloned();
        self.three_way(file, base.as_deref(), &current);
    }

    /// Scaffold decisions once the base and the user's text are known.
    fn three_way(&mut self, file: &File, base: Option<&str>, current: &str) {
        let path = &file.path;
        if current == file.contents {
            return;
        }
        let base_hash = base.map(sha256);
        if base_hash.as_deref() == Some(&sha256(current)) {
            self.write(path, &file.contents);
            self.event(path, Action::Updated, "");
        } else if base == Some(file.contents.as_str()) {
            // Only the user changed it: theirs stands.
        } else if let Some(base) = base {
            match merge::text(base, current, &file.contents) {
                Ok(merged) => {
                    self.write(path, &merged);
                    self.event(
                        path,
                        Action::Merged,
                        "your edits and the spec's changes, merged",
                    );
                }
                Err(conflicted) => {
                    self.write(path, &conflicted);
                    if let Some(entry) = self.manifest.files.get_mut(path.as_str()) {
                        entry.conflict = true;
                    }
                    self.event(
                        path,
                        Action::Conflict,
                        "resolve the markers, then run `generate --resolved`",
                    );
                }
            }
        } else {
            self.event(
                path,
                Action::Kept,
                "no base copy to merge from: your version stands",
            );
        }
    }

    fn structured(&mut self, file: &File, entry: &Entry) {
        let Some(current) = self.disk(&file.path).map(str::to_owned) else {
            self.write(&file.path, &file.contents);
            self.event(&file.path, Action::Created, "it was missing");
            return;
        };
        if current == file.contents || sha256(&current) == entry.sha256 {
            self.write(&file.path, &file.contents);
            if current != file.contents {
                self.event(&file.path, Action::Updated, "");
            }
            return;
        }
        let base = self.snapshot.bases.get(&entry.sha256).cloned();
        if file.path.ends_with(".toml") {
            let merged = base
                .as_deref()
                .and_then(|b| merge_toml::toml(b, &current, &file.contents));
            match merged {
                Some((text, overridden)) => {
                    if text != current {
                        self.write(&file.path, &text);
                        self.event(&file.path, Action::Merged, merged_note(&overridden));
                    }
                }
                None => self.three_way(file, base.as_deref(), &current),
            }
            return;
        }
        let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
        match (
            base.as_deref().and_then(parse),
            parse(&current),
            parse(&file.contents),
        ) {
            (Some(b), Some(d), Some(n)) => {
                let (merged, overridden) = merge::json(&b, &d, &n);
                let text = crate::render::json_layout::to_string(&merged);
                if text != current {
                    self.write(&file.path, &text);
                    self.event(&file.path, Action::Merged, merged_note(&overridden));
                }
            }
            _ => self.three_way(file, base.as_deref(), &current),
        }
    }

    fn moved(&mut self, from: &str, file: &File) {
        let stem = |path: &str| {
            path.rsplit('/')
                .next()
                .unwrap_or(path)
                .split('.')
                .next()
                .unwrap_or("")
                .to_owned()
        };
        let (old_name, new_name) = (stem(from), stem(&file.path));
        let renames = if file.path.ends_with(".rs") {
            // A Rust module is named in snake_case, but the code in it names the handler in
            // camelCase (in strings), its class in CamelCase and its params struct.
            use convert_case::{Case, Casing};
            let params = |name: &str| format!("{}Params", name.to_case(Case::Pascal));
            vec![
                (old_name.to_case(Case::Camel), new_name.to_case(Case::Camel)),
                (
                    old_name.to_case(Case::Pascal),
                    new_name.to_case(Case::Pascal),
                ),
                (params(&old_name), params(&new_name)),
            ]
        } else {
            vec![(old_name.clone(), new_name.clone())]
        };
        let rename = |text: &str| {
            renames.iter().fold(text.to_owned(), |text, (from, to)| {
                merge::rename_identifier(&text, from, to)
            })
        };
        let current = rename(self.disk(from).unwrap_or_default());
        let base = self
            .old
            .files
            .get(from)
            .and_then(|e| self.snapshot.bases.get(&e.sha256))
            .map(|b| rename(b));
        self.plan.deletes.insert(from.to_owned());
        self.write(&file.path, &current);
        self.three_way(file, base.as_deref(), &current);
        self.event(
            &file.path,
            Action::Moved,
            format!("from `{from}`, with `{old_name}` renamed to `{new_name}`"),
        );
    }

    /// A file the new generation no longer produces.
    fn gone(&mut self, path: &str, entry: &Entry) {
        match self.disk(path) {
            None => {}
            Some(current) if sha256(current) == entry.sha256 => {
                self.plan.deletes.insert(path.to_owned());
                self.event(path, Action::Deleted, "");
            }
            Some(_) => self.event(
                path,
                Action::Orphaned,
                "the spec no longer produces it and you edited it: kept, and no longer tracked; delete it or move what you need",
            ),
        }
    }

    /// Adds the base copies and the manifest (applied last), unless nothing changes at all.
    fn finish(mut self, files: &[File]) -> Plan {
        let wanted: BTreeMap<String, &str> = files
            .iter()
            .filter(|f| keeps_base(f.ownership) && self.manifest.files.contains_key(&f.path))
            .map(|f| (sha256(&f.contents), f.contents.as_str()))
            .collect();
        for (hash, contents) in &wanted {
            if !self.snapshot.bases.contains_key(hash) {
                self.plan
                    .writes
                    .insert(base_path(hash), (*contents).to_owned());
            }
        }
        for hash in self
            .snapshot
            .bases
            .keys()
            .filter(|h| !wanted.contains_key(*h))
        {
            self.plan.deletes.insert(base_path(hash));
        }
        if self.snapshot.manifest.as_ref() != Some(&self.manifest) {
            self.plan
                .writes
                .insert(crate::manifest::PATH.to_owned(), self.manifest.to_json());
        }
        self.plan
    }
}

/// The base copies (`.edge-app/base/<sha256>`) that a fresh generation of `files` keeps.
pub fn base_copies(files: &[File]) -> BTreeMap<String, String> {
    files
        .iter()
        .filter(|f| keeps_base(f.ownership))
        .map(|f| (base_path(&sha256(&f.contents)), f.contents.clone()))
        .collect()
}

/// What a key-level merge says: which of the user's values won over the spec's.
fn merged_note(overridden: &[String]) -> String {
    if overridden.is_empty() {
        "your keys kept, the generator's keys updated".to_owned()
    } else {
        format!(
            "your values kept for {}",
            crate::diagnostic::backticked(overridden.iter().map(String::as_str))
        )
    }
}
