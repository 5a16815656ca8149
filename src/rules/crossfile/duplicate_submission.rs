//! `X001 duplicate-submission`: The same entity and performance year is submitted in more than one
//! file.

use super::VALID;
use crate::diagnostic::Severity;
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
