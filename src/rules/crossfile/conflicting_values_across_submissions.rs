//! `X002 conflicting-values-across-submissions`: Submissions of different types give one measure
//! different values for the same entity.

use std::borrow::Cow;

use super::VALID;
use super::support::{entity_finding, site_of};
use crate::catalog;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::entities::facts::FileFacts;
use crate::entities::group::{EntityGroup, SubmissionRef};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "X002",
    name: "conflicting-values-across-submissions",
    severity: Severity::Error,
    summary: "Submissions of different types give one measure different values for the same entity.",
    what: "Within each entity and performance year, compares every measure (attestations \
           included) between submissions of different types (`submissionMethod`; QRDA III \
           files are `electronicHealthRecord`), and reports each measure of a later submission \
           whose value differs from an earlier submission of another type, pointing at both \
           values. Applies to the years where conflicting values zero the category (2023, \
           `conflictingValuesScoreZero` in the year's data).",
    why: "2023 MIPS PI Quick Start Guide, Step 5: when CMS receives conflicting data for a \
          single measure or required attestation through multiple submission types, the \
          clinician or group scores 0 for the PI category. From 2025 CMS \
          scores each submission and keeps the highest (2025 PI Guide; NAACOS 2026). For 2024 \
          pilint follows the 2025 PI Guide, which says the highest is kept beginning with \
          2024, and labels that as an assumption on `duplicate-submission` (X001).",
    note: "conflicting PI data sent through different submission types scores the category 0 \
           (2023 PI Quick Start Guide, Step 5)",
    help: "send the same values through every submission type, or withdraw all but one submission",
    years: &[2023],
    family: crate::rules::Family::CrossFile,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::prose(
        "An individual's 2023 registry JSON file and QRDA III file with different `PI_EP_1` \
         values: see fixtures/crossfile/conflicting-2023/ (conflicting-2024/ shows 2024, where \
         the highest is kept), covered by tests/crossfile_cli.rs.",
    ),
    valid: Example::json(VALID),
};

/// The findings of this rule in a run: `groups` are the entities' groups
/// as CMS receives them ([`EntityGroup::received`]), over `files`.
pub fn check(files: &[FileFacts], groups: &[EntityGroup], out: &mut Vec<Diagnostic>) {
    for group in groups {
        let Some(catalog) = catalog::year(group.year) else {
            continue;
        };
        if !catalog.conflicting_values_score_zero {
            continue;
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
            let message = message(
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
                &META,
                &group.key,
                group.year,
                site_of(files, conflict.later.file, &later.at),
                message,
            )
            .with_related_site(
                site_of(files, conflict.earlier.file, &earlier.at),
                earlier_label(&conflict.measure, &earlier.value.display()),
            );
            if unconfirmed {
                // The zero rests on an assumption: the score is at risk.
                finding.severity = Severity::Warning;
                finding.consequence = crate::rules::Consequence::Points;
                finding.note = Cow::Owned(format!(
                    "{} ({})",
                    META.note, catalog.conflicting_values_source
                ));
            }
            out.push(finding);
        }
    }
}

/// The message: "PI_PPHI_1 is no here (registry) but yes in PATH
/// (electronicHealthRecord), for group TIN 000111111 in 2023; CMS scores
/// the PI category 0". `sure` unless the zero rests on an assumption.
#[allow(clippy::too_many_arguments)]
pub fn message(
    measure: &str,
    here: &str,
    method_here: &str,
    there: &str,
    path_there: &str,
    method_there: &str,
    entity: Message,
    year: i64,
    sure: bool,
) -> Message {
    let consequence = if sure {
        "CMS scores the PI category 0"
    } else {
        "CMS may score the PI category 0"
    };
    Message::new()
        .plain(ArgumentKind::Measure, measure)
        .text(" is ")
        .plain(ArgumentKind::Value, here)
        .text(&format!(" here ({method_here}) but "))
        .plain(ArgumentKind::Value, there)
        .text(&format!(" in {path_there} ({method_there}), for "))
        .then(entity)
        .text(" in ")
        .plain(ArgumentKind::Year, year)
        .text(&format!("; {consequence}"))
}

/// The related label at the earlier answer.
pub fn earlier_label(measure: &str, answer: &str) -> String {
    format!("{measure} answered {answer} here")
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::crossfile_messages;

    #[test]
    fn the_fixture_named_by_the_invalid_example_gives_it() {
        assert!(
            META.invalid
                .text
                .contains("fixtures/crossfile/conflicting-2023/")
        );
        assert!(!crossfile_messages(&META, "crossfile/conflicting-2023").is_empty());
        // 2024 keeps the highest instead: no conflict finding.
        assert!(crossfile_messages(&META, "crossfile/conflicting-2024").is_empty());
    }
}
