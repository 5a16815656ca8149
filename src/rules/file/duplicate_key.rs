//! `F004 duplicate-key`: An object has the same key twice.

use super::VALID_MINIMAL;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::json_syntax::Problem;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F004",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: "An object has the same key twice.",
    what: "Reports every object member whose key already appeared in the same object, \
           pointing at the second key and labelling the first. pilint (like serde_json) reads \
           the last one.",
    why: "RFC 8259 §4 leaves the meaning of duplicate names undefined: one parser keeps the \
          first, another the last, another rejects the object. What CMS reads may not be what \
          you meant.",
    note: "JSON parsers disagree on duplicate keys (RFC 8259 §4); CMS may read the other one",
    help: "keep one of the two members",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: concat!(crate::group_identity!(), "  \"performanceYear\": 2024,\n"),
        year: "2025",
        set: crate::pi_set_2025!(),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),
    valid: Example::json(VALID_MINIMAL),
};

/// The finding at the second key of a repeated member, with the first.
pub fn check(problem: &Problem) -> Option<Diagnostic> {
    let Problem::DuplicateKey {
        key,
        pointer,
        first,
        second,
    } = problem
    else {
        return None;
    };
    Some(
        Diagnostic::new(&META, Some(*second), pointer.clone(), message(key))
            .with_related(*first, FIRST_LABEL),
    )
}

/// The message at the second key; `key` is its source text, quotes
/// included (the key between them is the argument).
pub fn message(key: &str) -> Message {
    let quoted = key
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'));
    let named = match quoted {
        Some(inner) => Message::new()
            .text("key \"")
            .plain(ArgumentKind::Value, inner)
            .text("\""),
        None => Message::new().text("key ").plain(ArgumentKind::Value, key),
    };
    named.text(" appears twice in this object")
}

/// The label of the first occurrence.
pub const FIRST_LABEL: &str = "first defined here (pilint reads the later one)";

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"performanceYear\"");
    }

    #[test]
    fn the_key_is_the_argument() {
        let message = super::message("\"cehrtId\"");
        assert_eq!(message.text, "key \"cehrtId\" appears twice in this object");
        assert_eq!(message.arguments[0].value, "cehrtId");
    }
}
