//! Cross-file findings (rule family `X`) in every output format, end to
//! end from the binary, on the fixture trees of `fixtures/crossfile/` (all
//! four X rules, at every severity): each format as a snapshot, and each
//! shown to carry every finding at its place, with its related places
//! where the format has room for them. `--format json`'s `crossFile` array
//! is the reference; `tests/crossfile_cli.rs` checks its places by hand.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;

mod common;
use common::{FORMATS, pilint, run, snapshot_text};

const TREES: &str = "fixtures/crossfile";

/// The trees in one format; the 2023 conflict (X002, an error) fails the run.
fn render(format: &str, extra: &[&str]) -> String {
    let (out, code) = run(pilint().args(["--format", format]).args(extra).arg(TREES));
    assert_eq!(code, 1, "{format}");
    out
}

/// One cross-file finding as `--format json` gives it.
struct Finding {
    code: String,
    name: String,
    severity: String,
    message: String,
    site: Place,
    related: Vec<(Place, String)>,
    object: Value,
}

#[derive(Debug, PartialEq)]
struct Place {
    path: String,
    line: u64,
    column: u64,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

fn place(v: &Value) -> Place {
    Place {
        path: v["path"].as_str().unwrap().to_owned(),
        line: v["line"].as_u64().unwrap(),
        column: v["column"].as_u64().unwrap(),
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap().to_owned()
}

fn expected() -> Vec<Finding> {
    let document: Value = serde_json::from_str(&render("json", &[])).unwrap();
    let findings: Vec<Finding> = document["crossFile"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| Finding {
            code: text(&f["code"]),
            name: text(&f["name"]),
            severity: text(&f["severity"]),
            message: text(&f["message"]),
            site: place(f),
            related: f["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (place(r), text(&r["message"])))
                .collect(),
            object: f.clone(),
        })
        .collect();
    // Every rule, every severity, each with a place in another file.
    let codes: std::collections::BTreeSet<&str> =
        findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes.len(), 4, "{codes:?}");
    for severity in ["error", "warning", "info"] {
        assert!(
            findings.iter().any(|f| f.severity == severity),
            "{severity}"
        );
    }
    assert!(findings.iter().all(|f| !f.related.is_empty()));
    findings
}

#[test]
fn every_format_renders_the_trees() {
    for format in FORMATS {
        let out = snapshot_text(format, render(format, &[]));
        insta::assert_snapshot!(format!("crossfile_{format}"), out);
    }
    insta::assert_snapshot!("crossfile_statistics", render("full", &["--statistics"]));
}

#[test]
fn full_shows_every_finding_and_its_related_places() {
    let out = render("full", &[]);
    for f in expected() {
        let label = if f.severity == "info" {
            "note"
        } else {
            &f.severity
        };
        assert!(
            out.contains(&format!(
                "{label}[{}]: {}\n  ┌─ {}\n",
                f.code, f.message, f.site
            )),
            "{}",
            f.message
        );
        for (at, message) in &f.related {
            assert!(
                out.contains(&format!("  ├─ {at}: {message}\n")),
                "{message}"
            );
        }
    }
}

#[test]
fn concise_has_a_line_per_finding_after_the_files_and_before_the_summary() {
    let out = render("concise", &[]);
    let lines: Vec<&str> = out.lines().collect();
    let findings = expected();
    let tail = &lines[lines.len() - 1 - findings.len()..lines.len() - 1];
    for (line, f) in tail.iter().zip(&findings) {
        assert_eq!(
            *line,
            format!("{}: {}[{}] {}", f.site, f.severity, f.code, f.message)
        );
    }
    assert!(lines[lines.len() - 1].starts_with("Checked 11 files: 2 errors, 1 warning"));
    // Every line before them is a file's finding.
    assert!(
        lines[..lines.len() - 1 - findings.len()]
            .iter()
            .all(|l| !l.contains("[X0"))
    );
}

#[test]
fn json_lines_end_with_the_cross_file_objects_and_match_the_schema() {
    let out = render("json-lines", &[]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let findings = expected();
    let tail = &lines[lines.len() - findings.len()..];
    for (line, f) in tail.iter().zip(&findings) {
        assert_eq!(*line, f.object);
    }
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
    // A cross-file line without its related places is not one.
    let mut broken = tail[0].clone();
    broken.as_object_mut().unwrap().remove("related");
    assert!(!validator.is_valid(&broken));
}

fn sarif_results() -> Vec<Value> {
    let value: Value = serde_json::from_str(&render("sarif", &[])).unwrap();
    let rules = value["runs"][0]["tool"]["driver"]["rules"].clone();
    let results: Vec<Value> = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"].as_str().unwrap().starts_with('X'))
        .cloned()
        .collect();
    for r in &results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        assert_eq!(rule["properties"]["tags"][0], "cross-file");
    }
    results
}

fn sarif_place(location: &Value) -> Place {
    let physical = &location["physicalLocation"];
    Place {
        path: text(&physical["artifactLocation"]["uri"]),
        line: physical["region"]["startLine"].as_u64().unwrap(),
        column: physical["region"]["startColumn"].as_u64().unwrap(),
    }
}

#[test]
fn sarif_has_a_result_per_finding_with_related_locations() {
    let results = sarif_results();
    let findings = expected();
    assert_eq!(results.len(), findings.len());
    for (r, f) in results.iter().zip(&findings) {
        assert_eq!(r["ruleId"], f.code.as_str());
        let level = if f.severity == "info" {
            "note"
        } else {
            &f.severity
        };
        assert_eq!(r["level"], level);
        assert!(text(&r["message"]["text"]).starts_with(&f.message));
        assert_eq!(sarif_place(&r["locations"][0]), f.site);
        assert_eq!(
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            f.object["pointer"]
        );
        let related = r["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), f.related.len());
        for (i, (location, (at, message))) in related.iter().zip(&f.related).enumerate() {
            assert_eq!(location["id"], i + 1);
            assert_eq!(sarif_place(location), *at);
            assert_eq!(location["message"]["text"], message.as_str());
        }
    }
    // The related places of the trees are QRDA III elements and JSON values.
    let kinds: std::collections::BTreeSet<String> = results
        .iter()
        .flat_map(|r| r["relatedLocations"].as_array().unwrap().clone())
        .map(|l| text(&l["logicalLocations"][0]["kind"]))
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["attribute", "element", "value"]
    );
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
fn github_annotates_every_finding_at_its_place() {
    let out = render("github", &[]);
    for f in expected() {
        let command = match f.severity.as_str() {
            "info" => "notice",
            other => other,
        };
        let head = format!(
            "::{command} file={},line={},col={},",
            f.site.path, f.site.line, f.site.column
        );
        let title = format!(",title={} {}::", f.code, f.name);
        let line = out
            .lines()
            .find(|l| l.starts_with(&head) && l.contains(&title))
            .unwrap_or_else(|| panic!("no annotation {head}{title}"));
        let message = unescape(line.split_once(&title).unwrap().1);
        assert!(message.starts_with(&f.message), "{message}");
        for (at, related) in &f.related {
            assert!(
                message.contains(&format!("\nrelated: {at}: {related}")),
                "{message}"
            );
        }
    }
    // 2 errors, 4 warnings and 5 notices: within GitHub's limits.
    assert!(!out.contains("title=pilint::"), "{out}");
}

#[test]
fn github_counts_cross_file_annotations_against_the_limit_and_in_the_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let (out, _) = run(pilint()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["--format", "github", "fixtures"]));
    let annotations = out.lines().filter(|l| l.starts_with("::")).count() - 1;
    let cross = out.lines().filter(|l| l.contains(",title=X0")).count();
    assert!(cross > 10, "{cross}");
    let notice = out.lines().last().unwrap();
    assert!(
        notice.starts_with(&format!(
            "::notice title=pilint::pilint found {annotations} findings"
        )),
        "{notice}"
    );
    let table = fs::read_to_string(&summary).unwrap();
    assert_eq!(table.lines().filter(|l| l.contains(" | X0")).count(), cross);
}

#[test]
fn gitlab_has_an_issue_per_finding_with_the_sarif_fingerprint() {
    let issues: Vec<Value> = serde_json::from_str::<Value>(&render("gitlab", &[]))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["check_name"].as_str().unwrap().starts_with('X'))
        .cloned()
        .collect();
    let findings = expected();
    let results = sarif_results();
    assert_eq!(issues.len(), findings.len());
    for ((issue, f), result) in issues.iter().zip(&findings).zip(&results) {
        assert_eq!(issue["check_name"], f.code.as_str());
        assert_eq!(issue["description"], f.message.as_str());
        assert_eq!(issue["location"]["path"], f.site.path.as_str());
        assert_eq!(issue["location"]["positions"]["begin"]["line"], f.site.line);
        assert_eq!(
            issue["location"]["positions"]["begin"]["column"],
            f.site.column
        );
        assert_eq!(
            issue["fingerprint"],
            result["partialFingerprints"]["pilint/v1"]
        );
    }
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), findings.len());
}

#[test]
fn cross_file_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let json = "individual-registry.json";
    let xml = "individual-ehr.xml";
    let original = fs::read_to_string(format!("{TREES}/conflicting-2023/{json}")).unwrap();
    fs::copy(
        format!("{TREES}/conflicting-2023/{xml}"),
        dir.path().join(xml),
    )
    .unwrap();
    let prints = |contents: &str| -> Vec<(String, u64)> {
        fs::write(dir.path().join(json), contents).unwrap();
        let (out, _) = run(pilint()
            .current_dir(dir.path())
            .args(["--format", "gitlab", json, xml]));
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    text(&i["fingerprint"]),
                    i["location"]["positions"]["begin"]["line"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = prints(&original);
    // X001 and X002, both at the JSON file.
    assert_eq!(before.len(), 2);
    let after = prints(&format!("\n\n\n{original}"));
    assert_eq!(after.len(), 2);
    for ((a, line_a), (b, line_b)) in before.iter().zip(&after) {
        assert_eq!(a, b);
        assert_eq!(line_a + 3, *line_b);
    }
}

/// `(name, failure types)` of each test case.
fn junit_cases(out: &str) -> Vec<(String, Vec<String>)> {
    use quick_xml::events::Event;
    // The raw values: names and rule types here need no XML escaping.
    let attribute = |e: &quick_xml::events::BytesStart, name: &str| {
        e.try_get_attribute(name)
            .unwrap()
            .unwrap()
            .value
            .into_owned()
    };
    let mut reader = quick_xml::Reader::from_str(out);
    let mut cases = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "testcase" => {
                cases.push((attribute(&e, "name"), Vec::new()));
            }
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "failure" => {
                let kind = attribute(&e, "type");
                cases.last_mut().unwrap().1.push(kind);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    cases
}

#[test]
fn junit_has_a_cross_file_case_failing_per_finding_at_the_threshold() {
    let findings = expected();
    for (fail_on, failing) in [
        ("error", &["error"][..]),
        ("warning", &["error", "warning"]),
    ] {
        let out = render("junit", &["--fail-on", fail_on]);
        let cases = junit_cases(&out);
        // One case per file, then the cross-file checks'.
        assert_eq!(cases.len(), 12);
        let (name, failures) = cases.last().unwrap();
        assert_eq!(name, "cross-file");
        let expected_failures: Vec<String> = findings
            .iter()
            .filter(|f| failing.contains(&f.severity.as_str()))
            .map(|f| format!("{} {}", f.code, f.name))
            .collect();
        assert_eq!(*failures, expected_failures, "--fail-on {fail_on}");
        for f in findings
            .iter()
            .filter(|f| !failing.contains(&f.severity.as_str()))
        {
            // Listed in the case's output (the text has no XML markup).
            let case = &out[out.find("<testcase name=\"cross-file\"").unwrap()..];
            let passed = &case[case.find("<system-out>").unwrap()..];
            assert!(
                passed.contains(&format!("{}: {}[{}]", f.site, f.severity, f.code)),
                "{passed}"
            );
        }
    }
    // One file has nothing to compare with: no cross-file case.
    let (out, _) = run(pilint().args([
        "--format",
        "junit",
        "fixtures/crossfile/conflicting-2023/individual-ehr.xml",
    ]));
    assert!(!out.contains("cross-file"), "{out}");
}

#[test]
fn statistics_count_cross_file_findings_per_rule() {
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for f in expected() {
        *by_code.entry(f.code).or_default() += 1;
    }
    let (out, _) = run(pilint().args(["--statistics", "--format", "json", TREES]));
    let counts: Vec<Value> = serde_json::from_str(&out).unwrap();
    for (code, n) in &by_code {
        let row = counts
            .iter()
            .find(|c| c["code"] == code.as_str())
            .unwrap_or_else(|| panic!("{code} not counted: {out}"));
        assert_eq!(row["count"], *n, "{code}");
    }
}

#[test]
fn identifiers_are_masked_in_every_format() {
    let (shown, _) = run(pilint().args(["--format", "json", "--show-identifiers", TREES]));
    let document: Value = serde_json::from_str(&shown).unwrap();
    // The TINs the findings name (the NPIs are in some file names, which
    // are shown as given).
    let tins: std::collections::BTreeSet<String> = document["crossFile"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| text(&f["entity"]))
        .filter_map(|e| {
            e.split_once("TIN ")
                .map(|(_, rest)| rest.chars().take(9).collect())
        })
        .collect();
    assert_eq!(tins.len(), 3, "{tins:?}");
    for format in FORMATS {
        let out = render(format, &[]);
        for tin in &tins {
            assert!(!out.contains(tin.as_str()), "{format} shows {tin}");
            assert!(out.contains(&format!("*****{}", &tin[5..])), "{format}");
        }
    }
}
