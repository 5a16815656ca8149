//! Across files: what only a whole run shows.
//!
//! Intermediaries and ACOs check a directory holding every clinician's and
//! practice's submissions. While reports stream past, a [`Collector`]
//! keeps the compact facts of each ([`facts`]: identity, year, period,
//! measure values, predicted score, positions) and the run's [`overview`];
//! at the end it groups submissions by entity and year ([`group`]) and
//! computes the cross-file findings ([`findings`], rule family `X`). The
//! APM entity roll-up ([`rollup`]) reads the same groups, with an optional
//! participant list ([`participants`]).
//!
//! Nothing here keeps a source text or a model, so a run over 100,000
//! files holds a few hundred bytes per PI measurement set.

pub mod entity;
pub mod facts;
pub mod findings;
pub mod group;
pub mod overview;
pub mod participants;
pub mod rollup;

use crate::lint::FileReport;

pub use entity::EntityKey;
pub use facts::FileFacts;
pub use findings::{CrossFileFinding, RelatedSite, Site};
pub use group::EntityGroup;
pub use overview::Overview;

/// Accumulates a run, one report at a time.
#[derive(Debug, Default)]
pub struct Collector {
    year_override: Option<i64>,
    ids: facts::Interner,
    files: Vec<FileFacts>,
    overview: Overview,
}

/// What the run shows across files.
#[derive(Debug)]
pub struct CrossFile {
    pub files: Vec<FileFacts>,
    pub groups: Vec<EntityGroup>,
    pub findings: Vec<CrossFileFinding>,
    /// Counts the cross-file findings too.
    pub overview: Overview,
}

impl Collector {
    /// `year_override` is `--year`: the year whose rules apply, whatever the
    /// files say, is also the year they are grouped under.
    pub fn new(year_override: Option<i64>) -> Self {
        Collector {
            year_override,
            ..Collector::default()
        }
    }

    /// Takes one report in; `false` when it holds no PI submission that
    /// can be grouped (no entity, no year, or no PI measurement set).
    pub fn add(&mut self, report: &FileReport) -> bool {
        self.overview.add(report);
        match facts::extract(report, self.year_override, &mut self.ids) {
            Some(facts) => {
                self.files.push(facts);
                true
            }
            None => false,
        }
    }

    /// Groups the run and computes its cross-file findings.
    pub fn finish(self) -> CrossFile {
        let groups = group::group(&self.files);
        let findings = findings::compute(&self.files, &groups);
        let mut overview = self.overview;
        overview.entities = groups
            .iter()
            .map(|g| &g.key)
            .collect::<std::collections::HashSet<_>>()
            .len();
        overview.add_cross_file(&findings);
        CrossFile {
            files: self.files,
            groups,
            findings,
            overview,
        }
    }
}

/// The cross-file view of reports held in memory (tests, small runs).
pub fn of_reports(reports: &[FileReport], year_override: Option<i64>) -> CrossFile {
    let mut collector = Collector::new(year_override);
    for report in reports {
        collector.add(report);
    }
    collector.finish()
}
