//! The cross-file checks keep a fixed summary per file and read the files
//! of repeated entities again when the run ends (src/crossfile/recheck.rs).
//! End to end from the binary: a duplicate whose two files are hundreds of
//! files (several batches) apart is still compared, with X002 at the exact
//! line and column in both files; an entity repeated through standard
//! input, which cannot be read twice, too.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const REGISTRY: &str = "fixtures/crossfile/conflicting-2023/individual-registry.json";
const EHR: &str = "fixtures/crossfile/conflicting-2023/individual-ehr.xml";

/// Runs `pilint check --format json`: (document, stderr, exit code).
fn check(args: &[&str], stdin: Option<String>) -> (Value, String, i32) {
    let mut command = Command::cargo_bin("pilint").unwrap();
    command.args(["check", "--format", "json"]).args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    let output = command.output().unwrap();
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// `(code, "path:line:column", ["path:line:column" of each related])`.
fn places(document: &Value) -> Vec<(String, String, Vec<String>)> {
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
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                place(f),
                f["related"].as_array().unwrap().iter().map(place).collect(),
            )
        })
        .collect()
}

/// `count` valid group files, each for its own TIN: entities seen once.
fn fill(dir: &Path, count: usize) {
    let text = fs::read_to_string("fixtures/valid/group-2025.json").unwrap();
    assert!(text.contains("\"000123456\""));
    fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        let tin = format!("\"{:09}\"", 100_000_000 + i);
        fs::write(
            dir.join(format!("group-{i:04}.json")),
            text.replace("\"000123456\"", &tin),
        )
        .unwrap();
    }
}

fn path_of(dir: &Path, rest: &str) -> String {
    format!("{}/{rest}", dir.display())
}

#[test]
fn a_duplicate_batches_apart_is_checked_again_at_the_end() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    // Sorted order: a-first/, then 300 other entities, then z-last/; the
    // run checks 128 files a batch, so the first file's report is long
    // gone when the second one comes.
    fs::create_dir_all(dir.join("a-first")).unwrap();
    fs::create_dir_all(dir.join("z-last")).unwrap();
    fs::copy(REGISTRY, dir.join("a-first/individual-registry.json")).unwrap();
    fill(&dir.join("m-others"), 300);
    fs::copy(EHR, dir.join("z-last/individual-ehr.xml")).unwrap();

    let (document, stderr, code) = check(&[&dir.display().to_string()], None);
    let json = path_of(dir, "a-first/individual-registry.json");
    let xml = path_of(dir, "z-last/individual-ehr.xml");
    // The same places as in the fixture directory (tests/crossfile_cli.rs),
    // the other way round since the JSON file now comes first: the PI_EP_1
    // value 310/402 in the XML against 330/402 in JSON.
    assert_eq!(
        places(&document),
        [
            (
                "X001".to_owned(),
                format!("{xml}:39:9"),
                vec![format!("{json}:7:5")]
            ),
            (
                "X002".to_owned(),
                format!("{xml}:114:13"),
                vec![format!("{json}:19:44")]
            ),
        ]
    );
    assert_eq!(document["files"].as_array().unwrap().len(), 302);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn an_entity_repeated_through_standard_input_is_compared_too() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::copy(EHR, dir.join("individual-ehr.xml")).unwrap();
    let (document, stderr, code) = check(
        &[
            "--stdin-filename",
            "upload/individual-registry.json",
            "-",
            &dir.display().to_string(),
        ],
        Some(fs::read_to_string(REGISTRY).unwrap()),
    );
    let xml = path_of(dir, "individual-ehr.xml");
    let json = "upload/individual-registry.json";
    let found = places(&document);
    assert!(
        found.contains(&(
            "X002".to_owned(),
            format!("{json}:19:44"),
            vec![format!("{xml}:114:13")]
        )),
        "{found:?}\n{stderr}"
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn the_rollup_still_zeroes_a_conflict_batches_apart() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::create_dir_all(dir.join("a-first")).unwrap();
    fs::create_dir_all(dir.join("z-last")).unwrap();
    fs::copy(REGISTRY, dir.join("a-first/individual-registry.json")).unwrap();
    fill(&dir.join("m-others"), 200);
    fs::copy(EHR, dir.join("z-last/individual-ehr.xml")).unwrap();
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .args(["rollup", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    // 2023 first: the clinician, 0 for the conflict (91 without it); then
    // 2025, the other entities' groups.
    let rollup = &document["rollups"][0];
    assert_eq!(rollup["performanceYear"], 2023, "{document}");
    let rows = rollup["clinicians"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{document}");
    assert_eq!(
        rows[0]["individual"]["zeroedByConflict"], true,
        "{document}"
    );
    assert_eq!(rows[0]["score"], 0);
    assert_eq!(
        document["rollups"][1]["unattributedGroups"]
            .as_array()
            .unwrap()
            .len(),
        200
    );
}
