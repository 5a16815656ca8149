//! Structural validation against the shipped JSON Schema: each error, at
//! its place in the file, goes to the `S` rules' checks (`rules::schema`),
//! which turn it into a finding at the exact span.
//!
//! The schema is embedded in the binary and compiled once per process
//! (jsonschema with default features off: it can never fetch anything).

use std::sync::LazyLock;

use jsonschema::Validator;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::json_syntax::envelope;
use crate::json_syntax::span_index::SpanIndex;
use crate::model::Pointer;
use crate::rules::schema::{SchemaError, not_a_submission};

/// The schema as shipped in `schemas/`.
pub const SUBMISSION_SCHEMA: &str = include_str!("../../schemas/pi-submission.schema.json");

/// Which of the two documents a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentShape {
    /// A whole submission with nested `measurementSets`.
    Submission,
    /// A `POST /measurement-sets` body: one set with an embedded `submission`.
    MeasurementSetBody,
}

impl DocumentShape {
    /// A body carries `submission` and no `measurementSets`; anything else is
    /// read as a submission, whose schema then says what is missing.
    pub fn of(value: &Value) -> DocumentShape {
        match value {
            Value::Object(map) => DocumentShape::of_map(map),
            _ => DocumentShape::Submission,
        }
    }

    /// [`DocumentShape::of`] for an object.
    pub fn of_map(map: &serde_json::Map<String, Value>) -> DocumentShape {
        if map.contains_key("submission") && !map.contains_key("measurementSets") {
            DocumentShape::MeasurementSetBody
        } else {
            DocumentShape::Submission
        }
    }
}

fn compile(root_ref: &str) -> Validator {
    let mut schema: Value =
        serde_json::from_str(SUBMISSION_SCHEMA).expect("shipped schema is valid JSON");
    schema["$ref"] = Value::String(root_ref.to_owned());
    jsonschema::draft202012::new(&schema).expect("shipped schema compiles")
}

static SUBMISSION_VALIDATOR: LazyLock<Validator> = LazyLock::new(|| compile("#/$defs/submission"));
static BODY_VALIDATOR: LazyLock<Validator> =
    LazyLock::new(|| compile("#/$defs/measurementSetBody"));
static PI_MEASUREMENT_VALIDATOR: LazyLock<Validator> =
    LazyLock::new(|| compile("#/$defs/piMeasurement"));
static MEASUREMENT_VALIDATOR: LazyLock<Validator> =
    LazyLock::new(|| compile("#/$defs/measurement"));

/// The schema one item of a measurements array is checked against, as the
/// schema's `measurementSetFields` picks it: `piMeasurement` when the set's
/// `category` is `"pi"`, `measurement` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemSchema {
    Pi,
    Other,
}

impl ItemSchema {
    /// The item schema of a measurement set object's measurements.
    pub fn of_set(set: &serde_json::Map<String, Value>) -> ItemSchema {
        match set.get("category") {
            Some(Value::String(category)) if category == "pi" => ItemSchema::Pi,
            _ => ItemSchema::Other,
        }
    }
}

/// Validates `value` and returns one finding per structural error.
pub fn validate(value: &Value, index: &SpanIndex) -> Vec<Diagnostic> {
    if let Some(finding) = not_a_submission::check_not_object(value, index) {
        return vec![finding];
    }
    // The submission inside an API envelope is validated at its own
    // pointers (`/data/submission/…`); the envelope itself is no error.
    let (value, prefix) = match envelope::inner(value).and(inner_value(value)) {
        Some(inner) => (inner, envelope::ENVELOPE_POINTER),
        None => (value, ""),
    };
    let validator = match DocumentShape::of(value) {
        DocumentShape::Submission => &*SUBMISSION_VALIDATOR,
        DocumentShape::MeasurementSetBody => &*BODY_VALIDATOR,
    };
    let mut out = Vec::new();
    if validator.is_valid(value) {
        return out;
    }
    for error in validator.iter_errors(value) {
        crate::rules::schema::check(&SchemaError::new(&error, prefix, index), &mut out);
    }
    out
}

/// The envelope's submission as a `Value` (the validator takes a `Value`).
fn inner_value(root: &Value) -> Option<&Value> {
    root.get("data")?.get("submission")
}

/// Validates one item of a measurements array, which the skeleton that
/// [`validate`] reads leaves out; `pointer` is the item's own. The findings
/// are those a validation of the whole document gives for this item.
pub fn validate_item(
    item: &Value,
    schema: ItemSchema,
    pointer: &Pointer,
    index: &SpanIndex,
    out: &mut Vec<Diagnostic>,
) {
    let validator = match schema {
        ItemSchema::Pi => &*PI_MEASUREMENT_VALIDATOR,
        ItemSchema::Other => &*MEASUREMENT_VALIDATOR,
    };
    // Nearly every item is valid: the fast check allocates nothing.
    if validator.is_valid(item) {
        return;
    }
    // Only an invalid item's pointer is ever rendered as text.
    let pointer = pointer.to_string();
    for error in validator.iter_errors(item) {
        crate::rules::schema::check(&SchemaError::new(&error, &pointer, index), out);
    }
}
