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

/// The sections of a rule's docs, by heading (the text before the first
/// heading under "").
fn sections(docs: &str) -> Vec<(String, String)> {
    let mut sections = vec![(String::new(), String::new())];
    for line in docs.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            sections.push((heading.to_owned(), String::new()));
        } else {
            let body = &mut sections.last_mut().unwrap().1;
            body.push_str(line);
            body.push('\n');
        }
    }
    sections
        .into_iter()
        .map(|(heading, body)| (heading, body.trim().to_owned()))
        .collect()
}

/// `pilint rule` shows the docs every rule is written against: the fixed
/// headings in order, each with its own text (a sentence, not a copy of
/// another section), the summary under the title line.
#[test]
fn docs_have_every_section_with_its_own_text() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        let docs = rule.docs();
        let sections = sections(&docs);
        let headings: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
        if headings
            != [
                "",
                "What it checks",
                "Why it matters",
                "Invalid example",
                "Valid example",
            ]
        {
            failures.push(format!("{}: headings {headings:?}", rule.code));
            continue;
        }
        let (title, summary) = sections[0].1.split_once("\n\n").unwrap_or_default();
        if !title.starts_with(&format!("{} {} (", rule.code, rule.name)) {
            failures.push(format!("{}: title line {title:?}", rule.code));
        }
        let what = &sections[1].1;
        let why = &sections[2].1;
        for (part, text) in [("summary", summary), ("what", what), ("why", why)] {
            if !text.trim_end_matches(')').ends_with('.') || text.len() < 20 {
                failures.push(format!("{}: {part} is not a sentence: {text:?}", rule.code));
            }
        }
        if what == why || summary == what || summary == why {
            failures.push(format!("{}: two sections say the same", rule.code));
        }
        for (heading, example) in [(3, &rule.invalid), (4, &rule.valid)] {
            if !sections[heading].1.contains(example.text.trim_end()) {
                failures.push(format!(
                    "{}: {} lacks its example",
                    rule.code, headings[heading]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An example that text cannot hold says where the rule is exercised
/// instead; every path it names must exist, or the pointer is stale.
#[test]
fn prose_examples_name_paths_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut named = 0;
    let mut failures = Vec::new();
    for rule in all_rules() {
        if rule.invalid.format != ExampleFormat::Prose {
            continue;
        }
        for word in rule.invalid.text.split_whitespace() {
            let word = word.trim_matches(|c: char| "`,.;:()".contains(c));
            if !(word.starts_with("tests/") || word.starts_with("fixtures/")) {
                continue;
            }
            named += 1;
            if !root.join(word).exists() {
                failures.push(format!("{}: names {word}, which does not exist", rule.code));
            }
        }
    }
    assert!(
        named >= 10,
        "only {named} paths named: is the parsing right?"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `pilint rule CODE` and `pilint rule NAME` print exactly these docs.
#[test]
fn the_cli_prints_each_rules_docs_by_code_and_by_name() {
    for rule in all_rules() {
        for key in [rule.code, rule.name] {
            let output = assert_cmd::Command::cargo_bin("pilint")
                .unwrap()
                .args(["rule", key])
                .output()
                .unwrap();
            assert!(output.status.success(), "pilint rule {key}");
            assert_eq!(
                String::from_utf8(output.stdout).unwrap(),
                rule.docs(),
                "{key}"
            );
        }
    }
}
