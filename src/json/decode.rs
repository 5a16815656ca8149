//! Builds the typed model from a parsed JSON document and its span index.
//!
//! Values of the wrong JSON type become `None` (the schema check reports
//! them); the model never guesses.

use serde_json::{Map, Value};

use crate::json::schema::DocumentShape;
use crate::json::span_index::{SpanIndex, push_token};
use crate::model::{
    Count, Loc, MeasureValue, Measurement, MeasurementSet, Node, Proportion, Submission,
};
use crate::source::Span;

struct Decoder<'a> {
    index: &'a SpanIndex<'a>,
}

/// The submission the document describes, when its top level is an object.
pub fn decode(value: &Value, index: &SpanIndex) -> Option<Submission> {
    let root = value.as_object()?;
    let decoder = Decoder { index };
    Some(match DocumentShape::of(value) {
        DocumentShape::Submission => decoder.submission(root, ""),
        DocumentShape::MeasurementSetBody => {
            // The body's embedded `submission` holds the identity; the body
            // itself is the one measurement set.
            let identity = root.get("submission").and_then(Value::as_object);
            let mut submission = match identity {
                Some(identity) => decoder.submission(identity, "/submission"),
                None => decoder.submission(&Map::new(), ""),
            };
            submission.loc = decoder.head_loc("");
            submission.measurement_sets = vec![decoder.measurement_set(root, "")];
            submission
        }
    })
}

impl Decoder<'_> {
    fn loc(&self, pointer: &str) -> Loc {
        Loc {
            span: self.index.value_span(pointer).unwrap_or_default(),
            pointer: pointer.to_owned(),
        }
    }

    /// The opening bracket of an object or array.
    fn head_loc(&self, pointer: &str) -> Loc {
        let span = self
            .index
            .value_span(pointer)
            .map(|s| Span::new(s.start, (s.start + 1).min(s.end)))
            .unwrap_or_default();
        Loc {
            span,
            pointer: pointer.to_owned(),
        }
    }

    fn child(parent: &str, token: &str) -> String {
        let mut pointer = parent.to_owned();
        push_token(&mut pointer, token);
        pointer
    }

    fn string(&self, object: &Map<String, Value>, parent: &str, key: &str) -> Option<Node<String>> {
        let value = object.get(key)?.as_str()?;
        Some(Node::new(
            value.to_owned(),
            self.loc(&Self::child(parent, key)),
        ))
    }

    fn submission(&self, object: &Map<String, Value>, pointer: &str) -> Submission {
        let year_pointer = Self::child(pointer, "performanceYear");
        let performance_year = object
            .get("performanceYear")
            .and_then(Value::as_i64)
            .map(|year| Node::new(year, self.loc(&year_pointer)));
        let sets_pointer = Self::child(pointer, "measurementSets");
        let measurement_sets = object
            .get("measurementSets")
            .and_then(Value::as_array)
            .map(|sets| {
                sets.iter()
                    .enumerate()
                    .filter_map(|(i, set)| {
                        let set_pointer = format!("{sets_pointer}/{i}");
                        set.as_object()
                            .map(|set| self.measurement_set(set, &set_pointer))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Submission {
            loc: self.head_loc(pointer),
            entity_type: self.string(object, pointer, "entityType"),
            taxpayer_identification_number: self.string(
                object,
                pointer,
                "taxpayerIdentificationNumber",
            ),
            national_provider_identifier: self.string(
                object,
                pointer,
                "nationalProviderIdentifier",
            ),
            entity_id: self.string(object, pointer, "entityId"),
            performance_year,
            measurement_sets,
        }
    }

    fn measurement_set(&self, object: &Map<String, Value>, pointer: &str) -> MeasurementSet {
        let list_pointer = Self::child(pointer, "measurements");
        let measurements = object
            .get("measurements")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        let item_pointer = format!("{list_pointer}/{i}");
                        item.as_object().map(|m| self.measurement(m, &item_pointer))
                    })
                    .collect()
            })
            .unwrap_or_default();
        MeasurementSet {
            loc: self.head_loc(pointer),
            category: self.string(object, pointer, "category"),
            submission_method: self.string(object, pointer, "submissionMethod"),
            program_name: self.string(object, pointer, "programName"),
            performance_start: self.string(object, pointer, "performanceStart"),
            performance_end: self.string(object, pointer, "performanceEnd"),
            cehrt_id: self.string(object, pointer, "cehrtId"),
            measurements,
        }
    }

    fn measurement(&self, object: &Map<String, Value>, pointer: &str) -> Measurement {
        let value_pointer = Self::child(pointer, "value");
        let value = match object.get("value") {
            Some(Value::Bool(b)) => Some(MeasureValue::Boolean(Node::new(
                *b,
                self.loc(&value_pointer),
            ))),
            Some(Value::Object(fields)) => Some(MeasureValue::Proportion(Proportion {
                loc: self.head_loc(&value_pointer),
                numerator: self.count(fields, &value_pointer, "numerator"),
                denominator: self.count(fields, &value_pointer, "denominator"),
            })),
            _ => None,
        };
        Measurement {
            loc: self.head_loc(pointer),
            measure_id: self.string(object, pointer, "measureId"),
            value,
        }
    }

    fn count(&self, object: &Map<String, Value>, parent: &str, key: &str) -> Option<Node<Count>> {
        let Value::Number(number) = object.get(key)? else {
            return None;
        };
        let count = Count {
            text: number.to_string(),
            whole: number.as_u64(),
        };
        Some(Node::new(count, self.loc(&Self::child(parent, key))))
    }
}
