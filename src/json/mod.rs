//! The QPP JSON front end: strict parsing with spans, structural validation
//! against the shipped schema, and decoding into the model.

pub mod decode;
pub mod parse;
pub mod schema;
pub mod span_index;

use crate::diagnostic::Diagnostic;
use crate::model::Submission;
use crate::source::SourceFile;

/// What the JSON front end learnt about one file.
pub struct JsonOutcome {
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the file is not JSON or its top level is not an object.
    pub submission: Option<Submission>,
}

pub fn check(source: &SourceFile) -> JsonOutcome {
    let (parsed, mut diagnostics) = parse::parse(source);
    let Some(parsed) = parsed else {
        return JsonOutcome {
            diagnostics,
            submission: None,
        };
    };
    diagnostics.extend(schema::validate(&parsed.skeleton, &parsed.index));
    // The measurement items, which the skeleton leaves out, are validated
    // one by one as the decoder reads them.
    let index = &parsed.index;
    let mut on_item = |item: &serde_json::Value, item_schema, pointer: &str| {
        schema::validate_item(item, item_schema, pointer, index, &mut diagnostics);
    };
    let submission = decode::decode_with(&parsed, &mut on_item);
    JsonOutcome {
        diagnostics,
        submission,
    }
}
