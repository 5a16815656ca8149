//! `Q015 measure-id-wrong-root`: A PI measure id is not under the PI measure identifier root.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::{Field, PI_MEASURE_ID_ROOT};
use crate::qrda3_reader::{Doc, NodeId, facts};
use crate::rules::qrda::support::{at_element, at_value};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q015",
    name: "measure-id-wrong-root",
    severity: Severity::Warning,
    summary: "A PI measure id is not under the PI measure identifier root.",
    what: "Reports a measure id whose `@root` is not `2.16.840.1.113883.3.7031` (or is missing).",
    why: "The CMS QRDA III implementation guide puts PI measure ids under root \
          2.16.840.1.113883.3.7031. CMS's converter reads the extension whatever the root \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/PiNumeratorDenominatorDecoder.java`), so the file converts today, but a receiver that \
          follows the guide may not find the measure.",
    note: "the QRDA III guide identifies PI measures under root 2.16.840.1.113883.3.7031",
    help: "set root=\"2.16.840.1.113883.3.7031\" on the measure id",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::xml(with_pi_entries!(concat!(
        "          <entry>\n",
        "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.27.3.29\" extension=\"2016-09-01\"/>\n",
        "              <reference typeCode=\"REFR\">\n",
        "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
        "                  <id root=\"2.16.840.1.113883.3.7032\" extension=\"PI_ONCACB_1\"/>\n",
        "                </externalDocument>\n",
        "              </reference>\n",
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

/// Measure id `id` under `root`, not `expected`.
pub fn wrong_root(id: &str, root: &str, expected: &str) -> Message {
    Message::new()
        .text("measure id ")
        .quoted(ArgumentKind::Measure, id)
        .text(" is under root ")
        .quoted(ArgumentKind::Value, root)
        .text(&format!(", not the PI measure root {expected}"))
}

/// Measure id `id` with no root; the PI measure root is `expected`.
pub fn no_root(id: &str, expected: &str) -> Message {
    Message::new()
        .text("measure id ")
        .quoted(ArgumentKind::Measure, id)
        .text(&format!(" has no root; the PI measure root is {expected}"))
}

/// Q015: the first measure id of the PI measure `measure` is under the PI
/// measure id root.
pub fn check(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    let Some((first, value)) = facts::first_value(doc, measure, Field::MeasureId) else {
        return; // measure-id-not-single says so
    };
    let id = value.text.as_str();
    match &first.root {
        Some(root) if root.text == PI_MEASURE_ID_ROOT => {}
        Some(root) => out.push(at_value(
            doc,
            &META,
            first.element,
            root,
            "root",
            wrong_root(id, &root.text, PI_MEASURE_ID_ROOT),
        )),
        None => out.push(at_element(
            doc,
            &META,
            first.element,
            no_root(id, PI_MEASURE_ID_ROOT),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "2.16.840.1.113883.3.7032");
    }
}
