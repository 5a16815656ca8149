//! `Q008 duplicate-section`: A category section appears twice.

use super::VALID;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::qrda3_reader::Doc;
use crate::qrda3_reader::facts::{self, SECTIONS};
use crate::rules::qrda::support::at_element;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q008",
    name: "duplicate-section",
    severity: Severity::Error,
    summary: "A category section appears twice.",
    what: "Reports a second PI section, a second Improvement Activities section or a second \
           quality Measure Section, pointing at the second and labelling the first.",
    why: "CMS's converter reports error 26 (CLINICAL_DOCUMENT_CONTAINS_DUPLICATE_PI_SECTIONS) \
          for two PI sections and error 27 (…_DUPLICATE_IA_SECTIONS) for two IA or quality \
          sections (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`).",
    note: "CMS accepts one section per category (converter errors 26 and 27)",
    help: "merge the two sections into one",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!(concat!(
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!())
    ))),
    valid: VALID,
};

/// A second section titled `section` ("PI section").
pub fn second(section: &str) -> Message {
    format!("a second {section}; a document has at most one").into()
}

/// Q008: no category section twice.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let all = facts::sections(doc);
    for kind in SECTIONS {
        let of_kind: Vec<_> = all.iter().filter(|&&s| doc.node(s).kind == kind).collect();
        if let [first, rest @ ..] = of_kind.as_slice() {
            for &&extra in rest {
                out.push(
                    at_element(doc, &META, doc.node(extra).element, second(kind.title()))
                        .with_related(doc.node(**first).element.span, "first one"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<section>");
    }
}
