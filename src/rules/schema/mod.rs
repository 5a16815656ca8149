//! The `S` family: structure, as described by the shipped JSON Schema
//! (`schemas/pi-submission.schema.json`, draft 2020-12).
//!
//! `src/json/schema.rs` turns each schema error into one of these findings.
//! One file per rule holds its [`RuleMeta`] (the docs `pilint rule` prints,
//! the examples), the message builder the front end calls, and its tests.
//! `RULES` registers them (`registry::tests` fails on a rule file that is
//! not registered).

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
