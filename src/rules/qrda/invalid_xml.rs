//! `Q001 invalid-xml`: The file is not well-formed XML.

use super::VALID;
use crate::diagnostic::Severity;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message};
use crate::qrda3_reader::Malformed;
use crate::rules::registry::{Example, RuleMeta};
use crate::source::{SourceFile, Span};

pub static META: RuleMeta = RuleMeta {
    code: "Q001",
    name: "invalid-xml",
    severity: Severity::Error,
    summary: "The file is not well-formed XML.",
    what: "Reads the file with a strict streaming XML parser and reports the first error: a \
           truncated document (naming the element left open), mismatched or unclosed tags, a \
           duplicate attribute, an undefined entity, an undeclared namespace prefix, text or a \
           second element after the root, an empty file. Nothing else is checked in that file.",
    why: "CMS's converter rejects a file that is not well-formed XML with error 2 \
          (NOT_VALID_XML_DOCUMENT, `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/Converter.java`); no category of it is scored.",
    note: "CMS rejects a QRDA III file that is not well-formed XML (converter error 2)",
    help: "fix the XML at the position shown; nothing else in this file was checked",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n  <templateId root=\"2.16.840.1.113883.10.20.27.1.2\" extension=\"2024-12-01\"/>\n  <component>\n",
    ),
    valid: VALID,
};

/// The message: `detail` says what is wrong, in the parser's words or one
/// of the functions below.
pub fn message(detail: Message) -> Message {
    Message::new()
        .text("the file is not well-formed XML: ")
        .then(detail)
}

/// The file ends while the element named `open` is still open.
pub fn truncated(open: &str) -> Message {
    Message::new()
        .text("the file ends inside <")
        .plain(ArgumentKind::Value, open)
        .text(">: the document is truncated")
}

/// An entity reference with no definition (pilint reads no DTD).
pub fn undefined_entity(name: &str) -> Message {
    Message::new()
        .text("undefined entity `&")
        .plain(ArgumentKind::Value, name)
        .text(";` (no DTD is read)")
}

/// An element prefix with no namespace declaration.
pub fn undeclared_prefix(prefix: &str) -> Message {
    Message::new()
        .text("namespace prefix `")
        .plain(ArgumentKind::Value, prefix)
        .text("` is not declared")
}

pub const TEXT_OUTSIDE_ROOT: &str = "text outside the root element";
pub const CDATA_OUTSIDE_ROOT: &str = "CDATA outside the root element";
pub const NO_ROOT: &str = "the file has no root element";
pub const SECOND_ROOT: &str = "a second root element";
/// The label of the start tag a truncated file leaves open.
pub const OPENED_HERE: &str = "opened here";

/// Q001: the reader stopped at `span` because the file is not well-formed;
/// `opened` is the start tag of the element a truncated file ends inside.
pub fn check(
    source: &SourceFile,
    span: Span,
    problem: &Malformed,
    opened: Option<Span>,
) -> Diagnostic {
    let detail = match problem {
        // The parser's own words.
        Malformed::Syntax(words) => Message::from(words.as_str()),
        Malformed::Truncated { open } => truncated(open),
        Malformed::UndefinedEntity(name) => undefined_entity(name),
        Malformed::UndeclaredPrefix(prefix) => undeclared_prefix(prefix),
        Malformed::TextOutsideRoot => TEXT_OUTSIDE_ROOT.into(),
        Malformed::CdataOutsideRoot => CDATA_OUTSIDE_ROOT.into(),
        Malformed::NoRoot => NO_ROOT.into(),
        Malformed::SecondRoot => SECOND_ROOT.into(),
    };
    let finding = Diagnostic::new(&META, Some(source.clamp_span(span)), "", message(detail));
    match opened {
        Some(opened) => finding.with_related(opened, OPENED_HERE),
        None => finding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    #[test]
    fn a_truncated_file_is_reported_at_its_end() {
        let found = findings(&META, &META.invalid);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "", "the span is the empty end of the file");
        assert_eq!(found[0].message, message(truncated("component")).text);
        assert!(findings(&META, &META.valid).is_empty());
    }
}
