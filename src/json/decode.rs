//! Builds the typed model from a parsed JSON document and its span index.
//!
//! Values of the wrong JSON type become `None` (the schema check reports
//! them); the model never guesses.
//!
//! The document's skeleton (`parse.rs`) has no measurement items: each item
//! is parsed here from its own bytes, handed to the caller (the front end
//! validates it), decoded, and dropped, so memory holds one item's `Value`
//! at a time, never the whole document's.

use serde_json::{Map, Value};

use crate::json::schema::{DocumentShape, ItemSchema};
use crate::json_syntax::envelope;
use crate::json_syntax::parse::ParsedJson;
use crate::json_syntax::span_index::{NodeId, SpanIndex};
use crate::model::{
    Count, Loc, MeasureValue, Measurement, MeasurementSet, Node, Pointer, Proportion, Submission,
};
use crate::source::Span;

/// Called with every item of every measurements array the model reads:
/// its value, the schema the set's category picks for it, its pointer.
pub type OnItem<'f> = dyn FnMut(&Value, ItemSchema, &Pointer) + 'f;

struct Decoder<'a, 'f> {
    index: &'a SpanIndex<'a>,
    on_item: &'f mut OnItem<'f>,
}

/// Where a value is: its pointer and its node in the span index (`None`
/// when the index has no such value, e.g. the missing `submission` of a
/// body: every span then defaults, as a lookup that fails would).
#[derive(Clone)]
struct At {
    pointer: Pointer,
    node: Option<NodeId>,
}

/// The submission the document describes, when its top level is an
/// object, calling `on_item` with each measurement item on the way.
pub fn decode_with<'f>(parsed: &ParsedJson, on_item: &'f mut OnItem<'f>) -> Option<Submission> {
    let (value, index) = (&parsed.skeleton, &parsed.index);
    let root = value.as_object()?;
    let mut decoder = Decoder { index, on_item };
    let top = At {
        pointer: Pointer::Root,
        node: index.root(),
    };
    // The submission inside an API envelope, at its own pointers.
    if let Some(inner) = envelope::inner(value) {
        let at = At {
            pointer: envelope::inner_pointer(),
            node: envelope::inner_node(index),
        };
        return Some(match DocumentShape::of_map(inner) {
            DocumentShape::Submission => decoder.submission(inner, &at),
            DocumentShape::MeasurementSetBody => decoder.body(inner, &at),
        });
    }
    Some(match DocumentShape::of(value) {
        DocumentShape::Submission => decoder.submission(root, &top),
        DocumentShape::MeasurementSetBody => decoder.body(root, &top),
    })
}

impl Decoder<'_, '_> {
    /// A `POST /measurement-sets` body: its embedded `submission` holds the
    /// identity; the body itself is the one measurement set.
    fn body(&mut self, root: &Map<String, Value>, top: &At) -> Submission {
        let identity = root.get("submission").and_then(Value::as_object);
        let mut submission = match identity {
            Some(identity) => {
                let at = self.member(top, "submission");
                self.submission(identity, &at)
            }
            None => self.submission(&Map::new(), top),
        };
        submission.loc = self.head_loc(top);
        submission.measurement_sets = vec![self.measurement_set(root, top)];
        submission
    }

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
        At {
            pointer: parent.pointer.member(key),
            node: parent.node.and_then(|node| self.index.member(node, key)),
        }
    }

    fn item(&self, parent: &At, i: usize) -> At {
        At {
            pointer: parent.pointer.item(i),
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

    fn submission(&mut self, object: &Map<String, Value>, at: &At) -> Submission {
        let performance_year = object
            .get("performanceYear")
            .and_then(Value::as_i64)
            .map(|year| Node::new(year, self.loc(&self.member(at, "performanceYear"))));
        let mut measurement_sets = Vec::new();
        if let Some(sets) = object.get("measurementSets").and_then(Value::as_array) {
            let list = self.member(at, "measurementSets");
            for (i, set) in sets.iter().enumerate() {
                if let Some(set) = set.as_object() {
                    let at = self.item(&list, i);
                    measurement_sets.push(self.measurement_set(set, &at));
                }
            }
        }
        Submission {
            loc: self.head_loc(at),
            format: crate::model::SourceFormat::Json,
            entity_type: self.string(object, at, "entityType"),
            taxpayer_identification_number: self.string(object, at, "taxpayerIdentificationNumber"),
            national_provider_identifier: self.string(object, at, "nationalProviderIdentifier"),
            entity_id: self.string(object, at, "entityId"),
            performance_year,
            measurement_sets,
        }
    }

    fn measurement_set(&mut self, object: &Map<String, Value>, at: &At) -> MeasurementSet {
        let measurements = match object.get("measurements") {
            Some(Value::Array(_)) => self.measurements(&self.member(at, "measurements"), object),
            _ => Vec::new(),
        };
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

    /// The items of the measurements array at `list` (cut from the
    /// skeleton), each parsed from its own bytes in the source.
    fn measurements(&mut self, list: &At, set: &Map<String, Value>) -> Vec<Measurement> {
        let Some(list_node) = list.node else {
            return Vec::new();
        };
        let schema = ItemSchema::of_set(set);
        let index = self.index;
        let mut measurements = Vec::with_capacity(index.items(list_node).count());
        for (i, node) in index.items(list_node).enumerate() {
            // Every item is JSON (the whole document parsed); were one not,
            // it is skipped rather than panicking.
            let Some(item) = crate::json_syntax::value::build(index, node, &|_| false) else {
                continue;
            };
            let at = At {
                pointer: list.pointer.item(i),
                node: Some(node),
            };
            (self.on_item)(&item, schema, &at.pointer);
            if let Some(object) = item.as_object() {
                measurements.push(self.measurement(object, &at));
            }
        }
        measurements
    }

    fn measurement(&self, object: &Map<String, Value>, at: &At) -> Measurement {
        let value = match object.get("value") {
            Some(Value::Bool(b)) => Some(MeasureValue::Boolean(Node::new(
                *b,
                self.loc(&self.member(at, "value")),
            ))),
            Some(Value::Object(fields)) => {
                let value_at = self.member(at, "value");
                Some(MeasureValue::Proportion(Box::new(Proportion {
                    loc: self.head_loc(&value_at),
                    numerator: self.count(fields, &value_at, "numerator"),
                    denominator: self.count(fields, &value_at, "denominator"),
                })))
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
