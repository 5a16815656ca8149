//! `A001 attestation-missing`: a required attestation or Protect Patient
//! Health Information measure is not reported.

use crate::catalog::Measure;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::attestation_not_yes::SAFER_GUIDE;
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "A001",
    name: "attestation-missing",
    severity: Severity::Error,
    summary: "A required attestation or Protect Patient Health Information measure is not reported.",
    what: "Reports, at the PI measurement set and in one finding listing them all, the \
           required measures of the attestation and Protect Patient Health Information \
           objectives that the set does not report: \
           `PI_INFBLO_1` (actions to limit or restrict the compatibility of CEHRT), \
           `PI_ONCDIR_1` (ONC direct review), `PI_PPHI_1` (Security Risk Analysis) and \
           `PI_PPHI_2` (SAFER Guides). The list comes from the year's measure data \
           (reportingCategory `required`); `PI_ONCACB_1` is optional and never reported. In \
           2023 the SAFER Guides measure must be reported but may be answered yes or no.",
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
    let required = catalog.required_attestations();
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        // One finding per set, listing them all: they share one place and
        // one consequence, and one fix.
        let missing: Vec<&Measure> = required
            .clone()
            .filter(|m| first.measurement(&m.measure_id).is_none())
            .collect();
        let mut message = match missing.as_slice() {
            [] => continue,
            [_] => Message::new()
                .text("the PI measurement set does not report the required attestation "),
            _ => Message::new()
                .text("the PI measurement set does not report ")
                .plain(ArgumentKind::Count, missing.len())
                .text(" required attestations: "),
        };
        for (i, m) in missing.iter().enumerate() {
            if i > 0 {
                message = message.text(", ");
            }
            message = message
                .text("`")
                .plain(ArgumentKind::Measure, &m.measure_id)
                .text(&format!("` ({})", m.title));
        }
        let message = message.text(if missing.len() == 1 {
            "; without it the PI category scores 0"
        } else {
            "; without them the PI category scores 0"
        });
        let mut diagnostic = finding(&META, &set.loc, message);
        // 2023 accepted a SAFER Guides "no": say so when it is missing.
        if catalog.safer_guide_no_accepted && missing.iter().any(|m| m.measure_id == SAFER_GUIDE) {
            diagnostic = diagnostic.with_help(format!(
                "add each measure, answered yes if you can attest to it; `{SAFER_GUIDE}` (SAFER Guides) may be answered yes or no in {}",
                catalog.performance_year
            ));
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_a_missing_attestation_at_the_set() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert_eq!(
            found[0].message,
            "the PI measurement set does not report the required attestation `PI_INFBLO_1` (Actions to Limit or Restrict the Compatibility of CEHRT); without it the PI category scores 0"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn one_finding_lists_every_missing_attestation() {
        let text = crate::group_file!(
            year: "2023",
            measurements: crate::required_measures!(),
        );
        let found = run(&RULE, text);
        assert_eq!(found.len(), 1, "{found:?}");
        let message = &found[0].message;
        assert!(
            message.starts_with(
                "the PI measurement set does not report 4 required attestations: `PI_INFBLO_1`"
            ),
            "{message}"
        );
        let ids: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
        assert_eq!(
            ids,
            ["PI_INFBLO_1", "PI_ONCDIR_1", "PI_PPHI_1", "PI_PPHI_2"]
        );
    }
}
