//! `Q025 ambiguous-identifier`: The document gives several different TINs or NPIs where CMS reads
//! one.

use super::VALID;
use crate::diagnostic::{Severity, quote_short};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q025",
    name: "ambiguous-identifier",
    severity: Severity::Warning,
    summary: "The document gives several different TINs or NPIs where CMS reads one.",
    what: "For an individual, reports a second distinct NPI or TIN; for a group, virtual group \
           or subgroup, a second distinct TIN (across all performers).",
    why: "CMS's converter takes the first NPI and the first TIN in document order, \
          independently, even from different performers \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/ClinicalDocumentDecoder.java`): the \
          data may be filed under a TIN/NPI pair that never belonged together.",
    note: "CMS reads only the first NPI and the first TIN",
    help: "send one performer, or one file per clinician",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: concat!(
            crate::qrda3_performer!(tin: "000123456"),
            crate::qrda3_performer!(tin: "000654321")
        )
    )),
    valid: VALID,
};

/// A second `kind` ("TIN", "NPI") `value` in a document of `entity`.
pub fn second(kind: &str, value: &str, entity: &str) -> String {
    format!(
        "a second {kind} {} in a {entity} document; CMS reads only the first",
        quote_short(value)
    )
}

/// The label of the first.
pub fn first_label(kind: &str) -> String {
    format!("the {kind} CMS reads")
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "000654321");
    }
}
