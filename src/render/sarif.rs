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
//! - Paths are relative to the project root (`crate::project_root`),
//!   under the base `%SRCROOT%`, which `originalUriBaseIds` resolves to
//!   the root's `file:` URI; so are the fingerprints, which therefore do
//!   not depend on how a file was named. A file outside the root gets an
//!   absolute `file:` URI.
//!
//! `helpUri` is the rule's page in the repository
//! (`docs/rules/CODE.md`, [`crate::rules::url`]).
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

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SourceFormat;
use crate::project_root::{Located, Locator, ProjectRoot, percent_encode};
use crate::render::fingerprint::Fingerprints;
use crate::render::position::{Placed, place, primary};
use crate::render::{Origin, Renderer, Summary, write_indented};
use crate::rules::registry::{RuleMeta, all_rules};

/// The schema GitHub and the SARIF validator recognise.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The repository (`informationUri`).
pub const REPOSITORY: &str = crate::rules::url::REPOSITORY;

/// The base id relative artifact URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

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
    locator: Locator,
    fingerprints: Fingerprints,
    /// The last file's artifact location, with its displayed name.
    artifact: Option<(String, ArtifactLocation)>,
}

impl Default for Sarif {
    fn default() -> Self {
        Self::new()
    }
}

impl Sarif {
    /// Paths relative to the root found from the working directory and
    /// the environment ([`ProjectRoot::resolve`] with no path).
    pub fn new() -> Self {
        let root = ProjectRoot::resolve(None, &[]).unwrap_or_else(|_| ProjectRoot::at(".", "."));
        Sarif::with_root(root)
    }

    /// Paths relative to `root`.
    pub fn with_root(root: ProjectRoot) -> Self {
        Sarif {
            rules: all_rules(),
            results_written: 0,
            started: false,
            locator: Locator::new(root),
            fingerprints: Fingerprints::default(),
            artifact: None,
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
        let bases = json!({ SRCROOT: { "uri": self.locator.root().uri() } });
        let bases = serde_json::to_string_pretty(&bases).map_err(io::Error::other)?;
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {{\n        \"driver\": "
        )?;
        write_continued(out, &driver, "        ")?;
        write!(out, "\n      }},\n      \"originalUriBaseIds\": ")?;
        write_continued(out, &bases, "      ")?;
        write!(
            out,
            ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }
}

/// Writes a pretty-printed value after its key: the first line continues
/// the key's line, the others are indented.
fn write_continued(out: &mut dyn Write, text: &str, indent: &str) -> io::Result<()> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    out.write_all(first.as_bytes())?;
    if !rest.is_empty() {
        out.write_all(b"\n")?;
        write_indented(out, rest, indent)?;
    }
    Ok(())
}

fn rule(rule: &RuleMeta) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.what },
        "help": { "text": help_text(rule), "markdown": help_markdown(rule) },
        "helpUri": crate::rules::url::url(rule.code),
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
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.start(out)?;
        let fingerprint = self.fingerprints.next(&mut self.locator, origin, finding);
        let result = self.result(origin, finding, fingerprint);
        self.write_result(&result, out)
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

#[derive(Serialize, Clone)]
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

/// A label: the file, the range, and the pointer into it. `artifact`
/// remembers the last file's artifact location (a file's findings come
/// together, and locating a path resolves its directory).
fn location(
    locator: &mut Locator,
    artifact: &mut Option<(String, ArtifactLocation)>,
    place: &Placed<'_>,
    id: Option<usize>,
) -> Location {
    let logical = if place.pointer.is_empty() {
        Vec::new()
    } else {
        vec![LogicalLocation {
            fully_qualified_name: place.pointer.to_owned(),
            kind: logical_kind(place.format, place.pointer),
        }]
    };
    let artifact_location = match artifact {
        Some((path, located)) if path == place.path => located.clone(),
        _ => {
            let located = artifact_of(&locator.locate(place.path));
            *artifact = Some((place.path.to_owned(), located.clone()));
            located
        }
    };
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location,
            region: place.at.map(|at| Region {
                start_line: at.line,
                start_column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
            }),
        },
        logical_locations: logical,
        message: (!place.message.is_empty()).then(|| Message {
            text: place.message.to_owned(),
        }),
    }
}

impl Sarif {
    fn rule_index(&self, code: &str) -> usize {
        self.rules.iter().position(|r| r.code == code).unwrap_or(0)
    }

    fn result(&mut self, origin: Origin<'_>, d: &Diagnostic, fingerprint: String) -> ResultOut {
        let locator = &mut self.locator;
        let artifact = &mut self.artifact;
        let locations = vec![location(locator, artifact, &primary(origin, d), None)];
        let related_locations = d
            .related
            .iter()
            .enumerate()
            .map(|(i, label)| location(locator, artifact, &place(origin, label), Some(i + 1)))
            .collect();
        ResultOut {
            rule_id: d.code,
            rule_index: self.rule_index(d.code),
            level: level(d.severity),
            message: Message {
                text: message_text(&d.message, &d.help),
            },
            locations,
            related_locations,
            partial_fingerprints: fingerprint_map(fingerprint),
            properties: ResultProperties {
                consequence: d.consequence.as_str(),
            },
        }
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

/// A file as a URI reference: inside the project root, relative to it
/// (`%SRCROOT%`, which GitHub resolves to the checkout); outside it, an
/// absolute `file://` URI. Characters outside RFC 3986's unreserved set
/// are percent-encoded.
fn artifact_of(located: &Located) -> ArtifactLocation {
    match &located.relative {
        Some(relative) => ArtifactLocation {
            uri: encode_path(relative),
            uri_base_id: Some(SRCROOT),
        },
        None => {
            let absolute = &located.absolute;
            // A Windows drive path gets the third slash of `file:///C:/`.
            let slash = if absolute.starts_with('/') { "" } else { "/" };
            ArtifactLocation {
                uri: format!("file://{slash}{}", percent_encode(absolute)),
                uri_base_id: None,
            }
        }
    }
}

/// A relative path as a URI reference: `:` is encoded too, so a name
/// with a colon is never read as a scheme.
fn encode_path(path: &str) -> String {
    crate::project_root::percent_encode_keeping(path, b"-._~/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(relative: Option<&str>, absolute: &str) -> Located {
        Located {
            relative: relative.map(str::to_owned),
            absolute: absolute.to_owned(),
            outside: absolute.to_owned(),
        }
    }

    #[test]
    fn paths_become_uri_references() {
        let a = artifact_of(&located(Some("a b/c#.json"), "/r/a b/c#.json"));
        assert_eq!(a.uri, "a%20b/c%23.json");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        let outside = artifact_of(&located(None, "/tmp/x.json"));
        assert_eq!(outside.uri, "file:///tmp/x.json");
        assert_eq!(outside.uri_base_id, None);
        assert_eq!(
            artifact_of(&located(Some("é.json"), "/é.json")).uri,
            "%C3%A9.json"
        );
        // A colon in a relative path must not read as a URI scheme.
        assert_eq!(
            artifact_of(&located(Some("a:b.json"), "/a:b.json")).uri,
            "a%3Ab.json"
        );
        assert_eq!(
            artifact_of(&located(None, "C:/data/x.json")).uri,
            "file:///C:/data/x.json"
        );
    }
}
