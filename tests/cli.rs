//! The binary end to end: walking, stdin, exit codes, output snapshots.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("GITHUB_ACTIONS");
    cmd
}

const VALID: &str = "fixtures/valid/group-2025.json";

fn stdout_of(cmd: &mut Command) -> (String, i32) {
    let output = cmd.output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// Paths of the files a JSON run reported, in order.
fn reported_paths(stdout: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(stdout).unwrap();
    value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn valid_fixtures_exit_0_and_invalid_ones_exit_1() {
    pilint().args(["check", "fixtures/valid"]).assert().code(0);
    pilint()
        .args(["check", "fixtures/invalid"])
        .assert()
        .code(1);
}

#[test]
fn human_output_snapshot() {
    let (stdout, code) = stdout_of(pilint().args([
        "check",
        "--color",
        "never",
        "fixtures/invalid/tin-with-dash.json",
        "fixtures/invalid/duplicate-key.json",
        "fixtures/invalid/trailing-comma.json",
        VALID,
    ]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_output_snapshot_and_schema() {
    let (stdout, code) = stdout_of(pilint().args([
        "check",
        "--format",
        "json",
        "fixtures/invalid/tin-with-dash.json",
        "fixtures/invalid/pi-set-missing-cehrt-id.json",
        "fixtures/invalid/not-utf8.json",
        VALID,
    ]));
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_valid_output(&value);
    insta::assert_json_snapshot!(value);
}

/// Checks a `--format json` document against schemas/output.schema.json.
fn assert_valid_output(value: &serde_json::Value) {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("schemas/output.schema.json").unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_output_of_every_fixture_matches_the_published_schema() {
    let (stdout, _) = stdout_of(pilint().args(["check", "--format", "json", "fixtures"]));
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_valid_output(&value);
    assert!(value["summary"]["files"].as_u64().unwrap() > 20);
}

#[test]
fn color_is_off_when_piped_and_on_when_forced() {
    let bad = "fixtures/invalid/tin-with-dash.json";
    let (plain, _) = stdout_of(pilint().args(["check", bad]));
    assert!(!plain.contains('\u{1b}'));
    let (forced, _) = stdout_of(pilint().args(["check", "--color", "always", bad]));
    assert!(forced.contains('\u{1b}'));
    let (no_color, _) = stdout_of(pilint().env("NO_COLOR", "1").args(["check", bad]));
    assert!(!no_color.contains('\u{1b}'));
}

#[test]
fn walking_skips_hidden_build_and_dependency_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let valid = fs::read_to_string(VALID).unwrap();
    for path in [
        "b.json",
        "a/c.JSON",
        "a/d.xml",
        "notes.txt",
        ".hidden/e.json",
        "target/f.json",
        "node_modules/g.json",
        ".git/h.json",
        "sub/.i.json",
        "dir.json/j.json",
    ] {
        let full = root.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, &valid).unwrap();
    }
    let (stdout, _) = stdout_of(
        pilint()
            .current_dir(root)
            .args(["check", "--format", "json"]),
    );
    assert_eq!(
        reported_paths(&stdout),
        ["a/c.JSON", "a/d.xml", "b.json", "dir.json/j.json"],
        "sorted, skipping hidden, target, node_modules and .git; a directory named x.json is walked"
    );
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("submission.txt");
    fs::copy(VALID, &file).unwrap();
    let (stdout, code) = stdout_of(pilint().args(["check", "--format", "json"]).arg(&file));
    assert_eq!(code, 0);
    assert_eq!(reported_paths(&stdout).len(), 1);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::copy(VALID, outside.path().join("linked.json")).unwrap();
    fs::copy(VALID, dir.path().join("own.json")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
    let run = |follow: bool| {
        let mut cmd = pilint();
        cmd.current_dir(dir.path())
            .args(["check", "--format", "json"]);
        if follow {
            cmd.arg("--follow-links");
        }
        reported_paths(&stdout_of(&mut cmd).0)
    };
    assert_eq!(run(false), ["own.json"]);
    assert_eq!(run(true), ["link/linked.json", "own.json"]);
}

#[test]
fn stdin_is_read_with_dash_and_named_by_stdin_filename() {
    let text = fs::read_to_string("fixtures/invalid/tin-with-dash.json").unwrap();
    let (stdout, code) = stdout_of(
        pilint()
            .args([
                "check",
                "--format",
                "json",
                "--stdin-filename",
                "upload/tin.json",
                "-",
            ])
            .write_stdin(text.clone()),
    );
    assert_eq!(code, 1);
    assert_eq!(reported_paths(&stdout), ["upload/tin.json"]);
    // Without a name, stdin is `-`; `--stdin-filename` alone also reads stdin.
    let (stdout, _) = stdout_of(
        pilint()
            .args(["check", "--format", "json", "-"])
            .write_stdin(text.clone()),
    );
    assert_eq!(reported_paths(&stdout), ["-"]);
    let (stdout, _) = stdout_of(
        pilint()
            .args(["check", "--format", "json", "--stdin-filename", "x.json"])
            .write_stdin(text),
    );
    assert_eq!(reported_paths(&stdout), ["x.json"]);
}

#[test]
fn a_missing_path_is_exit_2_and_the_other_files_are_still_checked() {
    let output = pilint()
        .args(["check", "--format", "json", "no/such/file.json", VALID])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no/such/file.json"), "{stderr}");
    assert_eq!(
        reported_paths(&String::from_utf8(output.stdout).unwrap()),
        [VALID]
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_exit_2_with_the_os_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("locked.json");
    fs::copy(VALID, &file).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&file).is_ok() {
        return; // running as root: permissions do not apply
    }
    let output = pilint()
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("F006") && stdout.contains("Permission denied"),
        "{stdout}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_even_root_cannot_read_is_exit_2_and_the_others_are_checked() {
    // Reading /proc/self/mem from offset 0 fails with EIO for every user,
    // root included, so this runs in CI containers too.
    let output = pilint()
        .args(["check", "--format", "json", "/proc/self/mem", VALID])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let unreadable = &value["files"][0]["diagnostics"][0];
    assert_eq!(unreadable["code"], "F006");
    assert!(
        unreadable["message"]
            .as_str()
            .unwrap()
            .contains("Input/output error")
    );
    assert_eq!(value["files"][1]["path"], VALID);
}

#[test]
fn usage_errors_are_exit_2() {
    pilint()
        .args(["check", "--format", "nope"])
        .assert()
        .code(2);
    pilint().args(["frobnicate"]).assert().code(2);
    pilint().args(["rule", "no-such-rule"]).assert().code(2);
    pilint().arg("--help").assert().code(0);
}

#[test]
fn rule_docs_are_printed_by_code_and_by_name() {
    let (by_code, code) = stdout_of(pilint().args(["rule", "F004"]));
    assert_eq!(code, 0);
    let (by_name, _) = stdout_of(pilint().args(["rule", "duplicate-key"]));
    assert_eq!(by_code, by_name);
    assert!(by_code.starts_with("F004 duplicate-key"));
}

#[test]
fn readme_output_examples_are_real() {
    let readme = fs::read_to_string("README.md").unwrap();
    let section = |name: &str| {
        let start = format!("<!-- example:{name}:start -->\n");
        let end = format!("<!-- example:{name}:end -->");
        let from = readme.find(&start).unwrap() + start.len();
        let to = readme.find(&end).unwrap();
        readme[from..to].to_owned()
    };
    let bad = "fixtures/invalid/tin-with-dash.json";
    let (full, _) = stdout_of(pilint().args(["check", "--color", "never", bad]));
    assert_eq!(
        section("full"),
        format!("```console\n$ pilint check {bad}\n{full}```\n")
    );
    let (json, _) = stdout_of(pilint().args(["check", "--format", "json", bad]));
    assert_eq!(
        section("json"),
        format!("```console\n$ pilint check --format json {bad}\n{json}```\n")
    );
    assert!(Path::new(bad).exists());
}
