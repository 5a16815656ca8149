//! `X001 duplicate-submission`: The same entity and performance year is submitted in more than one
//! file.

use std::borrow::Cow;

use super::VALID;
use super::support::{describe, entity_finding, head};
use crate::catalog;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::entities::facts::FileFacts;
use crate::entities::group::EntityGroup;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "X001",
    name: "duplicate-submission",
    severity: Severity::Info,
    summary: "The same entity and performance year is submitted in more than one file.",
    what: "Groups the PI measurement sets of every file in the run by entity (TIN and NPI for \
           an individual, TIN for a group, `entityId` for a virtual group, APM entity or \
           subgroup) and performance year. When a group holds sets from more than one file, \
           reports each set other than the one CMS would keep, pointing at it and at the kept \
           one: the kept one is the highest predicted score (the first in run order among \
           equals). Only submissions CMS would receive take part, in this rule and the other \
           `X` rules: a file with a structural error (`F`, `S`, `Q`) or a set rejected before \
           scoring has its own findings instead.",
    why: "When CMS receives several PI submissions for the same clinician or group, it scores \
          each and keeps the highest (the scoring engine's \"Picked the highest scoring \
          measurement set\", \
          CMSgov/qpp-submissions-docs/src/app/components/references/json/scoring-example-output-aci.json; \
          for individual and group data, 2023 MIPS PI Quick Start Guide, Step 5). Knowing which one counts tells you which file to fix. A \
          second submission by the same method replaces the first at the Submissions API, so \
          the last one sent may be the one that counts.",
    note: "CMS scores each PI submission of an entity and keeps the highest (CMS scoring engine: \"Picked the highest scoring measurement set\")",
    help: "make sure the submission CMS keeps is the one you mean; withdraw or correct the others",
    years: &[],
    family: crate::rules::Family::CrossFile,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "Two files for group TIN 000111111 in 2025, a registry JSON file and a QRDA III file: \
         see fixtures/crossfile/aco-2025/, covered by tests/crossfile_cli.rs.",
    ),
    valid: Example::json(VALID),
};

/// The findings of this rule in a run: `groups` are the entities' groups
/// as CMS receives them ([`EntityGroup::received`]), over `files`.
pub fn check(files: &[FileFacts], groups: &[EntityGroup], out: &mut Vec<Diagnostic>) {
    for group in groups {
        if !group.spans_files() {
            continue;
        }
        let score = group.score(files);
        // With nothing scorable, the first submission stands in as the
        // reference the others are compared with.
        let Some(kept) = score.kept.or(group.members.first().copied()) else {
            continue;
        };
        let count = group.members.len();
        for &member in &group.members {
            if member == kept {
                continue;
            }
            let verdict = if score.kept.is_some() {
                keeps(&files[kept.file].path, &describe(files, kept))
            } else {
                NONE_SCORED.to_owned()
            };
            // Where keeping the highest rests on an assumption (2024), say so.
            let assumed_source = catalog::year(group.year)
                .map(|c| c.conflicting_values_source.as_str())
                .filter(|source| source.starts_with("ASSUMPTION") && !score.zeroed_by_conflict);
            let verdict = match assumed_source {
                Some(_) if score.kept.is_some() => assumed(&verdict, group.year),
                _ => verdict,
            };
            let conflict = match (score.zeroed_by_conflict, &score.assumption) {
                (false, _) => "",
                (true, assumption) => zeroed_by_conflict(assumption.is_none()),
            };
            let message = message(
                group.key.message(),
                count,
                group.year,
                &describe(files, member),
                &format!("{verdict}{conflict}"),
            );
            let mut finding =
                entity_finding(&META, &group.key, group.year, head(files, member), message)
                    .with_related_site(head(files, kept), kept_label(score.kept.is_some()));
            if let Some(source) = assumed_source {
                finding.note = Cow::Owned(format!("{} ({source})", META.note));
            }
            out.push(finding);
        }
    }
}

/// The message: "group TIN 000111111 is submitted 2 times for 2025 (this
/// one: registry, predicted 80/100); CMS keeps the highest: …".
pub fn message(entity: Message, count: usize, year: i64, this_one: &str, verdict: &str) -> Message {
    entity
        .text(" is submitted ")
        .plain(ArgumentKind::Count, count)
        .text(" times for ")
        .plain(ArgumentKind::Year, year)
        .text(&format!(" (this one: {this_one}); {verdict}"))
}

/// The verdict when CMS keeps one: "CMS keeps the highest: PATH (…)".
pub fn keeps(path: &str, described: &str) -> String {
    format!("CMS keeps the highest: {path} ({described})")
}

/// The verdict when none can be scored.
pub const NONE_SCORED: &str = "none of them can be scored";

/// After the verdict, when keeping the highest rests on an assumption.
pub fn assumed(verdict: &str, year: i64) -> String {
    format!("{verdict} (an assumption for {year}: see the note)")
}

/// After the verdict, when conflicting values zero the category (X002):
/// `sure` unless that rests on an assumption.
pub fn zeroed_by_conflict(sure: bool) -> &'static str {
    if sure {
        ", but conflicting values score the category 0 (X002)"
    } else {
        ", but conflicting values may score the category 0 (X002)"
    }
}

/// The related label at the kept (or first) submission.
pub fn kept_label(kept: bool) -> &'static str {
    if kept {
        "the submission CMS keeps"
    } else {
        "first submitted here"
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::crossfile_messages;

    #[test]
    fn the_fixture_named_by_the_invalid_example_gives_it() {
        assert!(META.invalid.text.contains("fixtures/crossfile/aco-2025/"));
        assert!(!crossfile_messages(&META, "crossfile/aco-2025").is_empty());
    }
}
