//! `Q014 measure-id-not-single`: A PI measure has no measure id, or more than one.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{ArgumentKind, Message, Severity};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, NodeId, facts};
use crate::rules::qrda::support::{at_element, values_after_the_first};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q014",
    name: "measure-id-not-single",
    severity: Severity::Error,
    summary: "A PI measure has no measure id, or more than one.",
    what: "Requires exactly one `reference/externalDocument/id/@extension` (the measure id, e.g. \
           `PI_EP_1`) in each PI measure organizer.",
    why: "CMS's converter reports error 16 (PI_NUMERATOR_DENOMINATOR_MISSING_MEASURE_ID) for \
          numerator/denominator measures and error 12 \
          (PI_MEASURE_PERFORMED_RNR_MEASURE_ID_NOT_SINGULAR) for measure-performed measures \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciNumeratorDenominatorValidator.java`, \
          `AciMeasurePerformedRnRValidator.java`).",
    note: "CMS needs exactly one measure id per PI measure (converter errors 12 and 16)",
    help: "give the measure one id under root 2.16.840.1.113883.3.7031",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        "          <entry>\n",
        "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.27.3.29\" extension=\"2016-09-01\"/>\n",
        "              <reference typeCode=\"REFR\">\n",
        "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
        "                  <id root=\"2.16.840.1.113883.3.7031\" extension=\"PI_ONCACB_1\"/>\n",
        "                  <id root=\"2.16.840.1.113883.3.7031\" extension=\"PI_ONCACB_1\"/>\n",
        "                </externalDocument>\n",
        "              </reference>\n",
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

/// The measure titled `measure` has no id.
pub fn missing(measure: &str) -> Message {
    Message::new().text(&format!(
        "the {measure} has no measure id (reference/externalDocument/id/@extension)"
    ))
}

/// A second id `id` in one measure.
pub fn second(id: &str) -> Message {
    Message::new()
        .text("a second measure id ")
        .quoted(ArgumentKind::Measure, id)
        .text(" in one measure")
}

/// Q014: the PI measure `measure` has one measure id.
pub fn check(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    let valued = facts::valued(doc, measure, Field::MeasureId);
    match valued.as_slice() {
        [] => out.push(at_element(
            doc,
            &META,
            doc.node(measure).element,
            missing(doc.node(measure).kind.title()),
        )),
        valued => values_after_the_first(
            doc,
            &META,
            valued,
            "extension",
            second,
            "first measure id",
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
        assert_examples(&META, "PI_ONCACB_1");
    }
}
