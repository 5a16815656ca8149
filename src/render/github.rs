//! `--format github`: GitHub Actions workflow commands, which GitHub turns
//! into annotations on the files of a pull request:
//!
//! ```text
//! ::error file=a.json,line=3,col=35,endLine=3,endColumn=47,title=S005 malformed-value::message
//! ```
//!
//! Escaping follows GitHub's toolkit (`@actions/core`, `command.ts`): in the
//! message `%`, `\r` and `\n` become `%25`, `%0D`, `%0A`; in properties `:`
//! and `,` also become `%3A` and `%2C`.
//!
//! GitHub shows at most 10 error, 10 warning and 10 notice annotations per
//! step (actions/toolkit, docs/problem-matchers.md, "Limitations"). Every
//! finding is still written (the log keeps them all); past the limit pilint
//! says so, and writes the full table to `$GITHUB_STEP_SUMMARY` when that
//! is set, so nothing is lost from the run's page.
//!
//! A cross-file finding is annotated at the place it is about; its message
//! names the places in the other files (`related: path:line:col: …`).

use std::io::{self, Write};
use std::path::PathBuf;

use crate::crossfile::CrossFileFinding;
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::render::position::{Position, of_site, position};
use crate::render::{Renderer, Summary};

/// Annotations of one kind GitHub shows per step.
pub const ANNOTATIONS_PER_KIND: usize = 10;

/// One finding, kept for the step summary table.
struct Row {
    path: String,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'static str,
    name: &'static str,
    message: String,
}

pub struct Github {
    /// `$GITHUB_STEP_SUMMARY`, where the full table goes past the limit.
    step_summary: Option<PathBuf>,
    counts: [usize; 3],
    rows: Vec<Row>,
}

impl Github {
    pub fn new(step_summary: Option<PathBuf>) -> Self {
        Github {
            step_summary,
            counts: [0; 3],
            rows: Vec::new(),
        }
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn kind_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Escapes a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation, from a file finding or a cross-file one.
struct Annotation<'a> {
    path: &'a str,
    at: Option<Position>,
    severity: Severity,
    code: &'static str,
    name: &'static str,
    message: &'a str,
    /// What follows the message in the annotation (help, related places).
    more: String,
}

impl Github {
    fn annotate(&mut self, a: Annotation, out: &mut dyn Write) -> io::Result<()> {
        let mut properties = format!("file={}", escape_property(a.path));
        if let Some(at) = a.at {
            properties.push_str(&format!(
                ",line={},col={},endLine={},endColumn={}",
                at.line, at.column, at.end_line, at.end_column
            ));
        }
        properties.push_str(&format!(
            ",title={}",
            escape_property(&format!("{} {}", a.code, a.name))
        ));
        writeln!(
            out,
            "::{} {}::{}",
            command(a.severity),
            properties,
            escape_data(&format!("{}{}", a.message, a.more))
        )?;
        self.counts[kind_index(a.severity)] += 1;
        if self.step_summary.is_some() {
            self.rows.push(Row {
                path: a.path.to_owned(),
                line: a.at.map_or(1, |at| at.line),
                column: a.at.map_or(1, |at| at.column),
                severity: a.severity,
                code: a.code,
                name: a.name,
                message: a.message.to_owned(),
            });
        }
        Ok(())
    }
}

fn help_line(help: &str) -> String {
    if help.is_empty() {
        String::new()
    } else {
        format!("\nhelp: {help}")
    }
}

impl Renderer for Github {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            self.annotate(
                Annotation {
                    path: report.path(),
                    at: position(&report.source, diagnostic),
                    severity: diagnostic.severity,
                    code: diagnostic.code,
                    name: diagnostic.name,
                    message: &diagnostic.message,
                    more: help_line(&diagnostic.help),
                },
                out,
            )?;
        }
        Ok(())
    }

    fn cross_file(&mut self, findings: &[CrossFileFinding], out: &mut dyn Write) -> io::Result<()> {
        for finding in findings {
            let mut more = String::new();
            for related in &finding.related {
                let at = of_site(&related.site);
                more.push_str(&format!(
                    "\nrelated: {}:{}:{}: {}",
                    related.site.path, at.line, at.column, related.message
                ));
            }
            more.push_str(&help_line(&finding.help));
            self.annotate(
                Annotation {
                    path: &finding.site.path,
                    at: Some(of_site(&finding.site)),
                    severity: finding.severity,
                    code: finding.code,
                    name: finding.name,
                    message: &finding.message,
                    more,
                },
                out,
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let total: usize = self.counts.iter().sum();
        let over = self.counts.iter().any(|&n| n > ANNOTATIONS_PER_KIND);
        if !over {
            return Ok(());
        }
        let written = match &self.step_summary {
            Some(path) => write_step_summary(path, &self.rows)
                .map(|()| "the step summary lists every one")
                .unwrap_or("the job log lists every one (the step summary could not be written)"),
            None => "the job log lists every one",
        };
        writeln!(
            out,
            "::notice title=pilint::{}",
            escape_data(&format!(
                "pilint found {total} findings ({} errors, {} warnings, {} notices); GitHub shows at most {ANNOTATIONS_PER_KIND} annotations of each kind per step, so some are not annotated: {written}",
                self.counts[0], self.counts[1], self.counts[2]
            ))
        )
    }
}

/// Appends the full table of findings, in Markdown, to the step summary.
fn write_step_summary(path: &PathBuf, rows: &[Row]) -> io::Result<()> {
    let mut file = std::io::BufWriter::new(
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?,
    );
    writeln!(file, "## pilint: {} findings\n", rows.len())?;
    writeln!(file, "| File | Line | Column | Severity | Rule | Message |")?;
    writeln!(file, "|---|---|---|---|---|---|")?;
    for row in rows {
        writeln!(
            file,
            "| {} | {} | {} | {} | {} {} | {} |",
            cell(&row.path),
            row.line,
            row.column,
            row.severity.as_str(),
            row.code,
            row.name,
            cell(&row.message)
        )?;
    }
    writeln!(file)?;
    file.flush()
}

/// A Markdown table cell: no line breaks, `|` escaped.
fn cell(text: &str) -> String {
    crate::render::position::one_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }
}
