//! `serde_json::Value`s built from the span index instead of by parsing
//! the text again: the index already knows where every value, key and
//! scalar is, so the skeleton and each measurement item are assembled from
//! its nodes. Only what serde_json decides for itself is left to it (a key
//! or string with escapes, a number that is not a plain unsigned integer),
//! so the values are exactly those `serde_json::from_str` gives.

use serde_json::{Map, Number, Value};

use crate::json_syntax::span_index::{NodeId, SpanIndex};

/// The value of `node`, with every array for which `cut` holds left empty
/// (`[]`). `None` when the index does not describe a JSON value there,
/// which never happens for text serde_json accepted.
pub fn build(index: &SpanIndex, node: NodeId, cut: &dyn Fn(NodeId) -> bool) -> Option<Value> {
    let text = index.text();
    let span = index.spans(node)?.value;
    if index.is_object(node) {
        let mut map = Map::new();
        for member in index.children(node) {
            let key = index.spans(member)?.key?;
            let key = string(text.get(key.range())?)?;
            // Like serde_json, a repeated key keeps its last value.
            map.insert(key, build(index, member, cut)?);
        }
        return Some(Value::Object(map));
    }
    if index.is_array(node) {
        if cut(node) {
            return Some(Value::Array(Vec::new()));
        }
        if index.is_deferred(node) {
            // Its items are not in this index.
            return None;
        }
        let items = index
            .children(node)
            .map(|item| build(index, item, cut))
            .collect::<Option<Vec<_>>>()?;
        return Some(Value::Array(items));
    }
    let raw = text.get(span.range())?;
    match raw.as_bytes().first()? {
        b'"' => string(raw).map(Value::String),
        b't' if raw == "true" => Some(Value::Bool(true)),
        b'f' if raw == "false" => Some(Value::Bool(false)),
        b'n' if raw == "null" => Some(Value::Null),
        _ => number(raw),
    }
}

/// A string literal's value (`raw` with its quotes).
fn string(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if memchr::memchr(b'\\', inner.as_bytes()).is_none() {
        // Accepted JSON has no control character in a string: without an
        // escape, the text between the quotes is the value.
        Some(inner.to_owned())
    } else {
        serde_json::from_str(raw).ok()
    }
}

/// A number literal's value. A plain unsigned integer that fits in `u64`
/// is what serde_json makes a `u64` of; any other number (a sign, a
/// fraction, an exponent, an overflow) is read by serde_json itself.
fn number(raw: &str) -> Option<Value> {
    if !raw.is_empty()
        && raw.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = raw.parse::<u64>()
    {
        return Some(Value::Number(Number::from(n)));
    }
    match serde_json::from_str::<Value>(raw).ok()? {
        number @ Value::Number(_) => Some(number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value built from the index is the one serde_json parses.
    fn same_as_serde(text: &str) {
        let index = SpanIndex::build(text);
        let built = index.root().and_then(|root| build(&index, root, &|_| false));
        let parsed: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        assert_eq!(built, Some(parsed.clone()), "{text}");
        // Numbers compare by kind too: `1` (u64) and `1.0` (f64) differ.
        assert_eq!(
            serde_json::to_string(&built).unwrap(),
            serde_json::to_string(&Some(parsed)).unwrap(),
            "{text}"
        );
    }

    #[test]
    fn values_match_serde_json() {
        for text in [
            "{}",
            "[]",
            "0",
            "-0",
            "\"\"",
            "[1, -1, 0.5, 1e3, 1E-2, -0.0, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809, 1.7976931348623157e308]",
            r#"{"a": "x\"y\u00e9\ud83d\ude00", "b\n": [true, false, null], "a": {"c": [[], {}]}}"#,
            "\u{feff}{\"é\": \"ü\"}",
            r#"{"measurementSets": [{"measurements": [{"measureId": "PI_EP_1", "value": {"numerator": 3, "denominator": 4.0}}]}]}"#,
        ] {
            same_as_serde(text);
        }
    }

    #[test]
    fn cut_arrays_are_left_empty() {
        let text = r#"{"a": [1, 2], "b": [3]}"#;
        let index = SpanIndex::build(text);
        let root = index.root().unwrap();
        let a = index.member(root, "a").unwrap();
        let built = build(&index, root, &|node| node == a).unwrap();
        assert_eq!(built, serde_json::json!({"a": [], "b": [3]}));
    }
}
