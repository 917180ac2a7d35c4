//! `create-edge-app`: one declarative service spec in, a complete Cloudflare Worker project out.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! edge-app.toml --load--> Spec --validate--> (diagnostics) --lower--> Model --render--> Plan --apply--> disk
//! ```
//!
//! Only [`apply`] touches the disk, and nothing in the library prints: the binary does.
#![deny(missing_docs)]

pub mod apply;
pub mod diagnostic;
pub mod gallery;
pub mod load;
pub mod lower;
pub mod manifest;
pub mod pattern;
pub mod plan;
pub mod reference;
pub mod render;
pub mod schema;
pub mod spec;
pub mod validate;
pub mod versions;

mod ops;

pub use ops::{
    Error, GenerateOptions, GenerateReport, NewOptions, SpecSource, check, generate, new_project,
};
