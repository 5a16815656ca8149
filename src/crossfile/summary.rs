//! What a run keeps of every file until it ends: a fixed-size record, so a
//! run over 100,000 files holds a few megabytes, not the files' values.
//!
//! A [`FileSummary`] says which entity and year the file is for (as the
//! index of its [`GroupTally`]), how it scores, whether CMS would accept it
//! and where its PI set starts; a [`GroupTally`] per entity and year
//! follows which file CMS keeps. That is all the roll-up, the overview and
//! X004 (an individual and a group submission under one TIN) need. The
//! measure values and their positions, which X001-X003 compare and quote,
//! are not kept: the few files of entities seen more than once are checked
//! again at the end ([`super::recheck`]).

use std::sync::Arc;

use crate::lint::FileReport;
use crate::model::SourceFormat;

use super::entity::EntityKey;
use super::facts::{self, Interner, Position};

/// One file with a PI submission that can be grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSummary {
    /// As shown in output; the input's own text, shared.
    pub path: Arc<str>,
    /// The highest score among the file's PI sets; `None` when CMS would
    /// score none of them.
    pub best: Option<f64>,
    /// The file's place among the reports the collector was given (the
    /// input index when every report is given): how to check it again.
    pub ordinal: u32,
    /// Its entity and year: an index into the run's groups.
    pub group: u32,
    /// How many PI measurement sets it holds.
    pub sets: u32,
    /// No structural error (see [`facts::FileFacts::accepted`]).
    pub accepted: bool,
    pub format: SourceFormat,
    /// The head of its first PI set. A file alone for its entity and year
    /// has one set, and X004 points at it when a clinician's TIN also has a
    /// group file: in a practice with a group file and individual files
    /// that is most clinicians, too many to read twice for one position.
    pub head: Position,
}

/// One entity and year, as the files come in.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GroupTally {
    /// The first file (an index into the summaries).
    pub first: u32,
    /// The score that CMS keeps: the highest; `None` when no file can be
    /// scored.
    pub score: Option<f64>,
    /// The file with that score, the first of equals (meaningful with a
    /// score). Apart from `score` so that the record packs into 32 bytes.
    pub kept: u32,
    /// PI measurement sets from every file: above 1, the group's files
    /// are checked again to compare them.
    pub members: u32,
    /// Conflicting values score the category 0 (set when the run ends).
    pub zeroed_by_conflict: bool,
}

impl GroupTally {
    pub fn new(first: u32) -> Self {
        GroupTally {
            first,
            ..GroupTally::default()
        }
    }

    /// Counts one more file of the group.
    pub fn add(&mut self, file: u32, summary: &FileSummary) {
        self.members = self.members.saturating_add(summary.sets);
        if let Some(score) = summary.best
            && self.score.is_none_or(|best| score > best)
        {
            self.score = Some(score);
            self.kept = file;
        }
    }

    /// The file CMS keeps, else the first.
    pub fn kept_or_first(&self) -> u32 {
        if self.score.is_some() {
            self.kept
        } else {
            self.first
        }
    }
}

/// What a summary is made of before its group is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Summarized {
    pub entity: EntityKey,
    pub year: i64,
    pub best: Option<f64>,
    pub sets: u32,
    pub accepted: bool,
    pub head: Position,
}

/// The summary of a report: `None` unless it decoded into a submission
/// with an entity, a year and at least one PI measurement set (the same
/// condition as [`facts::extract`]).
pub fn summarize(
    report: &FileReport,
    year_override: Option<i64>,
    pointers: &mut Interner,
) -> Option<Summarized> {
    let submission = report.submission.as_ref()?;
    let entity = EntityKey::of(submission)?;
    // The year whose rules were applied to the file (`--year`, then its
    // pilint.toml's `year`, then its own) is the year it is grouped under.
    let year = year_override
        .or(report.score.as_ref().and_then(|s| s.year))
        .or(submission.performance_year.as_ref().map(|y| y.value))?;
    let scores = facts::set_scores(report.score.as_ref(), submission);
    let first = submission.measurement_sets.iter().find(|s| s.is_pi())?;
    Some(Summarized {
        entity,
        year,
        best: facts::best(scores.iter().copied()),
        sets: u32::try_from(scores.len()).unwrap_or(u32::MAX),
        accepted: facts::accepted(report),
        head: Position::of(&report.source, &first.loc, pointers),
    })
}

/// A count that fits the record: a run has fewer than 2^32 files.
pub fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    fn summary_of(text: &str) -> Option<Summarized> {
        let report = lint_source(
            SourceFile::from_text("a.json", text),
            &LintOptions::default(),
        );
        summarize(&report, None, &mut Interner::default())
    }

    /// The record kept per file must stay small and fixed: no collection
    /// (a `Vec` is 24 bytes on its own), no measure value, one position.
    /// Growing it multiplies by the file count (100,000 in a large run).
    #[test]
    fn the_per_file_record_stays_small() {
        assert!(std::mem::size_of::<FileSummary>() <= 80);
        assert!(std::mem::size_of::<GroupTally>() <= 32);
    }

    #[test]
    fn a_valid_file_is_summarized_with_its_score() {
        let summary = summary_of(crate::valid_2025!()).unwrap();
        assert_eq!(summary.year, 2025);
        assert_eq!(summary.sets, 1);
        assert!(summary.accepted);
        assert!(summary.best.is_some_and(|s| s > 0.0));
        assert!(summary_of("[").is_none());
        assert!(summary_of("{\"entityType\": \"group\"}").is_none());
    }

    #[test]
    fn the_tally_keeps_the_highest_the_first_of_equals() {
        let file = |best| FileSummary {
            path: "a".into(),
            best,
            ordinal: 0,
            group: 0,
            sets: 1,
            accepted: true,
            format: SourceFormat::Json,
            head: Position {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
                pointer: "".into(),
            },
        };
        let mut tally = GroupTally::new(0);
        tally.add(0, &file(None));
        assert_eq!((tally.score, tally.kept_or_first()), (None, 0));
        tally.add(1, &file(Some(80.0)));
        tally.add(2, &file(Some(90.0)));
        tally.add(3, &file(Some(90.0)));
        assert_eq!((tally.score, tally.kept_or_first()), (Some(90.0), 2));
        assert_eq!(tally.members, 4);
    }
}
