//! Reading a spec: TOML syntax, unknown keys and value types, each problem with its position.
//!
//! Every problem is collected before giving up: unknown keys are found by walking the document
//! against the JSON Schema generated from [`crate::spec`], and value types are checked one section
//! (one route, one binding, ...) at a time, so a bad route does not hide a bad binding.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use toml_edit::{Item, TableLike, Value};

use crate::diagnostic::{Diagnostic, KeyPath, Part, Segment, backticked, did_you_mean};
use crate::spec::{
    App, Binding, Consumer, Cron, Deploy, Environment, Route, Schema, Secrets, Spec,
};

/// A spec's text, with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in diagnostics, usually the file's path.
    pub name: String,
    /// The file's contents.
    pub text: String,
    document: Option<toml_edit::Document<String>>,
}

impl Source {
    /// Wraps a spec's text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let document = toml_edit::Document::parse(text.clone()).ok();
        Source {
            name: name.into(),
            text,
            document,
        }
    }

    /// Fills in the byte span of each diagnostic from its key path.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics.iter_mut().filter(|d| d.span.is_none()) {
            diagnostic.span = Some(self.span_of(&diagnostic.path, diagnostic.part));
        }
    }

    /// Renders diagnostics for people, one after the other.
    pub fn render(&self, diagnostics: &[Diagnostic]) -> String {
        diagnostics
            .iter()
            .map(|d| d.render(&self.name, &self.text))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The span of the deepest part of `path` that exists in the document.
    fn span_of(&self, path: &KeyPath, part: Part) -> Range<usize> {
        let Some(document) = &self.document else {
            return 0..0;
        };
        let mut node = Node::Item(document.as_item());
        let mut best = 0..0;
        let last = path.segments().len().saturating_sub(1);
        for (i, segment) in path.segments().iter().enumerate() {
            let next = match segment {
                Segment::Key(key) => {
                    node.table()
                        .and_then(|t| t.get_key_value(key))
                        .map(|(k, item)| {
                            if i == last && part == Part::Key {
                                if let Some(span) = k.span() {
                                    best = span;
                                }
                            }
                            Node::Item(item)
                        })
                }
                Segment::Index(index) => node.index(*index),
            };
            let Some(next) = next else { return best };
            node = next;
            if !(i == last && part == Part::Key) {
                if let Some(span) = node.span() {
                    best = span;
                }
            }
        }
        best
    }
}

/// A position in a parsed TOML document.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Table(&'a toml_edit::Table),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    fn table(self) -> Option<&'a dyn TableLike> {
        match self {
            Node::Item(item) => item.as_table_like(),
            Node::Table(table) => Some(table),
            Node::Value(value) => value.as_inline_table().map(|t| t as &dyn TableLike),
        }
    }

    fn index(self, index: usize) -> Option<Node<'a>> {
        match self {
            Node::Item(Item::ArrayOfTables(tables)) => tables.get(index).map(Node::Table),
            Node::Item(Item::Value(Value::Array(array))) | Node::Value(Value::Array(array)) => {
                array.get(index).map(Node::Value)
            }
            _ => None,
        }
    }

    fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(item) => item.span(),
            Node::Table(table) => table.span(),
            Node::Value(value) => value.span(),
        }
    }
}

/// Parses and type-checks a spec. On failure, returns every problem found, located in `source`.
pub fn load(source: &Source) -> Result<Spec, Vec<Diagnostic>> {
    match load_partial(source) {
        (Some(spec), diagnostics) if diagnostics.is_empty() => Ok(spec),
        (_, diagnostics) => Err(diagnostics),
    }
}

/// Like [`load`], but also returns the spec when the only problems are unknown keys, so that
/// validation can report its own problems in the same run.
pub fn load_partial(source: &Source) -> (Option<Spec>, Vec<Diagnostic>) {
    let table: toml::Table = match toml::from_str(&source.text) {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = format!("invalid TOML: {}", error.message().trim_end());
            return (
                None,
                vec![Diagnostic::at(span, message).help("fix the TOML syntax at the caret")],
            );
        }
    };
    let mut diagnostics = Vec::new();
    let schema = crate::schema::spec_schema();
    let mut bad_tags = BTreeSet::new();
    let root = toml::Value::Table(table);
    unknown_keys(
        &root,
        &schema,
        &schema,
        &KeyPath::root(),
        &mut diagnostics,
        &mut bad_tags,
    );
    let unknown = diagnostics.len();
    if let toml::Value::Table(table) = &root {
        check_sections(table, &bad_tags, &mut diagnostics);
    }
    let mut spec = None;
    if diagnostics.len() == unknown && bad_tags.is_empty() {
        // Unknown keys are ignored by serde, so the spec can still be read for validation.
        match deserialize::<Spec>(root, &KeyPath::root()) {
            Ok(value) => spec = Some(value),
            Err(error) => diagnostics.push(error),
        }
    }
    source.locate(&mut diagnostics);
    (spec, diagnostics)
}

/// Type-checks each section on its own, so one bad element does not hide the next.
fn check_sections(table: &toml::Table, bad_tags: &BTreeSet<KeyPath>, out: &mut Vec<Diagnostic>) {
    let root = KeyPath::root();
    match table.get("app") {
        Some(app) => check::<App>(app, &root.key("app"), bad_tags, out),
        None => out.push(
            Diagnostic::value(root.clone(), "missing table `[app]`")
                .help("start the spec with `[app]` and `name = \"my-worker\"`"),
        ),
    }
    if let Some(value) = table.get("secrets") {
        check::<Secrets>(value, &root.key("secrets"), bad_tags, out);
    }
    if let Some(value) = table.get("cors") {
        check::<crate::spec::Cors>(value, &root.key("cors"), bad_tags, out);
    }
    if let Some(value) = table.get("deploy") {
        check::<Deploy>(value, &root.key("deploy"), bad_tags, out);
    }
    if let Some(value) = table.get("vars") {
        check::<std::collections::BTreeMap<String, String>>(
            value,
            &root.key("vars"),
            bad_tags,
            out,
        );
    }
    check_entries::<Binding>(table, "bindings", bad_tags, out);
    check_entries::<crate::spec::AuthScheme>(table, "auth", bad_tags, out);
    check_entries::<Schema>(table, "schemas", bad_tags, out);
    check_entries::<Environment>(table, "env", bad_tags, out);
    check_elements::<Route>(table, "routes", bad_tags, out);
    check_elements::<Cron>(table, "crons", bad_tags, out);
    check_elements::<Consumer>(table, "consumers", bad_tags, out);
    for key in ["bindings", "auth", "schemas", "env", "wrangler"] {
        if let Some(value) = table.get(key).filter(|v| !v.is_table()) {
            out.push(type_mismatch(&root.key(key), value, "a table"));
        }
    }
    for key in ["routes", "crons", "consumers"] {
        if let Some(value) = table.get(key).filter(|v| !v.is_array()) {
            out.push(type_mismatch(&root.key(key), value, "an array of tables"));
        }
    }
}

fn check_entries<T: DeserializeOwned>(
    table: &toml::Table,
    key: &str,
    bad_tags: &BTreeSet<KeyPath>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(toml::Value::Table(entries)) = table.get(key) else {
        return;
    };
    for (name, value) in entries {
        check::<T>(value, &KeyPath::root().key(key).key(name), bad_tags, out);
    }
}

fn check_elements<T: DeserializeOwned>(
    table: &toml::Table,
    key: &str,
    bad_tags: &BTreeSet<KeyPath>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(toml::Value::Array(elements)) = table.get(key) else {
        return;
    };
    for (index, value) in elements.iter().enumerate() {
        check::<T>(value, &KeyPath::root().key(key).index(index), bad_tags, out);
    }
}

fn check<T: DeserializeOwned>(
    value: &toml::Value,
    path: &KeyPath,
    bad_tags: &BTreeSet<KeyPath>,
    out: &mut Vec<Diagnostic>,
) {
    if bad_tags
        .iter()
        .any(|tag| tag.segments().starts_with(path.segments()))
    {
        return;
    }
    if let Err(error) = deserialize::<T>(value.clone(), path) {
        out.push(error);
    }
}

fn type_mismatch(path: &KeyPath, value: &toml::Value, expected: &str) -> Diagnostic {
    Diagnostic::value(
        path.clone(),
        format!("`{path}` must be {expected}, not {}", value.type_str()),
    )
}

/// Deserializes `value`, turning the first error into a diagnostic at its exact path.
fn deserialize<T: DeserializeOwned>(value: toml::Value, base: &KeyPath) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut path = base.clone();
        for segment in error.path().iter() {
            path = match segment {
                serde_path_to_error::Segment::Seq { index } => path.index(*index),
                serde_path_to_error::Segment::Map { key } => path.key(key),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => path,
            };
        }
        serde_diagnostic(path, error.inner().message())
    })
}

/// Rewords serde's messages into ours, with a help line.
fn serde_diagnostic(path: KeyPath, message: &str) -> Diagnostic {
    if let Some(field) = message.strip_prefix("missing field ") {
        let where_ = if path.segments().is_empty() {
            "the spec".to_owned()
        } else {
            format!("`{path}`")
        };
        return Diagnostic::value(path.clone(), format!("missing key {field} in {where_}"))
            .help(format!("add {} = ... to `{path}`", field.trim_matches('`')));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        // "`GTE`, expected one of `GET`, `POST`"
        let (bad, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let options: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let diagnostic = Diagnostic::value(path.clone(), format!("`{path}` cannot be {bad}"));
        let listed = backticked(options.iter().copied());
        return match did_you_mean(bad.trim_matches('`'), options.iter().copied()) {
            Some(near) => diagnostic.help(format!("did you mean `{near}`? (one of {listed})")),
            None => diagnostic.help(format!("use one of {listed}")),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return Diagnostic::value(
            path.clone(),
            format!("`{path}` must be {expected}, not {found}"),
        )
        .help(format!("write `{path}` as {expected}"));
    }
    Diagnostic::value(
        path.clone(),
        format!("invalid value for `{path}`: {message}"),
    )
    .help("see the spec reference in the README")
}

/// Reports keys the schema does not allow, with the nearest allowed key as a suggestion.
fn unknown_keys(
    value: &toml::Value,
    schema: &Json,
    root: &Json,
    path: &KeyPath,
    out: &mut Vec<Diagnostic>,
    bad_tags: &mut BTreeSet<KeyPath>,
) {
    let schema = resolve(schema, root);
    match value {
        toml::Value::Table(table) => {
            let Some(schema) = object_schema(schema, root, table, path, out, bad_tags) else {
                return;
            };
            let properties = schema.get("properties").and_then(Json::as_object);
            for (key, value) in table {
                let path = path.key(key);
                if let Some(property) = properties.and_then(|p| p.get(key)) {
                    unknown_keys(value, property, root, &path, out, bad_tags);
                } else if let Some(extra) =
                    schema.get("additionalProperties").filter(|s| s.is_object())
                {
                    unknown_keys(value, extra, root, &path, out, bad_tags);
                } else if schema.get("additionalProperties") == Some(&Json::Bool(false)) {
                    let known =
                        properties.map(|p| p.keys().map(String::as_str).collect::<Vec<_>>());
                    let known = known.unwrap_or_default();
                    let parent = path_parent_name(&path);
                    let diagnostic =
                        Diagnostic::key(path.clone(), format!("unknown key `{key}` in {parent}"));
                    out.push(match did_you_mean(key, known.iter().copied()) {
                        Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                        None => diagnostic.help(format!(
                            "the keys allowed here are {}",
                            backticked(known.iter().copied())
                        )),
                    });
                }
            }
        }
        toml::Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (index, item) in items.iter().enumerate() {
                    unknown_keys(item, item_schema, root, &path.index(index), out, bad_tags);
                }
            }
        }
        _ => {}
    }
}

fn path_parent_name(path: &KeyPath) -> String {
    let segments = path.segments();
    if segments.len() <= 1 {
        "the spec".to_owned()
    } else {
        let mut parent = KeyPath::root();
        for segment in &segments[..segments.len() - 1] {
            parent = match segment {
                Segment::Key(k) => parent.key(k),
                Segment::Index(i) => parent.index(*i),
            };
        }
        format!("`{parent}`")
    }
}

/// The object schema that applies to `table`: the schema itself, or for a `type`-tagged union the
/// variant its `type` names. A missing or unknown tag is reported here.
fn object_schema<'a>(
    schema: &'a Json,
    root: &'a Json,
    table: &toml::Table,
    path: &KeyPath,
    out: &mut Vec<Diagnostic>,
    bad_tags: &mut BTreeSet<KeyPath>,
) -> Option<&'a Json> {
    let variants = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Json::as_array);
    let Some(variants) = variants else {
        return Some(schema);
    };
    let variants: Vec<&Json> = variants.iter().map(|v| resolve(v, root)).collect();
    let tagged: Vec<(&str, &Json)> = variants
        .iter()
        .filter_map(|v| {
            let tag = v.pointer("/properties/type/const").and_then(Json::as_str)?;
            Some((tag, *v))
        })
        .collect();
    if tagged.is_empty() {
        // `Option<T>`: the one variant that describes an object.
        return variants.into_iter().find(|v| v.get("properties").is_some());
    }
    let tags: Vec<&str> = tagged.iter().map(|(tag, _)| *tag).collect();
    let listed = backticked(tags.iter().copied());
    match table.get("type") {
        Some(toml::Value::String(tag)) => {
            if let Some((_, variant)) = tagged.iter().find(|(t, _)| t == tag) {
                return Some(variant);
            }
            let diagnostic = Diagnostic::value(path.key("type"), format!("unknown type `{tag}`"));
            out.push(match did_you_mean(tag, tags.iter().copied()) {
                Some(near) => diagnostic.help(format!("did you mean `{near}`? (one of {listed})")),
                None => diagnostic.help(format!("use one of {listed}")),
            });
        }
        _ => out.push(
            Diagnostic::value(path.clone(), format!("`{path}` needs a `type`"))
                .help(format!("add `type = ...` with one of {listed}")),
        ),
    }
    bad_tags.insert(path.clone());
    None
}

fn resolve<'a>(schema: &'a Json, root: &'a Json) -> &'a Json {
    let mut schema = schema;
    while let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
        match reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
        {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}
