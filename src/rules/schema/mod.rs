//! The `S` family: structure, as described by the shipped JSON Schema
//! (`schemas/pi-submission.schema.json`, draft 2020-12).
//!
//! The QPP JSON front end (`src/json/schema.rs`) validates the document
//! and hands each schema error, at its place in the file ([`SchemaError`]),
//! to [`check`], which tries each rule's check in turn: the rule whose
//! error it is builds the finding. One file per rule holds its
//! [`RuleMeta`] (the docs `pilint rule` prints, the examples), its check,
//! its message builders and its tests.
//! `RULES` registers them (`registry::tests` fails on a rule file that is
//! not registered).

use crate::diagnostic::Diagnostic;
use crate::rules::registry::RuleMeta;

const SOURCE: &str = "Field tables of the QPP Submissions API \
                      (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts: \
                      submissionsFields, measurementSetsFields, measurementsFields).";

macro_rules! valid_group {
    () => {
        crate::valid_2025!()
    };
}

/// The standard 2025 example with the identity lines replaced.
macro_rules! with_identity {
    ($identity:expr) => {
        crate::pi_submission!(
            identity: $identity,
            year: "2025",
            set: crate::pi_set_2025!(),
            measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
        )
    };
}

pub mod empty_array;
pub mod malformed_value;
pub mod missing_property;
pub mod not_a_submission;
mod schema_error;
pub mod submission_in_envelope;
pub mod unknown_property;
pub mod value_not_allowed;
pub mod value_out_of_range;
pub mod wrong_type;

pub use empty_array::META as EMPTY_ARRAY;
pub use malformed_value::META as MALFORMED_VALUE;
pub use missing_property::META as MISSING_PROPERTY;
pub use not_a_submission::META as NOT_A_SUBMISSION;
pub use submission_in_envelope::META as SUBMISSION_IN_ENVELOPE;
pub use unknown_property::META as UNKNOWN_PROPERTY;
pub use value_not_allowed::META as VALUE_NOT_ALLOWED;
pub use value_out_of_range::META as VALUE_OUT_OF_RANGE;
pub use wrong_type::META as WRONG_TYPE;

pub use schema_error::SchemaError;

/// Every rule of the family, in code order.
pub static RULES: &[&RuleMeta] = &[
    &MISSING_PROPERTY,
    &UNKNOWN_PROPERTY,
    &WRONG_TYPE,
    &VALUE_NOT_ALLOWED,
    &MALFORMED_VALUE,
    &VALUE_OUT_OF_RANGE,
    &EMPTY_ARRAY,
    &NOT_A_SUBMISSION,
    &SUBMISSION_IN_ENVELOPE,
];

/// The findings for one schema error. An error about a value none of
/// whose alternatives (`oneOf`, `anyOf`) it matches is reported as the
/// errors of the alternative whose type it has, when one has.
pub fn check(error: &SchemaError, out: &mut Vec<Diagnostic>) {
    if let Some(branch) = error.same_type_branch() {
        for inner in branch {
            check(&error.within(inner), out);
        }
        return;
    }
    if let Some(findings) = unknown_property::check(error) {
        out.extend(findings);
        return;
    }
    let finding = missing_property::check(error)
        .or_else(|| not_a_submission::check(error))
        .or_else(|| wrong_type::check(error))
        .or_else(|| value_not_allowed::check(error))
        .or_else(|| malformed_value::check(error))
        .or_else(|| value_out_of_range::check(error))
        .or_else(|| empty_array::check(error))
        .or_else(|| malformed_value::check_unsupported(error));
    out.extend(finding);
}
