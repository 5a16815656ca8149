//! The whole per-file pipeline on arbitrary bytes, under either file name
//! (so both front ends run), through every renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilint::lint::{LintOptions, lint_source};
use pilint::source::SourceFile;

#[path = "invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let name = if selector % 2 == 0 { "fuzz.json" } else { "fuzz.xml" };
    let report = lint_source(SourceFile::from_bytes(name, bytes.to_vec()), &LintOptions::default());
    assert!(!report.failed, "internal error: {:?}", report.diagnostics);
    invariants::spans_are_in_bounds(&report);
    if let Some(total) = report.score.as_ref().and_then(|s| s.total()) {
        assert!((0.0..=100.0).contains(&total), "score {total} outside 0–100");
    }
    let reports = [report];
    let _ = pilint::render::full::render(&reports, true);
    let json = pilint::render::json::render(&reports);
    serde_json::from_slice::<serde_json::Value>(&json).expect("json output parses");
    let framework = pilint::score::Framework::Mips;
    // The entities across files, as `pilint score` shows them.
    let cross = pilint::engine::cross_file_of_reports(&reports, None);
    let entities: Vec<_> = cross.entities().collect();
    let _ = pilint::render::score_table::render(&reports, &entities, framework, false);
    let score_json = pilint::render::score_json::render(&reports, &entities, framework);
    serde_json::from_slice::<serde_json::Value>(&score_json).expect("score output parses");
});
