//! No unbounded or special-file reads: procfs files, FIFOs and devices as
//! inputs, configuration files, `extend` targets and participant lists;
//! absurd thread counts; a participant list with a Latin-1 name column.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const VALID: &str = "fixtures/valid/group-2025.json";
/// An environment value that must never appear in any output.
const SECRET: &str = "PILINT_SECRET_d41d8cd98f00";

fn pilint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("PILINT_TEST_SECRET", SECRET)
        // A hang is a failure, not a stuck test run.
        .timeout(Duration::from_secs(30));
    cmd
}

fn text_of(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(target_os = "linux")]
#[test]
fn procfs_files_are_refused_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("env.json")).unwrap();
    fs::create_dir(dir.path().join("tree")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("tree/env.json")).unwrap();
    let formats = [
        "full",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
    ];
    for format in formats {
        // Named on the command line, as a shell glob does.
        let output = pilint(dir.path())
            .args(["check", "--isolated", "--format", format, "env.json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let text = text_of(&output);
        assert!(!text.contains(SECRET), "{format}: {text}");
        assert!(text.contains("declares 0 bytes"), "{format}: {text}");
        // Followed while walking.
        let output = pilint(dir.path())
            .args([
                "check",
                "--isolated",
                "--follow-links",
                "--format",
                format,
                "tree",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(!text_of(&output).contains(SECRET), "{format}");
    }
    for command in ["score", "rollup"] {
        let output = pilint(dir.path())
            .args([command, "env.json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(!text_of(&output).contains(SECRET), "{command}");
    }
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_never_hang_a_run() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo.json"));
    mkfifo(&dir.path().join("pilint.toml.fifo"));
    fs::write(dir.path().join("zero.toml"), "extend = \"/dev/zero\"\n").unwrap();
    fs::write(
        dir.path().join("fifo.toml"),
        "extend = \"pilint.toml.fifo\"\n",
    )
    .unwrap();
    fs::copy(VALID, dir.path().join("a.json")).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["check", "fifo.json"], "not a regular file"),
        (
            vec!["check", "--config", "pilint.toml.fifo", "a.json"],
            "a FIFO",
        ),
        (vec!["check", "--config", "/dev/zero", "a.json"], "a device"),
        (vec!["check", "--config", "zero.toml", "a.json"], "a device"),
        (vec!["check", "--config", "fifo.toml", "a.json"], "a FIFO"),
        (
            vec!["rollup", "--participants", "/dev/zero", "a.json"],
            "a device",
        ),
        (
            vec!["rollup", "--participants", "pilint.toml.fifo", "a.json"],
            "a FIFO",
        ),
        (vec!["rollup", "--participants", ".", "a.json"], "directory"),
    ];
    for (args, says) in cases {
        let output = pilint(dir.path()).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = text_of(&output);
        assert!(text.contains(says), "{args:?}: {text}");
    }
    // A FIFO met by a walk is skipped like any non-file entry.
    let output = pilint(dir.path())
        .args(["check", "--isolated", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text_of(&output));
}

#[test]
fn oversized_configuration_and_participant_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(VALID, dir.path().join("a.json")).unwrap();
    let big = format!(
        "# {}\n",
        "x".repeat(pilint::engine::MAX_CONFIG_SIZE as usize)
    );
    fs::write(dir.path().join("big.toml"), big).unwrap();
    let output = pilint(dir.path())
        .args(["check", "--config", "big.toml", "a.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text_of(&output).contains("more than the limit"));
    // Sparse: a participant list one byte over the limit costs no disk.
    let list = fs::File::create(dir.path().join("big.csv")).unwrap();
    list.set_len(pilint::engine::MAX_PARTICIPANTS_SIZE + 1)
        .unwrap();
    let output = pilint(dir.path())
        .args(["rollup", "--participants", "big.csv", "a.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text_of(&output).contains("more than the limit"),
        "{}",
        text_of(&output)
    );
}

#[test]
fn thread_counts_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(VALID, dir.path().join("a.json")).unwrap();
    for absurd in ["100000", "0", "1025"] {
        let output = pilint(dir.path())
            .args(["check", "--threads", absurd, "a.json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{absurd}");
    }
    // Far more threads than files: clamped to the files, not refused.
    let output = pilint(dir.path())
        .args(["check", "--isolated", "--threads", "1024", "a.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text_of(&output));
}

#[test]
fn a_participant_list_with_a_latin1_name_column_rolls_up() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(VALID, dir.path().join("a.json")).unwrap();
    fs::write(
        dir.path().join("participants.csv"),
        b"name,tin,npi,status\nPe\xf1a,000123456,1234567893,required\n",
    )
    .unwrap();
    let output = pilint(dir.path())
        .args([
            "rollup",
            "--format",
            "csv",
            "--participants",
            "participants.csv",
            "a.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text_of(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("required"));
}
