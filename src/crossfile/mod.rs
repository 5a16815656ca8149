//! Across files: what only a whole run shows.
//!
//! Intermediaries and ACOs check a directory holding every clinician's and
//! practice's submissions. While reports stream past, a [`Collector`]
//! keeps a fixed-size [`summary`] of each (path, entity and year, best
//! predicted score, accepted or not: under 50 bytes plus the path) and the
//! run's [`overview`]. At the end, the files of the entities seen more than
//! once are checked again ([`recheck`]) for their measure values and
//! positions ([`facts`]); those few are grouped by entity and year
//! ([`group`]) and judged by the checks the caller gives ([`Checks`]: the
//! rule family `X`, `crate::rules::crossfile::check_all`). The APM entity
//! roll-up ([`rollup`]) reads every group's outcome, with an optional
//! participant list ([`participants`]).
//!
//! The facts, entities and groups are plain data in `crate::entities`,
//! which the `X` rules read too: this module never names a rule, so the
//! rules can depend on the facts without a cycle.
//!
//! Nothing here keeps a source text, a model or a measure of every file,
//! so memory follows the file count by a few dozen bytes per file and the
//! duplicates by their details, never the corpus.

pub(crate) mod facts;
pub(crate) mod overview;
pub(crate) mod participants;
pub(crate) mod recheck;
pub(crate) mod rollup;
pub(crate) mod summary;

use std::collections::HashMap;

use crate::catalog;
use crate::diagnostic::Diagnostic;
use crate::lint::{FileReport, LintOptions, lint_source};

pub use crate::diagnostic::Site;
pub(crate) use crate::entities::{entity, group};
pub use entity::EntityKey;
pub use facts::FileFacts;
pub use group::{EntityGroup, Received};
pub use overview::Overview;
pub use recheck::LeftOut;

use facts::Interner;
use summary::{FileSummary, GroupTally};

/// Accumulates a run, one report at a time.
#[derive(Debug, Default)]
pub struct Collector {
    year_override: Option<i64>,
    /// Reports given so far: the next one's ordinal.
    seen: usize,
    files: Vec<FileSummary>,
    /// Each entity and year's index into `tallies`, in order of first
    /// submission.
    index: HashMap<(EntityKey, i64), u32>,
    tallies: Vec<GroupTally>,
    /// Details taken on the first read, by ordinal, of inputs that cannot
    /// be read twice (standard input).
    kept: HashMap<u32, FileFacts>,
    /// The heads' pointers, shared: files from one exporter repeat them.
    pointers: Interner,
    overview: Overview,
    /// The cross-file checks; `None` when only the groups' outcomes are
    /// wanted (`pilint rollup`).
    checks: Option<Checks>,
}

/// The cross-file checks of a run: every finding about the compared files
/// and their entity groups as CMS receives them (none empty), and about
/// the entities X004 pairs ([`Received`]), in output order. The caller gives them
/// (`crate::rules::crossfile::check_all`): this module gathers and groups
/// the facts, the rules judge them.
pub type Checks = fn(&[FileFacts], &[EntityGroup], &[Received<'_>]) -> Vec<Diagnostic>;

/// What the run shows across files.
#[derive(Debug)]
pub struct CrossFile {
    pub findings: Vec<Diagnostic>,
    /// The run's overview; the caller counts the cross-file findings it
    /// shows ([`Overview::add_cross_file`]).
    pub overview: Overview,
    /// Files of repeated entities that could not be compared: they changed
    /// or vanished between the run and its end.
    pub left_out: Vec<LeftOut>,
    files: Vec<FileSummary>,
    /// Every entity and year, in order of first submission.
    groups: Vec<(EntityKey, i64, GroupTally)>,
}

/// What CMS makes of one entity's submissions for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityOutcome<'a> {
    pub key: &'a EntityKey,
    pub year: i64,
    /// The score that counts: the kept submission's, 0 when conflicting
    /// values zero the category, `None` when nothing can be scored.
    pub score: Option<f64>,
    /// The file CMS keeps, else the first.
    pub path: &'a str,
    pub zeroed_by_conflict: bool,
    /// The zero rests on a policy the sources disagree on (2024).
    pub assumption: Option<&'static str>,
}

impl Collector {
    /// `year_override` is `--year`: the year whose rules apply, whatever the
    /// files say, is also the year they are grouped under. `checks` make the
    /// cross-file findings when the run ends.
    pub fn new(year_override: Option<i64>, checks: Checks) -> Self {
        Collector {
            year_override,
            checks: Some(checks),
            ..Collector::default()
        }
    }

    /// Makes room at once for the summaries of `inputs` reports, the most
    /// there can be: kept to the end of the run, they would otherwise be
    /// held in a vector grown by doubling (up to twice the room, and both
    /// the old and the new buffer while it grows) and then copied once
    /// more to drop the spare room.
    pub fn expecting(mut self, inputs: usize) -> Self {
        self.files.reserve_exact(inputs);
        self
    }

    /// Computes no cross-file finding, only what CMS makes of each entity
    /// ([`CrossFile::entities`]): the findings of a large run are not held
    /// for nothing.
    pub fn without_findings(mut self) -> Self {
        self.checks = None;
        self
    }

    /// Takes the next report in; `false` when it holds no PI submission
    /// that can be grouped (no entity, no year, or no PI measurement set).
    /// The report's input must be readable again when the run ends (see
    /// [`Collector::finish`]).
    pub fn add(&mut self, report: &FileReport) -> bool {
        self.add_report(report, false)
    }

    /// [`Collector::add`] for an input that cannot be read twice (standard
    /// input): its details are kept now, in case another file repeats its
    /// entity.
    pub fn add_unrepeatable(&mut self, report: &FileReport) -> bool {
        self.add_report(report, true)
    }

    /// How many reports were given: the next one's ordinal.
    pub fn seen(&self) -> usize {
        self.seen
    }

    fn add_report(&mut self, report: &FileReport, keep: bool) -> bool {
        let ordinal = summary::small(self.seen);
        self.seen += 1;
        self.overview.add(report);
        let Some(summarized) = summary::summarize(report, self.year_override, &mut self.pointers)
        else {
            return false;
        };
        if keep
            && let Some(facts) =
                facts::extract(report, self.year_override, &mut Interner::default())
        {
            self.kept.insert(ordinal, facts);
        }
        let file = summary::small(self.files.len());
        let next = summary::small(self.tallies.len());
        let group = *self
            .index
            .entry((summarized.entity, summarized.year))
            .or_insert(next);
        if group == next {
            self.tallies.push(GroupTally::new(file));
        }
        let summary = FileSummary {
            path: report.source.name.clone(),
            best: summarized.best,
            ordinal,
            group,
            sets: summarized.sets,
            accepted: summarized.accepted,
            format: report.format,
            head: summarized.head,
        };
        if let Some(tally) = self.tallies.get_mut(group as usize) {
            tally.add(file, &summary);
        }
        self.files.push(summary);
        true
    }

    /// Compares the run's repeated entities and computes its cross-file
    /// findings. `recheck(ordinal)` checks again the input of the report
    /// given `ordinal`-th (from 0) to [`Collector::add`], exactly as the
    /// first time; it runs in parallel, only for the files of entities
    /// submitted more than once. X004's individual and group pairs, most of
    /// a practice's files, are judged from their summaries.
    pub fn finish(mut self, recheck: impl Fn(usize) -> Option<FileReport> + Sync) -> CrossFile {
        // Kept to the end of the run: no room for growth kept, freed
        // before the comparison allocates (nothing to do when the room was
        // made exactly, [`Collector::expecting`]).
        self.files.shrink_to_fit();
        let mut groups: Vec<(EntityKey, i64, GroupTally)> = Vec::with_capacity(self.tallies.len());
        let mut keys: Vec<Option<(EntityKey, i64)>> = vec![None; self.tallies.len()];
        for (key, at) in self.index {
            if let Some(slot) = keys.get_mut(at as usize) {
                *slot = Some(key);
            }
        }
        for (key, tally) in keys.into_iter().zip(self.tallies) {
            if let Some((key, year)) = key {
                groups.push((key, year, tally));
            }
        }
        let wanted = recheck::groups_to_compare(&groups);
        let (details, left_out) = recheck::details(
            &self.files,
            &groups,
            &wanted,
            self.kept,
            self.year_override,
            &recheck,
        );
        // Only what CMS receives is compared; filtered in place, the groups
        // are held once while the findings are computed. Conflicts, which
        // zero a group, are between received submissions too.
        let mut compared: Vec<EntityGroup> = group::group(&details)
            .into_iter()
            .map(|g| g.into_received(&details))
            .filter(|g| !g.members.is_empty())
            .collect();
        compared.shrink_to_fit();
        let findings = match self.checks {
            Some(checks) => {
                let pairable = recheck::pairable(&groups);
                let paired = recheck::paired(&self.files, &groups, &pairable, &details, &compared);
                checks(&details, &compared, &paired)
            }
            None => Vec::new(),
        };
        let zeroed: Vec<usize> = {
            let index = recheck::index_of(&groups, &wanted);
            compared
                .iter()
                .filter(|g| g.score(&details).zeroed_by_conflict)
                .filter_map(|g| index.get(&(&g.key, g.year)).copied())
                .collect()
        };
        for at in zeroed {
            groups[at].2.zeroed_by_conflict = true;
        }
        let mut overview = self.overview;
        overview.entities = recheck::entity_count(&groups);
        CrossFile {
            findings,
            overview,
            left_out,
            files: self.files,
            groups,
        }
    }
}

impl CrossFile {
    /// Every entity and year of the run, in order of first submission, as
    /// CMS would score it.
    pub fn entities(&self) -> impl Iterator<Item = EntityOutcome<'_>> {
        self.groups.iter().map(|(key, year, tally)| {
            let path = self
                .files
                .get(tally.kept_or_first() as usize)
                .map_or("", |f| &*f.path);
            let policy = catalog::year(*year)
                .filter(|c| c.conflicting_values_score_zero)
                .map(|c| c.conflicting_values_source.as_str());
            let zeroed = tally.zeroed_by_conflict;
            EntityOutcome {
                key,
                year: *year,
                score: if zeroed { Some(0.0) } else { tally.score },
                path,
                zeroed_by_conflict: zeroed,
                assumption: policy.filter(|source| zeroed && source.starts_with("UNCONFIRMED")),
            }
        })
    }
}

/// The cross-file view of reports held in memory (tests, small runs): each
/// is checked again from its text with `--year` alone, and judged by
/// `checks` (`crate::rules::crossfile::check_all`).
pub(crate) fn of_reports(
    reports: &[FileReport],
    year_override: Option<i64>,
    checks: Checks,
) -> CrossFile {
    let mut collector = Collector::new(year_override, checks);
    for report in reports {
        collector.add(report);
    }
    let options = LintOptions {
        year: year_override,
        ..LintOptions::default()
    };
    collector.finish(|i| {
        reports
            .get(i)
            .map(|r| lint_source(r.source.clone(), &options))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    const CONFLICTING_JSON: &str =
        include_str!("../../fixtures/crossfile/conflicting-2023/individual-registry.json");
    const CONFLICTING_XML: &str =
        include_str!("../../fixtures/crossfile/conflicting-2023/individual-ehr.xml");

    fn report(name: &str, text: &str) -> FileReport {
        lint_source(SourceFile::from_text(name, text), &LintOptions::default())
    }

    fn run(recheck: impl Fn(usize) -> Option<FileReport> + Sync) -> CrossFile {
        let mut collector = Collector::new(None, crate::rules::crossfile::check_all);
        assert!(collector.add(&report("a.json", CONFLICTING_JSON)));
        assert!(collector.add(&report("b.xml", CONFLICTING_XML)));
        assert!(!collector.add(&report("c.json", "[")));
        assert_eq!(collector.seen(), 3);
        // Nothing but the summaries is kept while the run goes on.
        assert!(collector.kept.is_empty());
        collector.finish(recheck)
    }

    fn codes(cross: &CrossFile) -> Vec<&str> {
        cross.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn the_repeated_entity_is_checked_again_and_compared() {
        let asked = std::sync::Mutex::new(Vec::new());
        let cross = run(|i| {
            asked.lock().ok()?.push(i);
            match i {
                0 => Some(report("a.json", CONFLICTING_JSON)),
                1 => Some(report("b.xml", CONFLICTING_XML)),
                _ => None,
            }
        });
        assert_eq!(codes(&cross), ["X001", "X002"]);
        assert!(cross.left_out.is_empty());
        let mut asked = asked.into_inner().unwrap();
        asked.sort_unstable();
        assert_eq!(asked, [0, 1]);
        let entities: Vec<EntityOutcome<'_>> = cross.entities().collect();
        assert_eq!(entities.len(), 1);
        assert!(entities[0].zeroed_by_conflict);
        assert_eq!(entities[0].score, Some(0.0));
        assert_eq!(cross.overview.entities, 1);
    }

    #[test]
    fn a_file_that_vanished_or_changed_is_left_out_and_named() {
        let vanished = run(|i| match i {
            0 => Some(report("a.json", CONFLICTING_JSON)),
            _ => None,
        });
        assert_eq!(
            vanished.left_out,
            [LeftOut {
                path: "b.xml".to_owned(),
                reason: "it cannot be read a second time".to_owned()
            }]
        );
        // One file left: nothing to compare it with.
        assert!(vanished.findings.is_empty());

        let emptied = run(|i| match i {
            0 => Some(report("a.json", CONFLICTING_JSON)),
            _ => Some(report("b.xml", "")),
        });
        assert_eq!(emptied.left_out.len(), 1);
        assert_eq!(emptied.left_out[0].path, "b.xml");

        let other = CONFLICTING_JSON.replace("1234567893", "1234567901");
        let changed = run(|i| match i {
            0 => Some(report("a.json", &other)),
            _ => Some(report("b.xml", CONFLICTING_XML)),
        });
        assert_eq!(changed.left_out.len(), 1);
        assert!(changed.left_out[0].reason.contains("changed"));
        // The roll-up keeps what the run saw.
        assert_eq!(changed.entities().count(), 1);
    }

    /// In a practice, every clinician's file pairs with the group file
    /// (X004): that is most files, so they are compared from their
    /// summaries, never read again.
    #[test]
    fn an_individual_and_group_pair_is_not_read_again() {
        let individual = include_str!("../../fixtures/valid/individual-2025.json");
        let group = include_str!("../../fixtures/valid/group-2025.json")
            .replace("\"000123456\"", "\"000456789\"");
        let mut collector = Collector::new(None, crate::rules::crossfile::check_all);
        assert!(collector.add(&report("group.json", &group)));
        assert!(collector.add(&report("individual.json", individual)));
        let cross = collector.finish(|_| panic!("no file needs reading again"));
        assert_eq!(codes(&cross), ["X004"]);
        let x004 = &cross.findings[0];
        let site = x004.primary.site().unwrap();
        assert_eq!(&*site.path, "individual.json");
        assert_eq!((site.at.line, site.at.column), (7, 5));
        assert_eq!(x004.pointer(), "/measurementSets/0");
        assert_eq!(&*x004.related[0].site().unwrap().path, "group.json");
        // The same finding as when both files are read again.
        let mut again = Collector::new(None, crate::rules::crossfile::check_all);
        again.add_unrepeatable(&report("group.json", &group));
        again.add_unrepeatable(&report("individual.json", individual));
        assert_eq!(again.finish(|_| None).findings, cross.findings);
    }

    /// `pilint rollup` wants outcomes only: conflicts still zero the
    /// entity, but no finding is computed or kept.
    #[test]
    fn without_findings_the_outcomes_stay() {
        let mut collector =
            Collector::new(None, crate::rules::crossfile::check_all).without_findings();
        collector.add(&report("a.json", CONFLICTING_JSON));
        collector.add(&report("b.xml", CONFLICTING_XML));
        let cross = collector.finish(|i| match i {
            0 => Some(report("a.json", CONFLICTING_JSON)),
            _ => Some(report("b.xml", CONFLICTING_XML)),
        });
        assert!(cross.findings.is_empty());
        let entities: Vec<EntityOutcome<'_>> = cross.entities().collect();
        assert!(entities[0].zeroed_by_conflict);
        assert_eq!(entities[0].score, Some(0.0));
    }

    #[test]
    fn an_unrepeatable_input_keeps_its_details_at_once() {
        let mut collector = Collector::new(None, crate::rules::crossfile::check_all);
        assert!(collector.add_unrepeatable(&report("-", CONFLICTING_JSON)));
        assert!(collector.add(&report("b.xml", CONFLICTING_XML)));
        let cross = collector.finish(|i| (i == 1).then(|| report("b.xml", CONFLICTING_XML)));
        assert_eq!(codes(&cross), ["X001", "X002"]);
        assert!(cross.left_out.is_empty());
    }
}
