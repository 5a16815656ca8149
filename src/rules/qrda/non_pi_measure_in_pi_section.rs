//! `Q023 non-pi-measure-in-pi-section`: The PI section holds an Improvement Activity measure.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::qrda3_reader::templates::Kind;
use crate::qrda3_reader::{Doc, NodeId};
use crate::rules::qrda::support::at_element;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q023",
    name: "non-pi-measure-in-pi-section",
    severity: Severity::Error,
    summary: "The PI section holds an Improvement Activity measure.",
    what: "Reports an Improvement Activity measure (`…27.3.33`) that is an entry of the PI \
           section. pilint leaves it out of the PI data.",
    why: "CMS's converter accepts it and sends it to CMS as a PI measurement \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/PiSectionDecoder.java`), where it is not a PI measure: the activity is not credited to \
          Improvement Activities either.",
    note: "CMS's converter files an IA measure inside the PI section as PI data",
    help: "move the activity to the Improvement Activities section",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        "          <entry>\n",
        "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.27.3.33\" extension=\"2016-09-01\"/>\n",
        "              <reference typeCode=\"REFR\">\n",
        "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
        "                  <id root=\"2.16.840.1.113883.3.7034\" extension=\"IA_EPA_1\"/>\n",
        "                </externalDocument>\n",
        "              </reference>\n",
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

/// The message, at the Improvement Activity measure.
pub const MESSAGE: &str =
    "an Improvement Activity measure (2.16.840.1.113883.10.20.27.3.33) inside the PI section";

/// Q023: `entry`, a template directly in a PI section, is not an
/// Improvement Activity measure.
pub fn check(doc: &Doc, entry: NodeId, out: &mut Vec<Diagnostic>) {
    if doc.node(entry).kind == Kind::IaMeasure {
        out.push(at_element(doc, &META, doc.node(entry).element, MESSAGE));
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<organizer");
    }
}
