//! Every fixture in `fixtures/invalid/` gives exactly one finding, of the
//! expected rule, at the expected line and column; every fixture in
//! `fixtures/valid/` (one or more per supported year) gives no error and no
//! warning. Each rule has a fixture named after it.

use std::path::Path;

use pilint::catalog;
use pilint::diagnostic::Severity;
use pilint::engine::check_source;
use pilint::lint::FileReport;
use pilint::rules::registry::{ExampleFormat, all_rules};
use pilint::settings::FileSettings;
use pilint::source::SourceFile;

/// (fixture, rule code, line, column) of the one finding each fixture gives.
const INVALID: &[(&str, &str, usize, usize)] = &[
    ("attestation-missing.json", "A001", 6, 5),
    ("attestation-not-yes.json", "A002", 16, 48),
    ("byte-order-mark.json", "F003", 1, 1),
    ("cehrt-id-lowercase.json", "C003", 13, 18),
    ("cehrt-id-malformed.json", "C002", 12, 18),
    ("cehrt-id-missing.json", "C001", 12, 18),
    ("cehrt-id-placeholder.json", "C004", 12, 18),
    ("comment.json", "F001", 4, 3),
    ("date-not-iso.json", "S005", 11, 25),
    ("duplicate-key.json", "F004", 5, 3),
    ("duplicate-measure.json", "M003", 30, 24),
    ("duplicate-measurement-set.json", "I008", 31, 5),
    ("empty.json", "F001", 1, 1),
    ("engagement-level-missing.json", "E001", 26, 48),
    ("engagement-level-without-measure.json", "E003", 28, 24),
    ("engagement-levels-both.json", "E002", 27, 24),
    ("entity-type-not-allowed.json", "S004", 2, 17),
    ("exclusion-not-claimed.json", "R006", 20, 49),
    ("hie-option-incomplete.json", "R002", 6, 5),
    ("hie-options-mixed.json", "R003", 22, 24),
    ("identifier-missing.json", "I001", 1, 1),
    ("identifier-not-allowed.json", "I002", 4, 33),
    ("invalid-count.json", "M005", 22, 60),
    ("invalid-period-date.json", "P001", 11, 25),
    ("measure-and-exclusion.json", "R004", 22, 24),
    ("measure-not-in-year.json", "M002", 29, 24),
    ("measurement-sets-empty.json", "S007", 5, 22),
    ("missing-performance-year.json", "S001", 1, 1),
    ("multiple-exclusions.json", "R005", 21, 24),
    ("nan-numerator.json", "F001", 19, 59),
    ("negative-numerator.json", "S006", 19, 59),
    ("not-utf8.json", "F002", 9, 27),
    ("npi-check-digit.json", "I005", 4, 33),
    ("numerator-exceeds-denominator.json", "M006", 22, 60),
    ("numerator-with-fraction.json", "S003", 19, 59),
    ("numerator-zero.json", "M007", 21, 60),
    ("performance-year-as-string.json", "S003", 4, 22),
    ("period-end-before-start.json", "P002", 12, 25),
    ("period-outside-year.json", "P003", 11, 25),
    ("period-too-short.json", "P004", 10, 27),
    ("pi-set-missing-cehrt-id.json", "S001", 6, 5),
    ("pre-production-limit.json", "E004", 29, 24),
    ("program-name-not-allowed.json", "I007", 9, 22),
    ("proportion-missing-denominator.json", "S001", 19, 44),
    ("required-measure-answered-no.json", "M008", 21, 45),
    ("required-measure-missing.json", "R001", 6, 5),
    ("safer-guide-not-yes.json", "A003", 15, 46),
    ("submission-method-not-allowed.json", "I006", 8, 27),
    ("tin-with-dash.json", "S005", 3, 35),
    ("top-level-array.json", "S008", 1, 1),
    ("trailing-comma.json", "F001", 28, 58),
    ("truncated.json", "F001", 19, 42),
    ("unknown-measure.json", "M001", 18, 24),
    ("unknown-property-performanceyear.json", "S002", 5, 3),
    ("value-as-string.json", "S003", 14, 46),
    ("value-type-mismatch.json", "M004", 20, 44),
];

fn lint(path: &Path) -> FileReport {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = SourceFile::from_bytes(path.display().to_string(), bytes);
    // What a run shows with default settings (a structural finding hides
    // the semantic one it stands for).
    check_source(source, &FileSettings::defaults(path), false)
}

#[test]
fn each_invalid_fixture_gives_its_finding_where_expected() {
    let mut failures = Vec::new();
    for &(file, code, line, column) in INVALID {
        let report = lint(&Path::new("fixtures/invalid").join(file));
        let found: Vec<(&str, usize, usize)> = report
            .diagnostics
            .iter()
            .map(|d| {
                let start = d.span().map_or(0, |s| s.start());
                let at = report.source.line_col(start);
                (d.code, at.line, at.column)
            })
            .collect();
        if found != [(code, line, column)] {
            failures.push(format!(
                "{file}: expected [{code} {line}:{column}], got {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_invalid_fixture_is_checked_here() {
    // Files only: fixtures/invalid/qrda3/ is tests/qrda3_fixtures.rs's.
    let mut on_disk: Vec<String> = std::fs::read_dir("fixtures/invalid")
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = INVALID.iter().map(|(f, ..)| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_rule_that_json_can_trigger_has_a_fixture_named_after_it() {
    for rule in all_rules() {
        // Structural fixtures are named after the defect; XML rules have
        // theirs in fixtures/invalid/qrda3 (tests/qrda3_fixtures.rs).
        if rule.code.starts_with(['F', 'S', 'Y', 'Q'])
            || rule.invalid.format == ExampleFormat::Prose
        {
            continue;
        }
        let file = format!("{}.json", rule.name);
        let entry = INVALID.iter().find(|(f, ..)| *f == file);
        assert!(
            entry.is_some_and(|(_, code, ..)| *code == rule.code),
            "{} {}: no fixtures/invalid/{file} giving it",
            rule.code,
            rule.name
        );
    }
}

#[test]
fn valid_fixtures_of_every_year_give_no_error_or_warning() {
    let mut years_seen = Vec::new();
    // Both formats: the QRDA III twins live in fixtures/valid/qrda3.
    for entry in walkdir::WalkDir::new("fixtures/valid") {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let report = lint(path);
        let serious: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(serious.is_empty(), "{}: {serious:?}", path.display());
        if let Some(year) = report.submission.and_then(|s| s.performance_year) {
            years_seen.push(year.value);
        }
    }
    for year in catalog::supported_years() {
        assert!(
            years_seen.contains(&i64::from(year)),
            "no valid fixture for {year}"
        );
    }
}
