//! `S008 not-a-submission`: The file is not a QPP submission: its top level is not an object, or
//! has none of a submission's keys.

use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S008",
    name: "not-a-submission",
    severity: Severity::Error,
    summary: "The file is not a QPP submission: its top level is not an object, or has none of a submission's keys.",
    what: "Reports a file whose top-level value is not a JSON object (an array, a string, a \
           number), and a JSON object with no property the Submissions API documents (none of \
           `entityType`, `performanceYear`, `measurementSets`, nor a measurement set's or a \
           measurement's, nor an embedded `submission`), such as a `package.json` a hook picked \
           up: one finding naming the keys it has, like `not-qrda3-document` for XML, and \
           nothing else is checked. pilint reads three shapes: a whole submission, a \
           `POST /measurement-sets` body (a measurement set with an embedded `submission`) and \
           a submission in the API's `{\"data\": {\"submission\": …}}` envelope.",
    why: "The QPP Submissions API takes one submission (or one measurement set) per request \
          body (CMSgov/qpp-submissions-docs, guides/basic-tutorial.tsx and \
          guides/qualified-registries-and-qcdrs.tsx); a file with none of a submission's \
          properties is some other JSON file, and a list of every property it lacks would \
          not say so.",
    note: "the Submissions API takes one submission object per request",
    help: "put one submission object at the top level of the file",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(r#"[]"#),
    valid: Example::json(valid_group!()),
};

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "[");
    }
}
