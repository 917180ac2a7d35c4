use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Deploy;

/// Overrides for one deployment environment. Everything not overridden is repeated from the top
/// level, because wrangler does not inherit bindings or vars into environments.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Environment {
    /// Variables that replace or add to the top-level `[vars]`.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// Resource overrides for bindings declared at the top level, `[env.NAME.bindings.BINDING]`.
    #[serde(default)]
    pub bindings: BTreeMap<String, BindingOverride>,
    /// Where this environment is deployed; replaces the top-level `[deploy]` when present.
    pub deploy: Option<Deploy>,
}

/// The resource a binding points at in one environment. Only the fields that exist on the
/// binding's `type` may be set.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BindingOverride {
    /// KV namespace or Hyperdrive configuration id.
    pub id: Option<String>,
    /// D1 database name.
    pub database_name: Option<String>,
    /// D1 database id.
    pub database_id: Option<String>,
    /// R2 bucket name.
    pub bucket_name: Option<String>,
    /// Queue name.
    pub queue: Option<String>,
    /// Service name.
    pub service: Option<String>,
    /// Durable Object script name.
    pub script_name: Option<String>,
    /// Analytics Engine dataset.
    pub dataset: Option<String>,
    /// Vectorize index name.
    pub index_name: Option<String>,
    /// Rate limiter namespace id.
    pub namespace_id: Option<String>,
}
