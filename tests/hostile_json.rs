//! Hostile and broken JSON input: every case gets a finding or an I/O error
//! for its path, never a panic or a hang, and the other files in the same
//! run are still checked.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const VALID: &str = "fixtures/valid/group-2025.json";

fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// Runs `check --format json` on `hostile` and the valid fixture; returns
/// the exit code and the hostile file's finding codes and messages.
fn run_with_valid(extra: &[&str], hostile: &Path) -> (i32, Vec<(String, String)>) {
    let output = pilint()
        .args(["check", "--format", "json"])
        .args(extra)
        .arg(hostile)
        .arg(VALID)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = value["files"].as_array().unwrap();
    let valid = files
        .iter()
        .find(|f| f["path"] == VALID)
        .expect("valid file still checked");
    assert_eq!(valid["diagnostics"].as_array().unwrap().len(), 0);
    let shown = hostile.display().to_string();
    let findings = files
        .iter()
        .find(|f| f["path"] == shown.as_str())
        .map(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap().to_owned(),
                        d["message"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (output.status.code().unwrap(), findings)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn nesting_a_million_levels_deep_is_a_syntax_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "[".repeat(1_000_000);
    text.push_str(&"]".repeat(1_000_000));
    let path = write(dir.path(), "deep.json", text.as_bytes());
    let (code, findings) = run_with_valid(&[], &path);
    assert_eq!(code, 1);
    assert_eq!(findings[0].0, "F001");
    assert!(findings[0].1.contains("recursion limit"), "{findings:?}");
}

#[test]
fn a_file_over_the_size_limit_is_reported_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // A sparse 200 MB file: costs no disk, and would cost 200 MB of memory
    // if pilint read it.
    fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let (code, findings) = run_with_valid(&[], &path);
    assert_eq!(code, 1);
    assert_eq!(findings[0].0, "F008", "{findings:?}");
    // The limit is configurable, and applies to stdin too.
    let output = pilint()
        .args(["check", "--format", "json", "--max-file-size", "100", "-"])
        .write_stdin(fs::read(VALID).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["files"][0]["diagnostics"][0]["code"], "F008");
}

/// Byte offsets are stored in 32 bits, so a limit past 4 GiB is refused as
/// a usage error rather than accepted and silently capped.
#[test]
fn a_max_file_size_past_four_gib_is_a_usage_error() {
    let output = pilint()
        .args(["check", "--max-file-size", "4294967296", VALID])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--max-file-size"), "{stderr}");
    let output = pilint()
        .args(["check", "--max-file-size", "4294967295", VALID])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn random_bytes_invalid_utf8_utf16_and_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Deterministic pseudo-random bytes (xorshift), 64 KiB.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let random: Vec<u8> = (0..65536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("random.json", random, "F00"),
        (
            "latin1.json",
            b"{\"entityType\": \"gr\xe9oup\"}".to_vec(),
            "F002",
        ),
        (
            "nul.json",
            b"{\"entityType\": \"gr\0oup\"}".to_vec(),
            "F001",
        ),
        ("nul-outside.json", b"{\0}".to_vec(), "F001"),
        (
            "truncated-token.json",
            b"{\"entityType\": tr".to_vec(),
            "F001",
        ),
        (
            "huge-number.json",
            b"{\"performanceYear\": 1e400}".to_vec(),
            "F001",
        ),
    ];
    for (name, bytes, code_prefix) in cases {
        let path = write(dir.path(), name, &bytes);
        let (code, findings) = run_with_valid(&[], &path);
        assert_eq!(code, 1, "{name}");
        assert!(
            findings[0].0.starts_with(code_prefix),
            "{name}: {findings:?}"
        );
    }
    let utf16: Vec<u8> = std::iter::once([0xFF, 0xFE])
        .chain("{}".encode_utf16().map(u16::to_le_bytes))
        .flatten()
        .collect();
    let path = write(dir.path(), "utf16.json", &utf16);
    let (_, findings) = run_with_valid(&[], &path);
    assert_eq!(
        findings[0],
        (
            "F002".to_owned(),
            "the file is encoded as UTF-16, not UTF-8".to_owned()
        )
    );
}

#[test]
fn numbers_beyond_integer_ranges_do_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let valid = fs::read_to_string(VALID).unwrap();
    for (name, replacement) in [
        ("u64-overflow.json", "18446744073709551616"),
        ("negative-zero.json", "-0"),
        ("big-negative.json", "-99999999999999999999999"),
    ] {
        let text = valid.replace(
            "\"numerator\": 49",
            &format!("\"numerator\": {replacement}"),
        );
        let path = write(dir.path(), name, text.as_bytes());
        let (code, _) = run_with_valid(&[], &path);
        assert!(code == 0 || code == 1, "{name}: exit {code}");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_to_a_parent_are_reported_with_follow_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tree");
    fs::create_dir_all(root.join("a")).unwrap();
    fs::copy(VALID, root.join("a/ok.json")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("a/to-root")).unwrap();
    std::os::unix::fs::symlink(root.join("loop2"), root.join("loop1")).unwrap();
    std::os::unix::fs::symlink(root.join("loop1"), root.join("loop2")).unwrap();
    let output = pilint()
        .args(["check", "--format", "json", "--follow-links"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        value["files"].as_array().unwrap().len(),
        1,
        "ok.json checked once"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("loop"), "{stderr}");
    // Without --follow-links the links are not walked at all.
    pilint().args(["check"]).arg(&root).assert().code(0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_instead_of_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let output = pilint()
        .args(["check", "--format", "json"])
        .arg(&fifo)
        .arg(VALID)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("not a regular file")
    );
    // Walking a directory holding a FIFO skips it (only regular files).
    pilint().args(["check"]).arg(dir.path()).assert().code(0);
}

#[test]
fn a_file_that_vanishes_before_reading_is_an_io_error_for_that_path() {
    use pilint::discover::Input;
    use pilint::lint::{LintOptions, lint_inputs};
    let inputs = [
        Input::file("fixtures/vanished.json".into(), "fixtures/vanished.json"),
        Input::file(VALID.into(), VALID),
    ];
    let reports = lint_inputs(&inputs, &LintOptions::default());
    assert!(reports[0].failed);
    assert_eq!(reports[0].diagnostics[0].code, "F006");
    assert!(!reports[1].failed && reports[1].diagnostics.is_empty());
}

#[test]
fn a_panic_in_one_file_is_an_internal_error_and_the_run_completes() {
    let bad = "fixtures/invalid/tin-with-dash.json";
    let output = pilint()
        .env("PILINT_TEST_PANIC_ON", VALID)
        .args(["check", "--format", "json", VALID, bad])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["files"][0]["diagnostics"][0]["code"], "S005");
    assert_eq!(value["files"][1]["diagnostics"][0]["code"], "F007");
}

#[test]
fn a_run_changes_nothing_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new("fixtures") {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    let snapshot = |root: &Path| {
        let mut files: Vec<(String, Vec<u8>, std::time::SystemTime)> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let meta = e.metadata().unwrap();
                let bytes = if meta.is_file() {
                    fs::read(e.path()).unwrap()
                } else {
                    Vec::new()
                };
                (
                    e.path().display().to_string(),
                    bytes,
                    meta.modified().unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(dir.path());
    pilint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "fixtures"])
        .assert()
        .code(1);
    pilint()
        .current_dir(dir.path())
        .args(["check", "fixtures"])
        .assert()
        .code(1);
    assert!(
        before == snapshot(dir.path()),
        "a file was changed, added or removed"
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count_or_argument_order() {
    let run = |threads: &str, args: &[&str]| {
        pilint()
            .args(["check", "--format", "json", "--threads", threads])
            .args(args)
            .output()
            .unwrap()
            .stdout
    };
    let forward = ["fixtures/valid", "fixtures/invalid"];
    let backward = ["fixtures/invalid", "fixtures/valid"];
    let reference = run("1", &forward);
    assert_eq!(reference, run("2", &forward));
    assert_eq!(reference, run("8", &backward));
}
