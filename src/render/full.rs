//! The default human format: codespan-reporting frames with the exact span
//! underlined, then a one-line summary.

use codespan_reporting::diagnostic::{
    Diagnostic as Frame, Label as FrameLabel, Severity as FrameSeverity,
};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::lint::FileReport;
use std::io::{self, Write};

use crate::crossfile::Overview;
use crate::render::escape::{escape, escape_keeping};
use crate::render::full_crossfile;
use crate::render::score_table::no_score;
use crate::render::window::DisplayFile;
use crate::render::{Origin, Renderer, Summary, plural, render_all, summary_line};
use crate::score::points::number;
use crate::score::{FileScore, SetResult};
use std::ops::Range;

/// The human format: frames per finding, a line per file with its
/// predicted PI score, then the summary line.
pub struct Full {
    color: bool,
    show_score: bool,
    /// `-q`: frames only, no score lines, no summary.
    quiet: bool,
    config: Config,
    /// Shown by `finish` when the driver hands it over.
    overview: Option<Overview>,
}

impl Full {
    /// `show_score` adds each file's score line (`--no-score` turns it off).
    pub fn new(color: bool, show_score: bool) -> Self {
        Full {
            color,
            show_score,
            quiet: false,
            config: Config::default(),
            overview: None,
        }
    }

    /// `-q`: only the frames, without score lines and summary.
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
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
    fn shows_source(&self) -> bool {
        true
    }

    fn finding(
        &mut self,
        origin: Origin<'_>,
        diagnostic: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut buffer = self.buffer();
        match origin {
            // The file's text is at hand: a frame with every label drawn.
            Origin::File(report) => self.write_frame(&mut buffer, report, diagnostic)?,
            // The texts are gone: each label as `path:line:col`.
            Origin::Run => full_crossfile::write_finding(&mut buffer, diagnostic)?,
        }
        out.write_all(buffer.as_slice())
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            self.finding(Origin::File(report), diagnostic, out)?;
        }
        if self.show_score && !self.quiet {
            writeln!(out, "{}", score_line(report))?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut buffer = self.buffer();
        if let Some(overview) = &self.overview {
            full_crossfile::write_overview(&mut buffer, overview, self.show_score)?;
        }
        write_summary(&mut buffer, summary)?;
        out.write_all(buffer.as_slice())
    }

    /// Under a heading, after the files.
    fn cross_file(&mut self, findings: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        let mut buffer = self.buffer();
        full_crossfile::write_heading(&mut buffer)?;
        out.write_all(buffer.as_slice())?;
        for finding in findings {
            self.finding(Origin::Run, finding, out)?;
        }
        Ok(())
    }

    fn overview(&mut self, overview: &Overview) {
        self.overview = Some(overview.clone());
    }
}

impl Full {
    /// A finding of `report` in a frame of the file's text.
    fn write_frame(
        &self,
        buffer: &mut Buffer,
        report: &FileReport,
        diagnostic: &Diagnostic,
    ) -> io::Result<()> {
        let spans = label_spans(report, diagnostic);
        // Drawn from a display copy of the lines shown: control
        // characters escaped, long lines cut (see window.rs).
        let shown = DisplayFile::new(report.path(), &report.source, &spans);
        let frame = to_frame(report, diagnostic, &|range| shown.map(range));
        // Rendering into memory only fails on a span outside the file,
        // which `to_frame` rules out; fall back to one plain line anyway.
        if term::emit_to_write_style(buffer, &self.config, &shown, &frame).is_err() {
            writeln_plain(buffer, report, diagnostic)?;
        }
        Ok(())
    }
}

/// Renders every finding of every report, a line per file with its
/// predicted PI score, then the summary line.
pub fn render(reports: &[FileReport], color: bool) -> Vec<u8> {
    render_with_score(reports, color, true)
}

/// [`render`], with the per-file score lines only when `show_score`.
pub fn render_with_score(reports: &[FileReport], color: bool, show_score: bool) -> Vec<u8> {
    render_all(&mut Full::new(color, show_score), reports)
}

/// `fixtures/valid/group-2025.json: 0 errors, 0 warnings — predicted PI score 80/100`
fn score_line(report: &FileReport) -> String {
    let counts = format!(
        "{}: {}, {}",
        escape(report.path()),
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning")
    );
    let score = report.score.as_ref();
    match score.and_then(FileScore::total) {
        Some(total) => {
            let failed = score
                .and_then(FileScore::best)
                .map(|set| match &set.result {
                    SetResult::Zero { reasons, .. } => reasons.len(),
                    _ => 0,
                })
                .unwrap_or(0);
            let gates = if failed > 0 {
                format!(" ({} failed)", plural(failed, "gate"))
            } else {
                String::new()
            };
            format!("{counts} — predicted PI score {}/100{gates}", number(total))
        }
        None => {
            let codes: Vec<String> = no_score(report).into_iter().map(|r| r.code).collect();
            format!("{counts} — no PI score ({})", codes.join(", "))
        }
    }
}

/// The byte ranges of a finding's labels, primary first, within the file.
fn label_spans(report: &FileReport, diagnostic: &Diagnostic) -> Vec<Range<usize>> {
    diagnostic
        .labels()
        .filter_map(Label::span)
        .map(|span| report.source.clamp_span(span).range())
        .collect()
}

/// The frame of a finding; `map` turns real byte ranges into those of the
/// text the frame is drawn from (the same, or a windowed copy).
fn to_frame(
    report: &FileReport,
    diagnostic: &Diagnostic,
    map: &dyn Fn(Range<usize>) -> Range<usize>,
) -> Frame<()> {
    let severity = match diagnostic.severity {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
        Severity::Info => FrameSeverity::Note,
    };
    let mut labels = Vec::new();
    if let Some(span) = diagnostic.span() {
        let span = report.source.clamp_span(span);
        labels.push(FrameLabel::primary((), map(span.range())));
    }
    for related in &diagnostic.related {
        if let Some(span) = related.span() {
            let span = report.source.clamp_span(span);
            labels.push(
                FrameLabel::secondary((), map(span.range())).with_message(escape(&related.message)),
            );
        }
    }
    let mut notes = Vec::new();
    if diagnostic.span().is_none() {
        notes.push(format!("file: {}", escape(report.path())));
    }
    notes.push(format!("effect: {}", diagnostic.consequence.effect()));
    if !diagnostic.note.is_empty() {
        notes.push(format!(
            "why: {}",
            escape_keeping(&diagnostic.note, |c| c == '\n')
        ));
    }
    if !diagnostic.help.is_empty() {
        notes.push(format!(
            "help: {}",
            escape_keeping(&diagnostic.help, |c| c == '\n')
        ));
    }
    notes.push(format!(
        "rule: {} (pilint rule {}; {})",
        diagnostic.name,
        diagnostic.code,
        crate::rules::url::url(diagnostic.code)
    ));
    Frame::new(severity)
        .with_code(diagnostic.code)
        .with_message(escape(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

fn writeln_plain(out: &mut Buffer, report: &FileReport, diagnostic: &Diagnostic) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}[{}]: {}",
        escape(report.path()),
        diagnostic.severity.as_str(),
        diagnostic.code,
        escape(&diagnostic.message)
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
    write!(out, "{}", summary_line(summary))?;
    out.reset()?;
    writeln!(out)
}
