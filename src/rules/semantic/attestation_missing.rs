//! `A001 attestation-missing`: a required attestation or Protect Patient
//! Health Information measure is not reported.

use crate::catalog::ReportingCategory;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, is_attestation, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "A001",
    name: "attestation-missing",
    severity: Severity::Error,
    summary: "A required attestation or Protect Patient Health Information measure is not reported.",
    what: "Reports, at the PI measurement set, each required measure of the attestation and \
           Protect Patient Health Information objectives that the set does not report: \
           `PI_INFBLO_1` (actions to limit or restrict the compatibility of CEHRT), \
           `PI_ONCDIR_1` (ONC direct review), `PI_PPHI_1` (Security Risk Analysis) and \
           `PI_PPHI_2` (SAFER Guides). The list comes from the year's measure data \
           (reportingCategory `required`); `PI_ONCACB_1` is optional and never reported.",
    why: "Each of these is an all-or-nothing requirement: without it the PI category scores \
          0 (2023 MIPS PI Quick Start Guide; QPP 2024 PI requirements; 2025 MIPS PI Guide; \
          measures-schema.yaml: `isRequired` means \"attesting to the measure is required in \
          order to receive a non-zero PI score\", CMSgov/qpp-measures-data).",
    note: "without every required attestation the PI category scores 0",
    help: "add the measure, answered yes (`true`, or `Y` in QRDA III), if you can attest to it",
    years: &[],
    family: crate::rules::Family::Attestation,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            "        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PPHI_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_ONCDIR_1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    let required = catalog.measures.iter().filter(|m| {
        is_attestation(catalog, &m.measure_id)
            && m.reporting_category == Some(ReportingCategory::Required)
    });
    for set in pi_sets(context.submission) {
        for measure in required.clone() {
            if set.measurement(&measure.measure_id).is_none() {
                out.push(finding(
                    &META,
                    &set.loc,
                    format!(
                        "the PI measurement set does not report `{}` ({}); without it the PI category scores 0",
                        measure.measure_id, measure.title
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_each_missing_attestation_at_the_set() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert!(found[0].message.contains("`PI_INFBLO_1`"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn the_optional_attestation_is_not_required() {
        let text = crate::group_file!(
            year: "2023",
            measurements: crate::required_measures!(),
        );
        let found = run(&RULE, text);
        let ids: Vec<&str> = found
            .iter()
            .filter_map(|f| f.message.split('`').nth(1))
            .collect();
        assert_eq!(
            ids,
            ["PI_INFBLO_1", "PI_ONCDIR_1", "PI_PPHI_1", "PI_PPHI_2"]
        );
    }
}
