use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A data shape, a small subset of JSON Schema chosen by `type`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Schema {
    /// A JSON object.
    Object {
        /// The object's properties.
        #[serde(default)]
        properties: BTreeMap<String, Schema>,
        /// Properties that must be present.
        #[serde(default)]
        required: Vec<String>,
        /// Allow properties not listed in `properties` (default: no).
        #[serde(default)]
        additional_properties: bool,
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
    /// A string.
    String {
        /// The fewest characters allowed.
        min_length: Option<u32>,
        /// The most characters allowed.
        max_length: Option<u32>,
        /// A regular expression the whole string must match.
        pattern: Option<String>,
        /// A well-known format.
        format: Option<StringFormat>,
        /// The only values allowed.
        #[serde(rename = "enum")]
        enum_values: Option<Vec<String>>,
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
    /// A whole number.
    Integer {
        /// The smallest value allowed.
        minimum: Option<i64>,
        /// The largest value allowed.
        maximum: Option<i64>,
        /// Values must be greater than this.
        exclusive_minimum: Option<i64>,
        /// Values must be less than this.
        exclusive_maximum: Option<i64>,
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
    /// Any number.
    Number {
        /// The smallest value allowed.
        minimum: Option<f64>,
        /// The largest value allowed.
        maximum: Option<f64>,
        /// Values must be greater than this.
        exclusive_minimum: Option<f64>,
        /// Values must be less than this.
        exclusive_maximum: Option<f64>,
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
    /// `true` or `false`.
    Boolean {
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
    /// A JSON array.
    Array {
        /// The shape of every item.
        items: Box<Schema>,
        /// The fewest items allowed.
        min_items: Option<u32>,
        /// The most items allowed.
        max_items: Option<u32>,
        /// Items must be distinct.
        #[serde(default)]
        unique_items: bool,
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
    /// Another named schema from `[schemas]`.
    Ref {
        /// The schema's name.
        name: String,
        /// The value may also be `null`.
        #[serde(default)]
        nullable: bool,
        /// What the value means.
        description: Option<String>,
    },
}

/// A well-known string format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StringFormat {
    /// An absolute URI.
    Uri,
    /// An e-mail address.
    Email,
    /// A UUID.
    Uuid,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An RFC 3339 date and time.
    DateTime,
}
