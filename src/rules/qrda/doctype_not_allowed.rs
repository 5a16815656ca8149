//! `Q002 doctype-not-allowed`: The document has a DOCTYPE declaration.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};
use crate::source::{SourceFile, Span};

pub static META: RuleMeta = RuleMeta {
    code: "Q002",
    name: "doctype-not-allowed",
    severity: Severity::Error,
    summary: "The document has a DOCTYPE declaration.",
    what: "Reports any `<!DOCTYPE …>` and stops reading the file: pilint never reads a DTD, so \
           no entity it declares (internal, as in a \"billion laughs\" bomb, or external, \
           pointing at a file or URL) is ever expanded or fetched.",
    why: "QRDA III never needs a DTD. CMS's converter forbids any DOCTYPE \
          (`disallow-doctype-decl` in `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/xml/XmlUtils.java`) \
          and rejects the file with error 2 (NOT_VALID_XML_DOCUMENT).",
    note: "CMS rejects any DOCTYPE in a QRDA III file (converter error 2)",
    help: "remove the DOCTYPE declaration; QRDA III uses no DTD or entities",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<!DOCTYPE ClinicalDocument [<!ENTITY tin \"000123456\">]>\n",
        "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>\n"
    )),
    valid: VALID,
};

/// The message, at the declaration.
pub const MESSAGE: &str = "the document has a DOCTYPE declaration; QRDA III files must not declare one, and pilint reads nothing it declares";

/// Q002: the reader stopped at a DOCTYPE declaration spanning `span`.
pub fn check(source: &SourceFile, span: Span) -> Diagnostic {
    Diagnostic::new(&META, Some(source.clamp_span(span)), "", MESSAGE)
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<!DOCTYPE");
    }
}
