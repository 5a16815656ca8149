//! Across files, end to end from the binary, on the fixture trees in
//! `fixtures/crossfile/`: every cross-file finding (X001–X004) at its exact
//! places, the submission CMS keeps, the run overview, the exit codes, and
//! `pilint rollup` in every format with its arithmetic checked by hand.
//!
//! The trees:
//! - `aco-2025/`: an ACO with three practices. TIN 000111111 sends its
//!   group data as registry JSON (80) and QRDA III (94, over another
//!   period), and two clinicians send individual files (100 and 47); TIN
//!   000222222 has individual files only (a QRDA III 79, a 0, and an
//!   excluded clinician's 83); TIN 000333333 sends nothing.
//!   `participants.csv` lists all ten clinicians.
//! - `conflicting-2023/`: one clinician's registry JSON and QRDA III files
//!   disagree on `PI_EP_1` (2023: the category scores 0).
//! - `conflicting-2024/`: a group's registry JSON and QRDA III files
//!   disagree on three measures (2024: the sources disagree, a warning).

use assert_cmd::Command;
use serde_json::Value;

const ACO: &str = "fixtures/crossfile/aco-2025";
const PARTICIPANTS: &str = "fixtures/crossfile/aco-2025/participants.csv";

fn run(args: &[&str]) -> (String, String, i32) {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

fn shown(args: &[&str]) -> String {
    let (stdout, _, code) = run(args);
    format!("$ pilint {}\n{stdout}[exit {code}]\n", args.join(" "))
}

fn json(args: &[&str]) -> (Value, i32) {
    let (stdout, _, code) = run(args);
    (serde_json::from_str(&stdout).unwrap(), code)
}

fn validator(def: Option<&str>) -> jsonschema::Validator {
    let text = std::fs::read_to_string("schemas/output.schema.json").unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    if let Some(def) = def {
        let object = schema.as_object_mut().unwrap();
        for key in ["type", "required", "properties"] {
            object.remove(key);
        }
        object.insert("$ref".to_owned(), Value::from(format!("#/$defs/{def}")));
    }
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// `(code, severity, "path:line:col", ["path:line:col" of each related])`.
fn places(document: &Value) -> Vec<(String, String, String, Vec<String>)> {
    let place = |v: &Value| {
        format!(
            "{}:{}:{}",
            v["path"].as_str().unwrap(),
            v["line"],
            v["column"]
        )
    };
    document["crossFile"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap().to_owned(),
                        f["severity"].as_str().unwrap().to_owned(),
                        place(f),
                        f["related"].as_array().unwrap().iter().map(place).collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn finding(
    code: &str,
    severity: &str,
    at: &str,
    related: &[&str],
) -> (String, String, String, Vec<String>) {
    (
        code.to_owned(),
        severity.to_owned(),
        at.to_owned(),
        related.iter().map(|r| (*r).to_owned()).collect(),
    )
}

#[test]
fn check_over_the_trees_snapshot() {
    insta::assert_snapshot!(shown(&["check", "--color", "never", "fixtures/crossfile"]));
}

#[test]
fn every_cross_file_finding_at_both_places() {
    let (document, code) = json(&["check", "--format", "json", "fixtures/crossfile"]);
    assert_valid(&validator(None), &document);
    let a = "fixtures/crossfile/aco-2025/practice-a";
    let c23 = "fixtures/crossfile/conflicting-2023";
    let c24 = "fixtures/crossfile/conflicting-2024";
    assert_eq!(
        places(&document),
        [
            // The registry group file is not kept: the QRDA III one scores higher.
            finding(
                "X001",
                "info",
                &format!("{a}/group-registry.json:6:5"),
                &[&format!("{a}/group-ehr.xml:39:9")]
            ),
            // Its period starts on 2025-01-01, the kept file's on 2025-03-01.
            finding(
                "X003",
                "warning",
                &format!("{a}/group-registry.json:10:27"),
                &[&format!("{a}/group-ehr.xml:346:29")]
            ),
            finding(
                "X004",
                "info",
                &format!("{a}/npi-1234567893.json:7:5"),
                &[&format!("{a}/group-ehr.xml:39:9")]
            ),
            finding(
                "X004",
                "info",
                &format!("{a}/npi-1234567901.json:7:5"),
                &[&format!("{a}/group-ehr.xml:39:9")]
            ),
            finding(
                "X001",
                "info",
                &format!("{c23}/individual-registry.json:7:5"),
                &[&format!("{c23}/individual-ehr.xml:39:9")]
            ),
            // The PI_EP_1 values: 330/402 in JSON, 310/402 in the XML.
            finding(
                "X002",
                "error",
                &format!("{c23}/individual-registry.json:19:44"),
                &[&format!("{c23}/individual-ehr.xml:114:13")]
            ),
            finding(
                "X001",
                "info",
                &format!("{c24}/group-ehr.xml:39:9"),
                &[&format!("{c24}/group-registry.json:6:5")]
            ),
        ]
    );
    // Cross-file findings count in the summary: 1 error (X002) + 1 per-file
    // error (A002 in npi-1234567927.json); 1 warning (X003); 5 infos. In
    // 2024 CMS keeps the highest (an assumption X001 states): no X002.
    assert_eq!(document["summary"]["errors"], 2);
    assert_eq!(document["summary"]["warnings"], 1);
    assert_eq!(document["summary"]["infos"], 5);
    assert_eq!(code, 1);
    let first = &document["crossFile"][0];
    // Identifiers are masked by default, like in every other finding.
    assert_eq!(first["entity"], "group TIN *****1111");
    assert_eq!(first["performanceYear"], 2025);
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("CMS keeps the highest: fixtures/crossfile/aco-2025/practice-a/group-ehr.xml (electronicHealthRecord, predicted 94/100)"),
        "{}",
        first["message"]
    );
    let (shown, _) = json(&[
        "check",
        "--format",
        "json",
        "--show-identifiers",
        "fixtures/crossfile",
    ]);
    assert_eq!(shown["crossFile"][0]["entity"], "group TIN 000111111");
}

#[test]
fn cross_file_findings_obey_selection() {
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--isolated", "--format", "json"];
        all.extend_from_slice(args);
        all.push("fixtures/crossfile");
        let (document, _) = json(&all);
        document["crossFile"]
            .as_array()
            .map(|list| list.iter().map(|f| f["code"].to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(codes(&[]).len(), 7);
    assert_eq!(codes(&["--select", "X002"]).len(), 1);
    let kept = codes(&["--ignore", "X001,individual-and-group-submissions"]);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.iter().all(|c| c == "\"X002\"" || c == "\"X003\""));
    // Without the 2023 conflict the run passes.
    let (_, _, code) = run(&["check", "--isolated", "--ignore", "X", "fixtures/crossfile"]);
    assert_eq!(code, 1, "A002 in npi-1234567927.json still fails it");
    let (_, _, code) = run(&[
        "check",
        "--isolated",
        "--ignore",
        "X",
        "fixtures/crossfile/conflicting-2023",
    ]);
    assert_eq!(code, 0);
}

#[test]
fn cross_file_errors_decide_the_exit_code() {
    // Each file of the 2023 pair is clean on its own: only X002 fails the run.
    let (document, code) = json(&[
        "check",
        "--format",
        "json",
        "fixtures/crossfile/conflicting-2023",
    ]);
    for file in document["files"].as_array().unwrap() {
        assert_eq!(file["diagnostics"].as_array().unwrap().len(), 0);
    }
    assert_eq!(code, 1);
    // In 2024 the conflict is a warning: exit 0.
    let (_, _, code) = run(&["check", "fixtures/crossfile/conflicting-2024"]);
    assert_eq!(code, 0);
    // In 2025 CMS keeps the highest: the same disagreement under --year 2025
    // gives no X002 at all.
    let (document, _) = json(&[
        "check",
        "--format",
        "json",
        "--year",
        "2025",
        "fixtures/crossfile/conflicting-2024",
    ]);
    let codes: Vec<&str> = document["crossFile"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"X002"), "{codes:?}");
}

#[test]
fn a_file_alone_has_no_cross_file_section_and_a_file_list_no_overview() {
    let (stdout, _, _) = run(&[
        "check",
        "--color",
        "never",
        "fixtures/crossfile/aco-2025/practice-a/group-registry.json",
    ]);
    assert!(!stdout.contains("Across files"));
    assert!(!stdout.contains("Overview"));
    let (stdout, _, _) = run(&[
        "check",
        "--color",
        "never",
        "fixtures/crossfile/aco-2025/practice-a/group-registry.json",
        "fixtures/crossfile/aco-2025/practice-a/group-ehr.xml",
    ]);
    assert!(stdout.contains("Across files:\nnote[X001]"));
    assert!(!stdout.contains("Overview"));
    let (stdout, _, _) = run(&[
        "check",
        "--format",
        "json",
        "fixtures/valid/group-2025.json",
    ]);
    assert!(!stdout.contains("crossFile"));
}

#[test]
fn overview_of_a_directory() {
    let (stdout, _, _) = run(&["check", "--color", "never", ACO]);
    let overview = &stdout[stdout.find("Overview:").unwrap()..];
    insta::assert_snapshot!(overview);
}

#[test]
fn rollup_table_snapshot() {
    insta::assert_snapshot!(shown(&[
        "rollup",
        "--color",
        "never",
        "--participants",
        PARTICIPANTS,
        ACO
    ]));
}

#[test]
fn rollup_without_a_participant_list_snapshot() {
    insta::assert_snapshot!(shown(&["rollup", "--color", "never", ACO]));
}

#[test]
fn rollup_csv_snapshot() {
    insta::assert_snapshot!(shown(&[
        "rollup",
        "--format",
        "csv",
        "--participants",
        PARTICIPANTS,
        ACO
    ]));
}

#[test]
fn rollup_masks_identifiers_in_every_format_unless_asked() {
    // 1234567950 submitted nothing, so no file name carries it either.
    let hidden = ["000111111", "000222222", "000333333", "1234567950"];
    for format in ["full", "json", "csv"] {
        let args = [
            "rollup",
            "--format",
            format,
            "--participants",
            PARTICIPANTS,
            ACO,
        ];
        let (out, _, code) = run(&args);
        assert_eq!(code, 0);
        for value in hidden {
            assert!(!out.contains(value), "{format} shows {value}");
        }
        assert!(out.contains("*****1111"), "{format}");
        assert!(out.contains("******7950"), "{format}");
        let mut shown_args = args.to_vec();
        shown_args.insert(1, "--show-identifiers");
        let (out, _, _) = run(&shown_args);
        for value in hidden {
            assert!(out.contains(value), "{format} hides {value}");
        }
    }
}

#[test]
fn rollup_json_snapshot_schema_and_arithmetic_by_hand() {
    let (document, code) = json(&[
        "rollup",
        "--format",
        "json",
        "--participants",
        PARTICIPANTS,
        ACO,
    ]);
    assert_eq!(code, 0);
    assert_valid(&validator(Some("rollupDocument")), &document);
    insta::assert_json_snapshot!(document);
    // Identifiers are masked by default; `--show-identifiers` changes
    // nothing else.
    let (shown, _) = json(&[
        "rollup",
        "--format",
        "json",
        "--show-identifiers",
        "--participants",
        PARTICIPANTS,
        ACO,
    ]);
    let mut masked = shown.clone();
    for row in masked["rollups"][0]["clinicians"].as_array_mut().unwrap() {
        for key in ["tin", "npi"] {
            let full = row[key].as_str().unwrap().to_owned();
            assert!(full.len() == 9 || full.len() == 10, "{full}");
            let hidden = "*".repeat(full.len() - 4) + &full[full.len() - 4..];
            row[key] = Value::from(hidden);
        }
    }
    assert_eq!(masked, document);
    let rollup = &shown["rollups"][0];
    assert_eq!(rollup["performanceYear"], 2025);
    // Per clinician, by hand from the fixtures:
    // - 1234567893: individual 100 > group 94 (the group's QRDA III file,
    //   kept over its registry file's 80) → 100;
    // - 1234567901: individual 47 < group 94 → 94;
    // - 1234567943: no individual file, group 94 → 94;
    // - 1234567919: QRDA III individual 79 → 79;
    // - 1234567927: security risk analysis answered no → 0;
    // - 1234567935: excluded, reported voluntarily → 83, counted;
    // - 1234567950: required, nothing submitted → 0, counted;
    // - 1234567968 (excluded, silent), 1234567976 (QP),
    //   1234567984 (Partial QP): left out.
    let expected: [(&str, f64, bool, &str); 10] = [
        ("1234567893", 100.0, true, "individual"),
        ("1234567901", 94.0, true, "group"),
        ("1234567943", 94.0, true, "group"),
        ("1234567919", 79.0, true, "individual"),
        ("1234567927", 0.0, true, "individual"),
        ("1234567935", 83.0, true, "individual"),
        ("1234567950", 0.0, true, "none"),
        ("1234567968", 0.0, false, "none"),
        ("1234567976", 0.0, false, "none"),
        ("1234567984", 0.0, false, "none"),
    ];
    let rows = rollup["clinicians"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (row, (npi, score, counts, from)) in rows.iter().zip(expected) {
        assert_eq!(row["npi"], npi);
        assert_eq!(row["score"].as_f64().unwrap(), score, "{npi}");
        assert_eq!(row["counts"], counts, "{npi}");
        assert_eq!(row["from"], from, "{npi}");
    }
    // (100 + 94 + 94 + 79 + 0 + 83 + 0) / 7 = 450 / 7.
    assert_eq!(rollup["counted"], 7);
    assert_eq!(rollup["sum"], 450);
    assert_eq!(rollup["score"].as_f64().unwrap(), 450.0 / 7.0);
    // Public reporting, by hand: a score for 1234567893, …901, …943, …919,
    // …927 (0 is a score) and …935 → 6; without exclusion and above 0:
    // …893, …901, …943, …919 → 4; excluded but reported: …935 → 1;
    // required without a score: …950 → 1.
    let counts = &rollup["publicReporting"];
    assert_eq!(counts["participants"], 10);
    assert_eq!(counts["earnedScore"], 6);
    assert_eq!(counts["metWithoutExclusion"], 4);
    assert_eq!(counts["excludedReportedVoluntarily"], 1);
    assert_eq!(counts["requiredWithoutScore"], 1);
}

#[test]
fn a_conflict_zeroes_the_clinician_in_the_rollup() {
    let (document, _) = json(&[
        "rollup",
        "--format",
        "json",
        "fixtures/crossfile/conflicting-2023",
    ]);
    let row = &document["rollups"][0]["clinicians"][0];
    // Both files predict 91 on their own; the 2023 conflict scores 0.
    assert_eq!(row["individual"]["zeroedByConflict"], true);
    assert_eq!(row["score"], 0);
    assert_eq!(document["rollups"][0]["score"], 0);
    let (document, _) = json(&[
        "rollup",
        "--format",
        "json",
        "fixtures/crossfile/conflicting-2024",
    ]);
    let rollup = &document["rollups"][0];
    // A group alone: listed apart. In 2024 CMS keeps the highest (the
    // 2025 PI Guide), so the conflict does not zero it.
    assert_eq!(rollup["unattributedGroups"][0]["tin"], "*****3456");
    assert_eq!(rollup["unattributedGroups"][0]["score"], 100);
    assert_eq!(rollup["unattributedGroups"][0]["zeroedByConflict"], false);
    assert_eq!(rollup["score"], Value::Null);
}

#[test]
fn a_bad_participant_list_is_a_usage_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("participants.csv");
    std::fs::write(
        &list,
        "tin,npi,status\n000111111,1234567893,required\n111111,1234567901,required\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run(&["rollup", "--participants", list.to_str().unwrap(), ACO]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    // The TIN it quotes is masked, like every identifier pilint shows.
    assert!(
        stderr.contains("line 3: TIN `**1111` is not 9 digits"),
        "{stderr}"
    );
    let (_, stderr, code) = run(&["rollup", "--participants", "no/such.csv", ACO]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such.csv"), "{stderr}");
}

#[test]
fn a_file_left_out_of_the_rollup_is_named() {
    let (_, stderr, code) = run(&["rollup", "fixtures/invalid/trailing-comma.json"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("fixtures/invalid/trailing-comma.json: left out"),
        "{stderr}"
    );
}

#[test]
fn readme_rollup_example_is_real() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = "<!-- example:rollup:start -->\n";
    let from = readme.find(start).unwrap() + start.len();
    let to = readme.find("<!-- example:rollup:end -->").unwrap();
    // The example shows the (made-up) identifiers its prose names.
    let args = [
        "rollup",
        "--show-identifiers",
        "--participants",
        PARTICIPANTS,
        ACO,
    ];
    let (stdout, _, _) = run(&[
        "rollup",
        "--color",
        "never",
        "--show-identifiers",
        "--participants",
        PARTICIPANTS,
        ACO,
    ]);
    assert_eq!(
        &readme[from..to],
        format!("```console\n$ pilint {}\n{stdout}```\n", args.join(" "))
    );
}
