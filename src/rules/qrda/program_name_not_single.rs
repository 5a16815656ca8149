//! `Q005 program-name-not-single`: The document has no program name, or more than one.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{ArgumentKind, Message, Severity};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, Hit, facts};
use crate::rules::qrda::support::{at_element, values_after_the_first};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q005",
    name: "program-name-not-single",
    severity: Severity::Error,
    summary: "The document has no program name, or more than one.",
    what: "Requires exactly one `informationRecipient/intendedRecipient/id[@root='2.16.840.1.113883.3.249.7']/@extension` \
           (the program and entity type, e.g. `MIPS_GROUP`).",
    why: "CMS's converter reports error 24 (CLINICAL_DOCUMENT_MISSING_PROGRAM_NAME, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`) for a missing or repeated program name: without it CMS cannot \
          tell which program and entity the data is for.",
    note: "CMS needs exactly one program name (converter error 24)",
    help: "give one program name, e.g. MIPS_INDIV or MIPS_GROUP",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: concat!(
            crate::qrda3_recipient!("MIPS_GROUP"),
            crate::qrda3_recipient!("MIPS_GROUP")
        ),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

/// The program name's id has no extension.
pub const NO_EXTENSION: &str = "the program name id has no extension";

/// The document has no program name.
pub const MISSING: &str = "the document has no program name (informationRecipient/intendedRecipient/id[@root='2.16.840.1.113883.3.249.7'])";

/// A second program name `name`.
pub fn second(name: &str) -> Message {
    Message::new()
        .text("a second program name ")
        .quoted(ArgumentKind::Value, name)
        .text("; a document has exactly one")
}

/// Q005: exactly one program name.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let hits: Vec<&Hit> = doc.node(Doc::ROOT).hits(Field::ProgramName).collect();
    let valued = facts::valued(doc, Doc::ROOT, Field::ProgramName);
    match valued.as_slice() {
        [] => {
            let (element, message) = match hits.first() {
                Some(empty) => (empty.element, NO_EXTENSION),
                None => (doc.node(Doc::ROOT).element, MISSING),
            };
            out.push(at_element(doc, &META, element, message));
        }
        valued => values_after_the_first(
            doc,
            &META,
            valued,
            "extension",
            second,
            "first program name",
            out,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "MIPS_GROUP");
    }
}
