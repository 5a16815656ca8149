//! `Q001 invalid-xml`: The file is not well-formed XML.

use super::VALID;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

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

/// The message: `detail` says what is wrong, in the reader's words or one
/// of the functions below.
pub fn message(detail: &str) -> String {
    format!("the file is not well-formed XML: {detail}")
}

/// The file ends while `open` is still open.
pub fn truncated(open: &str) -> String {
    format!("the file ends inside <{open}>: the document is truncated")
}

/// An entity reference with no definition (pilint reads no DTD).
pub fn undefined_entity(name: &str) -> String {
    format!("undefined entity `&{name};` (no DTD is read)")
}

/// An element or attribute prefix with no namespace declaration.
pub fn undeclared_prefix(prefix: &str) -> String {
    format!("namespace prefix `{prefix}` is not declared")
}

pub const TEXT_OUTSIDE_ROOT: &str = "text outside the root element";
pub const CDATA_OUTSIDE_ROOT: &str = "CDATA outside the root element";
pub const NO_ROOT: &str = "the file has no root element";
pub const SECOND_ROOT: &str = "a second root element";
/// The label of the start tag a truncated file leaves open.
pub const OPENED_HERE: &str = "opened here";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    #[test]
    fn a_truncated_file_is_reported_at_its_end() {
        let found = findings(&META, &META.invalid);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "", "the span is the empty end of the file");
        assert_eq!(found[0].message, message(&truncated("component")));
        assert!(findings(&META, &META.valid).is_empty());
    }
}
