//! Structural validation against the shipped JSON Schema, with each error
//! turned into a finding at the exact span.
//!
//! The schema is embedded in the binary and compiled once per process
//! (jsonschema with default features off: it can never fetch anything).

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::{ArgumentKind, Diagnostic, quote_short};
use crate::json::span_index::{SpanIndex, push_token};
use crate::json::{envelope, key_levels};
use crate::model::Pointer;
use crate::rules::registry::RuleMeta;
use crate::rules::schema::{
    EMPTY_ARRAY, MALFORMED_VALUE, MISSING_PROPERTY, NOT_A_SUBMISSION, UNKNOWN_PROPERTY,
    VALUE_NOT_ALLOWED, VALUE_OUT_OF_RANGE, WRONG_TYPE, empty_array, malformed_value,
    missing_property, not_a_submission, unknown_property, value_not_allowed, value_out_of_range,
    wrong_type,
};
use crate::source::Span;

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
    if !value.is_object() {
        let span = index
            .value_span("")
            .map(|s| Span::new(s.start, (s.start + 1).min(s.end)));
        return vec![Diagnostic::new(
            &NOT_A_SUBMISSION,
            span,
            "",
            not_a_submission::not_an_object(&type_phrase(value)),
        )];
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
        convert(&error, prefix, index, &mut out);
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
        convert(&error, &pointer, index, out);
    }
}

/// `prefix` is the pointer of the value the validator was given.
fn convert(
    error: &ValidationError<'_>,
    prefix: &str,
    index: &SpanIndex,
    out: &mut Vec<Diagnostic>,
) {
    let relative = error.instance_path().as_str();
    let pointer = format!("{prefix}{relative}");
    let instance = error.instance();
    let field = field_name(&pointer);
    let value_span = index.value_span(&pointer);
    let head = value_span.map(|s| Span::new(s.start, (s.start + 1).min(s.end)));

    // A TIN or an NPI quoted in the message is an identifier argument:
    // masking hides it there, whatever it looks like.
    let kind = if pointer.ends_with("/taxpayerIdentificationNumber") {
        Some(ArgumentKind::Tin)
    } else if pointer.ends_with("/nationalProviderIdentifier") {
        Some(ArgumentKind::Npi)
    } else {
        None
    };
    let identifier = kind.map(|kind| {
        let value = instance
            .as_str()
            .map_or_else(|| instance.to_string(), str::to_owned);
        (kind, value)
    });
    // Any other string value a message quotes is an argument too, with
    // what it is by its member.
    let quoted_kind = match pointer.rsplit('/').next().unwrap_or_default() {
        "performanceStart" | "performanceEnd" => ArgumentKind::Date,
        "measureId" => ArgumentKind::Measure,
        _ => ArgumentKind::Value,
    };
    // `quoted`: the string value, when the message quotes it.
    let mut push = |rule: &'static RuleMeta,
                    span: Option<Span>,
                    pointer: String,
                    msg: String,
                    quoted: Option<&str>| {
        let finding = Diagnostic::new(rule, span, pointer, msg);
        out.push(match (&identifier, quoted) {
            (Some((kind, value)), _) => finding.with_argument(*kind, value),
            (None, Some(value)) => finding.with_argument(quoted_kind, value),
            (None, None) => finding,
        });
    };

    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            // The pointer is the missing member's own, so that a semantic
            // finding about the same member (which the QRDA III front end
            // needs) is recognised as the same finding.
            let mut member = pointer.clone();
            push_token(&mut member, property);
            let finding = Diagnostic::new(
                &MISSING_PROPERTY,
                head,
                member,
                missing_property::message(&object_phrase(&pointer), property),
            );
            // CMS stores a PI set without a CEHRT ID and scores it 0 (the
            // scoring engine's `hasCehrtId` instrumentation, CMSgov/
            // qpp-submissions-docs scoring examples): not a refusal.
            out.push(if property == "cehrtId" {
                finding.with_consequence(crate::rules::Consequence::Zero)
            } else {
                finding
            });
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let mut member = pointer.clone();
                push_token(&mut member, key);
                let span = index.key_span(&member).or(value_span);
                let suggestion = key_levels::advice(key, key_levels::level_of(&pointer, instance));
                push(
                    &UNKNOWN_PROPERTY,
                    span,
                    member,
                    unknown_property::message(key, &object_phrase(&pointer), &suggestion),
                    None,
                );
            }
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let rule = if pointer.is_empty() {
                &NOT_A_SUBMISSION
            } else {
                &WRONG_TYPE
            };
            push(
                rule,
                value_span,
                pointer.clone(),
                wrong_type::message(&field, &expected, &type_phrase(instance), instance.as_str()),
                None,
            );
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let shown = instance
                .as_str()
                .map_or_else(|| type_phrase(instance), quote_short);
            let suggestion = instance
                .as_str()
                .and_then(|s| closest(s, allowed.iter().copied()));
            push(
                &VALUE_NOT_ALLOWED,
                value_span,
                pointer.clone(),
                value_not_allowed::message(&shown, &field, &allowed, suggestion),
                instance.as_str(),
            );
        }
        ValidationErrorKind::Constant { expected_value } => push(
            &VALUE_NOT_ALLOWED,
            value_span,
            pointer.clone(),
            value_not_allowed::not_the_constant(&field, expected_value),
            None,
        ),
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            let shown = instance
                .as_str()
                .map_or_else(|| type_phrase(instance), quote_short);
            push(
                &MALFORMED_VALUE,
                value_span,
                pointer.clone(),
                malformed_value::message(&shown, pointer.rsplit('/').next().unwrap_or_default()),
                instance.as_str(),
            );
        }
        ValidationErrorKind::Minimum { limit } => push(
            &VALUE_OUT_OF_RANGE,
            value_span,
            pointer.clone(),
            value_out_of_range::below(&field, limit, instance),
            None,
        ),
        ValidationErrorKind::Maximum { limit } => push(
            &VALUE_OUT_OF_RANGE,
            value_span,
            pointer.clone(),
            value_out_of_range::above(&field, limit, instance),
            None,
        ),
        ValidationErrorKind::MinLength { limit } => push(
            &VALUE_OUT_OF_RANGE,
            value_span,
            pointer.clone(),
            value_out_of_range::too_short(&field, *limit),
            None,
        ),
        ValidationErrorKind::MaxLength { limit } => push(
            &VALUE_OUT_OF_RANGE,
            value_span,
            pointer.clone(),
            value_out_of_range::too_long(&field, *limit),
            None,
        ),
        ValidationErrorKind::MinItems { .. } => push(
            &EMPTY_ARRAY,
            value_span,
            pointer.clone(),
            empty_array::message(&field),
            None,
        ),
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // Report the branch whose type the value has (a proportion with a
            // negative count is a proportion error, not "not a boolean").
            let same_type = |branch: &&Vec<ValidationError<'static>>| {
                !branch.iter().any(|e| {
                    e.instance_path().as_str() == relative
                        && matches!(e.kind(), ValidationErrorKind::Type { .. })
                })
            };
            if let Some(branch) = context.iter().find(same_type) {
                for inner in branch {
                    convert(inner, prefix, index, out);
                }
            } else {
                push(
                    &WRONG_TYPE,
                    value_span,
                    pointer.clone(),
                    wrong_type::not_a_measurement_value(&field, &type_phrase(instance)),
                    None,
                );
            }
        }
        other => push(
            &MALFORMED_VALUE,
            value_span,
            pointer.clone(),
            malformed_value::unsupported_keyword(&field, &keyword_of(other)),
            None,
        ),
    }
}

/// The keyword name of an error kind, for the catch-all message.
fn keyword_of(kind: &ValidationErrorKind) -> String {
    let debug = format!("{kind:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("schema")
        .to_owned()
}

/// `performanceYear`, `measurements[2]`, or `the file` for the root.
fn field_name(pointer: &str) -> String {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    match tokens.as_slice() {
        [] => "the file".to_owned(),
        [.., parent, last] if last.parse::<usize>().is_ok() => format!("`{parent}[{last}]`"),
        [.., last] => format!("`{}`", last.replace("~1", "/").replace("~0", "~")),
    }
}

/// How an object is named in messages: "the submission", "measurement set 1", …
fn object_phrase(pointer: &str) -> String {
    // Inside an API envelope, the submission is named as a bare one.
    let pointer = pointer
        .strip_prefix(envelope::ENVELOPE_POINTER)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(pointer);
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let ordinal = |t: &str| t.parse::<usize>().map(|i| i + 1).unwrap_or(0);
    match tokens.as_slice() {
        [] => "the submission".to_owned(),
        ["submission"] => "the embedded submission".to_owned(),
        ["measurementSets", i] => format!("measurement set {}", ordinal(i)),
        [.., "measurements", i] => format!("measurement {}", ordinal(i)),
        [.., "measurements", i, "value"] => format!("the value of measurement {}", ordinal(i)),
        _ => format!("the object at {pointer}"),
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "integer" => "an integer".to_owned(),
        "object" => "an object".to_owned(),
        "array" => "an array".to_owned(),
        "null" => "null".to_owned(),
        other => format!("a {other}"),
    }
}

fn type_phrase(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer".to_owned(),
        Value::Number(_) => "a number with a fraction".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The closest candidate by edit distance, when it is close enough to be a
/// likely typo (case differences count as close): the rules' own.
pub use crate::rules::semantic::support::closest;
