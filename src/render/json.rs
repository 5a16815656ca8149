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
//!       "pointer": "/taxpayerIdentificationNumber",
//!       "arguments": [{"kind": "tin", "value": "*****6789"}],
//!       "url": "https://github.com/pilint/pilint/blob/main/docs/rules/S005.md"
//!     }]
//!   }],
//!   "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0}
//! }
//! ```
//!
//! Lines are 1-based; columns are 1-based and count characters (Unicode
//! scalar values); the end is exclusive. A finding about a whole file (an
//! unreadable file) has line 1, column 1 and an empty pointer.
//!
//! Findings about several files (rule family `X`) are in a top-level
//! `"crossFile"` array, present when a run has some
//! (`$defs/crossFileFinding`): the same object, plus the entity, the year,
//! the path of the place it is about and its related places:
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

use serde::Serialize;

use crate::diagnostic::{Argument, Diagnostic};
use crate::lint::FileReport;
use std::io::{self, Write};

use crate::render::position::{self, primary};
use crate::render::score_json::points_value;
use crate::render::score_table::no_score;
use crate::render::{Origin, Renderer, Summary, pretty_nested, render_all};
use crate::score::{FileScore, SetResult};

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    format: &'static str,
    /// Serialized one finding at a time: a file with a million findings
    /// never holds a million rendered copies (issue 16).
    diagnostics: DiagnosticsOut<'a>,
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

/// One finding, as `--format json` writes it: in a file's `diagnostics`
/// (its labels are in that file, which the object is nested in), or in
/// the run's `crossFile` array (with the entity, the year, the path of the
/// place it is about and its related places in other files).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DiagnosticOut<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    /// What CMS does with the file because of it: `rejected`, `zero`,
    /// `points` or `none`.
    consequence: &'static str,
    message: &'a str,
    note: &'a str,
    help: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    performance_year: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    pointer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<Vec<RelatedOut<'a>>>,
    /// The values the message quotes, with what each is (TINs and NPIs
    /// masked like the message).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    arguments: &'a [Argument],
    /// The rule's documentation page (`crate::rules::url`).
    url: String,
}

/// A related place in another file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedOut<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    pointer: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Files by what CMS will do with them.
    consequences: ConsequencesOut,
}

impl SummaryOut {
    fn of(summary: &Summary) -> SummaryOut {
        let verdicts = &summary.verdicts;
        SummaryOut {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            consequences: ConsequencesOut {
                rejected: verdicts.rejected,
                zero: verdicts.zero,
                points: verdicts.points,
                ready: verdicts.ready,
                not_checked: verdicts.not_checked,
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConsequencesOut {
    rejected: usize,
    zero: usize,
    points: usize,
    ready: usize,
    not_checked: usize,
}

/// A file with more findings than this is written as it is serialized
/// (issue 16: a million findings); below, its text is built whole, which
/// is quicker (the serializer's many small writes go to a `Vec`).
const STREAM_ABOVE: usize = 512;

/// The output buffer kept between files, and the streamed writes' buffer.
const KEPT_BUFFER: usize = 16 * 1024;

/// Streams the document: the header, one file object at a time, then the
/// summary. The bytes are exactly `serde_json::to_string_pretty` of the
/// whole document, without holding it.
pub struct Json {
    files_written: usize,
    show_score: bool,
    /// The `files` array was closed by `cross_file`.
    files_closed: bool,
    /// Each file's object is written here, then out in one write; kept
    /// between files so that its room is allocated once.
    buffer: Vec<u8>,
}

impl Json {
    /// `show_score` adds each file's `score` (`--no-score` leaves it out).
    pub fn new(show_score: bool) -> Self {
        Json {
            files_written: 0,
            show_score,
            files_closed: false,
            buffer: Vec::new(),
        }
    }
}

/// The objects of the `files` and `crossFile` arrays are indented four
/// spaces.
const FILE_INDENT: &[u8] = b"    ";

impl Renderer for Json {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let separator = if self.files_written == 0 {
            "{\n  \"version\": 1,\n  \"files\": [\n"
        } else {
            ",\n"
        };
        out.write_all(separator.as_bytes())?;
        out.write_all(FILE_INDENT)?;
        let file = file_out(report, self.show_score);
        if report.diagnostics.len() <= STREAM_ABOVE {
            self.buffer.clear();
            pretty_nested::append(&mut self.buffer, &file, FILE_INDENT)?;
            out.write_all(&self.buffer)?;
            // A file with many findings leaves no large buffer behind.
            self.buffer.shrink_to(KEPT_BUFFER);
        } else {
            // Streamed, never the file's whole text in memory.
            pretty_nested::write(out, &file, FILE_INDENT, KEPT_BUFFER)?;
        }
        self.files_written += 1;
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if !self.files_closed {
            self.close_files(out)?;
        }
        let summary = SummaryOut::of(summary);
        let pretty = serde_json::to_string_pretty(&summary).map_err(io::Error::other)?;
        out.write_all(b"  \"summary\": ")?;
        // The summary's first line continues the key's line.
        let mut lines = pretty.lines();
        if let Some(first) = lines.next() {
            out.write_all(first.as_bytes())?;
        }
        for line in lines {
            write!(out, "\n  {line}")?;
        }
        out.write_all(b"\n}\n")
    }

    /// The `"crossFile"` array, between `files` and `summary`; left out
    /// when there is no cross-file finding, so such runs keep their bytes.
    /// A finding outside a file's object: the run's (`crossFile`).
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.buffer.clear();
        self.buffer.extend_from_slice(b"\n");
        self.buffer.extend_from_slice(FILE_INDENT);
        pretty_nested::append(
            &mut self.buffer,
            &diagnostic_out(origin, finding),
            FILE_INDENT,
        )?;
        out.write_all(&self.buffer)
    }

    fn cross_file(&mut self, findings: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        self.close_files(out)?;
        self.files_closed = true;
        // One finding at a time, never the whole array in memory (a run
        // can have tens of thousands): the bytes of the array pretty-printed
        // whole and indented two more, as each element is indented four.
        out.write_all(b"  \"crossFile\": [")?;
        for (i, finding) in findings.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            self.finding(Origin::Run, finding, out)?;
        }
        out.write_all(b"\n  ],\n")
    }
}

impl Json {
    /// Ends the `files` array (or writes an empty one).
    fn close_files(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.files_written == 0 {
            out.write_all(b"{\n  \"version\": 1,\n  \"files\": [],\n")
        } else {
            out.write_all(b"\n  ],\n")
        }
    }
}

pub fn render(reports: &[FileReport]) -> Vec<u8> {
    render_with_score(reports, true)
}

/// [`render`], with each file's `score` only when `show_score`.
pub fn render_with_score(reports: &[FileReport], show_score: bool) -> Vec<u8> {
    render_all(&mut Json::new(show_score), reports)
}

fn file_out(report: &FileReport, show_score: bool) -> FileOut<'_> {
    FileOut {
        score: show_score.then(|| score_out(report)),
        path: report.path(),
        format: report.format.as_str(),
        diagnostics: DiagnosticsOut(report),
    }
}

/// A report's findings as a JSON array, each converted as it is written.
struct DiagnosticsOut<'a>(&'a FileReport);

impl Serialize for DiagnosticsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        serializer.collect_seq(
            report
                .diagnostics
                .iter()
                .map(|d| diagnostic_out(Origin::File(report), d)),
        )
    }
}

/// A finding of a file (`origin` its report) or of the run. The labels
/// of a finding about several files name their files, so those are shown;
/// a file's own finding sits inside its file's object.
pub(crate) fn diagnostic_out<'a>(origin: Origin<'a>, d: &'a Diagnostic) -> DiagnosticOut<'a> {
    let place = primary(origin, d);
    let at = place.at_or_start();
    let across = d.primary.site().is_some();
    DiagnosticOut {
        code: d.code,
        name: d.name,
        severity: d.severity.as_str(),
        consequence: d.consequence.as_str(),
        message: &d.message,
        note: &d.note,
        help: &d.help,
        entity: d.subject.as_ref().map(|s| s.entity.as_str()),
        performance_year: d.subject.as_ref().map(|s| s.year),
        path: across.then_some(place.path),
        line: at.line,
        column: at.column,
        end_line: at.end_line,
        end_column: at.end_column,
        pointer: place.pointer,
        related: across.then(|| {
            d.related
                .iter()
                .map(|label| {
                    let place = position::place(origin, label);
                    let at = place.at_or_start();
                    RelatedOut {
                        path: place.path,
                        line: at.line,
                        column: at.column,
                        end_line: at.end_line,
                        end_column: at.end_column,
                        pointer: place.pointer,
                        message: place.message,
                    }
                })
                .collect()
        }),
        arguments: &d.arguments,
        url: crate::rules::url::url(d.code),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    /// The streamed bytes equal pretty-printing the whole document at once.
    #[test]
    fn streaming_matches_whole_document_pretty_printing() {
        let reports: Vec<FileReport> = [("a.json", "{\"x\": 1}"), ("b.json", "[")]
            .into_iter()
            .map(|(name, text)| {
                lint_source(SourceFile::from_text(name, text), &LintOptions::default())
            })
            .collect();
        #[derive(Serialize)]
        struct Whole<'a> {
            version: u32,
            files: Vec<FileOut<'a>>,
            summary: SummaryOut,
        }
        for slice in [&reports[..0], &reports[..1], &reports[..]] {
            let summary = Summary::of(slice);
            let whole = Whole {
                version: 1,
                files: slice.iter().map(|r| file_out(r, true)).collect(),
                summary: SummaryOut::of(&summary),
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(String::from_utf8(render(slice)).unwrap(), expected);
        }
    }

    /// A file with more findings than [`STREAM_ABOVE`] is written as it is
    /// serialized, in the same bytes as the whole document pretty-printed.
    #[test]
    fn a_file_with_many_findings_streams_the_same_bytes() {
        let items = vec![r#"{"measureId": "PI_EP_1", "value": "yes"}"#; STREAM_ABOVE + 10];
        let text = format!(
            r#"{{"entityType": "individual", "performanceYear": 2025, "measurementSets": [
                {{"category": "pi", "submissionMethod": "registry", "measurements": [{}]}}]}}"#,
            items.join(",\n")
        );
        let reports = vec![
            lint_source(
                SourceFile::from_text("many.json", text),
                &LintOptions::default(),
            ),
            lint_source(
                SourceFile::from_text("few.json", "{\"x\": 1}"),
                &LintOptions::default(),
            ),
        ];
        assert!(reports[0].diagnostics.len() > STREAM_ABOVE);
        #[derive(Serialize)]
        struct Whole<'a> {
            version: u32,
            files: Vec<FileOut<'a>>,
            summary: SummaryOut,
        }
        let whole = Whole {
            version: 1,
            files: reports.iter().map(|r| file_out(r, true)).collect(),
            summary: SummaryOut::of(&Summary::of(&reports)),
        };
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(String::from_utf8(render(&reports)).unwrap(), expected);
    }

    /// With cross-file findings, the streamed bytes still equal the whole
    /// document pretty-printed, `crossFile` between `files` and `summary`.
    #[test]
    fn cross_file_findings_stream_like_the_whole_document() {
        let twice = crate::valid_2025!();
        let reports: Vec<FileReport> = ["a.json", "b.json"]
            .into_iter()
            .map(|name| lint_source(SourceFile::from_text(name, twice), &LintOptions::default()))
            .collect();
        let cross =
            crate::crossfile::of_reports(&reports, None, crate::rules::crossfile::check_all);
        assert_eq!(cross.findings.len(), 1, "one duplicate submission");
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Whole<'a> {
            version: u32,
            files: Vec<FileOut<'a>>,
            cross_file: Vec<DiagnosticOut<'a>>,
            summary: SummaryOut,
        }
        let mut summary = Summary::of(&reports);
        summary.add_cross_file(&cross.findings);
        let whole = Whole {
            version: 1,
            files: reports.iter().map(|r| file_out(r, true)).collect(),
            cross_file: cross
                .findings
                .iter()
                .map(|f| diagnostic_out(Origin::Run, f))
                .collect(),
            summary: SummaryOut::of(&summary),
        };
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        let mut renderer = Json::new(true);
        let mut out = Vec::new();
        for report in &reports {
            renderer.file(report, &mut out).unwrap();
        }
        renderer.cross_file(&cross.findings, &mut out).unwrap();
        renderer.finish(&summary, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        assert_eq!(summary.infos, 1);
    }
}
