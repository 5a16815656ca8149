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
    diagnostics.extend(schema::validate(&parsed.value, &parsed.index));
    let submission = decode::decode(&parsed.value, &parsed.index);
    JsonOutcome {
        diagnostics,
        submission,
    }
}
