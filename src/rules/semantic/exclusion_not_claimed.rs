//! `R006 exclusion-not-claimed`: an exclusion answered `false`, which
//! claims nothing.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{boolean, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "R006",
    name: "exclusion-not-claimed",
    severity: Severity::Warning,
    summary: "An exclusion is answered `false`, so it claims nothing.",
    what: "Reports, at the `false`, an exclusion measure answered `false`. An exclusion is \
           claimed by answering `true`; a `false` one neither excludes its measure nor earns \
           anything, and the measure it belongs to still has to be reported \
           (`required-measure-missing` says so when it is not).",
    why: "An exclusion \"can be submitted instead of current measure\" \
          (CMSgov/qpp-measures-data, measures-schema.yaml); a boolean PI value is \"True if \
          attesting to the associated measure\" (CMSgov/qpp-submissions-docs, data.ts \
          measurementsFields), so `false` attests to nothing. Sending it anyway usually means \
          the wrong answer or a left-over line.",
    note: "an exclusion is claimed only by answering true",
    help: "answer true if you qualify for the exclusion; otherwise remove it and report the measure",
    years: &[],
    family: crate::rules::Family::Required,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(crate::group_file!(
        year: "2024",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2_EX_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_EP_2_EX_2\", \"value\": false },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2024",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2_EX_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        for measurement in context.first_occurrences(set) {
            let Some(id) = measurement.id() else {
                continue;
            };
            let Some(parent) = catalog.excluded_measure(id) else {
                continue;
            };
            let Some(answer) = boolean(measurement).filter(|b| !b.value) else {
                continue;
            };
            out.push(finding(
                &META,
                &answer.loc,
                Message::new()
                    .text("the exclusion `")
                    .plain(ArgumentKind::Measure, id)
                    .text("` is answered false, which claims nothing; `")
                    .plain(ArgumentKind::Measure, parent)
                    .text("` must then be reported (or another exclusion claimed)"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_the_false() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "false");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.starts_with("the exclusion `PI_EP_2_EX_2`"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }
}
