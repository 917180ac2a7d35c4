use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::versions::DEFAULT_COMPATIBILITY_DATE;

/// The Worker itself.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct App {
    /// The Worker's name: lowercase letters, digits and dashes, at most 63 characters, starting and
    /// ending with a letter or digit.
    pub name: String,
    /// The language of the generated project.
    #[serde(default)]
    pub language: Language,
    /// The Workers runtime compatibility date, `YYYY-MM-DD`.
    #[serde(default = "default_compatibility_date")]
    #[schemars(default = "default_compatibility_date")]
    pub compatibility_date: String,
    /// Runtime compatibility flags, such as `nodejs_compat`.
    #[serde(default)]
    pub compatibility_flags: Vec<String>,
    /// The format of the generated wrangler config.
    #[serde(default)]
    pub config_format: ConfigFormat,
    /// A path at which the Worker serves its OpenAPI document (`openapi.json`), such as
    /// `/openapi.json`; absent means the document is only written to the project.
    pub openapi_route: Option<String>,
    /// The authentication scheme of every route that names none (`auth = "none"` opts out).
    pub default_auth: Option<String>,
}

fn default_compatibility_date() -> String {
    DEFAULT_COMPATIBILITY_DATE.to_owned()
}

/// The language of the generated project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// TypeScript (the default).
    #[default]
    Ts,
    /// JavaScript, typed with JSDoc so that `tsc --checkJs` checks it.
    Js,
    /// Rust, with workers-rs.
    Rust,
}

/// The format of the generated wrangler config.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConfigFormat {
    /// `wrangler.toml` (the default).
    #[default]
    Toml,
    /// `wrangler.jsonc`.
    Jsonc,
}
