//! The text a source frame is drawn from: a display copy of the lines the
//! frame shows, never the file itself.
//!
//! - Control characters and bidirectional overrides in the file are shown
//!   escaped (`\u{1b}`, see [`crate::render::escape`]), so a file cannot
//!   drive the terminal or hide text in a frame.
//! - Many real QRDA III files are one line of megabytes; a shown line
//!   longer than [`MAX_LINE_CHARS`] is cut to about that many characters
//!   around its labels, with `…` where text was cut.
//! - Only the lines near the labels are copied, so a frame costs what it
//!   shows, not what the file holds: a file with a finding on each of
//!   100,000 lines draws in linear time.
//!
//! The frame's header keeps the real file's line and column (the
//! [`Files`] implementation maps display offsets back); underlines line up
//! with the escaped text.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files, Location};

use crate::render::escape::{escape, is_unsafe, push_escaped};
use crate::source::SourceFile;

/// The longest line a frame shows whole.
pub const MAX_LINE_CHARS: usize = 200;

/// Characters kept before the first label on a cut line.
const CONTEXT_BEFORE: usize = 60;

/// Lines after a multi-line label's start that codespan shows (its
/// default `start_context_lines`; it shows one line before the end, and a
/// line between two shown lines instead of a `·` break).
const START_CONTEXT: usize = 3;

const ELLIPSIS: &str = "…";

/// A piece of a shown line: real bytes copied as they are, or one unsafe
/// character and its escape.
#[derive(Debug, Clone, Copy)]
struct Segment {
    real: usize,
    real_len: usize,
    display: usize,
    display_len: usize,
    escaped: bool,
}

/// One shown line of the display copy.
#[derive(Debug)]
struct Shown {
    /// The 0-based line in the real file.
    line: usize,
    /// Its range in the display copy, with the `\n` ending it.
    display: Range<usize>,
    /// Where the kept text starts in the display copy (after a `…`).
    kept_display: usize,
    /// The real bytes kept.
    kept: Range<usize>,
    /// Its segments, as indices into [`DisplayFile::segments`].
    segments: Range<usize>,
}

/// A display copy of the lines of a source that a frame shows, with the
/// mapping back to the real file.
pub struct DisplayFile<'a> {
    name: Cow<'a, str>,
    real: &'a SourceFile,
    text: String,
    /// Sorted by line, and so by display offset.
    lines: Vec<Shown>,
    /// Sorted by real and by display offset alike.
    segments: Vec<Segment>,
}

fn line_of(source: &SourceFile, offset: usize) -> usize {
    source.line_col(offset).line - 1
}

impl<'a> DisplayFile<'a> {
    /// The display copy of `source` for a frame with labels at `spans`
    /// (byte ranges of the real file), to be used with
    /// [`DisplayFile::map`].
    pub fn new(name: &'a str, source: &'a SourceFile, spans: &[Range<usize>]) -> Self {
        let line_count = source.line_count();
        // Each shown line, with the first label start on it (a cut line
        // keeps the text around it).
        let mut anchors: BTreeMap<usize, Option<usize>> = BTreeMap::new();
        for span in spans {
            let (first, last) = (line_of(source, span.start), line_of(source, span.end));
            // The lines codespan shows for this label, and one more on each
            // side of them (shown when it is all that separates two).
            let shown = [
                first.saturating_sub(1)..=(first + START_CONTEXT + 1).min(last + 1),
                last.saturating_sub(2)..=last + 1,
            ];
            for line in shown.into_iter().flatten() {
                if line < line_count {
                    anchors.entry(line).or_insert(None);
                }
            }
            let anchor = anchors.entry(first).or_insert(None);
            *anchor = Some(anchor.map_or(span.start, |a| a.min(span.start)));
        }
        let mut file = DisplayFile {
            name: escape(name),
            real: source,
            text: String::new(),
            lines: Vec::with_capacity(anchors.len()),
            segments: Vec::new(),
        };
        for (line, anchor) in anchors {
            file.push_line(line, anchor);
        }
        file
    }

    fn push_line(&mut self, line: usize, anchor: Option<usize>) {
        let real = self.real.line_range(line);
        let line_text = &self.real.text[real.clone()];
        let (keep_from, keep_to) = if line_chars_over(line_text, MAX_LINE_CHARS) {
            let anchor = anchor.map_or(0, |a| a.clamp(real.start, real.end) - real.start);
            window_bounds(line_text, anchor)
        } else {
            (0, line_text.len())
        };
        let start = self.text.len();
        if keep_from > 0 {
            self.text.push_str(ELLIPSIS);
        }
        let kept_display = self.text.len();
        let first_segment = self.segments.len();
        let kept = &line_text[keep_from..keep_to];
        let base = real.start + keep_from;
        let mut run_start = 0;
        for (i, c) in kept.char_indices() {
            if !is_unsafe(c) || c == '\t' {
                continue;
            }
            self.push_copy(base + run_start, &kept[run_start..i]);
            let display = self.text.len();
            push_escaped(&mut self.text, c);
            self.segments.push(Segment {
                real: base + i,
                real_len: c.len_utf8(),
                display,
                display_len: self.text.len() - display,
                escaped: true,
            });
            run_start = i + c.len_utf8();
        }
        self.push_copy(base + run_start, &kept[run_start..]);
        if keep_to < line_text.len() {
            self.text.push_str(ELLIPSIS);
        }
        self.text.push('\n');
        self.lines.push(Shown {
            line,
            display: start..self.text.len(),
            kept_display,
            kept: base..real.start + keep_to,
            segments: first_segment..self.segments.len(),
        });
    }

    fn push_copy(&mut self, real: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            real,
            real_len: text.len(),
            display: self.text.len(),
            display_len: text.len(),
            escaped: false,
        });
        self.text.push_str(text);
    }

    /// A real byte range, in the display copy; ends past the kept text
    /// are cut to its edge.
    pub fn map(&self, real: Range<usize>) -> Range<usize> {
        let start = self.map_offset(real.start);
        let end = self.map_offset(real.end).max(start);
        start..end
    }

    fn map_offset(&self, offset: usize) -> usize {
        let line = line_of(self.real, offset);
        let at = self.lines.partition_point(|shown| shown.line < line);
        let Some(shown) = self.lines.get(at).filter(|s| s.line == line) else {
            // Not shown (never a label's end): the next shown line.
            return self
                .lines
                .get(at)
                .map_or(self.text.len(), |s| s.display.start);
        };
        let offset = offset.clamp(shown.kept.start, shown.kept.end);
        let segments = &self.segments[shown.segments.clone()];
        let Some(segment) = segments[..segments.partition_point(|s| s.real <= offset)].last()
        else {
            return shown.kept_display;
        };
        let into = offset - segment.real;
        if segment.escaped {
            // Inside an escape is its start; after the character, its end.
            if into == 0 {
                segment.display
            } else {
                segment.display + segment.display_len
            }
        } else {
            segment.display + into.min(segment.real_len)
        }
    }

    /// The real offset of a display one.
    fn unmap(&self, offset: usize) -> usize {
        let at = self
            .lines
            .partition_point(|shown| shown.display.start <= offset);
        let Some(shown) = at.checked_sub(1).and_then(|i| self.lines.get(i)) else {
            return 0;
        };
        let segments = &self.segments[shown.segments.clone()];
        match segments[..segments.partition_point(|s| s.display <= offset)].last() {
            None => shown.kept.start,
            // Inside an escape is its character; at its end (the end of
            // the kept text), after it.
            Some(segment) if segment.escaped => {
                if offset >= segment.display + segment.display_len {
                    segment.real + segment.real_len
                } else {
                    segment.real
                }
            }
            Some(segment) => segment.real + (offset - segment.display).min(segment.real_len),
        }
    }
}

fn line_chars_over(line: &str, limit: usize) -> bool {
    // Bytes bound characters from above: most lines are decided at once.
    line.len() > limit && line.chars().nth(limit).is_some()
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

impl<'f> Files<'f> for DisplayFile<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    /// Line indices are the real file's, so the gutter numbers are too.
    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        let at = self
            .lines
            .partition_point(|shown| shown.display.start <= byte_index);
        Ok(at
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or(0, |shown| shown.line))
    }

    /// A line the copy does not hold (between two far labels, which
    /// codespan elides) is empty.
    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let max = self.real.line_count() - 1;
        if line_index > max {
            return Err(Error::LineTooLarge {
                given: line_index,
                max,
            });
        }
        let at = self.lines.partition_point(|shown| shown.line < line_index);
        Ok(match self.lines.get(at) {
            Some(shown) if shown.line == line_index => shown.display.clone(),
            Some(next) => next.display.start..next.display.start,
            None => self.text.len()..self.text.len(),
        })
    }

    /// The real file's line and column, whatever was cut or escaped.
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

    fn shown_line(file: &DisplayFile, line: usize) -> String {
        file.text[file.line_range((), line).unwrap()].to_owned()
    }

    #[test]
    fn long_lines_are_cut_around_the_label_and_map_back() {
        let line = format!("{}\"TARGET\"{}", "a".repeat(5000), "b".repeat(5000));
        let source = SourceFile::from_text("x", format!("first\n{line}\nlast"));
        let at = source.text.find("\"TARGET\"").unwrap();
        let span = at..at + 8;
        let file = DisplayFile::new("x", &source, std::slice::from_ref(&span));
        let mapped = file.map(span.clone());
        assert_eq!(&file.text[mapped.clone()], "\"TARGET\"");
        let location = file.location((), mapped.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 5001));
        let shown = shown_line(&file, 1);
        assert!(shown.starts_with('…') && shown.trim_end().ends_with('…'));
        assert!(shown.chars().count() <= MAX_LINE_CHARS + 3);
        assert_eq!(shown_line(&file, 0), "first\n");
    }

    #[test]
    fn control_characters_are_escaped_and_positions_stay_real() {
        let source = SourceFile::from_text("x", "a\u{1b}[2J\u{7}\t\"v\u{202e}\" z\r\nnext");
        let at = source.text.find("\"v").unwrap();
        let span = at..at + "\"v\u{202e}\"".len();
        let file = DisplayFile::new("n\u{1b}]0;x", &source, std::slice::from_ref(&span));
        assert_eq!(file.name(()).unwrap(), "n\\u{1b}]0;x");
        assert_eq!(
            shown_line(&file, 0),
            "a\\u{1b}[2J\\u{7}\t\"v\\u{202e}\" z\n"
        );
        assert_eq!(shown_line(&file, 1), "next\n");
        let mapped = file.map(span);
        assert_eq!(&file.text[mapped.clone()], "\"v\\u{202e}\"");
        let start = file.location((), mapped.start).unwrap();
        // `"` is the 8th character of the real line.
        assert_eq!((start.line_number, start.column_number), (1, 8));
        let end = file.location((), mapped.end).unwrap();
        assert_eq!(end.column_number, 12);
        assert!(!file.text.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']));
    }

    #[test]
    fn only_the_lines_near_labels_are_copied() {
        let text = "line\n".repeat(100_000);
        let source = SourceFile::from_text("x", text.as_str());
        let far = 50_000 * 5;
        let span = far..far + 4;
        let file = DisplayFile::new("x", &source, std::slice::from_ref(&span));
        assert_eq!(file.lines.len(), 4);
        assert_eq!(
            file.line_index((), file.map(far..far).start).unwrap(),
            50_000
        );
        assert_eq!(file.line_range((), 10).unwrap().len(), 0);
        assert!(file.line_range((), 100_001).is_err());
    }

    #[test]
    fn window_bounds_respect_characters() {
        let line = "é".repeat(1000);
        let (from, to) = window_bounds(&line, 1001);
        assert!(line.is_char_boundary(from) && line.is_char_boundary(to));
        assert_eq!(line[from..to].chars().count(), MAX_LINE_CHARS);
    }
}
