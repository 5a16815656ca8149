//! `Q017 numerator-denominator-not-single`: A PI numerator/denominator measure does not have
//! exactly one numerator and one denominator.

use super::VALID;
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::Kind;
use crate::qrda3_reader::{Doc, NodeId};
use crate::rules::qrda::support::exactly_one;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q017",
    name: "numerator-denominator-not-single",
    severity: Severity::Error,
    summary: "A PI numerator/denominator measure does not have exactly one numerator and one denominator.",
    what: "Requires exactly one Numerator Data (`…27.3.31`) and one Denominator Data \
           (`…27.3.32`) observation in each PI numerator/denominator measure.",
    why: "CMS's converter reports error 17 (PI_NUMERATOR_DENOMINATOR_MISSING_CHILDREN) for a \
          measure with neither and error 18 (…_EXACTLY_ONE_NUMERATOR_OR_DENOMINATOR_CHILD_NODE) \
          otherwise (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciNumeratorDenominatorValidator.java`).",
    note: "CMS needs one numerator and one denominator per measure (converter errors 17 and 18)",
    help: "give the measure one Numerator Data and one Denominator Data",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pea!(concat!(
        crate::qrda3_measure_head!("28\" extension=\"2017-06-01", "PI_PEA_1"),
        crate::qrda3_count!("31", "NUMER", "861"),
        crate::qrda3_count!("31", "NUMER", "861"),
        crate::qrda3_count!("32", "DENOM", "1809"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

// `part` is "Numerator" or "Denominator".

/// The measure has no `part` Data.
pub fn missing(part: &str) -> Message {
    format!("the PI numerator/denominator measure has no {part} Data").into()
}

/// A second `part` Data.
pub fn second(part: &str) -> Message {
    format!("a second {part} Data in one measure").into()
}

/// The two parts of a PI numerator/denominator measure, with how messages
/// name them.
pub const PARTS: [(Kind, &str); 2] = [
    (Kind::Numerator, "Numerator"),
    (Kind::Denominator, "Denominator"),
];

/// Q017: the measure `measure` has one `part` Data of `kind`.
pub fn check(doc: &Doc, measure: NodeId, (kind, part): (Kind, &str), out: &mut Vec<Diagnostic>) {
    let parts: Vec<NodeId> = doc.children_of(measure, kind).collect();
    exactly_one(
        doc,
        &META,
        measure,
        &parts,
        || missing(part),
        || second(part),
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
