//! Every fixture's rendered output is a reviewed snapshot (biome's spec
//! tests): for each file under `fixtures/` (and each directory under
//! `fixtures/crossfile/`, checked as one run), one snapshot in
//! `tests/snapshots/fixtures/` holds the input, the exit code and the
//! `full` output of `pilint check`. A message change is one
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test
//! fixture_snapshots`, then read the diff).
//!
//! Every rule code of the registry appears in at least one snapshot, and
//! every snapshot belongs to a fixture that still exists.
//!
//! Three rules concern the run, not a file's content (`file-too-large`,
//! `internal-error`, `unreadable-file`): their cases in [`ENVIRONMENT`] set
//! the run up so they fire, and the snapshot's command line shows how.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Where the snapshots live, relative to this file (insta's convention).
const SNAPSHOTS: &str = "snapshots/fixtures";

/// One checked unit: a fixture file, a cross-file tree, or a run set up so
/// that a rule about the run fires.
struct Case {
    /// The path checked, relative to the repository root with `/`
    /// separators: what the output shows, so it is the same on every machine.
    path: String,
    /// The files whose text the snapshot shows, relative to the root.
    inputs: Vec<String>,
    /// The snapshot, relative to tests/snapshots/fixtures, without `.snap`.
    snapshot: String,
    /// Options before the path, and environment variables, of this run.
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
}

impl Case {
    fn fixture(path: String, inputs: Vec<String>) -> Case {
        let snapshot = path
            .strip_prefix("fixtures/")
            .expect("under fixtures/")
            .to_owned();
        Case {
            path,
            inputs,
            snapshot,
            args: &[],
            env: &[],
        }
    }

    /// The command line the snapshot shows.
    fn command(&self) -> String {
        let mut line = String::new();
        for (key, value) in self.env {
            line.push_str(&format!("{key}={value} "));
        }
        line.push_str("pilint check --isolated --color never");
        for arg in self.args {
            line.push_str(&format!(" {arg}"));
        }
        line.push_str(&format!(" {}", self.path));
        line
    }
}

/// A run set up so that a rule about the run (not about a file's content)
/// fires: (snapshot, path, options, environment, whether it can run here).
type Environment = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    bool,
);

const ENVIRONMENT: &[Environment] = &[
    // F008: a valid submission, over a limit set below its size.
    (
        "environment/file-too-large.json",
        "fixtures/environment/file-too-large.json",
        &["--max-file-size", "1024"],
        &[],
        true,
    ),
    // F007: debug builds panic on the file PILINT_TEST_PANIC_ON names
    // (src/lint.rs), standing for a bug in pilint.
    (
        "environment/internal-error.json",
        "fixtures/environment/internal-error.json",
        &[],
        &[(
            "PILINT_TEST_PANIC_ON",
            "fixtures/environment/internal-error.json",
        )],
        cfg!(debug_assertions),
    ),
    // F006: no committed file is unreadable, and permissions do not stop
    // root; reading /proc/self/mem from offset 0 fails for every user.
    (
        "environment/unreadable-file",
        "/proc/self/mem",
        &[],
        &[],
        cfg!(target_os = "linux"),
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(root()).expect("under the repository");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files under `dir`, sorted, so every run visits them in the same order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn cases() -> Vec<Case> {
    let fixtures = root().join("fixtures");
    let crossfile = fixtures.join("crossfile");
    let environment = fixtures.join("environment");
    let mut cases = Vec::new();
    let mut trees = BTreeSet::new();
    for file in files_under(&fixtures) {
        if let Ok(rest) = file.strip_prefix(&crossfile) {
            let tree = rest.components().next().expect("a tree name");
            trees.insert(crossfile.join(tree));
            continue;
        }
        if file.starts_with(&environment) {
            continue; // run as ENVIRONMENT says
        }
        let path = relative(&file);
        cases.push(Case::fixture(path.clone(), vec![path]));
    }
    for tree in trees {
        let inputs = files_under(&tree).iter().map(|f| relative(f)).collect();
        cases.push(Case::fixture(relative(&tree), inputs));
    }
    for &(snapshot, path, args, env, _) in ENVIRONMENT {
        let inputs = if path.starts_with("fixtures/") {
            vec![path.to_owned()]
        } else {
            Vec::new()
        };
        cases.push(Case {
            path: path.to_owned(),
            inputs,
            snapshot: snapshot.to_owned(),
            args,
            env,
        });
    }
    cases
}

/// Whether this case can run on this machine (see [`ENVIRONMENT`]).
fn runs_here(case: &Case) -> bool {
    ENVIRONMENT
        .iter()
        .find(|(snapshot, ..)| *snapshot == case.snapshot)
        .is_none_or(|&(.., here)| here)
}

/// The case's `pilint check --isolated --color never` (default `full`
/// format) from the repository root, untouched by the caller's colour or CI
/// environment.
fn check(case: &Case) -> (String, String, i32) {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("PILINT_TEST_PANIC_ON")
        .envs(case.env.iter().copied())
        .args(["check", "--isolated", "--color", "never"])
        .args(case.args)
        .arg(&case.path)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

fn fence_language(path: &str) -> &str {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
}

/// The snapshot text: each input, the exit code and the output.
fn render(case: &Case) -> String {
    let (stdout, stderr, code) = check(case);
    let mut text = String::new();
    for input in &case.inputs {
        let bytes = std::fs::read(root().join(input)).unwrap();
        let (body, note) = match String::from_utf8(bytes) {
            Ok(body) => (body, ""),
            Err(err) => (
                String::from_utf8_lossy(err.as_bytes()).into_owned(),
                " (not UTF-8: shown with U+FFFD for the invalid bytes)",
            ),
        };
        text.push_str(&format!("# Input: {input}{note}\n"));
        text.push_str(&format!("```{}\n{body}", fence_language(input)));
        if !body.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("```\n\n");
    }
    text.push_str(&format!(
        "# Exit code: {code}\n\n# Output: {}\n```\n{stdout}```\n",
        case.command()
    ));
    // A panic message names a thread id and a source line, which change from
    // run to run and edit to edit: that the run panicked is what is shown.
    let stderr = if stderr.contains("panicked at") {
        "(the message of a panic)\n".to_owned()
    } else {
        stderr
    };
    if !stderr.is_empty() {
        text.push_str(&format!("\n# Standard error\n```\n{stderr}```\n"));
    }
    text
}

/// The snapshot's directory (mirroring the fixture tree) and name.
fn snapshot_place(case: &Case) -> (String, String) {
    match case.snapshot.rsplit_once('/') {
        Some((dir, name)) => (format!("{SNAPSHOTS}/{dir}"), name.to_owned()),
        None => (SNAPSHOTS.to_owned(), case.snapshot.clone()),
    }
}

#[test]
fn every_fixture_output_is_its_snapshot_and_every_rule_is_shown() {
    let mut failed = Vec::new();
    let mut shown = Vec::new();
    for case in cases() {
        if !runs_here(&case) {
            // Its committed snapshot still counts for the rules it shows.
            let file = root()
                .join("tests")
                .join(SNAPSHOTS)
                .join(format!("{}.snap", case.snapshot));
            shown.push(std::fs::read_to_string(file).unwrap_or_default());
            continue;
        }
        let text = render(&case);
        shown.push(text.clone());
        let (dir, name) = snapshot_place(&case);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(dir);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        if let Some(input) = case.inputs.first().filter(|_| case.inputs.len() == 1) {
            settings.set_input_file(root().join(input));
        }
        // One mismatch must not hide the others: every snapshot is
        // compared (and its `.snap.new` written) before the test fails.
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name, text));
        }));
        if outcome.is_err() {
            failed.push(case.path);
        }
    }
    assert!(
        failed.is_empty(),
        "{} snapshots differ (run `cargo insta review`):\n{}",
        failed.len(),
        failed.join("\n")
    );
    // Checked here, on what was just compared, rather than on the snapshot
    // files, which this same run may still be writing.
    let missing = codes_not_shown(&shown);
    assert!(
        missing.is_empty(),
        "rule codes without a snapshot (add a fixture named after the rule): {missing:?}"
    );
}

/// The `.snap` files under tests/snapshots/fixtures, relative to it.
fn snapshot_files() -> Vec<PathBuf> {
    let dir = root().join("tests").join(SNAPSHOTS);
    if !dir.exists() {
        return Vec::new();
    }
    files_under(&dir)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "snap"))
        .collect()
}

#[test]
fn every_snapshot_belongs_to_a_fixture() {
    let dir = root().join("tests").join(SNAPSHOTS);
    let expected: BTreeSet<PathBuf> = cases()
        .iter()
        .map(|case| dir.join(format!("{}.snap", case.snapshot)))
        .collect();
    let stale: Vec<String> = snapshot_files()
        .into_iter()
        .filter(|f| !expected.contains(f))
        .map(|f| relative(&f))
        .collect();
    assert!(stale.is_empty(), "snapshots without a fixture: {stale:?}");
}

/// The codes `pilint rules --format json` lists.
fn registry_codes() -> BTreeSet<String> {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rules: Value = serde_json::from_slice(&output.stdout).unwrap();
    rules
        .as_array()
        .expect("an array of rules")
        .iter()
        .map(|rule| rule["code"].as_str().expect("a code").to_owned())
        .collect()
}

/// The registry's codes that no output shows (as `error[CODE]: `,
/// `warning[CODE]: `…): every rule's rendered output must be reviewed.
fn codes_not_shown(snapshots: &[String]) -> Vec<String> {
    // The output only: an input that merely mentions a code is no review.
    let outputs: Vec<&str> = snapshots
        .iter()
        .map(|text| &text[text.find("# Output: ").unwrap_or(text.len())..])
        .collect();
    registry_codes()
        .into_iter()
        .filter(|code| {
            let header = format!("[{code}]: ");
            !outputs.iter().any(|text| text.contains(&header))
        })
        .collect()
}
