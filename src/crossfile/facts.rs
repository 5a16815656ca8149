//! Taking a checked file's facts ([`FileFacts`], `crate::entities`) from
//! its report: only for the files of entities submitted more than once, when
//! the run ends ([`super::recheck`]); every other file leaves a fixed
//! [`super::summary::FileSummary`].

use std::collections::HashMap;
use std::sync::Arc;

use crate::lint::FileReport;
use crate::model::{Loc, MeasureValue, Submission};
use crate::score::FileScore;
use crate::source::SourceFile;

use super::entity::EntityKey;

pub use crate::entities::facts::{FactValue, FileFacts, MeasureFact, Position, SetFacts, best};

impl Position {
    pub fn of(source: &SourceFile, loc: &Loc, shared: &mut Interner) -> Position {
        let span = source.clamp_span(loc.span);
        let start = source.line_col(span.start());
        let end = source.line_col(span.end());
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Position {
            line: small(start.line),
            column: small(start.column),
            end_line: small(end.line),
            end_column: small(end.column),
            pointer: shared.get(&loc.pointer.to_string()),
        }
    }
}

impl FactValue {
    fn of(value: &MeasureValue) -> Option<FactValue> {
        match value {
            MeasureValue::Boolean(node) => Some(FactValue::Boolean(node.value)),
            MeasureValue::Proportion(p) => Some(FactValue::Proportion(
                p.numerator.as_ref()?.value.whole?,
                p.denominator.as_ref()?.value.whole?,
            )),
        }
    }
}

/// Shares strings that repeat between files (measure ids, pointers), so a
/// run holds each once.
#[derive(Debug, Default)]
pub struct Interner(HashMap<Box<str>, Arc<str>>);

impl Interner {
    pub fn get(&mut self, id: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(id) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = id.into();
        self.0.insert(id.into(), Arc::clone(&shared));
        shared
    }
}

/// The facts of a report: `None` unless it decoded into a submission with an
/// entity, a year and at least one PI measurement set.
pub fn extract(
    report: &FileReport,
    year_override: Option<i64>,
    ids: &mut Interner,
) -> Option<FileFacts> {
    let submission = report.submission.as_ref()?;
    let entity = EntityKey::of(submission)?;
    // The year whose rules were applied to the file (`--year`, then its
    // pilint.toml's `year`, then its own) is the year it is grouped under.
    let year = year_override
        .or(report.score.as_ref().and_then(|s| s.year))
        .or(submission.performance_year.as_ref().map(|y| y.value))?;
    let source = &report.source;
    let scores = set_scores(report.score.as_ref(), submission);
    let sets: Vec<SetFacts> = submission
        .measurement_sets
        .iter()
        .filter(|set| set.is_pi())
        .zip(scores)
        .map(|(set, score)| SetFacts {
            head: Position::of(source, &set.loc, ids),
            submission_method: set.submission_method.as_ref().map(|m| ids.get(&m.value)),
            period: match (&set.performance_start, &set.performance_end) {
                (Some(start), Some(end)) => Some(Box::new((
                    ids.get(&start.value),
                    ids.get(&end.value),
                    Position::of(source, &start.loc, ids),
                ))),
                _ => None,
            },
            measures: compact(
                set.measurements
                    .iter()
                    .filter_map(|m| {
                        let value = m.value.as_ref()?;
                        Some(MeasureFact {
                            id: ids.get(m.id()?),
                            value: FactValue::of(value)?,
                            at: Position::of(source, value.loc(), ids),
                        })
                    })
                    .collect(),
            ),
            score,
        })
        .collect();
    if sets.is_empty() {
        return None;
    }
    Some(FileFacts {
        path: report.source.name.clone(),
        format: report.format,
        entity,
        year,
        accepted: accepted(report),
        sets,
    })
}

/// No structural error (families `F`, `S`, `Q`) in the report.
pub fn accepted(report: &FileReport) -> bool {
    // A fact of the file, not of the shown findings: ignoring a rule must
    // not turn a file CMS refuses into one it compares.
    report.consequence != crate::rule::Consequence::Rejected
}

/// Drops the spare capacity of a vector kept for the whole run.
fn compact<T>(mut items: Vec<T>) -> Vec<T> {
    items.shrink_to_fit();
    items
}

/// Each PI set's score, in file order. The engine scores the PI sets in
/// file order; a file CMS rejects whole has no set scores.
pub fn set_scores(score: Option<&FileScore>, submission: &Submission) -> Vec<Option<f64>> {
    let pi_sets = submission
        .measurement_sets
        .iter()
        .filter(|s| s.is_pi())
        .count();
    match score {
        Some(score) if score.no_score.is_none() && score.sets.len() == pi_sets => {
            score.sets.iter().map(|set| set.total()).collect()
        }
        _ => vec![None; pi_sets],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};

    fn facts(name: &str, text: &str) -> Option<FileFacts> {
        let report = lint_source(SourceFile::from_text(name, text), &LintOptions::default());
        extract(&report, None, &mut Interner::default())
    }

    #[test]
    fn a_valid_file_keeps_identity_period_values_and_score() {
        let facts = facts("a.json", crate::valid_2025!()).unwrap();
        assert_eq!(facts.year, 2025);
        assert_eq!(facts.sets.len(), 1);
        let set = &facts.sets[0];
        assert!(set.score.is_some_and(|s| s > 0.0));
        let (start, end, at) = set.period.as_deref().unwrap();
        assert_eq!((&**start, &**end), ("2025-01-01", "2025-12-31"));
        assert!(at.line > 1);
        let attestation = set.measure("PI_INFBLO_1").unwrap();
        assert_eq!(attestation.value, FactValue::Boolean(true));
        assert!(attestation.at.pointer.ends_with("/value"));
    }

    #[test]
    fn a_file_with_a_structural_error_is_not_accepted() {
        assert!(facts("a.json", crate::valid_2025!()).unwrap().accepted);
        let dashed = crate::valid_2025!().replace("\"000123456\"", "\"000-123456\"");
        assert!(!facts("a.json", &dashed).unwrap().accepted);
    }

    #[test]
    fn files_without_entity_or_pi_data_give_nothing() {
        assert!(facts("a.json", "[").is_none());
        assert!(facts("a.json", "{\"entityType\": \"group\"}").is_none());
    }

    #[test]
    fn measure_ids_are_shared() {
        let mut ids = Interner::default();
        let a = ids.get("PI_EP_1");
        let b = ids.get("PI_EP_1");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
