//! The 27 worked examples of ../shared/spec/scoring-examples.json
//! (scoring.md §13), each run end to end as a submission file: its total,
//! its per-measure points, its maxima after redistribution, its bonus and
//! its zero reason must all match.
//!
//! Conventions of the examples (scoring.md §13): `perMeasure` lists only the
//! measures that earn points (excluded measures are omitted), public-health
//! points are split equally among the credited measures, and the bonus is
//! separate.

use std::collections::BTreeMap;

use pilint::lint::{LintOptions, lint_source};
use pilint::score::{FileScore, SetResult};
use pilint::source::SourceFile;
use serde_json::{Value, json};

const EXAMPLES: &str = "../shared/spec/scoring-examples.json";

fn examples() -> Vec<Value> {
    let text = std::fs::read_to_string(EXAMPLES)
        .unwrap_or_else(|err| panic!("{EXAMPLES} (CI keeps shared/ beside the clone): {err}"));
    let value: Value = serde_json::from_str(&text).unwrap();
    value.as_array().unwrap().clone()
}

/// The example as the submission file a registry would send.
fn submission_file(example: &Value) -> String {
    let mut set = json!({
        "category": "pi",
        "submissionMethod": "registry",
        "programName": "mips",
        "performanceStart": example["performanceStart"],
        "performanceEnd": example["performanceEnd"],
        "measurements": example["measurements"],
    });
    if let Some(cehrt) = example["cehrtId"].as_str() {
        set["cehrtId"] = json!(cehrt);
    }
    let file = json!({
        "entityType": "group",
        "taxpayerIdentificationNumber": "000123456",
        "performanceYear": example["year"],
        "measurementSets": [set],
    });
    serde_json::to_string_pretty(&file).unwrap()
}

fn score_of(example: &Value) -> FileScore {
    let name = example["name"].as_str().unwrap();
    let source = SourceFile::from_text(format!("{name}.json"), submission_file(example));
    let report = lint_source(source, &LintOptions::default());
    report.score.unwrap_or_else(|| panic!("{name}: no model"))
}

fn numbers(value: &Value) -> BTreeMap<String, f64> {
    value
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn there_are_27_examples() {
    assert_eq!(examples().len(), 27);
}

#[test]
fn every_example_scores_as_documented() {
    let mut failures = Vec::new();
    for example in examples() {
        let name = example["name"].as_str().unwrap().to_owned();
        let expected = &example["expected"];
        let score = score_of(&example);
        let set = &score.sets[0];
        let total = score.total();
        if total != expected["total"].as_f64() {
            failures.push(format!(
                "{name}: total {total:?}, expected {}",
                expected["total"]
            ));
        }
        match &set.result {
            SetResult::Scored(breakdown) => {
                let points: BTreeMap<String, f64> = breakdown
                    .measures
                    .iter()
                    .filter(|m| !m.excluded)
                    .map(|m| (m.measure_id.clone(), m.points))
                    .collect();
                if points != numbers(&expected["perMeasure"]) {
                    failures.push(format!("{name}: per-measure {points:?}"));
                }
                if breakdown.bonus.points != expected["bonus"].as_f64().unwrap() {
                    failures.push(format!("{name}: bonus {}", breakdown.bonus.points));
                }
                // Maxima of the measures scored on their own (the examples
                // leave the public-health objective out of this map).
                let maxima: BTreeMap<String, f64> = breakdown
                    .measures
                    .iter()
                    .filter(|m| !m.excluded && !m.measure_id.starts_with("PI_PHCDRR"))
                    .map(|m| (m.measure_id.clone(), m.max))
                    .collect();
                if maxima != numbers(&example["maxPointsAfterRedistribution"]) {
                    failures.push(format!("{name}: maxima {maxima:?}"));
                }
                if expected.get("zeroReason").is_some() {
                    failures.push(format!("{name}: scored, expected a zero"));
                }
            }
            SetResult::Zero { reasons, .. } => {
                let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
                let want = expected["zeroReason"].as_str();
                if want.is_none_or(|want| codes != [want]) {
                    failures.push(format!("{name}: zero reasons {codes:?}"));
                }
                if reasons.iter().any(|r| r.loc.is_none()) {
                    failures.push(format!("{name}: a zero reason without a location"));
                }
            }
            SetResult::Rejected(reasons) => {
                failures.push(format!("{name}: rejected {reasons:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Figures resting on a rule scoring.md marks UNCONFIRMED say so, and the
/// high-confidence examples rest on none.
#[test]
fn unconfirmed_rules_are_marked() {
    let by_name = |prefix: &str| {
        examples()
            .into_iter()
            .find(|e| e["name"].as_str().unwrap().starts_with(prefix))
            .unwrap()
    };
    let flagged = |prefix: &str| -> Vec<String> {
        let score = score_of(&by_name(prefix));
        let SetResult::Scored(b) = &score.sets[0].result else {
            return Vec::new();
        };
        b.measures
            .iter()
            .filter(|m| !m.assumptions.is_empty() && !m.measure_id.starts_with("PI_PHCDRR"))
            .map(|m| m.measure_id.clone())
            .collect()
    };
    // R2 split (E05), R3/R4 target (E08, E09, E25), tie rounding (E26).
    // Excluded measures' lines carry the rule that moved their points too.
    assert_eq!(flagged("E05"), ["PI_EP_1", "PI_HIE_1", "PI_HIE_4"]);
    assert_eq!(flagged("E08"), ["PI_HIE_1", "PI_PEA_1"]);
    assert_eq!(flagged("E25"), ["PI_HIE_1", "PI_HIE_4", "PI_PEA_1"]);
    assert_eq!(flagged("E26"), ["PI_HIE_1"]);
    // R1 is confirmed: moving the PDMP points is certain.
    assert!(flagged("E06").is_empty());
    assert!(flagged("E02").is_empty());
}
