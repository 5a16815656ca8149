//! `Q024 duplicate-cehrt-id`: The document gives more than one CEHRT ID.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{ArgumentKind, Message, Severity};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, facts};
use crate::rules::qrda::support::values_after_the_first;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q024",
    name: "duplicate-cehrt-id",
    severity: Severity::Error,
    summary: "The document gives more than one CEHRT ID.",
    what: "Reports every CEHRT ID (`participant/associatedEntity/id[@root='2.16.840.1.113883.3.2074.1']`) \
           after the first, labelling the one CMS reads.",
    why: "CMS's converter silently keeps the first CEHRT ID \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/ClinicalDocumentDecoder.java`); it \
          rejected two with error 100 (PCF_DUPLICATE_CEHRT) until PCF was retired in 2025-10. \
          A PI submission is scored against one CEHRT ID, and it may not be the one you meant.",
    note: "CMS reads only the first CEHRT ID",
    help: "keep the one CEHRT ID of the certified technology used this year",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: concat!(
            crate::qrda3_cehrt!("0015C01234ABCDE"),
            crate::qrda3_cehrt!("0015C99999ZZZZZ")
        ),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

/// A second CEHRT ID `id`.
pub fn second(id: &str) -> Message {
    Message::new()
        .text("a second CEHRT ID ")
        .quoted(ArgumentKind::Value, id)
        .text("; CMS reads only the first")
}

/// The label of the first.
pub const FIRST_LABEL: &str = "the CEHRT ID CMS reads";

/// Q024: one CEHRT ID per document.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let valued = facts::valued(doc, Doc::ROOT, Field::CehrtId);
    values_after_the_first(doc, &META, &valued, "extension", second, FIRST_LABEL, out);
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "0015C99999ZZZZZ");
    }
}
