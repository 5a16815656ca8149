//! The cross-file findings (rule family `X`, `src/rules/crossfile/`):
//! computed from the grouped facts once every file of a run was checked.

use std::borrow::Cow;

use crate::catalog;
use crate::diagnostic::{Diagnostic, Message, Severity, Site, Subject};
use crate::rules::crossfile::{
    CONFLICTING_VALUES, DUPLICATE_SUBMISSION, INDIVIDUAL_AND_GROUP, PERIOD_MISMATCH,
    conflicting_values_across_submissions, duplicate_submission, individual_and_group_submissions,
    period_differs_across_submissions,
};
use crate::rules::registry::RuleMeta;
use crate::score::points::number;

use super::entity::EntityKey;
use super::facts::{FileFacts, Position};
use super::group::{EntityGroup, SubmissionRef};

/// The place `at` in the run's file number `file`.
fn site_of(files: &[FileFacts], file: usize, at: &Position) -> Site {
    Site {
        path: files[file].path.clone(),
        at: at.clone(),
        format: files[file].format,
    }
}

/// A finding of `rule` about `group`'s entity and year, at `site`. The
/// message names the entity with [`EntityKey::message`], so its TIN and
/// NPI are arguments: masking replaces them wherever the texts quote them.
fn entity_finding(
    rule: &RuleMeta,
    group: &EntityGroup,
    site: Site,
    message: Message,
) -> Diagnostic {
    let subject = Subject {
        entity: group.key.to_string(),
        year: group.year,
    };
    Diagnostic::across_files(rule, subject, site, message)
}

/// Every cross-file finding of a run, sorted by path, position and code.
/// Only submissions CMS would receive are compared: a file it rejects for
/// its structure, or a set it rejects before scoring, has its own findings.
pub fn compute(files: &[FileFacts], groups: &[EntityGroup]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let received: Vec<EntityGroup> = groups
        .iter()
        .map(|g| g.received(files))
        .filter(|g| !g.members.is_empty())
        .collect();
    for group in &received {
        duplicates(files, group, &mut out);
        conflicts(files, group, &mut out);
        periods(files, group, &mut out);
    }
    individual_and_group(files, &received, &mut out);
    sort(&mut out);
    // Held until the run ends: no room for growth kept.
    out.shrink_to_fit();
    out
}

/// Sorts by path, position, code and message, stably. The order is found
/// on indices and then applied in place: a stable sort of the findings
/// themselves would take a scratch copy of half of them (megabytes when a
/// run has tens of thousands).
fn sort(findings: &mut [Diagnostic]) {
    fn key(f: &Diagnostic) -> (&str, u32, u32, &str, &str) {
        let site = f.primary.site();
        (
            site.map_or("", |s| &s.path),
            site.map_or(0, |s| s.at.line),
            site.map_or(0, |s| s.at.column),
            f.code,
            &f.message,
        )
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| key(&findings[a]).cmp(&key(&findings[b])));
    // `order[i]` is the finding that belongs at `i`. Each cycle of the
    // permutation is walked once, marking done places with `usize::MAX`.
    for start in 0..order.len() {
        if order[start] == usize::MAX {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = usize::MAX;
            if from == start {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
}

fn head(files: &[FileFacts], r: SubmissionRef) -> Site {
    site_of(files, r.file, &r.set(files).head)
}

/// "registry, predicted 80/100".
fn describe(files: &[FileFacts], r: SubmissionRef) -> String {
    let set = r.set(files);
    let method = set
        .submission_method
        .as_deref()
        .unwrap_or("no submissionMethod");
    let score = match set.score {
        Some(score) => format!("predicted {}/100", number(score)),
        None => "no predicted score".to_owned(),
    };
    format!("{method}, {score}")
}

fn duplicates(files: &[FileFacts], group: &EntityGroup, out: &mut Vec<Diagnostic>) {
    if !group.spans_files() {
        return;
    }
    let score = group.score(files);
    // With nothing scorable, the first submission stands in as the
    // reference the others are compared with.
    let Some(kept) = score.kept.or(group.members.first().copied()) else {
        return;
    };
    let count = group.members.len();
    for &member in &group.members {
        if member == kept {
            continue;
        }
        let verdict = if score.kept.is_some() {
            duplicate_submission::keeps(&files[kept.file].path, &describe(files, kept))
        } else {
            duplicate_submission::NONE_SCORED.to_owned()
        };
        // Where keeping the highest rests on an assumption (2024), say so.
        let assumed = catalog::year(group.year)
            .map(|c| c.conflicting_values_source.as_str())
            .filter(|source| source.starts_with("ASSUMPTION") && !score.zeroed_by_conflict);
        let verdict = match assumed {
            Some(_) if score.kept.is_some() => duplicate_submission::assumed(&verdict, group.year),
            _ => verdict,
        };
        let conflict = match (score.zeroed_by_conflict, &score.assumption) {
            (false, _) => "",
            (true, assumption) => duplicate_submission::zeroed_by_conflict(assumption.is_none()),
        };
        let message = duplicate_submission::message(
            group.key.message(),
            count,
            group.year,
            &describe(files, member),
            &format!("{verdict}{conflict}"),
        );
        let mut finding =
            entity_finding(&DUPLICATE_SUBMISSION, group, head(files, member), message)
                .with_related_site(
                    head(files, kept),
                    duplicate_submission::kept_label(score.kept.is_some()),
                );
        if let Some(source) = assumed {
            finding.note = Cow::Owned(format!("{} ({source})", DUPLICATE_SUBMISSION.note));
        }
        out.push(finding);
    }
}

fn conflicts(files: &[FileFacts], group: &EntityGroup, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = catalog::year(group.year) else {
        return;
    };
    if !catalog.conflicting_values_score_zero {
        return;
    }
    let unconfirmed = catalog.conflicting_values_source.starts_with("UNCONFIRMED");
    for conflict in group.conflicts(files) {
        let (Some(later), Some(earlier)) = (
            conflict.later.set(files).measure(&conflict.measure),
            conflict.earlier.set(files).measure(&conflict.measure),
        ) else {
            continue;
        };
        let method = |r: SubmissionRef| {
            r.set(files)
                .submission_method
                .as_deref()
                .unwrap_or("")
                .to_owned()
        };
        let message = conflicting_values_across_submissions::message(
            &conflict.measure,
            &later.value.display(),
            &method(conflict.later),
            &earlier.value.display(),
            &files[conflict.earlier.file].path,
            &method(conflict.earlier),
            group.key.message(),
            group.year,
            !unconfirmed,
        );
        let mut finding = entity_finding(
            &CONFLICTING_VALUES,
            group,
            site_of(files, conflict.later.file, &later.at),
            message,
        )
        .with_related_site(
            site_of(files, conflict.earlier.file, &earlier.at),
            conflicting_values_across_submissions::earlier_label(
                &conflict.measure,
                &earlier.value.display(),
            ),
        );
        if unconfirmed {
            // The zero rests on an assumption: the score is at risk.
            finding.severity = Severity::Warning;
            finding.consequence = crate::rules::Consequence::Points;
            finding.note = Cow::Owned(format!(
                "{} ({})",
                CONFLICTING_VALUES.note, catalog.conflicting_values_source
            ));
        }
        out.push(finding);
    }
}

fn periods(files: &[FileFacts], group: &EntityGroup, out: &mut Vec<Diagnostic>) {
    let Some(first) = group.members.iter().find(|m| m.set(files).period.is_some()) else {
        return;
    };
    let Some((start, end, first_at)) = &first.set(files).period else {
        return;
    };
    for member in &group.members {
        if member.file == first.file {
            continue;
        }
        let Some((other_start, other_end, at)) = &member.set(files).period else {
            continue;
        };
        if (other_start, other_end) == (start, end) {
            continue;
        }
        let message = period_differs_across_submissions::message(
            (other_start, other_end),
            (start, end),
            &files[first.file].path,
            group.key.message(),
            group.year,
        );
        out.push(
            entity_finding(
                &PERIOD_MISMATCH,
                group,
                site_of(files, member.file, at),
                message,
            )
            .with_related_site(
                site_of(files, first.file, first_at),
                period_differs_across_submissions::first_label(start),
            ),
        );
    }
}

fn individual_and_group(files: &[FileFacts], groups: &[EntityGroup], out: &mut Vec<Diagnostic>) {
    use std::collections::HashMap;
    let by_tin: HashMap<(&str, i64), &EntityGroup> = groups
        .iter()
        .filter_map(|g| match &g.key {
            EntityKey::Group { tin } => Some(((&**tin, g.year), g)),
            _ => None,
        })
        .collect();
    for individual in groups {
        let EntityKey::Individual { tin, .. } = &individual.key else {
            continue;
        };
        let Some(group) = by_tin.get(&(&**tin, individual.year)) else {
            continue;
        };
        let (Some(&mine), Some(&theirs)) = (individual.members.first(), group.members.first())
        else {
            continue;
        };
        let own = individual.score(files);
        let shared = group.score(files);
        let theirs = shared.kept.unwrap_or(theirs);
        if theirs.file == mine.file {
            continue;
        }
        let message = individual_and_group_submissions::message(
            individual.key.message(),
            individual.year,
            &files[theirs.file].path,
            (own.value, shared.value),
            number,
        );
        out.push(
            entity_finding(
                &INDIVIDUAL_AND_GROUP,
                individual,
                head(files, own.kept.unwrap_or(mine)),
                message,
            )
            .with_related_site(
                head(files, theirs),
                individual_and_group_submissions::group_label(&group.key.to_string()),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(path: &str, line: u32, code: &'static str, message: &str, tag: &str) -> Diagnostic {
        let site = |path: &str| Site {
            path: path.into(),
            at: Position {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
                pointer: "/measurementSets/0".into(),
            },
            format: crate::model::SourceFormat::Json,
        };
        let subject = Subject {
            entity: String::new(),
            year: 2025,
        };
        let mut finding =
            Diagnostic::across_files(&DUPLICATE_SUBMISSION, subject, site(path), message)
                .with_related_site(site("other.json"), tag);
        finding.code = code;
        finding
    }

    #[test]
    fn the_in_place_sort_is_the_stable_sort() {
        // Equal keys (path, line, code, message) told apart by `related`,
        // in an order no sort would leave alone, with cycles of several
        // lengths.
        let mut findings = Vec::new();
        for i in 0..300u32 {
            let path = ["b.json", "a.json", "c.xml"][(i * 7 % 3) as usize];
            let code = ["X004", "X001"][(i % 2) as usize];
            let message = ["m2", "m1"][(i / 2 % 2) as usize];
            findings.push(finding(path, i * 13 % 5 + 1, code, message, &i.to_string()));
        }
        let mut expected = findings.clone();
        let at = |f: &Diagnostic| {
            let site = f.primary.site().unwrap();
            (site.path.clone(), site.at.line, site.at.column)
        };
        expected.sort_by(|a, b| {
            at(a)
                .cmp(&at(b))
                .then_with(|| a.code.cmp(b.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        sort(&mut findings);
        assert_eq!(findings, expected);
        assert_ne!(findings[0], findings[1], "the order is not trivial");
    }
}
