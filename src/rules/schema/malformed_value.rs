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

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"00-0123456\"");
    }
}
