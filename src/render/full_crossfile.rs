//! The human format's cross-file parts: the findings about several files
//! (after the files), and the run overview (before the summary line).
//!
//! A cross-file finding cannot show source frames (the files' texts are
//! gone by the end of a run), so it names each label as `path:line:col`,
//! in the layout of the frames above it.

use std::io::{self, Write};

use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};

use crate::crossfile::Overview;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::render::Origin;
use crate::render::escape::{escape, escape_keeping};
use crate::render::plural;
use crate::render::position;
use crate::score::points::number;

/// The widest bar of the score histogram, in characters.
const BAR_WIDTH: usize = 30;
/// How many of the most frequent findings the overview names.
const TOP_FINDINGS: usize = 5;

/// `path:line:col`, the path escaped like every text from a file.
fn place(label: &Label) -> String {
    let placed = position::place(Origin::Run, label);
    let at = placed.at_or_start();
    format!("{}:{}:{}", escape(placed.path), at.line, at.column)
}

/// `error[X002]`, `warning[X003]`, `note[X001]`: the labels of the frames.
fn label(severity: Severity) -> (&'static str, Color) {
    match severity {
        Severity::Error => ("error", Color::Red),
        Severity::Warning => ("warning", Color::Yellow),
        Severity::Info => ("note", Color::Green),
    }
}

/// The heading of the findings about several files.
pub fn write_heading(out: &mut Buffer) -> io::Result<()> {
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    out.set_color(&bold)?;
    write!(out, "Across files:")?;
    out.reset()?;
    writeln!(out)
}

/// A finding about several files, in the layout of the frames: each label
/// as `path:line:col`.
pub fn write_finding(out: &mut Buffer, finding: &Diagnostic) -> io::Result<()> {
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    let (name, color) = label(finding.severity);
    let mut spec = ColorSpec::new();
    spec.set_bold(true).set_fg(Some(color));
    out.set_color(&spec)?;
    write!(out, "{name}[{}]", finding.code)?;
    out.set_color(&bold)?;
    write!(out, ": {}", escape(&finding.message))?;
    out.reset()?;
    writeln!(out)?;
    writeln!(out, "  ┌─ {}", place(&finding.primary))?;
    for related in &finding.related {
        writeln!(out, "  ├─ {}: {}", place(related), escape(&related.message))?;
    }
    writeln!(out, "  │")?;
    writeln!(out, "  = effect: {}", finding.consequence.effect())?;
    if !finding.note.is_empty() {
        writeln!(
            out,
            "  = why: {}",
            escape_keeping(&finding.note, |c| c == '\n')
        )?;
    }
    if !finding.help.is_empty() {
        writeln!(
            out,
            "  = help: {}",
            escape_keeping(&finding.help, |c| c == '\n')
        )?;
    }
    writeln!(
        out,
        "  = rule: {} (pilint rule {}; {})",
        finding.name,
        finding.code,
        crate::rules::url::url(finding.code)
    )?;
    writeln!(out)
}

/// "0: SRA_NOT_YES 1, MISSING_CEHRT_ID 2".
fn counts(map: &std::collections::BTreeMap<String, usize>) -> String {
    let mut all: Vec<(&String, &usize)> = map.iter().collect();
    all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    all.iter()
        .map(|(code, n)| format!("{code} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `show_score` false (`--no-score`) leaves the score distribution out.
pub fn write_overview(out: &mut Buffer, overview: &Overview, show_score: bool) -> io::Result<()> {
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    out.set_color(&bold)?;
    write!(
        out,
        "Overview: {}, {} with PI data",
        plural(overview.files, "file"),
        if overview.entities == 1 {
            "1 entity".to_owned()
        } else {
            format!("{} entities", overview.entities)
        }
    )?;
    out.reset()?;
    writeln!(out)?;
    if show_score {
        write_distribution(out, overview)?;
    }
    let top = overview.most_frequent(TOP_FINDINGS);
    if !top.is_empty() {
        let named: Vec<String> = top
            .iter()
            .map(|(code, name, n)| format!("{code} {name} {n}"))
            .collect();
        writeln!(out, "  most frequent findings: {}", named.join(", "))?;
    }
    Ok(())
}

/// Min, median, max, the histogram, and why files score 0 or nothing.
fn write_distribution(out: &mut Buffer, overview: &Overview) -> io::Result<()> {
    match (overview.min(), overview.median(), overview.max()) {
        (Some(min), Some(median), Some(max)) => writeln!(
            out,
            "  predicted PI score: min {}, median {}, max {} over {} scored",
            number(min),
            number(median),
            number(max),
            plural(overview.scored(), "file"),
        )?,
        _ => writeln!(
            out,
            "  predicted PI score: none ({} without a score)",
            plural(overview.no_score, "file")
        )?,
    }
    let bars = overview.histogram();
    let widest = bars.iter().map(|b| b.count).max().unwrap_or(0);
    for bar in &bars {
        // A bucket with any file gets at least one block.
        let width = if widest == 0 || bar.count == 0 {
            0
        } else {
            (bar.count * BAR_WIDTH).div_ceil(widest)
        };
        writeln!(
            out,
            "  {:>5} │{} {}",
            bar.label,
            "█".repeat(width),
            bar.count
        )?;
    }
    if overview.zeros() > 0 {
        writeln!(
            out,
            "  at 0: {} ({})",
            plural(overview.zeros(), "file"),
            counts(&overview.zero_reasons)
        )?;
    }
    if overview.no_score > 0 {
        writeln!(
            out,
            "  without a score: {} ({})",
            plural(overview.no_score, "file"),
            counts(&overview.no_score_reasons)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    #[test]
    fn overview_shows_distribution_zeros_and_findings() {
        let reports: Vec<_> = [
            crate::valid_2025!().to_owned(),
            crate::valid_2025!().replace(
                "\"PI_PPHI_1\", \"value\": true",
                "\"PI_PPHI_1\", \"value\": false",
            ),
            "[".to_owned(),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            lint_source(
                SourceFile::from_text(format!("{i}.json"), text),
                &LintOptions::default(),
            )
        })
        .collect();
        let cross =
            crate::crossfile::of_reports(&reports, None, crate::rules::crossfile::check_all);
        let mut out = Buffer::no_color();
        write_overview(&mut out, &cross.overview, true).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(text.starts_with("Overview: 3 files, 1 entity with PI data\n"));
        assert!(text.contains("min 0, median "));
        assert!(text.contains("at 0: 1 file (SRA_NOT_YES 1)"));
        assert!(text.contains("without a score: 1 file (FILE_NOT_DECODED 1)"));
        assert!(text.contains("      0 │"));
        assert!(text.contains("most frequent findings: "));
    }
}
