//! `S006 value-out-of-range`: A number or string length is outside its documented range.

use super::SOURCE;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S006",
    name: "value-out-of-range",
    severity: Severity::Error,
    summary: "A number or string length is outside its documented range.",
    what: "Reports a negative numerator or denominator, a performance year before 2017 (the \
           first MIPS year) or after 2100, an empty `programName` or an `entityId` longer \
           than 64 characters.",
    why: SOURCE,
    note: "counts cannot be negative, and MIPS performance years start in 2017",
    help: "correct the value",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: crate::pi_set_2025!(),
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": -1, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),

    valid: Example::json(valid_group!()),
};

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "-1");
    }
}
