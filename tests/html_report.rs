//! `pilint check --format html` and `pilint rollup --format html`: the
//! report over the shipped fixtures, parsed as strict XML (the page is
//! polyglot markup: every element closed, every attribute quoted, every
//! character escaped), holds every finding exactly once, loads nothing
//! from anywhere, shows identifiers masked, and survives hostile names
//! and contents.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use common::pilint;
use roxmltree::{Document, Node, ParsingOptions};
use serde_json::Value;

const INPUTS: &[&str] = &[
    "fixtures/valid",
    "fixtures/invalid",
    "fixtures/score",
    "fixtures/crossfile",
];

/// The HTML report and the JSON document of one run over `inputs`.
fn report(inputs: &[&str], extra: &[&str]) -> (String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let output = pilint()
        .args(extra)
        .args(["--format", "json", "--format", "html", "-o"])
        .arg(&html)
        .args(inputs)
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    let json = serde_json::from_slice(&output.stdout).unwrap();
    (fs::read_to_string(html).unwrap(), json)
}

fn parse(text: &str) -> Document<'_> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .unwrap_or_else(|err| panic!("not well-formed: {err}"))
}

fn has_class(node: &Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

fn text_of(node: &Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Nothing the page would load: no script, no stylesheet or image from
/// elsewhere; links go to an anchor of the page or a rule's page.
fn assert_self_contained(doc: &Document) {
    for node in doc.descendants().filter(Node::is_element) {
        let name = node.tag_name().name();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "image", "use", "base"
            ]
            .contains(&name),
            "a <{name}> element"
        );
        for attribute in node.attributes() {
            let key = attribute.name();
            assert!(key != "src" && key != "srcset", "a {key} attribute");
            assert!(!key.starts_with("on"), "an event handler {key}");
            if key == "href" {
                let value = attribute.value();
                assert!(
                    value.starts_with('#')
                        || value
                            .starts_with("https://github.com/pilint/pilint/blob/main/docs/rules/"),
                    "a link to {value}"
                );
            }
        }
        if name == "style" {
            let css = text_of(&node);
            assert!(
                !css.contains("url(") && !css.contains("@import"),
                "CSS loads something"
            );
        }
    }
}

#[test]
fn the_fixtures_report_is_well_formed_self_contained_and_complete() {
    let (html, json) = report(INPUTS, &[]);
    let doc = parse(&html);
    assert_eq!(doc.root_element().tag_name().name(), "html");
    assert_self_contained(&doc);

    // Every id once: the links within the page are unambiguous.
    let mut ids = HashSet::new();
    for node in doc.descendants() {
        if let Some(id) = node.attribute("id") {
            assert!(ids.insert(id), "id {id} twice");
        }
    }
    // Every link within the page leads somewhere.
    for node in doc.descendants() {
        if let Some(target) = node.attribute("href").and_then(|h| h.strip_prefix('#')) {
            assert!(
                ids.contains(target),
                "a link to #{target}, which is not there"
            );
        }
    }

    // Every file once, with exactly its findings, each once.
    let articles: HashMap<String, Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("article"))
        .map(|n| {
            let h3 = n.descendants().find(|d| d.has_tag_name("h3")).unwrap();
            (text_of(&h3), n)
        })
        .collect();
    let files = json["files"].as_array().unwrap();
    assert_eq!(articles.len(), files.len());
    let mut findings = 0;
    for file in files {
        let path = file["path"].as_str().unwrap();
        let article = articles
            .get(path)
            .unwrap_or_else(|| panic!("no article for {path}"));
        let shown: Vec<String> = article
            .descendants()
            .filter(|n| has_class(n, "finding"))
            .map(|n| text_of(&n))
            .collect();
        let expected = file["diagnostics"].as_array().unwrap();
        assert_eq!(shown.len(), expected.len(), "{path}");
        for (diagnostic, text) in expected.iter().zip(&shown) {
            let code = diagnostic["code"].as_str().unwrap();
            let message = diagnostic["message"].as_str().unwrap();
            assert!(
                text.contains(code) && text.contains(message),
                "{path}: {code} {message}\n{text}"
            );
        }
        findings += expected.len();
    }
    assert!(findings > 50, "the fixtures make findings");

    // Cross-file findings, each once, linked to the files they name.
    let cross = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("cross"))
        .unwrap();
    let shown: Vec<Node> = cross
        .descendants()
        .filter(|n| has_class(n, "finding"))
        .collect();
    let expected = json["crossFile"].as_array().unwrap();
    assert!(!expected.is_empty());
    assert_eq!(shown.len(), expected.len());
    for (finding, node) in expected.iter().zip(&shown) {
        let text = text_of(node);
        assert!(
            text.contains(finding["message"].as_str().unwrap()),
            "{text}"
        );
        let links = node
            .descendants()
            .filter(|n| n.attribute("href").is_some_and(|h| h.starts_with("#f")))
            .count();
        assert_eq!(
            links,
            1 + finding["related"].as_array().unwrap().len(),
            "{text}"
        );
    }
}

#[test]
fn the_summary_counts_files_by_consequence_and_severity() {
    let (html, json) = report(INPUTS, &[]);
    let doc = parse(&html);
    let summary = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("summary"))
        .unwrap();
    let cards: HashMap<String, String> = summary
        .descendants()
        .filter(|n| has_class(n, "card"))
        .map(|n| {
            let count = text_of(&n.descendants().find(|d| d.has_tag_name("b")).unwrap());
            (n.attribute("class").unwrap().to_owned(), count)
        })
        .collect();
    let consequences = &json["summary"]["files"];
    assert!(consequences.is_number());
    let errors = json["summary"]["errors"].as_u64().unwrap().to_string();
    assert_eq!(cards["card error"], errors);
    // Files by verdict add up to the files.
    let by_verdict: u64 = ["rejected", "zero", "points", "ready", "not-checked"]
        .iter()
        .map(|k| cards[&format!("card {k}")].parse::<u64>().unwrap())
        .sum();
    assert_eq!(by_verdict, json["summary"]["files"].as_u64().unwrap());
    assert!(cards["card rejected"] != "0" && cards["card zero"] != "0");
    // The chart is an SVG with one bar per score range and "no score".
    let chart = summary
        .descendants()
        .filter(|n| n.has_tag_name("svg"))
        .find(|n| {
            n.attribute("aria-label")
                .is_some_and(|l| l.contains("scores"))
        })
        .unwrap();
    let bars = chart.descendants().filter(|n| has_class(n, "bar")).count();
    assert_eq!(bars, 7);
}

#[test]
fn zeros_say_why_and_what_restores_a_score() {
    let (html, _) = report(
        &[
            "fixtures/invalid/numerator-zero.json",
            "fixtures/valid/group-2025.json",
        ],
        &[],
    );
    let doc = parse(&html);
    let zeros = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("zeros"))
        .unwrap();
    let text = text_of(&zeros);
    assert!(text.contains("numerator-zero.json"), "{text}");
    assert!(text.contains("REQUIRED_MEASURE_NUMERATOR_ZERO"), "{text}");
    assert!(text.contains("M007"), "{text}");
    assert!(
        text.contains("The one change that restores a score: report a numerator of at least 1"),
        "{text}"
    );
    // Points within reach, from the score's own rounding: 49/115 of 10
    // is 4 points; 52/115 gives 5.
    let text = text_of(&doc.root_element());
    assert!(text.contains("52/115 would give 5"), "{text}");
    // The breakdown of a scored file, point by point.
    assert!(text.contains("((49/115)*10) = 4"));
}

/// Every fixture but one: a QRDA III document that declares its TIN in
/// a DTD entity (refused, Q-rule) shows that declaration in its frame, as
/// the `full` format does; masking reads identifier fields, and an entity
/// declaration is not one.
fn masking_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = ["fixtures/valid", "fixtures/score", "fixtures/crossfile"]
        .map(str::to_owned)
        .to_vec();
    for dir in ["fixtures/invalid", "fixtures/invalid/qrda3"] {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() && !path.ends_with("doctype-not-allowed.xml") {
                inputs.push(path.to_str().unwrap().to_owned());
            }
        }
    }
    inputs
}

#[test]
fn identifiers_are_masked_unless_asked() {
    // (The aco-2025 fixtures name files by NPI: paths are shown as given.)
    let real = [
        "000123456",
        "000654321",
        "000111111",
        "1234567839",
        "00-0123456",
    ];
    let inputs = masking_inputs();
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let (html, _) = report(&inputs, &[]);
    for value in real {
        assert!(!html.contains(value), "the report shows {value}");
    }
    assert!(html.contains("TIN *****3456"));
    // Masked in the source frames too: the text around a TIN finding.
    assert!(html.contains("&quot;**-***3456&quot;") || html.contains("\"**-***3456\""));
    let (shown, _) = report(&inputs, &["--show-identifiers"]);
    assert!(shown.contains("000123456"));
    assert!(shown.contains("TIN 000123456"));
}

#[test]
fn files_are_grouped_by_practice() {
    let (html, _) = report(&["fixtures/valid"], &[]);
    let doc = parse(&html);
    let practices = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("practices"))
        .unwrap();
    let heads: Vec<String> = practices
        .children()
        .filter(|n| n.has_tag_name("h4"))
        .map(|n| text_of(&n))
        .collect();
    assert!(
        heads.iter().any(|h| h.starts_with("TIN *****3456")),
        "{heads:?}"
    );
    assert!(
        heads.iter().any(|h| h.starts_with("virtual group")),
        "{heads:?}"
    );
}

#[test]
fn hostile_names_and_contents_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = "<script>alert(1)<script>&amp;\"'.json";
    let hostile = r#"{"entityType": "group", "taxpayerIdentificationNumber": "</pre><script>x()</script>", "performanceYear": 2025,
 "measurementSets": [{"category": "pi", "submissionMethod": "<img src=x onerror=y>", "programName": "mips",
 "performanceStart": "2025-01-01", "performanceEnd": "2025-12-31", "measurements": []}]}"#;
    fs::write(dir.path().join(name), hostile).unwrap();
    fs::write(dir.path().join("]]><!--.json"), "{\"a\": \"<!-- --> ]]>\"").unwrap();
    let path = dir.path().to_str().unwrap().to_owned();
    let (html, json) = report(&[&path], &[]);
    let doc = parse(&html);
    assert_self_contained(&doc);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    let h3: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("h3"))
        .map(|n| text_of(&n))
        .collect();
    assert!(h3.iter().any(|t| t.ends_with(name)), "{h3:?}");
    assert_eq!(h3.len(), json["files"].as_array().unwrap().len());
}

#[test]
fn without_score_the_report_leaves_scores_out() {
    let (html, _) = report(&["fixtures/valid/group-2025.json"], &["--no-score"]);
    let doc = parse(&html);
    assert!(!html.contains("Predicted PI score"));
    assert!(
        doc.descendants()
            .all(|n| n.attribute("id") != Some("zeros"))
    );
}

#[test]
fn the_rollup_report_has_the_table_the_rollup_and_the_public_reporting_counts() {
    let output = assert_cmd::Command::cargo_bin("pilint")
        .unwrap()
        .args([
            "rollup",
            "--isolated",
            "--format",
            "html",
            "--participants",
            "fixtures/crossfile/aco-2025/participants.csv",
            "fixtures/crossfile/aco-2025",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let html = String::from_utf8(output.stdout).unwrap();
    let doc = parse(&html);
    assert_self_contained(&doc);
    let text = text_of(&doc.root_element());
    assert!(text.contains("APM entity PI roll-up, performance year 2025"));
    assert!(
        text.contains("Roll-up: (100 + 94 + 94 + 79 + 0 + 83 + 0) / 7 clinicians = 64.29"),
        "{text}"
    );
    assert!(text.contains("Shared Savings Program public reporting"));
    assert!(text.contains("met the requirement without an exclusion"));
    let rows = doc
        .descendants()
        .find(|n| n.has_tag_name("tbody"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    assert_eq!(rows, 10);
    assert!(!text.contains("000111111") && text.contains("*****1111"));
}

#[test]
fn the_readme_screenshot_exists() {
    // .ci/html regenerates it from the fixtures and checks it rendered.
    assert!(Path::new("docs/images/report.png").exists());
}
