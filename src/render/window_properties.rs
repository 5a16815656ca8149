//! Properties of the display copy a frame draws from
//! ([`super::window::DisplayFile`]) and of the line index under it, over
//! hostile text: control characters, bidirectional overrides, every kind
//! of line break, very long lines. The end-to-end cases (file names and
//! contents through every format) are `tests/hostile_terminal.rs`.

use codespan_reporting::files::Files;
use proptest::prelude::*;

use super::window::DisplayFile;
use crate::source::SourceFile;

/// Characters a terminal acts on: C0 controls other than tab and newline,
/// DEL, the C1 controls, and bidirectional overrides.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Text with ordinary characters, tabs, line breaks of every kind and
/// hostile characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[a-z{}\":, ]{1,12}",
            1 => Just("\n".to_owned()),
            1 => Just("\r\n".to_owned()),
            1 => Just("\r".to_owned()),
            1 => Just("\t".to_owned()),
            1 => Just("é€𝄞".to_owned()),
            1 => prop::sample::select(vec!['\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}'])
                .prop_map(String::from),
            1 => "[a-z]{250,400}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the text and the labels: the display copy holds no raw
    /// control character, and a label's start maps back to the real line
    /// and column of its first character.
    #[test]
    fn frames_escape_everything_and_keep_real_positions(
        text in hostile_text(),
        picks in prop::collection::vec((0usize..10_000, 0usize..50), 1..4),
    ) {
        let source = SourceFile::from_text("t", text.as_str());
        let spans: Vec<_> = picks
            .iter()
            .map(|&(start, len)| {
                let span = source.clamp_span(crate::source::Span::new(start % (text.len() + 1), start % (text.len() + 1) + len));
                span.range()
            })
            .collect();
        let file = DisplayFile::new("n\u{1b}\n", &source, &spans);
        let shown = file.source(()).unwrap();
        prop_assert!(raw_controls(shown).is_empty(), "{:?}", shown);
        prop_assert!(raw_controls(file.name(()).unwrap()).is_empty());
        prop_assert!(!file.name(()).unwrap().contains('\n'));
        for span in &spans {
            let mapped = file.map(span.clone());
            prop_assert!(mapped.start <= mapped.end && mapped.end <= shown.len());
            let real = source.line_col(span.start);
            let line = source.line_range(real.line - 1);
            // A label starting inside the kept text maps back exactly (a
            // cut line keeps the text from its first label on).
            let first_on_line = spans
                .iter()
                .filter(|s| line.contains(&s.start) || s.start == line.end)
                .map(|s| s.start)
                .min()
                .unwrap_or(span.start);
            // A start on a line break (the `\n` of a `\r\n`) has no
            // character to show.
            let on_text = span.start <= line.end;
            if on_text && (span.start == first_on_line || line.len() <= 200) {
                let location = file.location((), mapped.start).unwrap();
                prop_assert_eq!(
                    (location.line_number, location.column_number),
                    (real.line, real.column)
                );
            }
        }
    }

    /// On ordinary text (short lines, no control characters), a frame
    /// drawn from the display copy is exactly the frame drawn from the
    /// whole file, multi-line labels, context lines and breaks included.
    #[test]
    fn frames_of_ordinary_text_are_unchanged(
        lines in prop::collection::vec("[a-z{}\":, é]{0,30}", 1..40),
        picks in prop::collection::vec((0usize..2000, 0usize..400), 1..4),
    ) {
        use codespan_reporting::diagnostic::{Diagnostic, Label};
        use codespan_reporting::files::SimpleFile;
        use codespan_reporting::term::{self, Config, termcolor::Buffer};
        let text = lines.join("\n");
        let source = SourceFile::from_text("t", text.as_str());
        let spans: Vec<_> = picks
            .iter()
            .map(|&(start, len)| {
                let start = start % (text.len() + 1);
                source.clamp_span(crate::source::Span::new(start, start + len)).range()
            })
            .collect();
        let shown = DisplayFile::new("t", &source, &spans);
        let whole = SimpleFile::new("t", text.as_str());
        let frame = |map: &dyn Fn(std::ops::Range<usize>) -> std::ops::Range<usize>| {
            Diagnostic::error().with_message("m").with_labels(
                spans
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        if i == 0 {
                            Label::primary((), map(s.clone()))
                        } else {
                            Label::secondary((), map(s.clone())).with_message("r")
                        }
                    })
                    .collect(),
            )
        };
        let mut expected = Buffer::no_color();
        term::emit_to_write_style(&mut expected, &Config::default(), &whole, &frame(&|r| r)).unwrap();
        let mut actual = Buffer::no_color();
        term::emit_to_write_style(&mut actual, &Config::default(), &shown, &frame(&|r| shown.map(r))).unwrap();
        prop_assert_eq!(
            String::from_utf8(actual.into_inner()).unwrap(),
            String::from_utf8(expected.into_inner()).unwrap()
        );
    }

    /// The line index agrees with splitting the text at `\r\n`, `\n` and
    /// a lone `\r`.
    #[test]
    fn every_kind_of_line_break_counts_once(text in hostile_text()) {
        let source = SourceFile::from_text("t", text.as_str());
        let mut expected = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                expected.push(i + 1);
            }
        }
        let starts: Vec<usize> = (0..source.line_count())
            .map(|line| source.line_start(line).unwrap_or(usize::MAX))
            .collect();
        prop_assert_eq!(starts, expected.clone());
        for line in 0..expected.len() {
            let range = source.line_range(line);
            prop_assert!(!text[range].contains(['\r', '\n']));
        }
    }
}
