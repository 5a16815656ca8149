//! `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning
//! and other static-analysis dashboards import.
//!
//! - `tool.driver.rules` lists every rule: id (code), name, short
//!   description (summary), full description (what it checks), help (the
//!   whole `pilint rule CODE` text), help URI and default level.
//! - Each result has a physical location (1-based lines; columns count
//!   Unicode code points, stated by `columnKind`), a logical location (the
//!   JSON Pointer or XPath), related locations, and `partialFingerprints`
//!   built from code + path + pointer, so a finding keeps its identity
//!   when lines move.
//!
//! There is no hosted documentation, so `helpUri` is the rules table of
//! the README in the repository (`Cargo.toml`'s `repository`).
//!
//! A cross-file finding (rule family `X`) is a result like any other: its
//! physical location is the place it is about, its related locations are
//! the places in the other files, and its fingerprint follows the same
//! recipe (code + path + pointer of that place).
//!
//! The document is streamed: the header and rules, one result at a time,
//! then the closing brackets.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use crate::crossfile::{CrossFileFinding, Site};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::model::SourceFormat;
use crate::render::fingerprint::{cross_file_fingerprints, fingerprints};
use crate::render::position::{of_site, position};
use crate::render::{Renderer, Summary, write_indented};
use crate::rules::registry::{RuleMeta, all_rules};
use crate::source::SourceFile;

/// The schema GitHub and the SARIF validator recognise.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The repository, where the README documents every rule.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a rule's documentation is read online: the README's rules table.
pub fn help_uri() -> String {
    format!("{REPOSITORY}/blob/main/README.md#rules")
}

/// The key of pilint's fingerprint in `partialFingerprints`; the version
/// changes if the recipe ever does.
const FINGERPRINT_KEY: &str = "pilint/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub struct Sarif {
    rules: Vec<&'static RuleMeta>,
    results_written: usize,
    started: bool,
}

impl Default for Sarif {
    fn default() -> Self {
        Self::new()
    }
}

impl Sarif {
    pub fn new() -> Self {
        Sarif {
            rules: all_rules(),
            results_written: 0,
            started: false,
        }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let rules: Vec<Value> = self.rules.iter().map(|r| rule(r)).collect();
        let driver = json!({
            "name": "pilint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": REPOSITORY,
            "rules": rules,
        });
        let driver = serde_json::to_string_pretty(&driver).map_err(io::Error::other)?;
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {{\n        \"driver\": "
        )?;
        write_indented(out, &driver, "        ")?;
        write!(
            out,
            "\n      }},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }
}

fn rule(rule: &RuleMeta) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.what },
        "help": { "text": help_text(rule), "markdown": help_markdown(rule) },
        "helpUri": help_uri(),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.family.tag()] },
    })
}

/// What the rule checks and why, without the example files (`pilint rule
/// CODE` prints those): rule help is repeated in every SARIF file.
fn help_text(rule: &RuleMeta) -> String {
    format!(
        "{}\n\nWhy it matters: {}\n\nExamples: pilint rule {}",
        rule.what, rule.why, rule.code
    )
}

fn help_markdown(rule: &RuleMeta) -> String {
    format!(
        "{}\n\n**Why it matters:** {}\n\nExamples: `pilint rule {}`",
        rule.what, rule.why, rule.code
    )
}

impl Sarif {
    fn write_result(&mut self, result: &ResultOut, out: &mut dyn Write) -> io::Result<()> {
        let text = serde_json::to_string_pretty(result).map_err(io::Error::other)?;
        out.write_all(if self.results_written == 0 {
            b"\n"
        } else {
            b",\n"
        })?;
        write_indented(out, &text, "        ")?;
        self.results_written += 1;
        Ok(())
    }
}

impl Renderer for Sarif {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        let prints = fingerprints(report);
        for (diagnostic, fingerprint) in report.diagnostics.iter().zip(prints) {
            let result = self.result(report, diagnostic, fingerprint);
            self.write_result(&result, out)?;
        }
        Ok(())
    }

    fn cross_file(&mut self, findings: &[CrossFileFinding], out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        let prints = cross_file_fingerprints(findings);
        for (finding, fingerprint) in findings.iter().zip(prints) {
            let result = self.cross_file_result(finding, fingerprint);
            self.write_result(&result, out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        if self.results_written > 0 {
            out.write_all(b"\n      ")?;
        }
        out.write_all(b"]\n    }\n  ]\n}\n")
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: serde_json::Map<String, Value>,
    /// `consequence`: what CMS does with the file because of the result.
    properties: ResultProperties,
}

#[derive(Serialize)]
struct ResultProperties {
    consequence: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

/// The message, with the help after it.
fn message_text(message: &str, help: &str) -> String {
    if help.is_empty() {
        message.to_owned()
    } else {
        format!("{message} (help: {help})")
    }
}

fn fingerprint_map(fingerprint: String) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    map.insert(FINGERPRINT_KEY.to_owned(), Value::String(fingerprint));
    map
}

/// A cross-file place: the file, the range, and the pointer into it.
fn site_location(site: &Site, id: Option<usize>, message: Option<&str>) -> Location {
    let at = of_site(site);
    let logical = if site.at.pointer.is_empty() {
        Vec::new()
    } else {
        vec![LogicalLocation {
            fully_qualified_name: site.at.pointer.to_string(),
            kind: logical_kind(site.format, &site.at.pointer),
        }]
    };
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&site.path),
            region: Some(Region {
                start_line: at.line,
                start_column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
            }),
        },
        logical_locations: logical,
        message: message.map(|text| Message {
            text: text.to_owned(),
        }),
    }
}

impl Sarif {
    fn rule_index(&self, code: &str) -> usize {
        self.rules.iter().position(|r| r.code == code).unwrap_or(0)
    }

    fn cross_file_result(&self, finding: &CrossFileFinding, fingerprint: String) -> ResultOut {
        ResultOut {
            rule_id: finding.code,
            rule_index: self.rule_index(finding.code),
            level: level(finding.severity),
            message: Message {
                text: message_text(&finding.message, &finding.help),
            },
            locations: vec![site_location(&finding.site, None, None)],
            related_locations: finding
                .related
                .iter()
                .enumerate()
                .map(|(i, related)| {
                    site_location(&related.site, Some(i + 1), Some(&related.message))
                })
                .collect(),
            partial_fingerprints: fingerprint_map(fingerprint),
            properties: ResultProperties {
                consequence: finding.consequence.as_str(),
            },
        }
    }

    fn result(&self, report: &FileReport, d: &Diagnostic, fingerprint: String) -> ResultOut {
        let rule_index = self.rule_index(d.code);
        let text = message_text(&d.message, &d.help);
        let logical = if d.pointer.is_empty() {
            Vec::new()
        } else {
            vec![LogicalLocation {
                fully_qualified_name: d.pointer.clone(),
                kind: logical_kind(report.format, &d.pointer),
            }]
        };
        let primary = Location {
            id: None,
            physical_location: physical(report, &report.source, d.span.map(|_| d)),
            logical_locations: logical,
            message: None,
        };
        let related = d
            .related
            .iter()
            .enumerate()
            .map(|(i, related)| {
                let source = &report.source;
                let span = source.clamp_span(related.span);
                let start = source.line_col(span.start);
                let end = source.line_col(span.end);
                Location {
                    id: Some(i + 1),
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(report.path()),
                        region: Some(Region {
                            start_line: start.line,
                            start_column: start.column,
                            end_line: end.line,
                            end_column: end.column,
                        }),
                    },
                    logical_locations: Vec::new(),
                    message: Some(Message {
                        text: related.message.clone(),
                    }),
                }
            })
            .collect();
        let partial_fingerprints = fingerprint_map(fingerprint);
        ResultOut {
            rule_id: d.code,
            rule_index,
            level: level(d.severity),
            message: Message { text },
            locations: vec![primary],
            related_locations: related,
            partial_fingerprints,
            properties: ResultProperties {
                consequence: d.consequence.as_str(),
            },
        }
    }
}

fn physical(report: &FileReport, source: &SourceFile, d: Option<&Diagnostic>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact(report.path()),
        region: d.and_then(|d| position(source, d)).map(|at| Region {
            start_line: at.line,
            start_column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
        }),
    }
}

/// SARIF's kinds: a JSON Pointer names a value; an XPath an element, or an
/// attribute when it ends in `@name`.
fn logical_kind(format: SourceFormat, pointer: &str) -> &'static str {
    match format {
        SourceFormat::Json => "value",
        SourceFormat::Qrda3 => {
            if pointer
                .rsplit('/')
                .next()
                .is_some_and(|s| s.starts_with('@'))
            {
                "attribute"
            } else {
                "element"
            }
        }
    }
}

/// A path as a URI reference: relative paths stay relative to the
/// checkout root (`%SRCROOT%`, which GitHub resolves), absolute ones become
/// `file://` URIs; characters outside RFC 3986's unreserved set are
/// percent-encoded.
fn artifact(path: &str) -> ArtifactLocation {
    let encoded = encode_path(path);
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{encoded}"),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encoded,
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(artifact("a b/c#.json").uri, "a%20b/c%23.json");
        assert_eq!(artifact("/tmp/x.json").uri, "file:///tmp/x.json");
        assert_eq!(artifact("é.json").uri, "%C3%A9.json");
    }
}
