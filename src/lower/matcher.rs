//! The body of the TypeScript and JavaScript `matchRoute`: fully static paths by a `switch` on the
//! whole path, then the other patterns as a trie written out as code over the path's segments.
//!
//! At each depth the code tries, in precedence order, the pattern that ends there, each static
//! segment, one `:param` and a `*wildcard`; a branch that matches the path but not the method
//! falls through to the next, which is how the trie backtracks. The path is read in place: each
//! segment's end is found once, a static segment is compared where it lies and only params are
//! sliced out, so the cost grows with the path, not with the route table. `Allow` is not tracked
//! here: the runtime finds it by trying each method when a request finds no route.

use super::model::{Matcher, MatcherHelpers};
use super::routes::{DynamicGroups, PRINT_WIDTH, Parsed, StaticGroups, method_order};
use super::types::string_literal;
use crate::pattern::PathSegment;
use crate::spec::{Method, Route};
use std::collections::BTreeSet;

/// `["GET", "HEAD", "POST"]`: every method some route answers, sorted, for the runtime to try
/// when a request finds no route (`GET` routes answer `HEAD` too; `ANY` routes never miss).
pub(super) fn route_methods(routes: &[Route]) -> String {
    let mut methods = BTreeSet::new();
    for route in routes {
        match route.method {
            Method::Any => {}
            Method::Get => methods.extend(["GET", "HEAD"]),
            method => {
                methods.insert(method.as_str());
            }
        }
    }
    let quoted: Vec<String> = methods.iter().map(|m| format!("\"{m}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// One path pattern and its routes, which differ only in method.
struct Shape<'a> {
    segments: &'a [PathSegment],
    routes: &'a [Parsed<'a>],
}

pub(super) fn matcher(statics: &StaticGroups<'_>, dynamics: &DynamicGroups<'_>) -> Matcher {
    let mut out = Out::default();
    if !statics.is_empty() {
        out.line(2, "switch (path) {");
        for (path, routes) in statics {
            out.line(4, &format!("case {}:", string_literal(path)));
            if arms(&mut out, routes, &[], 6) {
                out.line(6, "break;");
            }
        }
        out.line(2, "}");
    }
    let shapes: Vec<Shape<'_>> = dynamics
        .values()
        .map(|routes| Shape {
            segments: &routes[0].1,
            routes,
        })
        .collect();
    if !shapes.is_empty() {
        let shapes: Vec<&Shape<'_>> = shapes.iter().collect();
        trie(&mut out, &shapes, 0, 2, &mut Vec::new());
    }
    Matcher {
        lines: out.lines,
        uses: out.uses,
    }
}

/// The code written so far, and the helpers it calls.
#[derive(Default)]
struct Out {
    lines: Vec<String>,
    uses: MatcherHelpers,
}

impl Out {
    fn line(&mut self, indent: usize, text: &str) {
        self.lines.push(format!("{}{text}", " ".repeat(indent)));
    }

    /// `if (condition) {`, broken as prettier breaks a condition too long for one line.
    fn open_if(&mut self, indent: usize, condition: &str) {
        self.open_block(indent, "if", condition);
    }

    /// `keyword (condition) {`, such as `} else if (a && b) {`, broken as prettier breaks a
    /// condition too long for one line: one operand of its `||` or `&&` per line.
    fn open_block(&mut self, indent: usize, keyword: &str, condition: &str) {
        let line = format!("{keyword} ({condition}) {{");
        if indent + line.len() <= PRINT_WIDTH {
            return self.line(indent, &line);
        }
        self.line(indent, &format!("{keyword} ("));
        let operator = if condition.contains(" || ") {
            "||"
        } else {
            "&&"
        };
        let operands: Vec<&str> = condition.split(&format!(" {operator} ")).collect();
        for (i, operand) in operands.iter().enumerate() {
            let joint = if i + 1 < operands.len() {
                format!(" {operator}")
            } else {
                String::new()
            };
            let line = format!("{operand}{joint}");
            match operand.strip_suffix(')').and_then(|o| o.split_once('(')) {
                // A call that still does not fit: one argument per line, as prettier puts them.
                Some((callee, arguments)) if indent + 2 + line.len() > PRINT_WIDTH => {
                    self.line(indent + 2, &format!("{callee}("));
                    for argument in arguments.split(", ") {
                        self.line(indent + 4, &format!("{argument},"));
                    }
                    self.line(indent + 2, &format!("){joint}"));
                }
                _ => self.line(indent + 2, &line),
            }
        }
        self.line(indent, ") {");
    }
}

/// The code for `shapes`, which agree on their first `depth` segments' kinds and texts, with
/// `values` the variables holding the params captured so far.
fn trie(
    out: &mut Out,
    shapes: &[&Shape<'_>],
    depth: usize,
    indent: usize,
    values: &mut Vec<String>,
) {
    let mut ended = None;
    let mut statics: Vec<(&str, Vec<&Shape<'_>>)> = Vec::new();
    let mut params = Vec::new();
    let mut wildcard = None;
    for shape in shapes {
        match shape.segments.get(depth) {
            None => ended = Some(*shape),
            Some(PathSegment::Static(text)) => match statics.last_mut() {
                Some((last, group)) if last == text => group.push(shape),
                _ => statics.push((text, vec![shape])),
            },
            Some(PathSegment::Param(_)) => params.push(*shape),
            Some(PathSegment::Wildcard(name)) => wildcard = Some((*shape, name)),
        }
    }
    // Segment `depth` starts after the previous one's end (`e<depth - 1>`) and its slash.
    let start = match depth {
        0 => "1".to_owned(),
        _ => format!("e{} + 1", depth - 1),
    };
    if let Some(shape) = ended {
        out.open_if(indent, &format!("e{} === path.length", depth - 1));
        comment(out, shape, indent + 2);
        arms(out, shape.routes, values, indent + 2);
        out.line(indent, "}");
    }
    if !statics.is_empty() || !params.is_empty() {
        out.uses.end = true;
        out.line(indent, &format!("const e{depth} = end(path, {start});"));
    }
    for (i, (text, group)) in statics.iter().enumerate() {
        out.uses.is = true;
        let condition = format!("is(path, {start}, e{depth}, {})", string_literal(text));
        let keyword = if i == 0 { "if" } else { "} else if" };
        out.open_block(indent, keyword, &condition);
        trie(out, group, depth + 1, indent + 2, values);
    }
    if !statics.is_empty() {
        out.line(indent, "}");
    }
    if !params.is_empty() {
        out.uses.param = true;
        out.uses.decode = true;
        let variable = format!("p{depth}");
        let slice = format!("const {variable} = param(path.slice({start}, e{depth}));");
        out.line(indent, &slice);
        out.open_if(indent, &variable);
        // The patterns may name this param differently; each route's arm uses its own name.
        values.push(variable);
        trie(out, &params, depth + 1, indent + 2, values);
        values.pop();
        out.line(indent, "}");
    }
    if let Some((shape, _)) = wildcard {
        out.uses.decode = true;
        let variable = format!("r{depth}");
        out.line(
            indent,
            &format!("const {variable} = decode(path.slice({start}));"),
        );
        out.open_if(indent, &format!("{variable} !== null"));
        values.push(variable);
        comment(out, shape, indent + 2);
        arms(out, shape.routes, values, indent + 2);
        values.pop();
        out.line(indent, "}");
    }
}

/// `// GET /a/:b, PUT /a/:b`: which routes the arms below answer.
fn comment(out: &mut Out, shape: &Shape<'_>, indent: usize) {
    let routes: Vec<String> = shape
        .routes
        .iter()
        .map(|(r, _)| format!("{} {}", r.method.as_str(), r.path))
        .collect();
    out.line(indent, &format!("// {}", routes.join(", ")));
}

/// The method arms of one pattern's routes; `values` hold its params in order. Returns whether
/// the code can fall through (no `ANY` route).
fn arms(out: &mut Out, routes: &[Parsed<'_>], values: &[String], indent: usize) -> bool {
    let with_names: Vec<(&Route, Vec<String>)> = routes
        .iter()
        .map(|(route, segments)| {
            let names = segments.iter().filter_map(|s| match s {
                PathSegment::Param(name) | PathSegment::Wildcard(name) => Some(name),
                PathSegment::Static(_) => None,
            });
            let params = names
                .zip(values)
                .map(|(name, variable)| format!("{name}: {variable}"))
                .collect();
            (*route, params)
        })
        .collect();
    let (ordered, allow) = method_order(with_names);
    // Without an `ANY` route, the code falls through; `Allow` is found by trying each method.
    for (route, params, methods) in ordered {
        match methods {
            Some(methods) => {
                let tests: Vec<String> = methods
                    .iter()
                    .map(|m| format!(r#"method === "{m}""#))
                    .collect();
                out.open_if(indent, &tests.join(" || "));
                return_statement(out, &route.handler, &params, indent + 2);
                out.line(indent, "}");
            }
            None => return_statement(out, &route.handler, &params, indent),
        }
    }
    allow.is_some()
}

/// `return { handler: "h", params: { a: p1 } };`, broken over lines the way prettier breaks an
/// object literal that does not fit.
fn return_statement(out: &mut Out, handler: &str, params: &[String], indent: usize) {
    let params_inline = if params.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", params.join(", "))
    };
    let one_line = format!("return {{ handler: \"{handler}\", params: {params_inline} }};");
    if indent + one_line.len() <= PRINT_WIDTH {
        return out.line(indent, &one_line);
    }
    out.line(indent, "return {");
    let handler_line = format!("handler: \"{handler}\",");
    if indent + 2 + handler_line.len() <= PRINT_WIDTH {
        out.line(indent + 2, &handler_line);
    } else {
        out.line(indent + 2, "handler:");
        out.line(indent + 4, &format!("\"{handler}\","));
    }
    let params_line = format!("params: {params_inline},");
    if indent + 2 + params_line.len() <= PRINT_WIDTH {
        out.line(indent + 2, &params_line);
    } else {
        out.line(indent + 2, "params: {");
        for param in params {
            out.line(indent + 4, &format!("{param},"));
        }
        out.line(indent + 2, "},");
    }
    out.line(indent, "};");
}
