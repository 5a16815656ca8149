//! `Q016 pi-measure-outside-pi-section`: A PI measure is not an entry of the PI section.

use super::VALID;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::qrda3_reader::Doc;
use crate::qrda3_reader::templates::Kind;
use crate::rules::qrda::support::at_element;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q016",
    name: "pi-measure-outside-pi-section",
    severity: Severity::Error,
    summary: "A PI measure is not an entry of the PI section.",
    what: "Reports a PI numerator/denominator (`…27.3.28`) or measure-performed (`…27.3.29`) \
           measure whose nearest enclosing template is not the PI section: inside another \
           section, or nested in another measure. Such a measure is not part of the PI data.",
    why: "CMS's converter reports error 15 (PI_NUMERATOR_DENOMINATOR_PARENT_NOT_PI_SECTION, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciNumeratorDenominatorValidator.java`) for numerator/denominator measures; a misplaced measure-performed \
          measure is silently left out of PI.",
    note: "CMS reads PI measures only as entries of the PI section (converter error 15)",
    help: "move the measure into the PI section",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!(concat!(
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        "      <component>\n",
        "        <section>\n",
        "          <templateId root=\"2.16.840.1.113883.10.20.27.2.4\" extension=\"2020-12-01\"/>\n",
        crate::qrda3_proportion!("PI_EP_1", "49", "115"),
        crate::qrda3_period!("20250101", "20251231"),
        "        </section>\n",
        "      </component>\n"
    ))),
    valid: VALID,
};

/// A measure titled `measure` whose enclosing template is `place` (a
/// section's title, or "outside any section").
pub fn message(measure: &str, place: &str) -> Message {
    format!("a {measure} whose enclosing template is the {place}, not the PI section").into()
}

/// Q016: every PI measure's enclosing template is a PI section.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    for kind in [Kind::PiProportion, Kind::PiPerformed] {
        for measure in doc.nodes_of(kind) {
            let parent = doc.node(measure).parent.map(|p| doc.node(p).kind);
            if parent != Some(Kind::PiSection) {
                let place = parent.map_or("outside any section", |k| k.title());
                out.push(at_element(
                    doc,
                    &META,
                    doc.node(measure).element,
                    message(kind.title(), place),
                ));
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
        assert_examples(&META, "<organizer");
    }
}
