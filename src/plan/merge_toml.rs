//! Key-level 3-way merge of TOML files (`Cargo.toml`) with toml_edit: the result is the user's
//! document, so their comments, key order and formatting survive; the generator's keys follow the
//! new generation wherever the user left them as last generated.

use toml_edit::{DocumentMut, Item, Table};

/// Merges `disk` with `new` from their common `base`. `None` when one of them is not TOML (the
/// caller falls back to a line merge). Also returns the keys where the user's value won over a
/// change the spec wanted.
pub fn toml(base: &str, disk: &str, new: &str) -> Option<(String, Vec<String>)> {
    let base: DocumentMut = base.parse().ok()?;
    let mut disk: DocumentMut = disk.parse().ok()?;
    let new: DocumentMut = new.parse().ok()?;
    let mut overridden = Vec::new();
    merge_tables(
        base.as_table(),
        disk.as_table_mut(),
        new.as_table(),
        "",
        &mut overridden,
    );
    Some((disk.to_string(), overridden))
}

fn merge_tables(
    base: &Table,
    disk: &mut Table,
    new: &Table,
    path: &str,
    overridden: &mut Vec<String>,
) {
    let sub = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    for (key, n) in new.iter() {
        let b = base.get(key);
        let Some(d) = disk.get_mut(key) else {
            // Absent on disk: the user removed it (it stays removed unless the spec changed it),
            // or the generator adds it now.
            if b.is_none_or(|b| !same(b, n)) {
                disk.insert(key, n.clone());
            }
            continue;
        };
        match (b.and_then(Item::as_table), d.as_table_mut(), n.as_table()) {
            (base_table, Some(d), Some(n)) => {
                let empty = Table::new();
                merge_tables(base_table.unwrap_or(&empty), d, n, &sub(key), overridden);
            }
            _ => {
                if b.is_some_and(|b| same(b, d)) {
                    replace_keeping_decor(d, n);
                } else if !same(d, n) && b.is_none_or(|b| !same(b, n)) {
                    overridden.push(sub(key));
                }
            }
        }
    }
    // Keys the generator no longer writes: gone unless the user changed them.
    let dropped: Vec<String> = base
        .iter()
        .filter(|(key, _)| !new.contains_key(key))
        .filter(|(key, b)| disk.get(key).is_some_and(|d| same(b, d)))
        .map(|(key, _)| key.to_owned())
        .collect();
    for key in dropped {
        disk.remove(&key);
    }
}

/// Sets `disk` to `new`'s value, keeping the comments and spacing around `disk`'s.
fn replace_keeping_decor(disk: &mut Item, new: &Item) {
    match (disk.as_value_mut(), new.as_value()) {
        (Some(d), Some(n)) => {
            let decor = d.decor().clone();
            *d = n.clone();
            *d.decor_mut() = decor;
        }
        _ => *disk = new.clone(),
    }
}

/// Whether two items hold the same data, whatever their formatting.
fn same(a: &Item, b: &Item) -> bool {
    canonical(a) == canonical(b)
}

fn canonical(item: &Item) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("x", item.clone());
    doc.to_string()
        .parse::<toml::Table>()
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::toml;

    const BASE: &str = "[package]\nname = \"a\"\nedition = \"2021\"\n\n[dependencies]\nworker = \"0.8.7\"\nold = \"1\"\n";

    #[test]
    fn the_users_keys_and_comments_survive_and_the_generators_follow() {
        let disk = "# my project\n[package]\nname = \"a\" # the crate\nedition = \"2024\"\n\n[dependencies]\nworker = \"0.8.7\"\nold = \"1\"\nanyhow = \"1\"\n";
        let new =
            "[package]\nname = \"b\"\nedition = \"2021\"\n\n[dependencies]\nworker = \"0.8.9\"\n";
        let (merged, overridden) = toml(BASE, disk, new).unwrap();
        assert_eq!(
            merged,
            "# my project\n[package]\nname = \"b\" # the crate\nedition = \"2024\"\n\n[dependencies]\nworker = \"0.8.9\"\nanyhow = \"1\"\n"
        );
        assert!(overridden.is_empty(), "{overridden:?}");
    }

    #[test]
    fn a_user_value_wins_over_a_spec_change_and_is_reported() {
        let disk = BASE.replace(
            "worker = \"0.8.7\"",
            "worker = { version = \"0.8.7\", features = [\"d1\"] }",
        );
        let new = BASE.replace("0.8.7", "0.8.9");
        let (merged, overridden) = toml(BASE, &disk, &new).unwrap();
        assert!(merged.contains("features = [\"d1\"]"), "{merged}");
        assert_eq!(overridden, ["dependencies.worker"]);
    }

    #[test]
    fn a_key_the_user_removed_stays_removed() {
        let disk = BASE.replace("old = \"1\"\n", "");
        let (merged, _) = toml(BASE, &disk, BASE).unwrap();
        assert!(!merged.contains("old"), "{merged}");
    }

    #[test]
    fn not_toml_is_left_to_the_line_merge() {
        assert!(toml(BASE, "[package\n", BASE).is_none());
    }
}
