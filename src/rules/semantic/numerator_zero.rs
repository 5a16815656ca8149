//! `M007 numerator-zero`: a reported proportion measure with a numerator of
//! 0, which scores the PI category zero.

use crate::catalog::MetricType;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M007",
    name: "numerator-zero",
    severity: Severity::Error,
    summary: "A reported proportion measure has a numerator of 0, which scores the PI category 0.",
    what: "Reports, at the numerator, a PI proportion measure (`PI_EP_1`, `PI_HIE_1`, \
           `PI_HIE_4`, `PI_PEA_1`) reported with a numerator of 0 (also `0/0`). A measure you \
           cannot meet is claimed by its exclusion instead, where it has one.",
    why: "Every reported proportion measure needs a numerator of at least 1, or the whole PI \
          category scores 0 (2023 MIPS PI Quick Start Guide, Step 5; QPP 2024 PI requirements; \
          the measure descriptions in CMSgov/qpp-measures-data require \"at least one\").",
    note: "a proportion measure with a numerator of 0 scores the whole PI category 0",
    help: "report at least one qualifying action in the numerator, or claim the measure's exclusion if you qualify for it",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 0, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for (measurement, proportion) in context.pi_proportions() {
        let Some(id) = measurement.id() else {
            continue;
        };
        let Some(measure) = catalog
            .measure(id)
            .filter(|m| m.metric_type == MetricType::Proportion)
        else {
            continue; // unknown or mistyped: other rules say so
        };
        let Some(numerator) = proportion
            .numerator
            .as_ref()
            .filter(|n| n.value.whole == Some(0))
        else {
            continue;
        };
        let exclusion = if measure.exclusion.is_empty() {
            String::new()
        } else {
            format!(
                " (if you qualify, claim {} instead)",
                crate::rules::semantic::support::either(&measure.exclusion)
            )
        };
        out.push(finding(
            &META,
            &numerator.loc,
            Message::new()
                .text("`")
                .plain(ArgumentKind::Measure, id)
                .text(&format!(
                    "` ({}) has a numerator of 0; a reported proportion measure needs at least 1, or the PI category scores 0{exclusion}",
                    measure.title
                )),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_the_zero() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "0");
        assert!(found[0].message.starts_with("`PI_PEA_1` (Provide Patients"));
        assert!(!found[0].message.contains("claim"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn names_the_exclusion_when_there_is_one() {
        let text = crate::valid_2025!().replace(
            "\"numerator\": 49, \"denominator\": 115",
            "\"numerator\": 0, \"denominator\": 0",
        );
        let found = run(&RULE, &text);
        assert!(found[0].message.contains("claim `PI_LVPP_1` instead"));
    }
}
