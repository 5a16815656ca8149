//! `Q009 virtual-group-id-missing`: A virtual group document does not name its virtual group.

use super::VALID;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Place};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, facts};
use crate::rules::qrda::support::at_element;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q009",
    name: "virtual-group-id-missing",
    severity: Severity::Error,
    summary: "A virtual group document does not name its virtual group.",
    what: "For program MIPS_VIRTUALGROUP, requires \
           `representedOrganization/id[@root='2.16.840.1.113883.3.249.5.2']/@extension`.",
    why: "CMS's converter reports error 78 (VIRTUAL_GROUP_ID_REQUIRED, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`): a virtual group's data is filed under its virtual group id.",
    note: "CMS needs the virtual group id of a virtual group (converter error 78)",
    help: "add the virtual group id under root 2.16.840.1.113883.3.249.5.2",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_VIRTUALGROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: concat!(
            "      <performer typeCode=\"PRF\">\n",
            "        <assignedEntity>\n",
            "          <id root=\"2.16.840.1.113883.4.6\" nullFlavor=\"NA\"/>\n",
            "        </assignedEntity>\n",
            "      </performer>\n"
        )
    )),
    valid: VALID,
};

/// The message, at the root element.
pub const MESSAGE: &str = "a MIPS virtual group document has no virtual group id (representedOrganization/id[@root='2.16.840.1.113883.3.249.5.2'])";

/// Q009: a virtual group names its virtual group.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some((program, _)) = facts::document_program(doc) else {
        return;
    };
    if program.entity == "virtualGroup"
        && facts::valued(doc, Doc::ROOT, Field::VirtualGroupId).is_empty()
    {
        let mut finding = at_element(doc, &META, doc.node(Doc::ROOT).element, MESSAGE);
        // The missing member's location, as the semantic
        // `identifier-missing` gives it, so the two count as one finding
        // (this one, which names the converter's error 78).
        finding.primary.place = Place::Here {
            span: finding.span(),
            pointer: crate::model::QRDA_ENTITY_ID_PATH.to_owned(),
        };
        out.push(finding);
    }
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
