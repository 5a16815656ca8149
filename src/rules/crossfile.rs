//! The `X` family: findings that exist only across files.
//!
//! Raised by `src/crossfile/findings.rs` after every file of a run was
//! checked, from the files of the entities submitted more than once, which
//! are read again for their values and positions; each finding points at
//! two files. One file cannot show them, so their invalid examples are
//! prose naming the fixture directory and the test that covers them.

use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

const VALID: &str = crate::valid_2025!();

pub static DUPLICATE_SUBMISSION: RuleMeta = RuleMeta {
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

pub static CONFLICTING_VALUES: RuleMeta = RuleMeta {
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

pub static PERIOD_MISMATCH: RuleMeta = RuleMeta {
    code: "X003",
    name: "period-differs-across-submissions",
    severity: Severity::Warning,
    summary: "Submissions for the same entity and year cover different performance periods.",
    what: "Within each entity and performance year, reports a submission whose \
           `performanceStart`/`performanceEnd` differ from the first submission in another \
           file, pointing at both start dates.",
    why: "PI data must come from one continuous performance period (2024 QPP PI \
          requirements: the same 180-day period for every measure). CMS scores each \
          submission on its own dates and keeps the highest (CMS scoring engine: \"Picked the highest scoring measurement \
          set\"), so two periods for one \
          entity mean the files were exported differently, and the score that counts may rest \
          on the period you did not intend.",
    note: "one entity's PI data come from one continuous performance period (2024 QPP PI requirements)",
    help: "export every submission of this entity over the same performance period",
    years: &[],
    family: crate::rules::Family::CrossFile,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "Group TIN 000111111's 2025 registry file covers the calendar year, its QRDA III file \
         March to December: see fixtures/crossfile/aco-2025/, covered by \
         tests/crossfile_cli.rs.",
    ),
    valid: Example::json(VALID),
};

pub static INDIVIDUAL_AND_GROUP: RuleMeta = RuleMeta {
    code: "X004",
    name: "individual-and-group-submissions",
    severity: Severity::Info,
    summary: "An individual's TIN also has a group submission for the same year.",
    what: "Reports each individual submission whose TIN has a group submission for the same \
           performance year in another file, pointing at both, with both predicted scores and \
           the one that counts.",
    why: "When CMS has both individual and group data for a clinician, it scores both and the \
          clinician gets the higher (2023 MIPS PI Quick Start Guide, Step 5); \
          in an APM entity's PI roll-up each TIN/NPI contributes the higher of the two \
          (CMS, MIPS PI Performance Category CEHRT FAQs for the Shared Savings Program, \
          2024, A4). Either submission alone may then \
          not be the one that decides the clinician's score.",
    note: "the clinician gets the higher of the individual and the group score (2023 MIPS PI Quick Start Guide, Step 5)",
    help: "check that both submissions are intended; `pilint rollup` shows which score counts",
    years: &[],
    family: crate::rules::Family::CrossFile,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "NPI 1234567893 submits individually under TIN 000111111, which also submits as a \
         group: see fixtures/crossfile/aco-2025/, covered by tests/crossfile_cli.rs.",
    ),
    valid: Example::json(VALID),
};

pub static RULES: &[&RuleMeta] = &[
    &DUPLICATE_SUBMISSION,
    &CONFLICTING_VALUES,
    &PERIOD_MISMATCH,
    &INDIVIDUAL_AND_GROUP,
];
