//! Builds the typed model from a parsed JSON document and its span index.
//!
//! Values of the wrong JSON type become `None` (the schema check reports
//! them); the model never guesses.
//!
//! The document's skeleton (`parse.rs`) has no measurement items, and its
//! span index none of their values: each item is indexed here from its own
//! bytes, built into a `Value`, handed to the caller (the front end
//! validates it), decoded, and dropped, so memory holds one item's index
//! and `Value` at a time, never the whole document's.

use serde_json::{Map, Value};

use crate::json::schema::{DocumentShape, ItemSchema};
use crate::json_syntax::envelope;
use crate::json_syntax::parse::ParsedJson;
use crate::json_syntax::span_index::{Item, NodeId, SpanIndex};
use crate::model::{
    Count, Loc, MeasureValue, Measurement, MeasurementSet, Node, Pointer, Proportion, Submission,
};
use crate::source::Span;

/// Called with every item of every measurements array the model reads:
/// its value, the schema the set's category picks for it, its pointer,
/// and the item in its span index (with the keys it repeats).
pub type OnItem<'f> = dyn FnMut(&Value, ItemSchema, &Pointer, &Item) + 'f;

struct Decoder<'a, 'f> {
    /// The document's index, which holds all but the measurement items.
    doc: Reader<'a>,
    on_item: &'f mut OnItem<'f>,
}

/// Reads model values, with their places, from one span index: the
/// document's, or a measurement item's own.
#[derive(Clone, Copy)]
struct Reader<'a> {
    index: &'a SpanIndex<'a>,
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
    let mut decoder = Decoder {
        doc: Reader { index },
        on_item,
    };
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
                let at = self.doc.member(top, "submission");
                self.submission(identity, &at)
            }
            None => self.submission(&Map::new(), top),
        };
        submission.loc = self.doc.head_loc(top);
        submission.measurement_sets = vec![self.measurement_set(root, top)];
        submission
    }

    fn submission(&mut self, object: &Map<String, Value>, at: &At) -> Submission {
        let doc = self.doc;
        let performance_year = object
            .get("performanceYear")
            .and_then(Value::as_i64)
            .map(|year| Node::new(year, doc.loc(&doc.member(at, "performanceYear"))));
        let mut measurement_sets = Vec::new();
        if let Some(sets) = object.get("measurementSets").and_then(Value::as_array) {
            let list = doc.member(at, "measurementSets");
            for (i, set) in sets.iter().enumerate() {
                if let Some(set) = set.as_object() {
                    let at = doc.item(&list, i);
                    measurement_sets.push(self.measurement_set(set, &at));
                }
            }
        }
        Submission {
            loc: doc.head_loc(at),
            format: crate::model::SourceFormat::Json,
            entity_type: doc.string(object, at, "entityType"),
            taxpayer_identification_number: doc.string(object, at, "taxpayerIdentificationNumber"),
            national_provider_identifier: doc.string(object, at, "nationalProviderIdentifier"),
            entity_id: doc.string(object, at, "entityId"),
            performance_year,
            measurement_sets,
        }
    }

    fn measurement_set(&mut self, object: &Map<String, Value>, at: &At) -> MeasurementSet {
        let doc = self.doc;
        let measurements = match object.get("measurements") {
            Some(Value::Array(_)) => self.measurements(&doc.member(at, "measurements"), object),
            _ => Vec::new(),
        };
        MeasurementSet {
            loc: doc.head_loc(at),
            category: doc.string(object, at, "category"),
            submission_method: doc.string(object, at, "submissionMethod"),
            program_name: doc.string(object, at, "programName"),
            performance_start: doc.string(object, at, "performanceStart"),
            performance_end: doc.string(object, at, "performanceEnd"),
            cehrt_id: doc.string(object, at, "cehrtId"),
            measurements,
        }
    }

    /// The items of the measurements array at `list` (cut from the
    /// skeleton), each indexed and built from its own bytes in the source.
    fn measurements(&mut self, list: &At, set: &Map<String, Value>) -> Vec<Measurement> {
        let Some(list_node) = list.node else {
            return Vec::new();
        };
        let schema = ItemSchema::of_set(set);
        let mut measurements = Vec::with_capacity(self.doc.index.item_count(list_node));
        self.doc.index.for_each_item(list_node, |i, item| {
            // Every item is JSON (the whole document parsed); were one not,
            // it is skipped rather than panicking.
            let Some(value) = crate::json_syntax::value::build(item.index, item.node, &|_| false)
            else {
                return;
            };
            let at = At {
                pointer: list.pointer.item(i),
                node: Some(item.node),
            };
            (self.on_item)(&value, schema, &at.pointer, &item);
            if let Some(object) = value.as_object() {
                let reader = Reader { index: item.index };
                measurements.push(reader.measurement(object, &at));
            }
        });
        measurements
    }
}

impl<'a> Reader<'a> {
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
            .map(|s| Span::new(s.start(), (s.start() + 1).min(s.end())))
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

    /// A member's text as the model stores it (`String`, or `CompactString`
    /// for a measure id, which is short and held once per measurement).
    fn string<S: for<'s> From<&'s str>>(
        &self,
        object: &Map<String, Value>,
        parent: &At,
        key: &str,
    ) -> Option<Node<S>> {
        let value = object.get(key)?.as_str()?;
        Some(Node::new(
            S::from(value),
            self.loc(&self.member(parent, key)),
        ))
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
