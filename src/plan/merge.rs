//! Merging the user's copy of a file with a new generation: line-level 3-way merges for text,
//! key-level for JSON, and the identifier rename that moves a renamed handler's code along.

use serde_json::{Map, Value};

/// A 3-way merge of `disk` and `new` from their common `base`: `Ok` when clean, `Err` with diff3
/// conflict markers otherwise, labelled `yours`, `last generated` and `generated now`.
pub fn text(base: &str, disk: &str, new: &str) -> Result<String, String> {
    diffy::merge(base, disk, new).map_err(|conflicted| {
        let mut out = String::with_capacity(conflicted.len());
        for line in conflicted.split_inclusive('\n') {
            out.push_str(match line.trim_end_matches('\n') {
                "<<<<<<< ours" => "<<<<<<< yours\n",
                "||||||| original" => "||||||| last generated\n",
                ">>>>>>> theirs" => ">>>>>>> generated now\n",
                _ => line,
            });
        }
        out
    })
}

/// Whether `text` still holds conflict markers.
pub fn has_markers(text: &str) -> bool {
    text.lines()
        .any(|line| line.starts_with("<<<<<<< ") || line.starts_with(">>>>>>> "))
}

/// A key-level 3-way merge of JSON objects: the generator owns the keys it writes; a key the user
/// changed keeps the user's value; keys only the user added survive. Returns the merged value and
/// the keys where the user's value won over a change the spec wanted.
pub fn json(base: &Value, disk: &Value, new: &Value) -> (Value, Vec<String>) {
    let mut overridden = Vec::new();
    let merged = merge_value(base, disk, new, "", &mut overridden);
    (merged.unwrap_or(Value::Null), overridden)
}

fn merge_value(
    base: &Value,
    disk: &Value,
    new: &Value,
    path: &str,
    overridden: &mut Vec<String>,
) -> Option<Value> {
    if disk == base {
        return Some(new.clone());
    }
    if new == base || disk == new {
        return Some(disk.clone());
    }
    match (base, disk, new) {
        (Value::Object(b), Value::Object(d), Value::Object(n)) => {
            Some(Value::Object(merge_objects(b, d, n, path, overridden)))
        }
        _ => {
            overridden.push(path.to_owned());
            Some(disk.clone())
        }
    }
}

fn merge_objects(
    base: &Map<String, Value>,
    disk: &Map<String, Value>,
    new: &Map<String, Value>,
    path: &str,
    overridden: &mut Vec<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let absent = Value::Null;
    // The user's key order first, then keys the generator adds.
    let keys = disk
        .keys()
        .chain(new.keys().filter(|k| !disk.contains_key(*k)));
    for key in keys {
        let sub = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let (b, d, n) = (base.get(key), disk.get(key), new.get(key));
        let value = match (b, d, n) {
            // Removed by the user: stays removed unless the generator changed it.
            (Some(b), None, Some(n)) if b == n => None,
            (_, Some(d), None) if b == Some(d) => None,
            _ => merge_value(
                b.unwrap_or(&absent),
                d.unwrap_or(&absent),
                n.unwrap_or(&absent),
                &sub,
                overridden,
            )
            .filter(|v| !v.is_null() || d.is_some_and(Value::is_null)),
        };
        if let Some(value) = value {
            out.insert(key.clone(), value);
        }
    }
    out
}

/// `text` with every identifier equal to `from` replaced by `to` (whole words only).
pub fn rename_identifier(text: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return text.to_owned();
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find(from) {
        let before = rest[..index].chars().next_back();
        let after = rest[index + from.len()..].chars().next();
        let boundary = !before.is_some_and(is_word) && !after.is_some_and(is_word);
        out.push_str(&rest[..index]);
        out.push_str(if boundary { to } else { from });
        rest = &rest[index + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_merge_keeps_user_keys_and_takes_generated_changes() {
        let base =
            json!({ "scripts": { "test": "vitest run" }, "devDependencies": { "wrangler": "1" } });
        let disk = json!({ "scripts": { "test": "vitest run", "lint": "eslint ." }, "devDependencies": { "wrangler": "1", "zod": "3" } });
        let new =
            json!({ "scripts": { "test": "vitest run" }, "devDependencies": { "wrangler": "2" } });
        let (merged, overridden) = json(&base, &disk, &new);
        assert_eq!(
            merged,
            json!({ "scripts": { "test": "vitest run", "lint": "eslint ." }, "devDependencies": { "wrangler": "2", "zod": "3" } })
        );
        assert!(overridden.is_empty());
        let disk =
            json!({ "scripts": { "test": "vitest" }, "devDependencies": { "wrangler": "1" } });
        let new = json!({ "scripts": { "test": "vitest run --bail" }, "devDependencies": { "wrangler": "1" } });
        let (merged, overridden) = json(&base, &disk, &new);
        assert_eq!(merged["scripts"]["test"], "vitest");
        assert_eq!(overridden, ["scripts.test"]);
    }

    #[test]
    fn renames_whole_words_only() {
        let text =
            "type Handler = Handlers[\"getLink\"];\nexport const getLink: Handler = getLinks;";
        assert_eq!(
            rename_identifier(text, "getLink", "fetchLink"),
            "type Handler = Handlers[\"fetchLink\"];\nexport const fetchLink: Handler = getLinks;"
        );
    }

    #[test]
    fn text_merge_reports_conflicts_with_markers() {
        let base = "a\nb\nc\nd\ne\n";
        let merged = text(base, "a\nB\nc\nd\ne\n", "a\nb\nc\nD\ne\n").unwrap();
        assert_eq!(merged, "a\nB\nc\nD\ne\n");
        let conflict = text("a\n", "x\n", "y\n").unwrap_err();
        assert!(has_markers(&conflict));
        assert_eq!(
            conflict,
            "<<<<<<< yours\nx\n||||||| last generated\na\n=======\ny\n>>>>>>> generated now\n"
        );
    }
}
