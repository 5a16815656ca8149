//! `--format json`: one JSON document on stdout.
//!
//! This shape is a published interface, described by
//! `schemas/output.schema.json` and checked against it in the tests. Fields
//! may be added; a field's meaning never changes.
//!
//! ```json
//! {
//!   "version": 1,
//!   "files": [{
//!     "path": "fixtures/invalid/tin-with-dash.json",
//!     "format": "json",
//!     "diagnostics": [{
//!       "code": "S005", "name": "malformed-value", "severity": "error",
//!       "message": "…", "note": "…", "help": "…",
//!       "line": 3, "column": 35, "endLine": 3, "endColumn": 47,
//!       "pointer": "/taxpayerIdentificationNumber"
//!     }]
//!   }],
//!   "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0}
//! }
//! ```
//!
//! Lines are 1-based; columns are 1-based and count characters (Unicode
//! scalar values); the end is exclusive. A finding about a whole file (an
//! unreadable file) has line 1, column 1 and an empty pointer.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::render::Summary;
use crate::render::score_json::points_value;
use crate::render::score_table::no_score;
use crate::score::{FileScore, SetResult};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<FileOut<'a>>,
    summary: SummaryOut,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    format: &'static str,
    diagnostics: Vec<DiagnosticOut<'a>>,
    /// The predicted PI score (`pilint score --format json` has the detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<ScoreOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScoreOut {
    /// `null` when the file cannot be scored.
    total: Option<serde_json::Value>,
    /// How many all-or-nothing gates failed in the set CMS would keep.
    zero_reasons: usize,
    /// Why there is no score (codes), when there is none.
    no_score_reasons: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DiagnosticOut<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    note: &'a str,
    help: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    pointer: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub fn render(reports: &[FileReport]) -> Vec<u8> {
    render_with_score(reports, true)
}

/// [`render`], with each file's `score` only when `show_score`
/// (`--no-score` leaves it out).
pub fn render_with_score(reports: &[FileReport], show_score: bool) -> Vec<u8> {
    let summary = Summary::of(reports);
    let output = Output {
        version: 1,
        files: reports
            .iter()
            .map(|report| file_out(report, show_score))
            .collect(),
        summary: SummaryOut {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&output).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn file_out(report: &FileReport, show_score: bool) -> FileOut<'_> {
    FileOut {
        score: show_score.then(|| score_out(report)),
        path: report.path(),
        format: report.format.as_str(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| diagnostic_out(&report.source, d))
            .collect(),
    }
}

fn diagnostic_out<'a>(source: &SourceFile, d: &'a Diagnostic) -> DiagnosticOut<'a> {
    let (start, end) = match d.span {
        Some(span) => {
            let span = source.clamp_span(span);
            (source.line_col(span.start), source.line_col(span.end))
        }
        None => (source.line_col(0), source.line_col(0)),
    };
    DiagnosticOut {
        code: d.code,
        name: d.name,
        severity: d.severity.as_str(),
        message: &d.message,
        note: &d.note,
        help: &d.help,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        pointer: &d.pointer,
    }
}

fn score_out(report: &FileReport) -> ScoreOut {
    let score = report.score.as_ref();
    let zero_reasons = score
        .and_then(FileScore::best)
        .map_or(0, |set| match &set.result {
            SetResult::Zero { reasons, .. } => reasons.len(),
            _ => 0,
        });
    ScoreOut {
        total: score.and_then(FileScore::total).map(points_value),
        zero_reasons,
        no_score_reasons: no_score(report).into_iter().map(|r| r.code).collect(),
    }
}
