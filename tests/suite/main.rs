//! The integration tests, one binary: the CLI, diagnostics, the schema, and the end-to-end run of
//! every gallery spec inside workerd.

mod cli;
mod common;
mod diagnostics;
mod e2e;
mod regenerate;
mod schema;
