//! Selection and configuration from the command line: `pilint.toml`
//! discovery (nearest ancestor, no merging), `extend`, `--config`,
//! `--isolated`, per-file ignores, suppressions by pointer, severity
//! overrides, `exclude`, `year`, select/ignore by code, prefix and name,
//! `--fail-on`, `--exit-zero`, `-q`, `-s`, `--statistics`, and invalid
//! configurations.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// C003 (warning, cehrt-id-lowercase) and nothing else.
const LOWERCASE: &str = "fixtures/invalid/cehrt-id-lowercase.json";
/// I005 (warning, npi-check-digit) and nothing else.
const NPI: &str = "fixtures/invalid/npi-check-digit.json";
/// S005 (error, malformed-value) and nothing else.
const TIN: &str = "fixtures/invalid/tin-with-dash.json";

fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .arg("check");
    cmd
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// The codes a JSON-lines run reported, in order.
fn codes(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// A project directory with copies of fixtures at the given places.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (to, from) in files {
        let path = dir.path().join(to);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        if from.ends_with(".json") || from.ends_with(".xml") {
            fs::copy(from, &path).unwrap();
        } else {
            fs::write(&path, from).unwrap();
        }
    }
    dir
}

/// The per-file findings of a run in `dir`, as JSON lines. The projects
/// hold copies of one submission, which are also duplicates across files
/// (X001, after the files' lines); those are left out here, since these
/// tests are about each file's settings (`tests/crossfile_cli.rs` tests
/// the cross-file findings under `--select` and `--ignore`).
fn lines_in(dir: &Path, args: &[&str]) -> Run {
    let mut out = run(pilint()
        .current_dir(dir)
        .args(["--format", "json-lines"])
        .args(args));
    out.stdout = out
        .stdout
        .lines()
        .filter(|l| !l.contains("\"code\":\"X"))
        .map(|l| format!("{l}\n"))
        .collect();
    out
}

#[test]
fn select_and_ignore_take_codes_prefixes_and_names() {
    let all = [LOWERCASE, NPI, TIN];
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &["C003", "I005", "S005"]),
        (&["--select", "C003"], &["C003"]),
        (&["--select", "c"], &["C003"]),
        (&["--select", "npi-check-digit,S"], &["I005", "S005"]),
        (&["--ignore", "I"], &["C003", "S005"]),
        (&["--ignore", "cehrt-id-lowercase"], &["I005", "S005"]),
        (
            &["--select", "C", "--extend-select", "I005"],
            &["C003", "I005"],
        ),
        // The most specific selector wins.
        (
            &["--ignore", "I", "--extend-select", "I005"],
            &["C003", "I005", "S005"],
        ),
        (&["--select", "ALL", "--ignore", "C00"], &["I005", "S005"]),
    ];
    for (args, expected) in cases {
        let out = run(pilint()
            .args(["--isolated", "--format", "json-lines"])
            .args(*args)
            .args(all));
        assert_eq!(codes(&out.stdout), *expected, "{args:?}");
    }
    let out = run(pilint().args(["--select", "cehrt-id-lowercas", TIN]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `cehrt-id-lowercase`"),
        "{}",
        out.stderr
    );
}

#[test]
fn fail_on_and_exit_zero_set_the_exit_status() {
    let code = |args: &[&str]| run(pilint().arg("--isolated").args(args)).code;
    assert_eq!(code(&[LOWERCASE]), 0, "a warning does not fail by default");
    assert_eq!(code(&["--fail-on", "warning", LOWERCASE]), 1);
    assert_eq!(code(&["--fail-on", "error", TIN]), 1);
    assert_eq!(code(&["--exit-zero", TIN]), 0);
    assert_eq!(code(&["--exit-zero", "no/such/file.json"]), 2);
    // Ignoring the structural finding shows the semantic one it stood for
    // (de-duplication follows selection); ignoring both makes the run pass.
    assert_eq!(code(&["--ignore", "S005", TIN]), 1);
    assert_eq!(code(&["--ignore", "S005,I003", TIN]), 0);
    // A consequence threshold: the dashed TIN makes CMS refuse the file,
    // the lower-case CEHRT ID changes nothing at CMS.
    assert_eq!(code(&["--fail-on", "rejected", TIN]), 1);
    assert_eq!(code(&["--fail-on", "points", LOWERCASE]), 0);
}

#[test]
fn quiet_silent_and_statistics() {
    let out = run(pilint().args(["--isolated", "-q", "--color", "never", TIN, LOWERCASE]));
    assert!(out.stdout.contains("error[S005]"));
    assert!(!out.stdout.contains("Checked"), "{}", out.stdout);
    assert!(!out.stdout.contains("predicted PI score"), "{}", out.stdout);
    let out = run(pilint().args(["--isolated", "-s", TIN]));
    assert_eq!((out.stdout.as_str(), out.code), ("", 1));
    let out = run(pilint().args(["--isolated", "--statistics", "fixtures/invalid"]));
    let f001 = out
        .stdout
        .lines()
        .find(|l| l.contains("F001  invalid-json"))
        .unwrap();
    assert!(f001.trim_start().starts_with("5  "), "{}", out.stdout);
    let out = run(pilint().args([
        "--isolated",
        "--statistics",
        "--format",
        "json",
        "fixtures/invalid",
    ]));
    let stats: Value = serde_json::from_str(&out.stdout).unwrap();
    let total: u64 = stats
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .sum();
    let all = run(pilint().args(["--isolated", "--format", "json-lines", "fixtures/invalid"]));
    assert_eq!(total as usize, all.stdout.lines().count());
    // With the findings sent to a file, the statistics still print.
    let dir = tempfile::tempdir().unwrap();
    let out = run(pilint()
        .args(["--isolated", "--statistics", "--format", "sarif", "-o"])
        .arg(dir.path().join("a.sarif"))
        .arg(TIN));
    assert_eq!(out.stdout.trim(), "1  S005  malformed-value");
    assert!(dir.path().join("a.sarif").is_file());
}

#[test]
fn the_nearest_config_applies_without_merging() {
    let dir = project(&[
        ("pilint.toml", "ignore = [\"C003\", \"I005\"]\n"),
        ("a/lower.json", LOWERCASE),
        ("a/npi.json", NPI),
        ("a/b/pilint.toml", "ignore = [\"I005\"]\n"),
        ("a/b/lower.json", LOWERCASE),
        ("a/b/npi.json", NPI),
        ("c/.pilint.toml", "select = [\"S\"]\n"),
        ("c/lower.json", LOWERCASE),
        ("c/tin.json", TIN),
    ]);
    let out = lines_in(dir.path(), &[]);
    // a/: the root file ignores both; a/b/: only its own file applies, so
    // C003 comes back; c/: .pilint.toml selects only S.
    assert_eq!(codes(&out.stdout), ["C003", "S005"], "{}", out.stdout);
    let paths: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(paths, ["a/b/lower.json", "c/tin.json"]);
    // The command line adds to the file's ignores.
    let out = lines_in(dir.path(), &["--ignore", "S"]);
    assert_eq!(codes(&out.stdout), ["C003"]);
    // --isolated: no file at all; --config: that file for everything.
    let out = lines_in(dir.path(), &["--isolated"]);
    assert_eq!(codes(&out.stdout).len(), 6);
    let out = lines_in(dir.path(), &["--config", "a/b/pilint.toml"]);
    assert_eq!(codes(&out.stdout), ["C003", "C003", "C003", "S005"]);
}

#[test]
fn extend_inherits_and_the_extending_file_wins() {
    let dir = project(&[
        (
            "shared/base.toml",
            "ignore = [\"I005\"]\nshow-identifiers = true\n[severity]\nC003 = \"error\"\n",
        ),
        (
            "team/pilint.toml",
            "extend = \"../shared/base.toml\"\nshow-identifiers = false\n",
        ),
        ("team/npi.json", NPI),
        ("team/lower.json", LOWERCASE),
        ("team/tin.json", TIN),
    ]);
    let out = lines_in(dir.path(), &["team"]);
    // I005 ignored and C003 made an error, both inherited.
    assert_eq!(codes(&out.stdout), ["C003", "S005"]);
    let first: Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        (first["code"].as_str(), first["severity"].as_str()),
        (Some("C003"), Some("error"))
    );
    assert_eq!(out.code, 1);
    // show-identifiers = false overrides the base's true.
    let out = run(pilint()
        .current_dir(dir.path())
        .args(["--format", "concise", "team/tin.json"]));
    assert!(out.stdout.contains("`**-***3456`"), "{}", out.stdout);
}

#[test]
fn per_file_ignores_apply_to_the_files_their_glob_matches() {
    let dir = project(&[
        (
            "pilint.toml",
            "[per-file-ignores]\n\"legacy/*.json\" = [\"C\"]\n\"*-npi.json\" = [\"npi-check-digit\"]\n",
        ),
        ("legacy/lower.json", LOWERCASE),
        ("legacy/deep/lower.json", LOWERCASE),
        ("current/lower.json", LOWERCASE),
        ("current/x-npi.json", NPI),
        ("current/npi.json", NPI),
    ]);
    let out = lines_in(dir.path(), &[]);
    let reported: Vec<(String, String)> = out
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["path"].as_str().unwrap().to_owned(),
                v["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            ("current/lower.json".to_owned(), "C003".to_owned()),
            ("current/npi.json".to_owned(), "I005".to_owned()),
            ("legacy/deep/lower.json".to_owned(), "C003".to_owned()),
        ]
    );
}

#[test]
fn suppressions_by_pointer_exclude_and_year() {
    let dir = project(&[
        (
            "pilint.toml",
            "exclude = [\"drafts\"]\n\
             [[suppress]]\ncode = \"C003\"\npointer = \"/measurementSets/*/cehrtId\"\nreason = \"vendor typo, fixed upstream\"\n\
             [[suppress]]\ncode = \"I005\"\npath = \"other.json\"\n",
        ),
        ("lower.json", LOWERCASE),
        ("npi.json", NPI),
        ("drafts/tin.json", TIN),
    ]);
    let out = lines_in(dir.path(), &[]);
    assert_eq!(codes(&out.stdout), ["I005"], "{}", out.stdout);
    // Excluded even when named: pre-commit passes files by name.
    let out = lines_in(dir.path(), &["drafts/tin.json", "npi.json"]);
    assert_eq!(codes(&out.stdout), ["I005"]);
    assert_eq!(out.code, 0);

    // `year` applies a year's rules: 2023 lets the 2025 file's dates fall
    // outside the year.
    let dir = project(&[
        ("pilint.toml", "year = 2023\n"),
        ("valid.json", "fixtures/valid/group-2025.json"),
    ]);
    let out = lines_in(dir.path(), &[]);
    assert!(
        codes(&out.stdout).contains(&"P003".to_owned()),
        "{}",
        out.stdout
    );
    let out = lines_in(dir.path(), &["--year", "2025"]);
    assert_eq!(codes(&out.stdout), Vec::<String>::new());
}

#[test]
fn an_invalid_config_is_exit_2_with_file_line_and_reason() {
    let cases = [
        (
            "select = [\"C\"]\nignore = [\"C0O3\"]\n",
            ":2:",
            "not a rule code",
        ),
        ("year = \"2025\"\n", ":1:", "invalid type"),
        (
            "\n\n[per-file-ignores]\n\"a[\" = [\"C\"]\n",
            ":4:",
            "not a valid glob",
        ),
        ("extend = \"missing.toml\"\n", ":1:", "cannot read"),
        (
            "show_identifiers = true\n",
            ":1:",
            "unknown field `show_identifiers`",
        ),
    ];
    for (text, line, reason) in cases {
        let dir = project(&[("pilint.toml", text), ("lower.json", LOWERCASE)]);
        let out = lines_in(dir.path(), &[]);
        assert_eq!(out.code, 2, "{text}");
        assert_eq!(
            out.stdout, "",
            "nothing is checked with a broken configuration"
        );
        assert!(
            out.stderr.contains(&format!("pilint.toml{line}")) && out.stderr.contains(reason),
            "{text}: {}",
            out.stderr
        );
    }
    let out = run(pilint().args(["--config", "no/such.toml", LOWERCASE]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no/such.toml"), "{}", out.stderr);
}

#[test]
fn pilint_config_lists_every_key_with_its_default() {
    let out = run(Command::cargo_bin("pilint").unwrap().arg("config"));
    assert_eq!(out.code, 0);
    for key in pilint::config::KEYS {
        assert!(
            out.stdout.contains(&format!("\n{}  (", key.key)),
            "{}",
            key.key
        );
        assert!(out.stdout.contains(key.default));
    }
}

#[test]
fn stdin_uses_the_config_of_the_current_directory() {
    let dir = project(&[("pilint.toml", "ignore = [\"C003\"]\n")]);
    let text = fs::read_to_string(LOWERCASE).unwrap();
    let out = run(pilint()
        .current_dir(dir.path())
        .args(["--format", "json-lines", "-"])
        .write_stdin(text));
    assert_eq!(out.stdout, "");
    assert_eq!(out.code, 0);
}
