//! The import lines of the generated modules: only what each one uses, so `noUnusedLocals` holds,
//! laid out as prettier prints them. TypeScript imports types with `import type`; JavaScript with a
//! JSDoc `@import`.

use super::types::import_statement;
use crate::spec::Spec;

pub(super) struct Imports {
    /// `Env` and the message types, from `./types`, for the TS `app`.
    pub types: String,
    /// The same plus the body and query types, for `handlers`.
    pub handler_types: String,
    /// The handler types `app` uses (and, in JavaScript, its types too).
    pub app: String,
    /// The dispatchers and handler types the trigger test uses.
    pub triggers: String,
    /// What `app` imports from `./auth`.
    pub auth: String,
}

/// `names` from `from`, as a type-only import in the project's language.
fn type_import(names: &[String], from: &str, ts: bool) -> String {
    if ts {
        import_statement(names, from, true)
    } else {
        format!("/** @import {{ {} }} from \"{from}\" */", names.join(", "))
    }
}

pub(super) fn imports(
    spec: &Spec,
    ts: bool,
    message_types: &[String],
    schemes: bool,
    guards: bool,
) -> Imports {
    let mut type_names: Vec<String> = message_types
        .iter()
        .filter(|m| *m != "unknown")
        .cloned()
        .collect();
    type_names.push("Env".to_owned());
    type_names.sort();
    type_names.dedup();

    let mut handler_types: Vec<String> = ["ConsumerHandlers", "CronHandlers", "Handlers"]
        .map(str::to_owned)
        .to_vec();
    if !spec.routes.is_empty() {
        handler_types.push("RouteHandler".to_owned());
        handler_types.push("RouteMatch".to_owned());
    }
    if guards {
        handler_types.push("Principal".to_owned());
    }
    handler_types.sort();
    let app = if ts {
        type_import(&handler_types, "./handlers", true)
    } else {
        format!(
            "{}\n{}",
            type_import(&handler_types, "./handlers", false),
            type_import(&type_names, "./types", false)
        )
    };

    let mut dispatchers = Vec::new();
    let mut trigger_types = Vec::new();
    if !spec.consumers.is_empty() {
        dispatchers.push("handleQueue".to_owned());
        trigger_types.push("ConsumerHandlers".to_owned());
    }
    if !spec.crons.is_empty() {
        dispatchers.push("handleScheduled".to_owned());
        trigger_types.push("CronHandlers".to_owned());
    }
    let triggers = format!(
        "{}\n{}",
        import_statement(&dispatchers, "../../src/generated/app", false),
        type_import(&trigger_types, "../../src/generated/handlers", ts)
    );

    let mut auth_types = vec!["Guard".to_owned()];
    if schemes {
        auth_types.insert(0, "AuthScheme".to_owned());
    }
    let auth = if ts {
        let names: Vec<String> = auth_types
            .iter()
            .map(|t| format!("type {t}"))
            .chain(["guard".to_owned()])
            .collect();
        import_statement(&names, "./auth", false)
    } else {
        let types = type_import(&auth_types, "./auth", false);
        format!("import {{ guard }} from \"./auth\";\n{types}")
    };
    let mut with_inputs = type_names.clone();
    with_inputs.extend(
        spec.routes
            .iter()
            .flat_map(|r| r.body.iter().chain(r.query.iter()))
            .cloned(),
    );
    with_inputs.sort();
    with_inputs.dedup();
    Imports {
        types: import_statement(&type_names, "./types", true),
        handler_types: import_statement(&with_inputs, "./types", true),
        app,
        triggers,
        auth,
    }
}
