//! The classes of mistake that running pilint over CMS's own published
//! files showed (issue 15), each pinned on a fixture of ours in
//! `fixtures/realfiles/` (CMS's files inspired them; they stay out of the
//! repository): every finding `pilint check` prints, by position, severity
//! and code, and the words that name the real defect.
//!
//! 1. The QRDA III performance year is the first section's, as CMS's
//!    converter decides it.
//! 2. No usable year still runs every year-independent rule.
//! 3. A year before 2023 gets the year-independent rules only.
//! 4. API envelopes and JSON files that are no submission.
//! 5. Messages that name the real defect.

use assert_cmd::Command;

/// `pilint check --isolated --color never`, untouched by the caller's
/// colour or CI environment.
fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "--isolated", "--color", "never"]);
    cmd
}

/// Standard output and exit code.
fn run(cmd: &mut Command) -> (String, i32) {
    let output = cmd.output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// `line:column severity[CODE]` of each finding, and the concise output.
fn findings(fixture: &str) -> (Vec<String>, String) {
    let path = format!("fixtures/realfiles/{fixture}");
    let (out, _) = run(pilint().args(["--format", "concise", &path]));
    let prefix = format!("{path}:");
    let found = out
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(|rest| {
            // `12:5: error[C004] message` → `12:5 error[C004]`
            let mut parts = rest.splitn(3, ' ');
            let at = parts.next().unwrap_or_default().trim_end_matches(':');
            let what = parts.next().unwrap_or_default();
            format!("{at} {what}")
        })
        .collect();
    (found, out)
}

fn assert_findings(fixture: &str, expected: &[&str], phrases: &[&str]) {
    let (found, out) = findings(fixture);
    assert_eq!(found, expected, "{fixture}:\n{out}");
    for phrase in phrases {
        assert!(
            out.contains(phrase),
            "{fixture}: missing {phrase:?} in\n{out}"
        );
    }
}

// 1. The performance year of a QRDA III document.

#[test]
fn the_first_section_decides_the_qrda3_year() {
    // An IA section dated 2024 ahead of a PI section dated 2023: CMS files
    // the document under 2024, so 2024's rules apply (a 15E CEHRT ID is no
    // longer accepted, the PI period is outside the year).
    assert_findings(
        "apm-first-section-2024.xml",
        &[
            "19:56 error[C002]",
            "363:29 error[Q013]",
            "364:30 error[P003]",
        ],
        &[
            "does not match a format CMS accepts for 2024",
            "the PI section's performance period starts in 2023, but CMS files the document under 2024, the year of its first section (the Improvement Activities section)",
            "outside performance year 2024",
        ],
    );
}

// 2. No usable year.

#[test]
fn a_year_placeholder_still_gets_every_year_independent_rule() {
    assert_findings(
        "year-placeholder.json",
        &[
            "4:33 warning[I005]",
            "5:22 error[S003]",
            "13:18 warning[C004]",
            "17:48 error[A002]",
            "19:59 error[M006]",
        ],
        &[
            "`< performanceYearToBeReported >` is a placeholder from CMS's documentation",
            "`PI_INFBLO_1` (Actions to Limit or Restrict the Compatibility of CEHRT) is answered false",
        ],
    );
}

#[test]
fn a_missing_year_still_gets_every_year_independent_rule() {
    assert_findings(
        "missing-year.json",
        &[
            "1:1 error[S001]",
            "4:33 warning[I005]",
            "12:18 warning[C004]",
            "16:48 error[A002]",
            "18:59 error[M006]",
        ],
        &["the submission is missing the required property `performanceYear`"],
    );
}

#[test]
fn a_documentation_style_body_gets_identifier_and_attestation_rules() {
    assert_findings(
        "body-year-placeholder.json",
        &[
            "4:23 error[S005]",
            "5:21 error[S005]",
            "7:14 warning[C004]",
            "10:37 error[S005]",
            "11:24 error[S003]",
            "17:44 error[A002]",
        ],
        &["`PI_ONCDIR_1` (ONC Direct Review Attestation) is answered false"],
    );
}

// 3. Years before 2023.

#[test]
fn a_2017_aci_file_gets_only_year_independent_rules() {
    // No `aci` category error, no missing cehrtId: both are 2017-correct.
    assert_findings(
        "aci-2017.json",
        &["4:33 warning[I005]", "5:22 error[Y001]"],
        &["performance year 2017 is not supported"],
    );
}

#[test]
fn a_2018_file_without_cehrt_id_for_cpc_plus_is_not_faulted() {
    assert_findings("pi-2018-no-cehrt.json", &["4:22 error[Y001]"], &[]);
}

#[test]
fn a_2019_cpc_plus_document_is_not_a_program_error() {
    assert_findings(
        "cpcplus-2019.xml",
        &["346:29 error[Y001]"],
        &["performance year 2019 is not supported"],
    );
}

// 4. Envelopes and files that are no submission.

#[test]
fn an_api_response_is_recognised_and_its_submission_checked_in_place() {
    assert_findings(
        "api-response-2025.json",
        &["2:3 info[S009]", "7:37 warning[I005]", "34:64 error[M006]"],
        &["this file is a QPP Submissions API envelope"],
    );
    // The inner submission's findings point into it.
    let (out, _) = run(pilint().args([
        "--format",
        "json",
        "fixtures/realfiles/api-response-2025.json",
    ]));
    assert!(
        out.contains(
            "\"pointer\": \"/data/submission/measurementSets/0/measurements/9/value/numerator\""
        ),
        "{out}"
    );
}

#[test]
fn a_package_json_is_one_not_a_submission_finding() {
    assert_findings(
        "package.json",
        &["1:1 error[S008]"],
        &[
            "this JSON file is not a QPP submission: it has none of `entityType`, `performanceYear` or `measurementSets`",
        ],
    );
}

// 5. Messages that name the real defect.

#[test]
fn a_key_at_the_wrong_level_says_where_it_belongs() {
    assert_findings(
        "program-name-on-submission.json",
        &["5:3 error[S002]", "25:59 error[S002]"],
        &[
            "`programName` is not a property of the submission; it belongs on each measurement set",
            "`numerator` is not a property of measurement 12; it belongs in a measurement's `value` object",
        ],
    );
    let (_, out) = findings("program-name-on-submission.json");
    assert!(!out.contains("did you mean `programName`"), "{out}");
}

#[test]
fn a_superseded_guide_is_named_as_such() {
    assert_findings(
        "superseded-guide-2025.xml",
        &["6:64 error[Q004]"],
        &[
            "templateId extension `2024-07-01` is the 2025 CMS QRDA III implementation guide v1.0, superseded by v1.1, `2024-12-01`; CMS accepts only `2024-12-01` for 2025",
        ],
    );
}

#[test]
fn a_wrong_period_is_blamed_not_the_current_guide() {
    assert_findings(
        "period-2021-current-guide.xml",
        &["346:29 error[Q004]"],
        &[
            "the performance period starts in 2021, but templateId extension `2024-12-01` is the CMS QRDA III implementation guide for 2025: check the period",
        ],
    );
}

#[test]
fn pcf_with_a_pi_section_says_pi_is_not_accepted_for_that_program() {
    assert_findings(
        "pcf-with-pi-2024.xml",
        &["14:55 error[Q006]"],
        &["PI is not accepted for program `PCF` (Primary Care First): remove the PI section"],
    );
}

#[test]
fn programs_cms_tools_disagreed_on_are_warnings_that_say_so() {
    assert_findings(
        "ssp-pi-2026.xml",
        &["6:64 info[Q004]", "14:55 warning[Q006]"],
        &["CMS's tools disagree on program name `SSP_PI_GROUP`"],
    );
    assert_findings(
        "ssp-2025.json",
        &["9:22 warning[I007]"],
        &["CMS's tools disagree on `ssp` for 2025"],
    );
}

#[test]
fn the_gaps_of_one_pi_set_are_one_finding_per_rule() {
    assert_findings(
        "gaps-one-finding-per-rule.json",
        &["6:5 error[A001]", "6:5 error[R001]"],
        &[
            "does not report 4 required attestations: `PI_INFBLO_1`",
            "does not report 4 required measures: `PI_EP_2`",
        ],
    );
    // 2023 accepted a SAFER Guides "no": the help says yes or no.
    let (out, _) = run(pilint().args([
        "--format",
        "full",
        "fixtures/realfiles/gaps-one-finding-per-rule.json",
    ]));
    assert!(
        out.contains("`PI_PPHI_2` (SAFER Guides) may be answered yes or no in 2023"),
        "{out}"
    );
}

#[test]
fn every_fixture_here_is_pinned() {
    let source = include_str!("real_files.rs");
    for entry in std::fs::read_dir("fixtures/realfiles").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            source.contains(&format!("\"{name}\"")),
            "fixtures/realfiles/{name} has no test"
        );
    }
}

// 7. Assumption labels.

#[test]
fn a_missing_cehrt_id_gets_the_incomplete_submission_note_from_2025() {
    assert_findings("no-cehrt-id-2025.xml", &["2:1 error[C001]"], &[]);
    let (out, _) = run(Command::cargo_bin("pilint").unwrap().args([
        "score",
        "--color",
        "never",
        "fixtures/realfiles/no-cehrt-id-2025.xml",
    ]));
    assert!(out.contains("G1 MISSING_CEHRT_ID"), "{out}");
    assert!(
        out.contains("Note: From 2025 a submission lacking required elements (a required measure, or the CEHRT ID) counts as no PI submission"),
        "{out}"
    );
}
