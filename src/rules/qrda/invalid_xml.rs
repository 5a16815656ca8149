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
