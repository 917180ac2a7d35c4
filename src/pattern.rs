//! Route path patterns: `/links/:code`, `/files/*path`.

/// One segment of a path pattern.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathSegment {
    /// Matches exactly this text.
    Static(String),
    /// `:name`: matches one non-empty segment.
    Param(String),
    /// `*name` (or `*`, named `wildcard`): matches the rest of the path, possibly empty.
    Wildcard(String),
}

impl PathSegment {
    /// Rank for precedence: static beats param beats wildcard.
    pub fn rank(&self) -> u8 {
        match self {
            PathSegment::Static(_) => 0,
            PathSegment::Param(_) => 1,
            PathSegment::Wildcard(_) => 2,
        }
    }

    /// The segment with its name erased, for conflict detection: `/a/:x` and `/a/:y` are one shape.
    pub fn shape(&self) -> String {
        match self {
            PathSegment::Static(text) => text.clone(),
            PathSegment::Param(_) => ":".to_owned(),
            PathSegment::Wildcard(_) => "*".to_owned(),
        }
    }
}

/// Parses a path pattern; the error says what is wrong with it.
pub fn parse(path: &str) -> Result<Vec<PathSegment>, String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("path `{path}` must start with `/`"));
    };
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = rest.split('/').collect();
    let mut segments = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let segment = if let Some(name) = part.strip_prefix(':') {
            if !is_param_name(name) {
                return Err(format!(
                    "parameter `:{name}` in `{path}` needs a name made of letters, digits and `_`"
                ));
            }
            PathSegment::Param(name.to_owned())
        } else if let Some(name) = part.strip_prefix('*') {
            if i != parts.len() - 1 {
                return Err(format!(
                    "wildcard `*{name}` in `{path}` must be the last segment"
                ));
            }
            let name = if name.is_empty() { "wildcard" } else { name };
            if !is_param_name(name) {
                return Err(format!(
                    "wildcard `*{name}` in `{path}` needs a name made of letters, digits and `_`"
                ));
            }
            PathSegment::Wildcard(name.to_owned())
        } else if part.is_empty() {
            return Err(format!(
                "path `{path}` has an empty segment (`//` or a trailing `/`)"
            ));
        } else if let Some(bad) = part.chars().find(|c| !is_static_char(*c)) {
            return Err(format!(
                "path `{path}` contains `{bad}`, which is not allowed in a static segment"
            ));
        } else {
            PathSegment::Static((*part).to_owned())
        };
        segments.push(segment);
    }
    let mut names: Vec<&str> = segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Param(n) | PathSegment::Wildcard(n) => Some(n.as_str()),
            PathSegment::Static(_) => None,
        })
        .collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("parameter `{}` appears twice in `{path}`", pair[0]));
    }
    Ok(segments)
}

fn is_param_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Unreserved URL characters plus a few sub-delimiters that need no escaping in a path.
fn is_static_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()+,;=@".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_patterns() {
        assert_eq!(parse("/").unwrap(), vec![]);
        assert_eq!(
            parse("/links/:code/*rest").unwrap(),
            vec![
                PathSegment::Static("links".into()),
                PathSegment::Param("code".into()),
                PathSegment::Wildcard("rest".into())
            ]
        );
        assert_eq!(
            parse("/f/*").unwrap()[1],
            PathSegment::Wildcard("wildcard".into())
        );
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "links", "/a//b", "/a/", "/*x/b", "/:", "/:1a", "/a/:x/:x", "/a b", "/a?b",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
