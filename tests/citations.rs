//! User-visible text cites what a user can follow: a CMS document (title,
//! year, section or URL), a CFR section, an RFC, or a file of a CMS
//! repository (`CMSgov/qpp-measures-data/…`, `converter/src/…` of
//! CMSgov/qpp-conversion-tool). Never the project's research notes
//! (`scoring.md §…`) nor pilint's own source files (`src/…`), which a user
//! of the binary does not have.
//!
//! Scanned: every rule's summary, docs, note and help (what `pilint rule`,
//! the README table and SARIF's rule help show); the score tables and year
//! catalogs, whose texts become score reasons, footnotes and notes; and the
//! whole output of `pilint check` and `pilint score` over every fixture.

use assert_cmd::Command;
use pilint::rules::registry::all_rules;

/// What a user-visible text may not contain, and why.
fn offences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for banned in [
        ".md §",
        "scoring.md",
        "json-format.md",
        "pi-measures.md",
        "qrda3-pi.md",
        "Raised by",
    ] {
        if text.contains(banned) {
            found.push(format!("cites `{banned}`"));
        }
    }
    // `src/` is fine inside a repository path (`converter/src/…`,
    // `CMSgov/qpp-submissions-docs/src/…`), never on its own.
    for (at, _) in text.match_indices("src/") {
        if !text[..at].ends_with('/') {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(i, _)| i);
            found.push(format!(
                "names a source path: …{}…",
                &text[from..(at + 20).min(text.len())]
            ));
        }
    }
    found
}

#[test]
fn the_scan_catches_notes_and_source_paths() {
    assert!(!offences("see scoring.md §11 M1").is_empty());
    assert!(!offences("(json-format.md)").is_empty());
    assert!(!offences("Raised by `src/json/parse.rs`.").is_empty());
    assert!(!offences("`src/catalog/years/2025.json`").is_empty());
    assert!(offences("RFC 8259 §8.1").is_empty());
    assert!(offences("CMSgov/qpp-conversion-tool/converter/src/main/java/X.java").is_empty());
    assert!(
        offences("CMSgov/qpp-submissions-docs/src/app/components/references/data.ts").is_empty()
    );
}

#[test]
fn rule_docs_notes_and_help_cite_cms_not_the_notes() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        for (field, text) in [
            ("summary", rule.summary),
            ("what", rule.what),
            ("why", rule.why),
            ("note", rule.note),
            ("help", rule.help),
        ] {
            for offence in offences(text) {
                failures.push(format!("{} {field}: {offence}", rule.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn score_tables_and_catalogs_cite_cms_not_the_notes() {
    let mut failures = Vec::new();
    for dir in ["src/score/tables", "src/catalog/years"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for offence in offences(&text) {
                failures.push(format!("{}: {offence}", path.display()));
            }
        }
    }
    let ig = std::fs::read_to_string("src/qrda3_reader/ig_versions.json").unwrap();
    for offence in offences(&ig) {
        failures.push(format!("src/qrda3_reader/ig_versions.json: {offence}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The output of a `pilint` subcommand over every fixture, in every text
/// a user reads (messages, notes, help, labels, score reasons and footnotes).
fn output(args: &[&str]) -> String {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .env_remove("NO_COLOR")
        .args(args)
        .arg("fixtures")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn findings_and_scores_over_every_fixture_cite_cms_not_the_notes() {
    let mut failures = Vec::new();
    for args in [
        &[
            "check",
            "--isolated",
            "--format",
            "json",
            "--color",
            "never",
        ][..],
        &[
            "check",
            "--isolated",
            "--format",
            "sarif",
            "--color",
            "never",
        ][..],
        &["score", "--format", "full", "--color", "never"][..],
        &["score", "--format", "json", "--color", "never"][..],
    ] {
        let text = output(args);
        assert!(!text.is_empty(), "{args:?} printed nothing");
        for offence in offences(&text) {
            failures.push(format!("{args:?}: {offence}"));
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
