//! Terminal and spreadsheet safety: control characters from file contents
//! and file names never reach the terminal raw, a newline in a file name
//! never forges a line, CR-only line endings count as line breaks, and the
//! frames' positions stay those of the real file (a property over random
//! text).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const VALID: &str = "fixtures/valid/group-2025.json";

fn pilint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .timeout(std::time::Duration::from_secs(60))
        .args(["check", "--isolated", "--color", "never"]);
    cmd
}

/// Bytes a terminal acts on: C0 controls other than tab and newline, DEL,
/// the C1 controls (as UTF-8), and bidirectional overrides.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// The valid fixture with a malformed TIN whose value carries ESC, BEL,
/// CR, a C1 CSI and a right-to-left override.
fn hostile_content() -> String {
    fs::read_to_string(VALID).unwrap().replace(
        "\"000123456\"",
        "\"00\\u001b[2J\\u0007\\r\u{9b}31m\u{202e}0\"",
    )
}

#[cfg(unix)]
#[test]
fn file_names_and_contents_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    // A name that forges a finding line, clears the screen and rings.
    let name = "x.json:1:1: error[F001] forged\n\u{1b}[2J\u{7}\r.json";
    fs::write(dir.path().join(name), hostile_content()).unwrap();
    // The contents themselves carry raw control bytes (invalid JSON).
    fs::write(
        dir.path().join("raw.json"),
        "{\"entityType\": \"\u{1b}]0;pwned\u{7}group\r\u{1b}[1A\"}",
    )
    .unwrap();
    for format in ["full", "concise"] {
        let output = pilint(dir.path())
            .args(["--format", format, "."])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert_eq!(raw_controls(&text), Vec::<char>::new(), "{format}:\n{text}");
        assert!(text.contains("\\u{1b}"), "{format}: escapes shown:\n{text}");
        // No line starts with the forged text: the newline is escaped.
        assert!(
            !text
                .lines()
                .any(|line| line.starts_with("\\u{1b}[2J") || line.starts_with(".json")),
            "{format}:\n{text}"
        );
        assert!(
            text.contains("forged\\n\\u{1b}[2J\\u{7}\\r.json"),
            "{format}:\n{text}"
        );
    }
}

#[test]
fn columns_stay_exact_for_ordinary_text() {
    // The frame header and the JSON output agree on the position of a
    // finding on a line with non-ASCII text and a tab.
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(VALID)
        .unwrap()
        .replace("\"000123456\"", "\"12-3456789\"")
        .replace(
            "\"entityType\": \"group\",",
            "\"entityType\": \"group\",\t\"x\": \"Peña\",",
        );
    fs::write(dir.path().join("a.json"), &text).unwrap();
    let json: Value = serde_json::from_slice(
        &pilint(dir.path())
            .args(["--format", "json", "a.json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let finding = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "S005")
        .cloned()
        .expect("a malformed TIN finding");
    let full = String::from_utf8(
        pilint(dir.path())
            .args(["--format", "full", "a.json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let header = format!("a.json:{}:{}", finding["line"], finding["column"]);
    assert!(full.contains(&header), "{header} in\n{full}");
}

#[test]
fn cr_only_line_endings_count_as_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let lf = fs::read_to_string(VALID)
        .unwrap()
        .replace("\"000123456\"", "\"12-3456789\"");
    fs::write(dir.path().join("lf.json"), &lf).unwrap();
    fs::write(dir.path().join("cr.json"), lf.replace('\n', "\r")).unwrap();
    fs::write(dir.path().join("crlf.json"), lf.replace('\n', "\r\n")).unwrap();
    let output = pilint(dir.path())
        .args(["--format", "json", "lf.json", "cr.json", "crlf.json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let positions: Vec<(String, Vec<(Value, Value)>)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            (
                file["path"].as_str().unwrap().to_owned(),
                file["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| (d["line"].clone(), d["column"].clone()))
                    .collect(),
            )
        })
        .collect();
    let lf_positions = &positions.iter().find(|(p, _)| p == "lf.json").unwrap().1;
    assert!(!lf_positions.is_empty());
    assert!(lf_positions.iter().any(|(line, _)| line.as_u64() > Some(1)));
    for (path, found) in &positions {
        assert_eq!(found, lf_positions, "{path}");
    }
    // The frame of the CR-only file shows the line alone, not the file.
    let full = String::from_utf8(
        pilint(dir.path())
            .args(["--format", "full", "cr.json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(!full.contains("\\r"), "{full}");
    assert!(full.contains("cr.json:3:35"), "{full}");
    assert!(
        full.lines()
            .any(|l| l.starts_with("3 │   \"taxpayerIdentificationNumber\"")),
        "{full}"
    );
}

#[test]
fn rollup_csv_cells_never_start_a_formula() {
    // A roll-up of files whose identifiers a spreadsheet would run, shown
    // in full so nothing masks them first.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.json"),
        fs::read_to_string(VALID)
            .unwrap()
            .replace("\"000123456\"", "\"=HYPERLINK(\\\"http://x\\\")\""),
    )
    .unwrap();
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .current_dir(dir.path())
        .args(["rollup", "--format", "csv", "--show-identifiers", "."])
        .output()
        .unwrap();
    let csv = String::from_utf8(output.stdout).unwrap();
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "{cell} in\n{csv}"
            );
        }
    }
}
