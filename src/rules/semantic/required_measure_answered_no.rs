//! `M008 required-measure-answered-no`: a required yes/no measure answered
//! `false`.

use crate::catalog::{Measure, MetricType, ReportingCategory, YearCatalog};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{boolean, finding, is_attestation, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M008",
    name: "required-measure-answered-no",
    severity: Severity::Error,
    summary: "A required yes/no measure (PDMP, HIE option, immunization, case reporting) is answered `false`.",
    what: "Reports, at the `false`, a required yes/no measure outside the attestations: \
           `PI_EP_2` (Query of PDMP), `PI_HIE_5` or `PI_HIE_6` (the chosen HIE option), \
           `PI_PHCDRR_1` (immunization registry reporting) and `PI_PHCDRR_3` (electronic \
           case reporting); the list comes from the year's measure data. A measure CMS \
           suppressed for the year (electronic case reporting in 2025) earns full credit with \
           any answer, so its `false` is information only.",
    why: "Attest \"yes\", or claim an exclusion, or the PI category scores 0 (QPP 2024 PI \
          requirements; NAACOS 2026 PI FAQ). The 2025 eCR suppression: \"To receive full \
          credit for this measure, you'll need to attest Yes or No, or claim an applicable \
          exclusion\" (CMSgov/qpp-measures-data, measures/2025/measures-data.json, \
          PI_PHCDRR_3, change request PI_PY25_CR_20251121). Whether a public-health \"no\" \
          zeroes the whole category or only its objective is not confirmed by a retrieved \
          CMS text.",
    note: "a \"no\" on a required yes/no measure scores the PI category 0",
    help: "answer true if you did the action; if you qualify for an exclusion, report the exclusion instead of the measure",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": false },\n",
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
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

/// Required yes/no measures outside the attestations and engagement levels.
fn judged(catalog: &YearCatalog, measure: &Measure) -> bool {
    measure.reporting_category == Some(ReportingCategory::Required)
        && measure.metric_type == MetricType::Boolean
        && !is_attestation(catalog, &measure.measure_id)
        && catalog.engagement_parent(&measure.measure_id).is_none()
}

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        for measure in catalog.measures.iter().filter(|m| judged(catalog, m)) {
            let id = &measure.measure_id;
            for measurement in first.measurement(id).into_iter() {
                let Some(answer) = boolean(measurement).filter(|b| !b.value) else {
                    continue;
                };
                let diagnostic = if catalog.is_suppressed(id) {
                    let note = catalog
                        .suppression_notes
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| format!("CMS suppressed this measure for {year}"));
                    finding(
                        &META,
                        &answer.loc,
                        Message::new()
                            .text("`")
                            .plain(ArgumentKind::Measure, id)
                            .text(&format!(
                                "` ({}) is answered false; CMS suppressed it for ",
                                measure.title
                            ))
                            .plain(ArgumentKind::Year, year)
                            .text(", so any answer earns full credit"),
                    )
                    .with_severity(Severity::Info)
                    .with_consequence(crate::rules::Consequence::None)
                    .with_note(note)
                    .with_help("nothing to do for this year")
                } else {
                    finding(
                        &META,
                        &answer.loc,
                        Message::new()
                            .text("`")
                            .plain(ArgumentKind::Measure, id)
                            .text(&format!(
                                "` ({}) is answered false; a \"no\" on a required measure scores the PI category 0",
                                measure.title
                            )),
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
    fn flags_the_false() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "false");
        assert!(found[0].message.starts_with("`PI_HIE_5`"));
        assert_eq!(found[0].severity, Severity::Error);
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn suppressed_case_reporting_is_information_in_2025_only() {
        let text = crate::valid_2025!().replace(
            "{ \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }",
            "{ \"measureId\": \"PI_PHCDRR_3\", \"value\": false }",
        );
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert!(found[0].message.contains("suppressed it for 2025"));
        let found = run_with_year(&RULE, &text, Some(2026));
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn the_judged_measures_come_from_the_data() {
        for year in crate::catalog::supported_years() {
            let catalog = crate::catalog::year(i64::from(year)).unwrap();
            let ids: Vec<&str> = catalog
                .measures
                .iter()
                .filter(|m| judged(catalog, m))
                .map(|m| m.measure_id.as_str())
                .collect();
            assert_eq!(
                ids,
                [
                    "PI_EP_2",
                    "PI_HIE_5",
                    "PI_HIE_6",
                    "PI_PHCDRR_1",
                    "PI_PHCDRR_3"
                ],
                "{year}"
            );
        }
    }
}
