//! What the syntax layer finds wrong with a file, as data: each variant is
//! one fact with the span where it is, and no words (the `F` rule that
//! claims it writes the finding).

use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The first byte that is not UTF-8, at byte `offset` of the file
    /// (`utf16`: the file is recognised as UTF-16). Nothing else is read.
    InvalidUtf8 {
        offset: usize,
        utf16: bool,
        span: Span,
    },
    /// A leading U+FEFF; the rest of the file is read as if it were not there.
    ByteOrderMark { span: Span },
    /// A member whose key already appeared in the same object.
    DuplicateKey {
        /// The repeated key as the file writes it, quotes included.
        key: String,
        /// The JSON Pointer of the (later) member.
        pointer: String,
        /// The first key and the repeated one.
        first: Span,
        second: Span,
    },
    /// The document is not strict JSON: where parsing stopped and why.
    Syntax {
        span: Span,
        /// The parser's reason, without its position.
        reason: String,
        /// The character where parsing stopped (`None` at the end).
        at: Option<char>,
        /// The file holds only whitespace (after any byte-order mark).
        empty: bool,
    },
}
