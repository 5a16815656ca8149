//! Diagnostics: what a check found, in words a submitter can act on.
//!
//! A diagnostic carries its rule's code and name, a severity, a one-line
//! message (what is wrong), a note (why it matters, with the CMS source), a
//! help (what to do), the span it points at and the JSON Pointer / XPath of
//! that node. Renderers only ever see this type.

use crate::rule::{Consequence, Family, RuleMeta};
use crate::source::Span;

pub use crate::rule::Severity;

/// A secondary location shown beside the primary span ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedSpan {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's family (a type, not the code's letter).
    pub family: Family,
    /// What CMS does with the file because of this finding, for the
    /// file's performance year: CMS's fact, which no setting changes.
    pub consequence: Consequence,
    pub message: String,
    pub note: String,
    pub help: String,
    /// `None` only for findings about the file as a whole (an I/O error).
    pub span: Option<Span>,
    /// JSON Pointer (RFC 6901) for JSON, an XPath-like path for XML.
    pub pointer: String,
    pub related: Vec<RelatedSpan>,
    /// The identifiers (TINs, NPIs) the message quotes, exactly as quoted:
    /// masking replaces these and nothing else, whatever they look like.
    pub identifiers: Vec<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's default severity, note
    /// and help; the builder methods refine them.
    pub fn new(
        rule: &RuleMeta,
        span: Option<Span>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            family: rule.family,
            consequence: rule.consequence.default,
            message: message.into(),
            note: rule.note.to_owned(),
            help: rule.help.to_owned(),
            span,
            pointer: pointer.into(),
            related: Vec::new(),
            identifiers: Vec::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// A consequence other than the rule's, where the check knows better
    /// (a measure CMS suppressed that year, a guide pilint has no record of).
    pub fn with_consequence(mut self, consequence: Consequence) -> Self {
        self.consequence = consequence;
        self
    }

    /// Records that the message quotes `value`, an identifier, with
    /// [`quote_short`]: masking will hide it there.
    pub fn with_identifier(mut self, value: &str) -> Self {
        let quoted = quote_short(value);
        let inner = &quoted[1..quoted.len() - 1];
        if !inner.is_empty() {
            self.identifiers.push(inner.to_owned());
        }
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(RelatedSpan {
            span,
            message: message.into(),
        });
        self
    }
}

/// Quotes a value for a message, cut short so a message never carries a
/// whole document (and never much of a clinician's data).
pub fn quote_short(value: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("`");
    let mut chars = value.chars();
    out.extend(
        chars
            .by_ref()
            .take(MAX)
            .map(|c| if c.is_control() { ' ' } else { c }),
    );
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('`');
    out
}

/// Sorts findings by position (file-level findings first), then code, so
/// output is stable whatever order the checks ran in.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span.map(|s| (s.start, s.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_short_cuts_long_values() {
        assert_eq!(quote_short("abc"), "`abc`");
        let long = "x".repeat(100);
        assert_eq!(quote_short(&long).chars().count(), 43);
    }
}
