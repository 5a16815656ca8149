//! The harness the format tests share: every output format, and a
//! `pilint check` command with a clean environment.

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
