//! The worked examples of tests/corpus/scoring-examples.json, each run
//! end to end as a submission file: its total, its per-measure points, its
//! maxima after redistribution, its bonus and its zero reason must all match.
//!
//! Conventions of the examples (the file's `conventions`): `perMeasure` lists
//! only the measures that earn points (excluded measures are omitted), public-
//! health points are split equally among the credited measures, and the bonus
//! is separate. Each example names the documents its arithmetic rests on.

use std::collections::BTreeMap;

use pilint::lint::{LintOptions, lint_source};
use pilint::score::{FileScore, SetResult};
use pilint::source::SourceFile;
use serde_json::{Value, json};

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/scoring-examples.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    serde_json::from_str(&text).unwrap()
}

fn examples() -> Vec<Value> {
    corpus()["examples"].as_array().unwrap().clone()
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

/// The examples are E01, E02, … without a gap or a repeat, so one lost in
/// an edit is noticed.
#[test]
fn examples_are_numbered_without_gaps() {
    let numbers: Vec<String> = examples()
        .iter()
        .map(|e| e["name"].as_str().unwrap()[..3].to_owned())
        .collect();
    let expected: Vec<String> = (1..=numbers.len()).map(|n| format!("E{n:02}")).collect();
    assert_eq!(numbers, expected);
    assert!(numbers.len() >= 20, "{} examples", numbers.len());
}

/// Every example cites at least one document, every cited key is described
/// under `documents`, and every described document is cited: the sources
/// are data a reader can follow, not a comment that drifts.
#[test]
fn every_example_names_its_sources() {
    let corpus = corpus();
    let documents = corpus["documents"].as_object().expect("documents");
    let mut cited = std::collections::BTreeSet::new();
    for example in examples() {
        let name = example["name"].as_str().unwrap();
        let sources = example["sources"].as_array().expect("sources");
        assert!(!sources.is_empty(), "{name}: no source");
        for key in sources {
            let key = key.as_str().unwrap();
            let text = documents.get(key).and_then(Value::as_str);
            assert!(
                text.is_some_and(|t| !t.is_empty()),
                "{name}: {key} undescribed"
            );
            cited.insert(key.to_owned());
        }
    }
    let described: std::collections::BTreeSet<String> = documents.keys().cloned().collect();
    assert_eq!(cited, described, "documents described but never cited");
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

/// Figures resting on a rule no retrieved CMS text confirms say so, and the
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
