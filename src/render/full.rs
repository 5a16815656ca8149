//! The default human format: codespan-reporting frames with the exact span
//! underlined, then a one-line summary.

use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use std::io::{self, Write};

use crate::render::{Renderer, Summary, plural, render_all};

/// The human format: frames per finding, then the summary line.
pub struct Full {
    color: bool,
    config: Config,
}

impl Full {
    pub fn new(color: bool) -> Self {
        Full {
            color,
            config: Config::default(),
        }
    }

    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }
}

impl Renderer for Full {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let mut buffer = self.buffer();
        let file = SimpleFile::new(report.path(), report.source.text.as_str());
        for diagnostic in &report.diagnostics {
            let frame = to_frame(report, diagnostic);
            // Rendering into memory only fails on a span outside the file,
            // which `to_frame` rules out; fall back to one plain line anyway.
            if term::emit_to_write_style(&mut buffer, &self.config, &file, &frame).is_err() {
                writeln_plain(&mut buffer, report, diagnostic)?;
            }
        }
        out.write_all(buffer.as_slice())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let mut buffer = self.buffer();
        write_summary(&mut buffer, summary)?;
        out.write_all(buffer.as_slice())
    }
}

/// Renders every finding of every report, then the summary line.
pub fn render(reports: &[FileReport], color: bool) -> Vec<u8> {
    render_all(&mut Full::new(color), reports)
}

fn to_frame(report: &FileReport, diagnostic: &Diagnostic) -> Frame<()> {
    let severity = match diagnostic.severity {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
        Severity::Info => FrameSeverity::Note,
    };
    let mut labels = Vec::new();
    if let Some(span) = diagnostic.span {
        let span = report.source.clamp_span(span);
        labels.push(Label::primary((), span.range()));
    }
    for related in &diagnostic.related {
        let span = report.source.clamp_span(related.span);
        labels.push(Label::secondary((), span.range()).with_message(&related.message));
    }
    let mut notes = Vec::new();
    if diagnostic.span.is_none() {
        notes.push(format!("file: {}", report.path()));
    }
    if !diagnostic.note.is_empty() {
        notes.push(format!("why: {}", diagnostic.note));
    }
    if !diagnostic.help.is_empty() {
        notes.push(format!("help: {}", diagnostic.help));
    }
    notes.push(format!(
        "rule: {} (pilint rule {})",
        diagnostic.name, diagnostic.code
    ));
    Frame::new(severity)
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message)
        .with_labels(labels)
        .with_notes(notes)
}

fn writeln_plain(out: &mut Buffer, report: &FileReport, diagnostic: &Diagnostic) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}[{}]: {}",
        report.path(),
        diagnostic.severity.as_str(),
        diagnostic.code,
        diagnostic.message
    )
}

fn write_summary(out: &mut Buffer, summary: &Summary) -> io::Result<()> {
    use codespan_reporting::term::termcolor::{Color, ColorSpec};
    let clean = summary.errors == 0 && summary.warnings == 0;
    let mut spec = ColorSpec::new();
    spec.set_bold(true).set_fg(Some(if summary.errors > 0 {
        Color::Red
    } else if clean {
        Color::Green
    } else {
        Color::Yellow
    }));
    out.set_color(&spec)?;
    write!(
        out,
        "Checked {}: {}, {}",
        plural(summary.files, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    )?;
    if summary.infos > 0 {
        write!(out, ", {} info", summary.infos)?;
    }
    write!(out, ".")?;
    out.reset()?;
    writeln!(out)
}
