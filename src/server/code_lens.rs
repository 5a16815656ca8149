//! The predicted score in place: a code lens at each PI measurement set,
//! "predicted PI score 87/100" or "no score: …", whose command shows the
//! point-by-point breakdown and the reasons for a zero, in the words of
//! `pilint score` ([`crate::render::score_table`]).

use lsp_types::{CodeLens, Command, Range, Uri};
use serde_json::json;

use super::check::Analysis;
use crate::lint::FileReport;
use crate::render::score_table;
use crate::score::points::number;
use crate::score::{Framework, SetResult, SetScore};
use crate::source::Span;

/// The command of every score lens; `workspace/executeCommand` answers it
/// with the breakdown text.
pub const COMMAND: &str = "pilint.scoreBreakdown";

/// The head (opening `{` or start tag) of each PI measurement set.
pub fn pi_set_heads(report: &FileReport) -> Vec<Span> {
    report
        .submission
        .iter()
        .flat_map(|s| &s.measurement_sets)
        .filter(|set| set.is_pi())
        .map(|set| set.loc.span)
        .collect()
}

pub fn lenses(uri: &Uri, analysis: &Analysis) -> Vec<CodeLens> {
    let (Some(report), Some(positions)) = (analysis.report.as_ref(), analysis.positions()) else {
        return Vec::new();
    };
    let command = |title: String| Command {
        title,
        command: COMMAND.to_owned(),
        arguments: Some(vec![json!(uri.as_str())]),
    };
    let heads = pi_set_heads(report);
    if analysis.hidden_bom {
        // CMS refuses the file as saved, whatever its sets would score.
        let title = "no score: CMS refuses a file that starts with a byte-order mark (F003)";
        let ranges: Vec<Range> = if heads.is_empty() {
            vec![Range::default()]
        } else {
            heads.iter().map(|h| positions.range(*h)).collect()
        };
        return ranges
            .into_iter()
            .map(|range| CodeLens {
                range,
                command: Some(command(title.to_owned())),
                data: None,
            })
            .collect();
    }
    if heads.is_empty() {
        // No PI set to stand on: the file's own reason, at its top.
        let range = report
            .submission
            .as_ref()
            .map_or_else(Range::default, |s| positions.range(s.loc.span));
        return vec![CodeLens {
            range,
            command: Some(command(no_score_title(report))),
            data: None,
        }];
    }
    let sets = report.score.as_ref().map_or(&[][..], |s| &s.sets[..]);
    let best = report.score.as_ref().and_then(|s| s.best());
    heads
        .into_iter()
        .map(|head| {
            let title = match sets.iter().find(|s| s.loc.span == head) {
                Some(set) => {
                    let kept = sets.len() > 1 && best.is_some_and(|b| std::ptr::eq(b, set));
                    set_title(set, kept)
                }
                None => no_score_title(report),
            };
            CodeLens {
                range: positions.range(head),
                command: Some(command(title)),
                data: None,
            }
        })
        .collect()
}

fn set_title(set: &SetScore, kept: bool) -> String {
    let kept = if kept { " (the set CMS keeps)" } else { "" };
    match &set.result {
        SetResult::Scored(breakdown) => {
            format!("predicted PI score {}/100{kept}", number(breakdown.total))
        }
        SetResult::Zero { reasons, .. } => {
            let first = reasons
                .first()
                .map(|r| format!(": {}", r.message))
                .unwrap_or_default();
            format!("predicted PI score 0/100{kept}{first}")
        }
        SetResult::Rejected(reasons) => match reasons.first() {
            Some(reason) => format!("no score: {}", reason.message),
            None => "no score".to_owned(),
        },
    }
}

fn no_score_title(report: &FileReport) -> String {
    match score_table::no_score(report).first() {
        Some(reason) => format!("no score: {}", reason.message),
        None => "no score".to_owned(),
    }
}

/// The file's score as `pilint score` prints it: every set, measure by
/// measure, the redistributions, the total, and each reason for a zero or
/// for no score.
pub fn breakdown_text(report: &FileReport) -> String {
    let bytes = score_table::render(std::slice::from_ref(report), &[], Framework::Mips, false);
    String::from_utf8_lossy(&bytes).into_owned()
}
