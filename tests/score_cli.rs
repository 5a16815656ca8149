//! `pilint score` and the score line of `pilint check`, end to end from the
//! binary: snapshots of what users see (exit code included), and the JSON
//! documents checked against `schemas/output.schema.json`.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (stdout, output.status.code().unwrap_or(-1))
}

fn shown(args: &[&str]) -> String {
    let (stdout, code) = run(args);
    format!("$ pilint {}\n{stdout}[exit {code}]\n", args.join(" "))
}

#[test]
fn table_with_redistribution_and_assumptions() {
    insta::assert_snapshot!(shown(&[
        "score",
        "--color",
        "never",
        "fixtures/score/2025-erx-excluded.json",
    ]));
}

#[test]
fn table_of_a_capped_score_under_the_app() {
    insta::assert_snapshot!(shown(&[
        "score",
        "--color",
        "never",
        "--framework",
        "app",
        "fixtures/score/2024-bonus-capped.json",
    ]));
}

#[test]
fn table_of_zeros_and_files_without_a_score() {
    insta::assert_snapshot!(shown(&[
        "score",
        "--color",
        "never",
        "fixtures/score/2024-safer-no.json",
        "fixtures/score/2025-two-sets.json",
        "fixtures/invalid/truncated.json",
        "fixtures/invalid/measurement-sets-empty.json",
    ]));
}

#[test]
fn json_document() {
    insta::assert_snapshot!(shown(&[
        "score",
        "--format",
        "json",
        "fixtures/score/2025-erx-excluded.json",
        "fixtures/score/2024-safer-no.json",
        "fixtures/invalid/truncated.json",
    ]));
}

#[test]
fn check_shows_the_predicted_score_per_file() {
    insta::assert_snapshot!(shown(&[
        "check",
        "--color",
        "never",
        "fixtures/score/2024-bonus-capped.json",
        "fixtures/invalid/pi-set-missing-cehrt-id.json",
        "fixtures/invalid/measurement-sets-empty.json",
    ]));
}

#[test]
fn no_score_hides_it() {
    let (with, _) = run(&["check", "--color", "never", "fixtures/score"]);
    let (without, code) = run(&["check", "--color", "never", "--no-score", "fixtures/score"]);
    assert!(with.contains("predicted PI score 99/100"));
    assert!(!without.contains("PI score"));
    // The zero-score fixtures also break semantic rules: exit 1, never 2.
    assert_eq!(code, 1);
    let (json, _) = run(&["check", "--format", "json", "--no-score", "fixtures/score"]);
    assert!(!json.contains("\"score\""));
}

#[test]
fn exit_codes() {
    // Every file earns points.
    assert_eq!(run(&["score", "fixtures/valid"]).1, 0);
    // A zero, or a file without a score, earns nothing: 1.
    assert_eq!(run(&["score", "fixtures/score/2024-safer-no.json"]).1, 1);
    assert_eq!(run(&["score", "fixtures/invalid/empty.json"]).1, 1);
    // A path that does not exist: 2.
    assert_eq!(run(&["score", "no/such/file.json"]).1, 2);
}

fn schema_for(def: Option<&str>) -> jsonschema::Validator {
    let text = std::fs::read_to_string("schemas/output.schema.json").unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    if let Some(def) = def {
        // Validate against one definition: the same schema, rooted there.
        let object = schema.as_object_mut().unwrap();
        for key in ["type", "required", "properties"] {
            object.remove(key);
        }
        object.insert("$ref".to_owned(), Value::from(format!("#/$defs/{def}")));
    }
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, document: &str) {
    let value: Value = serde_json::from_str(document).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn score_json_matches_its_schema() {
    let validator = schema_for(Some("scoreDocument"));
    for framework in ["mips", "app", "mvp"] {
        let (stdout, _) = run(&[
            "score",
            "--format",
            "json",
            "--framework",
            framework,
            "fixtures",
        ]);
        assert_valid(&validator, &stdout);
    }
    // The schema is not vacuous: a wrong document fails it.
    let wrong = r#"{"version": 1, "framework": "mips", "files": [{"path": "x", "performanceYear": 2025, "score": {"total": "80"}}]}"#;
    let value: Value = serde_json::from_str(wrong).unwrap();
    assert!(!validator.is_valid(&value));
}

#[test]
fn check_json_with_scores_matches_its_schema() {
    let (stdout, _) = run(&["check", "--format", "json", "fixtures"]);
    assert_valid(&schema_for(None), &stdout);
    assert!(stdout.contains("\"score\""));
}

#[test]
fn year_2027_is_provisional_everywhere() {
    let text = std::fs::read_to_string("fixtures/score/2026-tefca-bonus.json")
        .unwrap()
        .replace("2026", "2027");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2027.json");
    std::fs::write(&path, text).unwrap();
    let (stdout, code) = run(&["score", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&stdout).unwrap();
    let score = &value["files"][0]["score"];
    assert_eq!(score["total"], 99);
    assert!(score["provisional"].is_string());
    let measures = score["measures"].as_array().unwrap();
    assert!(measures.iter().all(|m| m["assumption"] == true));
    assert!(score["weightAssumption"].is_string());
}

/// The README's score example is real output, kept current.
#[test]
fn readme_score_example_is_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("<!-- example:score:start -->").unwrap();
    let end = readme.find("<!-- example:score:end -->").unwrap();
    let block = &readme[start..end];
    let (stdout, _) = run(&[
        "score",
        "--color",
        "never",
        "fixtures/score/2025-erx-excluded.json",
    ]);
    assert!(
        block.contains(&format!(
            "$ pilint score fixtures/score/2025-erx-excluded.json\n{stdout}```"
        )),
        "README.md's score example differs from:\n{stdout}"
    );
}
