//! Every structural fixture in fixtures/invalid gives its finding at the
//! exact line and column, and the valid fixtures give no error.

use pilint::diagnostic::Severity;
use pilint::lint::{LintOptions, lint_source};
use pilint::source::SourceFile;

/// (fixture, code, line, column) of the first error-severity finding.
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    // Malformed JSON: the position where parsing stopped.
    ("trailing-comma.json", "F001", 28, 58),
    ("comment.json", "F001", 4, 3),
    ("nan-numerator.json", "F001", 19, 59),
    ("empty.json", "F001", 1, 1),
    ("truncated.json", "F001", 19, 42),
    ("not-utf8.json", "F002", 9, 27),
    ("byte-order-mark.json", "F003", 1, 1),
    ("duplicate-key.json", "F004", 5, 3),
    // Schema error kinds: the offending value, the object that lacks a
    // property, or the unexpected key.
    ("missing-performance-year.json", "S001", 1, 1),
    ("pi-set-missing-cehrt-id.json", "S001", 6, 5),
    ("proportion-missing-denominator.json", "S001", 19, 44),
    ("unknown-property-performanceyear.json", "S002", 5, 3),
    ("performance-year-as-string.json", "S003", 4, 22),
    ("numerator-with-fraction.json", "S003", 19, 59),
    ("value-as-string.json", "S003", 14, 46),
    ("entity-type-not-allowed.json", "S004", 2, 17),
    ("tin-with-dash.json", "S005", 3, 35),
    ("date-not-iso.json", "S005", 11, 25),
    ("negative-numerator.json", "S006", 19, 59),
    ("measurement-sets-empty.json", "S007", 5, 22),
    ("top-level-array.json", "S008", 1, 1),
];

fn lint(path: &std::path::Path) -> pilint::lint::FileReport {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    lint_source(SourceFile::from_bytes(name, bytes), &LintOptions::default())
}

#[test]
fn each_structural_fixture_points_at_the_offending_value() {
    let mut failures = Vec::new();
    for &(file, code, line, column) in EXPECTED {
        let report = lint(&std::path::Path::new("fixtures/invalid").join(file));
        let found: Vec<(&str, usize, usize)> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let at = report.source.line_col(d.span.map_or(0, |s| s.start));
                (d.code, at.line, at.column)
            })
            .collect();
        if found.first() != Some(&(code, line, column)) {
            failures.push(format!(
                "{file}: expected {code} at {line}:{column}, found {found:?}"
            ));
        }
        // One defect per fixture: nothing but structural findings.
        if let Some(other) = found.iter().find(|(c, ..)| !c.starts_with(['F', 'S'])) {
            failures.push(format!("{file}: unexpected semantic error {other:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_structural_fixture_is_listed() {
    let listed: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    for entry in std::fs::read_dir("fixtures/invalid").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let structural = listed.contains(&name.as_str());
        // Semantic fixtures are named after their rule and tested elsewhere;
        // this list must cover every fixture named after a structural case.
        if !structural {
            assert!(
                pilint::rules::registry::all_rules()
                    .iter()
                    .any(|r| name.starts_with(r.name)),
                "fixtures/invalid/{name} is not covered by a test"
            );
        }
    }
}

#[test]
fn valid_fixtures_have_no_errors() {
    for entry in walkdir::WalkDir::new("fixtures/valid") {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let report = lint(entry.path());
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
    }
}
