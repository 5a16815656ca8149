//! An index from every JSON value (and object key) to its byte range.
//!
//! serde_json gives values but no positions. This scanner walks the same text
//! once more and records, for each JSON Pointer (RFC 6901), the span of the
//! value and, for object members, the span of the key. It runs only on text
//! serde_json has already accepted, so it can stay small; it still never
//! panics on unexpected bytes (it stops indexing instead), because a bug here
//! must not take a CI run down.
//!
//! Duplicate object keys: serde_json keeps the *last* member, so the index
//! does too (pointers resolve to the value serde_json saw), and every earlier
//! occurrence is returned in [`SpanIndex::duplicate_keys`] for a finding.

use std::collections::HashMap;

use crate::source::Span;

/// Where one JSON value sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueSpans {
    /// The value itself, from its first to its last byte (quotes and brackets included).
    pub value: Span,
    /// The member's key (with quotes) when the value is an object member.
    pub key: Option<Span>,
}

/// A key that appears twice in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Pointer of the member (the one serde_json keeps, i.e. the later one).
    pub pointer: String,
    /// The earlier key, which serde_json silently dropped.
    pub first: Span,
    /// The later key.
    pub second: Span,
}

#[derive(Debug, Default)]
pub struct SpanIndex {
    spans: HashMap<String, ValueSpans>,
    /// Pointers in document (pre-)order; lets a duplicate member drop the
    /// stale entries of the subtree it replaces in linear total time.
    order: Vec<String>,
    duplicate_keys: Vec<DuplicateKey>,
}

impl SpanIndex {
    /// Indexes `text`, which must be JSON that serde_json accepted. A leading
    /// UTF-8 byte-order mark is skipped like whitespace.
    pub fn build(text: &str) -> SpanIndex {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            text,
            pos: 0,
            index: SpanIndex::default(),
        };
        if text.starts_with('\u{feff}') {
            scanner.pos = 3;
        }
        let mut pointer = String::new();
        scanner.skip_whitespace();
        let _ = scanner.value(&mut pointer, None);
        scanner.index
    }

    pub fn get(&self, pointer: &str) -> Option<&ValueSpans> {
        self.spans.get(pointer)
    }

    /// The span of the value at `pointer`.
    pub fn value_span(&self, pointer: &str) -> Option<Span> {
        self.spans.get(pointer).map(|s| s.value)
    }

    /// The span of the key at `pointer`, if the value is an object member.
    pub fn key_span(&self, pointer: &str) -> Option<Span> {
        self.spans.get(pointer).and_then(|s| s.key)
    }

    pub fn duplicate_keys(&self) -> &[DuplicateKey] {
        &self.duplicate_keys
    }

    /// Every indexed pointer, in no particular order.
    pub fn pointers(&self) -> impl Iterator<Item = &str> {
        self.spans.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    index: SpanIndex,
}

impl Scanner<'_> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Records the value starting at `self.pos` under `pointer`.
    fn value(&mut self, pointer: &mut String, key: Option<Span>) -> Option<Span> {
        let start = self.pos;
        let order_slot = self.index.order.len();
        self.index.order.push(pointer.clone());
        match self.peek()? {
            b'{' => self.object(pointer)?,
            b'[' => self.array(pointer)?,
            b'"' => {
                self.string()?;
            }
            _ => self.scalar(),
        }
        let spans = ValueSpans {
            value: Span::new(start, self.pos),
            key,
        };
        // The slot in `order` was taken before the children so that the
        // subtree of this value is `order[order_slot..]`.
        debug_assert!(self.index.order.len() > order_slot);
        self.index.spans.insert(pointer.clone(), spans);
        Some(spans.value)
    }

    fn object(&mut self, pointer: &mut String) -> Option<()> {
        self.pos += 1; // '{'
        // Decoded key → (key span, where its subtree starts in `order`).
        let mut seen: HashMap<String, (Span, usize, usize)> = HashMap::new();
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key_span = self.string()?;
            let key = self.decode_string(key_span)?;
            self.skip_whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_whitespace();
            let len = pointer.len();
            push_token(pointer, &key);
            if let Some(&(first, from, to)) = seen.get(&key) {
                self.forget_subtree(from, to);
                self.index.duplicate_keys.push(DuplicateKey {
                    pointer: pointer.clone(),
                    first,
                    second: key_span,
                });
            }
            let from = self.index.order.len();
            self.value(pointer, Some(key_span))?;
            let to = self.index.order.len();
            seen.insert(key, (key_span, from, to));
            pointer.truncate(len);
        }
    }

    fn array(&mut self, pointer: &mut String) -> Option<()> {
        self.pos += 1; // '['
        let mut i = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&i.to_string());
            self.value(pointer, None)?;
            pointer.truncate(len);
            i += 1;
        }
    }

    /// Removes the entries an earlier duplicate member left behind, so every
    /// pointer in the index resolves to what serde_json kept.
    fn forget_subtree(&mut self, from: usize, to: usize) {
        for pointer in &self.index.order[from..to] {
            self.index.spans.remove(pointer);
        }
    }

    /// Skips a string literal and returns its span (quotes included).
    fn string(&mut self) -> Option<Span> {
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(Span::new(start, self.pos));
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }

    fn decode_string(&self, span: Span) -> Option<String> {
        let raw = self.text.get(span.start..span.end)?;
        let inner = raw.get(1..raw.len().checked_sub(1)?)?;
        if inner.contains('\\') {
            serde_json::from_str(raw).ok()
        } else {
            Some(inner.to_owned())
        }
    }

    /// Numbers, `true`, `false`, `null`: everything up to a delimiter.
    fn scalar(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at<'a>(text: &'a str, index: &SpanIndex, pointer: &str) -> &'a str {
        let span = index.value_span(pointer).expect(pointer);
        &text[span.range()]
    }

    #[test]
    fn indexes_values_and_keys() {
        let text = r#"{"a": [1, {"b~/c": "x\"y"}], "d": null}"#;
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, ""), text);
        assert_eq!(text_at(text, &index, "/a/0"), "1");
        assert_eq!(text_at(text, &index, "/a/1/b~0~1c"), r#""x\"y""#);
        assert_eq!(text_at(text, &index, "/d"), "null");
        let key = index.key_span("/d").unwrap();
        assert_eq!(&text[key.range()], "\"d\"");
    }

    #[test]
    fn duplicate_keys_resolve_to_the_last_member_like_serde_json() {
        let text = r#"{"a": {"x": 1, "y": 2}, "a": {"x": 3}}"#;
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, "/a/x"), "3");
        assert!(index.get("/a/y").is_none(), "stale pointer left behind");
        let dup = &index.duplicate_keys()[0];
        assert_eq!(dup.pointer, "/a");
        assert_eq!(dup.first, Span::new(1, 4));
    }

    #[test]
    fn keys_with_escapes_are_decoded() {
        let text = r#"{"\u0061": true}"#;
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, "/a"), "true");
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let text = "\u{feff}[1]";
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, "/0"), "1");
    }

    #[test]
    fn garbage_never_panics() {
        for text in ["", "{", "[1,", "{\"a\"", "{\"a\":", "\"abc", "{\"a\\"] {
            let _ = SpanIndex::build(text);
        }
    }
}
