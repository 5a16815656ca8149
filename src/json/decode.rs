//! Builds the typed model from a parsed JSON document and its span index.
//!
//! Values of the wrong JSON type become `None` (the schema check reports
//! them); the model never guesses.

use serde_json::{Map, Value};

use crate::json::schema::DocumentShape;
use crate::json::span_index::{NodeId, SpanIndex, push_token};
use crate::model::{
    Count, Loc, MeasureValue, Measurement, MeasurementSet, Node, Proportion, Submission,
};
use crate::source::Span;

struct Decoder<'a> {
    index: &'a SpanIndex<'a>,
}

/// Where a value is: its pointer and its node in the span index (`None`
/// when the index has no such value, e.g. the missing `submission` of a
/// body: every span then defaults, as a lookup that fails would).
#[derive(Clone)]
struct At {
    pointer: String,
    node: Option<NodeId>,
}

/// The submission the document describes, when its top level is an object.
pub fn decode(value: &Value, index: &SpanIndex) -> Option<Submission> {
    let root = value.as_object()?;
    let decoder = Decoder { index };
    let top = At {
        pointer: String::new(),
        node: index.root(),
    };
    Some(match DocumentShape::of(value) {
        DocumentShape::Submission => decoder.submission(root, &top),
        DocumentShape::MeasurementSetBody => {
            // The body's embedded `submission` holds the identity; the body
            // itself is the one measurement set.
            let identity = root.get("submission").and_then(Value::as_object);
            let mut submission = match identity {
                Some(identity) => decoder.submission(identity, &decoder.member(&top, "submission")),
                None => decoder.submission(&Map::new(), &top),
            };
            submission.loc = decoder.head_loc(&top);
            submission.measurement_sets = vec![decoder.measurement_set(root, &top)];
            submission
        }
    })
}

impl Decoder<'_> {
    fn span(&self, at: &At) -> Option<Span> {
        at.node
            .and_then(|node| self.index.spans(node))
            .map(|s| s.value)
    }

    fn loc(&self, at: &At) -> Loc {
        Loc {
            span: self.span(at).unwrap_or_default(),
            pointer: at.pointer.clone(),
        }
    }

    /// The opening bracket of an object or array.
    fn head_loc(&self, at: &At) -> Loc {
        let span = self
            .span(at)
            .map(|s| Span::new(s.start, (s.start + 1).min(s.end)))
            .unwrap_or_default();
        Loc {
            span,
            pointer: at.pointer.clone(),
        }
    }

    fn member(&self, parent: &At, key: &str) -> At {
        let mut pointer = String::with_capacity(parent.pointer.len() + 1 + key.len());
        pointer.push_str(&parent.pointer);
        push_token(&mut pointer, key);
        At {
            pointer,
            node: parent.node.and_then(|node| self.index.member(node, key)),
        }
    }

    fn item(&self, parent: &At, i: usize) -> At {
        At {
            pointer: format!("{}/{i}", parent.pointer),
            node: parent.node.and_then(|node| self.index.item(node, i)),
        }
    }

    fn string(&self, object: &Map<String, Value>, parent: &At, key: &str) -> Option<Node<String>> {
        let value = object.get(key)?.as_str()?;
        Some(Node::new(
            value.to_owned(),
            self.loc(&self.member(parent, key)),
        ))
    }

    fn submission(&self, object: &Map<String, Value>, at: &At) -> Submission {
        let performance_year = object
            .get("performanceYear")
            .and_then(Value::as_i64)
            .map(|year| Node::new(year, self.loc(&self.member(at, "performanceYear"))));
        let measurement_sets = object
            .get("measurementSets")
            .and_then(Value::as_array)
            .map(|sets| {
                let list = self.member(at, "measurementSets");
                sets.iter()
                    .enumerate()
                    .filter_map(|(i, set)| {
                        set.as_object()
                            .map(|set| self.measurement_set(set, &self.item(&list, i)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Submission {
            loc: self.head_loc(at),
            entity_type: self.string(object, at, "entityType"),
            taxpayer_identification_number: self.string(object, at, "taxpayerIdentificationNumber"),
            national_provider_identifier: self.string(object, at, "nationalProviderIdentifier"),
            entity_id: self.string(object, at, "entityId"),
            performance_year,
            measurement_sets,
        }
    }

    fn measurement_set(&self, object: &Map<String, Value>, at: &At) -> MeasurementSet {
        let measurements = object
            .get("measurements")
            .and_then(Value::as_array)
            .map(|items| {
                let list = self.member(at, "measurements");
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        item.as_object()
                            .map(|m| self.measurement(m, &self.item(&list, i)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        MeasurementSet {
            loc: self.head_loc(at),
            category: self.string(object, at, "category"),
            submission_method: self.string(object, at, "submissionMethod"),
            program_name: self.string(object, at, "programName"),
            performance_start: self.string(object, at, "performanceStart"),
            performance_end: self.string(object, at, "performanceEnd"),
            cehrt_id: self.string(object, at, "cehrtId"),
            measurements,
        }
    }

    fn measurement(&self, object: &Map<String, Value>, at: &At) -> Measurement {
        let value = match object.get("value") {
            Some(Value::Bool(b)) => Some(MeasureValue::Boolean(Node::new(
                *b,
                self.loc(&self.member(at, "value")),
            ))),
            Some(Value::Object(fields)) => {
                let value_at = self.member(at, "value");
                Some(MeasureValue::Proportion(Proportion {
                    loc: self.head_loc(&value_at),
                    numerator: self.count(fields, &value_at, "numerator"),
                    denominator: self.count(fields, &value_at, "denominator"),
                }))
            }
            _ => None,
        };
        Measurement {
            loc: self.head_loc(at),
            measure_id: self.string(object, at, "measureId"),
            value,
        }
    }

    fn count(&self, object: &Map<String, Value>, parent: &At, key: &str) -> Option<Node<Count>> {
        let Value::Number(number) = object.get(key)? else {
            return None;
        };
        let count = Count {
            text: number.to_string(),
            whole: number.as_u64(),
        };
        Some(Node::new(count, self.loc(&self.member(parent, key))))
    }
}
