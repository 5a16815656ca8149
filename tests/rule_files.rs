//! Registration: every rule is one file under `src/rules/<family>/`, named
//! after the rule, and every rule file is registered in `all_rules()`.
//!
//! A rule file that is not declared with `mod` is not even compiled, so the
//! registry alone cannot notice it; this test reads the source tree. A rule
//! file is one that declares `pub static META: RuleMeta`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use pilint::rules::registry::all_rules;

/// The directory of each family, by its codes' letters.
const FAMILIES: &[(&str, &str)] = &[
    ("file", "F"),
    ("schema", "S"),
    ("qrda", "Q"),
    ("crossfile", "X"),
    ("semantic", "YPAMRECI"),
];

/// The first string literal after `field: ` in `text`.
fn field<'a>(text: &'a str, field: &str) -> Option<&'a str> {
    let start = text.find(&format!("{field}: \""))? + field.len() + 3;
    let len = text[start..].find('"')?;
    Some(&text[start..start + len])
}

/// Every rule file: its path relative to the crate, its `META`'s code and
/// name, and whether it has unit tests.
fn rule_files() -> Vec<(String, String, String, bool)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut out = Vec::new();
    for (dir, _) in FAMILIES {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("src/rules/{dir}: {e}"))
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Some(at) = text.find("pub static META: RuleMeta") else {
                continue; // shared support, not a rule
            };
            let meta = &text[at..];
            let relative = format!(
                "src/rules/{dir}/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            let code = field(meta, "code").unwrap_or_else(|| panic!("{relative}: no code"));
            let name = field(meta, "name").unwrap_or_else(|| panic!("{relative}: no name"));
            out.push((
                relative,
                code.to_owned(),
                name.to_owned(),
                text.contains("#[cfg(test)]\nmod tests"),
            ));
        }
    }
    out
}

#[test]
fn every_rule_file_is_registered_once_and_every_rule_has_its_file() {
    let registered: HashMap<&str, &str> = all_rules().iter().map(|r| (r.code, r.name)).collect();
    assert_eq!(
        registered.len(),
        all_rules().len(),
        "a code is registered twice"
    );
    let files = rule_files();
    let mut failures = Vec::new();
    let mut by_code: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (path, code, name, _) in &files {
        by_code.entry(code).or_default().push(path);
        match registered.get(code.as_str()) {
            None => failures.push(format!(
                "{path}: {code} is not registered (declare the module and add it to its family's RULES)"
            )),
            Some(registered_name) if registered_name != name => failures.push(format!(
                "{path}: {code} is registered as {registered_name}, the file says {name}"
            )),
            Some(_) => {}
        }
        let stem = path.rsplit('/').next().unwrap().trim_end_matches(".rs");
        if stem != name.replace('-', "_") {
            failures.push(format!("{path}: a rule's file is named after it ({name})"));
        }
        let dir = path.split('/').nth(2).unwrap();
        let letters = FAMILIES.iter().find(|(d, _)| *d == dir).unwrap().1;
        if !letters.contains(&code[..1]) {
            failures.push(format!(
                "{path}: {code} belongs to another family's directory"
            ));
        }
    }
    for (code, paths) in &by_code {
        if paths.len() > 1 {
            failures.push(format!("{code} is declared by {}", paths.join(" and ")));
        }
    }
    for rule in all_rules() {
        if !by_code.contains_key(rule.code) {
            failures.push(format!("{} {} has no rule file", rule.code, rule.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(files.len() >= 80, "only {} rule files found", files.len());
}

#[test]
fn every_rule_file_has_unit_tests() {
    let untested: Vec<String> = rule_files()
        .into_iter()
        .filter(|(_, _, _, tested)| !tested)
        .map(|(path, ..)| path)
        .collect();
    assert!(
        untested.is_empty(),
        "rule files without `#[cfg(test)] mod tests`:\n{}",
        untested.join("\n")
    );
}

/// Each rule file holds its check (issue 13: docs, check, message builder
/// and tests in one file): a function named `check` or `check_…`, outside
/// its tests. The front ends and the cross-file stage call these; a rule
/// decided elsewhere would not be found by reading its file.
#[test]
fn every_rule_file_holds_its_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let without: Vec<String> = rule_files()
        .into_iter()
        .map(|(path, ..)| path)
        .filter(|path| {
            let text = std::fs::read_to_string(root.join(path)).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            !code.lines().any(|line| {
                let line = line.trim_start();
                let line = line
                    .strip_prefix("pub ")
                    .or_else(|| line.strip_prefix("pub(crate) "))
                    .or_else(|| line.strip_prefix("pub(super) "))
                    .unwrap_or(line);
                line.strip_prefix("fn check")
                    .is_some_and(|rest| rest.starts_with(['(', '<', '_']))
            })
        })
        .collect();
    assert!(
        without.is_empty(),
        "rule files without a `check` function:\n{}",
        without.join("\n")
    );
}
