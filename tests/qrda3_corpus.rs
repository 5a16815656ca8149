//! The QRDA III corpus (`tests/corpus/qrda3/`, see tests/corpus/README.md: 49 real PI-bearing files
//! from CMS's converter repository and 78 synthetic edge cases, with the
//! converter's verdicts in `expected.json`) run through pilint.
//!
//! For every file the test states which XML (`Q`) and file (`F`) rules
//! fire. Files the converter rejects for PI or envelope reasons must get at
//! least one error from pilint, and files it accepts that the corpus marks
//! valid must get no error from the XML rules. Where pilint deliberately
//! differs (docs/qrda3-differences.md), the lists below say so, and the
//! test checks each listed difference still holds.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pilint::diagnostic::Severity;
use pilint::lint::{FileReport, LintOptions, lint_source};
use pilint::source::SourceFile;
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/qrda3")
}

fn expected_json() -> Value {
    let text = std::fs::read_to_string(corpus().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

fn lint(file: &str) -> FileReport {
    let path = corpus().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    lint_source(SourceFile::from_bytes(file, bytes), &LintOptions::default())
}

/// The `Q` and `F` codes pilint gives each corpus file (semantic rules,
/// which also run, are not listed here: they have their own tests).
const EXPECTED: &[(&str, &[&str])] = &[
    ("acceptance-2018_MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml", &[]),
    ("acceptance-2018_MIPS_Sample.xml", &[]),
    ("commandline_qrda_bad_denominator.xml", &["Q004", "Q019"]),
    ("commandline_valid-QRDA-III-latest.xml", &[]),
    ("app-2022_App1-ApmEntity-Qrda-III-1.xml", &["Q004"]),
    ("app-2022_App1-ApmEntity-Qrda-III-2.xml", &["Q004"]),
    ("app-2022_App1-Group-QRDA-III.xml", &["Q004"]),
    ("app-2022_App1-Indv-QRDA-III.xml", &["Q004"]),
    ("app-2024_App1-ApmEntity-Qrda-III.xml", &[]),
    ("app-2024_App1-Group-QRDA-III.xml", &[]),
    ("app-2024_App1-Indv-QRDA-III.xml", &[]),
    ("app-2025_App1-ApmEntity-Qrda-III.xml", &[]),
    ("app-2025_App1-Group-QRDA-III.xml", &[]),
    ("app-2025_App1-Indv-QRDA-III.xml", &[]),
    ("app_plus-2025_App-Plus-ApmEntity-Qrda-III.xml", &[]),
    ("app_plus-2025_App-Plus-Group-QRDA-III.xml", &[]),
    ("app_plus-2025_App-Plus-Indv-QRDA-III.xml", &[]),
    (
        "converter_correctMultiToSinglePerfMeasureExample.xml",
        &["Q004"],
    ),
    (
        "fixtures_multiTinMinimal.xml",
        &["Q010", "Q014", "Q017", "Q025"],
    ),
    ("negative_AciMeasurePerformedGarbage.xml", &["Q004", "Q015"]),
    (
        "negative_QRDA-III-invalid-numerator-denominator.xml",
        &["Q010", "Q014", "Q015", "Q017"],
    ),
    (
        "negative_Qrda_CatIII_Provider_invalid_CD_extension.xml",
        &["Q004"],
    ),
    (
        "negative_angerClinicalDocumentValidations.xml",
        &["Q005", "Q011", "Q015"],
    ),
    (
        "negative_angerTheConverter.xml",
        &["Q010", "Q015", "Q017", "Q019"],
    ),
    (
        "negative_mipsDenominatorInitialPopulationFailure.xml",
        &["Q004", "Q013"],
    ),
    ("negative_mipsInvalidPIMeasureIds.xml", &["Q004", "Q022"]),
    (
        "negative_wrongSubPopulationsMeasure135.xml",
        &["Q004", "Q013"],
    ),
    ("converter_valid-QRDA-III-abridged.xml", &["Q004", "Q015"]),
    ("converter_validations_1.xml", &["Q010", "Q015", "Q017"]),
    ("qrda-files_2017_Sample_QRDA_III_Informative.xml", &[]),
    ("qrda-files-2024_valid-QRDA-III-latest.xml", &[]),
    (
        "qrda-files_QRDA-III-without-required-measure.xml",
        &["Q010"],
    ),
    // The year is the first section's, as the converter decides it: the
    // extension fits it, only the later section's year differs.
    ("qrda-files_demo-mips-virtual-group.xml", &["Q013"]),
    ("qrda-files-multi_valid-QRDA-III.1.xml", &["Q010", "Q015"]),
    ("qrda-files_valid-QRDA-III-2017.xml", &[]),
    ("qrda-files_valid-QRDA-III-latest-2018.xml", &[]),
    ("qrda-files_valid-QRDA-III-latest.xml", &[]),
    (
        "qrda-files_valid-QRDA-III-without-xml-extension",
        &["Q010", "Q015"],
    ),
    ("qrda-files_valid-QRDA-III.xml", &["Q015"]),
    ("rest-api_fail_validation.xml", &[]),
    ("rest-api_valid-QRDA-III-latest-fixture.xml", &["Q019"]),
    (
        "sample-files-2020_MIPS_Invalid_IA_Performance_Period.xml",
        &["Q004"],
    ),
    (
        "sample-files-2020_MIPS_Invalid_PI_Performance_Period.xml",
        &["Q010"],
    ),
    ("sample-files-2021_App1-Group-QRDA-III.xml", &[]),
    ("sample-files-2021_App1-Indv-QRDA-III.xml", &[]),
    ("sample-files-2022_App1-ApmEntity-Qrda-III.xml", &[]),
    ("sample-files-2022_App1-Group-QRDA-III.xml", &[]),
    ("sample-files-2022_App1-Indv-QRDA-III.xml", &[]),
    ("sample-files-2022_Y6-NUMEX-QRDA-III-MIPS.xml", &[]),
    ("synthetic/e00_base.xml", &[]),
    ("synthetic/e01_start_short.xml", &["Q012"]),
    ("synthetic/e02_start_feb30.xml", &["Q012"]),
    ("synthetic/e03_start_feb32.xml", &["Q012"]),
    ("synthetic/e04_start_garbage_tail.xml", &["Q012"]),
    ("synthetic/e05_start_tz.xml", &[]),
    ("synthetic/e06_start_missing.xml", &["Q011"]),
    ("synthetic/e07_end_missing.xml", &["Q011"]),
    ("synthetic/e08_two_rpa.xml", &["Q010"]),
    ("synthetic/e09_no_rpa.xml", &["Q010"]),
    ("synthetic/e10_bool_lower_y.xml", &[]),
    ("synthetic/e11_bool_yes.xml", &["Q021"]),
    ("synthetic/e12_bool_missing_value.xml", &["Q021"]),
    ("synthetic/e13_bool_two_performed.xml", &["Q020"]),
    ("synthetic/e14_bool_no_mid.xml", &["Q014"]),
    ("synthetic/e15_num_big.xml", &["Q019"]),
    ("synthetic/e15_num_decimal.xml", &["Q019"]),
    ("synthetic/e15_num_empty.xml", &["Q019"]),
    ("synthetic/e15_num_neg0.xml", &[]),
    ("synthetic/e15_num_neg1.xml", &["Q019"]),
    ("synthetic/e15_num_none.xml", &["Q019"]),
    ("synthetic/e15_num_plus5.xml", &[]),
    ("synthetic/e15_num_space.xml", &["Q019"]),
    ("synthetic/e15_num_zeropad.xml", &[]),
    ("synthetic/e16_num_gt_den.xml", &[]),
    ("synthetic/e17_two_num.xml", &["Q017"]),
    ("synthetic/e18_no_den.xml", &["Q017"]),
    ("synthetic/e19_no_children.xml", &["Q017"]),
    ("synthetic/e20_no_mid.xml", &["Q014"]),
    ("synthetic/e21_wrong_id_root.xml", &["Q015"]),
    ("synthetic/e22_dup_measure.xml", &[]),
    ("synthetic/e23_unknown_measure.xml", &[]),
    ("synthetic/e24_restricted.xml", &[]),
    ("synthetic/e24b_restricted_bool_only.xml", &[]),
    ("synthetic/e25_two_pi_sections.xml", &["Q008"]),
    ("synthetic/e26_empty_pi_section.xml", &[]),
    ("synthetic/e27_pi_ext_old.xml", &[]),
    ("synthetic/e28_no_program.xml", &["Q005"]),
    ("synthetic/e29_two_programs.xml", &["Q005"]),
    ("synthetic/e30_bad_program.xml", &["Q006"]),
    ("synthetic/e31_lower_program.xml", &[]),
    ("synthetic/e32_program_MIPS.xml", &[]),
    ("synthetic/e33_vg_no_id.xml", &["Q009"]),
    ("synthetic/e34_vg_with_id.xml", &[]),
    ("synthetic/e35_indiv_no_tin_npi.xml", &[]),
    ("synthetic/e36_group.xml", &[]),
    ("synthetic/e37_apm.xml", &[]),
    ("synthetic/e38_apm_no_id.xml", &[]),
    ("synthetic/e39_no_cehrt.xml", &[]),
    ("synthetic/e40_two_cehrt.xml", &["Q024"]),
    ("synthetic/e41_bad_cehrt.xml", &[]),
    ("synthetic/e42_two_performers.xml", &["Q025"]),
    ("synthetic/e43_doctype.xml", &["Q002"]),
    ("synthetic/e44_cd_ext_2022.xml", &["Q004"]),
    ("synthetic/e45_cd_ext_missing.xml", &["Q004"]),
    ("synthetic/e46_cd_two_tpl.xml", &[]),
    ("synthetic/e47_no_sections.xml", &["Q007"]),
    ("synthetic/e48_start_after_end.xml", &[]),
    ("synthetic/e49_year_2019.xml", &["Q004"]),
    ("synthetic/e50_pi_ia_measure_inside.xml", &["Q023"]),
    ("synthetic/e51_nd_outside_pi.xml", &["Q016"]),
    ("synthetic/e52_agg_two_values.xml", &["Q018"]),
    ("synthetic/e53_bool_code_T.xml", &["Q021"]),
    ("synthetic/e54_start_dash.xml", &[]),
    ("synthetic/e55_start_2025_only.xml", &["Q012"]),
    ("synthetic/e56_no_ns.xml", &[]),
    ("synthetic/e57_cd_ext_2025.xml", &["Q004"]),
    ("synthetic/e58_year_leading_space.xml", &["Q012"]),
    ("synthetic/e59_measure_id_whitespace.xml", &[]),
    ("synthetic/e60_xxe.xml", &["Q002"]),
    ("synthetic/e61_num_two_aggcounts.xml", &["Q018", "Q019"]),
    ("synthetic/e62_hie5_as_nd_with_lvotc_bool.xml", &[]),
    ("synthetic/e63_hie5_nd_hie1_nd.xml", &["Q022"]),
    ("synthetic/e64_two_mid_refs.xml", &["Q014"]),
    // Filed under 2024 (the quality section's year), whose guide is not 2024-12-01.
    ("synthetic/e65_quality_first_year.xml", &["Q004", "Q013"]),
    ("synthetic/e66_low_nullflavor.xml", &["Q011"]),
    ("synthetic/e67_two_low.xml", &["Q011"]),
    ("synthetic/e68_rpa_value_attr.xml", &["Q011"]),
];

/// Files the converter rejects (error 5) that pilint accepts on purpose:
/// they are written to the correct implementation guide of their own year,
/// which the converter no longer reads because it supports one year only.
const ACCEPTED_DELIBERATELY: &[&str] = &[
    "app-2024_App1-ApmEntity-Qrda-III.xml",
    "app-2024_App1-Group-QRDA-III.xml",
    "app-2024_App1-Indv-QRDA-III.xml",
    "qrda-files-2024_valid-QRDA-III-latest.xml",
];

/// Files the converter accepts that pilint rejects on purpose (stricter:
/// CMS would mis-read or reject the data later), with the rule that says why.
const STRICTER: &[(&str, &str)] = &[
    ("negative_AciMeasurePerformedGarbage.xml", "Q004"), // 2018 period in a 2025 document
    ("converter_valid-QRDA-III-abridged.xml", "Q004"),   // 2018 period in a 2025 document
    ("synthetic/e02_start_feb30.xml", "Q012"),           // converter reads 2025-02-28
    ("synthetic/e04_start_garbage_tail.xml", "Q012"),    // converter reads 2025-01-20
    ("synthetic/e58_year_leading_space.xml", "Q012"),    // converter emits year 202
    ("synthetic/e40_two_cehrt.xml", "Q024"),             // converter keeps the first silently
    ("synthetic/e49_year_2019.xml", "Q004"),             // 2019 period in a 2025 document
    ("synthetic/e50_pi_ia_measure_inside.xml", "Q023"),  // converter sends IA data as PI
    ("synthetic/e65_quality_first_year.xml", "Q013"),    // converter files PI under 2024
];

fn qf_codes(report: &FileReport) -> BTreeSet<&'static str> {
    report
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| c.starts_with(['Q', 'F']))
        .collect()
}

fn entries(json: &Value) -> Vec<&Value> {
    json["files"]
        .as_array()
        .into_iter()
        .chain(json["synthetic"].as_array())
        .flatten()
        .collect()
}

fn name(entry: &Value) -> &str {
    entry["file"].as_str().expect("file name")
}

#[test]
fn the_table_covers_the_whole_corpus() {
    let json = expected_json();
    let files: BTreeSet<&str> = entries(&json).into_iter().map(name).collect();
    let table: BTreeSet<&str> = EXPECTED.iter().map(|(f, _)| *f).collect();
    assert_eq!(files, table);
    // Every file in the directory is one expected.json describes: a copy
    // added without its source and verdict would go unchecked.
    let mut on_disk = BTreeSet::new();
    let mut pending = vec![corpus()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(corpus()).unwrap();
                on_disk.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    on_disk.remove("expected.json");
    let described: BTreeSet<String> = files.iter().map(|f| (*f).to_owned()).collect();
    assert_eq!(on_disk, described);
}

#[test]
fn each_file_gives_exactly_its_listed_xml_rules() {
    let mut failures = Vec::new();
    for (file, codes) in EXPECTED {
        let report = lint(file);
        let got = qf_codes(&report);
        let want: BTreeSet<&str> = codes.iter().copied().collect();
        if got != want {
            failures.push(format!("{file}: expected {want:?}, got {got:?}"));
        }
        let stopped = got
            .iter()
            .any(|c| ["Q001", "Q002", "Q003", "F005"].contains(c));
        if report.submission.is_none() != stopped {
            failures.push(format!("{file}: a model only when the file was decoded"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn converter_rejections_for_pi_or_envelope_get_an_error() {
    let json = expected_json();
    let pi_codes: Vec<i64> = json["pi_envelope_codes"]
        .as_array()
        .expect("pi_envelope_codes")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    let mut failures = Vec::new();
    let mut rejected = 0;
    for entry in entries(&json) {
        let file = name(entry);
        let result = &entry["peer_result_at_commit"];
        let codes: Vec<i64> = result["codes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_i64)
            .collect();
        if !codes.iter().any(|c| pi_codes.contains(c)) {
            continue;
        }
        rejected += 1;
        let report = lint(file);
        let errors = report.count(Severity::Error);
        // "Accepted on purpose" concerns the envelope: these files are right
        // for their year, so no XML rule may fire; the semantic rules still
        // judge their content (CMS's samples omit attestations, for one).
        let xml_errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.code.starts_with(['Q', 'F']))
            .count();
        let deliberate = ACCEPTED_DELIBERATELY.contains(&file);
        if deliberate && xml_errors != 0 {
            failures.push(format!(
                "{file}: listed as accepted on purpose, but has {xml_errors} XML errors"
            ));
        }
        if !deliberate && errors == 0 {
            failures.push(format!(
                "{file}: converter rejects it ({codes:?}), pilint gives no error"
            ));
        }
    }
    assert!(rejected > 60, "only {rejected} rejected files found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn converter_acceptances_the_corpus_marks_valid_get_no_xml_error() {
    let json = expected_json();
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in entries(&json) {
        let file = name(entry);
        if entry["peer_result_at_commit"]["valid"] != Value::Bool(true) {
            continue;
        }
        let marked_valid = match entry.get("pi_content_verdict").and_then(Value::as_str) {
            Some(verdict) => verdict.starts_with("valid"),
            // Synthetic documents have no verdict: every one the converter
            // accepts counts, except those pilint is deliberately stricter on.
            None => true,
        };
        let report = lint(file);
        let xml_errors: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('Q') && d.severity == Severity::Error)
            .map(|d| d.code)
            .collect();
        let stricter = STRICTER.iter().find(|(f, _)| *f == file);
        if let Some((_, code)) = stricter {
            if !xml_errors.contains(code) {
                failures.push(format!(
                    "{file}: listed as stricter ({code}), got {xml_errors:?}"
                ));
            }
        } else if marked_valid {
            checked += 1;
            if !xml_errors.is_empty() {
                failures.push(format!(
                    "{file}: accepted and valid, but pilint gives {xml_errors:?}"
                ));
            }
        }
    }
    assert!(checked > 30, "only {checked} accepted files checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The copies in tests/corpus/qrda3 are the files `expected.json` describes,
/// byte for byte: a verdict above is only CMS's verdict on unchanged bytes.
#[test]
fn every_corpus_file_is_the_recorded_copy() {
    use sha2::{Digest, Sha256};
    let json = expected_json();
    let mut failures = Vec::new();
    for entry in entries(&json) {
        let file = name(entry);
        let bytes = std::fs::read(corpus().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if Some(digest.as_str()) != entry["sha256"].as_str() {
            failures.push(format!(
                "{file}: sha256 {digest} differs from expected.json"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
