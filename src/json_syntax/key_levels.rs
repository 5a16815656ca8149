//! Where each property of a submission belongs: the kinds of object a
//! submission file holds, the documented keys of each, and the kind of the
//! object at a pointer. `unknown-property` reads them to name the real
//! defect of an unknown key (a key at the wrong level says where it
//! belongs).

use serde_json::Value;

use crate::json_syntax::envelope::ENVELOPE_POINTER;

/// The kinds of object a submission file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Submission,
    /// The identity embedded in a `POST /measurement-sets` body.
    EmbeddedSubmission,
    MeasurementSet,
    Measurement,
    Value,
}

/// Every documented property and the level it belongs to.
pub const KEYS: &[(&str, Level)] = &[
    ("entityType", Level::Submission),
    ("taxpayerIdentificationNumber", Level::Submission),
    ("nationalProviderIdentifier", Level::Submission),
    ("entityId", Level::Submission),
    ("performanceYear", Level::Submission),
    ("measurementSets", Level::Submission),
    ("category", Level::MeasurementSet),
    ("submissionMethod", Level::MeasurementSet),
    ("programName", Level::MeasurementSet),
    ("performanceStart", Level::MeasurementSet),
    ("performanceEnd", Level::MeasurementSet),
    ("cehrtId", Level::MeasurementSet),
    ("measurements", Level::MeasurementSet),
    ("measureId", Level::Measurement),
    ("value", Level::Measurement),
    ("numerator", Level::Value),
    ("denominator", Level::Value),
];

/// Whether `key` is a documented property of any object of a submission.
pub fn is_documented(key: &str) -> bool {
    KEYS.iter().any(|(k, _)| *k == key)
}

/// The level of the object at `pointer` (`object` is that object: a root
/// with an embedded `submission` is a `POST /measurement-sets` body, so a
/// measurement set).
pub fn level_of(pointer: &str, object: &Value) -> Option<Level> {
    let pointer = pointer
        .strip_prefix(ENVELOPE_POINTER)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(pointer);
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    Some(match tokens.as_slice() {
        [] if object.get("submission").is_some() && object.get("measurementSets").is_none() => {
            Level::MeasurementSet
        }
        [] => Level::Submission,
        ["submission"] => Level::EmbeddedSubmission,
        [.., "measurementSets", _] => Level::MeasurementSet,
        [.., "measurements", _] => Level::Measurement,
        [.., "measurements", _, "value"] => Level::Value,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_pointers() {
        let object = serde_json::json!({});
        assert_eq!(level_of("", &object), Some(Level::Submission));
        assert_eq!(
            level_of("/data/submission", &object),
            Some(Level::Submission)
        );
        assert_eq!(
            level_of("/measurementSets/0", &object),
            Some(Level::MeasurementSet)
        );
        assert_eq!(
            level_of("/measurementSets/0/measurements/3/value", &object),
            Some(Level::Value)
        );
        let body = serde_json::json!({"submission": {}});
        assert_eq!(level_of("", &body), Some(Level::MeasurementSet));
    }
}
