//! `E004 pre-production-limit`: a pre-production engagement level, which
//! CMS allows for one performance period per measure only.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{boolean, finding, id_loc, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

/// Option 1, "Pre-Production and Validation", ends every such id.
const PRE_PRODUCTION_SUFFIX: &str = "_PRE";

pub static META: RuleMeta = RuleMeta {
    code: "E004",
    name: "pre-production-limit",
    severity: Severity::Warning,
    summary: "A `_PRE` engagement level is claimed; CMS allows one performance period at pre-production per measure.",
    what: "Reports, at its id, a pre-production engagement level (`PI_PHCDRR_n_PRE`, option \
           1 \"Pre-Production and Validation\") answered `true`, in the years that limit it \
           (from 2024; year data `preProductionLimitWarning`). A file cannot show whether an \
           earlier year was already claimed at pre-production, so this is a reminder to \
           check, not a proven defect.",
    why: "From 2024 a clinician may spend only one performance period at the Pre-Production \
          and Validation level for each public-health measure and must then move to Validated \
          Data Production (2023 MIPS PI Quick Start Guide, active engagement options; QPP 2024 \
          PI requirements). What CMS does with a second year at `_PRE` (zero the measure or \
          the category) is not confirmed by a retrieved CMS text.",
    note: "CMS allows one performance period at pre-production per public-health measure",
    help: "if you already claimed pre-production for this measure in an earlier year, move to _PROD",
    years: &[2024, 2025, 2026, 2027],
    family: crate::rules::Family::Engagement,
    consequence: crate::rules::Consequences::POINTS,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PRE\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    if !catalog.pre_production_limit_warning {
        return;
    }
    for set in pi_sets(context.submission) {
        for measurement in context.first_occurrences(set) {
            let Some(id) = measurement.id() else {
                continue;
            };
            let Some(parent) = catalog.engagement_parent(id) else {
                continue;
            };
            if !id.ends_with(PRE_PRODUCTION_SUFFIX)
                || !boolean(measurement).is_some_and(|b| b.value)
            {
                continue;
            }
            out.push(finding(
                &META,
                id_loc(measurement),
                Message::new()
                    .text("`")
                    .plain(ArgumentKind::Measure, id)
                    .text("` claims pre-production for `")
                    .plain(ArgumentKind::Measure, parent)
                    .text("` in ")
                    .plain(ArgumentKind::Year, year)
                    .text("; CMS allows one performance period at pre-production per measure, so this must be the first"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn warns_from_2024() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PHCDRR_1_PRE\"");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(run(&RULE, META.valid.text).is_empty());
        assert!(run_with_year(&RULE, META.invalid.text, Some(2023)).is_empty());
    }

    #[test]
    fn the_documented_years_are_the_years_the_data_limits() {
        let limited: Vec<u16> = crate::catalog::supported_years()
            .into_iter()
            .filter(|&y| {
                crate::catalog::year(i64::from(y)).is_some_and(|c| c.pre_production_limit_warning)
            })
            .collect();
        assert_eq!(META.years, limited.as_slice());
    }
}
