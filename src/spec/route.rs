use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One HTTP route.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Route {
    /// The HTTP method. `GET` routes also answer `HEAD` (without a body); `ANY` answers every method.
    #[serde(default)]
    pub method: Method,
    /// The path pattern: static segments, `:name` parameters and an optional trailing `*name`
    /// wildcard, such as `/links/:code` or `/files/*path`.
    pub path: String,
    /// The handler's name, a camelCase identifier such as `getLink`. It names the handler's file
    /// (`src/handlers/getLink.ts`) and its entry in the generated `Handlers` interface.
    pub handler: String,
    /// The CORS policy: a name from `[cors.policies]`, `default` (the default when `[cors]` is
    /// present), or `none` for no CORS headers.
    pub cors: Option<String>,
    /// The schemes that may authenticate a request: a name from `[auth]`, a list (any of them),
    /// or `none`. Defaults to `app.default_auth`.
    pub auth: Option<super::AuthChoice>,
    /// Scopes the principal must hold (JWT schemes: from the scheme's `scopes_claim`); a request
    /// that authenticates without them gets 403.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// A `rate_limit` binding that limits this route.
    pub rate_limit: Option<String>,
    /// The schema, from `[schemas]`, of the JSON request body. The body must be
    /// `application/json` (else 415), at most `max_body_bytes` (else 413), and valid (else 400
    /// listing each failing field by JSON pointer); the handler gets it typed as `c.body`.
    pub body: Option<String>,
    /// The schema, from `[schemas]`, of the query parameters: an object of strings, numbers,
    /// integers and booleans, converted and checked (400 otherwise), typed as `c.query`. Unknown
    /// parameters are ignored.
    pub query: Option<String>,
    /// The largest request body accepted, in bytes (default 1 MiB).
    pub max_body_bytes: Option<u64>,
    /// What the rate limit counts by: `ip` (`CF-Connecting-IP`, the default), `principal` (the
    /// authenticated subject), or `header:NAME`.
    pub rate_limit_key: Option<String>,
}

/// An HTTP method.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET` (the default); also answers `HEAD`.
    #[default]
    Get,
    /// `HEAD`.
    Head,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// Every method.
    Any,
}

impl Method {
    /// The method as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Any => "ANY",
        }
    }

    /// Whether a request with method `other` can reach a route with this method.
    pub fn overlaps(self, other: Method) -> bool {
        self == other || self == Method::Any || other == Method::Any
    }
}
