//! Zero reasons and no-score reasons beyond the worked examples: each edit
//! of the valid 2025 group file gives exactly the expected codes, each at
//! its cause in the file.

use pilint::lint::{LintOptions, lint_source};
use pilint::score::{FileScore, SetResult};
use pilint::source::SourceFile;

const BASE: &str = "fixtures/valid/group-2025.json";

/// Scores the base file with `edits` (from → to) applied.
fn edited(edits: &[(&str, &str)]) -> (FileScore, SourceFile) {
    let mut text = std::fs::read_to_string(BASE).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in {BASE}");
        text = text.replacen(from, to, 1);
    }
    let report = lint_source(
        SourceFile::from_text("edited.json", text),
        &LintOptions::default(),
    );
    (report.score.unwrap(), report.source)
}

/// (code, text at the reason's location) of the first set.
fn reasons(edits: &[(&str, &str)]) -> Vec<(String, String)> {
    let (score, source) = edited(edits);
    let list = match &score.sets[0].result {
        SetResult::Zero { reasons, .. } | SetResult::Rejected(reasons) => reasons.clone(),
        SetResult::Scored(_) => Vec::new(),
    };
    list.iter()
        .map(|r| {
            let span = r.loc.as_ref().unwrap().span;
            let at: String = source.text[span.start()..].chars().take(24).collect();
            (r.code.clone(), at)
        })
        .collect()
}

fn codes(edits: &[(&str, &str)]) -> Vec<String> {
    reasons(edits).into_iter().map(|(code, _)| code).collect()
}

#[test]
fn the_base_scores_80() {
    // EP 4; PDMP 10; HIE_1 9; HIE_4 15; PEA 12; PH 25 (eCR excluded, but
    // suppressed in 2025: 12.5 + 12.5); bonus 5 (PI_PHCDRR_2 with _PRE).
    assert_eq!(edited(&[]).0.total(), Some(80.0));
}

#[test]
fn period_gates_point_at_the_dates() {
    let r = reasons(&[("\"2025-01-01\"", "\"2025-07-06\"")]);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].0, "PERFORMANCE_PERIOD_TOO_SHORT");
    assert!(r[0].1.starts_with("\"2025-07-06\""));
    // July 5 to December 31 is exactly 180 days: passes.
    assert!(codes(&[("\"2025-01-01\"", "\"2025-07-05\"")]).is_empty());
    assert_eq!(
        codes(&[("\"2025-12-31\"", "\"2026-01-31\"")]),
        ["PERFORMANCE_PERIOD_OUTSIDE_YEAR"]
    );
    assert_eq!(
        codes(&[
            ("\"2025-12-31\"", "\"END\""),
            ("\"2025-01-01\"", "\"2025-12-31\""),
            ("\"END\"", "\"2025-01-01\"")
        ]),
        ["PERFORMANCE_PERIOD_TOO_SHORT"]
    );
    assert_eq!(
        codes(&[("\"2025-01-01\"", "\"2025-02-30\"")]),
        ["PERFORMANCE_PERIOD_UNREADABLE"]
    );
}

/// In gate order (G3, G5, G8, G10), each at its cause.
#[test]
fn every_failed_gate_is_listed() {
    let r = reasons(&[
        (
            "\"PI_INFBLO_1\", \"value\": true",
            "\"PI_INFBLO_1\", \"value\": false",
        ),
        (
            "\"PI_PPHI_1\", \"value\": true",
            "\"PI_PPHI_1\", \"value\": false",
        ),
        ("\"numerator\": 861", "\"numerator\": 0"),
        (
            "{ \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },",
            "",
        ),
    ]);
    let codes: Vec<&str> = r.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "ATTESTATION_NOT_YES",
            "SRA_NOT_YES",
            "REQUIRED_MEASURE_NUMERATOR_ZERO",
            "ACTIVE_ENGAGEMENT_MISSING"
        ]
    );
    assert!(r[0].1.starts_with("false"), "at the answer: {}", r[0].1);
    assert!(r[2].1.starts_with("0,"), "at the numerator: {}", r[2].1);
    assert!(r[3].1.starts_with("true"), "at the PH answer: {}", r[3].1);
}

#[test]
fn missing_measures_and_declined_exclusions() {
    assert_eq!(
        codes(&[("{ \"measureId\": \"PI_PPHI_2\", \"value\": true },", "")]),
        ["SAFER_MISSING"]
    );
    // An exclusion answered no claims nothing: the measure is missing.
    assert_eq!(
        codes(&[(
            "\"PI_PHCDRR_3_EX_1\", \"value\": true",
            "\"PI_PHCDRR_3_EX_1\", \"value\": false"
        )]),
        ["REQUIRED_MEASURE_MISSING"]
    );
    // No HIE option at all: one reason naming the three options.
    let (score, _) = edited(&[
        (
            "{ \"measureId\": \"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 } },",
            "",
        ),
        (
            "{ \"measureId\": \"PI_HIE_4\", \"value\": { \"numerator\": 923, \"denominator\": 951 } },",
            "",
        ),
    ]);
    let SetResult::Zero { reasons, notes } = &score.sets[0].result else {
        panic!("zero")
    };
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0]
            .message
            .contains("PI_HIE_1 + PI_HIE_4, or PI_HIE_5, or PI_HIE_6")
    );
    // From 2025 an incomplete submission may count as no submission.
    assert_eq!(notes.len(), 1);
}

#[test]
fn sets_cms_would_reject_have_no_score() {
    let hie_5 =
        "{ \"measureId\": \"PI_HIE_5\", \"value\": true },\n        { \"measureId\": \"PI_EP_2\"";
    let r = reasons(&[("{ \"measureId\": \"PI_EP_2\"", hie_5)]);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].0, "CONFLICTING_HIE_OPTIONS");
    let both_levels = "{ \"measureId\": \"PI_PHCDRR_2_PRE\", \"value\": true },\n        { \"measureId\": \"PI_PHCDRR_2\"";
    assert_eq!(
        codes(&[("{ \"measureId\": \"PI_PHCDRR_2\"", both_levels)]),
        ["SUBSTITUTES_TOGETHER"]
    );
    let with_exclusion =
        "{ \"measureId\": \"PI_LVPP_1\", \"value\": false },\n        { \"measureId\": \"PI_EP_2\"";
    assert_eq!(
        codes(&[("{ \"measureId\": \"PI_EP_2\"", with_exclusion)]),
        ["MEASURE_WITH_ITS_EXCLUSION"]
    );
    assert_eq!(
        codes(&[("\"PI_ONCACB_1\"", "\"PI_EP_2\"")]),
        ["DUPLICATE_MEASURE"]
    );
    assert_eq!(
        codes(&[("\"PI_ONCACB_1\"", "\"PI_HIE_9\"")]),
        ["UNKNOWN_MEASURE"]
    );
    assert_eq!(
        codes(&[("\"numerator\": 861", "\"numerator\": 1810")]),
        ["NUMERATOR_EXCEEDS_DENOMINATOR"]
    );
    assert_eq!(
        codes(&[("0015C01234ABCDE", "0015E01234ABCDE")]),
        ["MALFORMED_CEHRT_ID"]
    );
    let (score, _) = edited(&[("0015C01234ABCDE", "0015E01234ABCDE")]);
    assert_eq!(score.total(), None);
    assert_eq!(score.no_score_reasons().len(), 1);
}

#[test]
fn a_bonus_without_its_level_is_an_unconfirmed_zero_bonus() {
    let (score, _) = edited(&[
        (
            "{ \"measureId\": \"PI_PHCDRR_2_PROD\", \"value\": true }",
            "{ \"measureId\": \"PI_ONCACB_1\", \"value\": false }",
        ),
        ("{ \"measureId\": \"PI_ONCACB_1\", \"value\": true },", ""),
    ]);
    let SetResult::Scored(b) = &score.sets[0].result else {
        panic!("scored")
    };
    assert_eq!(b.bonus.points, 0.0);
    assert_eq!(b.bonus.assumptions.len(), 1);
    assert_eq!(score.total(), Some(75.0));
}

#[test]
fn unsupported_and_missing_years_have_no_score() {
    let (score, _) = edited(&[("\"performanceYear\": 2025", "\"performanceYear\": 2019")]);
    assert_eq!(score.no_score.unwrap().code, "PERFORMANCE_YEAR_UNSUPPORTED");
    let (score, _) = edited(&[("\"category\": \"pi\"", "\"category\": \"ia\"")]);
    assert_eq!(score.no_score.unwrap().code, "NO_PI_MEASUREMENT_SET");
}

#[test]
fn a_measure_repeated_many_times_is_one_reason_at_its_first_repeat() {
    let thrice = "{ \"measureId\": \"PI_PPHI_1\", \"value\": true },\n        { \"measureId\": \"PI_PPHI_1\", \"value\": false },\n        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n        { \"measureId\": \"PI_PPHI_1\", \"value\": true },";
    let r = reasons(&[("{ \"measureId\": \"PI_PPHI_1\", \"value\": true },", thrice)]);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "DUPLICATE_MEASURE");
    // The second row (the first repeat) is the one pointed at.
    let (_, source) = edited(&[("{ \"measureId\": \"PI_PPHI_1\", \"value\": true },", thrice)]);
    let first_repeat = source.text.match_indices("\"PI_PPHI_1\"").nth(1).unwrap().0;
    assert!(source.text[first_repeat..].starts_with(&r[0].1), "{r:?}");
}
