//! `pilint score`: the predicted PI score as a table, point by point.
//!
//! Per file, per PI measurement set: every measure with its answer, its
//! maximum after redistribution, CMS's formula (`((49/115)*10) = 4`) and its
//! points; then the redistributions, the total and the category's weight in
//! the final score. A zero lists every failed gate at its cause; a file
//! without a score says why. A figure resting on an unconfirmed rule carries
//! a footnote mark (`[1]`) whose text follows the set.

use std::io::Write;

use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};

use crate::crossfile::EntityOutcome;
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::model::Loc;
use crate::score::points::number;
use crate::score::{Breakdown, FileScore, Framework, Reason, SetResult, SetScore, reasons};
use crate::source::SourceFile;

/// Renders the score of every report.
pub fn render(
    reports: &[FileReport],
    entities: &[EntityOutcome<'_>],
    framework: Framework,
    color: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut table = ScoreTable::new(framework, color);
    // Writing into a Vec cannot fail.
    for report in reports {
        let _ = table.file(report, &mut out);
    }
    let _ = table.finish(entities, &mut out);
    out
}

/// Streams the table: each file's block as its report arrives, then the
/// entities scored across files. The bytes are those of [`render`] over
/// the whole run, but only one file's report is held at a time, so a run
/// over 100,000 files needs the memory of one batch, not of the run.
pub struct ScoreTable {
    framework: Framework,
    color: bool,
    files_written: usize,
}

impl ScoreTable {
    pub fn new(framework: Framework, color: bool) -> Self {
        ScoreTable {
            framework,
            color,
            files_written: 0,
        }
    }

    /// One file's block, a blank line before all but the first.
    pub fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> std::io::Result<()> {
        let mut block = self.buffer();
        if self.files_written > 0 {
            writeln!(block)?;
        }
        file(&mut block, report, self.framework)?;
        self.files_written += 1;
        out.write_all(block.as_slice())
    }

    /// The entities whose score across files differs from their files'.
    pub fn finish(
        &mut self,
        entities: &[EntityOutcome<'_>],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut block = self.buffer();
        entities_block(&mut block, entities)?;
        out.write_all(block.as_slice())
    }

    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }
}

/// The entities whose score across files differs from their files' own:
/// conflicting values sent through different submission types (2023)
/// score the entity 0 whatever each file would score.
fn entities_block(out: &mut Buffer, entities: &[EntityOutcome<'_>]) -> std::io::Result<()> {
    let zeroed: Vec<&EntityOutcome<'_>> =
        entities.iter().filter(|e| e.zeroed_by_conflict).collect();
    if zeroed.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Across files:")?;
    for entity in zeroed {
        writeln!(
            out,
            "{} in {}: predicted PI score 0/100 (conflicting values across submission types, X002; see `pilint check`)",
            crate::mask::entity(entity.key, false),
            entity.year
        )?;
        if let Some(assumption) = entity.assumption {
            writeln!(out, "  assumption: {assumption}")?;
        }
    }
    Ok(())
}

/// Why a file has no score: a code, a message and where, if anywhere.
pub struct NoScore {
    pub code: String,
    pub message: String,
    pub loc: Option<Loc>,
    /// The rule whose finding explains it.
    pub rule: Option<&'static str>,
}

/// The reasons a report has no score; empty when it has one.
pub fn no_score(report: &FileReport) -> Vec<NoScore> {
    match &report.score {
        Some(score) => score
            .no_score_reasons()
            .into_iter()
            .map(|r| NoScore {
                code: r.code.clone(),
                message: r.message.clone(),
                loc: r.loc.clone(),
                rule: r.rule,
            })
            .collect(),
        None => {
            // No model: the first error finding says why.
            let first = report
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error);
            let message = match first {
                Some(d) => format!(
                    "the file is not a readable submission: {} ({})",
                    d.message, d.code
                ),
                None => "the file is not a readable submission".to_owned(),
            };
            vec![NoScore {
                code: reasons::FILE_NOT_DECODED.to_owned(),
                rule: first.map(|d| d.code),
                message,
                loc: first.and_then(|d| {
                    d.span().map(|span| Loc {
                        span,
                        pointer: d.pointer().into(),
                    })
                }),
            }]
        }
    }
}

/// `12:5` for a location, `-` when there is none.
pub fn position(source: &SourceFile, loc: Option<&Loc>) -> String {
    match loc {
        Some(loc) => {
            let at = source.line_col(loc.span.start());
            format!("{}:{}", at.line, at.column)
        }
        None => "-".to_owned(),
    }
}

fn file(out: &mut Buffer, report: &FileReport, framework: Framework) -> std::io::Result<()> {
    let total = report.score.as_ref().and_then(FileScore::total);
    let mut head = ColorSpec::new();
    head.set_bold(true);
    match total {
        Some(total) => {
            head.set_fg(Some(if total > 0.0 {
                Color::Green
            } else {
                Color::Red
            }));
            out.set_color(&head)?;
            write!(
                out,
                "{}: predicted PI score {}/100",
                report.path(),
                number(total)
            )?;
        }
        None => {
            head.set_fg(Some(Color::Yellow));
            out.set_color(&head)?;
            write!(out, "{}: no PI score", report.path())?;
        }
    }
    out.reset()?;
    writeln!(out)?;
    let Some(score) = &report.score else {
        return reasons_block(out, report);
    };
    if let Some(year) = score.year {
        write!(out, "  performance year {year}")?;
        if score.provisional.is_some() {
            write!(out, " (provisional)")?;
        }
        writeln!(out)?;
    }
    if score.sets.is_empty() || total.is_none() {
        reasons_block(out, report)?;
    }
    let several = score.sets.len() > 1;
    for set in &score.sets {
        writeln!(out)?;
        set_block(out, report, set, several)?;
    }
    if several && let Some(best) = score.best() {
        writeln!(
            out,
            "\n  CMS keeps the highest-scoring set: {} ({})",
            best.loc.pointer,
            number(best.total().unwrap_or_default())
        )?;
    }
    if let (Some(total), Some(weight)) = (total, score.weight(framework)) {
        let weighted = score.weighted(framework).unwrap_or_default();
        write!(
            out,
            "  Weight: PI is {}% of the {} final score: {} × {}% = {} points",
            number(weight.percent),
            weight.label,
            number(total),
            number(weight.percent),
            number(weighted)
        )?;
        if let Some(assumption) = &weight.assumption {
            write!(out, " [*]\n  [*] {assumption}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The no-score reasons of a file, one line each.
fn reasons_block(out: &mut Buffer, report: &FileReport) -> std::io::Result<()> {
    for reason in no_score(report) {
        writeln!(
            out,
            "  {} at {}: {}{}",
            reason.code,
            position(&report.source, reason.loc.as_ref()),
            reason.message,
            // The no-model message already ends with its code.
            rule_mark(
                reason
                    .rule
                    .filter(|code| !reason.message.ends_with(&format!("({code})")))
            )
        )?;
    }
    Ok(())
}

fn set_block(
    out: &mut Buffer,
    report: &FileReport,
    set: &SetScore,
    several: bool,
) -> std::io::Result<()> {
    let method = [&set.submission_method, &set.program_name]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    write!(
        out,
        "  PI set {}",
        pointer_or_root(&set.loc.pointer.to_string())
    )?;
    if !method.is_empty() {
        write!(out, " ({method})")?;
    }
    match set.total() {
        Some(total) if several => writeln!(out, ": {}/100", number(total))?,
        None => writeln!(out, ": no score, CMS would reject it")?,
        Some(_) => writeln!(out)?,
    }
    let footnotes = set.assumptions();
    let mark = |assumptions: &[String]| -> String {
        let marks: Vec<String> = assumptions
            .iter()
            .filter_map(|a| footnotes.iter().position(|f| f == a))
            .map(|i| format!("[{}]", i + 1))
            .collect();
        marks.join("")
    };
    match &set.result {
        SetResult::Rejected(reasons) => {
            for reason in reasons {
                reason_line(out, report, reason, "")?;
            }
        }
        SetResult::Zero { reasons, notes } => {
            writeln!(
                out,
                "  An all-or-nothing gate failed, so the whole category scores 0 (bonus included):"
            )?;
            for reason in reasons {
                let marks = reason
                    .assumption
                    .as_ref()
                    .map(|a| mark(std::slice::from_ref(a)))
                    .unwrap_or_default();
                reason_line(out, report, reason, &marks)?;
            }
            for note in notes {
                writeln!(out, "  Note: {note}")?;
            }
            restore_block(out, reasons)?;
        }
        SetResult::Scored(breakdown) => breakdown_block(out, breakdown, &mark)?,
    }
    for (i, text) in footnotes.iter().enumerate() {
        writeln!(out, "  [{}] {text}", i + 1)?;
    }
    Ok(())
}

fn reason_line(
    out: &mut Buffer,
    report: &FileReport,
    reason: &Reason,
    marks: &str,
) -> std::io::Result<()> {
    let gate = reason
        .gate
        .as_deref()
        .map(|g| format!("{g} "))
        .unwrap_or_default();
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!(" {marks}")
    };
    writeln!(
        out,
        "    {gate}{} at {}: {}{}{marks}",
        reason.code,
        position(&report.source, reason.loc.as_ref()),
        reason.message,
        rule_mark(reason.rule)
    )
}

/// " (C001)": the rule whose finding explains a reason.
fn rule_mark(rule: Option<&str>) -> String {
    rule.map(|code| format!(" ({code})")).unwrap_or_default()
}

fn breakdown_block(
    out: &mut Buffer,
    breakdown: &Breakdown,
    mark: &dyn Fn(&[String]) -> String,
) -> std::io::Result<()> {
    let mut rows: Vec<[String; 6]> = vec![[
        "Measure".to_owned(),
        "Answer".to_owned(),
        "Max".to_owned(),
        "Formula".to_owned(),
        "Points".to_owned(),
        String::new(),
    ]];
    for m in &breakdown.measures {
        rows.push([
            m.measure_id.clone(),
            m.answer.clone(),
            // An excluded measure has no maximum left: its points moved.
            if m.excluded {
                "-".to_owned()
            } else {
                number(m.max)
            },
            m.formula.clone(),
            number(m.points),
            mark(&m.assumptions),
        ]);
    }
    let bonus = &breakdown.bonus;
    let answers: Vec<String> = bonus
        .measures
        .iter()
        .map(|m| format!("{} {}", m.measure_id, m.answer))
        .collect();
    rows.push([
        "Bonus".to_owned(),
        if answers.is_empty() {
            "none reported".to_owned()
        } else {
            answers.join("; ")
        },
        number(bonus.max),
        bonus.formula.clone(),
        number(bonus.points),
        mark(&bonus.assumptions),
    ]);
    table(out, &rows)?;
    reach_block(out, breakdown)?;
    if !breakdown.redistributions.is_empty() {
        writeln!(out, "  Redistribution:")?;
        for moved in &breakdown.redistributions {
            let marks = mark(&moved.assumptions);
            let marks = if marks.is_empty() {
                marks
            } else {
                format!(" {marks}")
            };
            writeln!(out, "    {} {}{marks}", moved.rule, moved.message)?;
        }
    }
    let mut terms: Vec<String> = breakdown
        .measures
        .iter()
        .filter(|m| m.points > 0.0)
        .map(|m| number(m.points))
        .collect();
    if bonus.points > 0.0 {
        terms.push(format!("bonus {}", number(bonus.points)));
    }
    let sum = if terms.is_empty() {
        "0".to_owned()
    } else {
        terms.join(" + ")
    };
    if breakdown.subtotal > breakdown.cap {
        writeln!(
            out,
            "  Total: {sum} = {}, capped at {} → {}/100",
            number(breakdown.subtotal),
            number(breakdown.cap),
            number(breakdown.total)
        )
    } else {
        writeln!(out, "  Total: {sum} = {}/100", number(breakdown.total))
    }
}

/// Points within reach: `PI_HIE_1 150/200 = 11 of 15; 154/200 would give
/// 12`, for each proportion measure below its maximum.
fn reach_block(out: &mut Buffer, breakdown: &Breakdown) -> std::io::Result<()> {
    let lines = reach_lines(breakdown);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "  Points within reach:")?;
    for line in lines {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

/// One sentence per proportion measure that can earn one more point.
pub fn reach_lines(breakdown: &Breakdown) -> Vec<String> {
    breakdown
        .measures
        .iter()
        .filter_map(|m| {
            let next = m.next_point?;
            // The answer of a proportion measure is `numerator/denominator`.
            let denominator = m.answer.split_once('/').map_or("", |(_, d)| d);
            Some(format!(
                "{} {} = {} of {}; {}/{denominator} would give {}",
                m.measure_id,
                m.answer,
                number(m.points),
                number(m.max),
                next.numerator,
                number(next.points)
            ))
        })
        .collect()
}

/// What restores a score to a set scoring 0.
fn restore_block(out: &mut Buffer, reasons: &[Reason]) -> std::io::Result<()> {
    let changes = crate::score::reach::restore(reasons);
    match changes.as_slice() {
        [] => Ok(()),
        [one] => writeln!(
            out,
            "  To restore a score: {}{}",
            one.change,
            rule_mark(one.rule)
        ),
        all => {
            writeln!(
                out,
                "  To restore a score, all {} changes are needed:",
                all.len()
            )?;
            for change in all {
                writeln!(out, "    {}{}", change.change, rule_mark(change.rule))?;
            }
            Ok(())
        }
    }
}

/// Left-aligned columns, the numeric ones right-aligned.
fn table(out: &mut Buffer, rows: &[[String; 6]]) -> std::io::Result<()> {
    let width = |col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..6).map(width).collect();
    for (i, row) in rows.iter().enumerate() {
        if i == 0 {
            let mut spec = ColorSpec::new();
            spec.set_bold(true);
            out.set_color(&spec)?;
        }
        let line = format!(
            "  {:<w0$}  {:<w1$}  {:>w2$}  {:<w3$}  {:>w4$} {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
        );
        write!(out, "{}", line.trim_end())?;
        if i == 0 {
            out.reset()?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn pointer_or_root(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(the body)"
    } else {
        pointer
    }
}
