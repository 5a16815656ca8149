//! Every example in the README runs: output blocks between
//! `<!-- example:NAME:start/end -->` are exactly what their command prints
//! (`tools/update_readme_examples.py` regenerates them); the shell, CI and
//! configuration snippets run against a project of submissions and do what
//! the README says; every flag the usage block names exists.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn readme() -> String {
    fs::read_to_string("README.md").unwrap()
}

fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// The fenced blocks of the README with their language.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let mut body = String::new();
            for inner in lines.by_ref() {
                if inner.starts_with("```") {
                    break;
                }
                body.push_str(inner);
                body.push('\n');
            }
            found.push((lang.to_owned(), body));
        }
    }
    found
}

/// Runs a README command line (`pilint …`, no shell features but `>` and
/// a trailing `# comment`).
fn run_line(line: &str, dir: &Path) -> (i32, String) {
    let line = line.split(" #").next().unwrap();
    let command = line.split('>').next().unwrap().trim();
    let args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(args[0], "pilint", "{line}");
    let output = pilint().current_dir(dir).args(&args[1..]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

/// A project the CI snippets run in: `submissions/` holds good and bad files.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let submissions = dir.path().join("submissions");
    fs::create_dir_all(&submissions).unwrap();
    for from in [
        "fixtures/valid/group-2025.json",
        "fixtures/valid/qrda3/group-2025.xml",
        "fixtures/invalid/tin-with-dash.json",
        "fixtures/invalid/cehrt-id-lowercase.json",
        "fixtures/invalid/numerator-zero.json",
    ] {
        let name = Path::new(from).file_name().unwrap();
        fs::copy(from, submissions.join(name)).unwrap();
    }
    dir
}

#[test]
fn every_output_example_is_what_its_command_prints() {
    let text = readme();
    let mut checked = 0;
    for (at, _) in text.match_indices("<!-- example:") {
        let marker_end = text[at..].find(" -->").unwrap() + at;
        let Some(name) = text[at + 13..marker_end].strip_suffix(":start") else {
            continue;
        };
        let body_start = marker_end + 5;
        let end = text
            .find(&format!("<!-- example:{name}:end -->"))
            .unwrap_or_else(|| panic!("{name} has an end marker"));
        let body = &text[body_start..end];
        let mut lines = body.lines();
        let fence = lines.next().unwrap();
        assert!(fence.starts_with("```"), "{name}");
        let command = lines.next().unwrap();
        let args: Vec<&str> = command
            .strip_prefix("$ pilint ")
            .unwrap_or_else(|| panic!("{name}: {command}"))
            .split_whitespace()
            .collect();
        let output = pilint().args(&args).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            body,
            format!("{fence}\n{command}\n{stdout}```\n"),
            "README example `{name}` differs; run tools/update_readme_examples.py"
        );
        checked += 1;
    }
    assert!(checked >= 5, "{checked} examples");
}

#[test]
fn shell_examples_run() {
    let dir = project();
    let mut ran = 0;
    for (lang, body) in blocks(&readme()) {
        if lang != "sh" {
            continue;
        }
        for line in body.lines().filter(|l| l.starts_with("pilint ")) {
            let (code, stderr) = run_line(line, dir.path());
            assert!(code == 0 || code == 1, "{line}: exit {code}: {stderr}");
            ran += 1;
        }
    }
    assert!(dir.path().join("pilint.sarif").is_file());
    assert!(ran >= 4, "{ran}");
}

#[test]
fn ci_snippets_run_and_write_their_reports() {
    let dir = project();
    let mut ran = Vec::new();
    for (lang, body) in blocks(&readme()) {
        if lang != "yaml" {
            continue;
        }
        for line in body.lines() {
            let line = line.trim_start();
            let command = line
                .strip_prefix("- run: ")
                .or_else(|| line.strip_prefix("- "))
                .filter(|c| c.starts_with("pilint "));
            if let Some(command) = command {
                let (code, stderr) = run_line(command, dir.path());
                assert_eq!(
                    code, 1,
                    "the bad submissions fail the job: {command}: {stderr}"
                );
                ran.push(command.to_owned());
            }
        }
    }
    // GitHub Actions runs the action (action.yml), GitLab CI a command.
    assert_eq!(ran.len(), 1, "GitLab CI: {ran:?}");
    let readme = readme();
    assert!(readme.contains("- uses: pilint/pilint@v"), "the action");
    let action = fs::read_to_string("action.yml").unwrap();
    assert!(
        action.contains("default: pilint.sarif") && readme.contains("sarif_file: pilint.sarif"),
        "upload-sarif reads the file the action writes by default"
    );
    let gitlab: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("gl-code-quality.json")).unwrap())
            .unwrap();
    assert!(!gitlab.as_array().unwrap().is_empty());
    assert!(
        fs::read_to_string(dir.path().join("pilint.xml"))
            .unwrap()
            .contains("<testsuites")
    );
}

#[test]
fn pre_commit_example_names_shipped_hooks() {
    let hooks = fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let shipped: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .collect();
    assert_eq!(shipped, ["pilint", "pilint-src", "pilint-corpus"]);
    // Every hook the README's pre-commit examples name is shipped, and
    // every shipped hook is shown (some commented out as alternatives).
    let text = readme();
    let mut used: Vec<String> = blocks(&text)
        .iter()
        .filter(|(lang, body)| lang == "yaml" && !body.contains("runs-on:"))
        .flat_map(|(_, body)| {
            body.lines()
                .filter_map(|l| {
                    let l = l.trim_start();
                    l.strip_prefix("- id: ")
                        .or_else(|| l.strip_prefix("# - id: "))
                })
                .map(|id| id.split_whitespace().next().unwrap_or("").to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    used.sort();
    used.dedup();
    let mut want: Vec<String> = shipped.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(used, want);
    // Each hook's entry is a command pilint accepts.
    for entry in hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
    {
        let (code, stderr) = run_line(
            &format!("{entry} fixtures/valid/group-2025.json"),
            Path::new("."),
        );
        assert_eq!(code, 0, "{entry}: {stderr}");
    }
}

#[test]
fn configuration_example_is_valid_and_does_what_it_says() {
    let text = readme();
    let (_, toml) = blocks(&text)
        .into_iter()
        .find(|(lang, _)| lang == "toml")
        .expect("a pilint.toml example");
    let dir = project();
    fs::write(dir.path().join("pilint.toml"), &toml).unwrap();
    fs::create_dir(dir.path().join("clinic-b")).unwrap();
    fs::copy(
        "fixtures/invalid/numerator-zero.json",
        dir.path().join("clinic-b/numerator-zero.json"),
    )
    .unwrap();
    let output = pilint()
        .current_dir(dir.path())
        .args(["check", "--format", "json-lines", "clinic-b"])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The suppression hides the numerator-zero finding the project holds.
    assert!(!stdout.contains("\"M007\""), "{stdout}");
    let isolated = pilint()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--format", "json-lines", "clinic-b"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(isolated.stdout)
            .unwrap()
            .contains("\"M007\"")
    );
}

#[test]
fn every_flag_in_the_usage_block_exists() {
    let text = readme();
    let start = text.find("## Usage").unwrap();
    let (_, usage) = blocks(&text[start..]).into_iter().next().unwrap();
    let mut help = String::new();
    for args in [
        &["check", "--help"][..],
        &["score", "--help"],
        &["rollup", "--help"],
        &["rules", "--help"],
        &["--help"],
    ] {
        help.push_str(&String::from_utf8(pilint().args(args).output().unwrap().stdout).unwrap());
    }
    let flags: Vec<&str> = usage
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .collect();
    assert!(flags.len() > 15);
    for flag in flags {
        assert!(help.contains(flag), "{flag} is not a pilint flag");
    }
}
