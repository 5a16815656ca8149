//! The end of a run: the files of the entities seen more than once are
//! checked again, to get the measure values and the positions that the
//! cross-file findings compare and point at.
//!
//! Only a group with more than one submission can hold a duplicate, a
//! conflict or two periods. Those files are the rare exception in a run,
//! so checking them again costs little, and what the run keeps per file
//! stays a fixed [`super::summary::FileSummary`] instead of every measure's
//! value and position. X004 also pairs a clinician's file with the group
//! file under its TIN, which in a practice is the rule, not the exception:
//! for a file alone for its entity, X004 needs only its score and the head
//! of its one PI set, which the summary holds.
//!
//! A file can change or vanish between the two reads. It is then left out
//! of the comparison and named ([`LeftOut`]), never guessed at.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::lint::FileReport;

use crate::diagnostic::Site;

use super::entity::EntityKey;
use super::facts::{self, FileFacts, Interner};
use super::group::{EntityGroup, Received};
use super::summary::{FileSummary, GroupTally};

/// A file the cross-file checks could not compare, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub path: String,
    pub reason: String,
}

/// What the comparison needs of a group's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Nothing,
    /// Their details, read again: more than one submission.
    Details,
}

/// Whether X004 may pair each group: an individual whose TIN also has a
/// group submission that year, and that group.
pub fn pairable(groups: &[(EntityKey, i64, GroupTally)]) -> Vec<bool> {
    let mut pairable = vec![false; groups.len()];
    let by_tin: HashMap<(&str, i64), usize> = groups
        .iter()
        .enumerate()
        .filter_map(|(i, (key, year, _))| match key {
            EntityKey::Group { tin } => Some(((&**tin, *year), i)),
            _ => None,
        })
        .collect();
    for (i, (key, year, _)) in groups.iter().enumerate() {
        if let EntityKey::Individual { tin, .. } = key
            && let Some(&group) = by_tin.get(&(&**tin, *year))
        {
            pairable[i] = true;
            pairable[group] = true;
        }
    }
    pairable
}

/// What each group needs: details for more than one submission. A
/// group submitted once that X004 pairs needs only its summary
/// ([`paired`]).
pub fn groups_to_compare(groups: &[(EntityKey, i64, GroupTally)]) -> Vec<Need> {
    groups
        .iter()
        .map(|(_, _, t)| {
            if t.members > 1 {
                Need::Details
            } else {
                Need::Nothing
            }
        })
        .collect()
}

/// What CMS makes of each group X004 may pair, in order of first
/// submission: from the summary of an entity submitted once (its file is
/// not read again), from the details and the received group ([`EntityGroup`]
/// in `compared`) of one submitted more than once. A group none of whose
/// submissions CMS would receive has none.
pub fn paired<'a>(
    files: &[FileSummary],
    groups: &'a [(EntityKey, i64, GroupTally)],
    pairable: &[bool],
    details: &[FileFacts],
    compared: &[EntityGroup],
) -> Vec<Received<'a>> {
    let compared: HashMap<(&EntityKey, i64), &EntityGroup> = compared
        .iter()
        .map(|group| ((&group.key, group.year), group))
        .collect();
    let outcome = |(key, year, tally): &'a (EntityKey, i64, GroupTally)| -> Option<Received<'a>> {
        if tally.members > 1 {
            let group = compared.get(&(key, *year))?;
            let score = group.score(details);
            let kept = score.kept?;
            let file = &details[kept.file];
            return Some(Received {
                key,
                year: *year,
                kept: Site {
                    path: Arc::clone(&file.path),
                    at: kept.set(details).head.clone(),
                    format: file.format,
                },
                value: score.value,
            });
        }
        // Alone for its entity: CMS receives it when it accepts and
        // scores it, and keeps it; its one set's head is in the summary.
        let file = files.get(tally.first as usize)?;
        let score = file.best.filter(|_| file.accepted)?;
        Some(Received {
            key,
            year: *year,
            kept: Site {
                path: Arc::clone(&file.path),
                at: file.head.clone(),
                format: file.format,
            },
            value: Some(score),
        })
    };
    let chosen = || {
        groups
            .iter()
            .zip(pairable)
            .filter(|(_, pairable)| **pairable)
            .filter_map(|(group, _)| outcome(group))
    };
    // Exact-size: in a practice most clinicians pair with the group file.
    let mut out = Vec::with_capacity(chosen().count());
    out.extend(chosen());
    out
}

/// The details of the files of the wanted groups, in run order, and the
/// files that could not be used. `kept` holds details taken on the first
/// read of inputs that cannot be read twice (standard input), by ordinal;
/// `recheck` checks the input of an ordinal again, the same way as the
/// first time (options, settings, size limit).
pub fn details(
    files: &[FileSummary],
    groups: &[(EntityKey, i64, GroupTally)],
    wanted: &[Need],
    mut kept: HashMap<u32, FileFacts>,
    year_override: Option<i64>,
    recheck: &(impl Fn(usize) -> Option<FileReport> + Sync),
) -> (Vec<FileFacts>, Vec<LeftOut>) {
    let need = |f: &FileSummary| wanted.get(f.group as usize).copied();
    let chosen: Vec<(&FileSummary, Option<FileFacts>)> = files
        .iter()
        .filter(|f| need(f) == Some(Need::Details))
        .map(|f| (f, kept.remove(&f.ordinal)))
        .collect();
    // Most runs re-check nothing; only start the thread pool when there
    // is something to do (a one-file run would spend half its time on it).
    let work = |(summary, kept): (&FileSummary, Option<FileFacts>)| {
        let (key, year, _) = &groups[summary.group as usize];
        let facts = match kept {
            Some(facts) => facts,
            None => again(summary, year_override, recheck)?,
        };
        if same(summary, key, *year, &facts) {
            Ok(facts)
        } else {
            Err(left_out(
                summary,
                "it changed while the run went on (entity, year, sets or score differ)",
            ))
        }
    };
    let outcomes: Vec<Result<FileFacts, LeftOut>> = if chosen.is_empty() {
        Vec::new()
    } else {
        chosen.into_par_iter().map(work).collect()
    };
    // Exact-size: with X004's pairs, tens of thousands of files at 100k.
    let found = outcomes.iter().filter(|o| o.is_ok()).count();
    let mut details = Vec::with_capacity(found);
    let mut left = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(facts) => details.push(facts),
            Err(out) => left.push(out),
        }
    }
    (details, left)
}

fn again(
    summary: &FileSummary,
    year_override: Option<i64>,
    recheck: &(impl Fn(usize) -> Option<FileReport> + Sync),
) -> Result<FileFacts, LeftOut> {
    let Some(report) = recheck(summary.ordinal as usize) else {
        return Err(left_out(summary, "it cannot be read a second time"));
    };
    match facts::extract(&report, year_override, &mut Interner::default()) {
        Some(facts) => Ok(facts),
        // Unreadable, too large or no longer a PI submission: say what the
        // second check found.
        None => Err(left_out(
            summary,
            &report
                .diagnostics
                .iter()
                .find(|d| d.family == crate::rule::Family::File)
                .map_or_else(
                    || "it no longer holds a PI submission with an entity and a year".to_owned(),
                    |d| d.message.clone(),
                ),
        )),
    }
}

/// The second read says what the first said about everything the run
/// already used.
fn same(summary: &FileSummary, key: &EntityKey, year: i64, facts: &FileFacts) -> bool {
    facts.entity == *key
        && facts.year == year
        && facts.accepted == summary.accepted
        && facts.sets.len() == summary.sets as usize
        && facts.score() == summary.best
        && *facts.path == *summary.path
}

fn left_out(summary: &FileSummary, reason: &str) -> LeftOut {
    LeftOut {
        path: summary.path.to_string(),
        reason: reason.to_owned(),
    }
}

/// The indices of the groups in `wanted`, by key: to mark the conflicts
/// found among the details on the run's groups.
pub fn index_of<'a>(
    groups: &'a [(EntityKey, i64, GroupTally)],
    wanted: &[Need],
) -> HashMap<(&'a EntityKey, i64), usize> {
    groups
        .iter()
        .enumerate()
        .filter(|(i, _)| wanted.get(*i) == Some(&Need::Details))
        .map(|(i, (key, year, _))| ((key, *year), i))
        .collect()
}

/// Distinct entities, whatever the year.
pub fn entity_count(groups: &[(EntityKey, i64, GroupTally)]) -> usize {
    groups
        .iter()
        .map(|(key, _, _)| key)
        .collect::<HashSet<_>>()
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(tin: &str, npi: Option<&str>, members: u32) -> (EntityKey, i64, GroupTally) {
        let key = match npi {
            Some(npi) => EntityKey::Individual {
                tin: tin.into(),
                npi: npi.into(),
            },
            None => EntityKey::Group { tin: tin.into() },
        };
        let tally = GroupTally {
            members,
            ..GroupTally::default()
        };
        (key, 2025, tally)
    }

    #[test]
    fn only_repeated_entities_and_individual_group_pairs_are_compared() {
        let groups = [
            group("000111111", Some("1234567893"), 1),
            group("000111111", None, 1),
            group("000222222", Some("1234567893"), 1),
            group("000333333", None, 2),
            group("000444444", Some("1234567893"), 1),
        ];
        use Need::*;
        assert_eq!(pairable(&groups), [true, true, false, false, false]);
        assert_eq!(
            groups_to_compare(&groups),
            [Nothing, Nothing, Nothing, Details, Nothing]
        );
        assert_eq!(entity_count(&groups), 5);
    }
}
