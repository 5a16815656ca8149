//! `S003 wrong-type`: A value has the wrong JSON type.

use super::SOURCE;
use jsonschema::error::{TypeKind, ValidationErrorKind};

use super::schema_error::{SchemaError, article, field_message, field_name, type_phrase};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S003",
    name: "wrong-type",
    severity: Severity::Error,
    summary: "A value has the wrong JSON type.",
    what: "Reports a value whose JSON type differs from the documented one: \
           `performanceYear` as a string instead of an integer, a TIN as a number (which \
           loses leading zeros), a measurement `value` that is neither `true`/`false` nor \
           `{numerator, denominator}`, a count with a fraction.",
    why: SOURCE,
    note: "the Submissions API checks JSON types; `\"2025\"` is not `2025`, and `\"true\"` is not `true`",
    help: "write the value with the type named in the message",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "\"2025\"",
        set: crate::pi_set_2025!(),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),

    valid: Example::json(valid_group!()),
};

/// The finding for a `type` error below the top level, and for a
/// measurement value none of whose alternatives has its type.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let instance = error.instance();
    let message = match error.kind() {
        ValidationErrorKind::Type { kind } if !error.pointer.is_empty() => {
            type_message(error, kind)
        }
        ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. }
            if error.same_type_branch().is_none() =>
        {
            not_a_measurement_value(&field_name(&error.pointer), &type_phrase(instance))
        }
        _ => return None,
    };
    Some(error.finding(&META, error.value_span(), error.pointer.clone(), message))
}

/// The message of a `type` error: the types `kind` allows against the
/// value's (`not-a-submission` says it in the same words at the top level).
pub fn type_message(error: &SchemaError, kind: &TypeKind) -> Message {
    let expected = match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| article(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    };
    let instance = error.instance();
    message(
        &field_name(&error.pointer),
        &expected,
        &type_phrase(instance),
        instance.as_str(),
        error.value_kind(),
    )
}

/// The message at a value of `field` that should be `expected` (with its
/// article: "an integer") but is `found` ("a string"). `text` is the value
/// when it is a string, so that a placeholder copied from CMS's
/// documentation ("< performanceYearToBeReported >") is named as one; it
/// is an argument of kind `kind`.
pub fn message(
    field: &str,
    expected: &str,
    found: &str,
    text: Option<&str>,
    kind: ArgumentKind,
) -> Message {
    let message = field_message(field)
        .text(" must be ")
        .plain(ArgumentKind::Value, expected)
        .text(", not ")
        .plain(ArgumentKind::Value, found);
    match text.filter(|s| s.trim_start().starts_with('<') && s.trim_end().ends_with('>')) {
        Some(placeholder) => message
            .text(" (")
            .quoted(kind, placeholder)
            .text(" is a placeholder from CMS's documentation: write the value)"),
        None => message,
    }
}

/// The message at a measurement value that is neither a boolean nor a
/// proportion.
pub fn not_a_measurement_value(field: &str, found: &str) -> Message {
    field_message(field)
        .text(" must be true, false or {\"numerator\": …, \"denominator\": …}, not ")
        .plain(ArgumentKind::Value, found)
}

#[cfg(test)]
mod tests {
    use super::META;
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"2025\"");
    }

    #[test]
    fn a_placeholder_from_cms_documentation_is_named() {
        assert_eq!(
            message(
                "`performanceYear`",
                "an integer",
                "a string",
                Some("< year >"),
                ArgumentKind::Year,
            )
            .text,
            "`performanceYear` must be an integer, not a string (`< year >` is a placeholder from CMS's documentation: write the value)"
        );
        assert_eq!(
            message(
                "`performanceYear`",
                "an integer",
                "a string",
                Some("2025"),
                ArgumentKind::Year
            )
            .text,
            "`performanceYear` must be an integer, not a string"
        );
    }
}
