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

use crate::diagnostic::Diagnostic;
use crate::render::json::{DiagnosticOut, diagnostic_out};
use crate::render::{Origin, Renderer, Summary};

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
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let diagnostic = diagnostic_out(origin, finding);
        match origin {
            // A file's finding does not say its path: the line does.
            Origin::File(report) => serde_json::to_writer(
                &mut *out,
                &Line {
                    path: report.path(),
                    diagnostic,
                },
            ),
            Origin::Run => serde_json::to_writer(&mut *out, &diagnostic),
        }
        .map_err(io::Error::other)?;
        out.write_all(b"\n")
    }

    fn finish(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
