//! The committed JSON Schema is the one the spec types generate, and every gallery spec is valid
//! under it according to an independent validator.

use crate::common::root;

#[test]
fn committed_schema_is_current() {
    let path = root().join("schemas/edge-app.schema.json");
    let fresh = create_edge_app::schema::spec_schema_text();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "schemas/edge-app.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test committed_schema` and commit it"
    );
}

#[test]
fn gallery_specs_validate_against_the_schema() {
    let schema = create_edge_app::schema::spec_schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for template in create_edge_app::gallery::templates() {
        let value: toml::Value = toml::from_str(template.text).unwrap();
        let json = serde_json::to_value(value).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", template.name);
    }
}

#[test]
fn schema_rejects_unknown_keys() {
    let schema = create_edge_app::schema::spec_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = serde_json::json!({ "app": { "name": "x", "nmae": "y" } });
    assert!(!validator.is_valid(&bad));
}

#[test]
fn readme_reference_is_current() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find("<!-- reference:start")
        .expect("README has a reference:start marker");
    let start = start + readme[start..].find("-->\n").unwrap() + 4;
    let end = readme
        .find("<!-- reference:end -->")
        .expect("README has a reference:end marker");
    let fresh = create_edge_app::reference::markdown();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(
            &path,
            format!("{}{fresh}\n{}", &readme[..start], &readme[end..]),
        )
        .unwrap();
        return;
    }
    assert!(
        readme[start..end].trim() == fresh.trim(),
        "the README's spec reference is stale: run `UPDATE_SCHEMA=1 cargo test readme_reference` and commit it"
    );
}
