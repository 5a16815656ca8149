//! `Q025 ambiguous-identifier`: The document gives several different TINs or NPIs where CMS reads
//! one.

use super::VALID;
use crate::fast_hash::FastSet;

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, facts};
use crate::rules::qrda::support::at_value;
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

/// A second `label` ("TIN", "NPI") `value`, an identifier of `kind`, in a
/// document of `entity`.
pub fn second(label: &str, kind: ArgumentKind, value: &str, entity: &str) -> Message {
    let start = Message::new().text(&format!("a second {label} "));
    // An empty value is no identifier to record (or to mask).
    let quoted = if value.is_empty() {
        start.text("``")
    } else {
        start.quoted(kind, value)
    };
    quoted.text(&format!(
        " in a {entity} document; CMS reads only the first"
    ))
}

/// The label of the first.
pub fn first_label(kind: &str) -> String {
    format!("the {kind} CMS reads")
}

/// Q025: the identifier CMS reads is not ambiguous.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some((program, _)) = facts::document_program(doc) else {
        return;
    };
    let fields: &[(Field, &str, ArgumentKind)] = match program.entity {
        "individual" => &[
            (Field::Npi, "NPI", ArgumentKind::Npi),
            (Field::Tin, "TIN", ArgumentKind::Tin),
        ],
        "group" | "virtualGroup" | "subgroup" => &[(Field::Tin, "TIN", ArgumentKind::Tin)],
        _ => &[],
    };
    for &(field, label, kind) in fields {
        let valued = facts::valued(doc, Doc::ROOT, field);
        let mut seen = FastSet::default();
        let Some(first) = valued.first() else {
            continue;
        };
        for hit in &valued {
            let Some(value) = &hit.value else { continue };
            if seen.insert(value.text.as_str()) && seen.len() == 2 {
                out.push(
                    at_value(
                        doc,
                        &META,
                        hit.element,
                        value,
                        "extension",
                        second(label, kind, &value.text, program.entity),
                    )
                    .with_related(first.element.span, first_label(label)),
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
        assert_examples(&META, "000654321");
    }
}
