//! `pilint check --write-baseline` / `--baseline` end to end: a corpus with
//! findings is adopted, a new defect is the only finding reported, fixed
//! entries are listed as stale, and a baseline that cannot be read stops
//! the run (exit 2).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::pilint;

/// A project (its own git top level) with a valid and an invalid file.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("subs")).unwrap();
    fs::copy(
        "fixtures/valid/group-2025.json",
        root.join("subs/good.json"),
    )
    .unwrap();
    fs::copy(
        "fixtures/invalid/hie-options-mixed.json",
        root.join("subs/old.json"),
    )
    .unwrap();
    fs::copy(
        "fixtures/invalid/qrda3/aggregate-count-not-single.xml",
        root.join("subs/old.xml"),
    )
    .unwrap();
    (dir, root)
}

/// (exit code, `--format json` document, stderr).
fn check(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let output = pilint()
        .current_dir(cwd)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        output.status.code().unwrap_or(-1),
        json,
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// (path, code) of every finding, files' and cross-file.
fn findings(doc: &Value) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for file in doc["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            all.push((
                file["path"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
            ));
        }
    }
    for f in doc["crossFile"].as_array().into_iter().flatten() {
        all.push((
            f["path"].as_str().unwrap().to_owned(),
            f["code"].as_str().unwrap().to_owned(),
        ));
    }
    all
}

#[test]
fn round_trip_reports_exactly_the_new_defect() {
    let (_dir, root) = corpus();
    let (code, doc, _) = check(&root, &["subs"]);
    assert_eq!(code, 1);
    let before = findings(&doc);
    assert!(before.len() >= 2, "{before:?}");

    // Adopt: every finding recorded, none reported.
    let (code, doc, stderr) = check(&root, &["--write-baseline", "baseline.json", "subs"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(findings(&doc).is_empty());
    assert!(
        stderr.contains(&format!("wrote {} findings", before.len())),
        "{stderr}"
    );
    let written: Value =
        serde_json::from_str(&fs::read_to_string(root.join("baseline.json")).unwrap()).unwrap();
    let entries = written["findings"].as_array().unwrap();
    let counted: u64 = entries.iter().map(|e| e["count"].as_u64().unwrap()).sum();
    assert_eq!(counted as usize, before.len());
    for entry in entries {
        // Keyed on the root-relative path, never on a line.
        assert!(
            entry["path"].as_str().unwrap().starts_with("subs/"),
            "{entry}"
        );
        assert!(entry.get("line").is_none());
    }

    // Unchanged corpus: clean, from any directory and however it is named.
    let (code, doc, stderr) = check(&root, &["--baseline", "baseline.json", "subs"]);
    assert_eq!((code, findings(&doc)), (0, vec![]), "{stderr}");
    let baseline = root.join("baseline.json").display().to_string();
    let (code, doc, _) = check(&root.join("subs"), &["--baseline", &baseline, "."]);
    assert_eq!((code, findings(&doc)), (0, vec![]));

    // Lines moved in an old file: still its baselined findings.
    let old = fs::read_to_string(root.join("subs/old.json")).unwrap();
    fs::write(root.join("subs/old.json"), format!("\n\n{old}")).unwrap();
    // One new defect: a TIN with a dash in the good file.
    let good = fs::read_to_string(root.join("subs/good.json")).unwrap();
    let bad = good.replacen("\"000123456\"", "\"00-0123456\"", 1);
    assert_ne!(good, bad);
    fs::write(root.join("subs/good.json"), bad).unwrap();
    let (code, doc, stderr) = check(&root, &["--baseline", "baseline.json", "subs"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        findings(&doc),
        vec![("subs/good.json".to_owned(), "S005".to_owned())]
    );
    assert_eq!(doc["summary"]["errors"], 1);
    assert!(!stderr.contains("stale"), "{stderr}");
}

#[test]
fn fixed_entries_are_listed_as_stale() {
    let (_dir, root) = corpus();
    let (code, _, _) = check(&root, &["--write-baseline", "b.json", "subs"]);
    assert_eq!(code, 0);
    // old.json fixed: its entries are stale; old.xml's are not.
    fs::copy("fixtures/valid/group-2025.json", root.join("subs/old.json")).unwrap();
    let (code, doc, stderr) = check(&root, &["--baseline", "b.json", "subs"]);
    assert_eq!(code, 0, "{stderr}");
    let file_findings: Vec<_> = findings(&doc)
        .into_iter()
        .filter(|(_, c)| !c.starts_with('X'))
        .collect();
    assert!(file_findings.is_empty(), "{file_findings:?}");
    assert!(stderr.contains("fixed since"), "{stderr}");
    assert!(stderr.contains("R003 subs/old.json"), "{stderr}");
    assert!(!stderr.contains("subs/old.xml"), "{stderr}");

    // A run over part of the corpus says nothing of the rest.
    let (_, _, stderr) = check(&root, &["--baseline", "b.json", "subs/old.xml"]);
    assert!(!stderr.contains("fixed since"), "{stderr}");
}

#[test]
fn a_missing_or_malformed_baseline_exits_2() {
    let (_dir, root) = corpus();
    let (code, _, stderr) = check(&root, &["--baseline", "none.json", "subs"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("none.json"), "{stderr}");
    for text in [
        "{",
        "[]",
        "{\"tool\": \"pilint\", \"version\": 7, \"findings\": []}",
    ] {
        fs::write(root.join("bad.json"), text).unwrap();
        let (code, _, stderr) = check(&root, &["--baseline", "bad.json", "subs"]);
        assert_eq!(code, 2, "{text}: {stderr}");
    }
    let (code, _, _) = check(
        &root,
        &["--baseline", "b.json", "--write-baseline", "c.json", "subs"],
    );
    assert_eq!(code, 2, "the two flags exclude each other");
}
