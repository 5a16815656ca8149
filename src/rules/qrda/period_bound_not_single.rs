//! `Q011 period-bound-not-single`: The performance period has no start or end, or more than one.

use super::VALID;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, Hit, NodeId, facts};
use crate::rules::qrda::support::{at_element, values_after_the_first};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q011",
    name: "period-bound-not-single",
    severity: Severity::Error,
    summary: "The performance period has no start or end, or more than one.",
    what: "Requires exactly one `effectiveTime/low/@value` (start) and one \
           `effectiveTime/high/@value` (end) in the PI section's Reporting Parameters Act. A \
           `low` or `high` with only a `nullFlavor` counts as missing.",
    why: "CMS's converter reports error 29 (…_SINGLE_PERFORMANCE_START), 30 \
          (…_SINGLE_PERFORMANCE_END) and, for a start it cannot read a year from, 31 \
          (REPORTING_PARAMETERS_MISSING_PERFORMANCE_YEAR) \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ReportingParametersActValidator.java`).",
    note: "CMS needs one start and one end date (converter errors 29, 30, 31)",
    help: "give one low and one high value",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_period!(concat!(
        "          <entry typeCode=\"DRIV\">\n",
        "            <act classCode=\"ACT\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.17.3.8\"/>\n",
        "              <effectiveTime>\n",
        "                <low value=\"20250101\"/>\n",
        "                <low value=\"20250301\"/>\n",
        "                <high value=\"20251231\"/>\n",
        "              </effectiveTime>\n",
        "            </act>\n",
        "          </entry>\n"
    ))),
    valid: VALID,
};

// `bound` is "start" or "end", `element` its element ("low", "high").

/// The bound's element has no value.
pub fn no_value(bound: &str, element: &str) -> Message {
    format!("the performance period {bound} (effectiveTime/{element}) has no value").into()
}

/// The act has no such bound.
pub fn missing(bound: &str, element: &str) -> Message {
    format!(
        "the Reporting Parameters Act has no performance period {bound} (effectiveTime/{element}/@value)"
    )
    .into()
}

/// A second value of the bound.
pub fn second(bound: &str) -> Message {
    format!("a second performance period {bound}").into()
}

/// A bound of the performance period: the field it is read from, how
/// messages name it, and its element.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    pub field: Field,
    pub label: &'static str,
    pub element: &'static str,
}

/// The start and the end, in the order they are checked.
pub const BOUNDS: [Bound; 2] = [
    Bound {
        field: Field::PeriodStart,
        label: "start",
        element: "low",
    },
    Bound {
        field: Field::PeriodEnd,
        label: "end",
        element: "high",
    },
];

/// Q011: the Reporting Parameters Act `act` has one value of `bound`.
pub fn check(doc: &Doc, act: NodeId, bound: Bound, out: &mut Vec<Diagnostic>) {
    let hits: Vec<&Hit> = doc.node(act).hits(bound.field).collect();
    let valued = facts::valued(doc, act, bound.field);
    match valued.as_slice() {
        [] => {
            let (element, message) = match hits.first() {
                Some(empty) => (empty.element, no_value(bound.label, bound.element)),
                None => (doc.node(act).element, missing(bound.label, bound.element)),
            };
            out.push(at_element(doc, &META, element, message));
        }
        valued => values_after_the_first(
            doc,
            &META,
            valued,
            "value",
            |_| second(bound.label),
            "first one",
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
        assert_examples(&META, "20250301");
    }
}
