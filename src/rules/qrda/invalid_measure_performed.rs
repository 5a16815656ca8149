//! `Q021 invalid-measure-performed`: A Measure Performed answer is missing, repeated, or not Y or
//! N.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{ArgumentKind, Message, Severity};
use crate::qrda3_reader::templates::{Field, Kind};
use crate::qrda3_reader::{Doc, Hit, NodeId, facts};
use crate::rules::qrda::support::{at_element, at_value};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q021",
    name: "invalid-measure-performed",
    severity: Severity::Error,
    summary: "A Measure Performed answer is missing, repeated, or not Y or N.",
    what: "Requires exactly one `value` with `@code` `Y` or `N` (either case) in each PI \
           Measure Performed observation; `Yes`, `true` or no code are reported.",
    why: "CMS's converter reports error 51 (IA_MEASURE_INVALID_TYPE, shared by PI and IA; \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/MeasurePerformedValidator.java`).",
    note: "CMS reads a yes/no measure only from code Y or N (converter error 51)",
    help: "write code=\"Y\" or code=\"N\"",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        crate::qrda3_measure_head!("29\" extension=\"2016-09-01", "PI_ONCACB_1"),
        "              <component>\n",
        "                <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                  <templateId root=\"2.16.840.1.113883.10.20.27.3.27\" extension=\"2016-09-01\"/>\n",
        "                  <value xsi:type=\"CD\" code=\"Y\" codeSystem=\"2.16.840.1.113883.12.136\"/>\n",
        "                  <value xsi:type=\"CD\" code=\"N\" codeSystem=\"2.16.840.1.113883.12.136\"/>\n",
        "                </observation>\n",
        "              </component>\n",
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

/// The observation has no value element.
pub const NO_VALUE: &str = "the Measure Performed observation has no value (Y or N)";

/// A second value element.
pub const SECOND_VALUE: &str = "a second value in one Measure Performed observation";

/// The value has no `@code`.
pub const NO_CODE: &str = "the Measure Performed value has no @code (Y or N)";

/// A code other than Y or N.
pub fn not_y_or_n(code: &str) -> Message {
    Message::new()
        .text("Measure Performed code ")
        .quoted(ArgumentKind::Value, code)
        .text(" is not Y or N")
}

/// Q021: the first Measure Performed observation of `measure` has one
/// value, whose code is Y or N.
pub fn check(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    let Some(observation) = doc.children_of(measure, Kind::MeasurePerformed).next() else {
        return; // measure-performed-not-single says so
    };
    let hits: Vec<&Hit> = doc.node(observation).hits(Field::PerformedCode).collect();
    let Some((first, rest)) = hits.split_first() else {
        out.push(at_element(
            doc,
            &META,
            doc.node(observation).element,
            NO_VALUE,
        ));
        return;
    };
    for extra in rest {
        out.push(
            at_element(doc, &META, extra.element, SECOND_VALUE)
                .with_related(first.element.span, "first value"),
        );
    }
    match &first.value {
        None => out.push(at_element(doc, &META, first.element, NO_CODE)),
        Some(code) if facts::performed_value(&code.text).is_none() => out.push(at_value(
            doc,
            &META,
            first.element,
            code,
            "code",
            not_y_or_n(&code.text),
        )),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<value");
    }
}
