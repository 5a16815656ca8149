//! `pilint score --format json`: the predicted score as one JSON document.
//!
//! A published interface, described by `schemas/output.schema.json`
//! (`$defs/scoreDocument`) and checked against it in the tests. Fields may be
//! added; a field's meaning never changes.
//!
//! ```json
//! {
//!   "version": 1,
//!   "framework": "mips",
//!   "files": [{
//!     "path": "fixtures/valid/group-2025.json",
//!     "performanceYear": 2025,
//!     "score": {
//!       "total": 80, "set": "/measurementSets/0",
//!       "noScoreReasons": [], "zeroReasons": [],
//!       "measures": [{"measureId": "PI_EP_1", "answer": "49/115", "points": 4, "max": 10,
//!                     "formula": "((49/115)*10) = 4", "excluded": false,
//!                     "assumption": false, "assumptions": [],
//!                     "nextPoint": {"numerator": 52, "points": 5}}],
//!       "bonus": 5, "bonusMeasures": […], "redistributions": […],
//!       "subtotal": 80, "cap": 100,
//!       "weight": 25, "weighted": 20, "weightAssumption": null,
//!       "provisional": null, "notes": [], "assumptions": [],
//!       "sets": [ … every PI set, same fields … ]
//!     }
//!   }]
//! }
//! ```
//!
//! `score` describes the set CMS would keep (the highest-scoring one);
//! `sets` lists every PI set of the file. `total` is `null` when the file
//! cannot be scored (`noScoreReasons` says why), 0 when a gate failed
//! (`zeroReasons` lists every failed gate). `weight` is a percentage of the
//! final score of `framework`; `weighted` = `total` × `weight` / 100. A
//! figure with `assumption: true` rests on a rule CMS has not confirmed;
//! `assumptions` says which. `nextPoint` is the smallest numerator that
//! earns a proportion measure one more point (null at the maximum);
//! `restore` lists, for a set scoring 0, the changes that restore a score.
//! Lines and columns are 1-based, columns count
//! characters.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use crate::crossfile::EntityOutcome;
use crate::lint::FileReport;
use crate::model::Loc;
use crate::render::score_table::no_score;
use crate::render::write_indented;
use crate::score::{FileScore, Framework, Reason, SetResult, SetScore};
use crate::source::SourceFile;

/// The whole document, as [`ScoreJson`] streams it (the tests compare).
#[cfg(test)]
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    framework: &'static str,
    files: Vec<FileOut<'a>>,
    /// Every entity and year of the run, as CMS would score it across
    /// its files.
    entities: Vec<EntityOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntityOut {
    entity: String,
    performance_year: i64,
    total: Option<Value>,
    /// The file CMS keeps (the highest score), else the first.
    path: String,
    zeroed_by_conflict: bool,
    /// The rule that explains a zero across files.
    rule: Option<&'static str>,
    assumption: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileOut<'a> {
    path: &'a str,
    performance_year: Option<i64>,
    score: ScoreOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScoreOut {
    #[serde(flatten)]
    kept: SetOut,
    weight: Option<Value>,
    weighted: Option<Value>,
    weight_assumption: Option<String>,
    provisional: Option<String>,
    sets: Vec<SetOut>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct SetOut {
    total: Option<Value>,
    /// The set's JSON Pointer (`null` when the file has no scorable set).
    set: Option<String>,
    submission_method: Option<String>,
    program_name: Option<String>,
    no_score_reasons: Vec<ReasonOut>,
    zero_reasons: Vec<ReasonOut>,
    measures: Vec<MeasureOut>,
    bonus: Option<Value>,
    bonus_measures: Vec<BonusOut>,
    redistributions: Vec<MoveOut>,
    subtotal: Option<Value>,
    cap: Option<Value>,
    notes: Vec<String>,
    assumptions: Vec<String>,
    /// For a set scoring 0, the changes that restore a score.
    restore: Vec<crate::score::reach::Change>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReasonOut {
    code: String,
    gate: Option<String>,
    message: String,
    line: usize,
    column: usize,
    pointer: String,
    assumption: bool,
    assumptions: Vec<String>,
    /// The rule whose finding explains the reason.
    rule: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MeasureOut {
    measure_id: String,
    answer: String,
    points: Value,
    max: Value,
    formula: String,
    excluded: bool,
    assumption: bool,
    assumptions: Vec<String>,
    /// The smallest numerator that earns one more point.
    next_point: Option<NextPointOut>,
}

/// `{"numerator": 154, "points": 12}`.
#[derive(Serialize)]
struct NextPointOut {
    numerator: u64,
    points: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BonusOut {
    measure_id: String,
    answer: String,
    counted: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MoveOut {
    rule: String,
    from: String,
    excluded_by: Vec<String>,
    points: Value,
    to: Vec<ShareOut>,
    message: String,
    assumption: bool,
    assumptions: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShareOut {
    measure_id: String,
    points: Value,
}

/// The whole document at once (tests, the fuzz target); a run streams it
/// with [`ScoreJson`].
pub fn render(
    reports: &[FileReport],
    entities: &[EntityOutcome<'_>],
    framework: Framework,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut document = ScoreJson::new(framework);
    // Writing into a Vec cannot fail.
    for report in reports {
        let _ = document.file(report, &mut out);
    }
    let _ = document.finish(entities, &mut out);
    out
}

/// Streams the document: the header, one file object at a time, then the
/// entities one at a time. The bytes are exactly
/// `serde_json::to_vec_pretty` of the whole [`Document`] and a newline,
/// but only one file's report is held at a time.
pub struct ScoreJson {
    framework: Framework,
    files_written: usize,
}

impl ScoreJson {
    pub fn new(framework: Framework) -> Self {
        ScoreJson {
            framework,
            files_written: 0,
        }
    }

    pub fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if self.files_written == 0 {
            self.header(out)?;
            out.write_all(b"  \"files\": [\n")?;
        } else {
            out.write_all(b",\n")?;
        }
        let pretty = serde_json::to_string_pretty(&file_out(report, self.framework))
            .map_err(io::Error::other)?;
        write_indented(out, &pretty, "    ")?;
        self.files_written += 1;
        Ok(())
    }

    /// Closes `files` (or writes it empty) and writes `entities`.
    pub fn finish(
        &mut self,
        entities: &[EntityOutcome<'_>],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if self.files_written == 0 {
            self.header(out)?;
            out.write_all(b"  \"files\": [],\n")?;
        } else {
            out.write_all(b"\n  ],\n")?;
        }
        out.write_all(b"  \"entities\": [")?;
        for (i, entity) in entities.iter().enumerate() {
            let pretty =
                serde_json::to_string_pretty(&entity_out(entity)).map_err(io::Error::other)?;
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            write_indented(out, &pretty, "    ")?;
        }
        if !entities.is_empty() {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"]\n}\n")
    }

    fn header(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"version\": 1,\n  \"framework\": {},\n",
            serde_json::to_string(self.framework.as_str()).map_err(io::Error::other)?
        )
    }
}

fn entity_out(e: &EntityOutcome<'_>) -> EntityOut {
    EntityOut {
        entity: crate::mask::entity(e.key, false),
        performance_year: e.year,
        total: e.score.map(points_value),
        path: e.path.to_owned(),
        zeroed_by_conflict: e.zeroed_by_conflict,
        rule: e.zeroed_by_conflict.then_some("X002"),
        assumption: e.assumption,
    }
}

/// Points as JSON numbers: whole points as integers (`80`, not `80.0`).
pub fn points_value(points: f64) -> Value {
    if points.fract() == 0.0 && points.abs() < 1e15 {
        Value::from(points as i64)
    } else {
        Value::from(points)
    }
}

fn file_out(report: &FileReport, framework: Framework) -> FileOut<'_> {
    let source = &report.source;
    let score = report.score.as_ref();
    let sets: Vec<SetOut> = score
        .map(|s| s.sets.iter().map(|set| set_out(source, set)).collect())
        .unwrap_or_default();
    let kept = match score.and_then(FileScore::best) {
        Some(best) => set_out(source, best),
        None => SetOut {
            no_score_reasons: no_score(report)
                .into_iter()
                .map(|r| ReasonOut {
                    code: r.code,
                    gate: None,
                    message: r.message,
                    line: line_col(source, r.loc.as_ref()).0,
                    column: line_col(source, r.loc.as_ref()).1,
                    pointer: r.loc.map(|l| l.pointer.into()).unwrap_or_default(),
                    assumption: false,
                    assumptions: Vec::new(),
                    rule: r.rule,
                })
                .collect(),
            ..SetOut::default()
        },
    };
    let weight = score.and_then(|s| s.weight(framework));
    FileOut {
        path: report.path(),
        performance_year: score.and_then(|s| s.year),
        score: ScoreOut {
            kept,
            weight: weight.map(|w| points_value(w.percent)),
            weighted: score.and_then(|s| s.weighted(framework)).map(points_value),
            weight_assumption: weight.and_then(|w| w.assumption.clone()),
            provisional: score.and_then(|s| s.provisional.clone()),
            sets,
        },
    }
}

fn set_out(source: &SourceFile, set: &SetScore) -> SetOut {
    let reasons = |list: &[Reason]| list.iter().map(|r| reason_out(source, r)).collect();
    let mut out = SetOut {
        total: set.total().map(points_value),
        set: Some(set.loc.pointer.to_string()),
        submission_method: set.submission_method.clone(),
        program_name: set.program_name.clone(),
        assumptions: set.assumptions().into_iter().map(str::to_owned).collect(),
        ..SetOut::default()
    };
    match &set.result {
        SetResult::Rejected(list) => out.no_score_reasons = reasons(list),
        SetResult::Zero {
            reasons: list,
            notes,
        } => {
            out.zero_reasons = reasons(list);
            out.notes = notes.clone();
            out.restore = crate::score::reach::restore(list);
        }
        SetResult::Scored(b) => {
            out.measures = b
                .measures
                .iter()
                .map(|m| MeasureOut {
                    measure_id: m.measure_id.clone(),
                    answer: m.answer.clone(),
                    points: points_value(m.points),
                    max: points_value(m.max),
                    formula: m.formula.clone(),
                    excluded: m.excluded,
                    assumption: !m.assumptions.is_empty(),
                    assumptions: m.assumptions.clone(),
                    next_point: m.next_point.map(|next| NextPointOut {
                        numerator: next.numerator,
                        points: points_value(next.points),
                    }),
                })
                .collect();
            out.bonus = Some(points_value(b.bonus.points));
            out.bonus_measures = b
                .bonus
                .measures
                .iter()
                .map(|m| BonusOut {
                    measure_id: m.measure_id.clone(),
                    answer: m.answer.clone(),
                    counted: m.counted,
                })
                .collect();
            out.redistributions = b
                .redistributions
                .iter()
                .map(|m| MoveOut {
                    rule: m.rule.clone(),
                    from: m.from.clone(),
                    excluded_by: m.excluded_by.clone(),
                    points: points_value(m.points),
                    to: m
                        .to
                        .iter()
                        .map(|(id, points)| ShareOut {
                            measure_id: id.clone(),
                            points: points_value(*points),
                        })
                        .collect(),
                    message: m.message.clone(),
                    assumption: !m.assumptions.is_empty(),
                    assumptions: m.assumptions.clone(),
                })
                .collect();
            out.subtotal = Some(points_value(b.subtotal));
            out.cap = Some(points_value(b.cap));
        }
    }
    out
}

fn reason_out(source: &SourceFile, reason: &Reason) -> ReasonOut {
    let (line, column) = line_col(source, reason.loc.as_ref());
    ReasonOut {
        code: reason.code.clone(),
        gate: reason.gate.clone(),
        message: reason.message.clone(),
        line,
        column,
        pointer: reason
            .loc
            .as_ref()
            .map(|l| l.pointer.to_string())
            .unwrap_or_default(),
        assumption: reason.assumption.is_some(),
        assumptions: reason.assumption.iter().cloned().collect(),
        rule: reason.rule,
    }
}

/// 1-based line and character column; 1:1 for a file-level reason.
fn line_col(source: &SourceFile, loc: Option<&Loc>) -> (usize, usize) {
    let at = source.line_col(loc.map_or(0, |l| l.span.start()));
    (at.line, at.column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};

    /// The streamed bytes equal pretty-printing the whole document at
    /// once: no file, one, several; with and without entities; an entity
    /// that two files submit.
    #[test]
    fn streaming_matches_whole_document_pretty_printing() {
        let valid = crate::valid_2025!();
        let reports: Vec<FileReport> = [
            ("a.json", valid),
            ("b.json", "["),
            ("c.json", valid),
            ("d.xml", "<x/>"),
        ]
        .into_iter()
        .map(|(name, text)| lint_source(SourceFile::from_text(name, text), &LintOptions::default()))
        .collect();
        for slice in [&reports[..0], &reports[..1], &reports[1..2], &reports[..]] {
            let cross =
                crate::crossfile::of_reports(slice, None, crate::rules::crossfile::check_all);
            let entities: Vec<EntityOutcome<'_>> = cross.entities().collect();
            for framework in [Framework::Mips, Framework::App] {
                let whole = Document {
                    version: 1,
                    framework: framework.as_str(),
                    files: slice.iter().map(|r| file_out(r, framework)).collect(),
                    entities: entities.iter().map(entity_out).collect(),
                };
                let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
                let streamed = String::from_utf8(render(slice, &entities, framework)).unwrap();
                assert_eq!(streamed, expected, "{} files", slice.len());
            }
        }
    }
}
