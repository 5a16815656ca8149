//! Source frames for the HTML report: the lines around a finding, its span
//! marked, long lines cut to a window around the mark (real QRDA III files
//! are often one line of megabytes). The text is returned raw: the
//! template escapes it.

use serde::Serialize;

use crate::source::{SourceFile, Span};

/// The longest line shown whole, in characters.
const MAX_LINE_CHARS: usize = 200;
/// Characters kept before the mark on a cut line.
const CONTEXT_BEFORE: usize = 60;
/// Lines of a long span shown before the frame says it goes on.
const MAX_SPAN_LINES: usize = 6;

/// One shown line: the text before, inside and after the mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameLine {
    /// 1-based.
    pub number: usize,
    pub before: String,
    pub marked: String,
    pub after: String,
    /// Text was cut at the start or the end of the line.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// The frame of `span`: a line of context before and after, the span's
/// lines (at most [`MAX_SPAN_LINES`]); `more` is true when the span's
/// lines went on past them.
pub fn frame(source: &SourceFile, span: Span) -> (Vec<FrameLine>, bool) {
    let span = source.clamp_span(span);
    if source.text.is_empty() {
        return (Vec::new(), false);
    }
    let first = source.line_index(span.start());
    // A span ending just after a line break ends on the line before.
    let last = source.line_index(span.end().saturating_sub(1).max(span.start()));
    let shown_last = last.min(first + MAX_SPAN_LINES - 1);
    let more = last > shown_last;
    let from = first.saturating_sub(1);
    let to = if more {
        shown_last
    } else {
        (shown_last + 1).min(source.line_count() - 1)
    };
    let lines = (from..=to)
        .map(|line| {
            let range = source.line_range(line);
            // The mark on this line; an empty span marks the character
            // it stands before, as the terminal frames do.
            let (mark_start, mark_end) = if span.start() == span.end() {
                let at = span.start();
                let next = source.text[at..].chars().next().map_or(0, char::len_utf8);
                (at, (at + next).min(range.end.max(at)))
            } else {
                (span.start(), span.end())
            };
            let a = mark_start.clamp(range.start, range.end);
            let b = mark_end.clamp(range.start, range.end);
            let (a, b) = if line < first || line > last {
                (range.end, range.end)
            } else {
                (a, b)
            };
            cut(source, line + 1, range, a, b)
        })
        .collect();
    (lines, more)
}

/// The line `range` with the mark `a..b`, cut to a window when too long.
fn cut(
    source: &SourceFile,
    number: usize,
    range: std::ops::Range<usize>,
    a: usize,
    b: usize,
) -> FrameLine {
    let text = &source.text;
    let (mut start, mut end) = (range.start, range.end);
    let long =
        end - start > MAX_LINE_CHARS && text[start..end].chars().nth(MAX_LINE_CHARS).is_some();
    if long {
        // CONTEXT_BEFORE characters before the mark, then up to
        // MAX_LINE_CHARS characters in all.
        let before_mark = &text[start..a];
        start = before_mark
            .char_indices()
            .rev()
            .nth(CONTEXT_BEFORE - 1)
            .map_or(start, |(i, _)| start + i);
        end = text[start..end]
            .char_indices()
            .nth(MAX_LINE_CHARS)
            .map_or(end, |(i, _)| start + i);
    }
    let a = a.clamp(start, end);
    let b = b.clamp(a, end);
    FrameLine {
        number,
        before: text[start..a].to_owned(),
        marked: text[a..b].to_owned(),
        after: text[b..end].to_owned(),
        cut_before: start > range.start,
        cut_after: end < range.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::from_text("a.json", text)
    }

    #[test]
    fn marks_the_span_with_a_line_around() {
        let s = source("{\n  \"a\": 1,\n  \"b\": 2\n}\n");
        let at = s.text.find("1").unwrap();
        let (lines, more) = frame(&s, Span::new(at, at + 1));
        assert!(!more);
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(lines[1].before, "  \"a\": ");
        assert_eq!(lines[1].marked, "1");
        assert_eq!(lines[1].after, ",");
        assert_eq!(lines[0].marked, "");
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let text = format!("{}X{}", "a".repeat(5000), "é".repeat(5000));
        let s = source(&text);
        let at = text.find('X').unwrap();
        let (lines, _) = frame(&s, Span::new(at, at + 1));
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_eq!(line.marked, "X");
        assert!(line.cut_before && line.cut_after);
        assert_eq!(line.before.chars().count(), CONTEXT_BEFORE);
        assert!(line.before.len() + line.after.len() < 1000);
    }

    #[test]
    fn empty_spans_and_empty_files_do_not_panic() {
        assert_eq!(frame(&source(""), Span::new(0, 0)).0, Vec::new());
        let s = source("ab");
        let (lines, _) = frame(&s, Span::new(2, 2));
        assert_eq!(lines[0].before, "ab");
        let (lines, _) = frame(&s, Span::new(0, 99));
        assert_eq!(lines[0].marked, "ab");
    }

    #[test]
    fn a_long_span_says_it_goes_on() {
        let text = "x\n".repeat(50);
        let s = source(&text);
        let (lines, more) = frame(&s, Span::new(0, text.len()));
        assert!(more);
        assert_eq!(lines.len(), MAX_SPAN_LINES);
    }
}
