//! Source files, byte spans and line/column mapping.
//!
//! Every front end (JSON, QRDA III) reports positions as byte ranges into the
//! file's text. Humans and editors want 1-based lines and columns counted in
//! characters, so the conversion lives here, once.

use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

/// A half-open byte range `[start, end)` into a [`SourceFile`]'s text.
///
/// Stored as `u32`: the model holds one per value (several per measurement),
/// and `--max-file-size` stops at 4 GiB, so every offset fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: offset(start),
            end: offset(end),
        }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

/// The largest file pilint reads (`--max-file-size` is capped to it), so
/// that every byte offset fits a [`Span`].
pub const MAX_SPAN_OFFSET: u64 = u32::MAX as u64;

/// A byte offset as a [`Span`] stores it; files are never larger than
/// [`MAX_SPAN_OFFSET`], so the saturation is never reached.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// A 1-based line and column; the column counts Unicode scalar values, which
/// is what editors and the `--format json` contract expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One input file: its display name, its text and a line index.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or `--stdin-filename`), used in output.
    /// Shared with the run's input and the cross-file summary and findings
    /// that name the file: a large run holds each path once.
    pub name: Arc<str>,
    /// The file's text. Invalid UTF-8 is replaced (U+FFFD) after the first
    /// invalid byte; the front end reports where it was.
    pub text: String,
    /// Byte offset of the first invalid UTF-8 sequence, if any.
    pub invalid_utf8_at: Option<usize>,
    /// The file starts with a UTF-16 byte-order mark (a common export
    /// setting on Windows), which explains why it is not UTF-8.
    pub utf16: bool,
    /// Built on first use: most files are checked without a finding, and
    /// then no position is ever asked for.
    line_blocks: OnceLock<LineBlocks>,
    /// Characters before each [`CHAR_BLOCK`]-byte block, built on first
    /// use by a column on a long line (see [`SourceFile::line_col`]).
    block_chars: OnceLock<Vec<usize>>,
    /// Positions answered without the line index (see
    /// [`SourceFile::line_col`]): past [`DIRECT_LOOKUPS`], the index is built.
    direct_lookups: AtomicU32,
}

impl Clone for SourceFile {
    fn clone(&self) -> Self {
        SourceFile {
            name: self.name.clone(),
            text: self.text.clone(),
            invalid_utf8_at: self.invalid_utf8_at,
            utf16: self.utf16,
            line_blocks: self.line_blocks.clone(),
            block_chars: self.block_chars.clone(),
            direct_lookups: AtomicU32::new(self.direct_lookups.load(Ordering::Relaxed)),
        }
    }
}

/// A position this close to the start of the file is counted from the start
/// instead of building the line index: the one position most files are
/// asked for (where their measurement set starts, for the cross-file
/// checks) is near the top, and indexing a 40 KB QRDA III file's lines for
/// it cost more than the whole rest of that check.
const DIRECT_PREFIX: usize = 8 * 1024;

/// At most this many positions are counted from the start; a file asked
/// for more (many findings) gets its line index, so no file pays more than
/// a few prefix scans.
const DIRECT_LOOKUPS: u32 = 8;

/// The block size of the character index: a column costs at most two
/// block scans, whatever the line's length.
const CHAR_BLOCK: usize = 4096;

/// The block size of the line index: a position costs at most one block
/// scan (a line, one scan of it).
const LINE_BLOCK: usize = 4096;

/// The line index, sampled: for each [`LINE_BLOCK`]-byte block, the line
/// its first byte is on and where that line starts. An index of every
/// line start would hold 10 MB for a 50 MB file of short lines (about as
/// much as all else the linter keeps of it besides the text); this holds
/// 200 KB, and a position is counted from its block's sample.
#[derive(Debug, Clone)]
struct LineBlocks {
    /// `(line, line start)` of offset `k * LINE_BLOCK`, for every `k` up to
    /// and including the block of the end of the text.
    samples: Vec<(usize, usize)>,
    /// How many lines the text has (an empty text has one).
    lines: usize,
}

impl LineBlocks {
    fn build(bytes: &[u8]) -> LineBlocks {
        let mut samples = Vec::with_capacity(bytes.len() / LINE_BLOCK + 1);
        let (mut line, mut start) = (0, 0);
        for from in (0..=bytes.len()).step_by(LINE_BLOCK) {
            samples.push((line, start));
            let (count, last) =
                line_starts_count(bytes, from, (from + LINE_BLOCK).min(bytes.len()));
            line += count;
            start = last.unwrap_or(start);
        }
        LineBlocks {
            samples,
            lines: line + 1,
        }
    }

    /// The 0-based line of `offset` (at most the text's length) and the
    /// offset where that line starts.
    fn line_of(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let block = offset / LINE_BLOCK;
        let (line, start) = self.samples[block];
        let (count, last) = line_starts_count(bytes, block * LINE_BLOCK, offset);
        (line + count, last.unwrap_or(start))
    }

    /// Where 0-based line `line` starts, if the text has it.
    fn line_start(&self, bytes: &[u8], line: usize) -> Option<usize> {
        if line >= self.lines {
            return None;
        }
        // The last block whose first byte is on an earlier line (or, for
        // line 0, the first block) holds the break that starts `line`.
        let block = self
            .samples
            .partition_point(|&(first, _)| first < line)
            .saturating_sub(1);
        let (first, start) = self.samples[block];
        if first == line {
            return Some(start);
        }
        line_starts_in(bytes, block * LINE_BLOCK, bytes.len()).nth(line - first - 1)
    }
}

impl SourceFile {
    /// Builds a source from raw bytes, keeping the text usable for display
    /// even when it is not valid UTF-8. The valid prefix keeps its offsets.
    pub fn from_bytes(name: impl Into<Arc<str>>, bytes: Vec<u8>) -> Self {
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

    pub fn from_text(name: impl Into<Arc<str>>, text: impl Into<String>) -> Self {
        Self::build(name.into(), text.into(), None)
    }

    fn build(name: Arc<str>, text: String, invalid_utf8_at: Option<usize>) -> Self {
        SourceFile {
            name,
            text,
            invalid_utf8_at,
            utf16: false,
            line_blocks: OnceLock::new(),
            block_chars: OnceLock::new(),
            direct_lookups: AtomicU32::new(0),
        }
    }

    /// The line index, built on first use. A line ends at `\n`, `\r\n` or
    /// a lone `\r` (old Mac OS exports), as editors count them.
    fn line_blocks(&self) -> &LineBlocks {
        self.line_blocks
            .get_or_init(|| LineBlocks::build(self.text.as_bytes()))
    }

    /// How many lines the text has (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.line_blocks().lines
    }

    /// The byte offset where 0-based line `line` starts, if the text has
    /// that many lines.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_blocks().line_start(self.text.as_bytes(), line)
    }

    /// The 0-based line of byte `offset` (clamped into the text).
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_of(offset).0
    }

    /// The byte range of a 0-based line, without its line break; past the
    /// last line, an empty range at the end of the text.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let Some(start) = self.line_start(line) else {
            return self.text.len()..self.text.len();
        };
        let bytes = self.text.as_bytes();
        let mut end = line_starts_in(bytes, start, bytes.len())
            .next()
            .map_or(self.text.len(), |next| next - 1);
        // `\r\n` is one break of two bytes.
        if end > start && bytes.get(end) == Some(&b'\n') && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// How many characters the text holds before byte `offset` (a char
    /// boundary): UTF-8 starts a character at every byte that is not a
    /// continuation byte (`10xxxxxx`).
    fn chars_before(&self, offset: usize) -> usize {
        let blocks = self.block_chars.get_or_init(|| {
            let mut before = 0;
            let mut blocks = Vec::with_capacity(self.text.len() / CHAR_BLOCK + 1);
            for chunk in self.text.as_bytes().chunks(CHAR_BLOCK) {
                blocks.push(before);
                before += count_char_starts(chunk);
            }
            blocks
        });
        let block = offset / CHAR_BLOCK;
        let from = block * CHAR_BLOCK;
        blocks.get(block).copied().unwrap_or(0)
            + count_char_starts(&self.text.as_bytes()[from.min(offset)..offset])
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
        let start = self.clamp_offset(span.start());
        let end = self.clamp_offset(span.end()).max(start);
        Span::new(start, end)
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp_offset(offset);
        let (line_index, line_start) = self.line_of(offset);
        // Counting from the line start is quickest on ordinary lines; on a
        // long one (a minified file is one line) the block index keeps each
        // column O(block), not O(line), however many findings the line has.
        let column = if offset - line_start <= CHAR_BLOCK {
            count_char_starts(&self.text.as_bytes()[line_start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        } + 1;
        LineCol {
            line: line_index + 1,
            column,
        }
    }

    /// Builds the line index now when the positions of `spans` will need
    /// it (more than a few, or one far from the start), so that a caller
    /// on a worker thread spares the thread that renders.
    pub fn prepare_positions(&self, spans: impl IntoIterator<Item = Span>) {
        let mut lookups = self.direct_lookups.load(Ordering::Relaxed);
        for span in spans {
            lookups = lookups.saturating_add(2);
            if lookups > DIRECT_LOOKUPS || span.end() > DIRECT_PREFIX {
                self.line_blocks();
                return;
            }
        }
    }

    /// The 0-based line of `offset` (clamped into the text) and the
    /// offset where that line starts: from the line index, or, for a
    /// position near the start of a file whose index is not built, by
    /// counting the line breaks before it (the same breaks the index
    /// records).
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        // The sampled index has no block past the end of the text.
        let offset = offset.min(bytes.len());
        let direct = self.line_blocks.get().is_none()
            && offset <= DIRECT_PREFIX
            && self.direct_lookups.fetch_add(1, Ordering::Relaxed) < DIRECT_LOOKUPS;
        if direct {
            let (line, last) = line_starts_count(bytes, 0, offset);
            return (line, last.unwrap_or(0));
        }
        self.line_blocks().line_of(bytes, offset)
    }

    /// The byte offset of a 1-based line and a 1-based *byte* column, as
    /// serde_json reports them. Out-of-range positions are clamped.
    ///
    /// serde_json counts only `\n` as a line break, so its lines are found
    /// here the same way, not in the line index (which also breaks at a
    /// lone `\r`). Called once per file at most (a parse error).
    pub fn offset_of_line_byte_column(&self, line: usize, byte_column: usize) -> usize {
        let start = match line.saturating_sub(1) {
            0 => 0,
            n => memchr::memchr_iter(b'\n', self.text.as_bytes())
                .take(n)
                .last()
                .map_or(0, |i| i + 1),
        };
        self.clamp_offset(start + byte_column.saturating_sub(1))
    }
}

/// The start of every line after the first whose break is at a byte in
/// `from..to`: after each `\n`, and after each `\r` not followed by `\n`
/// (`\r\n` breaks once, after the `\n`). The byte after `to` is looked at
/// to tell a lone `\r`, so a text's breaks are the same however it is cut.
fn line_starts_in(bytes: &[u8], from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to]).filter_map(move |i| {
        let i = from + i;
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            None
        } else {
            Some(i + 1)
        }
    })
}

/// How many of [`line_starts_in`] there are in `from..to`, and the last.
/// Most texts have no `\r`: their breaks are counted in one vectorized
/// pass instead of one search per line (building a QRDA III file's line
/// index was a search per line of 40 KB).
fn line_starts_count(bytes: &[u8], from: usize, to: usize) -> (usize, Option<usize>) {
    let range = &bytes[from..to];
    if memchr::memchr(b'\r', range).is_some() {
        return line_starts_in(bytes, from, to)
            .fold((0, None), |(count, _), start| (count + 1, Some(start)));
    }
    // Only `\n` breaks a line here: a `\r` just before `from` is not this
    // range's to judge, and a `\n` is a break whatever precedes it.
    let count = count_newlines(range);
    let last = memchr::memrchr(b'\n', range).map(|i| from + i + 1);
    (count, last)
}

/// The `\n` bytes of `bytes`.
fn count_newlines(bytes: &[u8]) -> usize {
    count_bytes(bytes, |b| b == b'\n')
}

/// The bytes of `bytes` that `matches`, summed in fixed chunks into a
/// byte, which the compiler turns into vector compares: a plain filtered
/// count is a loop over single bytes (a line index built that way took
/// more instructions than the search per line it replaced).
#[inline(always)]
fn count_bytes(bytes: &[u8], matches: impl Fn(u8) -> bool) -> usize {
    let mut chunks = bytes.chunks_exact(64);
    let mut count = 0;
    for chunk in &mut chunks {
        let in_chunk: u8 = chunk.iter().map(|&b| u8::from(matches(b))).sum();
        count += usize::from(in_chunk);
    }
    count + chunks.remainder().iter().filter(|&&b| matches(b)).count()
}

/// The number of UTF-8 character starts in `bytes`.
fn count_char_starts(bytes: &[u8]) -> usize {
    count_bytes(bytes, |b| (b as i8) >= -0x40)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counted breaks of a range are the ones `line_starts_in`
    /// lists, with or without `\r`, wherever the range is cut.
    #[test]
    fn counted_line_starts_are_the_listed_ones() {
        let texts: [&[u8]; 5] = [
            b"a\nbb\n\nccc\n",
            b"a\r\nb\rc\n\r\r\nd",
            b"\n\r\n\r",
            b"no break at all",
            b"\r\n\n\r\rx\n",
        ];
        for text in texts {
            for from in 0..=text.len() {
                for to in from..=text.len() {
                    let listed: Vec<usize> = line_starts_in(text, from, to).collect();
                    assert_eq!(
                        line_starts_count(text, from, to),
                        (listed.len(), listed.last().copied()),
                        "{text:?} {from}..{to}"
                    );
                }
            }
        }
    }

    /// Every line start, from the index.
    fn line_starts(src: &SourceFile) -> Vec<usize> {
        (0..src.line_count())
            .map(|line| src.line_start(line).unwrap())
            .collect()
    }

    /// Positions counted from the start of the file (before the line index
    /// is built) are the ones the index gives, at every offset, whatever
    /// the line breaks.
    #[test]
    fn positions_near_the_start_agree_with_the_line_index() {
        let text = "a\r\nb\rc\n\n\r\r\n\u{e9}x\r\u{20ac}\n\rend\r";
        let indexed = SourceFile::from_text("t", text);
        indexed.line_blocks();
        for offset in 0..=text.len() + 1 {
            // A fresh file per offset: each lookup is a direct one.
            let direct = SourceFile::from_text("t", text);
            assert_eq!(
                direct.line_col(offset),
                indexed.line_col(offset),
                "offset {offset}"
            );
            assert!(direct.line_blocks.get().is_none());
        }
        // Past the direct lookups, the index is built.
        let many = SourceFile::from_text("t", text);
        for _ in 0..=DIRECT_LOOKUPS {
            many.line_col(3);
        }
        assert!(many.line_blocks.get().is_some());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = SourceFile::from_text("t", "{\"é\": 1,\n \"x\": 2}");
        // `1` is the 7th character on line 1 but the 8th byte.
        assert_eq!(src.line_col(7), LineCol { line: 1, column: 7 });
        assert_eq!(src.line_col(10), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        // One line far longer than a block, with multi-byte characters on
        // both sides of block boundaries: the block index must agree with
        // counting characters from the line start.
        let line: String = (0..3000).map(|i| ["a", "é", "€", "𝄞"][i % 4]).collect();
        let text = format!("x\n{line}\n{line}");
        let src = SourceFile::from_text("t", text.as_str());
        let second = text.rfind('\n').unwrap() + 1;
        for (start, offset) in text.char_indices().skip(1).step_by(97).map(|(i, _)| {
            let start = if i >= second { second } else { 2 };
            (start, i)
        }) {
            if offset < 2 {
                continue;
            }
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(src.line_col(offset).column, expected, "offset {offset}");
        }
        assert_eq!(src.line_col(text.len()).line, 3);
    }

    #[test]
    fn the_line_index_is_sampled_once_per_block() {
        let src = SourceFile::from_text("t", "a\nb\n\nc".repeat(1000));
        assert_eq!(src.line_count(), 3001);
        assert_eq!(src.line_col(src.text.len()).line, 3001);
        assert_eq!(&line_starts(&src)[..4], &[0, 2, 4, 5]);
        assert_eq!(src.line_blocks().samples.len(), 6000 / LINE_BLOCK + 1);
    }

    /// The sampled index answers what a scan of the whole text does, with
    /// blocks that start inside a `\r\n`, right after a break, and on a
    /// line that spans several blocks.
    #[test]
    fn an_offset_past_the_end_is_on_the_last_line() {
        let src = SourceFile::from_text("t", "a\nb".repeat(LINE_BLOCK));
        let last = src.line_of(src.text.len());
        assert_eq!(src.line_of(src.text.len() + 10 * LINE_BLOCK), last);
        assert_eq!(src.line_index(usize::MAX), last.0);
    }

    #[test]
    fn the_sampled_index_agrees_with_a_plain_scan() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["ab", "\r\n", "\r", "\n", "\u{e9}"][i % 5]);
            if i % 7 == 0 {
                text.push_str(&"x".repeat(i % 13));
            }
        }
        text.push_str(&"long".repeat(3 * LINE_BLOCK));
        text.push_str("\r\nend\r");
        // Breaks across every kind of block edge.
        assert!(text.len() > 4 * LINE_BLOCK);
        let bytes = text.as_bytes();
        let mut expected = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                expected.push(i + 1);
            }
        }
        let src = SourceFile::from_text("t", text.as_str());
        src.line_blocks();
        assert_eq!(line_starts(&src), expected);
        assert_eq!(src.line_start(expected.len()), None);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let line = expected.partition_point(|&s| s <= offset) - 1;
            assert_eq!(
                src.line_of(offset),
                (line, expected[line]),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn lone_cr_crlf_and_lf_each_break_one_line() {
        let src = SourceFile::from_text("t", "a\rb\r\nc\nd\r\re");
        assert_eq!(line_starts(&src), [0, 2, 5, 7, 9, 10]);
        assert_eq!(src.line_col(2), LineCol { line: 2, column: 1 });
        assert_eq!(src.line_col(10), LineCol { line: 6, column: 1 });
        let lines: Vec<&str> = (0..6).map(|l| &src.text[src.line_range(l)]).collect();
        assert_eq!(lines, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(src.line_range(99), 11..11);
    }

    #[test]
    fn serde_json_positions_count_lf_only() {
        // serde_json puts `x` at line 2, byte column 4 (the `\r` is blank).
        let src = SourceFile::from_text("t", "{\r\n\"a\":\rx}");
        assert_eq!(src.offset_of_line_byte_column(2, 6), 8);
        assert_eq!(&src.text[8..9], "x");
        assert_eq!(src.offset_of_line_byte_column(1, 99), src.text.len());
        // Past the last line: its start.
        assert_eq!(src.offset_of_line_byte_column(99, 1), 3);
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
