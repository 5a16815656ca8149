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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_syntax::span_index::SpanIndex;

    /// Each schema error the shipped schema gives is claimed by exactly one
    /// rule's check (or, for a value whose alternative has its type, by
    /// that alternative's errors).
    #[test]
    fn every_schema_error_is_one_rules() {
        let mut schema: serde_json::Value =
            serde_json::from_str(crate::json::schema::SUBMISSION_SCHEMA).unwrap();
        schema["$ref"] = serde_json::Value::String("#/$defs/submission".to_owned());
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let text = r#"{"entityType": "Group", "performanceYear": 1990, "extra": 1,
            "taxpayerIdentificationNumber": 12, "nationalProviderIdentifier": "1",
            "entityId": "", "measurementSets": [{"category": 7, "submissionMethod": "registry",
            "performanceStart": "2025-13-01", "programName": "", "measurements": [
            {"measureId": "PI_EP_1", "value": {"numerator": -1, "denominator": 2}},
            {"measureId": "PI_EP_2", "value": "yes"}]}]}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let index = SpanIndex::build(text);
        let single: [fn(&SchemaError) -> Option<Diagnostic>; 8] = [
            missing_property::check,
            not_a_submission::check,
            wrong_type::check,
            value_not_allowed::check,
            malformed_value::check,
            value_out_of_range::check,
            empty_array::check,
            malformed_value::check_unsupported,
        ];
        let mut errors = 0;
        for error in validator.iter_errors(&value) {
            errors += 1;
            let error = SchemaError::new(&error, "", &index);
            let claims = single
                .iter()
                .filter(|check| check(&error).is_some())
                .count()
                + usize::from(unknown_property::check(&error).is_some())
                + usize::from(error.same_type_branch().is_some());
            assert_eq!(claims, 1, "{:?} at {}", error.kind(), error.pointer);
        }
        assert!(errors > 8, "only {errors} errors");
    }
}
