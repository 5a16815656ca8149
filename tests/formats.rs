//! Every output format end to end: the same inputs rendered in each format
//! as snapshots, each checked against its schema or reader where one exists
//! (our JSON schema, the shipped VS Code problem matcher, GitHub's escaping,
//! an XML parser), plus several formats in one run and masking everywhere.
//! SARIF is also validated by Microsoft's official validator in CI
//! (`.ci/sarif`).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{FORMATS, pilint, run, snapshot_text};

const INPUTS: &[&str] = &[
    "fixtures/invalid/duplicate-key.json",
    "fixtures/invalid/qrda3/ambiguous-identifier.xml",
    "fixtures/invalid/tin-with-dash.json",
    "fixtures/valid/group-2025.json",
];

fn render(format: &str, inputs: &[&str]) -> String {
    let (stdout, code) = run(pilint().args(["--format", format]).args(inputs));
    assert_eq!(code, 1, "{format}");
    stdout
}

fn schema_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string("schemas/output.schema.json").unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_format_renders_the_same_inputs() {
    for format in FORMATS {
        let out = snapshot_text(format, render(format, INPUTS));
        insta::assert_snapshot!(format!("format_{format}"), out);
    }
}

#[test]
fn json_lines_are_the_json_diagnostics_with_their_path_and_match_the_schema() {
    let lines = json_lines(&render("json-lines", INPUTS));
    let document: Value = serde_json::from_str(&render("json", INPUTS)).unwrap();
    let mut expected = Vec::new();
    for file in document["files"].as_array().unwrap() {
        for diagnostic in file["diagnostics"].as_array().unwrap() {
            let mut line = diagnostic.clone();
            line["path"] = file["path"].clone();
            expected.push(line);
        }
    }
    // Then the cross-file findings, as the `crossFile` array has them.
    let cross = document["crossFile"].as_array().unwrap();
    assert!(!cross.is_empty());
    expected.extend(cross.iter().cloned());
    assert_eq!(lines, expected);
    let schema: Value =
        serde_json::from_str(&fs::read_to_string("schemas/output.schema.json").unwrap()).unwrap();
    let line_schema = serde_json::json!({
        "$schema": schema["$schema"],
        "$defs": schema["$defs"],
        "$ref": "#/$defs/jsonLine",
    });
    let validator = jsonschema::draft202012::new(&line_schema).unwrap();
    for line in &lines {
        let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{line}: {errors:?}");
    }
    // The whole-document format still matches its schema.
    assert!(schema_validator().is_valid(&document));
}

/// The VS Code problem matcher shipped in editors/vscode reads every
/// concise line back into the finding it came from.
#[test]
fn concise_output_round_trips_through_the_shipped_problem_matcher() {
    let tasks: Value =
        serde_json::from_str(&fs::read_to_string("editors/vscode/tasks.json").unwrap()).unwrap();
    let matcher = &tasks["tasks"][0]["problemMatcher"];
    let pattern = &matcher["pattern"];
    let regex = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| pattern[name].as_u64().unwrap() as usize;

    let (concise, _) = run(pilint().args(["--format", "concise", "fixtures"]));
    let (lines, _) = run(pilint().args(["--format", "json-lines", "fixtures"]));
    let findings = json_lines(&lines);
    let matched: Vec<regex::Captures> = concise.lines().filter_map(|l| regex.captures(l)).collect();
    assert_eq!(matched.len(), findings.len());
    assert!(findings.len() > 50, "every fixture's findings");
    for (captures, finding) in matched.iter().zip(&findings) {
        assert_eq!(&captures[group("file")], finding["path"].as_str().unwrap());
        assert_eq!(
            captures[group("line")].parse::<u64>().unwrap(),
            finding["line"]
        );
        assert_eq!(
            captures[group("column")].parse::<u64>().unwrap(),
            finding["column"]
        );
        assert_eq!(
            &captures[group("severity")],
            finding["severity"].as_str().unwrap()
        );
        assert_eq!(&captures[group("code")], finding["code"].as_str().unwrap());
        assert_eq!(
            &captures[group("message")],
            finding["message"].as_str().unwrap()
        );
    }
    // Only the summary line is not a finding.
    let other: Vec<&str> = concise.lines().filter(|l| !regex.is_match(l)).collect();
    assert_eq!(other.len(), 1, "{other:?}");
    assert!(other[0].starts_with("Checked "));
}

/// Decodes a workflow command's escaped data as GitHub's runner does.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_escape_percent_newlines_colons_and_commas() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("fixtures/valid/group-2025.json")
        .unwrap()
        .replace("\"cehrtId\": \"", "\"cehrtId\": \"100%,a:b");
    assert!(text.contains("100%,a:b"));
    let name = "odd,name:100%.json";
    fs::write(dir.path().join(name), text).unwrap();
    let (out, code) = run(pilint()
        .current_dir(dir.path())
        .args(["--format", "github", name]));
    assert_eq!(code, 1);
    let (lines, _) = run(pilint()
        .current_dir(dir.path())
        .args(["--format", "json-lines", name]));
    let finding = &json_lines(&lines)[0];

    let line = out.lines().next().unwrap();
    assert_eq!(out.lines().count(), 1, "one line per annotation: {out}");
    let (head, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
    let (command, properties) = head.split_once(' ').unwrap();
    assert_eq!(command, "error");
    // Properties are split on raw `,` and `=` only after escaping made
    // those in values safe.
    let properties: Vec<(&str, String)> = properties
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k, unescape(v))
        })
        .collect();
    assert_eq!(properties[0], ("file", name.to_owned()));
    assert!(properties[0].1.contains(',') && properties[0].1.contains(':'));
    let get = |key: &str| {
        properties
            .iter()
            .find(|(k, _)| *k == key)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(get("line"), finding["line"].to_string());
    assert_eq!(get("col"), finding["column"].to_string());
    assert_eq!(get("endLine"), finding["endLine"].to_string());
    assert_eq!(get("endColumn"), finding["endColumn"].to_string());
    assert_eq!(
        get("title"),
        format!(
            "{} {}",
            finding["code"].as_str().unwrap(),
            finding["name"].as_str().unwrap()
        )
    );
    let message = unescape(message);
    assert_eq!(
        message,
        format!(
            "{}\nhelp: {}",
            finding["message"].as_str().unwrap(),
            finding["help"].as_str().unwrap()
        )
    );
    assert!(message.contains('%') && message.contains('\n'));
    assert!(message.contains(',') && message.contains(':'));
}

#[test]
fn github_says_when_annotations_exceed_the_limit_and_fills_the_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let (out, _) = run(pilint().env("GITHUB_STEP_SUMMARY", &summary).args([
        "--format",
        "github",
        "fixtures/invalid",
    ]));
    let annotations = out.lines().filter(|l| l.starts_with("::error ")).count();
    assert!(annotations > 10);
    let notice = out.lines().last().unwrap();
    assert!(notice.starts_with("::notice title=pilint::"), "{notice}");
    assert!(notice.contains("at most 10 annotations"), "{notice}");
    assert!(notice.contains("step summary"), "{notice}");
    let table = fs::read_to_string(&summary).unwrap();
    let rows = table
        .lines()
        .filter(|l| l.starts_with("| fixtures/"))
        .count();
    assert_eq!(
        rows,
        out.lines().filter(|l| l.starts_with("::")).count() - 1
    );

    // Within the limit: no notice, no summary.
    let quiet = dir.path().join("quiet.md");
    let (out, _) = run(pilint().env("GITHUB_STEP_SUMMARY", &quiet).args([
        "--format",
        "github",
        "fixtures/invalid/tin-with-dash.json",
    ]));
    assert_eq!(out.lines().count(), 1);
    assert!(!quiet.exists());
}

#[test]
fn under_github_actions_the_default_output_gets_annotations_too() {
    let bad = "fixtures/invalid/tin-with-dash.json";
    let (out, code) = run(pilint().env("GITHUB_ACTIONS", "true").arg(bad));
    assert_eq!(code, 1);
    assert!(out.contains("error[S005]"), "{out}");
    assert!(
        out.contains("::error file=fixtures/invalid/tin-with-dash.json,line=3"),
        "{out}"
    );
    // An explicit format is taken as asked.
    let (out, _) = run(pilint()
        .env("GITHUB_ACTIONS", "true")
        .args(["--format", "concise", bad]));
    assert!(!out.contains("::error"), "{out}");
}

fn fingerprints_of(format: &str, path: &Path) -> Vec<(String, u64)> {
    let (out, _) = run(pilint().args(["--format", format]).arg(path));
    let value: Value = serde_json::from_str(&out).unwrap();
    match format {
        "sarif" => value["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["pilint/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect(),
        _ => value
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap().to_owned(),
                    i["location"]["positions"]["begin"]["line"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect(),
    }
}

#[test]
fn fingerprints_are_unique_and_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sub.json");
    let text = fs::read_to_string("fixtures/invalid/hie-options-mixed.json").unwrap();
    for format in ["sarif", "gitlab"] {
        fs::write(&file, &text).unwrap();
        let before = fingerprints_of(format, &file);
        assert!(!before.is_empty());
        let mut unique: Vec<&String> = before.iter().map(|(f, _)| f).collect();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), before.len(), "{format}: {before:?}");
        // Three lines more at the top: same findings, same identities.
        fs::write(&file, format!("\n\n\n{text}")).unwrap();
        let after = fingerprints_of(format, &file);
        assert_eq!(after.len(), before.len());
        for ((a, line_a), (b, line_b)) in before.iter().zip(&after) {
            assert_eq!(a, b, "{format}");
            assert_eq!(line_a + 3, *line_b, "{format}");
        }
    }
}

#[test]
fn sarif_describes_every_rule_and_locates_results_both_ways() {
    let (out, _) = run(pilint().args(["--format", "sarif"]).args(INPUTS));
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let run0 = &value["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), pilint::rules::registry::all_rules().len());
    for rule in rules {
        for key in [
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
        ] {
            assert!(!rule[key].is_null(), "{key} in {rule}");
        }
        // Each rule its own page (tests/rule_pages.rs checks the pages).
        assert_eq!(
            rule["helpUri"].as_str().unwrap(),
            pilint::rules::url::url(rule["id"].as_str().unwrap())
        );
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0];
        assert!(location["physicalLocation"]["region"]["startColumn"].is_u64());
        assert!(
            location["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .unwrap()
                .starts_with('/')
        );
    }
    let xml = results
        .iter()
        .find(|r| r["ruleId"] == "Q025")
        .expect("the QRDA III finding");
    assert_eq!(
        xml["locations"][0]["logicalLocations"][0]["kind"],
        "attribute"
    );
    assert_eq!(
        xml["relatedLocations"][0]["message"]["text"],
        "the TIN CMS reads"
    );
}

#[test]
fn junit_has_one_case_per_file_and_a_failure_per_finding_at_the_threshold() {
    let out = render("junit", INPUTS);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures) = (0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().into_inner() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    // One case per file, and the cross-file checks' case.
    assert_eq!(cases, INPUTS.len() + 1);
    assert!(out.contains("<testcase name=\"cross-file\" classname=\"pilint\">"));
    // Two errors; the Q025 warning and the X001 info are below the default
    // threshold.
    assert_eq!(failures, 2);
    assert!(out.contains("<system-out>"), "{out}");
    let (warned, _) = run(pilint()
        .args(["--format", "junit", "--fail-on", "warning"])
        .args(INPUTS));
    assert_eq!(warned.matches("<failure ").count(), 3);
}

#[test]
fn several_formats_in_one_run_each_to_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let lines = dir.path().join("out.jsonl");
    let (stdout, code) = run(pilint()
        .args(["--format", "sarif", "-o"])
        .arg(&sarif)
        .args([
            "--format",
            "concise",
            "--format",
            "json-lines",
            "--output-file",
        ])
        .arg(&lines)
        .args(INPUTS));
    assert_eq!(code, 1);
    assert_eq!(stdout, render("concise", INPUTS));
    let sarif: Value = serde_json::from_str(&fs::read_to_string(&sarif).unwrap()).unwrap();
    let lines = json_lines(&fs::read_to_string(&lines).unwrap());
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        lines.len()
    );
    // Files never get colour codes, even when forced for the terminal.
    let full = dir.path().join("full.txt");
    Command::cargo_bin("pilint")
        .unwrap()
        .args([
            "check",
            "--isolated",
            "--color",
            "always",
            "--format",
            "full",
            "-o",
        ])
        .arg(&full)
        .args(INPUTS)
        .output()
        .unwrap();
    assert!(!fs::read_to_string(&full).unwrap().contains('\u{1b}'));
}

#[test]
fn two_formats_on_standard_output_or_a_stray_output_file_are_usage_errors() {
    for args in [
        &["--format", "json", "--format", "concise"][..],
        &["-o", "x.txt", "--format", "json"][..],
    ] {
        let output = pilint().args(args).args(INPUTS).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("format"));
    }
}

#[test]
fn identifiers_are_masked_in_every_format_unless_asked() {
    // The TIN is 00-0123456, the QRDA TINs 123456789-like; only the last
    // four characters may show.
    let hidden = ["00-0123456", "0-012", "\"123456"];
    for format in FORMATS {
        let out = render(format, INPUTS);
        for value in hidden {
            assert!(!out.contains(value), "{format} shows {value}");
        }
        assert!(out.contains("3456"), "{format}");
    }
    let (shown, _) = run(pilint()
        .args(["--show-identifiers", "--format", "concise"])
        .args(INPUTS));
    assert!(shown.contains("`00-0123456`"), "{shown}");
}
