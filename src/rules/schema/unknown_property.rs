//! `S002 unknown-property`: An object has a property the Submissions API does not define.

use super::SOURCE;
use crate::diagnostic::{Severity, quote_short};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S002",
    name: "unknown-property",
    severity: Severity::Error,
    summary: "An object has a property the Submissions API does not define.",
    what: "Reports each key the schema does not list for that object (often a typo such as \
           `performanceyear`), pointing at the key. Read-only keys the API returns (`id`, \
           `createdAt`, `submissionId`, …) are accepted.",
    why: SOURCE,
    note: "the Submissions API validates request bodies against its data model and rejects unknown fields",
    help: "remove the property, or fix its spelling",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(with_identity!(concat!(
        crate::group_identity!(),
        "  \"performanceyear\": 2025,\n"
    ))),

    valid: Example::json(valid_group!()),
};

/// The message at the key `key` of `object` (named as in "the
/// submission"); `advice` is empty or starts with "; " (a likely
/// spelling, or where the key belongs).
pub fn message(key: &str, object: &str, advice: &str) -> String {
    format!(
        "`{}` is not a property of {object}{advice}",
        quote_short(key).trim_matches('`')
    )
}

#[cfg(test)]
mod tests {
    use super::META;
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"performanceyear\"");
    }

    #[test]
    fn the_advice_follows_the_key() {
        assert_eq!(
            message(
                "performanceyear",
                "the submission",
                "; did you mean `performanceYear`?"
            ),
            "`performanceyear` is not a property of the submission; did you mean `performanceYear`?"
        );
    }
}
