//! Source frames for long lines. Many real QRDA III files are one line of
//! megabytes; a frame printing that line whole is useless and slow. When a
//! line a frame shows is longer than [`MAX_LINE_CHARS`], the frame is drawn
//! from a windowed copy of the source instead: each shown line is cut to
//! about [`MAX_LINE_CHARS`] characters around its labels, with `…` where
//! text was cut, while the header's line and column stay those of the real
//! file (a custom [`Files`] maps windowed offsets back).

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files, Location};

use crate::source::SourceFile;

/// The longest line a frame shows whole.
pub const MAX_LINE_CHARS: usize = 200;

/// Characters kept before the first label on a cut line.
const CONTEXT_BEFORE: usize = 60;

/// Lines around a label's ends that codespan may show (its default
/// context is 3 lines after a start and 1 before an end, plus one line
/// between two labels); only these get text in the windowed copy.
const NEARBY_LINES: usize = 4;

const ELLIPSIS: &str = "…";

/// One shown line of the windowed copy.
struct Window {
    /// Where the kept text starts in the windowed copy (after a `…`).
    kept_start: usize,
    /// Where the kept text starts in the real file.
    real_start: usize,
    /// How many bytes of real text were kept.
    kept_len: usize,
}

/// A windowed copy of a source, with the mapping back to the real file.
pub struct WindowedFile<'a> {
    name: &'a str,
    real: &'a SourceFile,
    text: String,
    line_starts: Vec<usize>,
    windows: HashMap<usize, Window>,
}

/// Whether a frame with labels at `spans` (byte ranges of `source`) needs
/// windowing: some line they touch is too long to show whole.
pub fn needs_window(source: &SourceFile, spans: &[Range<usize>]) -> bool {
    spans.iter().any(|span| {
        [span.start, span.end]
            .into_iter()
            .any(|offset| line_chars_over(source, line_of(source, offset), MAX_LINE_CHARS))
    })
}

fn line_of(source: &SourceFile, offset: usize) -> usize {
    source.line_col(offset).line - 1
}

fn line_range(source: &SourceFile, line: usize) -> Range<usize> {
    let starts = source.line_starts();
    let start = starts[line];
    let end = starts
        .get(line + 1)
        .map_or(source.text.len(), |next| next - 1);
    start..end
}

fn line_chars_over(source: &SourceFile, line: usize, limit: usize) -> bool {
    let range = line_range(source, line);
    // Bytes bound characters from above: most lines are decided at once.
    range.len() > limit && source.text[range].chars().nth(limit).is_some()
}

impl<'a> WindowedFile<'a> {
    /// A windowed copy of `source` showing the labels at `spans` (byte
    /// ranges of the real file), to be used with [`WindowedFile::map`].
    pub fn new(name: &'a str, source: &'a SourceFile, spans: &[Range<usize>]) -> Self {
        let line_count = source.line_starts().len();
        // The first label start on each shown line, which the window keeps.
        let mut anchors: HashMap<usize, usize> = HashMap::new();
        for span in spans {
            for offset in [span.start, span.end] {
                let line = line_of(source, offset);
                let from = line.saturating_sub(NEARBY_LINES);
                let to = (line + NEARBY_LINES).min(line_count - 1);
                for nearby in from..=to {
                    anchors
                        .entry(nearby)
                        .or_insert_with(|| line_range(source, nearby).start);
                }
            }
            let line = line_of(source, span.start);
            let anchor = anchors.entry(line).or_insert(span.start);
            if *anchor == line_range(source, line).start || span.start < *anchor {
                *anchor = span.start.max(line_range(source, line).start);
            }
        }
        let last = anchors.keys().copied().max().unwrap_or(0);
        let mut text = String::new();
        let mut line_starts = Vec::with_capacity(last + 1);
        let mut windows = HashMap::new();
        for line in 0..=last {
            line_starts.push(text.len());
            if let Some(&anchor) = anchors.get(&line) {
                let real = line_range(source, line);
                let line_text = &source.text[real.clone()];
                let anchor = anchor.clamp(real.start, real.end) - real.start;
                let (keep_from, keep_to) = window_bounds(line_text, anchor);
                if keep_from > 0 {
                    text.push_str(ELLIPSIS);
                }
                let kept_start = text.len();
                text.push_str(&line_text[keep_from..keep_to]);
                if keep_to < line_text.len() {
                    text.push_str(ELLIPSIS);
                }
                windows.insert(
                    line,
                    Window {
                        kept_start,
                        real_start: real.start + keep_from,
                        kept_len: keep_to - keep_from,
                    },
                );
            }
            text.push('\n');
        }
        WindowedFile {
            name,
            real: source,
            text,
            line_starts,
            windows,
        }
    }

    /// A real byte range, in the windowed copy; ends past a window are cut
    /// to its edge.
    pub fn map(&self, real: Range<usize>) -> Range<usize> {
        let start = self.map_offset(real.start);
        let end = self.map_offset(real.end).max(start);
        start..end
    }

    fn map_offset(&self, offset: usize) -> usize {
        let line = line_of(self.real, offset);
        match self.windows.get(&line) {
            Some(window) => {
                let into = offset
                    .saturating_sub(window.real_start)
                    .min(window.kept_len);
                window.kept_start + into
            }
            None => self.line_starts.get(line).copied().unwrap_or(0),
        }
    }

    /// The real offset of a windowed one.
    fn unmap(&self, offset: usize) -> usize {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        match self.windows.get(&line) {
            Some(window) => {
                let into = offset
                    .saturating_sub(window.kept_start)
                    .min(window.kept_len);
                window.real_start + into
            }
            None => self.real.line_starts().get(line).copied().unwrap_or(0),
        }
    }
}

/// The byte range of `line` kept around `anchor` (a byte offset in it):
/// [`CONTEXT_BEFORE`] characters before, [`MAX_LINE_CHARS`] in all.
fn window_bounds(line: &str, anchor: usize) -> (usize, usize) {
    let mut anchor = anchor.min(line.len());
    while !line.is_char_boundary(anchor) {
        anchor -= 1;
    }
    let from = line[..anchor]
        .char_indices()
        .rev()
        .nth(CONTEXT_BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let to = line[from..]
        .char_indices()
        .nth(MAX_LINE_CHARS)
        .map_or(line.len(), |(i, _)| from + i);
    (from, to)
}

impl<'f> Files<'f> for WindowedFile<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(match self.line_starts.binary_search(&byte_index) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        })
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = *self
            .line_starts
            .get(line_index)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.line_starts.len().saturating_sub(1),
            })?;
        let end = self
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }

    /// The real file's line and column, whatever was cut.
    fn location(&'f self, (): (), byte_index: usize) -> Result<Location, Error> {
        let real = self.real.line_col(self.unmap(byte_index));
        Ok(Location {
            line_number: real.line,
            column_number: real.column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_label_and_map_back() {
        let line = format!("{}\"TARGET\"{}", "a".repeat(5000), "b".repeat(5000));
        let source = SourceFile::from_text("x", format!("first\n{line}\nlast"));
        let at = source.text.find("\"TARGET\"").unwrap();
        let span = at..at + 8;
        assert!(needs_window(&source, std::slice::from_ref(&span)));
        let file = WindowedFile::new("x", &source, std::slice::from_ref(&span));
        let mapped = file.map(span.clone());
        assert_eq!(&file.text[mapped.clone()], "\"TARGET\"");
        let location = file.location((), mapped.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 5001));
        let shown = &file.text[file.line_range((), 1).unwrap()];
        assert!(shown.starts_with('…') && shown.trim_end().ends_with('…'));
        assert!(shown.chars().count() <= MAX_LINE_CHARS + 3);
        let short = 0..5;
        assert!(!needs_window(&source, std::slice::from_ref(&short)));
    }

    #[test]
    fn window_bounds_respect_characters() {
        let line = "é".repeat(1000);
        let (from, to) = window_bounds(&line, 1001);
        assert!(line.is_char_boundary(from) && line.is_char_boundary(to));
        assert_eq!(line[from..to].chars().count(), MAX_LINE_CHARS);
    }
}
