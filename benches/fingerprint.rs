//! SARIF and GitLab fingerprints of one file's findings
//! (`cargo bench --bench fingerprint`): linear in the findings. Each
//! finding's occurrence number (how many findings of its rule at its
//! pointer came before) was once counted by scanning every earlier finding,
//! quadratic in a file's findings; the reference below keeps that recipe,
//! so the two can be compared at two sizes, and checks that both give the
//! same fingerprints.
//!
//! On the 2-core development machine (shared, bench profile without LTO),
//! means of 10 samples: 2,000 findings 5.9 ms linear / 27.6 ms quadratic;
//! 20,000 findings 68 ms linear (×11.5 for ×10 findings) / 3.52 s
//! quadratic (×127).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use pilint::diagnostic::Diagnostic;
use pilint::lint::FileReport;
use pilint::model::SourceFormat;
use pilint::project_root::{Locator, ProjectRoot};
use pilint::render::Origin;
use pilint::render::fingerprint::{Fingerprints, fingerprint};
use pilint::rules::Consequence;
use pilint::rules::registry::find_rule;
use pilint::source::SourceFile;

/// A file with `count` findings: a few rules, each at many pointers, some
/// pointers twice.
fn report(count: usize) -> FileReport {
    let rules = ["S005", "M007", "C003"].map(|code| find_rule(code).expect("rule exists"));
    let diagnostics = (0..count)
        .map(|i| {
            let pointer = format!("/measurementSets/0/measurements/{}/value", i / 2);
            Diagnostic::new(rules[i % 3], None, pointer, "finding")
        })
        .collect();
    FileReport {
        source: SourceFile::from_text("submissions/big.json", "{}"),
        format: SourceFormat::Json,
        diagnostics,
        submission: None,
        failed: false,
        score: None,
        consequence: Consequence::Rejected,
    }
}

/// The former recipe: each occurrence counted over every earlier finding.
fn quadratic(report: &FileReport, path: &str) -> Vec<String> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let key = (d.code, d.pointer());
            let occurrence = seen.iter().filter(|k| **k == key).count();
            seen.push(key);
            fingerprint(d.code, path, d.pointer(), occurrence)
        })
        .collect()
}

/// The renderers' recipe: occurrences counted in a map as findings go by.
fn linear(report: &FileReport) -> Vec<String> {
    let mut locator = Locator::new(ProjectRoot::at("/r", "/r"));
    let mut prints = Fingerprints::default();
    report
        .diagnostics
        .iter()
        .map(|d| prints.next(&mut locator, Origin::File(report), d))
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("fingerprints");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for count in [2_000usize, 20_000] {
        let report = report(count);
        assert_eq!(linear(&report), quadratic(&report, "submissions/big.json"));
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("linear", count), &report, |b, r| {
            b.iter(|| linear(black_box(r)))
        });
        group.bench_with_input(BenchmarkId::new("quadratic", count), &report, |b, r| {
            b.iter(|| quadratic(black_box(r), "submissions/big.json"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
