//! A DOCTYPE declaration (QRDA III, or XML in a file named `.json`),
//! hidden whole in the text that frames show.
//!
//! pilint refuses a DOCTYPE (`Q002 doctype-not-allowed`) and reads nothing
//! it declares, so it cannot tell which of its characters are identifiers:
//! `<!ENTITY tin "987654321">` used as `extension="&tin;"` under the TIN
//! root is a TIN, and so may be any literal, comment or stray text of the
//! declaration. Masking by field means the field is the declaration: every
//! letter and digit after `<!DOCTYPE` up to its end becomes `*` (none kept
//! visible: it is not one identifier), whatever the values look like. The
//! keyword stays, so the frame still shows what the finding is about, and
//! every other byte (quotes, brackets, line breaks) stays, so positions do
//! not move.

use std::ops::Range;

const KEYWORD: &[u8] = b"<!DOCTYPE";

/// The byte range of every DOCTYPE declaration in `text`, from just after
/// `<!DOCTYPE` (matched without regard to case, as readers accept it) to
/// its end. The end is the later of the XML grammar's (quoted literals and
/// the internal subset's comments may hold `>`) and a count of `<` and `>`
/// (how a reader that ignores quotes ends it), so the range covers the
/// declaration whichever way the file is read; an unterminated one runs to
/// the end of the text.
pub(super) fn declarations(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"<!") {
        let start = from + at;
        let Some(keyword) = bytes.get(start..start + KEYWORD.len()) else {
            break;
        };
        if !keyword.eq_ignore_ascii_case(KEYWORD) {
            from = start + 2;
            continue;
        }
        let body = start + KEYWORD.len();
        let end = grammar_end(bytes, body).max(depth_end(bytes, body));
        found.push(body..end);
        from = end.max(body);
    }
    found
}

/// Just past the `>` that ends the declaration by the XML grammar:
/// literals are skipped, and so is the internal subset with its literals,
/// comments and processing instructions.
fn grammar_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut in_subset = false;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'"' | b'\'') => i = past(bytes, i + 1, &[quote]),
            b'<' if in_subset && bytes[i..].starts_with(b"<!--") => i = past(bytes, i + 4, b"-->"),
            b'<' if in_subset && bytes[i..].starts_with(b"<?") => i = past(bytes, i + 2, b"?>"),
            b'[' if !in_subset => {
                in_subset = true;
                i += 1;
            }
            b']' if in_subset => {
                in_subset = false;
                i += 1;
            }
            b'>' if !in_subset => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Just past the `>` that balances the `<` of `<!DOCTYPE`, counting every
/// `<` and `>` whether quoted or not.
fn depth_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 1usize;
    for i in memchr::memchr2_iter(b'<', b'>', &bytes[from..]) {
        if bytes[from + i] == b'<' {
            depth += 1;
        } else {
            depth -= 1;
            if depth == 0 {
                return from + i + 1;
            }
        }
    }
    bytes.len()
}

/// Just past the first `end` at or after `from`; the end of the text when
/// there is none.
fn past(bytes: &[u8], from: usize, end: &[u8]) -> usize {
    match bytes
        .get(from..)
        .and_then(|rest| memchr::memmem::find(rest, end))
    {
        Some(at) => from + at + end.len(),
        None => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for range in declarations(text) {
            crate::mask::mask_range(&mut bytes, range, 0);
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_whole_declaration_is_hidden_and_nothing_after_it() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [\n  <!ENTITY tin \"987654321\">\n]>\n<d a=\"1\"/>";
        assert_eq!(
            hidden(text),
            "<?xml version=\"1.0\"?>\n<!DOCTYPE * [\n  <!****** *** \"*********\">\n]>\n<d a=\"1\"/>"
        );
    }

    #[test]
    fn every_way_of_writing_a_value_is_hidden() {
        for text in [
            // A `>` inside a literal does not end it early.
            "<!DOCTYPE d [<!ENTITY t \"x>987654321\">]><d/>",
            // Nor one inside a comment of the subset.
            "<!DOCTYPE d [<!-- > 987654321 -->]><d/>",
            // Nor a `<` inside a literal, which a reader counting angle
            // brackets reads as still open: hidden to that end too.
            "<!DOCTYPE d [<!ENTITY t \"<\">]> 987654321",
            // An external identifier, lower case, unterminated.
            "<!doctype d SYSTEM \"http://x/?tin=987654321\"><d/>",
            "<!DOCTYPE d [<!ENTITY t \"987654321",
            // Full-width digits keep their byte length.
            "<!DOCTYPE d [<!ENTITY t \"\u{ff19}\u{ff18}\u{ff17}\">]>",
        ] {
            let shown = hidden(text);
            assert_eq!(shown.len(), text.len(), "{text}");
            for secret in ["987654321", "98765", "\u{ff19}"] {
                assert!(!shown.contains(secret), "{text} → {shown}");
            }
        }
    }

    #[test]
    fn a_text_without_a_doctype_is_unchanged() {
        for text in ["<d a=\"987654321\"/>", "<!-- <!DOC -->", "<!", ""] {
            assert!(declarations(text).is_empty(), "{text}");
        }
    }
}
