//! QPP JSON identifier members whose key is written with `\u` escapes
//! (`"taxpayer\u0049dentificationNumber"`): a JSON reader reads the key
//! `taxpayerIdentificationNumber`, so its value is an identifier field.
//! The literal search in `super::json_values` misses it, and the model
//! keeps only one of two duplicate members, so an escaped duplicate showed
//! in clear. Only `\u` can spell a letter of a key, so a text without one
//! costs a single search.

use std::ops::Range;

use super::{JSON_KEYS, json_string_end};

/// The value of every member whose key, decoded, is an identifier key and
/// is written with an escape.
pub(super) fn escaped_members(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    if memchr::memmem::find(bytes, b"\\u").is_none() {
        return found;
    }
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'"', &bytes[i..]) {
        let body = i + at + 1;
        let end = body + json_string_end(&text[body..]);
        let key = &text[body..end];
        i = (end + 1).min(bytes.len());
        if !key.contains("\\u") {
            continue;
        }
        let decoded = decode(key);
        if !JSON_KEYS
            .iter()
            .any(|k| k.trim_matches('"') == decoded.as_str())
        {
            continue;
        }
        let rest = &text[i..];
        let Some(after_colon) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let value = after_colon.trim_start();
        let value_start = text.len() - value.len();
        if let Some(inner) = value.strip_prefix('"') {
            found.push(value_start + 1..value_start + 1 + json_string_end(inner));
        } else {
            let token_end = value
                .find([',', '}', ']', '\n', '\r'])
                .unwrap_or(value.len());
            found.push(value_start..value_start + value[..token_end].trim_end().len());
        }
    }
    found
}

/// A JSON string body with its `\u` escapes resolved (others kept as
/// written: no identifier key holds them).
fn decode(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("\\u") {
        out.push_str(&rest[..at]);
        let hex = rest.get(at + 2..at + 6);
        match hex
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_identifier_keys_are_fields() {
        let text = "{\"taxpayer\\u0049dentificationNumber\": \"987654321\",\n \
                    \"taxpayerIdentificationNumber\": \"00-0123456\",\n \
                    \"national\\u0050roviderIdentifier\" : 1234567893,\n \
                    \"program\\u004eame\": \"987654321\"}";
        let values: Vec<&str> = escaped_members(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(values, ["987654321", "1234567893"]);
    }

    #[test]
    fn broken_texts_do_not_panic() {
        for text in [
            "\"\\u",
            "\"\\u00\"",
            "\"a\\u0049\"",
            "\"taxpayer\\u0049dentificationNumber\"",
        ] {
            let _ = escaped_members(text);
        }
    }
}
