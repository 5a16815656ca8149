//! `Q022 restricted-measure-combination`: PI_HIE_5 is reported together with a measure it excludes,
//! as CMS's converter checks it.

use super::VALID;
use crate::diagnostic::Severity;
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
pub fn message(id: &str) -> String {
    format!("{id} may not be reported together with PI_HIE_5")
}

/// The label of `PI_HIE_5`'s id.
pub const HIE_5_LABEL: &str = "PI_HIE_5 is reported here";

/// The label of `PI_HIE_5`'s element.
pub const HIE_5_ELEMENT_LABEL: &str = "in this element";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, fixture_findings};

    #[test]
    fn the_fixture_reports_the_measure_beside_pi_hie_5() {
        let found = fixture_findings(&META, "invalid/qrda3/restricted-measure-combination.xml");
        assert!(!found.is_empty());
        assert_eq!(found[0].at, "PI_HIE_1");
        assert_eq!(found[0].message, message("PI_HIE_1"));
        assert!(findings(&META, &META.valid).is_empty());
    }
}
