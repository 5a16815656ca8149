//! `Q020 measure-performed-not-single`: A PI yes/no measure does not have exactly one Measure
//! Performed observation.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::qrda3_reader::templates::Kind;
use crate::qrda3_reader::{Doc, NodeId};
use crate::rules::qrda::support::exactly_one;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q020",
    name: "measure-performed-not-single",
    severity: Severity::Error,
    summary: "A PI yes/no measure does not have exactly one Measure Performed observation.",
    what: "Requires exactly one Measure Performed observation (`…27.3.27`) in each PI \
           measure-performed measure (`…27.3.29`).",
    why: "CMS's converter reports error 11 (PI_MEASURE_PERFORMED_RNR_MEASURE_PERFORMED_EXACT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciMeasurePerformedRnRValidator.java`).",
    note: "CMS needs one yes/no answer per measure (converter error 11)",
    help: "keep one Measure Performed observation",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        crate::qrda3_measure_head!("29\" extension=\"2016-09-01", "PI_ONCACB_1"),
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

/// The measure has no Measure Performed observation.
pub const MISSING: &str = "the PI measure-performed measure has no Measure Performed observation";

/// A second observation.
pub const SECOND: &str = "a second Measure Performed observation in one measure";

/// Q020: the measure-performed measure `measure` has one Measure Performed
/// observation.
pub fn check(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    let observations: Vec<NodeId> = doc.children_of(measure, Kind::MeasurePerformed).collect();
    exactly_one(
        doc,
        &META,
        measure,
        &observations,
        || MISSING.into(),
        || SECOND.into(),
        out,
    );
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
