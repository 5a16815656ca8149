//! `F001 invalid-json`: The file is not well-formed JSON.

use super::VALID_MINIMAL;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F001",
    name: "invalid-json",
    severity: Severity::Error,
    summary: "The file is not well-formed JSON.",
    what: "Parses the file as strict JSON (RFC 8259) and reports the first syntax error at the \
           line and column where parsing stopped: trailing commas, comments, `NaN`/`Infinity`, \
           single quotes, an empty or truncated file, text after the document.",
    why: "The QPP Submissions API accepts `application/json` only (qpp-submissions-docs, \
          guides/basic-tutorial.tsx); a file that does not parse is rejected whole, with no \
          score for any category in it.",
    note: "the QPP Submissions API rejects a request body that is not strict JSON",
    help: "fix the syntax at the position shown; nothing else in this file was checked",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(
        r#"{
  "entityType": "group",
  "performanceYear": 2025,
}"#,
    ),
    valid: Example::json(VALID_MINIMAL),
};

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, ",");
    }
}
