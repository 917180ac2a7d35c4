use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A cron trigger.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Cron {
    /// A five-field cron expression in Cloudflare's syntax (UTC): minute, hour, day of month, month,
    /// day of week; with `*`, ranges `1-5`, steps `*/15`, lists `1,3`, month and day names `JAN`,
    /// `MON`, and `L`/`W`/`#` where Cloudflare accepts them.
    pub schedule: String,
    /// The handler's name (camelCase); several schedules may share one handler.
    pub handler: String,
}

/// A queue consumer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Consumer {
    /// The name of the queue to consume.
    pub queue: String,
    /// The handler's name (camelCase).
    pub handler: String,
    /// The schema of the message body, from `[schemas]`. Defaults to the `message` of the producer
    /// binding for the same queue, if there is one; otherwise the body is `unknown`.
    pub message: Option<String>,
    /// The largest batch delivered at once (1-100).
    pub max_batch_size: Option<u32>,
    /// The longest wait for a batch to fill, in seconds (0-60).
    pub max_batch_timeout: Option<u32>,
    /// How many times a failed message is retried (0-100).
    pub max_retries: Option<u32>,
    /// The queue that receives messages that failed every retry.
    pub dead_letter_queue: Option<String>,
    /// The most consumer invocations running at once (1-250); absent means autoscaling.
    pub max_concurrency: Option<u32>,
    /// Seconds to wait before a retried message is delivered again (0-43200).
    pub retry_delay: Option<u32>,
}
