//! `S008 not-a-submission`: The file is not a QPP submission: its top level is not an object, or
//! has none of a submission's keys.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::schema_error::{SchemaError, type_phrase};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::json_syntax::envelope::{self, SUBMISSION_KEYS};
use crate::json_syntax::span_index::SpanIndex;
use crate::rules::registry::{Example, RuleMeta};
use crate::source::Span;

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

/// How many of a foreign file's keys the message names.
const KEYS_SHOWN: usize = 4;

/// The finding for a top-level value that is not an object, at its first
/// character.
pub fn check_not_object(root: &Value, index: &SpanIndex) -> Option<Diagnostic> {
    if root.is_object() {
        return None;
    }
    Some(Diagnostic::new(
        &META,
        head(index),
        "",
        not_an_object(&type_phrase(root)),
    ))
}

/// The finding for a JSON object that is no QPP submission: none of the
/// submission keys, no embedded submission, no envelope.
pub fn check_foreign(root: &Value, index: &SpanIndex) -> Option<Diagnostic> {
    if !envelope::is_foreign_object(root) {
        return None;
    }
    let object = root.as_object()?;
    let keys: Vec<&str> = object.keys().take(KEYS_SHOWN).map(String::as_str).collect();
    let more = object.len() > KEYS_SHOWN;
    Some(
        Diagnostic::new(
            &META,
            head(index),
            "",
            foreign_object(&keys, more, &SUBMISSION_KEYS),
        )
        .with_help(FOREIGN_HELP),
    )
}

/// The finding for a schema `type` error at the top level.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let ValidationErrorKind::Type { kind } = error.kind() else {
        return None;
    };
    if !error.pointer.is_empty() {
        return None;
    }
    let message = super::wrong_type::type_message(error, kind);
    Some(error.finding(&META, error.value_span(), error.pointer.clone(), message))
}

/// The first character of the top-level value.
fn head(index: &SpanIndex) -> Option<Span> {
    index
        .value_span("")
        .map(|s| Span::new(s.start(), (s.start() + 1).min(s.end())))
}

/// The message at a top-level value that is `found` ("an array"), not an
/// object.
pub fn not_an_object(found: &str) -> Message {
    Message::new()
        .text("the file holds ")
        .plain(ArgumentKind::Value, found)
        .text(", not a submission object")
}

/// The message at an object with none of the keys `wanted`: `keys` are
/// its first keys, `more` whether it has others.
pub fn foreign_object(keys: &[&str], more: bool, wanted: &[&str]) -> Message {
    let quoted = |keys: &[&str]| keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
    let wanted = match quoted(wanted).as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        other => other.join(""),
    };
    let mut message = Message::new().text(&format!(
        "this JSON file is not a QPP submission: it has none of {wanted} ("
    ));
    if keys.is_empty() {
        message = message.text("it is an empty object");
    } else {
        message = message.text("its keys are ");
        for (i, key) in keys.iter().enumerate() {
            let separator = if i == 0 { "`" } else { ", `" };
            message = message
                .text(separator)
                .plain(ArgumentKind::Value, key)
                .text("`");
        }
        if more {
            message = message.text(", …");
        }
    }
    message.text(")")
}

/// The help of a foreign object: it is some other JSON file.
pub const FOREIGN_HELP: &str =
    "point pilint at QPP submission files only, or list this file under `exclude` in pilint.toml";

#[cfg(test)]
mod tests {
    use super::META;
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "[");
    }

    #[test]
    fn a_foreign_object_is_named_by_its_keys() {
        let wanted = ["entityType", "performanceYear", "measurementSets"];
        assert_eq!(
            foreign_object(&["name", "version"], true, &wanted).text,
            "this JSON file is not a QPP submission: it has none of `entityType`, `performanceYear` or `measurementSets` (its keys are `name`, `version`, …)"
        );
        assert!(
            foreign_object(&[], false, &wanted)
                .text
                .ends_with("(it is an empty object)")
        );
    }
}
