//! `S009 submission-in-envelope`: The file is a Submissions API envelope (`{\"data\":
//! {\"submission\": …}}`); the submission inside is checked.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::json_syntax::envelope::{self, ENVELOPE_POINTER};
use crate::json_syntax::span_index::SpanIndex;
use crate::rules::registry::{Example, RuleMeta};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "S009",
    name: "submission-in-envelope",
    severity: Severity::Info,
    summary: "The file is a Submissions API envelope (`{\"data\": {\"submission\": …}}`); the submission inside is checked.",
    what: "Recognises a file whose top level is `{\"data\": {\"submission\": {…}}}`, the \
           shape in which the QPP Submissions API returns a submission, says so once at the \
           `data` key, and checks the submission inside it as a bare one: every finding points \
           into it (`/data/submission/measurementSets/0/…`).",
    why: "The Submissions API wraps every response body in `data` (CMSgov/qpp-submissions-docs, \
          guides/basic-tutorial.tsx), and its score-preview example wrapped the submission the \
          same way (references/json/scoring-example-submission-input.json). Saved responses \
          are worth checking, but `POST /submissions` takes the bare submission: sent as it \
          is, the envelope's `data` is not a submission property.",
    note: "the Submissions API answers with the submission inside `data`",
    help: "to submit it, send the object at /data/submission on its own",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(concat!(
        "{\n  \"data\": {\n    \"submission\": ",
        crate::valid_2025!(),
        "\n  }\n}"
    )),
    valid: Example::json(valid_group!()),
};

/// The finding at the `data` key of a file that is an API envelope around
/// a submission (whose findings are then at their own pointers).
pub fn check(root: &Value, index: &SpanIndex) -> Option<Diagnostic> {
    envelope::inner(root)?;
    let span = index.key_span("/data").or_else(|| {
        index
            .value_span("")
            .map(|s| Span::new(s.start(), (s.start() + 1).min(s.end())))
    });
    Some(Diagnostic::new(
        &META,
        span,
        "/data",
        message(ENVELOPE_POINTER),
    ))
}

/// The message at the envelope's `data` key; `inner` is the pointer of the
/// submission inside.
pub fn message(inner: &str) -> String {
    format!(
        "this file is a QPP Submissions API envelope (`{{\"data\": {{\"submission\": …}}}}`), as the API returns a submission; pilint checks the submission at {inner}"
    )
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\"data\"");
    }
}
