//! `S004 value-not-allowed`: A value is not one of the values the Submissions API allows.

use super::SOURCE;
use crate::diagnostic::Severity;
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

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"Group\"");
    }
}
