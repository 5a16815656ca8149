//! Where each property of a submission belongs, so that an unknown key
//! gets a message naming the real defect: a key at the wrong level says
//! where it belongs (`programName` goes on each measurement set), and a
//! "did you mean" never suggests the key it rejects.

use serde_json::Value;

use crate::json::envelope::ENVELOPE_POINTER;

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

impl Level {
    /// Where a key of this level is written, for messages.
    fn place(self) -> &'static str {
        match self {
            Level::Submission => "on the submission",
            Level::EmbeddedSubmission => "in the embedded `submission`",
            Level::MeasurementSet => "on each measurement set",
            Level::Measurement => "on each measurement",
            Level::Value => "in a measurement's `value` object",
        }
    }
}

/// Every documented property and the level it belongs to.
const KEYS: &[(&str, Level)] = &[
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

/// What to add after "`key` is not a property of …": where the key
/// belongs when it is a property of another level, else the closest
/// documented key that is not `key` itself.
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
    match crate::json::schema::closest(key, candidates) {
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

/// A submission key seen in a body belongs in its embedded submission.
fn belongs_place(belongs: Level, level: Option<Level>) -> &'static str {
    match (belongs, level) {
        (Level::Submission, Some(Level::MeasurementSet | Level::EmbeddedSubmission)) => {
            Level::EmbeddedSubmission.place()
        }
        _ => belongs.place(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
