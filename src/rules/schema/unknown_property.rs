//! `S002 unknown-property`: An object has a property the Submissions API does not define.

use super::SOURCE;
use jsonschema::error::ValidationErrorKind;

use super::schema_error::{SchemaError, object_phrase};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity, quote_short};
use crate::json_syntax::key_levels::{KEYS, Level, level_of};
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

/// The findings for an `additionalProperties` error: one at each key the
/// object may not have, with where it belongs or its likely spelling.
pub fn check(error: &SchemaError) -> Option<Vec<Diagnostic>> {
    let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() else {
        return None;
    };
    let value_span = error.value_span();
    let object = object_phrase(&error.pointer);
    let level = level_of(&error.pointer, error.instance());
    let findings = unexpected.iter().map(|key| {
        let mut member = error.pointer.clone();
        crate::pointer::push_token(&mut member, key);
        let span = error.index.key_span(&member).or(value_span);
        let message = message(key, &object, &advice(key, level));
        error.finding(&META, span, member, message)
    });
    Some(findings.collect())
}

/// The message at the key `key` of `object` (named as in "the
/// submission"); `advice` is empty or starts with "; " (a likely
/// spelling, or where the key belongs).
pub fn message(key: &str, object: &str, advice: &str) -> Message {
    Message::new()
        .text("`")
        .plain(ArgumentKind::Value, quote_short(key).trim_matches('`'))
        .text("` is not a property of ")
        .text(object)
        .text(advice)
}

/// What to add after "`key` is not a property of …": where the key
/// belongs when it is a property of another level (`programName` goes on
/// each measurement set), else the closest documented key that is not
/// `key` itself (a "did you mean" never suggests the key it rejects).
pub fn advice(key: &str, level: Option<Level>) -> String {
    let same_level = |other: Level| {
        other == level.unwrap_or(other)
            || matches!(
                (other, level),
                (Level::Submission, Some(Level::EmbeddedSubmission))
            )
    };
    // The key, written right or with another case, at another level.
    if let Some(&(name, belongs)) = KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))
        && !(same_level(belongs) && name == key)
    {
        let place = belongs_place(belongs, level);
        return if name == key {
            format!("; it belongs {place}")
        } else if same_level(belongs) {
            format!("; did you mean `{name}`?")
        } else {
            format!("; did you mean `{name}`, which belongs {place}?")
        };
    }
    let candidates = KEYS.iter().map(|(k, _)| *k).filter(|k| *k != key);
    match crate::rules::semantic::support::closest(key, candidates) {
        Some(name) => {
            let belongs = KEYS
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, l)| *l)
                .unwrap_or(Level::Submission);
            if same_level(belongs) {
                format!("; did you mean `{name}`?")
            } else {
                format!(
                    "; did you mean `{name}`, which belongs {}?",
                    belongs_place(belongs, level)
                )
            }
        }
        None => String::new(),
    }
}

/// Where a key of `level` is written, for messages.
fn place(level: Level) -> &'static str {
    match level {
        Level::Submission => "on the submission",
        Level::EmbeddedSubmission => "in the embedded `submission`",
        Level::MeasurementSet => "on each measurement set",
        Level::Measurement => "on each measurement",
        Level::Value => "in a measurement's `value` object",
    }
}

/// A submission key seen in a body belongs in its embedded submission.
fn belongs_place(belongs: Level, level: Option<Level>) -> &'static str {
    match (belongs, level) {
        (Level::Submission, Some(Level::MeasurementSet | Level::EmbeddedSubmission)) => {
            place(Level::EmbeddedSubmission)
        }
        _ => place(belongs),
    }
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
            )
            .text,
            "`performanceyear` is not a property of the submission; did you mean `performanceYear`?"
        );
    }

    #[test]
    fn a_key_at_the_wrong_level_says_where_it_belongs() {
        assert_eq!(
            advice("programName", Some(Level::Submission)),
            "; it belongs on each measurement set"
        );
        assert_eq!(
            advice("performanceYear", Some(Level::MeasurementSet)),
            "; it belongs in the embedded `submission`"
        );
        assert_eq!(
            advice("numerator", Some(Level::Measurement)),
            "; it belongs in a measurement's `value` object"
        );
    }

    #[test]
    fn never_suggests_the_rejected_key() {
        assert_eq!(
            advice("performanceyear", Some(Level::Submission)),
            "; did you mean `performanceYear`?"
        );
        assert_eq!(
            advice("programname", Some(Level::Submission)),
            "; did you mean `programName`, which belongs on each measurement set?"
        );
        assert_eq!(
            advice("cehrtID", Some(Level::MeasurementSet)),
            "; did you mean `cehrtId`?"
        );
        for &(key, _) in KEYS {
            for level in [
                Level::Submission,
                Level::MeasurementSet,
                Level::Measurement,
                Level::Value,
            ] {
                let said = advice(key, Some(level));
                assert!(
                    !said.contains(&format!("did you mean `{key}`")),
                    "{key}: {said}"
                );
            }
        }
        assert_eq!(advice("zzzzzzzz", Some(Level::Submission)), "");
    }
}
