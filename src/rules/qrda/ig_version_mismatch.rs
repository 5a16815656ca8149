//! `Q004 ig-version-mismatch`: The QRDA III templateId extension is not the implementation guide of
//! the performance year.

use super::VALID;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q004",
    name: "ig-version-mismatch",
    severity: Severity::Error,
    summary: "The QRDA III templateId extension is not the implementation guide of the performance year.",
    what: "Compares the extension of `ClinicalDocument/templateId[@root='2.16.840.1.113883.10.20.27.1.2']` \
           with the one CMS published for the document's performance year (`2022-12-01` for \
           2023 and 2024, `2024-12-01` for 2025), and names the expected extension. A \
           superseded version of the year's guide is named as such (`2024-07-01` is the 2025 \
           guide v1.0, superseded by v1.1, `2024-12-01`; `2022-05-01` is the 2023 guide v1.0). \
           When the period and the extension disagree, the message names both; a period older \
           than every supported year in a document written to a current guide is reported at \
           the period, which is then the likely mistake. A missing extension is an error too. \
           For a year whose guide pilint has not recorded yet, the finding is information \
           only, and every other check still runs.",
    why: "CMS's converter accepts exactly one extension at a time and rejects anything else \
          with error 5 (NOT_VALID_QRDA_DOCUMENT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/model/TemplateId.java`): \
          a 2025 file written to the 2023–2024 guide, or to the superseded first version of the \
          2025 guide, is rejected whole (CMS QRDA III Implementation Guide for Eligible \
          Clinicians, eCQI Resource Center, per performance year).",
    note: "CMS accepts only the QRDA III implementation guide of the performance year (converter error 5)",
    help: "write the extension CMS's QRDA III implementation guide for this year gives",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2022-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "2022-12-01");
    }
}
