use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An authentication scheme, `[auth.NAME]`, chosen by `type`. Routes name the schemes they accept.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`, checked in constant time against the tokens in a secret.
    Bearer {
        /// The secret holding the accepted tokens, separated by commas or newlines.
        secret: String,
    },
    /// An API key from a header (or, opt-in, a query parameter), checked against a secret or
    /// looked up in a KV namespace that maps each key to the principal's name.
    ApiKey {
        /// The header that carries the key.
        #[serde(default = "default_key_header")]
        #[schemars(default = "default_key_header")]
        header: String,
        /// A query parameter that may carry the key instead (keys in URLs end up in logs: opt in
        /// only when clients cannot send headers).
        query: Option<String>,
        /// The secret holding the accepted keys, separated by commas or newlines.
        secret: Option<String>,
        /// A KV binding whose keys are API keys and whose values are principal names.
        kv: Option<String>,
    },
    /// HTTP Basic authentication against the users in a secret.
    Basic {
        /// The secret holding `user:password` lines.
        secret: String,
        /// The realm named in the `WWW-Authenticate` challenge; defaults to the Worker's name.
        realm: Option<String>,
    },
    /// A JSON Web Token in `Authorization: Bearer`: signed with a shared secret (HS256/384/512) or
    /// with a key from a JWKS (RS256, ES256), never both, so HS/RS confusion cannot arise.
    Jwt {
        /// The secret holding the HMAC signing key (HS algorithms).
        secret: Option<String>,
        /// The `https` URL of the signer's JSON Web Key Set (RS256, ES256): keys are cached for ten
        /// minutes and picked by `kid`; an unknown `kid` refetches the set at most once a minute.
        jwks_url: Option<String>,
        /// The algorithms accepted; anything else (`none` included) is rejected.
        #[serde(default = "default_algorithms")]
        #[schemars(default = "default_algorithms")]
        algorithms: Vec<JwtAlgorithm>,
        /// The required `iss` claim.
        issuer: Option<String>,
        /// The required `aud` claim (one of the token's audiences).
        audience: Option<String>,
        /// Seconds of clock skew allowed when checking `exp`, `nbf` and `iat` (0-300).
        #[serde(default = "default_leeway")]
        #[schemars(default = "default_leeway")]
        leeway: u32,
        /// The claim that lists the principal's scopes (a space-separated string or an array),
        /// checked against a route's `scopes`.
        #[serde(default = "default_scopes_claim")]
        #[schemars(default = "default_scopes_claim")]
        scopes_claim: String,
    },
    /// Cloudflare Access: the `Cf-Access-Jwt-Assertion` header, verified against the team's
    /// signing keys (`https://TEAM_DOMAIN/cdn-cgi/access/certs`) and the application's audience.
    CloudflareAccess {
        /// The team domain, such as `myteam.cloudflareaccess.com`.
        team_domain: String,
        /// The application audience (AUD) tag.
        audience: String,
    },
}

/// A JWT signature algorithm.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
pub enum JwtAlgorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256, key from the JWKS.
    RS256,
    /// ECDSA on P-256 with SHA-256, key from the JWKS.
    ES256,
}

impl JwtAlgorithm {
    /// Whether the algorithm uses a shared secret (HMAC) rather than a public key.
    pub fn is_hmac(self) -> bool {
        matches!(
            self,
            JwtAlgorithm::HS256 | JwtAlgorithm::HS384 | JwtAlgorithm::HS512
        )
    }
}

impl AuthScheme {
    /// The `type` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            AuthScheme::Bearer { .. } => "bearer",
            AuthScheme::ApiKey { .. } => "api_key",
            AuthScheme::Basic { .. } => "basic",
            AuthScheme::Jwt { .. } => "jwt",
            AuthScheme::CloudflareAccess { .. } => "cloudflare_access",
        }
    }
}

fn default_key_header() -> String {
    "X-API-Key".to_owned()
}

fn default_algorithms() -> Vec<JwtAlgorithm> {
    vec![JwtAlgorithm::HS256]
}

fn default_leeway() -> u32 {
    30
}

fn default_scopes_claim() -> String {
    "scope".to_owned()
}

/// The schemes a route accepts: one name, a list meaning "any of", or `none`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AuthChoice {
    /// One scheme's name, or `none` for a public route.
    One(String),
    /// Several schemes: any of them will do.
    Any(Vec<String>),
}

impl AuthChoice {
    /// The scheme names, without `none`.
    pub fn names(&self) -> Vec<&str> {
        match self {
            AuthChoice::One(name) if name == "none" => Vec::new(),
            AuthChoice::One(name) => vec![name.as_str()],
            AuthChoice::Any(names) => names.iter().map(String::as_str).collect(),
        }
    }
}
