//! Hostile and broken XML through the whole CLI: each case gets a finding
//! for its own path, never a panic or a hang, leaks nothing, and the other
//! files of the run are still checked.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const VALID_XML: &str = "fixtures/valid/qrda3/group-2025.xml";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Runs `check --format json` on `hostile` beside the valid XML fixture and
/// returns the exit code, the hostile file's codes and the raw output.
fn run_with_valid(hostile: &Path) -> (i32, Vec<String>, String) {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .timeout(std::time::Duration::from_secs(60))
        .args(["check", "--format", "json"])
        .arg(hostile)
        .arg(VALID_XML)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value: Value = serde_json::from_str(&stdout).unwrap();
    let files = value["files"].as_array().unwrap();
    let valid = files
        .iter()
        .find(|f| f["path"] == VALID_XML)
        .expect("valid file checked");
    let valid_errors = valid["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(valid_errors, 0, "the valid file is unaffected");
    let shown = hostile.display().to_string();
    let codes = files.iter().find(|f| f["path"] == shown.as_str()).unwrap()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    (output.status.code().unwrap(), codes, stdout)
}

#[test]
fn quadratic_blowup_is_refused_at_the_doctype() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(100_000);
    let refs = "&big;".repeat(100_000);
    let doc = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY big \"{big}\">]>\n\
         <ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>{refs}</title></ClinicalDocument>\n"
    );
    let path = write(dir.path(), "quadratic.xml", doc.as_bytes());
    let (code, codes, stdout) = run_with_valid(&path);
    assert_eq!(code, 1);
    assert_eq!(codes, ["Q002"]);
    assert!(
        stdout.len() < 100_000,
        "the entity was not expanded into the output"
    );
}

#[test]
fn an_external_entity_leaks_nothing_of_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let secret = write(dir.path(), "secret.txt", b"TOP-SECRET-4242");
    let doc = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM \"file://{}\">]>\n\
         <ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&xxe;</title></ClinicalDocument>\n",
        secret.display()
    );
    let path = write(dir.path(), "xxe.xml", doc.as_bytes());
    let (code, codes, stdout) = run_with_valid(&path);
    assert_eq!(code, 1);
    assert_eq!(codes, ["Q002"]);
    assert!(!stdout.contains("TOP-SECRET"));
    // Nor in the human format, which prints source lines.
    let human = Command::cargo_bin("pilint")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&human.stdout).contains("TOP-SECRET"));
}

#[test]
fn nesting_a_million_elements_deep_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from("<ClinicalDocument xmlns=\"urn:hl7-org:v3\">");
    doc.push_str(&"<a>".repeat(1_000_000));
    doc.push_str(&"</a>".repeat(1_000_000));
    doc.push_str("</ClinicalDocument>");
    let path = write(dir.path(), "deep.xml", doc.as_bytes());
    let (code, codes, _) = run_with_valid(&path);
    assert_eq!(code, 1);
    assert!(codes.contains(&"Q003".to_owned()), "{codes:?}");
}

#[test]
fn random_bytes_utf16_and_nul_bytes_as_xml() {
    let dir = tempfile::tempdir().unwrap();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut random: Vec<u8> = b"<?xml version=\"1.0\"?>\n<ClinicalDocument>".to_vec();
    random.extend((0..65536).map(|_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as u8
    }));
    let utf16: Vec<u8> = std::iter::once([0xFF, 0xFE])
        .chain(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><ClinicalDocument/>"
                .encode_utf16()
                .map(u16::to_le_bytes),
        )
        .flatten()
        .collect();
    let nul = b"<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\0</ClinicalDocument>".to_vec();
    for (name, bytes) in [
        ("random.xml", random),
        ("utf16.xml", utf16),
        ("nul.xml", nul),
    ] {
        let path = write(dir.path(), name, &bytes);
        let (code, codes, _) = run_with_valid(&path);
        assert_eq!(code, 1, "{name}");
        assert!(!codes.is_empty(), "{name}: no finding");
        assert!(
            !codes.contains(&"F007".to_owned()),
            "{name}: internal error"
        );
    }
}
