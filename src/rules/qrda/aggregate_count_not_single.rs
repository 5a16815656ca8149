//! `Q018 aggregate-count-not-single`: A numerator or denominator does not hold exactly one count.

use super::VALID;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::{Field, Kind};
use crate::qrda3_reader::{Doc, Hit, NodeId};
use crate::rules::qrda::support::{at_element, exactly_one};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q018",
    name: "aggregate-count-not-single",
    severity: Severity::Error,
    summary: "A numerator or denominator does not hold exactly one count.",
    what: "Requires exactly one Aggregate Count (`…27.3.3`) in each Numerator and Denominator \
           Data, and exactly one `value` in that count.",
    why: "CMS's converter reports error 39 (NUMERATOR_DENOMINATOR_CHILD_EXACT), and 8 \
          (AGGREGATE_COUNT_VALUE_NOT_SINGULAR) or 42 for repeated values \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/CommonNumeratorDenominatorValidator.java`, \
          `AggregateCountValidator.java`).",
    note: "CMS needs exactly one count per numerator and denominator (converter errors 39, 8, 42)",
    help: "keep one Aggregate Count with one value",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pea!(concat!(
        crate::qrda3_measure_head!("28\" extension=\"2017-06-01", "PI_PEA_1"),
        "              <component>\n",
        "                <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                  <templateId root=\"2.16.840.1.113883.10.20.27.3.31\" extension=\"2016-09-01\"/>\n",
        "                  <entryRelationship typeCode=\"SUBJ\" inversionInd=\"true\">\n",
        "                    <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                      <templateId root=\"2.16.840.1.113883.10.20.27.3.3\"/>\n",
        "                      <value xsi:type=\"INT\" value=\"861\"/>\n",
        "                    </observation>\n",
        "                  </entryRelationship>\n",
        "                  <entryRelationship typeCode=\"SUBJ\" inversionInd=\"true\">\n",
        "                    <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                      <templateId root=\"2.16.840.1.113883.10.20.27.3.3\"/>\n",
        "                      <value xsi:type=\"INT\" value=\"862\"/>\n",
        "                    </observation>\n",
        "                  </entryRelationship>\n",
        "                </observation>\n",
        "              </component>\n",
        crate::qrda3_count!("32", "DENOM", "1809"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

// `part` is "Numerator" or "Denominator".

/// The `part` Data has no Aggregate Count.
pub fn missing(part: &str) -> Message {
    format!("the {part} Data has no Aggregate Count").into()
}

/// A second Aggregate Count in one `part` Data.
pub fn second(part: &str) -> Message {
    format!("a second Aggregate Count in one {part} Data").into()
}

/// A second value element in one Aggregate Count.
pub fn second_value(part: &str) -> Message {
    format!("a second value in one {part} Aggregate Count").into()
}

/// Q018: the `part` ("Numerator", "Denominator") Data `data` has one
/// Aggregate Count.
pub fn check(doc: &Doc, data: NodeId, part: &str, out: &mut Vec<Diagnostic>) {
    let counts: Vec<NodeId> = doc.children_of(data, Kind::AggregateCount).collect();
    exactly_one(
        doc,
        &META,
        data,
        &counts,
        || missing(part),
        || second(part),
        out,
    );
}

/// Q018: the Aggregate Count `count` has at most one value element.
pub fn check_values(doc: &Doc, count: NodeId, part: &str, out: &mut Vec<Diagnostic>) {
    let hits: Vec<&Hit> = doc.node(count).hits(Field::CountValue).collect();
    if let [first, rest @ ..] = hits.as_slice() {
        for extra in rest {
            out.push(
                at_element(doc, &META, extra.element, second_value(part))
                    .with_related(first.element.span, "first value"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<observation");
    }
}
