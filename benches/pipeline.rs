//! Criterion benchmarks of the per-file pipeline, stage by stage, so a
//! change that slows one stage shows where (`cargo bench --features internals --bench pipeline`).
//!
//! Inputs are the repository's own fixtures (a typical 1 KB JSON
//! submission and an 18 KB QRDA III document), plus JSON submissions grown
//! to many measurements to show that each stage stays linear in the file's
//! size. The whole-run benchmark against `cat` and the peer tools is
//! `benches/corpus.sh` (see BENCHMARKS.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use pilint::json::{decode, schema};
use pilint::json_syntax::parse;
use pilint::lint::{LintOptions, lint_source};
use pilint::rules::semantic;
use pilint::score::score_submission;
use pilint::source::SourceFile;
use pilint::xml;

const JSON: &str = include_str!("../fixtures/valid/group-2025.json");
const XML: &str = include_str!("../fixtures/valid/qrda3/group-2025.xml");

/// The JSON fixture with its measurements repeated until the file holds
/// `count` of them (repeated ids are findings, which is work too).
fn json_with_measurements(count: usize) -> String {
    let start = JSON
        .find("\"measurements\": [")
        .expect("fixture has measurements")
        + "\"measurements\": [".len();
    let end = start
        + JSON[start..]
            .find("\n      ]")
            .expect("fixture closes measurements");
    let items: Vec<&str> = JSON[start..end]
        .lines()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| !l.is_empty())
        .collect();
    let grown: Vec<&str> = items.iter().copied().cycle().take(count).collect();
    format!(
        "{}\n        {}{}",
        &JSON[..start],
        grown.join(",\n        "),
        &JSON[end..]
    )
}

fn json_stages(c: &mut Criterion) {
    let source = SourceFile::from_text("group-2025.json", JSON);
    let (parsed, _) = parse::parse(&source);
    let parsed = parsed.expect("fixture parses");
    let submission = decode::decode_with(&parsed, &mut |_, _, _, _| {}).expect("fixture decodes");

    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Bytes(JSON.len() as u64));
    group.bench_function("source_file", |b| {
        b.iter(|| SourceFile::from_text("group-2025.json", black_box(JSON)))
    });
    group.bench_function("parse_and_span_index", |b| {
        b.iter(|| parse::parse(black_box(&source)))
    });
    // The skeleton (the document without its measurement items) against the
    // schema; `front_end` adds the items, parsed, validated and decoded.
    group.bench_function("schema_skeleton", |b| {
        b.iter(|| schema::validate(black_box(&parsed.skeleton), &parsed.index))
    });
    group.bench_function("decode", |b| {
        b.iter(|| decode::decode_with(black_box(&parsed), &mut |_, _, _, _| {}))
    });
    group.bench_function("front_end", |b| {
        b.iter(|| pilint::json::check(black_box(&source)))
    });
    group.bench_function("rules", |b| {
        b.iter(|| semantic::check(black_box(&submission), None))
    });
    group.bench_function("score", |b| {
        b.iter(|| score_submission(black_box(&submission), None))
    });
    group.bench_function("lint_source", |b| {
        let options = LintOptions::default();
        b.iter(|| lint_source(source.clone(), black_box(&options)))
    });
    group.finish();
}

fn qrda3_stages(c: &mut Criterion) {
    let source = SourceFile::from_text("group-2025.xml", XML);
    let doc =
        pilint::qrda3_reader::reader::read(XML, 0, pilint::qrda3_reader::reader::Limits::default())
            .expect("fixture reads");

    let mut group = c.benchmark_group("qrda3");
    group.throughput(Throughput::Bytes(XML.len() as u64));
    group.bench_function("source_file", |b| {
        b.iter(|| SourceFile::from_text("group-2025.xml", black_box(XML)))
    });
    group.bench_function("read", |b| {
        b.iter(|| {
            pilint::qrda3_reader::reader::read(
                black_box(XML),
                0,
                pilint::qrda3_reader::reader::Limits::default(),
            )
        })
    });
    group.bench_function("structure_checks", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            xml::checks::run(black_box(&doc), &mut out);
            out
        })
    });
    group.bench_function("decode", |b| {
        b.iter(|| xml::decode::decode(black_box(&doc)))
    });
    group.bench_function("front_end", |b| b.iter(|| xml::check(black_box(&source))));
    group.bench_function("lint_source", |b| {
        let options = LintOptions::default();
        b.iter(|| lint_source(source.clone(), black_box(&options)))
    });
    group.finish();
}

/// Each semantic rule alone, to find the one that costs (they all read the
/// same decoded fixture).
fn each_rule(c: &mut Criterion) {
    let source = SourceFile::from_text("group-2025.json", JSON);
    let (parsed, _) = parse::parse(&source);
    let parsed = parsed.expect("fixture parses");
    let submission = decode::decode_with(&parsed, &mut |_, _, _, _| {}).expect("fixture decodes");
    let context = semantic::RuleContext::new(&submission, None);
    let mut group = c.benchmark_group("rule");
    for rule in semantic::RULES {
        group.bench_function(rule.meta.name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                (rule.check)(black_box(&context), &mut out);
                out
            })
        });
    }
    group.finish();
}

/// Time per file should grow linearly with the measurements it holds.
fn json_growth(c: &mut Criterion) {
    let mut group = c.benchmark_group("json_growth");
    let options = LintOptions::default();
    for count in [15, 150, 1_500, 15_000] {
        let text = json_with_measurements(count);
        let source = SourceFile::from_text("grown.json", text.as_str());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("lint_source", count),
            &source,
            |b, source| b.iter(|| lint_source(source.clone(), black_box(&options))),
        );
    }
    group.finish();
}

fn config() -> Criterion {
    // Short runs: the machine is small and shared; the stages differ by
    // orders of magnitude, which these settings resolve comfortably.
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = json_stages, qrda3_stages, each_rule, json_growth
}
criterion_main!(benches);
