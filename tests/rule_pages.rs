//! docs/rules/: every rule has a page, the page is `pilint rule CODE`
//! (title first), and every machine format points at it: the JSON `url`,
//! `pilint rules --format json`, SARIF's `helpUri`, the `full` rule line.
//! `python3 tools/update_rule_pages.py` rewrites the pages.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::{pilint, run};

const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const FIX: &str = "run `python3 tools/update_rule_pages.py` after `cargo build`";

fn bin(args: &[&str]) -> String {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "pilint {args:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn rules() -> Vec<Value> {
    serde_json::from_str::<Value>(&bin(&["rules", "--format", "json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The page a URL names, as a path in this checkout.
fn page_of(url: &str) -> String {
    let prefix = format!("{REPOSITORY}/blob/main/");
    url.strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{url} is not a page of {REPOSITORY}"))
        .to_owned()
}

#[test]
fn every_rule_has_a_page_that_is_its_documentation() {
    let rules = rules();
    assert_eq!(rules.len(), pilint::rules::registry::all_rules().len());
    let mut failures = Vec::new();
    for rule in &rules {
        let code = rule["code"].as_str().unwrap();
        let path = pilint::rules::url::page_path(code);
        let want = pilint::rules::url::page(&bin(&["rule", code]));
        match fs::read_to_string(&path) {
            Ok(page) if page == want => {}
            Ok(_) => failures.push(format!("{path} differs from `pilint rule {code}`")),
            Err(err) => failures.push(format!("{path}: {err}")),
        }
        assert_eq!(
            rule["url"].as_str().map(page_of),
            Some(path.clone()),
            "rules --format json: {code}"
        );
    }
    assert!(failures.is_empty(), "{}\n{FIX}", failures.join("\n"));
}

#[test]
fn every_page_names_a_rule_and_the_index_lists_them_all() {
    let codes: BTreeSet<String> = rules()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect();
    let mut pages = BTreeSet::new();
    for entry in fs::read_dir("docs/rules").unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "README.md" {
            pages.insert(name.trim_end_matches(".md").to_owned());
        }
    }
    assert_eq!(pages, codes, "{FIX}");
    let index = fs::read_to_string("docs/rules/README.md").unwrap();
    for code in &codes {
        assert!(
            index.contains(&format!("[{code}]({code}.md)")),
            "{code}: {FIX}"
        );
    }
}

/// Every `url` / `helpUri` in a document names an existing page of its
/// rule.
fn assert_pages(found: &[(String, String)]) {
    assert!(!found.is_empty());
    for (code, url) in found {
        let page = page_of(url);
        assert_eq!(page, format!("docs/rules/{code}.md"));
        assert!(Path::new(&page).is_file(), "{page}");
    }
}

#[test]
fn json_findings_and_cross_file_findings_carry_their_rule_url() {
    let (out, _) =
        run(pilint().args(["--format", "json", "fixtures/invalid", "fixtures/crossfile"]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let mut found = Vec::new();
    for file in value["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            found.push((
                d["code"].as_str().unwrap().to_owned(),
                d["url"].as_str().unwrap().to_owned(),
            ));
        }
    }
    let cross = value["crossFile"].as_array().unwrap();
    assert!(!cross.is_empty());
    for f in cross {
        found.push((
            f["code"].as_str().unwrap().to_owned(),
            f["url"].as_str().unwrap().to_owned(),
        ));
    }
    assert_pages(&found);

    let (lines, _) = run(pilint().args([
        "--format",
        "json-lines",
        "fixtures/invalid/tin-with-dash.json",
    ]));
    let line: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(
        line["url"],
        format!("{REPOSITORY}/blob/main/docs/rules/S005.md")
    );
}

#[test]
fn sarif_help_uri_is_each_rules_page_and_full_names_it() {
    let (out, _) = run(pilint().args(["--format", "sarif", "fixtures/invalid/tin-with-dash.json"]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, String)> = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["helpUri"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found.len(), pilint::rules::registry::all_rules().len());
    assert_pages(&found);

    let (full, _) = run(pilint().arg("fixtures/invalid/tin-with-dash.json"));
    assert!(
        full.contains(&format!(
            "rule: malformed-value (pilint rule S005; {REPOSITORY}/blob/main/docs/rules/S005.md)"
        )),
        "{full}"
    );
}
