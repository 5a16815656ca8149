//! The `X` family: findings that exist only across files.
//!
//! Run once every file of a run was checked (`crate::crossfile` gathers the
//! facts of the entities submitted more than once and groups them,
//! `crate::entities`); each finding points at two files. One file cannot
//! show them, so their invalid examples are prose naming the fixture
//! directory and the test that covers them.
//!
//! One file per rule holds its [`RuleMeta`], its `check` and its message
//! builders; `RULES` registers them (`registry::tests` fails on a rule file
//! that is not registered) and [`check_all`] runs them.

use crate::diagnostic::Diagnostic;
use crate::entities::facts::FileFacts;
use crate::entities::group::{EntityGroup, Received};
use crate::rules::registry::RuleMeta;

const VALID: &str = crate::valid_2025!();

pub mod conflicting_values_across_submissions;
pub mod duplicate_submission;
pub mod individual_and_group_submissions;
pub mod order;
pub mod period_differs_across_submissions;
pub mod support;

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

/// Every cross-file finding of a run, sorted by path, position and code
/// ([`order::sort`]). Only submissions CMS would receive are compared: a
/// file it rejects for its structure, or a set it rejects before scoring,
/// has its own findings. `received` are the groups as CMS receives them
/// ([`EntityGroup::received`], none empty) of the entities submitted more
/// than once, over `files`; `paired` are the outcomes of the entities that
/// X004 may pair, whether submitted once or more ([`Received`]).
pub fn check_all(
    files: &[FileFacts],
    received: &[EntityGroup],
    paired: &[Received<'_>],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    duplicate_submission::check(files, received, &mut out);
    conflicting_values_across_submissions::check(files, received, &mut out);
    period_differs_across_submissions::check(files, received, &mut out);
    individual_and_group_submissions::check(paired, &mut out);
    // The rules ran one after the other; the order is the files'.
    order::sort(&mut out);
    // Held until the run ends: no room for growth kept.
    out.shrink_to_fit();
    out
}
