//! JSON text laid out the way prettier prints `.json` files, so generated JSON is prettier-clean:
//! objects one member per line, arrays on one line when they fit in 80 columns.

use serde_json::Value;

const WIDTH: usize = 80;

/// `value` as prettier would print it, with a trailing newline.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, 0, &mut out);
    out.push('\n');
    out
}

/// Writes `value` at `indent` levels; `prefix` is how many columns precede it on its line.
fn write(value: &Value, indent: usize, prefix: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                let key = serde_json::to_string(key).unwrap_or_default();
                out.push_str(&pad);
                out.push_str(&key);
                out.push_str(": ");
                write(item, indent + 1, pad.len() + key.len() + 2, out);
                if i + 1 < map.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            let inline = inline(value);
            // The trailing comma after a member counts toward the width.
            if let Some(inline) = inline.filter(|text| prefix + text.len() < WIDTH) {
                out.push_str(&inline);
                return;
            }
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write(item, indent + 1, pad.len(), out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        _ => out.push_str(&inline(value).unwrap_or_default()),
    }
}

/// The one-line form of a value, or `None` when prettier would never put it on one line (a
/// non-empty object).
fn inline(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) if !map.is_empty() => None,
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items.iter().map(inline).collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
        other => serde_json::to_string(other).ok(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn arrays_fold_when_they_fit() {
        let text = super::to_string(&json!({ "a": ["x", "y"], "b": [{ "c": 1 }], "d": {} }));
        assert_eq!(
            text,
            "{\n  \"a\": [\"x\", \"y\"],\n  \"b\": [\n    {\n      \"c\": 1\n    }\n  ],\n  \"d\": {}\n}\n"
        );
    }
}
