//! The binary's smaller duties: `--version`, completions, the man page, a
//! closed pipe, the rules listing, and frames for very long lines.

use std::fs;
use std::io::Read;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;

fn pilint() -> Command {
    let mut cmd = Command::cargo_bin("pilint").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("GITHUB_ACTIONS");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn version_names_the_years_and_the_measure_data() {
    let text = stdout(pilint().arg("--version"));
    let years = pilint::catalog::supported_years();
    assert!(text.starts_with(&format!("pilint {}", env!("CARGO_PKG_VERSION"))));
    assert!(
        text.contains(&format!("performance years {}", years[0])),
        "{text}"
    );
    let catalog = pilint::catalog::year(i64::from(years[0])).unwrap();
    assert!(text.contains(&catalog.source.commit), "{text}");
    assert!(text.contains(&catalog.source.repository), "{text}");
}

#[test]
fn completions_and_the_man_page_are_generated() {
    for (shell, marker) in [
        ("bash", "_pilint()"),
        ("zsh", "#compdef pilint"),
        ("fish", "complete -c pilint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = stdout(pilint().args(["completions", shell]));
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("fail-on"),
            "{shell} completes check's flags"
        );
    }
    let man = stdout(pilint().arg("man"));
    assert!(man.contains(".TH pilint"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("check"));
}

/// `pilint rules | head -1`: the reader goes away; pilint must end quietly,
/// without a panic message.
#[test]
fn a_closed_pipe_ends_every_listing_quietly() {
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"][..],
        &["rule", "F001"][..],
        &["config"][..],
        &["completions", "bash"][..],
        &["check", "--color", "never", "fixtures/invalid"][..],
    ] {
        let mut child = Process::new(cargo_bin("pilint"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(status.code().is_some(), "{args:?} was killed: {status:?}");
    }
}

#[test]
fn the_rules_listing_aligns_every_column() {
    let text = stdout(pilint().arg("rules"));
    let longest = pilint::rules::registry::all_rules()
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap();
    // Every severity starts in the same column, after the longest name.
    let columns: Vec<usize> = text
        .lines()
        .map(|line| {
            let name_end = line[5..].find(' ').unwrap() + 5;
            name_end + line[name_end..].find(|c: char| c != ' ').unwrap()
        })
        .collect();
    assert!(columns.iter().all(|c| *c == columns[0]), "{text}");
    assert!(columns[0] > 5 + longest, "{text}");
}

/// Many real QRDA III files are one line of megabytes: a frame shows about
/// 200 characters around the value, with `…`, and the exact line and column.
#[test]
fn frames_cut_long_lines_around_the_span() {
    let dir = tempfile::tempdir().unwrap();
    let valid = fs::read_to_string("fixtures/valid/group-2025.json").unwrap();
    // The whole file on one line, with a wrong TIN preceded by padding.
    let one_line: String = valid
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(&" ".repeat(400))
        .replace(
            "\"taxpayerIdentificationNumber\": \"",
            "\"taxpayerIdentificationNumber\": \"12-",
        );
    let file = dir.path().join("one-line.json");
    fs::write(&file, &one_line).unwrap();
    let output = pilint()
        .args(["check", "--color", "never", "--format", "full"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let json = pilint()
        .args(["check", "--format", "json-lines"])
        .arg(&file)
        .output()
        .unwrap();
    let finding: serde_json::Value = serde_json::from_str(
        String::from_utf8(json.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let column = finding["column"].as_u64().unwrap();
    assert!(column > 400, "the value is far into the line");
    assert!(
        text.contains(&format!("one-line.json:1:{column}")),
        "the header keeps the real column: {text}"
    );
    let source_line = text
        .lines()
        .find(|l| l.starts_with("1 │"))
        .expect("the source line");
    assert!(source_line.contains('…'), "{source_line}");
    assert!(source_line.chars().count() < 230, "{source_line}");
    assert!(source_line.contains("\"taxpayerIdentificationNumber\""));
    // The caret line sits under the value.
    let caret_line = text
        .lines()
        .skip_while(|l| !l.starts_with("1 │"))
        .nth(1)
        .unwrap();
    let value_at = source_line.find("\"**-").expect("masked value shown");
    let caret_at = caret_line.find('^').unwrap();
    assert_eq!(
        source_line[..value_at].chars().count(),
        caret_line[..caret_at].chars().count()
    );
    assert!(text.len() < 4000, "no megabyte lines: {} bytes", text.len());
}
