//! Invariants every fuzz target asserts, beyond "no panic".

use pilint::lint::FileReport;
use pilint::source::SourceFile;

/// Every diagnostic span (primary and related) lies inside the file and on
/// character boundaries, with start ≤ end.
pub fn spans_are_in_bounds(report: &FileReport) {
    let text = &report.source.text;
    for diagnostic in &report.diagnostics {
        let spans = diagnostic.labels().filter_map(|label| label.span());
        for span in spans {
            assert!(span.start() <= span.end(), "{}: inverted span {span:?}", diagnostic.code);
            assert!(span.end() <= text.len(), "{}: span {span:?} past the end", diagnostic.code);
            assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
                "{}: span {span:?} splits a character", diagnostic.code);
        }
    }
}

/// When the text is JSON, every pointer of serde_json's value resolves in
/// the span index to text that parses to the value at that pointer, and the
/// index holds nothing else.
pub fn span_index_agrees_with_serde_json(source: &SourceFile) {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let index = pilint::json_syntax::span_index::SpanIndex::build(&source.text);
    let mut pointers = Vec::new();
    collect_pointers(&value, String::new(), &mut pointers);
    assert_eq!(index.reachable_values(), pointers.len(), "indexed values");
    for pointer in &pointers {
        let span = index
            .value_span(pointer)
            .unwrap_or_else(|| panic!("{pointer} not indexed"));
        let slice = &source.text[span.range()];
        let parsed: serde_json::Value = serde_json::from_str(slice)
            .unwrap_or_else(|e| panic!("{pointer}: {slice:?} does not parse: {e}"));
        assert_eq!(Some(&parsed), value.pointer(pointer), "pointer {pointer}");
    }
}

fn collect_pointers(value: &serde_json::Value, prefix: String, out: &mut Vec<String>) {
    out.push(prefix.clone());
    match value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_pointers(item, format!("{prefix}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                collect_pointers(item, format!("{prefix}/{token}"), out);
            }
        }
        _ => {}
    }
}
