//! `S005 malformed-value`: A string does not have the documented format.

use crate::diagnostic::Severity;
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

/// The message at a value (`shown`: quoted, or its type) of the member
/// `member` (the last token of its pointer) that does not match its
/// documented format.
pub fn message(shown: &str, member: &str) -> String {
    format!("{shown} is not {}", expected_format(member))
}

/// The message for a schema keyword pilint has no words of its own for.
pub fn unsupported_keyword(field: &str, keyword: &str) -> String {
    format!("{field} does not satisfy the schema ({keyword})")
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
            message("`1`", "nationalProviderIdentifier"),
            "`1` is not a valid NPI: a string of exactly 10 digits"
        );
        assert_eq!(
            message("`x`", "performanceEnd"),
            "`x` is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(
            message("`x`", "other"),
            "`x` is not in the documented format"
        );
    }
}
