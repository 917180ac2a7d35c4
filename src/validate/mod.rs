//! Checks a loaded [`Spec`] for every problem that types alone cannot catch, and reports them all.

mod auth;
mod cors;
mod cron;
mod input;
mod names;
mod routes;
mod target;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, KeyPath, backticked, did_you_mean};
use crate::spec::{Binding, BindingOverride, Deploy, Schema, Spec};

pub(crate) use auth::effective as route_auth;
pub use names::is_inner_path;

/// Every problem in `spec`, in file order of the sections they belong to. Empty means valid.
pub fn validate(spec: &Spec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    app(spec, &mut out);
    env_names(spec, &mut out);
    bindings(spec, &mut out);
    routes::check(spec, &mut out);
    cors::check(spec, &mut out);
    auth::check(spec, &mut out);
    input::check(spec, &mut out);
    crons(spec, &mut out);
    consumers(spec, &mut out);
    schemas(spec, &mut out);
    deploy(&spec.deploy, &KeyPath::root().key("deploy"), &mut out);
    environments(spec, &mut out);
    wrangler_table(spec, &mut out);
    handler_kinds(spec, &mut out);
    target::check(spec, &mut out);
    out
}

fn root() -> KeyPath {
    KeyPath::root()
}

fn app(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let path = root().key("app");
    if let Some(route) = &spec.app.openapi_route {
        let static_path = matches!(crate::pattern::parse(route), Ok(segments)
            if segments.iter().all(|s| matches!(s, crate::pattern::PathSegment::Static(_))));
        if !static_path {
            out.push(
                Diagnostic::value(
                    path.key("openapi_route"),
                    format!("`{route}` is not a static path"),
                )
                .help("use a path such as `/openapi.json`"),
            );
        } else if spec.routes.iter().any(|r| r.path == *route) {
            out.push(
                Diagnostic::value(
                    path.key("openapi_route"),
                    format!("`{route}` is already a route"),
                )
                .help("pick a path no route uses"),
            );
        }
    }
    if let Some(problem) = names::worker_name_problem(&spec.app.name) {
        out.push(
            Diagnostic::value(
                path.key("name"),
                format!("Worker name `{}` {problem}", spec.app.name),
            )
            .help("use lowercase letters, digits and dashes, such as `links-api`"),
        );
    }
    if !names::is_date(&spec.app.compatibility_date) {
        out.push(
            Diagnostic::value(
                path.key("compatibility_date"),
                format!(
                    "`{}` is not a real date in the form YYYY-MM-DD",
                    spec.app.compatibility_date
                ),
            )
            .help(format!(
                "use a date such as `{}`, or leave it out for that default",
                crate::versions::DEFAULT_COMPATIBILITY_DATE
            )),
        );
    }
    for (i, flag) in spec.app.compatibility_flags.iter().enumerate() {
        if flag.is_empty()
            || !flag
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            out.push(
                Diagnostic::value(
                    path.key("compatibility_flags").index(i),
                    format!("`{flag}` is not a compatibility flag"),
                )
                .help("flags are lowercase words joined by `_`, such as `nodejs_compat`"),
            );
        }
    }
}

/// Vars, secrets and bindings share one namespace: `env`.
fn env_names(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    let mut entries: Vec<(&str, KeyPath, &str)> = Vec::new();
    for name in spec.vars.keys() {
        entries.push((name, root().key("vars").key(name), "var"));
    }
    for (i, name) in spec.secrets.required.iter().enumerate() {
        entries.push((
            name,
            root().key("secrets").key("required").index(i),
            "secret",
        ));
    }
    for name in spec.bindings.keys() {
        entries.push((name, root().key("bindings").key(name), "binding"));
    }
    for (name, path, what) in entries {
        if !names::is_env_name(name) {
            out.push(
                Diagnostic::key(
                    path.clone(),
                    format!("{what} name `{name}` is not a valid identifier"),
                )
                .help(
                    "use letters, digits and `_`, not starting with a digit, such as `MY_BINDING`",
                ),
            );
        }
        if let Some(first) = seen.get(name) {
            out.push(
                Diagnostic::key(path, format!("`{name}` is already defined as {first}"))
                    .help("vars, secrets and bindings share `env`: give each a distinct name"),
            );
        } else {
            seen.insert(name, format!("a {what}"));
        }
    }
}

fn bindings(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut singletons: BTreeMap<&str, &str> = BTreeMap::new();
    let mut classes: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, binding) in &spec.bindings {
        let path = root().key("bindings").key(name);
        if matches!(binding, Binding::Ai {} | Binding::Assets { .. }) {
            if let Some(first) = singletons.insert(binding.kind(), name) {
                out.push(
                    Diagnostic::value(
                        path.key("type"),
                        format!(
                            "a Worker can have only one `{}` binding; `{first}` is one already",
                            binding.kind()
                        ),
                    )
                    .help(format!(
                        "remove `[bindings.{name}]` or `[bindings.{first}]`"
                    )),
                );
            }
        }
        match binding {
            Binding::D1 {
                database_name,
                migrations_dir,
                ..
            } => {
                resource(database_name, &path.key("database_name"), "database", out);
                inner_path(migrations_dir, &path.key("migrations_dir"), out);
            }
            Binding::R2 { bucket_name } => {
                if !(3..=63).contains(&bucket_name.len())
                    || !names::is_resource_name(bucket_name)
                    || bucket_name.contains('_')
                {
                    out.push(
                        Diagnostic::value(
                            path.key("bucket_name"),
                            format!("`{bucket_name}` is not a valid R2 bucket name"),
                        )
                        .help("use 3 to 63 lowercase letters, digits and dashes"),
                    );
                }
            }
            Binding::DurableObject {
                class_name,
                script_name,
                ..
            } => {
                type_name(class_name, &path.key("class_name"), "class", out);
                if script_name.is_none() {
                    if let Some(first) = classes.insert(class_name, name) {
                        out.push(
                            Diagnostic::value(
                                path.key("class_name"),
                                format!("class `{class_name}` is already bound as `{first}`"),
                            )
                            .help("bind each Durable Object class once"),
                        );
                    }
                }
                if let Some(script) = script_name {
                    worker(script, &path.key("script_name"), out);
                }
            }
            Binding::Queue { queue, message, .. } => {
                resource(queue, &path.key("queue"), "queue", out);
                if let Some(message) = message {
                    schema_ref(spec, message, &path.key("message"), out);
                }
            }
            Binding::Service {
                service,
                entrypoint,
            } => {
                worker(service, &path.key("service"), out);
                if let Some(entrypoint) = entrypoint {
                    if !names::is_env_name(entrypoint) {
                        out.push(
                            Diagnostic::value(
                                path.key("entrypoint"),
                                format!("`{entrypoint}` is not a valid entrypoint name"),
                            )
                            .help(
                                "name the exported class of the other Worker, such as `AdminApi`",
                            ),
                        );
                    }
                }
            }
            Binding::RateLimit {
                limit,
                period,
                namespace_id,
            } => {
                if *limit == 0 {
                    out.push(
                        Diagnostic::value(path.key("limit"), "`limit` must be at least 1")
                            .help("allow at least one request per period"),
                    );
                }
                if *period != 10 && *period != 60 {
                    out.push(
                        Diagnostic::value(
                            path.key("period"),
                            format!("period `{period}` is not one Cloudflare accepts"),
                        )
                        .help("use `10` (ten seconds) or `60` (one minute)"),
                    );
                }
                namespace(namespace_id, &path.key("namespace_id"), out);
            }
            Binding::AnalyticsEngine {
                dataset: Some(dataset),
            } => resource(dataset, &path.key("dataset"), "dataset", out),
            Binding::Hyperdrive { id, .. } => {
                if id.is_empty() {
                    out.push(
                        Diagnostic::value(path.key("id"), "Hyperdrive `id` is empty")
                            .help("paste the id that `wrangler hyperdrive create` printed"),
                    );
                }
            }
            Binding::Vectorize { index_name } => {
                resource(index_name, &path.key("index_name"), "index", out)
            }
            Binding::Assets {
                directory,
                not_found_handling,
            } => {
                inner_path(directory, &path.key("directory"), out);
                if let Some(handling) = not_found_handling {
                    const OPTIONS: [&str; 3] = ["none", "404-page", "single-page-application"];
                    if !OPTIONS.contains(&handling.as_str()) {
                        out.push(
                            Diagnostic::value(
                                path.key("not_found_handling"),
                                format!("`{handling}` is not a not-found mode"),
                            )
                            .help("use `none`, `404-page` or `single-page-application`"),
                        );
                    }
                }
            }
            Binding::Kv { .. } | Binding::Ai {} | Binding::AnalyticsEngine { dataset: None } => {}
        }
    }
}

fn resource(name: &str, path: &KeyPath, what: &str, out: &mut Vec<Diagnostic>) {
    if !names::is_resource_name(name) {
        out.push(
            Diagnostic::value(path.clone(), format!("`{name}` is not a valid {what} name"))
                .help("use 1 to 63 lowercase letters, digits, dashes and underscores"),
        );
    }
}

fn worker(name: &str, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    if let Some(problem) = names::worker_name_problem(name) {
        out.push(
            Diagnostic::value(path.clone(), format!("Worker name `{name}` {problem}"))
                .help("name another Worker exactly as its wrangler config does"),
        );
    }
}

fn namespace(id: &str, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) || id.starts_with('0') {
        out.push(
            Diagnostic::value(
                path.clone(),
                format!("namespace id `{id}` is not a positive integer"),
            )
            .help("pick a number such as `\"1001\"`, unique to this limiter in your account"),
        );
    }
}

fn inner_path(dir: &str, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    if !names::is_inner_path(dir) {
        out.push(
            Diagnostic::value(
                path.clone(),
                format!("`{dir}` is not a folder inside the project"),
            )
            .help("use a relative path without `..`, such as `migrations`"),
        );
    }
}

fn type_name(name: &str, path: &KeyPath, what: &str, out: &mut Vec<Diagnostic>) {
    if !names::is_pascal_identifier(name) {
        out.push(
            Diagnostic::value(
                path.clone(),
                format!("{what} name `{name}` is not a PascalCase identifier"),
            )
            .help("use letters and digits starting with an uppercase letter, such as `ChatRoom`"),
        );
    } else if names::is_reserved(name) {
        out.push(
            Diagnostic::value(path.clone(), format!("{what} name `{name}` is reserved")).help(
                "pick another name; this one clashes with the language or the generated code",
            ),
        );
    }
}

/// Handler names become files and identifiers, so they must be plain camelCase.
pub(crate) fn handler_name(name: &str, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    if !names::is_camel_identifier(name) {
        out.push(
            Diagnostic::value(
                path.clone(),
                format!("handler name `{name}` is not a camelCase identifier"),
            )
            .help("use letters and digits starting with a lowercase letter, such as `getLink`"),
        );
    } else if names::is_reserved(name) {
        out.push(
            Diagnostic::value(path.clone(), format!("handler name `{name}` is reserved"))
                .help(format!("pick another name, such as `{name}Handler`")),
        );
    }
}

fn schema_ref(spec: &Spec, name: &str, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    if !spec.schemas.contains_key(name) {
        let diagnostic = Diagnostic::value(path.clone(), format!("no schema named `{name}`"));
        out.push(
            match did_you_mean(name, spec.schemas.keys().map(String::as_str)) {
                Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                None => diagnostic.help(format!("define it in `[schemas.{name}]`")),
            },
        );
    }
}

fn crons(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for (i, cron) in spec.crons.iter().enumerate() {
        let path = root().key("crons").index(i);
        if let Err(problem) = cron::check(&cron.schedule) {
            out.push(
                Diagnostic::value(path.key("schedule"), problem)
                    .help("write five fields, such as `*/15 * * * *` (every 15 minutes, UTC)"),
            );
        }
        if !seen.insert(
            cron.schedule
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ) {
            out.push(
                Diagnostic::value(
                    path.key("schedule"),
                    format!("schedule `{}` is listed twice", cron.schedule),
                )
                .help("one schedule runs one handler: remove the duplicate"),
            );
        }
        handler_name(&cron.handler, &path.key("handler"), out);
    }
}

fn consumers(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut queues = BTreeSet::new();
    for (i, consumer) in spec.consumers.iter().enumerate() {
        let path = root().key("consumers").index(i);
        resource(&consumer.queue, &path.key("queue"), "queue", out);
        if !queues.insert(consumer.queue.as_str()) {
            out.push(
                Diagnostic::value(
                    path.key("queue"),
                    format!("queue `{}` already has a consumer", consumer.queue),
                )
                .help("a Worker consumes each queue once"),
            );
        }
        handler_name(&consumer.handler, &path.key("handler"), out);
        if let Some(message) = &consumer.message {
            schema_ref(spec, message, &path.key("message"), out);
        }
        if let Some(dlq) = &consumer.dead_letter_queue {
            resource(dlq, &path.key("dead_letter_queue"), "queue", out);
            if *dlq == consumer.queue {
                out.push(
                    Diagnostic::value(
                        path.key("dead_letter_queue"),
                        "a queue cannot be its own dead-letter queue",
                    )
                    .help("name another queue, such as `{queue}-dlq`"),
                );
            }
        }
        let limits: [(&str, Option<u32>, u32, u32); 5] = [
            ("max_batch_size", consumer.max_batch_size, 1, 100),
            ("max_batch_timeout", consumer.max_batch_timeout, 0, 60),
            ("max_retries", consumer.max_retries, 0, 100),
            ("max_concurrency", consumer.max_concurrency, 1, 250),
            ("retry_delay", consumer.retry_delay, 0, 43_200),
        ];
        for (key, value, min, max) in limits {
            if let Some(value) = value.filter(|v| !(min..=max).contains(v)) {
                out.push(
                    Diagnostic::value(
                        path.key(key),
                        format!("`{key}` = {value} is outside what Cloudflare accepts"),
                    )
                    .help(format!("use a value from {min} to {max}")),
                );
            }
        }
    }
}

fn schemas(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for (name, schema) in &spec.schemas {
        let path = root().key("schemas").key(name);
        if !names::is_pascal_identifier(name) || names::is_reserved(name) {
            out.push(
                Diagnostic::key(
                    path.clone(),
                    format!("schema name `{name}` is not a usable type name"),
                )
                .help("use a PascalCase name that is not reserved, such as `NewLink`"),
            );
        }
        schema_body(spec, schema, &path, out);
    }
}

fn schema_body(spec: &Spec, schema: &Schema, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    match schema {
        Schema::Object {
            properties,
            required,
            ..
        } => {
            for (i, name) in required.iter().enumerate() {
                if !properties.contains_key(name) {
                    out.push(
                        Diagnostic::value(
                            path.key("required").index(i),
                            format!("required property `{name}` is not in `properties`"),
                        )
                        .help(format!(
                            "add `properties.{name}` or remove it from `required`"
                        )),
                    );
                }
            }
            for (name, property) in properties {
                let property_path = path.key("properties").key(name);
                if !names::is_env_name(name) {
                    out.push(
                        Diagnostic::key(
                            property_path.clone(),
                            format!("property name `{name}` is not an identifier"),
                        )
                        .help("use letters, digits and `_`, not starting with a digit"),
                    );
                }
                schema_body(spec, property, &property_path, out);
            }
        }
        Schema::Array { items, .. } => schema_body(spec, items, &path.key("items"), out),
        Schema::Ref { name, .. } => schema_ref(spec, name, &path.key("name"), out),
        Schema::String { .. }
        | Schema::Integer { .. }
        | Schema::Number { .. }
        | Schema::Boolean { .. } => {}
    }
}

fn deploy(deploy: &Deploy, path: &KeyPath, out: &mut Vec<Diagnostic>) {
    for (i, route) in deploy.routes.iter().enumerate() {
        let path = path.key("routes").index(i);
        if route.pattern.is_empty()
            || route.pattern.contains("://")
            || route.pattern.contains(char::is_whitespace)
        {
            out.push(
                Diagnostic::value(
                    path.key("pattern"),
                    format!("`{}` is not a route pattern", route.pattern),
                )
                .help("write a host and path without a scheme, such as `api.example.com/*`"),
            );
        }
        if route.custom_domain && (route.pattern.contains('*') || route.pattern.contains('/')) {
            out.push(
                Diagnostic::value(
                    path.key("pattern"),
                    format!(
                        "custom domain `{}` cannot have a path or wildcard",
                        route.pattern
                    ),
                )
                .help("a custom domain is a bare host name, such as `api.example.com`"),
            );
        }
    }
}

fn environments(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for (name, environment) in &spec.env {
        let path = root().key("env").key(name);
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            out.push(
                Diagnostic::key(
                    path.clone(),
                    format!("environment name `{name}` is not valid"),
                )
                .help("use lowercase letters, digits, `-` and `_`, such as `staging`"),
            );
        }
        for var in environment.vars.keys() {
            if !names::is_env_name(var) {
                out.push(
                    Diagnostic::key(
                        path.key("vars").key(var),
                        format!("var name `{var}` is not a valid identifier"),
                    )
                    .help("use letters, digits and `_`"),
                );
            } else if spec.secrets.required.contains(var) || spec.bindings.contains_key(var) {
                out.push(
                    Diagnostic::key(
                        path.key("vars").key(var),
                        format!("`{var}` is a secret or binding, not a var"),
                    )
                    .help("environment vars may only replace or add vars"),
                );
            }
        }
        for (binding_name, overrides) in &environment.bindings {
            let binding_path = path.key("bindings").key(binding_name);
            match spec.bindings.get(binding_name) {
                None => {
                    let diagnostic = Diagnostic::key(
                        binding_path,
                        format!("no binding named `{binding_name}` to override"),
                    );
                    out.push(match did_you_mean(binding_name, spec.bindings.keys().map(String::as_str)) {
                        Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                        None => diagnostic.help("declare it in `[bindings]` first; environments override, they do not add"),
                    });
                }
                Some(binding) => binding_override(binding, overrides, &binding_path, out),
            }
        }
        if let Some(environment_deploy) = &environment.deploy {
            deploy(environment_deploy, &path.key("deploy"), out);
        }
    }
}

/// The override fields that apply to each binding kind.
fn override_fields(binding: &Binding) -> &'static [&'static str] {
    match binding {
        Binding::Kv { .. } | Binding::Hyperdrive { .. } => &["id"],
        Binding::D1 { .. } => &["database_name", "database_id"],
        Binding::R2 { .. } => &["bucket_name"],
        Binding::DurableObject { .. } => &["script_name"],
        Binding::Queue { .. } => &["queue"],
        Binding::Service { .. } => &["service"],
        Binding::RateLimit { .. } => &["namespace_id"],
        Binding::AnalyticsEngine { .. } => &["dataset"],
        Binding::Vectorize { .. } => &["index_name"],
        Binding::Ai {} | Binding::Assets { .. } => &[],
    }
}

fn binding_override(
    binding: &Binding,
    overrides: &BindingOverride,
    path: &KeyPath,
    out: &mut Vec<Diagnostic>,
) {
    let allowed = override_fields(binding);
    let set = [
        ("id", overrides.id.is_some()),
        ("database_name", overrides.database_name.is_some()),
        ("database_id", overrides.database_id.is_some()),
        ("bucket_name", overrides.bucket_name.is_some()),
        ("queue", overrides.queue.is_some()),
        ("service", overrides.service.is_some()),
        ("script_name", overrides.script_name.is_some()),
        ("dataset", overrides.dataset.is_some()),
        ("index_name", overrides.index_name.is_some()),
        ("namespace_id", overrides.namespace_id.is_some()),
    ];
    for (field, present) in set {
        if present && !allowed.contains(&field) {
            let listed = if allowed.is_empty() {
                "nothing can be overridden for it".to_owned()
            } else {
                format!("it takes {}", backticked(allowed.iter().copied()))
            };
            out.push(
                Diagnostic::key(
                    path.key(field),
                    format!("`{field}` does not apply to a `{}` binding", binding.kind()),
                )
                .help(listed),
            );
        }
    }
    if let Some(id) = &overrides.namespace_id {
        namespace(id, &path.key("namespace_id"), out);
    }
}

/// The top-level keys the generator writes; the `[wrangler]` escape hatch may not set them.
const GENERATED_WRANGLER_KEYS: &[&str] = &[
    "$schema",
    "name",
    "main",
    "compatibility_date",
    "compatibility_flags",
    "vars",
    "secrets",
    "kv_namespaces",
    "d1_databases",
    "r2_buckets",
    "durable_objects",
    "migrations",
    "queues",
    "services",
    "ai",
    "ratelimits",
    "analytics_engine_datasets",
    "hyperdrive",
    "vectorize",
    "assets",
    "triggers",
    "env",
    "routes",
    "route",
    "workers_dev",
];

fn wrangler_table(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for key in spec.wrangler.keys() {
        if GENERATED_WRANGLER_KEYS.contains(&key.as_str()) {
            out.push(
                Diagnostic::key(
                    root().key("wrangler").key(key),
                    format!("`wrangler.{key}` collides with a key the generator writes"),
                )
                .help("set it through the spec instead (see the reference in the README)"),
            );
        }
    }
}

/// A name may serve one kind of handler: a route, cron or consumer handler each get their own file.
fn handler_kinds(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for route in &spec.routes {
        owners.entry(route.handler.as_str()).or_insert("a route");
    }
    let triggers = spec
        .crons
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.handler.as_str(),
                root().key("crons").index(i).key("handler"),
                "a cron",
            )
        })
        .chain(spec.consumers.iter().enumerate().map(|(i, c)| {
            (
                c.handler.as_str(),
                root().key("consumers").index(i).key("handler"),
                "a consumer",
            )
        }));
    for (name, path, kind) in triggers {
        match owners.get(name) {
            Some(owner) if *owner != kind => out.push(
                Diagnostic::value(path, format!("handler `{name}` is already used by {owner}"))
                    .help("routes, crons and consumers take different arguments: give this one its own name"),
            ),
            Some(_) => {}
            None => {
                owners.insert(name, kind);
            }
        }
    }
}
