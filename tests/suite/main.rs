//! The integration tests, one binary: the CLI, diagnostics, the schema, and the end-to-end run of
//! every gallery spec inside workerd.

mod bench;
mod cli;
mod common;
mod diagnostics;
mod e2e;
mod e2e_rust;
mod regenerate;
mod schema;
