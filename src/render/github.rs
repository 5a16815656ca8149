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
//!
//! GitHub refuses a step summary over 1 MiB (docs: "Adding a job summary",
//! "Step isolation and limits") and then shows none of it. The table is
//! cut at whole rows to stay under [`STEP_SUMMARY_LIMIT`] with what the
//! step already wrote, and says how many findings it leaves out; only the
//! kept rows are held in memory, so a run of any size costs at most that.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::position::{self, Position, primary};
use crate::render::{Origin, Renderer, Summary};

/// Annotations of one kind GitHub shows per step.
pub const ANNOTATIONS_PER_KIND: usize = 10;

/// The most a step summary may hold: GitHub's limit per step.
pub const STEP_SUMMARY_LIMIT: u64 = 1024 * 1024;

/// Room kept for the table's heading and its closing line.
const STEP_SUMMARY_FRAME: u64 = 1024;

pub struct Github {
    /// `$GITHUB_STEP_SUMMARY`, where the full table goes past the limit.
    step_summary: Option<PathBuf>,
    counts: [usize; 3],
    /// The step summary's rows, rendered, while they fit the limit.
    rows: String,
    /// Where each kept row ends in `rows`.
    row_ends: Vec<usize>,
    /// Findings past the limit, not in `rows`.
    rows_left_out: usize,
}

impl Github {
    pub fn new(step_summary: Option<PathBuf>) -> Self {
        Github {
            step_summary,
            counts: [0; 3],
            rows: String::new(),
            row_ends: Vec::new(),
            rows_left_out: 0,
        }
    }

    /// Keeps one row of the step summary table, unless the table is full.
    fn keep_row(&mut self, a: &Annotation) {
        let row = format!(
            "| {} | {} | {} | {} | {} {} | {} |\n",
            cell(a.path),
            a.at.map_or(1, |at| at.line),
            a.at.map_or(1, |at| at.column),
            a.severity.as_str(),
            a.code,
            a.name,
            cell(a.message)
        );
        let budget = STEP_SUMMARY_LIMIT - STEP_SUMMARY_FRAME;
        if self.rows_left_out > 0 || (self.rows.len() + row.len()) as u64 > budget {
            self.rows_left_out += 1;
        } else {
            self.rows.push_str(&row);
            self.row_ends.push(self.rows.len());
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
            self.keep_row(&a);
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
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let place = primary(origin, finding);
        // An annotation sits in one file: places in other files are named
        // in its text.
        let mut more = position::related_elsewhere(origin, finding);
        more.push_str(&help_line(&finding.help));
        self.annotate(
            Annotation {
                path: place.path,
                at: place.at,
                severity: finding.severity,
                code: finding.code,
                name: finding.name,
                message: &finding.message,
                more,
            },
            out,
        )
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let total: usize = self.counts.iter().sum();
        let over = self.counts.iter().any(|&n| n > ANNOTATIONS_PER_KIND);
        if !over {
            return Ok(());
        }
        let written = match &self.step_summary {
            Some(path) => match write_step_summary(path, &self.rows, &self.row_ends, total) {
                Ok(0) => "the step summary lists every one".to_owned(),
                Ok(left_out) => format!(
                    "the step summary lists the first {} (GitHub accepts at most 1 MiB there), the job log every one",
                    total - left_out
                ),
                Err(_) => {
                    "the job log lists every one (the step summary could not be written)".to_owned()
                }
            },
            None => "the job log lists every one".to_owned(),
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

/// Appends the table of findings, in Markdown, to the step summary, cut
/// at whole rows to keep the file under [`STEP_SUMMARY_LIMIT`] with what
/// the step already wrote there. Returns how many findings it left out.
fn write_step_summary(
    path: &std::path::Path,
    rows: &str,
    row_ends: &[usize],
    total: usize,
) -> io::Result<usize> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let already = file.metadata()?.len();
    let room = STEP_SUMMARY_LIMIT.saturating_sub(already + STEP_SUMMARY_FRAME);
    let kept_rows = row_ends.partition_point(|&end| end as u64 <= room);
    let kept = kept_rows.checked_sub(1).map_or(0, |i| row_ends[i]);
    let left_out = total - kept_rows;
    let mut file = std::io::BufWriter::new(file);
    writeln!(file, "## pilint: {total} findings\n")?;
    writeln!(file, "| File | Line | Column | Severity | Rule | Message |")?;
    writeln!(file, "|---|---|---|---|---|---|")?;
    file.write_all(&rows.as_bytes()[..kept])?;
    if left_out > 0 {
        writeln!(
            file,
            "\n{left_out} more findings are not listed: GitHub accepts at most 1 MiB of step summary. The job log lists every one."
        )?;
    }
    writeln!(file)?;
    file.flush()?;
    Ok(left_out)
}

/// A Markdown table cell: no line breaks, `|` escaped.
fn cell(text: &str) -> String {
    crate::render::position::one_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_summary_stays_under_the_limit_and_says_what_it_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        std::fs::write(&path, "x".repeat(1000)).unwrap();
        let mut github = Github::new(Some(path.clone()));
        let message = "m".repeat(300);
        let total = 10_000;
        for i in 0..total {
            github.keep_row(&Annotation {
                path: &format!("f{i}.json"),
                at: None,
                severity: Severity::Error,
                code: "S005",
                name: "malformed-value",
                message: &message,
                more: String::new(),
            });
        }
        assert!(github.rows.len() as u64 <= STEP_SUMMARY_LIMIT);
        let left_out = write_step_summary(&path, &github.rows, &github.row_ends, total).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written.len() as u64 <= STEP_SUMMARY_LIMIT,
            "{}",
            written.len()
        );
        assert!(left_out > 0 && left_out < total);
        let listed = written.matches("| S005 malformed-value |").count();
        assert_eq!(listed + left_out, total);
        assert!(written.contains(&format!("{left_out} more findings are not listed")));
    }

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }
}
