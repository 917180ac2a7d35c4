//! Layout helpers: Rust literals and identifiers, and the line breaks rustfmt would make, so
//! generated projects pass `cargo fmt --check`.

/// rustfmt's line width.
pub(super) const MAX_WIDTH: usize = 100;

/// rustfmt's widest single-line array body (60% of the line width).
pub(super) const ARRAY_WIDTH: usize = 60;
/// rustfmt's widest single-line method chain (60% of the line width).
pub(super) const CHAIN_WIDTH: usize = 60;

/// `name`, as a raw identifier when it is a Rust keyword.
pub(super) fn identifier(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type",
        "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
        "override", "priv", "typeof", "unsized", "virtual", "yield",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// `const X: &[T] = &[a, b];` on one line when rustfmt keeps it there, else one item per line.
pub(super) fn array_const(head: &str, items: &[String]) -> String {
    let body = items.join(", ");
    let line = format!("{head}&[{body}];");
    if body.len() <= ARRAY_WIDTH && line.len() <= MAX_WIDTH {
        return line;
    }
    let lines: String = items.iter().map(|i| format!("    {i},\n")).collect();
    format!("{head}&[\n{lines}];")
}

/// `use krate::{A, B};`, wrapped the way rustfmt wraps a long import list.
pub(super) fn use_line(krate: &str, items: &[&str]) -> String {
    if items.len() == 1 {
        return format!("use {krate}::{};", items[0]);
    }
    let line = format!("use {krate}::{{{}}};", items.join(", "));
    if line.len() <= MAX_WIDTH {
        return line;
    }
    let mut lines = vec![String::from("   ")];
    for item in items {
        let last = lines.last_mut().expect("one line at least");
        if last.len() + 1 + item.len() + 1 > MAX_WIDTH {
            lines.push(format!("    {item},"));
        } else {
            last.push_str(&format!(" {item},"));
        }
    }
    format!(
        "use {krate}::{{
{}
}};",
        lines.join(
            "
"
        )
    )
}

/// An `Option<&str>` literal: `Some("text")` or `None`.
pub fn rust_option(text: Option<&str>) -> String {
    text.map_or("None".to_owned(), |t| format!("Some({})", rust_string(t)))
}

/// A Rust string literal.
pub fn rust_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `name: &[a, b],` at an indent of four, one item per line when rustfmt would break it.
pub(super) fn array_field(name: &str, items: &[String]) -> String {
    let body = items.join(", ");
    let line = format!("{name}: &[{body}],");
    if body.len() <= ARRAY_WIDTH && line.len() + 4 <= MAX_WIDTH {
        return line;
    }
    let lines: String = items.iter().map(|i| format!("        {i},\n")).collect();
    format!("{name}: &[\n{lines}    ],")
}
