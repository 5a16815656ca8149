//! Every rule's documentation examples are executed: the Invalid example
//! must give that rule's finding and no other rule's, the Valid example
//! must give no finding at all.

use pilint::engine::check_source;
use pilint::rules::registry::{ExampleFormat, all_rules};
use pilint::settings::FileSettings;
use pilint::source::SourceFile;

/// The codes a run over the example shows with default settings.
fn codes(name: &str, text: &str) -> Vec<&'static str> {
    let settings = FileSettings::defaults(std::path::Path::new(name));
    let report = check_source(SourceFile::from_text(name, text), &settings, false);
    let mut codes: Vec<&'static str> = report.diagnostics.iter().map(|d| d.code).collect();
    codes.dedup();
    codes
}

fn file_name(format: ExampleFormat) -> &'static str {
    match format {
        ExampleFormat::Json | ExampleFormat::Prose => "example.json",
        ExampleFormat::Xml => "example.xml",
    }
}

#[test]
fn invalid_examples_give_exactly_their_rule() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        if rule.invalid.format == ExampleFormat::Prose {
            continue; // covered by the fixture or test the prose names
        }
        let found = codes(file_name(rule.invalid.format), rule.invalid.text);
        if found != [rule.code] {
            failures.push(format!(
                "{} {}: invalid example gave {found:?}",
                rule.code, rule.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_examples_give_no_finding() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        assert_ne!(
            rule.valid.format,
            ExampleFormat::Prose,
            "{}: a valid example must run",
            rule.code
        );
        let found = codes(file_name(rule.valid.format), rule.valid.text);
        if !found.is_empty() {
            failures.push(format!(
                "{} {}: valid example gave {found:?}",
                rule.code, rule.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn docs_have_every_heading() {
    for rule in all_rules() {
        let docs = rule.docs();
        for heading in [
            "## What it checks",
            "## Why it matters",
            "## Invalid example",
            "## Valid example",
        ] {
            assert!(docs.contains(heading), "{}: missing {heading}", rule.code);
        }
        assert!(docs.starts_with(&format!("{} {}", rule.code, rule.name)));
    }
}
