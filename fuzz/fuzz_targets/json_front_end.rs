//! The JSON front end on arbitrary bytes: parse, span index, schema, model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilint::lint::{LintOptions, lint_source};
use pilint::source::SourceFile;

#[path = "invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("fuzz.json", data.to_vec());
    invariants::span_index_agrees_with_serde_json(&source);
    let report = lint_source(source, &LintOptions::default());
    assert!(!report.failed, "internal error: {:?}", report.diagnostics);
    invariants::spans_are_in_bounds(&report);
});
