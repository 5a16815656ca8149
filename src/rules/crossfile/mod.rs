//! The `X` family: findings that exist only across files.
//!
//! Raised by `src/crossfile/findings.rs` after every file of a run was
//! checked, from the files of the entities submitted more than once, which
//! are read again for their values and positions; each finding points at
//! two files. One file cannot show them, so their invalid examples are
//! prose naming the fixture directory and the test that covers them.
//!
//! One file per rule holds its [`RuleMeta`]; `RULES` registers them
//! (`registry::tests` fails on a rule file that is not registered).

use crate::rules::registry::RuleMeta;

const VALID: &str = crate::valid_2025!();

pub mod conflicting_values_across_submissions;
pub mod duplicate_submission;
pub mod individual_and_group_submissions;
pub mod period_differs_across_submissions;

pub use conflicting_values_across_submissions::META as CONFLICTING_VALUES;
pub use duplicate_submission::META as DUPLICATE_SUBMISSION;
pub use individual_and_group_submissions::META as INDIVIDUAL_AND_GROUP;
pub use period_differs_across_submissions::META as PERIOD_MISMATCH;

/// Every rule of the family, in code order.
pub static RULES: &[&RuleMeta] = &[
    &DUPLICATE_SUBMISSION,
    &CONFLICTING_VALUES,
    &PERIOD_MISMATCH,
    &INDIVIDUAL_AND_GROUP,
];
