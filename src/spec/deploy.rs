use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where the Worker is deployed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Deploy {
    /// Whether the Worker is served on its `workers.dev` subdomain. Left to wrangler's default when
    /// absent.
    pub workers_dev: Option<bool>,
    /// Zone routes and custom domains the Worker serves.
    #[serde(default)]
    pub routes: Vec<DeployRoute>,
}

/// One zone route or custom domain.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DeployRoute {
    /// The route pattern, such as `api.example.com/*`, or the host name of a custom domain.
    pub pattern: String,
    /// The zone the pattern belongs to (zone routes only).
    pub zone_name: Option<String>,
    /// Serve the pattern as a custom domain (Cloudflare creates the DNS record and certificate).
    #[serde(default)]
    pub custom_domain: bool,
}
