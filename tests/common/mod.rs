//! The harness the format tests share: every output format, and a
//! `pilint check` command with a clean environment.

// Each test binary uses its own part of the harness.
#![allow(dead_code)]

use assert_cmd::Command;

/// Every `--format` of `pilint check`.
pub const FORMATS: &[&str] = &[
    "full",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "junit",
];

/// `pilint check --isolated --color never`, untouched by the caller's
/// colour or CI environment.
pub fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        // The project root comes from the checkout, not the CI system.
        .env_remove("CI_PROJECT_DIR")
        .env_remove("GITHUB_WORKSPACE")
        .args(["check", "--isolated", "--color", "never"]);
    cmd
}

/// Standard output and exit code.
pub fn run(cmd: &mut Command) -> (String, i32) {
    let output = cmd.output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// The output as snapshotted: SARIF's rules table is the registry (tested
/// on its own), so the snapshot keeps the results readable.
pub fn snapshot_text(format: &str, out: String) -> String {
    if format != "sarif" {
        return out;
    }
    let mut value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules = value["runs"][0]["tool"]["driver"]["rules"].take();
    value["runs"][0]["tool"]["driver"]["rules"] =
        serde_json::Value::from(format!("{} rules", rules.as_array().unwrap().len()));
    value["runs"][0]["tool"]["driver"]["version"] = serde_json::Value::from("[version]");
    value["runs"][0]["tool"]["driver"]["semanticVersion"] = serde_json::Value::from("[version]");
    // The checkout's absolute path differs between machines.
    value["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] =
        serde_json::Value::from("file:///[project root]/");
    serde_json::to_string_pretty(&value).unwrap()
}
