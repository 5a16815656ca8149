//! `R002 hie-option-incomplete`: a Health Information Exchange option with
//! a member neither reported nor excluded.

use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{
    all_of_message, claimed_exclusion, either_message, finding, hie_option_of, named_message,
    pi_sets,
};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "R002",
    name: "hie-option-incomplete",
    severity: Severity::Error,
    summary: "The chosen HIE option is incomplete (option 1 needs both `PI_HIE_1` and `PI_HIE_4`, or their exclusions).",
    what: "When a PI measurement set uses exactly one Health Information Exchange option, \
           checks that every measure of that option is reported or excluded: option 1 is \
           `PI_HIE_1` (or its exclusion `PI_LVOTC_1`) **and** `PI_HIE_4` (or `PI_LVITC_2`); \
           options 2 (`PI_HIE_5`) and 3 (`PI_HIE_6`) are single measures. Points at the set. \
           The options are year data (`hieOptions`).",
    why: "The HIE objective is met by (`PI_HIE_1` or `PI_LVOTC_1`) + (`PI_HIE_4` or \
          `PI_LVITC_2`), or by `PI_HIE_5` alone, or by `PI_HIE_6` alone \
          (CMSgov/qpp-measures-data, `substitutes` and `exclusion` of the HIE measures; 2023 \
          MIPS PI Quick Start Guide); half of option 1 leaves a required measure unreported, \
          which scores the PI category 0.",
    note: "HIE option 1 needs both of its measures, each reported or excluded",
    help: "report the missing measure of the option (or its exclusion), or switch to a single-measure option",
    years: &[],
    family: crate::rules::Family::Required,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 } },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 } },\n",
            "        { \"measureId\": \"PI_LVITC_2\", \"value\": true },\n",
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
        let first = context.first_by_id(set);
        let mut used: Vec<usize> = set
            .measurements
            .iter()
            .filter_map(|m| m.id().and_then(|id| hie_option_of(catalog, id)))
            .collect();
        used.sort_unstable();
        used.dedup();
        // None: required-measure-missing; several: hie-options-mixed.
        let [option] = used.as_slice() else {
            continue;
        };
        let Some(members) = catalog.hie_options.get(*option) else {
            continue;
        };
        for member in members {
            if first.measurement(member).is_some()
                || claimed_exclusion(set, catalog, member).is_some()
            {
                continue;
            }
            let exclusions = catalog
                .measure(member)
                .map(|m| m.exclusion.as_slice())
                .unwrap_or_default();
            let or_excluded = if exclusions.is_empty() {
                Message::new()
            } else {
                Message::new()
                    .text(" nor excluded (")
                    .then(either_message(exclusions))
                    .text(")")
            };
            out.push(finding(
                &META,
                &set.loc,
                Message::new()
                    .text(&format!("HIE option {} is incomplete: ", option + 1))
                    .then(named_message(catalog, member))
                    .text(" is neither reported")
                    .then(or_excluded)
                    .text("; the option needs ")
                    .then(all_of_message(members)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_the_missing_half_of_option_one() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert!(found[0].message.starts_with(
            "HIE option 1 is incomplete: `PI_HIE_4` (Support Electronic Referral Loops By Receiving and Reconciling Health Information) is neither reported nor excluded (`PI_LVITC_2`)"
        ));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn two_exclusions_complete_option_one() {
        let text = crate::valid_2025!()
            .replace(
                "{ \"measureId\": \"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 } }",
                "{ \"measureId\": \"PI_LVOTC_1\", \"value\": true }",
            )
            .replace(
                "{ \"measureId\": \"PI_HIE_4\", \"value\": { \"numerator\": 923, \"denominator\": 951 } }",
                "{ \"measureId\": \"PI_LVITC_2\", \"value\": false }",
            );
        let found = run(&RULE, &text);
        assert_eq!(
            found.len(),
            1,
            "an exclusion answered false completes nothing"
        );
        assert!(found[0].message.contains("`PI_HIE_4`"));
    }
}
