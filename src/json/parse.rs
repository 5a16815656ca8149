//! Strict JSON parsing with positions: serde_json for the value, our span
//! index for where each value is, and findings for everything that is not
//! strict RFC 8259 JSON.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::json::span_index::SpanIndex;
use crate::rules::file::{BYTE_ORDER_MARK, DUPLICATE_KEY, INVALID_JSON, INVALID_UTF8};
use crate::source::{SourceFile, Span};

/// A parsed document: the value serde_json read and where each part is.
pub struct ParsedJson<'a> {
    pub value: Value,
    pub index: SpanIndex<'a>,
}

const BOM: &str = "\u{feff}";

/// Parses `source`. Returns the document when it is JSON (possibly after a
/// byte-order mark, which is reported but skipped so the rest gets checked),
/// and the findings about its syntax.
pub fn parse(source: &SourceFile) -> (Option<ParsedJson<'_>>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if let Some(at) = source.invalid_utf8_at {
        let span = source.clamp_span(Span::new(at, at + 1));
        diagnostics.push(Diagnostic::new(
            &INVALID_UTF8,
            Some(span),
            "",
            if source.utf16 {
                "the file is encoded as UTF-16, not UTF-8".to_owned()
            } else {
                format!("the byte at offset {at} is not valid UTF-8")
            },
        ));
        return (None, diagnostics);
    }

    let text = source.text.as_str();
    let body_start = if text.starts_with(BOM) {
        diagnostics.push(Diagnostic::new(
            &BYTE_ORDER_MARK,
            Some(Span::new(0, BOM.len())),
            "",
            "the file starts with a UTF-8 byte-order mark",
        ));
        BOM.len()
    } else {
        0
    };

    match serde_json::from_str::<Value>(&text[body_start..]) {
        Ok(value) => {
            let index = SpanIndex::build(text);
            for duplicate in index.duplicate_keys() {
                diagnostics.push(
                    Diagnostic::new(
                        &DUPLICATE_KEY,
                        Some(duplicate.second),
                        duplicate.pointer.clone(),
                        format!(
                            "key {} appears twice in this object",
                            &text[duplicate.second.range()]
                        ),
                    )
                    .with_related(
                        duplicate.first,
                        "first defined here (pilint reads the later one)",
                    ),
                );
            }
            (Some(ParsedJson { value, index }), diagnostics)
        }
        Err(err) => {
            diagnostics.push(syntax_error(source, body_start, &err));
            (None, diagnostics)
        }
    }
}

/// Turns serde_json's error into a finding at the byte where it stopped,
/// in our words where we can say more than serde_json does.
fn syntax_error(source: &SourceFile, body_start: usize, err: &serde_json::Error) -> Diagnostic {
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

    let body = &text[body_start..];
    let message = if body.trim().is_empty() {
        "the file is empty: expected a JSON object".to_owned()
    } else {
        describe(err, at)
    };
    Diagnostic::new(&INVALID_JSON, Some(span), "", message)
}

fn describe(err: &serde_json::Error, at: Option<char>) -> String {
    let raw = err.to_string();
    // serde_json appends " at line L column C"; we print positions ourselves.
    let reason = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
    match at {
        Some('/') | Some('#') => "comments are not allowed in JSON".to_owned(),
        Some('N') | Some('I') | Some('-') if reason.starts_with("expected value") => {
            "NaN and Infinity are not JSON numbers".to_owned()
        }
        Some('\'') => "strings must use double quotes".to_owned(),
        _ if reason == "trailing comma" => {
            "trailing comma: JSON allows no comma after the last item".to_owned()
        }
        _ if reason.starts_with("EOF while parsing") => {
            format!(
                "the file ends too early ({})",
                reason.trim_start_matches("EOF while ")
            )
        }
        _ if reason == "trailing characters" => {
            "unexpected text after the end of the JSON document".to_owned()
        }
        _ => reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> (String, usize, usize) {
        let source = SourceFile::from_text("t.json", text);
        let (parsed, diags) = parse(&source);
        assert!(parsed.is_none());
        let d = &diags[0];
        let lc = source.line_col(d.span.unwrap().start);
        (d.message.clone(), lc.line, lc.column)
    }

    #[test]
    fn trailing_comma_points_at_the_closing_bracket() {
        let (message, line, column) = first("{\n  \"a\": 1,\n}");
        assert!(message.starts_with("trailing comma"), "{message}");
        assert_eq!((line, column), (2, 9));
    }

    #[test]
    fn comments_nan_and_quotes_get_our_words() {
        assert_eq!(
            first("{\"a\": 1 // x\n}").0,
            "comments are not allowed in JSON"
        );
        assert_eq!(
            first("{\"a\": NaN}").0,
            "NaN and Infinity are not JSON numbers"
        );
        assert_eq!(first("{'a': 1}").0, "strings must use double quotes");
    }

    #[test]
    fn empty_and_truncated_files() {
        assert_eq!(first("").0, "the file is empty: expected a JSON object");
        assert_eq!(first("  \n").0, "the file is empty: expected a JSON object");
        let (message, line, _) = first("{\n\"a\": [1,");
        assert!(message.starts_with("the file ends too early"), "{message}");
        assert_eq!(line, 2);
    }

    #[test]
    fn byte_order_mark_is_reported_and_the_rest_is_parsed() {
        let source = SourceFile::from_text("t.json", "\u{feff}{\"a\": 1,}");
        let (parsed, diags) = parse(&source);
        assert!(parsed.is_none());
        assert_eq!(diags[0].code, "F003");
        assert_eq!(diags[1].code, "F001");
        // The trailing comma error lands on the comma (character 9 of line 1,
        // counting the BOM as one character).
        assert_eq!(source.line_col(diags[1].span.unwrap().start).column, 9);
    }
}
