//! `--format json`: the top-level `"crossFile"` array, present when a run
//! has cross-file findings (schemas/output.schema.json,
//! `$defs/crossFileFinding`).
//!
//! ```json
//! "crossFile": [{
//!   "code": "X001", "name": "duplicate-submission", "severity": "info",
//!   "message": "…", "note": "…", "help": "…",
//!   "entity": "group TIN 000111111", "performanceYear": 2025,
//!   "path": "a/group.json", "line": 6, "column": 5, "endLine": 6,
//!   "endColumn": 6, "pointer": "/measurementSets/0",
//!   "related": [{"path": "a/group.xml", "line": 38, "column": 11,
//!                "endLine": 38, "endColumn": 20, "pointer": "…",
//!                "message": "the submission CMS keeps"}]
//! }]
//! ```
//!
//! Positions follow the file findings' rules: 1-based lines, columns in
//! characters, exclusive end.

use serde::Serialize;

use crate::crossfile::{CrossFileFinding, Site};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossFileOut<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    consequence: &'static str,
    message: &'a str,
    note: &'a str,
    help: &'a str,
    entity: &'a str,
    performance_year: i64,
    #[serde(flatten)]
    site: SiteOut<'a>,
    related: Vec<RelatedOut<'a>>,
    /// The rule's documentation page (`crate::rules::url`).
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SiteOut<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    pointer: &'a str,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    #[serde(flatten)]
    site: SiteOut<'a>,
    message: &'a str,
}

fn site_out(site: &Site) -> SiteOut<'_> {
    SiteOut {
        path: &site.path,
        line: site.at.line,
        column: site.at.column,
        end_line: site.at.end_line,
        end_column: site.at.end_column,
        pointer: &site.at.pointer,
    }
}

pub fn cross_file_out(finding: &CrossFileFinding) -> CrossFileOut<'_> {
    CrossFileOut {
        code: finding.code,
        name: finding.name,
        severity: finding.severity.as_str(),
        consequence: finding.consequence.as_str(),
        message: &finding.message,
        note: &finding.note,
        help: &finding.help,
        entity: &finding.entity,
        performance_year: finding.year,
        site: site_out(&finding.site),
        related: finding
            .related
            .iter()
            .map(|r| RelatedOut {
                site: site_out(&r.site),
                message: &r.message,
            })
            .collect(),
        url: crate::rules::url::url(finding.code),
    }
}
