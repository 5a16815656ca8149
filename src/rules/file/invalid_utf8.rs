//! `F002 invalid-utf8`: The file contains bytes that are not UTF-8.

use super::VALID_MINIMAL;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::json_syntax::Problem;
use crate::rules::registry::{Example, RuleMeta};
use crate::source::{SourceFile, Span};

pub static META: RuleMeta = RuleMeta {
    code: "F002",
    name: "invalid-utf8",
    severity: Severity::Error,
    summary: "The file contains bytes that are not UTF-8.",
    what: "Reports the first byte sequence that is not valid UTF-8 (often a Windows-1252 `é` \
           or `’` pasted into a name).",
    why: "JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); the Submissions \
          API cannot decode other encodings.",
    note: "JSON exchanged between systems must be encoded as UTF-8 (RFC 8259 §8.1)",
    help: "re-save the file as UTF-8",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose("A file holding the byte 0xFF: see fixtures/invalid/not-utf8.json."),
    valid: Example::json(VALID_MINIMAL),
};

/// The finding for a file whose bytes are not all UTF-8.
pub fn check(problem: &Problem) -> Option<Diagnostic> {
    let Problem::InvalidUtf8 {
        offset,
        utf16,
        span,
    } = problem
    else {
        return None;
    };
    Some(Diagnostic::new(
        &META,
        Some(*span),
        "",
        message(*offset, *utf16),
    ))
}

/// The finding for an XML file whose bytes are not all UTF-8: the source
/// (read lossily) records the first byte that is not.
pub fn check_xml(source: &SourceFile) -> Option<Diagnostic> {
    let at = source.invalid_utf8_at?;
    Some(Diagnostic::new(
        &META,
        Some(source.clamp_span(Span::new(at, at + 1))),
        "",
        message(at, false),
    ))
}

/// The message for the first byte that is not UTF-8, at `offset`; a file
/// recognised as UTF-16 is named as such.
pub fn message(offset: usize, utf16: bool) -> Message {
    if utf16 {
        Message::from("the file is encoded as UTF-16, not UTF-8")
    } else {
        Message::new()
            .text("the byte at offset ")
            .plain(ArgumentKind::Count, offset)
            .text(" is not valid UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::of_rule;
    use crate::source::SourceFile;

    #[test]
    fn the_first_byte_that_is_not_utf8_is_reported_at_its_offset() {
        let mut bytes = crate::valid_2025!().as_bytes().to_vec();
        bytes.insert(40, 0xFF);
        let source = SourceFile::from_bytes("example.json", bytes);
        let report = crate::lint::lint_source(source, &crate::lint::LintOptions::default());
        let found = of_rule(&META, &report);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, message(40, false).text);
        assert_eq!(found[0].message, "the byte at offset 40 is not valid UTF-8");
        assert!(
            of_rule(
                &META,
                &crate::lint::lint_source(
                    SourceFile::from_text("example.json", META.valid.text),
                    &crate::lint::LintOptions::default(),
                )
            )
            .is_empty()
        );
    }

    #[test]
    fn utf16_is_named() {
        assert_eq!(
            message(0, true).text,
            "the file is encoded as UTF-16, not UTF-8"
        );
        assert_eq!(message(7, false).arguments[0].value, "7");
    }
}
