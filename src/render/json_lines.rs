//! `--format json-lines`: one JSON object per finding, one per line, with
//! the fields of a `--format json` diagnostic plus the file's `path`
//! (`#/$defs/jsonLine` in `schemas/output.schema.json`). A cross-file
//! finding is a line too, after the files': the object of `--format json`'s
//! `crossFile` array, which has the same fields (its `path` and position
//! are the place it is about) plus `entity`, `performanceYear` and the
//! `related` places in other files. Nothing else is printed, so `jq`, log
//! shippers and `grep` can read it a line at a time.

use std::io::{self, Write};

use serde::Serialize;

use crate::crossfile::CrossFileFinding;
use crate::lint::FileReport;
use crate::render::json::{DiagnosticOut, diagnostic_out};
use crate::render::json_crossfile::cross_file_out;
use crate::render::{Renderer, Summary};

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: DiagnosticOut<'a>,
}

#[derive(Default)]
pub struct JsonLines;

impl JsonLines {
    pub fn new() -> Self {
        JsonLines
    }
}

impl Renderer for JsonLines {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            let line = Line {
                path: report.path(),
                diagnostic: diagnostic_out(&report.source, diagnostic),
            };
            serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn cross_file(&mut self, findings: &[CrossFileFinding], out: &mut dyn Write) -> io::Result<()> {
        for finding in findings {
            serde_json::to_writer(&mut *out, &cross_file_out(finding)).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
