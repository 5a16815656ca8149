//! QRDA III fixtures: each invalid file triggers its rule at the expected
//! line and column (and no other XML or file-level error), and each valid
//! file decodes to exactly the model of its JSON twin.

use std::path::Path;

use pilint::diagnostic::Severity;
use pilint::lint::{FileReport, LintOptions, lint_source};
use pilint::model::{Loc, MeasureValue, Submission};
use pilint::rules::registry::all_rules;
use pilint::source::SourceFile;

fn lint(path: &Path) -> FileReport {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.to_string_lossy().into_owned();
    lint_source(SourceFile::from_bytes(name, bytes), &LintOptions::default())
}

/// (fixture name = rule name, code, line, column) of the expected finding.
const INVALID: &[(&str, &str, usize, usize)] = &[
    ("not-qrda3-document", "F005", 2, 1),
    ("invalid-xml", "Q001", 5, 1),
    ("doctype-not-allowed", "Q002", 2, 1),
    ("xml-limit-exceeded", "Q003", 44, 2767),
    ("ig-version-mismatch", "Q004", 6, 64),
    ("program-name-not-single", "Q005", 19, 55),
    ("unknown-program-name", "Q006", 14, 55),
    ("no-category-section", "Q007", 2, 1),
    ("duplicate-section", "Q008", 354, 9),
    ("virtual-group-id-missing", "Q009", 2, 1),
    ("reporting-parameters-not-single", "Q010", 352, 13),
    ("period-bound-not-single", "Q011", 346, 29),
    ("invalid-qrda3-date", "Q012", 346, 29),
    ("section-years-disagree", "Q013", 361, 29),
    ("measure-id-not-single", "Q014", 357, 66),
    ("measure-id-wrong-root", "Q015", 356, 29),
    ("pi-measure-outside-pi-section", "Q016", 357, 13),
    ("numerator-denominator-not-single", "Q017", 274, 17),
    ("aggregate-count-not-single", "Q018", 268, 21),
    ("invalid-qrda3-count", "Q019", 267, 52),
    ("measure-performed-not-single", "Q020", 367, 17),
    ("invalid-measure-performed", "Q021", 363, 19),
    ("restricted-measure-combination", "Q022", 175, 66),
    ("non-pi-measure-in-pi-section", "Q023", 352, 13),
    ("duplicate-cehrt-id", "Q024", 25, 56),
    ("ambiguous-identifier", "Q025", 38, 57),
    // Semantic rules that only XML can trigger: in JSON the schema's
    // malformed-value (S005) reports the same identifier first.
    ("tin-malformed", "I003", 30, 57),
    ("npi-malformed", "I004", 28, 55),
    // The CEHRT ID belongs in the header, so its absence is reported at the
    // document's start tag (see the test below for its XPath and words).
    ("cehrt-id-missing", "C001", 2, 1),
];

#[test]
fn each_invalid_fixture_triggers_its_rule_at_its_position() {
    let mut failures = Vec::new();
    for &(name, code, line, column) in INVALID {
        let path = Path::new("fixtures/invalid/qrda3").join(format!("{name}.xml"));
        let report = lint(&path);
        let found = report.diagnostics.iter().any(|d| {
            let at = d.span().map(|s| report.source.line_col(s.start()));
            d.code == code
                && d.name == name
                && at.is_some_and(|p| (p.line, p.column) == (line, column))
        });
        let others: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.code != code && d.code.starts_with(['Q', 'F']))
            .map(|d| d.code.to_owned())
            .collect();
        if !found || !others.is_empty() {
            let got: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| {
                    let p = d.span().map(|s| report.source.line_col(s.start()));
                    format!("{}@{:?}", d.code, p.map(|p| (p.line, p.column)))
                })
                .collect();
            failures.push(format!(
                "{name}: expected {code}@{line}:{column}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_xml_rule_has_an_invalid_fixture() {
    for rule in all_rules() {
        if rule.code.starts_with('Q') || rule.code == "F005" {
            assert!(
                INVALID
                    .iter()
                    .any(|(name, code, ..)| *name == rule.name && *code == rule.code),
                "{} {} has no fixture in the table",
                rule.code,
                rule.name
            );
        }
    }
}

const VALID: &[&str] = &[
    "individual-2023",
    "group-2024",
    "group-2025",
    "individual-2026",
];

#[test]
fn valid_fixtures_have_no_xml_error() {
    for name in VALID {
        let report = lint(&Path::new("fixtures/valid/qrda3").join(format!("{name}.xml")));
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error || d.severity == Severity::Warning)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(report.submission.is_some(), "{name}: no model");
    }
}

#[test]
fn a_year_whose_guide_is_unrecorded_gets_information_only() {
    let report = lint(Path::new("fixtures/valid/qrda3/individual-2026.xml"));
    let codes: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(codes, [("Q004", Severity::Info)]);
}

/// Clears every location and the front end's name, so two models compare
/// by content only.
fn strip(submission: &mut Submission) {
    submission.format = pilint::model::SourceFormat::Json;
    fn clear(loc: &mut Loc) {
        *loc = Loc::default();
    }
    fn node<T>(n: &mut Option<pilint::model::Node<T>>) {
        if let Some(n) = n {
            clear(&mut n.loc);
        }
    }
    clear(&mut submission.loc);
    node(&mut submission.entity_type);
    node(&mut submission.taxpayer_identification_number);
    node(&mut submission.national_provider_identifier);
    node(&mut submission.entity_id);
    node(&mut submission.performance_year);
    for set in &mut submission.measurement_sets {
        clear(&mut set.loc);
        node(&mut set.category);
        node(&mut set.submission_method);
        node(&mut set.program_name);
        node(&mut set.performance_start);
        node(&mut set.performance_end);
        node(&mut set.cehrt_id);
        for m in &mut set.measurements {
            clear(&mut m.loc);
            node(&mut m.measure_id);
            match &mut m.value {
                Some(MeasureValue::Boolean(b)) => clear(&mut b.loc),
                Some(MeasureValue::Proportion(p)) => {
                    clear(&mut p.loc);
                    node(&mut p.numerator);
                    node(&mut p.denominator);
                }
                None => {}
            }
        }
    }
}

#[test]
fn each_valid_xml_decodes_to_the_model_of_its_json_twin() {
    for name in VALID {
        let dir = Path::new("fixtures/valid/qrda3");
        let mut xml = lint(&dir.join(format!("{name}.xml")))
            .submission
            .unwrap_or_else(|| panic!("{name}.xml: no model"));
        let mut json = lint(&dir.join(format!("{name}.json")))
            .submission
            .unwrap_or_else(|| panic!("{name}.json: no model"));
        assert_eq!(xml.measurement_sets.len(), 1, "{name}");
        assert_eq!(xml.measurement_sets[0].measurements.len(), 12, "{name}");
        strip(&mut xml);
        strip(&mut json);
        assert_eq!(xml, json, "{name}: XML and JSON models differ");
    }
}

#[test]
fn xml_model_nodes_point_at_the_values_they_came_from() {
    let report = lint(Path::new("fixtures/valid/qrda3/group-2025.xml"));
    let submission = report.submission.expect("model");
    let text = &report.source.text;
    let set = &submission.measurement_sets[0];
    let start = set.performance_start.as_ref().expect("start");
    assert_eq!(&text[start.loc.span.range()], "20250101");
    assert_eq!(start.value, "2025-01-01");
    assert_eq!(
        start.loc.pointer,
        "/ClinicalDocument/component/structuredBody/component/section/entry[13]/act/effectiveTime/low/@value"
    );
    let ep1 = set.measurement("PI_EP_1").expect("PI_EP_1");
    let id = ep1.measure_id.as_ref().expect("id");
    assert_eq!(&text[id.loc.span.range()], "PI_EP_1");
    assert!(text[ep1.loc.span.range()].starts_with("<organizer"));
    assert_eq!(
        ep1.loc.pointer,
        "/ClinicalDocument/component/structuredBody/component/section/entry[5]/organizer"
    );
    let Some(MeasureValue::Proportion(p)) = &ep1.value else {
        panic!("PI_EP_1 is a proportion");
    };
    let numerator = p.numerator.as_ref().expect("numerator");
    assert_eq!(&text[numerator.loc.span.range()], "49");
    assert_eq!(numerator.value.whole, Some(49));
    let cehrt = set.cehrt_id.as_ref().expect("cehrt");
    assert_eq!(&text[cehrt.loc.span.range()], "0015C01234ABCDE");
    let tin = submission
        .taxpayer_identification_number
        .as_ref()
        .expect("tin");
    assert_eq!(&text[tin.loc.span.range()], "000123456");
    assert_eq!(
        submission.entity_type.as_ref().map(|e| e.value.as_str()),
        Some("group")
    );
}

#[test]
fn a_missing_cehrt_id_is_named_where_qrda3_keeps_it() {
    let report = lint(Path::new("fixtures/invalid/qrda3/cehrt-id-missing.xml"));
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.code == "C001")
        .expect("C001");
    // The header participant device, not an invented `section/cehrtId`.
    assert_eq!(
        finding.pointer(),
        "/ClinicalDocument/participant[@typeCode='DEV']/associatedEntity/id[@root='2.16.840.1.113883.3.2074.1']/@extension"
    );
    assert!(
        finding.message.starts_with("the document has no CEHRT ID"),
        "{}",
        finding.message
    );
    assert!(
        !finding.message.contains("`cehrtId`"),
        "QRDA III words: {}",
        finding.message
    );
    assert_eq!(finding.consequence, pilint::rules::Consequence::Zero);
}
