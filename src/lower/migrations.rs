//! Durable Object migrations, kept right across regenerations: earlier entries are never rewritten
//! or reordered; a new class, a removed class or a renamed class appends one migration.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::spec::{Binding, DurableObjectStorage, Spec};

/// One entry of the wrangler config's `migrations`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Migration {
    /// `v1`, `v2`, ...
    pub tag: String,
    /// Classes created with SQLite storage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_sqlite_classes: Vec<String>,
    /// Classes created with key-value storage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_classes: Vec<String>,
    /// Classes renamed, keeping their objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed_classes: Vec<RenamedClass>,
    /// Classes deleted, with their objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted_classes: Vec<String>,
}

/// A class rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamedClass {
    /// The old name.
    pub from: String,
    /// The new name.
    pub to: String,
}

/// What the last generation recorded about Durable Objects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectHistory {
    /// Every migration so far, in order.
    #[serde(default)]
    pub migrations: Vec<Migration>,
    /// Which class each binding named, to tell a rename from a delete plus an add.
    #[serde(default)]
    pub bindings: BTreeMap<String, String>,
}

/// The classes this Worker defines, by binding, with their storage.
fn current(spec: &Spec) -> BTreeMap<&str, (&str, DurableObjectStorage)> {
    spec.bindings
        .iter()
        .filter_map(|(name, b)| match b {
            Binding::DurableObject {
                class_name,
                script_name: None,
                storage,
            } => Some((name.as_str(), (class_name.as_str(), *storage))),
            _ => None,
        })
        .collect()
}

/// The history after this generation: the previous one, plus one migration if classes changed.
pub fn advance(spec: &Spec, previous: &ObjectHistory) -> ObjectHistory {
    let mut live: BTreeSet<String> = BTreeSet::new();
    for migration in &previous.migrations {
        live.extend(migration.new_sqlite_classes.iter().cloned());
        live.extend(migration.new_classes.iter().cloned());
        for rename in &migration.renamed_classes {
            live.remove(&rename.from);
            live.insert(rename.to.clone());
        }
        for class in &migration.deleted_classes {
            live.remove(class);
        }
    }
    let current = current(spec);
    let wanted: BTreeSet<&str> = current.values().map(|(class, _)| *class).collect();
    let mut next = Migration {
        tag: format!("v{}", previous.migrations.len() + 1),
        ..Migration::default()
    };
    for (binding, (class, _)) in &current {
        if let Some(old) = previous.bindings.get(*binding) {
            if old != class
                && live.contains(old)
                && !wanted.contains(old.as_str())
                && !live.contains(*class)
            {
                next.renamed_classes.push(RenamedClass {
                    from: old.clone(),
                    to: (*class).to_owned(),
                });
                live.remove(old);
                live.insert((*class).to_owned());
            }
        }
    }
    for (class, storage) in current.values() {
        if !live.contains(*class) {
            match storage {
                DurableObjectStorage::Sqlite => next.new_sqlite_classes.push((*class).to_owned()),
                DurableObjectStorage::Kv => next.new_classes.push((*class).to_owned()),
            }
        }
    }
    next.deleted_classes = live
        .iter()
        .filter(|c| !wanted.contains(c.as_str()))
        .cloned()
        .collect();
    let mut migrations = previous.migrations.clone();
    if next
        != (Migration {
            tag: next.tag.clone(),
            ..Migration::default()
        })
    {
        migrations.push(next);
    }
    ObjectHistory {
        migrations,
        bindings: current
            .iter()
            .map(|(b, (c, _))| ((*b).to_owned(), (*c).to_owned()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(objects: &[(&str, &str)]) -> Spec {
        let mut text = String::from("[app]\nname = \"a\"\n");
        for (binding, class) in objects {
            text.push_str(&format!(
                "[bindings.{binding}]\ntype = \"durable_object\"\nclass_name = \"{class}\"\n"
            ));
        }
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn adds_renames_and_deletes_append_migrations() {
        let first = advance(&spec(&[("ROOMS", "Room")]), &ObjectHistory::default());
        assert_eq!(first.migrations.len(), 1);
        assert_eq!(first.migrations[0].new_sqlite_classes, ["Room"]);
        let same = advance(&spec(&[("ROOMS", "Room")]), &first);
        assert_eq!(same, first, "no change, no migration");
        let renamed = advance(&spec(&[("ROOMS", "ChatRoom")]), &first);
        assert_eq!(
            renamed.migrations[0], first.migrations[0],
            "earlier entries never change"
        );
        assert_eq!(
            renamed.migrations[1].renamed_classes,
            [RenamedClass {
                from: "Room".into(),
                to: "ChatRoom".into()
            }]
        );
        let added = advance(&spec(&[("ROOMS", "ChatRoom"), ("GAMES", "Game")]), &renamed);
        assert_eq!(added.migrations[2].new_sqlite_classes, ["Game"]);
        let removed = advance(&spec(&[("GAMES", "Game")]), &added);
        assert_eq!(removed.migrations[3].deleted_classes, ["ChatRoom"]);
        assert_eq!(removed.migrations.len(), 4);
    }
}
