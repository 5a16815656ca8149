//! `pilint check --format csv`: one row per finding (cross-file findings
//! included) with the documented columns, identifiers masked, and no cell
//! a spreadsheet would run as a formula.

mod common;

use std::fs;

use common::pilint;
use serde_json::Value;

const INPUTS: &[&str] = &[
    "fixtures/valid",
    "fixtures/invalid",
    "fixtures/score",
    "fixtures/crossfile",
];

/// The CSV rows (header first) and the JSON document of one run.
fn run(inputs: &[&str], extra: &[&str]) -> (Vec<Vec<String>>, Value) {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("findings.csv");
    let output = pilint()
        .args(extra)
        .args(["--format", "json", "--format", "csv", "-o"])
        .arg(&csv_path)
        .args(inputs)
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    let json = serde_json::from_slice(&output.stdout).unwrap();
    let text = fs::read_to_string(csv_path).unwrap();
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (rows, json)
}

#[test]
fn one_row_per_finding_with_the_documented_columns() {
    let (rows, json) = run(INPUTS, &[]);
    assert_eq!(
        rows[0],
        [
            "path",
            "line",
            "column",
            "code",
            "name",
            "severity",
            "consequence",
            "message",
            "pointer"
        ]
    );
    let mut expected: Vec<Vec<String>> = Vec::new();
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    for file in json["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            expected.push(
                [
                    &file["path"],
                    &d["line"],
                    &d["column"],
                    &d["code"],
                    &d["name"],
                    &d["severity"],
                    &d["consequence"],
                    &d["message"],
                    &d["pointer"],
                ]
                .map(cell)
                .to_vec(),
            );
        }
    }
    let cross = json["crossFile"].as_array().unwrap();
    assert!(!cross.is_empty());
    for d in cross {
        expected.push(
            [
                &d["path"],
                &d["line"],
                &d["column"],
                &d["code"],
                &d["name"],
                &d["severity"],
                &d["consequence"],
                &d["message"],
                &d["pointer"],
            ]
            .map(cell)
            .to_vec(),
        );
    }
    let body = &rows[1..];
    assert_eq!(body.len(), expected.len());
    for (row, want) in body.iter().zip(&expected) {
        // A finding about the whole file has no position (JSON says 1:1);
        // messages are on one line.
        let mut want = want.clone();
        if row[1].is_empty() {
            want[1].clear();
            want[2].clear();
        }
        want[7] = want[7].replace(['\n', '\r', '\t'], " ");
        if want[7].starts_with(['=', '+', '-', '@']) {
            want[7].insert(0, '\'');
        }
        assert_eq!(row, &want);
    }
}

#[test]
fn a_run_without_findings_is_a_header() {
    let (rows, _) = run(&["fixtures/valid/group-2025.json"], &[]);
    assert_eq!(rows.len(), 1);
}

#[test]
fn identifiers_are_masked_unless_asked() {
    let (rows, _) = run(INPUTS, &[]);
    let text: String = rows.iter().flatten().cloned().collect::<Vec<_>>().join(",");
    for value in ["00-0123456", "000111111", "1234567839"] {
        assert!(!text.contains(value), "shows {value}");
    }
    let (rows, _) = run(INPUTS, &["--show-identifiers"]);
    let text: String = rows.iter().flatten().cloned().collect::<Vec<_>>().join(",");
    assert!(text.contains("00-0123456"));
}

#[test]
fn no_cell_is_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    // Hostile names and values: the path and the message quote them.
    for name in ["=HYPERLINK(1).json", "+1.json", "-2.json", "@SUM(A1).json"] {
        fs::write(
            dir.path().join(name),
            r#"{"entityType": "=cmd|' /C calc'!A0", "performanceYear": 2025}"#,
        )
        .unwrap();
    }
    fs::write(dir.path().join("tab.json"), "\t=1+1").unwrap();
    let base = dir.path().to_str().unwrap().to_owned();
    // Relative paths, so the hostile name begins the cell.
    let output = pilint()
        .current_dir(&base)
        .args(["--format", "csv", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(rows.len() >= 5, "{text}");
    let mut neutralised = 0;
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a formula cell: {cell:?}"
        );
        neutralised += usize::from(cell.starts_with('\''));
    }
    assert!(neutralised >= 4, "{text}");
}
