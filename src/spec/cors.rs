use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Cross-origin resource sharing: the default policy for every route, and named policies that
/// routes can pick instead (`cors = "NAME"`, or `cors = "none"` for no CORS headers at all).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Cors {
    /// The default policy's settings.
    #[serde(flatten)]
    pub default: CorsPolicy,
    /// Named policies, `[cors.policies.NAME]`.
    #[serde(default)]
    pub policies: BTreeMap<String, CorsPolicy>,
}

/// One CORS policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CorsPolicy {
    /// Origins allowed to read responses: exact origins (`https://app.example.com`), subdomain
    /// patterns (`https://*.example.com`), or `*` for any origin (never with credentials). Empty
    /// means the policy allows no origin.
    #[serde(default)]
    pub allow_origins: Vec<String>,
    /// Methods allowed in preflights; empty means the methods of the route.
    #[serde(default)]
    pub allow_methods: Vec<String>,
    /// Request headers allowed in preflights (case-insensitive).
    #[serde(default)]
    pub allow_headers: Vec<String>,
    /// Response headers scripts may read.
    #[serde(default)]
    pub expose_headers: Vec<String>,
    /// Allow cookies and HTTP authentication (`Access-Control-Allow-Credentials: true`).
    #[serde(default)]
    pub allow_credentials: bool,
    /// Seconds a browser may cache a preflight (0-86400).
    pub max_age: Option<u32>,
}
