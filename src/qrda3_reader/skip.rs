//! Skipping template-free narrative: the content of a `<text>` element
//! (a section's human-readable table, a quarter of a typical file's
//! elements) holds no template and nothing a template reads, so the reader
//! need not open a frame for each of its elements.
//!
//! Skipping must never change a finding. [`narrative_end`] is a light
//! tokenizer that accepts only content the full reader provably reads
//! without a finding and without keeping anything: plain elements properly
//! nested, plain attributes (no namespace, no entity, no repeat), text with
//! only the five predefined entities, comments without a hyphen, CDATA, and
//! no element deeper than the depth limit. On anything else it gives up,
//! and the reader reads the content element by element as before, so every
//! finding in malformed or unusual content is the full reader's own.
//!
//! Why the content keeps nothing: an element below `text` is recorded only
//! under a template node within reach, and no template pattern has a `text`
//! step (`templates::tests`), so only a `templateId` inside the content
//! could make one; an element named `templateId` makes the skip give up.

/// The most attributes a skipped tag may have (pairwise duplicate check).
const MAX_ATTRIBUTES: usize = 16;

/// `input[from..]` is the content of an element whose start tag ends at
/// `from`, and `depth` elements are open (that one included), at most
/// `max_depth` allowed. Returns the offset of the `</` that closes the
/// element when the content is plain (see the module), `None` otherwise.
pub fn narrative_end(input: &str, from: usize, depth: usize, max_depth: usize) -> Option<usize> {
    let bytes = input.as_bytes();
    // The open elements' names inside the content.
    let mut open: Vec<&[u8]> = Vec::new();
    let mut at = from;
    loop {
        let next = at + memchr::memchr2(b'<', b'&', bytes.get(at..)?)?;
        if bytes[next] == b'&' {
            at = next + predefined_entity(&bytes[next..])?;
            continue;
        }
        let rest = &bytes[next..];
        match rest.get(1)? {
            b'/' => {
                let Some(name) = open.pop() else {
                    // The element's own end tag: the reader checks it.
                    return Some(next);
                };
                let end = rest.get(2..2 + name.len() + 1)?;
                if &end[..name.len()] != name || end[name.len()] != b'>' {
                    return None;
                }
                at = next + 2 + name.len() + 1;
            }
            b'!' => at = next + bang(rest)?,
            b'?' => return None,
            _ => {
                let length = tag_length(rest)?;
                // `<` and `>` excluded.
                let content = &rest[1..length - 1];
                let (content, empty) = match content.strip_suffix(b"/") {
                    Some(content) => (content, true),
                    None => (content, false),
                };
                let name_end = content
                    .iter()
                    .position(|&b| is_space(b))
                    .unwrap_or(content.len());
                let name = &content[..name_end];
                if !plain_name(name) || name == b"templateId" {
                    return None;
                }
                // The reader refuses an element past the limit.
                if depth + open.len() >= max_depth {
                    return None;
                }
                plain_attributes(&content[name_end..])?;
                if !empty {
                    open.push(name);
                }
                at = next + length;
            }
        }
    }
}

/// XML's white space.
pub(super) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// A name without a prefix that the reader takes as it is: ASCII letters,
/// digits, `_`, `-`, `.`, starting with a letter or `_`, not `xml…`
/// (reserved, and `xmlns` declares a namespace).
fn plain_name(name: &[u8]) -> bool {
    let Some(&first) = name.first() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == b'_')
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !name
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"xml"))
}

/// The length of `&lt;`, `&gt;`, `&amp;`, `&apos;` or `&quot;` at the start
/// of `rest`; `None` for any other reference (a character reference is
/// left to the reader, which checks its value).
pub(super) fn predefined_entity(rest: &[u8]) -> Option<usize> {
    ["&lt;", "&gt;", "&amp;", "&apos;", "&quot;"]
        .iter()
        .find(|e| rest.starts_with(e.as_bytes()))
        .map(|e| e.len())
}

/// The length of a tag starting at `rest[0] == b'<'`, to its `>` outside
/// quotes (the reader's own rule).
pub(super) fn tag_length(rest: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for i in memchr::memchr3_iter(b'>', b'\'', b'"', rest) {
        let b = rest[i];
        match quote {
            None if b == b'>' => return Some(i + 1),
            None => quote = Some(b),
            Some(q) if q == b => quote = None,
            Some(_) => {}
        }
    }
    None
}

/// A comment without a hyphen in it, or a CDATA section: its length.
fn bang(rest: &[u8]) -> Option<usize> {
    if let Some(body) = rest.strip_prefix(b"<!--") {
        let end = memchr::memmem::find(body, b"-->")?;
        let text = &body[..end];
        if text.is_empty() || text[0] == b'>' || memchr::memchr(b'-', text).is_some() {
            return None;
        }
        return Some(4 + end + 3);
    }
    if let Some(body) = rest.strip_prefix(b"<![CDATA[") {
        let end = memchr::memmem::find(body, b"]]>")?;
        return Some(9 + end + 3);
    }
    None
}

/// Checks a tag's attribute text: each `key="value"` with a plain key, no
/// key twice, no `&` or `<` in a value.
fn plain_attributes(text: &[u8]) -> Option<()> {
    let mut keys: [&[u8]; MAX_ATTRIBUTES] = [&[]; MAX_ATTRIBUTES];
    let mut seen = 0;
    let mut at = 0;
    loop {
        while text.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        if at == text.len() {
            return Some(());
        }
        // Attributes are separated by white space (`a="1"b="2"` is left to
        // the reader).
        if seen > 0 && !is_space(text[at - 1]) {
            return None;
        }
        let key_end = at + text[at..].iter().position(|&b| b == b'=')?;
        let key = &text[at..key_end];
        if !plain_name(key) || seen == MAX_ATTRIBUTES || keys[..seen].contains(&key) {
            return None;
        }
        keys[seen] = key;
        seen += 1;
        let quote = *text.get(key_end + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value_start = key_end + 2;
        let length = memchr::memchr(quote, text.get(value_start..)?)?;
        let value = &text[value_start..value_start + length];
        if memchr::memchr2(b'&', b'<', value).is_some() {
            return None;
        }
        at = value_start + length + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(content: &str) -> Option<usize> {
        let text = format!("<text>{content}</text>");
        narrative_end(&text, 6, 1, 256)
    }

    #[test]
    fn plain_narrative_is_skipped_to_its_end_tag() {
        let content = "\n<table border=\"1\" width='100%'><tbody><tr><th>Period: &lt;2025&gt;</th>\
                       <td/><td a=\"x\" b=\"y\"  /></tr></tbody></table><!-- note --><![CDATA[<x>&]]>";
        assert_eq!(end(content), Some(6 + content.len()));
        assert_eq!(end(""), Some(6));
    }

    #[test]
    fn anything_the_reader_might_report_or_keep_is_left_to_it() {
        for content in [
            "<a>",
            "<a></b>",
            "<a></a >",
            "<x:a/>",
            "<a xmlns=\"urn:x\"/>",
            "<a x:b=\"1\"/>",
            "<a b=\"1\" b=\"2\"/>",
            "<a b=\"&amp;\"/>",
            "<a b=\"<\"/>",
            "<a b=1/>",
            "<a b=\"1\"c=\"2\"/>",
            "<a b/>",
            "<templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/>",
            "&#65;",
            "&nbsp;",
            "& x",
            "<!-- a -- b -->",
            "<!--->",
            "<!DOCTYPE x>",
            "<?pi x?>",
            "<![CDATA[ x",
            "<1a/>",
            "<a",
        ] {
            assert_eq!(end(content), None, "{content}");
        }
    }

    #[test]
    fn the_depth_limit_is_the_readers() {
        let text = "<text><a><b/></a></text>";
        // `text` is the 2nd open element; `a` the 3rd, `b` the 4th.
        assert_eq!(narrative_end(text, 6, 2, 4), Some(17));
        assert_eq!(narrative_end(text, 6, 2, 3), None);
    }
}
