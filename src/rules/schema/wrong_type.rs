//! `S003 wrong-type`: A value has the wrong JSON type.

use super::SOURCE;
use crate::diagnostic::Severity;
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

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"2025\"");
    }
}
