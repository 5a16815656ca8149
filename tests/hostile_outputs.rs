//! An output never replaces an input, and outputs are whole: `-o` naming a
//! checked file (directly, through a symlink, or found by a walk), two `-o`
//! naming one file, a closed standard output, standard input named like a
//! checked file, one file under several spellings.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

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

fn valid_text() -> String {
    fs::read_to_string(VALID).unwrap()
}

/// A directory holding `a.json`, a copy of the valid fixture.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.json"), valid_text()).unwrap();
    dir
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_output_naming_a_checked_file_is_refused_and_the_file_kept() {
    let dir = tree();
    let a = dir.path().join("a.json");
    for args in [
        &["a.json", "--format", "json", "-o", "a.json"][..],
        &["a.json", "-o", "./a.json"],
        &[".", "--format", "sarif", "-o", "a.json"],
    ] {
        let output = pilint(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&output).contains("never writes over an input"),
            "{args:?}: {}",
            stderr_of(&output)
        );
        assert_eq!(fs::read_to_string(&a).unwrap(), valid_text(), "{args:?}");
    }
    // The absolute path.
    let output = pilint(dir.path())
        .arg("a.json")
        .args(["--format", "json", "-o"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&a).unwrap(), valid_text());
}

#[cfg(unix)]
#[test]
fn an_output_reaching_a_checked_file_through_a_symlink_is_refused() {
    let dir = tree();
    std::os::unix::fs::symlink("a.json", dir.path().join("report.sarif")).unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("out/up")).unwrap();
    for target in ["report.sarif", "out/up/a.json"] {
        let output = pilint(dir.path())
            .args([".", "--format", "sarif", "-o", target])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{target}");
        assert_eq!(
            fs::read_to_string(dir.path().join("a.json")).unwrap(),
            valid_text()
        );
    }
}

#[test]
fn this_runs_report_from_an_earlier_run_is_left_out_and_replaced() {
    let dir = tree();
    for (format, name) in [
        ("json", "report.json"),
        ("sarif", "report.sarif.json"),
        ("gitlab", "gl.json"),
        ("junit", "junit.xml"),
    ] {
        for run in 0..2 {
            let output = pilint(dir.path())
                .args([".", "--format", format, "-o", name])
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{format} run {run}: {}",
                stderr_of(&output)
            );
            if run == 1 {
                assert!(
                    stderr_of(&output).contains(&format!("{name}: left out")),
                    "{}",
                    stderr_of(&output)
                );
            }
        }
        let written = fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(
            !written.contains(name),
            "the report checked itself: {written}"
        );
        fs::remove_file(dir.path().join(name)).unwrap();
    }
}

#[test]
fn two_outputs_naming_one_file_are_refused_before_writing() {
    let dir = tree();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let output = pilint(dir.path())
        .args(["a.json", "--format", "json", "-o", "r.json"])
        .args(["--format", "sarif", "-o", "./sub/../r.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("same file"));
    assert!(!dir.path().join("r.json").exists());
}

#[test]
fn a_closed_standard_output_leaves_the_output_files_whole() {
    let dir = tempfile::tempdir().unwrap();
    let text = valid_text().replace("000123456", "00012345");
    for i in 0..300 {
        fs::write(dir.path().join(format!("f{i:03}.json")), &text).unwrap();
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pilint"))
        .current_dir(dir.path())
        .args(["check", "--isolated", "--color", "never", "--threads", "1"])
        .args(["--format", "full", "--format", "json", "-o", "report.out"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read one byte, then go away like `| head -c 1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
    let report: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report.out")).unwrap())
            .expect("the -o file is whole JSON");
    assert_eq!(report["files"].as_array().unwrap().len(), 300);
    assert_eq!(report["summary"]["files"], 300);
}

#[test]
fn standard_output_redirected_into_the_tree_is_not_checked() {
    let dir = tree();
    let out = fs::File::create(dir.path().join("out.json")).unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("pilint"))
        .current_dir(dir.path())
        .args(["check", "--isolated", ".", "--format", "json"])
        .stdout(Stdio::from(out))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let report: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn standard_input_named_like_a_checked_file_is_refused_not_swapped() {
    let dir = tree();
    for name in ["a.json", "./a.json"] {
        let output = pilint(dir.path())
            .args(["--format", "json", "--stdin-filename", name, "-", "a.json"])
            .write_stdin("{}")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(stderr_of(&output).contains("give standard input another name"));
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        // The file was checked, not replaced by standard input's `{}`.
        assert_eq!(report["files"].as_array().unwrap().len(), 1);
        assert_eq!(
            report["files"][0]["diagnostics"].as_array().unwrap().len(),
            0
        );
    }
}

#[test]
fn one_file_under_several_spellings_is_checked_once() {
    let dir = tree();
    let absolute = dir.path().join("a.json");
    let mut cmd = pilint(dir.path());
    cmd.args(["--format", "json", "a.json", "./a.json", "."])
        .arg(&absolute);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("a.json", dir.path().join("link.json")).unwrap();
        cmd.arg("link.json");
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 1);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("X001"), "a false duplicate: {text}");
}

#[test]
fn a_baseline_in_the_tree_is_not_checked_as_a_submission() {
    let dir = tree();
    for args in [
        &[".", "--write-baseline", "pilint-baseline.json"][..],
        &[".", "--write-baseline", "pilint-baseline.json"],
        &[".", "--baseline", "pilint-baseline.json"],
    ] {
        let output = pilint(dir.path())
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr_of(&output)
        );
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["summary"]["files"], 1, "{args:?}");
    }
    // A baseline that would replace a checked file is refused.
    let output = pilint(dir.path())
        .args([".", "--write-baseline", "a.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.json")).unwrap(),
        valid_text()
    );
}
