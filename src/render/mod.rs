//! Output formats. Each renderer turns reports into bytes; none computes.
//!
//! Renderers are incremental: they get each file's report in output order,
//! then the run's summary, so a run over 100,000 files never holds more
//! than a batch of reports in memory.

pub mod concise;
pub mod csv;
pub(crate) mod csv_safe;
pub(crate) mod escape;
pub mod fingerprint;
pub mod full;
pub(crate) mod full_crossfile;
pub mod github;
pub mod gitlab;
pub mod html;
pub(crate) mod html_frame;
pub mod json;
pub mod json_lines;
pub mod junit;
pub(crate) mod position;
pub(crate) mod pretty_nested;
pub mod rollup_csv;
pub mod rollup_json;
pub mod rollup_table;
pub mod sarif;
pub mod score_json;
pub mod score_table;
pub mod statistics;
pub(crate) mod window;
#[cfg(test)]
mod window_properties;

use std::io::{self, Write};

use crate::crossfile::Overview;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;

/// Where a finding is shown from, which resolves its labels: a file's
/// report (labels in that file are byte spans of its text, at hand), or the
/// run (a finding about several files, whose labels name their files with
/// line and column, the texts being gone).
#[derive(Clone, Copy)]
pub enum Origin<'a> {
    File(&'a FileReport),
    Run,
}

/// One output format.
///
/// Every finding, about one file or several, goes through
/// [`Renderer::finding`]; `file` and `cross_file` only say where the
/// findings come from, for formats that group them.
pub trait Renderer {
    /// Writes one finding, its labels resolved from `origin`.
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()>;
    /// Writes what the format shows for one file; called in output order.
    /// By default, its findings.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for finding in &report.diagnostics {
            self.finding(Origin::File(report), finding, out)?;
        }
        Ok(())
    }
    /// Writes the run's cross-file findings (rule family `X`), once every
    /// file was seen and before [`Renderer::finish`]. By default, each
    /// finding.
    fn cross_file(&mut self, findings: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
        for finding in findings {
            self.finding(Origin::Run, finding, out)?;
        }
        Ok(())
    }
    /// Writes the end of the output once every file was seen.
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
    /// Hands over the run's overview (files, entities, score distribution,
    /// most frequent findings) before [`Renderer::finish`], which shows it
    /// in the formats that have a place for it. Only called when the
    /// driver wants it shown.
    fn overview(&mut self, _overview: &Overview) {}
    /// Whether the format draws the files' source text (code frames). Only
    /// then must identifiers be masked in the text as well as in findings.
    fn shows_source(&self) -> bool {
        false
    }
}

/// Renders a whole run held in memory (tests, fuzzing, small runs).
pub fn render_all(renderer: &mut dyn Renderer, reports: &[FileReport]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut summary = Summary::default();
    for report in reports {
        summary.add(report);
        // Writing into a Vec cannot fail.
        let _ = renderer.file(report, &mut out);
    }
    let _ = renderer.finish(&summary, &mut out);
    out
}

/// Totals over a run, shared by every format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files by what CMS will do with them (the worst consequence of every
    /// finding made, shown or not: CMS does not read pilint.toml).
    pub verdicts: Verdicts,
    /// Shown findings by consequence, for `--fail-on rejected|zero|points`.
    pub shown_by_consequence: [usize; 4],
}

/// Files of a run by what CMS will do with them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verdicts {
    /// CMS refuses the file or its PI set.
    pub rejected: usize,
    /// CMS accepts it and the PI category scores 0.
    pub zero: usize,
    /// Accepted; points lost or at risk.
    pub points: usize,
    /// Nothing found that changes acceptance or score.
    pub ready: usize,
    /// pilint could not read or finish checking the file.
    pub not_checked: usize,
}

/// What CMS will do with one file: the bucket [`Verdicts`] counts it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Rejected,
    Zero,
    Points,
    Ready,
    NotChecked,
}

impl Verdict {
    /// The file's verdict from its own findings (facts, not the shown ones).
    pub fn of(report: &FileReport) -> Verdict {
        use crate::rules::{Consequence, Family};
        let unchecked = report.failed
            || report
                .diagnostics
                .iter()
                .any(|d| d.family == Family::File && d.consequence == Consequence::None);
        if unchecked {
            return Verdict::NotChecked;
        }
        // A zero in one PI set while CMS keeps another that scores: the
        // category is not 0, but the zeroed set's points are lost.
        let scores = report
            .score
            .as_ref()
            .and_then(|s| s.total())
            .is_some_and(|total| total > 0.0);
        match report.consequence {
            Consequence::Rejected => Verdict::Rejected,
            Consequence::Zero if scores => Verdict::Points,
            Consequence::Zero => Verdict::Zero,
            Consequence::Points => Verdict::Points,
            Consequence::None => Verdict::Ready,
        }
    }
}

impl Verdicts {
    fn add(&mut self, report: &FileReport) {
        *self.slot(Verdict::of(report)) += 1;
    }

    fn slot(&mut self, verdict: Verdict) -> &mut usize {
        match verdict {
            Verdict::Rejected => &mut self.rejected,
            Verdict::Zero => &mut self.zero,
            Verdict::Points => &mut self.points,
            Verdict::Ready => &mut self.ready,
            Verdict::NotChecked => &mut self.not_checked,
        }
    }

    /// Counts a file counted as `from` as `to` instead: a cross-file
    /// finding can zero a file its own findings left ready.
    pub fn recount(&mut self, from: Verdict, to: Verdict) {
        let from_slot = self.slot(from);
        if *from_slot > 0 {
            *from_slot -= 1;
            *self.slot(to) += 1;
        }
    }
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Counts the run's cross-file findings: they are findings of the run,
    /// so they count for the exit code like any other.
    pub fn add_cross_file(&mut self, findings: &[Diagnostic]) {
        for finding in findings {
            self.shown_by_consequence[finding.consequence as usize] += 1;
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.verdicts.add(report);
        for diagnostic in &report.diagnostics {
            self.shown_by_consequence[diagnostic.consequence as usize] += 1;
        }
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
    }
}

/// "Checked 3 files: 1 error, 0 warnings, 2 info." — the closing line of
/// the human formats (`full` colours it, `concise` does not).
pub fn summary_line(summary: &Summary) -> String {
    let mut line = format!(
        "Checked {}: {}, {}",
        plural(summary.files, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    );
    if summary.infos > 0 {
        line.push_str(&format!(", {} info", summary.infos));
    }
    line.push('.');
    line.push_str(&verdicts_sentence(&summary.verdicts));
    line
}

/// " At CMS: 2 refused, 3 scoring 0, 35 ready.": the files by what CMS
/// will do with them; categories without a file are left out.
fn verdicts_sentence(verdicts: &Verdicts) -> String {
    let parts: Vec<String> = [
        (verdicts.rejected, "refused"),
        (verdicts.zero, "scoring 0"),
        (verdicts.points, "losing points"),
        (verdicts.ready, "ready"),
        (verdicts.not_checked, "not checked"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, what)| format!("{count} {what}"))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" At CMS: {}.", parts.join(", "))
    }
}

/// Writes `text` with every line indented, lines as `str::lines` splits
/// them. Safe for JSON: serde_json never puts a raw newline inside a
/// string. One write of a buffer, not a formatted write per line: the JSON
/// formats indent every finding this way, on the main thread.
pub(crate) fn write_indented(out: &mut dyn Write, text: &str, indent: &str) -> io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    // A `\r` is part of the line break only before a `\n`.
    let (text, ends_with_break) = match text.strip_suffix('\n') {
        Some(text) => (text, true),
        None => (text, false),
    };
    let mut buffer = Vec::with_capacity(text.len() + indent.len() * (1 + text.len() / 16));
    let mut lines = text.as_bytes().split(|&b| b == b'\n').peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        if !first {
            buffer.push(b'\n');
        }
        first = false;
        let broken = lines.peek().is_some() || ends_with_break;
        let line = match line.strip_suffix(b"\r") {
            Some(kept) if broken => kept,
            _ => line,
        };
        buffer.extend_from_slice(indent.as_bytes());
        buffer.extend_from_slice(line);
    }
    out.write_all(&buffer)
}

/// "1 error", "2 warnings".
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::write_indented;

    #[test]
    fn indenting_splits_lines_as_str_lines_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\n",
            "{\n  \"a\": 1\n}",
            "a\r\nb",
            "a\r\n",
            "\r",
            "a\rb\n\nc",
        ] {
            let mut expected = String::new();
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    expected.push('\n');
                }
                expected.push_str("  ");
                expected.push_str(line);
            }
            let mut out = Vec::new();
            write_indented(&mut out, text, "  ").unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
        }
    }
}
