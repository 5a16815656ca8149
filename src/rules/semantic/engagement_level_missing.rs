//! `E001 engagement-level-missing`: a public-health measure answered yes
//! without an active-engagement level.

use crate::catalog::ReportingCategory;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{boolean, either, finding, is_yes, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "E001",
    name: "engagement-level-missing",
    severity: Severity::Error,
    summary: "A public-health measure answered yes has no active-engagement level (`_PRE` or `_PROD`) set true.",
    what: "For each public-health measure answered `true` whose year lists engagement levels \
           (`preprod` in the measure data), requires one of them, `…_PRE` (pre-production and \
           validation) or `…_PROD` (validated data production), reported `true` in the same \
           set. Points at the measure's `true`. Required measures (`PI_PHCDRR_1`, \
           `PI_PHCDRR_3`): error. Bonus measures (`PI_PHCDRR_2`, `_4`, `_5`): warning, since \
           only the bonus is at stake and CMS has not confirmed that a level is needed for it \
           (year data `bonusEngagementLevelRequired`). A measure suppressed for the year \
           (electronic case reporting in 2025): information. `PI_PHCDRR_6` (2026) has no levels.",
    why: "From 2023, \"submit your level of active engagement\" with each public-health \
          measure or the PI category scores 0 (2023 MIPS PI Quick Start Guide); the levels \
          are the measure's `preprod` records (CMSgov/qpp-measures-data, \
          measures/YYYY/measures-data.json, added by PR #680). The CMS sample pairs \
          `PI_PHCDRR_1: true` with `PI_PHCDRR_1_PRE: true` \
          (CMSgov/qpp-submissions-docs, references/json/submission-example-aci.json).",
    note: "a public-health measure answered yes needs its level of active engagement",
    help: "add the measure's _PRE or _PROD level, answered yes",
    years: &[],
    family: crate::rules::Family::Engagement,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
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
    let with_levels = catalog.measures.iter().filter(|m| !m.preprod.is_empty());
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        for measure in with_levels.clone() {
            if measure.preprod.iter().any(|level| is_yes(set, level)) {
                continue;
            }
            let id = &measure.measure_id;
            let bonus = measure.reporting_category == Some(ReportingCategory::Bonus);
            if bonus && !catalog.bonus_engagement_level_required {
                continue;
            }
            for measurement in first.measurement(id).into_iter() {
                let Some(answer) = boolean(measurement).filter(|b| b.value) else {
                    continue;
                };
                let message = Message::new()
                    .text("`")
                    .plain(ArgumentKind::Measure, id)
                    .text(&format!(
                        "` ({}) is answered true but no engagement level ({}) is set true",
                        measure.title,
                        either(&measure.preprod)
                    ));
                let diagnostic = if catalog.is_suppressed(id) {
                    finding(&META, &answer.loc, message)
                        .with_severity(Severity::Info)
                        .with_consequence(crate::rules::Consequence::None)
                        .with_note(format!(
                            "CMS suppressed `{id}` for {year}: any answer earns full credit, so the level does not change the score this year"
                        ))
                } else if bonus {
                    finding(&META, &answer.loc, message)
                        .with_severity(Severity::Warning)
                        // The bonus is at risk, not the category.
                        .with_consequence(crate::rules::Consequence::Points)
                        .with_note(format!(
                            "assumption: a bonus public-health measure needs its engagement level like a required one; CMS's measure data marks the levels isRequired (CMSgov/qpp-measures-data, measures/{year}/measures-data.json), but no CMS guide says so for the bonus"
                        ))
                } else {
                    finding(
                        &META,
                        &answer.loc,
                        message.text("; the PI category then scores 0"),
                    )
                };
                out.push(diagnostic);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn flags_the_true_of_a_required_measure() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "true");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.starts_with(
            "`PI_PHCDRR_1` (Immunization Registry Reporting) is answered true but no engagement level (`PI_PHCDRR_1_PRE` or `PI_PHCDRR_1_PROD`) is set true"
        ));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn a_level_answered_false_is_no_level() {
        let text = crate::valid_2025!().replace(
            "\"PI_PHCDRR_1_PROD\", \"value\": true",
            "\"PI_PHCDRR_1_PROD\", \"value\": false",
        );
        assert_eq!(run(&RULE, &text).len(), 1);
    }

    #[test]
    fn bonus_suppressed_and_levelless_measures() {
        let text = crate::valid_2025!().replace(
            "{ \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }",
            "{ \"measureId\": \"PI_PHCDRR_3\", \"value\": true },\n        { \"measureId\": \"PI_PHCDRR_2\", \"value\": true },\n        { \"measureId\": \"PI_PHCDRR_6\", \"value\": true }",
        );
        let found = run(&RULE, &text);
        let severities: Vec<Severity> = found.iter().map(|f| f.severity).collect();
        assert_eq!(severities, [Severity::Warning, Severity::Info]);
        assert!(found[0].message.starts_with("`PI_PHCDRR_2`"));
        let found = run_with_year(&RULE, &text, Some(2026));
        let severities: Vec<Severity> = found.iter().map(|f| f.severity).collect();
        assert_eq!(severities, [Severity::Warning, Severity::Error]);
    }
}
