//! Positions as LSP counts them: 0-based lines, and columns in the
//! negotiated unit, UTF-16 code units by default (LSP 3.17 requires it of
//! every server), UTF-8 bytes when the client offers them. pilint's spans
//! are byte ranges into the text ([`crate::source`]); this is the one
//! place they become LSP positions and back.

use std::cell::OnceCell;

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{SourceFile, Span};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it (no conversion at all), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The block size of the UTF-16 index: a column on a long line (a
/// minified file is one line) costs at most two block scans.
const BLOCK: usize = 4096;

/// Converts offsets of one text to positions and back.
pub struct Positions<'a> {
    source: &'a SourceFile,
    encoding: Encoding,
    /// UTF-16 units before each block, built on first use by a long line.
    blocks: OnceCell<Vec<usize>>,
}

impl<'a> Positions<'a> {
    pub fn new(source: &'a SourceFile, encoding: Encoding) -> Self {
        Positions {
            source,
            encoding,
            blocks: OnceCell::new(),
        }
    }

    pub fn source(&self) -> &'a SourceFile {
        self.source
    }

    /// The position of byte `offset` (clamped onto a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.source.clamp_offset(offset);
        let (line, start) = self.source.line_of(offset);
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 if offset - start <= BLOCK => {
                utf16_units(&self.source.text.as_bytes()[start..offset])
            }
            Encoding::Utf16 => self.units_before(offset) - self.units_before(start),
        };
        Position::new(wide(line), wide(character))
    }

    pub fn range(&self, span: Span) -> Range {
        let span = self.source.clamp_span(span);
        Range::new(self.position(span.start()), self.position(span.end()))
    }

    /// The byte offset of `position`; a column past the end of its line
    /// means the line's end, a line past the text its end (as LSP says).
    pub fn offset(&self, position: Position) -> usize {
        offset(self.source, position, self.encoding)
    }

    /// The byte offset of a 1-based line and 1-based *character* column, as
    /// cross-file findings carry them.
    pub fn offset_of_line_column(&self, line: u32, column: u32) -> usize {
        let text = &self.source.text;
        let line = (line as usize).saturating_sub(1);
        let Some(start) = self.source.line_start(line) else {
            return text.len();
        };
        let line_text = &text[self.source.line_range(line)];
        let skip = (column as usize).saturating_sub(1);
        start
            + line_text
                .char_indices()
                .nth(skip)
                .map_or(line_text.len(), |(i, _)| i)
    }

    fn units_before(&self, offset: usize) -> usize {
        let bytes = self.source.text.as_bytes();
        let blocks = self.blocks.get_or_init(|| {
            let mut before = 0;
            let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
            for chunk in bytes.chunks(BLOCK) {
                blocks.push(before);
                before += utf16_units(chunk);
            }
            blocks
        });
        let block = offset / BLOCK;
        blocks.get(block).copied().unwrap_or(0) + utf16_units(&bytes[block * BLOCK..offset])
    }
}

/// [`Positions::offset`] without building a converter.
pub fn offset(source: &SourceFile, position: Position, encoding: Encoding) -> usize {
    let text = &source.text;
    let line = position.line as usize;
    let Some(start) = source.line_start(line) else {
        return text.len();
    };
    let line_text = &text[source.line_range(line)];
    let character = position.character as usize;
    match encoding {
        Encoding::Utf8 => source.clamp_offset(start + character.min(line_text.len())),
        Encoding::Utf16 => {
            let mut units = 0;
            for (i, c) in line_text.char_indices() {
                if units >= character {
                    return start + i;
                }
                units += c.len_utf16();
            }
            start + line_text.len()
        }
    }
}

/// UTF-16 code units of the characters starting in `bytes`: one per
/// character, two for those beyond the Basic Multilingual Plane (the ones
/// UTF-8 writes in four bytes, lead byte `11110xxx`).
fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

fn wide(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_code_units_on_non_ascii_lines() {
        // `é` is one unit, `𝄞` two; in UTF-8 they are 2 and 4 bytes.
        let text = "{\"é𝄞\": 1,\n \"x\": 2}";
        let src = SourceFile::from_text("t", text);
        let one = text.find('1').unwrap();
        let utf16 = Positions::new(&src, Encoding::Utf16);
        assert_eq!(utf16.position(one), Position::new(0, 8));
        let utf8 = Positions::new(&src, Encoding::Utf8);
        assert_eq!(utf8.position(one), Position::new(0, one as u32));
        assert_eq!(utf16.position(text.find('x').unwrap()), Position::new(1, 2));
        for (positions, encoding) in [(utf16, Encoding::Utf16), (utf8, Encoding::Utf8)] {
            for (i, _) in text.char_indices() {
                assert_eq!(offset(&src, positions.position(i), encoding), i);
            }
        }
    }

    #[test]
    fn long_lines_agree_with_a_plain_count() {
        let line: String = (0..5000).map(|i| ["a", "é", "€", "𝄞"][i % 4]).collect();
        let text = format!("x\n{line}");
        let src = SourceFile::from_text("t", text.as_str());
        let positions = Positions::new(&src, Encoding::Utf16);
        for (i, _) in text.char_indices().skip(2).step_by(331) {
            let expected: usize = text[2..i].encode_utf16().count();
            assert_eq!(positions.position(i), Position::new(1, expected as u32));
            assert_eq!(positions.offset(positions.position(i)), i);
        }
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let src = SourceFile::from_text("t", "ab\r\ncd");
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(offset(&src, Position::new(0, 99), encoding), 2);
            assert_eq!(offset(&src, Position::new(9, 0), encoding), 6);
        }
        let positions = Positions::new(&src, Encoding::Utf16);
        assert_eq!(positions.offset_of_line_column(2, 2), 5);
        assert_eq!(positions.offset_of_line_column(1, 50), 2);
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let utf32 = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&utf32)), Encoding::Utf16);
    }
}
