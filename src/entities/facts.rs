//! The details of one file of a repeated entity that the cross-file
//! checks compare: who submitted, for which year, over which period, which
//! values, and what it is predicted to score, with the positions to point
//! at.
//!
//! A [`FileFacts`] holds no source text and no model: positions are already
//! turned into line and column. `crate::crossfile` takes it from a checked
//! file's report, only for the files of entities submitted more than once.

use std::sync::Arc;

use crate::model::SourceFormat;

use super::entity::EntityKey;

pub use crate::diagnostic::Position;

/// A measure's answer, reduced to what comparing two submissions needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    Boolean(bool),
    /// Numerator and denominator when both are whole numbers ≥ 0.
    Proportion(u64, u64),
}

impl FactValue {
    /// `yes`, `no`, `49/115`.
    pub fn display(&self) -> String {
        match self {
            FactValue::Boolean(true) => "yes".to_owned(),
            FactValue::Boolean(false) => "no".to_owned(),
            FactValue::Proportion(n, d) => format!("{n}/{d}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct MeasureFact {
    /// Shared between files: a run holds each measure id once.
    pub id: Arc<str>,
    pub value: FactValue,
    pub at: Position,
}

/// A set's performance period: start and end as written, and where the
/// start is.
pub type Period = (Arc<str>, Arc<str>, Position);

/// One PI measurement set: one submission, in CMS's terms.
#[derive(Debug, Clone)]
pub struct SetFacts {
    pub head: Position,
    pub submission_method: Option<Arc<str>>,
    /// `(start, end)` as written, at the start date. Boxed: most sets held
    /// at the end of a run are X004's, which never have one, and the
    /// record is held for tens of thousands of them.
    pub period: Option<Box<Period>>,
    pub measures: Vec<MeasureFact>,
    /// `None` when CMS would not score the set.
    pub score: Option<f64>,
}

impl SetFacts {
    pub fn measure(&self, id: &str) -> Option<&MeasureFact> {
        self.measures.iter().find(|m| &*m.id == id)
    }
}

/// The details of one file of a repeated entity.
#[derive(Debug, Clone)]
pub struct FileFacts {
    /// Shared with the findings that point at the file.
    pub path: Arc<str>,
    pub format: SourceFormat,
    pub entity: EntityKey,
    /// The year whose rules apply (`--year`, else the file's).
    pub year: i64,
    /// No structural error (families `F`, `S`, `Q`): the Submissions API or
    /// the QRDA III converter would accept the file. A file CMS rejects
    /// never becomes a submission, so it cannot duplicate or contradict one.
    pub accepted: bool,
    pub sets: Vec<SetFacts>,
}

impl FileFacts {
    /// The highest score among the file's sets, as CMS keeps it.
    pub fn score(&self) -> Option<f64> {
        best(self.sets.iter().map(|s| s.score))
    }
}

/// The highest of some set scores.
pub fn best(scores: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    scores
        .flatten()
        .fold(None, |best, s| Some(best.map_or(s, |b: f64| b.max(s))))
}
