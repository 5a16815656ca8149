//! Strict JSON parsing with positions: serde_json for the syntax, our span
//! index for where each value is, and a [`Problem`] for everything that is
//! not strict RFC 8259 JSON.
//!
//! The whole document is never held as one `serde_json::Value`: a file with
//! a million measurements would need gigabytes for it. serde_json reads the
//! document once keeping nothing ([`Syntax`]), the span index records where
//! everything is, and the value the schema and the decoder read is the
//! document's *skeleton*: the document with the items of every measurements
//! array cut out. Each item is parsed, checked and decoded on its own later
//! (`decode.rs`), then dropped.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::json_syntax::Problem;
use crate::json_syntax::span_index::{DuplicateKey, NodeId, SpanIndex};
use crate::source::{SourceFile, Span};

/// A parsed document: its skeleton and where each part is.
pub struct ParsedJson<'a> {
    /// The document with the items of its measurements arrays left out
    /// (each such array reads `[]`); see [`measurement_arrays`].
    pub skeleton: Value,
    pub index: SpanIndex<'a>,
}

const BOM: &str = "\u{feff}";

/// Parses `source`. Returns the document when it is JSON (possibly after a
/// byte-order mark, which is reported but skipped so the rest gets checked),
/// and the problems with its syntax, in the order they were found.
pub fn parse(source: &SourceFile) -> (Option<ParsedJson<'_>>, Vec<Problem>) {
    let mut problems = Vec::new();
    if let Some(offset) = source.invalid_utf8_at {
        problems.push(Problem::InvalidUtf8 {
            offset,
            utf16: source.utf16,
            span: source.clamp_span(Span::new(offset, offset + 1)),
        });
        return (None, problems);
    }

    let text = source.text.as_str();
    let body_start = if text.starts_with(BOM) {
        problems.push(Problem::ByteOrderMark {
            span: Span::new(0, BOM.len()),
        });
        BOM.len()
    } else {
        0
    };

    match serde_json::from_str::<Syntax>(&text[body_start..]) {
        Ok(Syntax) => {
            // The items of the measurements arrays are indexed only when the
            // decoder reads them, one at a time; arrays that may hold them
            // are left out, then those that turn out not to be the ones
            // read are indexed after all.
            let mut index = SpanIndex::build_deferring(text, &may_be_measurements);
            let mut cuts = measurement_arrays(&index);
            cuts.sort_unstable();
            index.expand_deferred(&|node| cuts.binary_search(&node).is_ok());
            problems.extend(duplicate_key_problems(text, index.duplicate_keys()));
            // The skeleton is JSON whenever the document is (only whole
            // array items are cut); were it not, the file gets no model
            // rather than a panic.
            let parsed = skeleton(&index, &cuts).map(|skeleton| ParsedJson { skeleton, index });
            (parsed, problems)
        }
        Err(err) => {
            problems.push(syntax_error(source, body_start, &err));
            (None, problems)
        }
    }
}

/// The findings-to-be for repeated keys of `text`.
pub fn duplicate_key_problems<'d>(
    text: &'d str,
    duplicates: &'d [DuplicateKey],
) -> impl Iterator<Item = Problem> + 'd {
    duplicates.iter().map(|duplicate| Problem::DuplicateKey {
        key: text[duplicate.second.range()].to_owned(),
        pointer: duplicate.pointer.clone(),
        first: duplicate.first,
        second: duplicate.second,
    })
}

/// Whether the array at `pointer` may be one of [`measurement_arrays`]:
/// a `measurements` member of the root, of the envelope's submission, or of
/// an item of their `measurementSets`. Which of them are depends on keys
/// the scan may not have met yet (`submission`, `measurementSets`).
fn may_be_measurements(pointer: &str) -> bool {
    let within = pointer
        .strip_prefix(crate::json_syntax::envelope::ENVELOPE_POINTER)
        .unwrap_or(pointer);
    let Some(owner) = within.strip_suffix("/measurements") else {
        return false;
    };
    owner.is_empty()
        || owner
            .strip_prefix("/measurementSets/")
            .is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads any JSON value through the same serde_json code path as
/// `Value` (so every syntax error, depth limit and out-of-range number is
/// reported at the same byte with the same words) while keeping nothing.
/// Not `serde::de::IgnoredAny`: serde_json skips ignored values by a
/// shortcut that does not convert numbers, so `1e400` would pass.
struct Syntax;

impl<'de> Deserialize<'de> for Syntax {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Syntax, D::Error> {
        deserializer.deserialize_any(SyntaxVisitor)
    }
}

struct SyntaxVisitor;

impl<'de> Visitor<'de> for SyntaxVisitor {
    type Value = Syntax;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_str<E>(self, _: &str) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_unit<E>(self) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Syntax, A::Error> {
        while seq.next_element::<Syntax>()?.is_some() {}
        Ok(Syntax)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Syntax, A::Error> {
        while map.next_key::<Syntax>()?.is_some() {
            map.next_value::<Syntax>()?;
        }
        Ok(Syntax)
    }
}

/// The measurements arrays whose items are read one by one
/// instead of as part of the skeleton: `measurements` of every measurement
/// set object, where the schema and the decoder look for them (the sets of
/// `measurementSets`, or the root itself for a `POST /measurement-sets`
/// body; inside the `data.submission` of an API envelope). Non-empty
/// arrays only (a deferred array is never empty).
pub fn measurement_arrays(index: &SpanIndex) -> Vec<NodeId> {
    // The submission inside an API envelope is read like a bare one.
    let Some(root) = crate::json_syntax::envelope::inner_node(index)
        .or_else(|| index.root().filter(|&r| index.is_object(r)))
    else {
        return Vec::new();
    };
    let body = index.member(root, "submission").is_some()
        && index.member(root, "measurementSets").is_none();
    let sets: Vec<_> = if body {
        vec![root]
    } else {
        index
            .member(root, "measurementSets")
            .map(|sets| index.items(sets).collect())
            .unwrap_or_default()
    };
    sets.into_iter()
        .filter(|&set| index.is_object(set))
        .filter_map(|set| index.member(set, "measurements"))
        .filter(|&list| index.is_deferred(list) || index.items(list).next().is_some())
        .collect()
}

/// The document with the inside of every array of `cuts` (the
/// [`measurement_arrays`], sorted) left out, built from the index (`None` only if the index did not
/// describe the document, which never happens for accepted JSON).
fn skeleton(index: &SpanIndex, cuts: &[NodeId]) -> Option<Value> {
    let root = index.root()?;
    crate::json_syntax::value::build(index, root, &|node| cuts.binary_search(&node).is_ok())
}

/// Turns serde_json's error into a problem at the byte where it stopped.
fn syntax_error(source: &SourceFile, body_start: usize, err: &serde_json::Error) -> Problem {
    let text = source.text.as_str();
    // serde_json counts lines from 1 and columns in bytes from 1 (0 when it
    // stopped before reading a byte of the line), relative to what it read.
    let offset = if err.line() == 0 {
        body_start
    } else {
        let column = err.column().max(1);
        let offset = source.offset_of_line_byte_column(err.line(), column);
        if err.line() == 1 {
            offset + body_start
        } else {
            offset
        }
    };
    let mut offset = source.clamp_offset(offset);
    if err.is_eof() {
        // serde_json names the last byte it read; the problem is the end.
        offset = text.len();
    } else if err.to_string().starts_with("trailing comma") {
        // serde_json stops at the bracket; the comma before it is the culprit.
        if let Some(comma) = text[..offset].rfind(',') {
            offset = comma;
        }
    }
    let at = text[offset..].chars().next();
    let span = Span::new(offset, offset + at.map_or(0, char::len_utf8));

    let raw = err.to_string();
    // serde_json appends " at line L column C"; we print positions ourselves.
    let reason = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
    Problem::Syntax {
        span,
        reason: reason.to_owned(),
        at,
        empty: text[body_start..].trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one syntax problem of `text`: its reason, where parsing stopped,
    /// and the line and column of its span.
    fn syntax(text: &str) -> (String, Option<char>, bool, usize, usize) {
        let source = SourceFile::from_text("t.json", text);
        let (parsed, problems) = parse(&source);
        assert!(parsed.is_none());
        let Some(Problem::Syntax {
            span,
            reason,
            at,
            empty,
        }) = problems.last()
        else {
            panic!("no syntax problem: {problems:?}");
        };
        let lc = source.line_col(span.start());
        (reason.clone(), *at, *empty, lc.line, lc.column)
    }

    #[test]
    fn trailing_comma_points_at_the_comma() {
        let (reason, at, _, line, column) = syntax("{\n  \"a\": 1,\n}");
        assert_eq!(reason, "trailing comma");
        assert_eq!(at, Some(','));
        assert_eq!((line, column), (2, 9));
    }

    #[test]
    fn the_character_where_parsing_stopped_is_kept() {
        assert_eq!(syntax("{\"a\": 1 // x\n}").1, Some('/'));
        assert_eq!(syntax("{\"a\": NaN}").1, Some('N'));
        assert_eq!(syntax("{'a': 1}").1, Some('\''));
    }

    #[test]
    fn empty_and_truncated_files() {
        assert!(syntax("").2);
        assert!(syntax("  \n").2);
        let (reason, at, empty, line, _) = syntax("{\n\"a\": [1,");
        assert!(reason.starts_with("EOF while parsing"), "{reason}");
        assert_eq!((at, empty, line), (None, false, 2));
    }

    #[test]
    fn byte_order_mark_is_reported_and_the_rest_is_parsed() {
        let source = SourceFile::from_text("t.json", "\u{feff}{\"a\": 1,}");
        let (parsed, problems) = parse(&source);
        assert!(parsed.is_none());
        assert_eq!(
            problems[0],
            Problem::ByteOrderMark {
                span: Span::new(0, 3)
            }
        );
        // The trailing comma error lands on the comma (character 9 of line 1,
        // counting the BOM as one character).
        let Problem::Syntax { span, .. } = &problems[1] else {
            panic!("{problems:?}");
        };
        assert_eq!(source.line_col(span.start()).column, 9);
    }

    #[test]
    fn a_repeated_key_is_reported_with_both_places() {
        let source = SourceFile::from_text("t.json", "{\"a\": 1, \"a\": 2}");
        let (parsed, problems) = parse(&source);
        assert!(parsed.is_some());
        assert_eq!(
            problems,
            [Problem::DuplicateKey {
                key: "\"a\"".to_owned(),
                pointer: "/a".to_owned(),
                first: Span::new(1, 4),
                second: Span::new(9, 12),
            }]
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_stop_the_reading() {
        let source = SourceFile::from_bytes("t.json", b"{\"a\": \"\xff\"}".to_vec());
        let (parsed, problems) = parse(&source);
        assert!(parsed.is_none());
        assert!(
            matches!(
                problems.as_slice(),
                [Problem::InvalidUtf8 {
                    offset: 7,
                    utf16: false,
                    ..
                }]
            ),
            "{problems:?}"
        );
    }
}
