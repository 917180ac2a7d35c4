//! Spec text to rendered files (load, validate, lower, render; nothing written) for a spec of
//! 10, 100 and 1,000 routes, in TypeScript and Rust.

use create_edge_app::load::{Source, load};
use create_edge_app::lower::{lower, migrations::ObjectHistory};
use create_edge_app::render::render;
use create_edge_app::validate::validate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A spec of `count` routes: CRUD resources of six routes each, with params and nested params.
fn spec(count: usize, language: &str) -> String {
    let mut text = format!("[app]\nname = \"bench\"\nlanguage = \"{language}\"\n");
    let shapes = [
        ("GET", "", "list"),
        ("POST", "", "create"),
        ("GET", "/:id", "get"),
        ("PUT", "/:id", "update"),
        ("DELETE", "/:id", "delete"),
        ("GET", "/:id/history/:version", "history"),
    ];
    for i in 0..count {
        let (method, suffix, verb) = shapes[i % shapes.len()];
        let resource = i / shapes.len();
        text.push_str(&format!(
            "\n[[routes]]\nmethod = \"{method}\"\npath = \"/v1/things{resource}{suffix}\"\nhandler = \"{verb}Thing{resource}\"\n"
        ));
    }
    text
}

/// The whole pipeline up to the files a project would get.
fn generate(text: &str) -> usize {
    let source = Source::new("edge-app.toml", text);
    let spec = load(&source).expect("the benchmark spec loads");
    assert!(validate(&spec).is_empty(), "the benchmark spec is valid");
    let model = lower(&spec, &ObjectHistory::default());
    render(&spec, &model, text).expect("renders").len()
}

fn bench(c: &mut Criterion) {
    for language in ["ts", "rust"] {
        let mut group = c.benchmark_group(format!("generate/{language}"));
        for routes in [10, 100, 1000] {
            let text = spec(routes, language);
            group.throughput(Throughput::Elements(routes as u64));
            group.bench_with_input(BenchmarkId::from_parameter(routes), &text, |b, text| {
                b.iter(|| generate(text))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
