//! QRDA III identifier fields found by reading each start tag as an XML
//! reader does: attribute values are quoted (a `>` inside one does not end
//! the tag) and may use character references, so a TIN root written
//! `2.16.840.1.113883.4&#46;2`, or an extension holding `>`, is still the
//! field it is. The literal search in `super::xml_values` misses both;
//! this scan is by field, never by the look of the extension's value.

use std::ops::Range;

use super::XML_ROOTS;

/// The `extension` value of every start tag whose `root`, once its
/// references are decoded, is a TIN or NPI OID.
pub(super) fn extensions(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[from..]) {
        let start = from + at + 1;
        let (end, attributes) = start_tag(bytes, start);
        let root = attributes
            .iter()
            .find(|(name, _)| local(&bytes[name.clone()]) == b"root");
        let extension = attributes
            .iter()
            .find(|(name, _)| local(&bytes[name.clone()]) == b"extension");
        if let (Some((_, root)), Some((_, extension))) = (root, extension)
            && text
                .get(root.clone())
                .is_some_and(|value| XML_ROOTS.contains(&decode(value).as_str()))
        {
            found.push(extension.clone());
        }
        from = end.max(start);
    }
    found
}

/// An attribute: the byte ranges of its name and of its value.
type Attribute = (Range<usize>, Range<usize>);

/// The attributes (name and value ranges) of the start tag whose name
/// begins at `at`, and where the scan stops: just past the tag, or where
/// it stops looking like one.
fn start_tag(bytes: &[u8], at: usize) -> (usize, Vec<Attribute>) {
    let mut attributes = Vec::new();
    let name_end = skip(bytes, at, |b| {
        !b.is_ascii_whitespace() && b != b'>' && b != b'/'
    });
    if name_end == at {
        return (at, attributes);
    }
    let mut i = name_end;
    loop {
        i = skip(bytes, i, |b| b.is_ascii_whitespace());
        match bytes.get(i) {
            None => return (i, attributes),
            Some(b'>') => return (i + 1, attributes),
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return (i + 2, attributes),
            Some(_) => {}
        }
        let name = i..skip(bytes, i, |b| {
            !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'<' | b'/')
        });
        if name.is_empty() {
            return (i, attributes);
        }
        i = skip(bytes, name.end, |b| b.is_ascii_whitespace());
        if bytes.get(i) != Some(&b'=') {
            return (i, attributes);
        }
        i = skip(bytes, i + 1, |b| b.is_ascii_whitespace());
        let Some(&quote) = bytes.get(i).filter(|&&b| b == b'"' || b == b'\'') else {
            return (i, attributes);
        };
        let value_start = i + 1;
        let value_end = skip(bytes, value_start, |b| b != quote && b != b'<');
        attributes.push((name, value_start..value_end));
        if bytes.get(value_end) != Some(&quote) {
            // Unterminated (or a `<`, which no value holds): stop here.
            return (value_end, attributes);
        }
        i = value_end + 1;
    }
}

/// The index of the first byte from `at` that `keep` refuses.
fn skip(bytes: &[u8], at: usize, keep: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| !keep(b)))
        .map_or(bytes.len(), |i| at + i)
}

/// An attribute's name without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .rposition(|&b| b == b':')
        .map_or(name, |i| &name[i + 1..])
}

/// An attribute value with its character and predefined entity references
/// resolved; an unknown reference is kept as written.
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let resolved = after.find(';').and_then(|semi| {
            let name = &after[..semi];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                "quot" => Some('"'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match resolved {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<&str> {
        extensions(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn roots_written_with_references_and_values_holding_a_gt_are_fields() {
        let text = "<x><id root=\"2.16.840.1.113883.4&#46;2\" extension=\"987654321\"/>\
                    <id extension='98>7654321' root='2.16.840.1.113883.4.2'/>\
                    <id root=\"2.16.840.1.113883.4.&#x36;\" extension = \"1234567893\"></id>\
                    <id root=\"2.16.840.1.113883.3.249.7\" extension=\"MIPS_APM\"/></x>";
        assert_eq!(values(text), ["987654321", "98>7654321", "1234567893"]);
    }

    #[test]
    fn broken_tags_do_not_panic() {
        for text in [
            "<",
            "<id root=",
            "<id root=\"2.16.840.1.113883.4.2\" extension=\"12",
            "<id root=\"2.16.840.1.113883.4.2\" extension=12>",
            "<id root=\"&#xFFFFFFFF;\" extension=\"1\"/>",
            "<<<>>>",
        ] {
            let _ = extensions(text);
        }
        assert_eq!(decode("a&#;b&zz;&#65;"), "a&#;b&zz;A");
    }
}
