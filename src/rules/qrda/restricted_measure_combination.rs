//! `Q022 restricted-measure-combination`: PI_HIE_5 is reported together with a measure it excludes,
//! as CMS's converter checks it.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::{Field, Kind};
use crate::qrda3_reader::{AttrValue, Doc, Element, NodeId, facts};
use crate::rules::qrda::support::at_value;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q022",
    name: "restricted-measure-combination",
    severity: Severity::Error,
    summary: "PI_HIE_5 is reported together with a measure it excludes, as CMS's converter checks it.",
    what: "Reproduces CMS's converter exactly: among the PI numerator/denominator measures of \
           the PI section, PI_HIE_5 may not appear together with PI_HIE_1, PI_LVOTC_1, PI_HIE_4 \
           or PI_LVITC_2. The general rule (any template) is the semantic rule on Health \
           Information Exchange options, which also runs on QRDA III files.",
    why: "CMS's converter reports error 102 (PI_RESTRICTED_MEASURES, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/PiSectionValidator.java`). It looks only at numerator/denominator entries, so it fires only \
          when PI_HIE_5 (a yes/no measure) is wrongly sent as a numerator/denominator.",
    note: "CMS's converter rejects PI_HIE_5 beside PI_HIE_1/PI_HIE_4 or their exclusions (error 102)",
    help: "report one Health Information Exchange option: PI_HIE_5 as a yes/no measure, or PI_HIE_1 and PI_HIE_4",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose(
        "PI_HIE_5 sent as a numerator/denominator beside PI_HIE_1: see \
         fixtures/invalid/qrda3/restricted-measure-combination.xml. That file necessarily also \
         breaks the semantic value-type and HIE-option rules, so no example can show this \
         finding alone.",
    ),
    valid: VALID,
};

/// Measure `id`, which may not be reported with `PI_HIE_5`.
pub fn message(id: &str) -> Message {
    Message::new()
        .plain(ArgumentKind::Measure, id)
        .text(" may not be reported together with PI_HIE_5")
}

/// The label of `PI_HIE_5`'s id.
pub const HIE_5_LABEL: &str = "PI_HIE_5 is reported here";

/// The label of `PI_HIE_5`'s element.
pub const HIE_5_ELEMENT_LABEL: &str = "in this element";

/// The measures CMS's converter forbids beside `PI_HIE_5` (its
/// `PiSectionValidator`, code 102).
const RESTRICTED_WITH_HIE_5: [&str; 4] = ["PI_HIE_1", "PI_LVOTC_1", "PI_HIE_4", "PI_LVITC_2"];

/// Q022: the converter's restricted combination in the PI section
/// `section`, exactly as it checks it: among numerator/denominator
/// measures only.
pub fn check(doc: &Doc, section: NodeId, out: &mut Vec<Diagnostic>) {
    let ids: Vec<(Element, &AttrValue)> = doc
        .children_of(section, Kind::PiProportion)
        .filter_map(|m| facts::first_value(doc, m, Field::MeasureId))
        .map(|(h, v)| (h.element, v))
        .collect();
    let Some((hie5, hie5_value)) = ids.iter().find(|(_, v)| v.text == "PI_HIE_5") else {
        return;
    };
    for (element, value) in &ids {
        if RESTRICTED_WITH_HIE_5.contains(&value.text.as_str()) {
            out.push(
                at_value(
                    doc,
                    &META,
                    *element,
                    value,
                    "extension",
                    message(&value.text),
                )
                .with_related(hie5_value.span, HIE_5_LABEL)
                .with_related(hie5.span, HIE_5_ELEMENT_LABEL),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, fixture_findings};

    #[test]
    fn the_fixture_reports_the_measure_beside_pi_hie_5() {
        let found = fixture_findings(&META, "invalid/qrda3/restricted-measure-combination.xml");
        assert!(!found.is_empty());
        assert_eq!(found[0].at, "PI_HIE_1");
        assert_eq!(found[0].message, message("PI_HIE_1").text);
        assert!(findings(&META, &META.valid).is_empty());
    }
}
