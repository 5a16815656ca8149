//! A tokenizer for the plain, well-formed case, which is nearly every file.
//!
//! quick-xml's event loop, with a UTF-8 check of every event, was about a
//! third of the instructions spent on a QRDA III file; the text is already
//! a checked `&str`, and a QRDA III export uses a small part of XML. This
//! tokenizer reads that part: start, empty and end tags, white space
//! outside the root, text with only the five predefined entities, comments
//! quick-xml accepts, CDATA inside the root, processing instructions and
//! the XML declaration. It yields the same start tags quick-xml would (the
//! same `BytesStart` content, at the same offsets), so the reader treats
//! them exactly as before.
//!
//! It never decides a finding. On anything else (a mismatched or spaced end
//! tag, a character reference, a DOCTYPE, text outside the root, a
//! truncated document) it gives up, and the reader reads the whole file
//! again with quick-xml, whose checks word every finding. Giving up costs
//! a second pass over a file that is unusual anyway.

use quick_xml::events::BytesStart;

use crate::qrda3_reader::skip::{is_space, predefined_entity, tag_length};

/// One piece of markup the reader acts on.
pub enum PlainEvent<'a> {
    /// A start or empty tag: `tag` is the offset of its `<`, `end` the
    /// offset after its `>`.
    Start {
        start: BytesStart<'a>,
        tag: usize,
        end: usize,
        empty: bool,
    },
    /// The end tag of the innermost open element.
    End,
    /// The end of the input, with every element closed.
    Eof,
}

/// The tokenizer's position in `input` and the names of the open elements.
pub struct PlainEvents<'a> {
    input: &'a str,
    at: usize,
    open: Vec<&'a str>,
}

/// The tokenizer met something it leaves to quick-xml.
#[derive(Debug)]
pub struct GiveUp;

impl<'a> PlainEvents<'a> {
    pub fn new(input: &'a str) -> PlainEvents<'a> {
        PlainEvents {
            input,
            at: 0,
            open: Vec::new(),
        }
    }

    /// Moves to `offset`, which must be where the innermost open element's
    /// content ends (the narrative skip).
    pub fn resume_at(&mut self, offset: usize) {
        self.at = offset;
    }

    /// The next tag, or [`GiveUp`].
    pub fn next_event(&mut self) -> Result<PlainEvent<'a>, GiveUp> {
        let bytes = self.input.as_bytes();
        loop {
            let rest = bytes.get(self.at..).ok_or(GiveUp)?;
            let Some(found) = memchr::memchr2(b'<', b'&', rest) else {
                // Trailing white space only, and nothing left open.
                if !self.open.is_empty() || !rest.iter().all(|&b| is_space(b)) {
                    return Err(GiveUp);
                }
                self.at = bytes.len();
                return Ok(PlainEvent::Eof);
            };
            if self.open.is_empty() && !rest[..found].iter().all(|&b| is_space(b)) {
                return Err(GiveUp);
            }
            let at = self.at + found;
            let markup = &bytes[at..];
            if markup[0] == b'&' {
                if self.open.is_empty() {
                    return Err(GiveUp);
                }
                self.at = at + predefined_entity(markup).ok_or(GiveUp)?;
                continue;
            }
            match markup.get(1) {
                Some(b'/') => {
                    let name = self.open.pop().ok_or(GiveUp)?;
                    let close = markup.get(2..2 + name.len() + 1).ok_or(GiveUp)?;
                    if &close[..name.len()] != name.as_bytes() || close[name.len()] != b'>' {
                        return Err(GiveUp);
                    }
                    self.at = at + 2 + name.len() + 1;
                    return Ok(PlainEvent::End);
                }
                Some(b'!') => self.at = at + self.bang(markup)?,
                Some(b'?') => self.at = at + processing_instruction(markup)?,
                Some(_) => return self.start_tag(at),
                None => return Err(GiveUp),
            }
        }
    }

    /// A start or empty tag whose `<` is at `at`.
    fn start_tag(&mut self, at: usize) -> Result<PlainEvent<'a>, GiveUp> {
        let markup = &self.input.as_bytes()[at..];
        let length = tag_length(markup).ok_or(GiveUp)?;
        // Between `<` and `>`, or `/>` for an empty tag (quick-xml's cut).
        let (content_end, empty) = if length > 2 && markup[length - 2] == b'/' {
            (at + length - 2, true)
        } else {
            (at + length - 1, false)
        };
        let content = self.input.get(at + 1..content_end).ok_or(GiveUp)?;
        let name_len = plain_qualified_name_len(content.as_bytes()).ok_or(GiveUp)?;
        if !empty {
            self.open.push(&content[..name_len]);
        }
        self.at = at + length;
        Ok(PlainEvent::Start {
            start: BytesStart::from_content(content, name_len),
            tag: at,
            end: at + length,
            empty,
        })
    }

    /// The length of a comment quick-xml accepts (no `--` in it, not
    /// ending in `-`), or of a CDATA section inside the root.
    fn bang(&self, markup: &[u8]) -> Result<usize, GiveUp> {
        if let Some(body) = markup.strip_prefix(b"<!--") {
            // The comment ends at the first `-->`; quick-xml refuses `--`
            // before it (which includes a text ending in `-`).
            let mut from = 0;
            let end = loop {
                let hyphen = from + memchr::memchr(b'-', &body[from..]).ok_or(GiveUp)?;
                if body[hyphen..].starts_with(b"-->") {
                    break hyphen;
                }
                if body.get(hyphen + 1) == Some(&b'-') {
                    return Err(GiveUp);
                }
                from = hyphen + 1;
            };
            // `<!-->` and `<!--->` are left to quick-xml too.
            if end == 0 || body[0] == b'>' {
                return Err(GiveUp);
            }
            return Ok(4 + end + 3);
        }
        if let Some(body) = markup.strip_prefix(b"<![CDATA[")
            && !self.open.is_empty()
        {
            let end = memchr::memmem::find(body, b"]]>").ok_or(GiveUp)?;
            return Ok(9 + end + 3);
        }
        Err(GiveUp)
    }
}

/// The length of `<?target …?>` (the XML declaration is one), when no
/// quote in it could make quick-xml read its end differently.
fn processing_instruction(markup: &[u8]) -> Result<usize, GiveUp> {
    // Searched after `<?`, so `<?>` is not taken for a whole instruction.
    let inner_start = 2;
    let end = inner_start
        + memchr::memmem::find(markup.get(inner_start..).ok_or(GiveUp)?, b"?>").ok_or(GiveUp)?;
    let inner = &markup[inner_start..end];
    let balanced = |quote: u8| memchr::memchr_iter(quote, inner).count().is_multiple_of(2);
    let target_len = inner
        .iter()
        .position(|&b| is_space(b))
        .unwrap_or(inner.len());
    if !plain_qualified_name(&inner[..target_len]) || !balanced(b'"') || !balanced(b'\'') {
        return Err(GiveUp);
    }
    Ok(end + 2)
}

/// Bytes a name may hold: ASCII letters, digits, `_`, `-`, `.` and `:`.
const NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':');
        b += 1;
    }
    table
};

/// The length of the name at the start of a tag's `content`, when it is a
/// name QRDA III uses: ASCII letters, digits, `_`, `-`, `.`, at most one
/// `:` between two parts, each starting with a letter or `_`, and followed
/// by white space or nothing (quick-xml's name ends at white space). The
/// reader resolves the prefix itself.
fn plain_qualified_name_len(content: &[u8]) -> Option<usize> {
    let len = content
        .iter()
        .position(|&b| !NAME_BYTE[b as usize])
        .unwrap_or(content.len());
    if content.get(len).is_some_and(|&b| !is_space(b)) {
        return None;
    }
    plain_qualified_name(&content[..len]).then_some(len)
}

/// Whether `name` is a name [`plain_qualified_name_len`] accepts.
fn plain_qualified_name(name: &[u8]) -> bool {
    let starts_part = |b: &u8| b.is_ascii_alphabetic() || *b == b'_';
    let mut parts = name.split(|&b| b == b':');
    let first = parts.next().unwrap_or_default();
    let second = parts.next();
    first.first().is_some_and(starts_part)
        && second.is_none_or(|part| part.first().is_some_and(starts_part))
        && parts.next().is_none()
        && name.iter().all(|&b| NAME_BYTE[b as usize])
}
