use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A binding to a Cloudflare resource, chosen by `type`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Binding {
    /// A Workers KV namespace (`KVNamespace`).
    Kv {
        /// The namespace id; absent lets wrangler provision one on first deploy.
        id: Option<String>,
        /// The namespace used by `wrangler dev --remote`.
        preview_id: Option<String>,
    },
    /// A D1 database (`D1Database`).
    D1 {
        /// The database's name.
        database_name: String,
        /// The database's id; absent lets wrangler provision one on first deploy.
        database_id: Option<String>,
        /// The folder of SQL migrations, relative to the project.
        #[serde(default = "default_migrations_dir")]
        #[schemars(default = "default_migrations_dir")]
        migrations_dir: String,
    },
    /// An R2 bucket (`R2Bucket`).
    R2 {
        /// The bucket's name.
        bucket_name: String,
    },
    /// A Durable Object namespace (`DurableObjectNamespace<Class>`). The class is generated as a
    /// stub in `src/objects/` and exported from the entry, unless `script_name` says it lives in
    /// another Worker.
    DurableObject {
        /// The class name, in PascalCase.
        class_name: String,
        /// The Worker that defines the class, when it is not this one.
        script_name: Option<String>,
        /// The storage backend of a new class.
        #[serde(default)]
        storage: DurableObjectStorage,
    },
    /// A queue producer (`Queue<Message>`).
    Queue {
        /// The queue's name.
        queue: String,
        /// The schema of the message body, from `[schemas]`; absent means `unknown`.
        message: Option<String>,
        /// Seconds to delay every message sent.
        delivery_delay: Option<u32>,
    },
    /// A service binding to another Worker (`Fetcher`).
    Service {
        /// The other Worker's name.
        service: String,
        /// A named entrypoint of that Worker.
        entrypoint: Option<String>,
    },
    /// Workers AI (`Ai`). At most one per Worker.
    Ai {},
    /// A rate limiter (`RateLimit`).
    RateLimit {
        /// Requests allowed per period for one key.
        limit: u32,
        /// The period in seconds: 10 or 60.
        period: u32,
        /// The account-wide namespace id, a positive integer as a string. Workers that share an id
        /// share counters.
        namespace_id: String,
    },
    /// An Analytics Engine dataset (`AnalyticsEngineDataset`).
    AnalyticsEngine {
        /// The dataset's name; defaults to the binding's name.
        dataset: Option<String>,
    },
    /// A Hyperdrive configuration (`Hyperdrive`).
    Hyperdrive {
        /// The Hyperdrive configuration's id.
        id: String,
        /// The connection string `wrangler dev` and the tests use instead.
        local_connection_string: Option<String>,
    },
    /// A Vectorize index (`VectorizeIndex`).
    Vectorize {
        /// The index's name.
        index_name: String,
    },
    /// Static assets served from a folder (`Fetcher`). At most one per Worker.
    Assets {
        /// The folder of static files, relative to the project.
        #[serde(default = "default_assets_dir")]
        #[schemars(default = "default_assets_dir")]
        directory: String,
        /// What to serve when no file matches: `none`, `404-page` or `single-page-application`.
        not_found_handling: Option<String>,
    },
}

/// The storage backend of a new Durable Object class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DurableObjectStorage {
    /// SQLite-backed storage (the default, and what Cloudflare recommends).
    #[default]
    Sqlite,
    /// The older key-value storage.
    Kv,
}

fn default_migrations_dir() -> String {
    "migrations".to_owned()
}

fn default_assets_dir() -> String {
    "public".to_owned()
}

impl Binding {
    /// The `type` tag as written in the spec.
    pub fn kind(&self) -> &'static str {
        match self {
            Binding::Kv { .. } => "kv",
            Binding::D1 { .. } => "d1",
            Binding::R2 { .. } => "r2",
            Binding::DurableObject { .. } => "durable_object",
            Binding::Queue { .. } => "queue",
            Binding::Service { .. } => "service",
            Binding::Ai {} => "ai",
            Binding::RateLimit { .. } => "rate_limit",
            Binding::AnalyticsEngine { .. } => "analytics_engine",
            Binding::Hyperdrive { .. } => "hyperdrive",
            Binding::Vectorize { .. } => "vectorize",
            Binding::Assets { .. } => "assets",
        }
    }
}
