//! Source files, byte spans and line/column mapping.
//!
//! Every front end (JSON, QRDA III) reports positions as byte ranges into the
//! file's text. Humans and editors want 1-based lines and columns counted in
//! characters, so the conversion lives here, once.

use std::ops::Range;

/// A half-open byte range `[start, end)` into a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// A 1-based line and column; the column counts Unicode scalar values, which
/// is what editors and the `--format json` contract expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One input file: its display name, its text and a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or `--stdin-filename`), used in output.
    pub name: String,
    /// The file's text. Invalid UTF-8 is replaced (U+FFFD) after the first
    /// invalid byte; the front end reports where it was.
    pub text: String,
    /// Byte offset of the first invalid UTF-8 sequence, if any.
    pub invalid_utf8_at: Option<usize>,
    /// The file starts with a UTF-16 byte-order mark (a common export
    /// setting on Windows), which explains why it is not UTF-8.
    pub utf16: bool,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Builds a source from raw bytes, keeping the text usable for display
    /// even when it is not valid UTF-8. The valid prefix keeps its offsets.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        let (text, invalid_utf8_at) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                (
                    String::from_utf8_lossy(err.as_bytes()).into_owned(),
                    Some(at),
                )
            }
        };
        let mut source = Self::build(name.into(), text, invalid_utf8_at);
        source.utf16 = utf16;
        source
    }

    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::build(name.into(), text.into(), None)
    }

    fn build(name: String, text: String, invalid_utf8_at: Option<usize>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceFile {
            name,
            text,
            invalid_utf8_at,
            utf16: false,
            line_starts,
        }
    }

    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Clamps `offset` into the text and back onto a character boundary, so
    /// that a slightly wrong offset can never panic a renderer.
    pub fn clamp_offset(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Clamps a span into the text on character boundaries, with start ≤ end.
    pub fn clamp_span(&self, span: Span) -> Span {
        let start = self.clamp_offset(span.start);
        let end = self.clamp_offset(span.end).max(start);
        Span { start, end }
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp_offset(offset);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        LineCol {
            line: line_index + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and a 1-based *byte* column, as
    /// serde_json reports them. Out-of-range positions are clamped.
    pub fn offset_of_line_byte_column(&self, line: usize, byte_column: usize) -> usize {
        let line_index = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[line_index];
        self.clamp_offset(start + byte_column.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = SourceFile::from_text("t", "{\"é\": 1,\n \"x\": 2}");
        // `1` is the 7th character on line 1 but the 8th byte.
        assert_eq!(src.line_col(7), LineCol { line: 1, column: 7 });
        assert_eq!(src.line_col(10), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn offsets_are_clamped_onto_char_boundaries() {
        let src = SourceFile::from_text("t", "é");
        assert_eq!(src.clamp_offset(1), 0);
        assert_eq!(src.clamp_offset(99), 2);
        assert_eq!(src.clamp_span(Span::new(5, 1)), Span::new(2, 2));
    }

    #[test]
    fn invalid_utf8_keeps_the_valid_prefix_offsets() {
        let src = SourceFile::from_bytes("t", b"{\"a\": \xff}".to_vec());
        assert_eq!(src.invalid_utf8_at, Some(6));
        assert!(src.text.starts_with("{\"a\": "));
    }
}
