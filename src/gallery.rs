//! The gallery of ready specs, embedded in the binary so `new --template` needs no network.

use include_dir::{Dir, include_dir};

static GALLERY: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/gallery");

/// One gallery spec.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// The name `--template` takes: the file name without `.toml`.
    pub name: &'static str,
    /// The spec's text.
    pub text: &'static str,
}

impl Template {
    /// The first comment line of the spec, which says what it shows.
    pub fn summary(&self) -> &'static str {
        self.text
            .lines()
            .find_map(|line| line.strip_prefix('#'))
            .map_or("", str::trim)
    }
}

/// Every gallery spec, sorted by name.
pub fn templates() -> Vec<Template> {
    let mut templates: Vec<Template> = GALLERY
        .files()
        .filter_map(|file| {
            let name = file.path().file_name()?.to_str()?.strip_suffix(".toml")?;
            Some(Template {
                name,
                text: file.contents_utf8()?,
            })
        })
        .collect();
    templates.sort_by_key(|t| t.name);
    templates
}

/// The gallery spec called `name`.
pub fn find(name: &str) -> Option<Template> {
    templates().into_iter().find(|t| t.name == name)
}
