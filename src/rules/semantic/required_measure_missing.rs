//! `R001 required-measure-missing`: a required measure that is neither
//! reported nor excluded, or no Health Information Exchange option at all.

use crate::catalog::{Measure, ReportingCategory, YearCatalog};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::MeasurementSet;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{
    all_of_message, claimed_exclusion, either_message, finding, hie_option_of, is_attestation,
    joined, pi_sets, unclaimed_exclusions,
};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "R001",
    name: "required-measure-missing",
    severity: Severity::Error,
    summary: "A required measure is neither reported nor excluded, or no HIE option is reported.",
    what: "For each PI measurement set, checks that every required measure outside the \
           attestations is reported or has one of its exclusions claimed (answered `true`): \
           e-Prescribing `PI_EP_1` [`PI_LVPP_1`], Query of PDMP `PI_EP_2` [`PI_EP_2_EX_*`], \
           Provide Patients Electronic Access `PI_PEA_1`, Immunization Registry Reporting \
           `PI_PHCDRR_1` [`_EX_1..3`] and Electronic Case Reporting `PI_PHCDRR_3` \
           [`_EX_1..3`]; and that at least one Health Information Exchange option is \
           reported. The list comes from the year's measure data. One finding per set, at the \
           set, lists every gap. An incomplete HIE option is `hie-option-incomplete`.",
    why: "\"All measures associated with the category [must] either be reported or their \
          corresponding exclusion claimed\" (CMSgov/qpp-submissions-docs, \
          references/scoring.tsx); a required measure left out scores the PI category 0 \
          (2023 MIPS PI Quick Start Guide; QPP 2024 PI requirements; NAACOS 2026 PI FAQ). \
          Electronic case reporting stays required in 2025 although suppressed \
          (measures/2025/measures-data.json, PI_PHCDRR_3).",
    note: "every required PI measure must be reported or excluded, or the PI category scores 0",
    help: "report the measure, or claim one of its exclusions (answered yes) if you qualify",
    years: &[],
    family: crate::rules::Family::Required,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

/// The required measures this rule checks (the HIE objective is checked as
/// options, the attestations by the `A` rules).
pub fn checked(catalog: &YearCatalog, measure: &Measure) -> bool {
    measure.reporting_category == Some(ReportingCategory::Required)
        && !is_attestation(catalog, &measure.measure_id)
        && catalog.engagement_parent(&measure.measure_id).is_none()
        && hie_option_of(catalog, &measure.measure_id).is_none()
}

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        // One finding per set listing every gap: they share one place,
        // one consequence and one fix.
        let mut gaps: Vec<Gap> = catalog
            .measures
            .iter()
            .filter(|m| checked(catalog, m))
            .filter(|m| {
                first.measurement(&m.measure_id).is_none()
                    && claimed_exclusion(set, catalog, &m.measure_id).is_none()
            })
            .map(|m| measure_gap(catalog, set, m))
            .collect();
        let any_hie = set.measurements.iter().any(|m| {
            m.id()
                .is_some_and(|id| hie_option_of(catalog, id).is_some())
        });
        if !any_hie && !catalog.hie_options.is_empty() {
            gaps.push(hie_gap(catalog));
        }
        let message = match gaps.as_slice() {
            [] => continue,
            [one] => one.alone.clone(),
            _ => Message::new()
                .text("the PI measurement set does not report ")
                .plain(ArgumentKind::Count, gaps.len())
                .text(" required measures: ")
                .then(joined(gaps.into_iter().map(|g| g.listed), "; "))
                .text("; the PI category then scores 0"),
        };
        out.push(finding(&META, &set.loc, message));
    }
}

/// One thing a set lacks: its message when it is the only one, and its
/// item in the list when there are several.
struct Gap {
    alone: Message,
    listed: Message,
}

fn hie_gap(catalog: &YearCatalog) -> Gap {
    let options = joined(
        catalog
            .hie_options
            .iter()
            .map(|option| all_of_message(option)),
        ", or ",
    );
    Gap {
        alone: Message::new()
            .text("the PI measurement set reports no Health Information Exchange option (report ")
            .then(options.clone())
            .text("); without one the PI category scores 0"),
        listed: Message::new()
            .text("a Health Information Exchange option (")
            .then(options)
            .text(")"),
    }
}

fn measure_gap(catalog: &YearCatalog, set: &MeasurementSet, measure: &Measure) -> Gap {
    let id = &measure.measure_id;
    let named = Message::new()
        .text("`")
        .plain(ArgumentKind::Measure, id)
        .text(&format!("` ({})", measure.title));
    let (alone, listed) = if measure.exclusion.is_empty() {
        let listed = named.text(", which has no exclusion");
        (
            Message::new()
                .text("the PI measurement set does not report ")
                .then(listed.clone()),
            listed,
        )
    } else {
        let exclusions = either_message(&measure.exclusion);
        (
            Message::new()
                .text("the PI measurement set reports neither ")
                .then(named.clone())
                .text(" nor its exclusion ")
                .then(exclusions.clone()),
            named.text(" or its exclusion ").then(exclusions),
        )
    };
    let unclaimed = unclaimed_exclusions(set, catalog, id);
    let note = if unclaimed.is_empty() {
        Message::new()
    } else {
        Message::new()
            .text(" (")
            .then(either_message(&unclaimed))
            .text(" answered false, which claims nothing)")
    };
    Gap {
        alone: alone
            .then(note.clone())
            .text("; the PI category then scores 0"),
        listed: listed.then(note),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_a_missing_measure_at_the_set() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert!(
            found[0]
                .message
                .starts_with("the PI measurement set does not report `PI_PEA_1`")
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn an_exclusion_answered_false_does_not_count() {
        let text = crate::valid_2025!().replace(
            "{ \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }",
            "{ \"measureId\": \"PI_PHCDRR_3_EX_2\", \"value\": false }",
        );
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("nor its exclusion `PI_PHCDRR_3_EX_1`, `PI_PHCDRR_3_EX_2` or `PI_PHCDRR_3_EX_3` (`PI_PHCDRR_3_EX_2` answered false, which claims nothing)"), "{}", found[0].message);
    }

    #[test]
    fn one_finding_lists_every_gap() {
        let text = crate::group_file!(
            year: "2025",
            measurements: "        { \"measureId\": \"PI_PPHI_1\", \"value\": true }",
        );
        let found = run(&RULE, text);
        assert_eq!(found.len(), 1, "{found:?}");
        let message = &found[0].message;
        assert!(
            message.starts_with("the PI measurement set does not report 6 required measures: `PI_EP_1` (e-Prescribing) or its exclusion `PI_LVPP_1`; "),
            "{message}"
        );
        assert!(message.ends_with("; a Health Information Exchange option (`PI_HIE_1` and `PI_HIE_4`, or `PI_HIE_5`, or `PI_HIE_6`); the PI category then scores 0"), "{message}");
    }

    #[test]
    fn flags_a_set_without_any_hie_option() {
        let text = crate::valid_2025!()
            .replace(
                "        { \"measureId\": \"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 } },\n",
                "",
            )
            .replace(
                "        { \"measureId\": \"PI_HIE_4\", \"value\": { \"numerator\": 923, \"denominator\": 951 } },\n",
                "",
            );
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains(
            "no Health Information Exchange option (report `PI_HIE_1` and `PI_HIE_4`, or `PI_HIE_5`, or `PI_HIE_6`)"
        ));
    }

    #[test]
    fn the_checked_measures_come_from_the_data() {
        for year in crate::catalog::supported_years() {
            let catalog = crate::catalog::year(i64::from(year)).unwrap();
            let ids: Vec<&str> = catalog
                .measures
                .iter()
                .filter(|m| checked(catalog, m))
                .map(|m| m.measure_id.as_str())
                .collect();
            assert_eq!(
                ids,
                [
                    "PI_EP_1",
                    "PI_EP_2",
                    "PI_PEA_1",
                    "PI_PHCDRR_1",
                    "PI_PHCDRR_3"
                ],
                "{year}"
            );
        }
    }
}
