//! Problems found in a spec, each pointing at the exact place in the file that causes it.

use std::fmt::{self, Write as _};
use std::ops::Range;

/// A path to a key or value in the spec, such as `routes[2].handler`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyPath(Vec<Segment>);

/// One step of a [`KeyPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl KeyPath {
    /// The path of the whole document.
    pub fn root() -> Self {
        KeyPath(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        KeyPath(segments)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        KeyPath(segments)
    }

    /// The steps of the path.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Which part of a key-value pair a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The key, for problems with the key itself (unknown, misspelled).
    Key,
    /// The value, for problems with what was written.
    Value,
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, naming the bad value in backticks.
    pub message: String,
    /// Where it is, as a path in the spec.
    pub path: KeyPath,
    /// Whether to point at the key or at the value.
    pub part: Part,
    /// Byte range in the source, filled in by [`crate::load::Source::locate`].
    pub span: Option<Range<usize>>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with the value at `path`.
    pub fn value(path: KeyPath, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            path,
            part: Part::Value,
            span: None,
            help: None,
        }
    }

    /// A problem with the key at `path`.
    pub fn key(path: KeyPath, message: impl Into<String>) -> Self {
        Diagnostic {
            part: Part::Key,
            ..Diagnostic::value(path, message)
        }
    }

    /// A problem at a known byte range (TOML syntax errors).
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span: Some(span),
            ..Diagnostic::value(KeyPath::root(), message)
        }
    }

    /// Adds a `help:` line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic the way compilers do: `file:line:col`, the source line, a caret under
    /// the bad part, and the help line.
    pub fn render(&self, file: &str, text: &str) -> String {
        let mut out = format!("error: {}\n", self.message);
        let span = self.span.clone().unwrap_or(0..0);
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_number = text[..start].matches('\n').count() + 1;
        let line = text[line_start..line_end].trim_end_matches('\r');
        let column = text[line_start..start].chars().count() + 1;
        let end = span.end.clamp(start, line_start + line.len());
        let width = text[start..end].chars().count().max(1);
        let gutter = " ".repeat(line_number.to_string().len());
        let _ = writeln!(out, "{gutter}--> {file}:{line_number}:{column}");
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{line_number} | {line}");
        let pad: String = line[..start - line_start]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "{gutter} | {pad}{}", "^".repeat(width));
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
        out
    }
}

/// Names in backticks, joined with commas: `` `a`, `b` ``.
pub fn backticked<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The nearest of `candidates` to a misspelled `word`, if one is close enough to suggest.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let text = "[app]\nname = \"Bad\"\n";
        let d = Diagnostic::at(13..18, "bad name `Bad`").help("use lowercase");
        let out = d.render("edge-app.toml", text);
        assert_eq!(
            out,
            "error: bad name `Bad`\n --> edge-app.toml:2:8\n  |\n2 | name = \"Bad\"\n  |        ^^^^^\n  = help: use lowercase\n"
        );
    }

    #[test]
    fn path_display() {
        let p = KeyPath::root().key("routes").index(2).key("auth");
        assert_eq!(p.to_string(), "routes[2].auth");
    }

    #[test]
    fn suggests_nearest() {
        assert_eq!(
            did_you_mean("hanlder", ["handler", "path", "method"]),
            Some("handler")
        );
        assert_eq!(did_you_mean("zzz", ["handler", "path"]), None);
    }
}
