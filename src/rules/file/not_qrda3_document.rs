//! `F005 not-qrda3-document`: The XML file is not a QRDA Category III document.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::Doc;
use crate::qrda3_reader::templates::{CMS_QRDA3_REPORT, Field};
use crate::rules::registry::{Example, RuleMeta};
use crate::source::{SourceFile, Span};

pub static META: RuleMeta = RuleMeta {
    code: "F005",
    name: "not-qrda3-document",
    severity: Severity::Error,
    summary: "The XML file is not a QRDA Category III document.",
    what: "Reports XML (a `*.xml` file, or content starting with an XML declaration or \
           `<ClinicalDocument`) whose root element is not `ClinicalDocument`, or whose \
           `ClinicalDocument` has no CMS QRDA III Report templateId (root \
           `2.16.840.1.113883.10.20.27.1.2`): a C-CDA or QRDA I document, a stylesheet, any \
           other XML. pilint reports this once and checks nothing else in the file.",
    why: "CMS's QRDA III converter rejects such a file whole with error 5 \
          (NOT_VALID_QRDA_DOCUMENT, `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/QrdaDecoderEngine.java`): only QRDA Category III documents carry MIPS PI data.",
    note: "CMS accepts PI as QPP JSON or QRDA Category III XML only (converter error 5)",
    help: "export the PI data as a QRDA Category III document or as QPP JSON",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n",
        "  <templateId root=\"2.16.840.1.113883.10.20.22.1.1\" extension=\"2015-08-01\"/>\n",
        "</ClinicalDocument>\n"
    )),
    valid: Example::xml(crate::qrda3_valid_2025!()),
};

/// The finding for a document whose root element, at `span`, is `name`,
/// not `ClinicalDocument` (the reader stops there).
pub fn check_root(source: &SourceFile, span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(&META, Some(source.clamp_span(span)), "", wrong_root(name))
}

/// The finding for a `ClinicalDocument` without CMS's QRDA III document
/// template, at its start tag.
pub fn check_template(doc: &Doc) -> Option<Diagnostic> {
    let root = doc.node(Doc::ROOT);
    if root.hits(Field::DocumentTemplate).next().is_some() {
        return None;
    }
    Some(Diagnostic::new(
        &META,
        Some(root.element.span),
        doc.xpath(root.element),
        no_qrda3_template(CMS_QRDA3_REPORT),
    ))
}

/// The message when the root element is `<root>`, not `<ClinicalDocument>`.
pub fn wrong_root(root: &str) -> Message {
    Message::new()
        .text("this XML is not a QRDA Category III document: its root element is <")
        .plain(ArgumentKind::Value, root)
        .text(">, not <ClinicalDocument>")
}

/// The message when the `ClinicalDocument` lacks the template whose root is
/// `template_root`.
/// The root is CMS's constant, not a value of the file: text, not an
/// argument.
pub fn no_qrda3_template(template_root: &str) -> String {
    format!(
        "this ClinicalDocument is not a QRDA Category III document: it has no CMS QRDA III templateId (root {template_root})"
    )
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<ClinicalDocument");
    }
}
