//! Property test: on any JSON document serde_json writes, every pointer the
//! span index knows resolves to text that parses to the value serde_json
//! gives for that pointer, and every value in the document is indexed.

use super::span_index::SpanIndex;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        (-1e12f64..1e12f64).prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        // Keys and strings with escapes, slashes, tildes and non-ASCII text.
        "[a-z~/\"\\\\\u{e9}\u{1F600}\n\t ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z~/\"\u{e9} ]{0,6}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every pointer of `value`, as RFC 6901 writes them.
fn pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
    out.push(prefix.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{prefix}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                pointers(item, format!("{prefix}/{token}"), out);
            }
        }
        _ => {}
    }
}

fn check(value: &Value, text: &str) -> Result<(), TestCaseError> {
    let index = SpanIndex::build(text);
    let mut expected = Vec::new();
    pointers(value, String::new(), &mut expected);
    prop_assert_eq!(index.reachable_values(), expected.len());
    for pointer in &expected {
        let span = index.value_span(pointer);
        prop_assert!(span.is_some(), "pointer {} not indexed", pointer);
        let span = span.unwrap();
        let slice = &text[span.range()];
        let parsed: Value = serde_json::from_str(slice)
            .map_err(|e| TestCaseError::fail(format!("{pointer}: {slice:?}: {e}")))?;
        prop_assert_eq!(Some(&parsed), value.pointer(pointer), "pointer {}", pointer);
        if let Some(key) = index.key_span(pointer) {
            let key_text: String = serde_json::from_str(&text[key.range()])
                .map_err(|e| TestCaseError::fail(format!("key of {pointer}: {e}")))?;
            let last = pointer.rsplit('/').next().unwrap_or_default();
            prop_assert_eq!(key_text.replace('~', "~0").replace('/', "~1"), last);
        }
    }
    prop_assert!(index.duplicate_keys().is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn compact_documents(value in arb_json()) {
        let text = serde_json::to_string(&value).unwrap();
        check(&value, &text)?;
    }

    #[test]
    fn pretty_documents(value in arb_json()) {
        let text = serde_json::to_string_pretty(&value).unwrap();
        check(&value, &text)?;
    }
}
