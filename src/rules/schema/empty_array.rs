//! `S007 empty-array`: A list that must hold at least one item is empty.

use super::SOURCE;
use jsonschema::error::ValidationErrorKind;

use super::schema_error::{SchemaError, field_message, field_name};
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S007",
    name: "empty-array",
    severity: Severity::Error,
    summary: "A list that must hold at least one item is empty.",
    what: "Reports an empty `measurementSets` array on a whole submission.",
    why: SOURCE,
    note: "a submission file without a measurement set submits nothing",
    help: "add the PI measurement set",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(
        r#"{
  "entityType": "group",
  "taxpayerIdentificationNumber": "000123456",
  "performanceYear": 2025,
  "measurementSets": []
}"#,
    ),
    valid: Example::json(valid_group!()),
};

/// The finding for a `minItems` error.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let ValidationErrorKind::MinItems { .. } = error.kind() else {
        return None;
    };
    Some(error.finding(
        &META,
        error.value_span(),
        error.pointer.clone(),
        message(&field_name(&error.pointer)),
    ))
}

/// The message at the empty array `field`.
pub fn message(field: &str) -> Message {
    field_message(field).text(" is empty; it needs at least one item")
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "[]");
    }
}
