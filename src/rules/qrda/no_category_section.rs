//! `Q007 no-category-section`: The document has no PI, Improvement Activities or quality section.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::qrda3_reader::{Doc, facts};
use crate::rules::qrda::support::at_element;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q007",
    name: "no-category-section",
    severity: Severity::Error,
    summary: "The document has no PI, Improvement Activities or quality section.",
    what: "Requires at least one section with the PI (`2.16.840.1.113883.10.20.27.2.5`), \
           Improvement Activities (`…27.2.4`) or quality Measure Section (`…27.2.3`) templateId \
           directly in the document body.",
    why: "CMS's converter reports error 23 (CLINICAL_DOCUMENT_MISSING_PI_OR_IA_OR_ECQM_CHILD, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`): a document without a category reports nothing.",
    note: "CMS rejects a document with no category section (converter error 23)",
    help: "add the PI section (templateId 2.16.840.1.113883.10.20.27.2.5), or check its templateId",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!("")),
    valid: VALID,
};

/// The message, at the root element.
pub const MESSAGE: &str =
    "the document has no PI, Improvement Activities or quality Measure Section";

/// Q007: at least one category section.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    if facts::sections(doc).is_empty() {
        out.push(at_element(doc, &META, doc.node(Doc::ROOT).element, MESSAGE));
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
