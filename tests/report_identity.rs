//! A finding has one identity however its file is named: SARIF and GitLab
//! paths are relative to the project root and the fingerprints are built
//! from that path, for `fixtures/x.json`, `./fixtures/x.json`, an absolute
//! path or a run from another directory; `--project-root`, GitLab's
//! `CI_PROJECT_DIR` and GitHub's `GITHUB_WORKSPACE` choose the root.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{pilint, run};

/// A project: a `.git` directory (the git top level, found without git)
/// and one invalid submission, two directories down.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("subs/2025")).unwrap();
    fs::copy(
        "fixtures/invalid/tin-with-dash.json",
        root.join("subs/2025/x.json"),
    )
    .unwrap();
    (dir, root)
}

/// (path, fingerprint) of each finding of one report.
type Identities = Vec<(String, String)>;

/// The identities of each finding, from SARIF and from GitLab.
fn identities(cwd: &Path, path: &str, extra: &[&str]) -> (Identities, Identities) {
    let (sarif, code) = run(pilint()
        .current_dir(cwd)
        .args(["--format", "sarif"])
        .args(extra)
        .arg(path));
    assert_eq!(code, 1, "{path} from {cwd:?}");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let run0 = &sarif["runs"][0];
    let sarif: Identities = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{artifact}");
            (
                artifact["uri"].as_str().unwrap().to_owned(),
                r["partialFingerprints"]["pilint/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    let (gitlab, _) = run(pilint()
        .current_dir(cwd)
        .args(["--format", "gitlab"])
        .args(extra)
        .arg(path));
    let gitlab: Identities = serde_json::from_str::<Value>(&gitlab)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_owned(),
                i["fingerprint"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (sarif, gitlab)
}

#[test]
fn every_name_of_a_file_gives_one_path_and_one_fingerprint() {
    let (_dir, root) = project();
    let absolute = root.join("subs/2025/x.json").display().to_string();
    let elsewhere = tempfile::tempdir().unwrap();
    let names: Vec<(PathBuf, String)> = vec![
        (root.clone(), "subs/2025/x.json".into()),
        (root.clone(), "./subs/2025/x.json".into()),
        (root.clone(), "subs/../subs/2025/x.json".into()),
        (root.clone(), absolute.clone()),
        (root.join("subs/2025"), "x.json".into()),
        (root.join("subs"), "2025/x.json".into()),
        (elsewhere.path().to_path_buf(), absolute),
    ];
    let (want_sarif, want_gitlab) = identities(&root, "subs/2025/x.json", &[]);
    assert_eq!(want_sarif.len(), 1);
    assert_eq!(want_sarif[0].0, "subs/2025/x.json");
    assert_eq!(want_gitlab[0].0, "subs/2025/x.json");
    // SARIF and GitLab share the fingerprint.
    assert_eq!(want_sarif[0].1, want_gitlab[0].1);
    for (cwd, name) in names {
        let (sarif, gitlab) = identities(&cwd, &name, &[]);
        assert_eq!(sarif, want_sarif, "SARIF: {name} from {cwd:?}");
        assert_eq!(gitlab, want_gitlab, "GitLab: {name} from {cwd:?}");
    }
}

#[test]
fn sarif_resolves_its_base_to_the_project_root() {
    let (_dir, root) = project();
    let (out, _) =
        run(pilint()
            .current_dir(root.join("subs"))
            .args(["--format", "sarif", "2025/x.json"]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let uri = value["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(uri.starts_with("file:///") && uri.ends_with('/'), "{uri}");
    #[cfg(unix)]
    assert_eq!(uri, format!("file://{}/", root.display()));
}

#[test]
fn the_flag_and_the_ci_variables_choose_the_root() {
    let (_dir, root) = project();
    // --project-root: paths relative to it.
    let (sarif, gitlab) = identities(&root, "subs/2025/x.json", &["--project-root", "subs"]);
    assert_eq!(sarif[0].0, "2025/x.json");
    assert_eq!(gitlab[0].0, "2025/x.json");
    // A file outside the root: GitLab still gets a relative path.
    let (out, _) = run(pilint().current_dir(&root).args([
        "--format",
        "gitlab",
        "--project-root",
        "subs/2025",
        &root.join("subs/2025/x.json").display().to_string(),
    ]));
    assert!(out.contains("\"path\":\"x.json\""), "{out}");
    fs::create_dir_all(root.join("other")).unwrap();
    let (out, _) = run(pilint().current_dir(&root).args([
        "--format",
        "gitlab",
        "--project-root",
        "other",
        "subs/2025/x.json",
    ]));
    assert!(out.contains("\"path\":\"../subs/2025/x.json\""), "{out}");

    for var in ["CI_PROJECT_DIR", "GITHUB_WORKSPACE"] {
        let (out, _) = run(pilint()
            .current_dir(&root)
            .env(var, root.join("subs"))
            .args(["--format", "gitlab", "subs/2025/x.json"]));
        assert!(out.contains("\"path\":\"2025/x.json\""), "{var}: {out}");
    }
    // GitLab's variable wins over GitHub's.
    let (out, _) = run(pilint()
        .current_dir(&root)
        .env("CI_PROJECT_DIR", root.join("subs/2025"))
        .env("GITHUB_WORKSPACE", root.join("subs"))
        .args(["--format", "gitlab", "subs/2025/x.json"]));
    assert!(out.contains("\"path\":\"x.json\""), "{out}");

    let (_, code) =
        run(pilint()
            .current_dir(&root)
            .args(["--project-root", "no-such-dir", "subs"]));
    assert_eq!(code, 2);
}

#[test]
fn an_absolute_path_never_reaches_gitlab() {
    // No .git, no pilint.toml: the working directory is the root.
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().canonicalize().unwrap();
    let file = base.join("x.json");
    fs::copy("fixtures/invalid/tin-with-dash.json", &file).unwrap();
    let (out, _) = run(pilint()
        .current_dir(&base)
        .args(["--format", "gitlab"])
        .arg(&file));
    let issues: Value = serde_json::from_str(&out).unwrap();
    for issue in issues.as_array().unwrap() {
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(!Path::new(path).is_absolute(), "{path}");
    }
}
