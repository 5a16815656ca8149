//! `pilint rollup`: the APM entity PI roll-up as a table per performance
//! year, with its arithmetic written out so it can be checked by hand.

use std::io::Write;

use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};

use crate::crossfile::rollup::{Rollup, Row, Submitted};
use crate::render::plural;
use crate::score::points::number;

/// Renders every year's roll-up.
pub fn render(rollups: &[Rollup], color: bool) -> Vec<u8> {
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    if rollups.is_empty() {
        let _ = writeln!(
            out,
            "No individual, group or APM entity PI submission to roll up."
        );
    }
    for (i, rollup) in rollups.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = year(&mut out, rollup);
    }
    out.into_inner()
}

/// `95`, `0 (conflict)`, `no score`, `-` (no submission).
fn submitted(s: Option<&Submitted>) -> String {
    match s {
        None => "-".to_owned(),
        Some(s) if s.zeroed_by_conflict => "0 (conflict)".to_owned(),
        Some(Submitted { score: Some(v), .. }) => number(*v),
        Some(_) => "no score".to_owned(),
    }
}

fn counted(row: &Row) -> String {
    if row.counts {
        number(row.score)
    } else {
        "left out".to_owned()
    }
}

fn year(out: &mut Buffer, rollup: &Rollup) -> std::io::Result<()> {
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    out.set_color(&bold)?;
    write!(
        out,
        "APM entity PI roll-up, performance year {}",
        rollup.year
    )?;
    out.reset()?;
    writeln!(out)?;
    writeln!(out)?;

    let header = [
        "TIN",
        "NPI",
        "status",
        "individual",
        "group",
        "counts",
        "from",
        "note",
    ];
    let rows: Vec<[String; 8]> = rollup
        .rows
        .iter()
        .map(|row| {
            [
                row.tin.clone(),
                row.npi.clone(),
                row.status.map_or("-", |s| s.as_str()).to_owned(),
                submitted(row.individual.as_ref()),
                submitted(row.group.as_ref()),
                counted(row),
                row.source.as_str().to_owned(),
                row.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| -> String {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            // Scores right-aligned, text left-aligned; no padding at the end.
            let padded = if (3..=5).contains(&i) {
                format!("{cell:>width$}")
            } else if i + 1 == cells.len() {
                (*cell).to_owned()
            } else {
                format!("{cell:<width$}")
            };
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(&padded);
        }
        text.trim_end().to_owned()
    };
    out.set_color(&bold)?;
    write!(out, "{}", line(&header))?;
    out.reset()?;
    writeln!(out)?;
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&cells))?;
    }
    if rows.is_empty() {
        writeln!(out, "(no clinician)")?;
    }
    writeln!(out)?;

    match rollup.score {
        Some(score) => {
            let terms: Vec<String> = rollup
                .rows
                .iter()
                .filter(|r| r.counts)
                .map(|r| number(r.score))
                .collect();
            // Past a screenful the terms say nothing a reader can check.
            let sum = if terms.len() <= 20 {
                format!("({})", terms.join(" + "))
            } else {
                number(rollup.sum)
            };
            writeln!(
                out,
                "Roll-up: {sum} / {} = {}",
                plural(rollup.counted, "clinician"),
                number(score)
            )?;
        }
        None => writeln!(
            out,
            "Roll-up: no clinician counts, so there is no roll-up score"
        )?,
    }

    for group in &rollup.unattributed_groups {
        writeln!(
            out,
            "Group TIN {} ({}): {} — its clinicians are unknown, so it is not weighed; pass --participants",
            group.tin,
            group.submitted.path,
            submitted(Some(&group.submitted))
        )?;
    }
    for entity in &rollup.entity_level {
        writeln!(
            out,
            "APM entity {} reported PI at the entity level ({}): {} — CMS uses that score instead of the roll-up",
            entity.entity_id,
            entity.submitted.path,
            submitted(Some(&entity.submitted))
        )?;
    }
    if let Some(counts) = &rollup.public_reporting {
        writeln!(out)?;
        out.set_color(&bold)?;
        write!(out, "Shared Savings Program public reporting")?;
        out.reset()?;
        writeln!(out)?;
        let lines = [
            ("participants", counts.participants),
            ("earned a PI score", counts.earned_score),
            (
                "met the requirement without an exclusion",
                counts.met_without_exclusion,
            ),
            (
                "excluded, reported voluntarily",
                counts.excluded_reported_voluntarily,
            ),
            ("required, no PI score", counts.required_without_score),
        ];
        for (label, n) in lines {
            writeln!(out, "  {label}: {n}")?;
        }
    }
    for (i, assumption) in rollup.assumptions.iter().enumerate() {
        if i == 0 {
            writeln!(out)?;
        }
        writeln!(out, "Assumption: {assumption}")?;
    }
    Ok(())
}
