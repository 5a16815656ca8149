//! `S005 malformed-value`: A string does not have the documented format.

use jsonschema::error::ValidationErrorKind;

use super::schema_error::{SchemaError, field_message, field_name};
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S005",
    name: "malformed-value",
    severity: Severity::Error,
    summary: "A string does not have the documented format.",
    what: "Reports a TIN that is not exactly 9 digits, an NPI that is not exactly 10 digits, \
           and a performance date that is not `YYYY-MM-DD`.",
    why: "Submissions API field tables (CMSgov/qpp-submissions-docs, data.ts): \
          taxpayerIdentificationNumber \"9-digit identifier\", nationalProviderIdentifier \
          \"10-digit identifier\", performanceStart/End \"RFC 3339 full-date\".",
    note: "the Submissions API matches identifiers and dates against fixed formats",
    help: "write the value in the format named in the message",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(with_identity!(
        "  \"entityType\": \"group\",\n  \"taxpayerIdentificationNumber\": \"00-0123456\",\n"
    )),

    valid: Example::json(valid_group!()),
};

/// The finding for a `pattern` or `format` error: the value quoted, with
/// the format its member has.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let (ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. }) = error.kind()
    else {
        return None;
    };
    Some(error.finding(
        &META,
        error.value_span(),
        error.pointer.clone(),
        message(error.shown(), error.member()),
    ))
}

/// The finding for an error of a schema keyword no other structure rule
/// has words for (the shipped schema uses none today).
pub fn check_unsupported(error: &SchemaError) -> Option<Diagnostic> {
    use ValidationErrorKind as K;
    let kind = error.kind();
    if matches!(
        kind,
        K::Required { .. }
            | K::AdditionalProperties { .. }
            | K::Type { .. }
            | K::Enum { .. }
            | K::Constant { .. }
            | K::Pattern { .. }
            | K::Format { .. }
            | K::Minimum { .. }
            | K::Maximum { .. }
            | K::MinLength { .. }
            | K::MaxLength { .. }
            | K::MinItems { .. }
            | K::OneOfNotValid { .. }
            | K::AnyOf { .. }
    ) {
        return None;
    }
    Some(error.finding(
        &META,
        error.value_span(),
        error.pointer.clone(),
        unsupported_keyword(&field_name(&error.pointer), &keyword_of(kind)),
    ))
}

/// The keyword name of an error kind, for the catch-all message.
fn keyword_of(kind: &ValidationErrorKind) -> String {
    let debug = format!("{kind:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("schema")
        .to_owned()
}

/// The message at a value (`shown`: quoted, or its type) of the member
/// `member` (the last token of its pointer) that does not match its
/// documented format.
pub fn message(shown: impl Into<Message>, member: &str) -> Message {
    shown.into().text(" is not ").text(expected_format(member))
}

/// The message for a schema keyword pilint has no words of its own for.
pub fn unsupported_keyword(field: &str, keyword: &str) -> Message {
    field_message(field).text(&format!(" does not satisfy the schema ({keyword})"))
}

/// What a string member should look like.
fn expected_format(member: &str) -> &'static str {
    match member {
        "taxpayerIdentificationNumber" => {
            "a valid TIN: a string of exactly 9 digits, leading zeros kept, no dash"
        }
        "nationalProviderIdentifier" => "a valid NPI: a string of exactly 10 digits",
        "performanceStart" | "performanceEnd" => "a date in the form YYYY-MM-DD",
        _ => "in the documented format",
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"00-0123456\"");
    }

    #[test]
    fn the_format_is_named_by_member() {
        assert_eq!(
            message("`1`", "nationalProviderIdentifier").text,
            "`1` is not a valid NPI: a string of exactly 10 digits"
        );
        assert_eq!(
            message("`x`", "performanceEnd").text,
            "`x` is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(
            message("`x`", "other").text,
            "`x` is not in the documented format"
        );
    }
}
