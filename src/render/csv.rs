//! `pilint check --format csv`: one row per finding, for spreadsheets.
//!
//! Columns: `path, line, column, code, name, severity, consequence,
//! message, pointer`. A cross-file finding is a row too, after the files',
//! at the place it is about. `line` and `column` are 1-based (columns count
//! characters) and empty for a finding about the whole file. Messages are
//! on one line; identifiers are masked like in every format.
//!
//! File contents and names are hostile input, and a spreadsheet runs a
//! cell that starts with `=`, `+`, `-` or `@` as a formula: such a cell,
//! and one that starts with a tab or a carriage return, gets a leading
//! `'` (OWASP, "CSV Injection"; [`csv_safe`]), which spreadsheets show as
//! text.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::render::position::{one_line, primary};
use crate::render::{Origin, Renderer, Summary, csv_safe};

const HEADER: [&str; 9] = [
    "path",
    "line",
    "column",
    "code",
    "name",
    "severity",
    "consequence",
    "message",
    "pointer",
];

/// The CSV renderer: rows are written as files arrive.
#[derive(Default)]
pub struct Csv {
    header_written: bool,
}

impl Csv {
    pub fn new() -> Self {
        Csv::default()
    }

    /// The header, once, before the first row (or alone for a run without
    /// findings: the file is still a table).
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.header_written {
            self.header_written = true;
            write_row(out, &HEADER.map(str::to_owned))?;
        }
        Ok(())
    }
}

impl Renderer for Csv {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.header(out)?;
        for finding in &report.diagnostics {
            self.finding(Origin::File(report), finding, out)?;
        }
        Ok(())
    }

    fn cross_file(&mut self, findings: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
        self.header(out)?;
        for finding in findings {
            self.finding(Origin::Run, finding, out)?;
        }
        Ok(())
    }

    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let place = primary(origin, finding);
        write_row(
            out,
            &[
                place.path.to_owned(),
                place.at.map_or_else(String::new, |p| p.line.to_string()),
                place.at.map_or_else(String::new, |p| p.column.to_string()),
                finding.code.to_owned(),
                finding.name.to_owned(),
                finding.severity.as_str().to_owned(),
                finding.consequence.as_str().to_owned(),
                one_line(&finding.message),
                place.pointer.to_owned(),
            ],
        )
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.header(out)
    }
}

/// One row, every cell neutralised, quoted by the csv crate where needed.
fn write_row(out: &mut dyn Write, cells: &[String; 9]) -> io::Result<()> {
    // A row is short: the default 8 KiB buffer would be allocated per row.
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(out);
    writer
        .write_record(cells.iter().map(|cell| csv_safe::cell(cell).into_owned()))
        .map_err(io::Error::other)?;
    writer.flush()
}
