//! Rules for the names a spec gives to things that become identifiers, files and Worker names.

/// Words that cannot name a handler, class or schema: reserved in JavaScript, TypeScript or Rust,
/// names the generated code itself uses, and file names Windows refuses.
const RESERVED: &[&str] = &[
    // JavaScript and TypeScript
    "abstract",
    "any",
    "arguments",
    "as",
    "async",
    "await",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
    // Rust
    "box",
    "crate",
    "dyn",
    "fn",
    "impl",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "self",
    "struct",
    "trait",
    "unsafe",
    "use",
    "where",
    "macro",
    "override",
    "priv",
    "final",
    "unsized",
    "virtual",
    "become",
    "gen",
    // names the generated entry and runtime use
    "app",
    "consumers",
    "crons",
    "env",
    "ctx",
    "handlers",
    "request",
    "params",
    "worker",
    "Env",
    "Handlers",
    "Context",
    "Request",
    "Response",
    "DurableObject",
    "Headers",
    "URL",
    "Object",
    "Array",
    "Promise",
    "Error",
    "JSON",
    "Math",
    "Date",
    "Map",
    "Set",
    // Windows device names
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "lpt1",
    "lpt2",
    "lpt3",
];

/// Whether `name` is reserved (case-sensitive, except Windows device names).
pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
        || RESERVED.contains(&name.to_ascii_lowercase().as_str()) && name.len() <= 4
}

/// A camelCase identifier: a lowercase ASCII letter, then letters and digits.
pub fn is_camel_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// A PascalCase identifier: an uppercase ASCII letter, then letters and digits.
pub fn is_pascal_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// A name on `env`: letters, digits and `_`, not starting with a digit.
pub fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Cloudflare's rules for a Worker name (which is also a DNS label on workers.dev): 1-63
/// characters, lowercase letters, digits and dashes, starting and ending with a letter or digit.
pub fn worker_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > 63 {
        return Some("must be 1 to 63 characters long");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some("may only contain lowercase letters, digits and dashes");
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("must start and end with a letter or digit");
    }
    None
}

/// A name Cloudflare accepts for a queue, bucket, database or service: lowercase letters, digits,
/// dashes and underscores, 1-63 characters.
pub fn is_resource_name(name: &str) -> bool {
    (1..=63).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !name.starts_with('-')
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number =
        |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 2000 && (1..=days).contains(&day)
}

/// A relative path that stays inside the project: no `..`, not absolute, no backslashes.
pub fn is_inner_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_names() {
        assert_eq!(worker_name_problem("links-api-2"), None);
        for bad in ["", "Links", "-a", "a-", "a_b", "a.b", &"a".repeat(64)] {
            assert!(worker_name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-01-01",
            "2026-1-01",
            "abcd-ef-gh",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn identifiers_and_paths() {
        assert!(is_camel_identifier("getLink2"));
        assert!(
            !is_camel_identifier("GetLink")
                && !is_camel_identifier("get_link")
                && !is_camel_identifier("../x")
        );
        assert!(is_reserved("delete") && is_reserved("CON") && !is_reserved("deleteLink"));
        assert!(is_inner_path("db/migrations") && !is_inner_path("../x") && !is_inner_path("/etc"));
    }
}
