//! The `edge-app.toml` file format.
//!
//! These types ARE the format: their doc comments become the JSON Schema's descriptions
//! (`schemas/edge-app.schema.json`) and the README's reference. Unknown keys are rejected by
//! [`crate::load`], which checks every table against that schema before deserializing, so that one
//! run reports every unknown key instead of stopping at the first.

mod app;
mod auth;
mod binding;
mod cors;
mod deploy;
mod environment;
mod route;
mod schema;
mod trigger;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use app::{App, ConfigFormat, Language};
pub use auth::{AuthChoice, AuthScheme, JwtAlgorithm};
pub use binding::{Binding, DurableObjectStorage};
pub use cors::{Cors, CorsPolicy};
pub use deploy::{Deploy, DeployRoute};
pub use environment::{BindingOverride, Environment};
pub use route::{Method, Route};
pub use schema::{Schema, StringFormat};
pub use trigger::{Consumer, Cron};

/// A Cloudflare Worker service, described in one file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "edge-app.toml")]
pub struct Spec {
    /// The Worker itself: name, language and runtime settings.
    pub app: App,
    /// Plain-text environment variables, available as `env.NAME`.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// Secrets the Worker needs (set with `wrangler secret put NAME`).
    #[serde(default)]
    pub secrets: Secrets,
    /// Bindings to Cloudflare resources, one table per binding: `[bindings.NAME]`. The key is the
    /// name the Worker sees on `env`.
    #[serde(default)]
    pub bindings: BTreeMap<String, Binding>,
    /// Authentication schemes, `[auth.NAME]`, that routes accept by name.
    #[serde(default)]
    pub auth: BTreeMap<String, AuthScheme>,
    /// Cross-origin resource sharing: the default policy, and named ones under `policies`.
    pub cors: Option<Cors>,
    /// HTTP routes, matched in order of specificity (a static segment beats a `:param`, which beats
    /// a `*wildcard`), never in file order.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Cron triggers, each dispatched to its handler in `scheduled`.
    #[serde(default)]
    pub crons: Vec<Cron>,
    /// Queue consumers, each dispatched to its handler in `queue`.
    #[serde(default)]
    pub consumers: Vec<Consumer>,
    /// Named data shapes, used for typed queue messages: `[schemas.NAME]`.
    #[serde(default)]
    pub schemas: BTreeMap<String, Schema>,
    /// Where the Worker is deployed: workers.dev, routes and custom domains.
    #[serde(default)]
    pub deploy: Deploy,
    /// Per-environment overrides, `[env.NAME]`: each becomes a complete `[env.NAME]` section of the
    /// wrangler config.
    #[serde(default)]
    pub env: BTreeMap<String, Environment>,
    /// Escape hatch: keys copied verbatim into the top level of the wrangler config, for settings
    /// this spec does not model. A key the generator writes itself is an error, except the
    /// defaults of TypeScript and JavaScript Workers (`minify = true`, `keep_names = false`,
    /// `upload_source_maps = true`), which these keys replace.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub wrangler: toml::Table,
}

/// Secrets the Worker needs.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Secrets {
    /// Names of the secrets the Worker requires, typed as `string` on `env`. Written to the wrangler
    /// config as `secrets.required`, so `wrangler dev` warns when one is missing.
    #[serde(default)]
    pub required: Vec<String>,
}
