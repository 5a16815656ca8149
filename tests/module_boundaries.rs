//! The library's top-level modules depend on one another one way only: no
//! cycle (`diagnostic ↔ rules` and `json → model → pointer → json` once
//! were). The graph is read from the sources: every `crate::MODULE` path
//! outside comments and test code is an edge. The binary's own modules
//! (`main`, `cli`, `outputs`) sit on top and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level module → the top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let relative = path.strip_prefix("src").unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if ["main", "cli", "outputs", "lib"].contains(&top.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Test code may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    edges.entry(top.clone()).or_default().insert(name);
                }
            }
        }
        // `use super::…` stays inside the module; nothing to add.
    }
    edges
}

/// A cycle through `start`, if any, as the path that closes it.
fn cycle_from(start: &str, edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in edges.get(&node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn top_level_modules_form_no_cycle() {
    let edges = graph();
    assert!(edges.len() > 10, "the sources were read: {edges:?}");
    let cycles: Vec<String> = edges
        .keys()
        .filter_map(|module| cycle_from(module, &edges))
        .map(|cycle| cycle.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_shared_types_depend_on_nothing_else() {
    // What a rule is (meta, family, consequence, severity) and the source
    // text are the leaves everything else builds on.
    let edges = graph();
    for leaf in ["rule", "source"] {
        assert!(
            edges.get(leaf).is_none_or(BTreeSet::is_empty),
            "{leaf} depends on {:?}",
            edges.get(leaf)
        );
    }
}

#[test]
fn the_cross_file_facts_name_no_rule() {
    // `crossfile` gathers and groups the facts of a run and `entities`
    // holds them; the `X` rules (`rules::crossfile`) judge them and depend
    // on both. A rule named from there would close a cycle (`rules →
    // crossfile → lint → rules`), so the caller hands the checks in.
    let edges = graph();
    assert!(
        edges.contains_key("crossfile"),
        "the sources were read: {edges:?}"
    );
    for module in ["crossfile", "entities"] {
        let named = edges.get(module).cloned().unwrap_or_default();
        assert!(
            !named.contains("rules"),
            "src/{module} names crate::rules: {named:?}"
        );
    }
}

#[test]
fn the_qrda3_reader_names_no_rule_and_no_front_end() {
    // The reader returns the document tree and typed facts (a `Stop` with
    // its span when it cannot read); the `Q` rules decide and word the
    // findings, and the front end runs them. A reader that named either
    // would put the checks back inside it.
    let edges = graph();
    let reader = edges.get("qrda3_reader").cloned().unwrap_or_default();
    assert!(
        edges.contains_key("rules") && edges["rules"].contains("qrda3_reader"),
        "the rules read the reader's tree: {edges:?}"
    );
    for forbidden in ["rules", "diagnostic", "xml", "lint"] {
        assert!(
            !reader.contains(forbidden),
            "qrda3_reader names crate::{forbidden}: {reader:?}"
        );
    }
}

#[test]
fn the_reading_layers_name_no_rule() {
    // The JSON syntax layer and the reading of bytes return what they find
    // as data; the rules decide what finding it is. Were they to name a
    // rule, no rule could read their facts without a cycle.
    let mut files = Vec::new();
    sources(Path::new("src/json_syntax"), &mut files);
    files.push(Path::new("src/read.rs").to_path_buf());
    assert!(files.len() > 4, "the sources were read: {files:?}");
    let edges = graph();
    for layer in ["json_syntax", "read"] {
        assert!(
            !edges
                .get(layer)
                .is_some_and(|names| names.contains("rules")),
            "{layer} names crate::rules: {:?}",
            edges.get(layer)
        );
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            assert!(
                !line.contains("crate::rules") && !line.contains("crate::diagnostic"),
                "{}: {line}",
                path.display()
            );
        }
    }
}

/// The library's public modules, as src/lib.rs documents them. A module
/// added as `pub` must be added here on purpose; every other module is
/// `pub(crate)`, so the compiler reports what nothing uses any more.
const PUBLIC_MODULES: &[&str] = &[
    "baseline",
    "catalog",
    "config",
    "crossfile",
    "diagnostic",
    "discover",
    "engine",
    "lint",
    "model",
    "outputs_guard",
    "project_root",
    "render",
    "rules",
    "score",
    "select",
    "server",
    "settings",
    "source",
];

#[test]
fn the_public_api_is_the_listed_modules() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let declared = |visibility: &str| -> BTreeSet<String> {
        lib.lines()
            .filter_map(|line| line.trim().strip_prefix(visibility))
            .filter_map(|rest| rest.strip_suffix(';'))
            .filter(|name| !name.starts_with('$')) // the macro below
            .map(str::to_owned)
            .collect()
    };
    let public = declared("pub mod ");
    let expected: BTreeSet<String> = PUBLIC_MODULES.iter().map(|m| (*m).to_owned()).collect();
    assert_eq!(public, expected, "src/lib.rs's `pub mod` lines");
    // Public only with the `internals` feature (benchmarks, fuzzing).
    let internals = lib
        .split("\ninternal_modules!(")
        .nth(1)
        .and_then(|list| list.split(')').next())
        .unwrap_or("");
    assert_eq!(internals, "json, json_syntax, qrda3_reader, xml");
    let private = declared("pub(crate) mod ");
    assert!(
        ["mask", "read", "rule"]
            .iter()
            .all(|m| private.contains(*m)),
        "{private:?}"
    );
}
