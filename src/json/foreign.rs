//! The findings that say what a JSON file is when it is not a bare QPP
//! submission: an API envelope around one, or no submission at all.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::json::envelope::{ENVELOPE_POINTER, SUBMISSION_KEYS};
use crate::json::span_index::SpanIndex;
use crate::rules::schema::{
    NOT_A_SUBMISSION, SUBMISSION_IN_ENVELOPE, not_a_submission, submission_in_envelope,
};
use crate::source::Span;

/// How many of a foreign file's keys the message names.
const KEYS_SHOWN: usize = 4;

/// `not-a-submission` for a JSON object with none of a submission's keys.
pub fn finding(root: &Value, index: &SpanIndex) -> Diagnostic {
    let keys: Vec<&str> = root
        .as_object()
        .map(|o| o.keys().take(KEYS_SHOWN).map(String::as_str).collect())
        .unwrap_or_default();
    let more = root.as_object().is_some_and(|o| o.len() > KEYS_SHOWN);
    Diagnostic::new(
        &NOT_A_SUBMISSION,
        head(index, ""),
        "",
        not_a_submission::foreign_object(&keys, more, &SUBMISSION_KEYS),
    )
    .with_help(not_a_submission::FOREIGN_HELP)
}

/// `submission-in-envelope`, at the envelope's `data` key.
pub fn envelope_finding(index: &SpanIndex) -> Diagnostic {
    let span = index.key_span("/data").or_else(|| head(index, ""));
    Diagnostic::new(
        &SUBMISSION_IN_ENVELOPE,
        span,
        "/data",
        submission_in_envelope::message(ENVELOPE_POINTER),
    )
}

/// The first character of the value at `pointer`.
fn head(index: &SpanIndex, pointer: &str) -> Option<Span> {
    index
        .value_span(pointer)
        .map(|s| Span::new(s.start, (s.start + 1).min(s.end)))
}
