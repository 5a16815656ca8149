//! `S004 value-not-allowed`: A value is not one of the values the Submissions API allows.

use super::SOURCE;
use std::fmt::Display;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::schema_error::{SchemaError, field_message, field_name};
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S004",
    name: "value-not-allowed",
    severity: Severity::Error,
    summary: "A value is not one of the values the Submissions API allows.",
    what: "Reports a value outside a documented list: `entityType` (`individual`, `group`, \
           `virtualGroup`, `apm`, `subgroup`), `category` (`pi`, `ia`, `quality`), \
           `submissionMethod`. Suggests the closest allowed value.",
    why: SOURCE,
    note: "the Submissions API accepts only the documented values (they are case-sensitive)",
    help: "use one of the allowed values",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(with_identity!(
        "  \"entityType\": \"Group\",\n  \"taxpayerIdentificationNumber\": \"000123456\",\n"
    )),

    valid: Example::json(valid_group!()),
};

/// The finding for an `enum` or `const` error: the value quoted, with
/// the closest allowed one.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let instance = error.instance();
    let field = field_name(&error.pointer);
    let message = match error.kind() {
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let suggestion = instance
                .as_str()
                .and_then(|s| crate::rules::semantic::support::closest(s, allowed.iter().copied()));
            message(error.shown(), &field, &allowed, suggestion)
        }
        ValidationErrorKind::Constant { expected_value } => {
            not_the_constant(&field, expected_value)
        }
        _ => return None,
    };
    Some(error.finding(&META, error.value_span(), error.pointer.clone(), message))
}

/// The message at a value (`shown`: quoted, or its type) of `field` that
/// is none of `allowed`; `suggestion` is the closest allowed value.
pub fn message(
    shown: impl Into<Message>,
    field: &str,
    allowed: &[&str],
    suggestion: Option<&str>,
) -> Message {
    let suggestion = suggestion
        .map(|k| format!("; did you mean `{k}`?"))
        .unwrap_or_default();
    shown
        .into()
        .text(" is not an allowed ")
        .then(field_message(field))
        .text(&format!(" (allowed: {}){suggestion}", allowed.join(", ")))
}

/// The message at a value of `field` that must be exactly `expected`.
pub fn not_the_constant(field: &str, expected: &impl Display) -> Message {
    field_message(field).text(&format!(" must be {expected}"))
}

#[cfg(test)]
mod tests {
    use super::META;
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"Group\"");
    }

    #[test]
    fn the_closest_allowed_value_is_suggested() {
        assert_eq!(
            message(
                "`Group`",
                "`entityType`",
                &["individual", "group"],
                Some("group")
            )
            .text,
            "`Group` is not an allowed `entityType` (allowed: individual, group); did you mean `group`?"
        );
        assert_eq!(
            message("an integer", "`category`", &["pi"], None).text,
            "an integer is not an allowed `category` (allowed: pi)"
        );
    }
}
