//! Masking on real QRDA III files (`tests/corpus/qrda3/`, see its README): every TIN
//! and NPI an `id` element carries is masked wherever it appears in the
//! text, and the masked text keeps its length and line breaks, so every
//! span, line and column a renderer computes stays exact.

use std::path::Path;

use pilint::engine::check_source;
use pilint::settings::FileSettings;
use pilint::source::SourceFile;

/// `*****6789`: how a masked TIN or NPI of ASCII digits reads.
fn masked_form(value: &str) -> String {
    format!(
        "{}{}",
        "*".repeat(value.len() - 4),
        &value[value.len() - 4..]
    )
}

/// The `extension` of every `id` whose `root` is the TIN or NPI OID, read
/// independently of the masking code (a plain scan of start tags).
fn identifiers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in text.split('<').filter(|t| t.starts_with("id ")) {
        let tag = tag.split('>').next().unwrap_or("");
        let attr = |name: &str| {
            let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[at..].split('"').next()?.to_owned())
        };
        let root = attr("root").unwrap_or_default();
        let identifier = root == "2.16.840.1.113883.4.2" || root == "2.16.840.1.113883.4.6";
        if let Some(value) = attr("extension").filter(|v| identifier && v.len() >= 5) {
            found.push(value);
        }
    }
    found
}

#[test]
fn every_identifier_in_the_corpus_is_masked_and_spans_stay_valid() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/qrda3");
    let mut files = 0;
    let mut masked = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let original = String::from_utf8(bytes.clone()).unwrap();
        let values = identifiers(&original);
        // As a run shows the file: default settings mask identifiers.
        let report = check_source(
            SourceFile::from_bytes(name.clone(), bytes),
            &FileSettings::defaults(&path),
            true,
        );
        let text = &report.source.text;
        assert_eq!(text.len(), original.len(), "{name}");
        assert_eq!(
            text.matches('\n').count(),
            original.matches('\n').count(),
            "{name}"
        );
        for value in &values {
            assert!(
                !text.contains(&format!("\"{value}\"")),
                "{name}: {value} shown"
            );
            assert!(text.contains(&masked_form(value)), "{name}: {value}");
            for d in &report.diagnostics {
                assert!(!d.message.contains(value.as_str()), "{name}: {}", d.message);
            }
            masked += 1;
        }
        // Every span still lands on character boundaries of the text.
        for d in &report.diagnostics {
            if let Some(span) = d.span() {
                assert!(
                    text.is_char_boundary(span.start().min(text.len())),
                    "{name}"
                );
                assert!(text.is_char_boundary(span.end().min(text.len())), "{name}");
            }
        }
        files += 1;
    }
    assert!(files >= 40, "{files} corpus files");
    assert!(masked >= 40, "{masked} identifiers");
}
