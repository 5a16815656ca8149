//! What a JSON file holds before it is read as a submission: a bare
//! submission (or `POST /measurement-sets` body), a submission wrapped in
//! the Submissions API's `{"data": {"submission": …}}` envelope, or a JSON
//! file that is no QPP submission at all (a `package.json` a hook picked up).
//!
//! The envelope is what the API answers for a submission (CMSgov/
//! qpp-submissions-docs, guides: "data" wraps every response body) and what
//! its old score-preview example sent (references/json/
//! scoring-example-submission-input.json). The submission inside is checked
//! at its own positions: its pointers start with `/data/submission`.

use serde_json::{Map, Value};

use crate::json_syntax::span_index::{NodeId, SpanIndex};
use crate::model::Pointer;

/// The pointer of the submission inside an API envelope.
pub const ENVELOPE_POINTER: &str = "/data/submission";

/// The keys of a whole submission, which the "not a QPP submission"
/// message names.
pub const SUBMISSION_KEYS: [&str; 3] = ["entityType", "performanceYear", "measurementSets"];

/// The submission inside `{"data": {"submission": {…}}}`, when `root` is
/// such an envelope (and not itself a submission).
pub fn inner(root: &Value) -> Option<&Map<String, Value>> {
    let root = root.as_object()?;
    // The same test as `inner_node`'s, so the skeleton, the schema and
    // the decoder agree on where the submission is.
    if SUBMISSION_KEYS
        .iter()
        .chain(&["submission"])
        .any(|key| root.contains_key(*key))
    {
        return None;
    }
    root.get("data")?
        .as_object()?
        .get("submission")?
        .as_object()
}

/// [`inner`], on the span index: the envelope's submission node.
pub fn inner_node(index: &SpanIndex) -> Option<NodeId> {
    let root = index.root().filter(|&r| index.is_object(r))?;
    if SUBMISSION_KEYS
        .iter()
        .chain(&["submission"])
        .any(|key| index.member(root, key).is_some())
    {
        return None;
    }
    let data = index.member(root, "data").filter(|&d| index.is_object(d))?;
    index
        .member(data, "submission")
        .filter(|&s| index.is_object(s))
}

/// The pointer of the envelope's submission, as a model pointer.
pub fn inner_pointer() -> Pointer {
    Pointer::Root.member("data").member("submission")
}

/// Whether an object has any documented property of a submission, a
/// measurement set or a measurement, or embeds a submission (a
/// `POST /measurement-sets` body): only a file with none of them is
/// clearly something else.
fn looks_like_submission(object: &Map<String, Value>) -> bool {
    object
        .keys()
        .any(|key| key == "submission" || crate::json_syntax::key_levels::is_documented(key))
}

/// Whether `root` is a JSON object that is no QPP submission: none of the
/// submission keys, no embedded submission, no envelope.
pub fn is_foreign_object(root: &Value) -> bool {
    root.as_object()
        .is_some_and(|object| !looks_like_submission(object) && inner(root).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn recognises_the_api_envelope_only() {
        let wrapped = value(r#"{"data": {"submission": {"entityType": "group"}}}"#);
        assert!(inner(&wrapped).is_some());
        assert!(!is_foreign_object(&wrapped));
        // A submission that happens to have a `data` key is a submission.
        let bare = value(r#"{"entityType": "group", "data": {"submission": {}}}"#);
        assert!(inner(&bare).is_none());
        assert!(!is_foreign_object(&bare));
        let text = r#"{"data": {"submission": {"entityType": "group"}}}"#;
        let index = SpanIndex::build(text);
        assert!(inner_node(&index).is_some());
        assert_eq!(inner_pointer().to_string(), ENVELOPE_POINTER);
    }

    #[test]
    fn a_package_json_is_foreign() {
        assert!(is_foreign_object(&value(
            r#"{"name": "web", "version": "1.0.0", "scripts": {}}"#
        )));
        assert!(is_foreign_object(&value(r#"{"data": {"items": []}}"#)));
        assert!(!is_foreign_object(&value(r#"{"performanceYear": 2025}"#)));
        // Any documented property says it meant to be a submission.
        assert!(!is_foreign_object(&value(
            r#"{"taxpayerIdentificationNumber": "00-0123456", "x": 1}"#
        )));
        assert!(!is_foreign_object(&value(r#"[]"#)));
    }
}
