//! `M004 value-type-mismatch`: a yes/no measure given a numerator and
//! denominator, or the other way round.

use crate::catalog::MetricType;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::MeasureValue;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M004",
    name: "value-type-mismatch",
    severity: Severity::Error,
    summary: "A measurement's value does not have its measure's type (boolean or proportion).",
    what: "Compares each PI measurement's `value` with the measure's `metricType` in the \
           year's measure data: a `boolean` measure takes `true` or `false`, a `proportion` \
           measure (`PI_EP_1`, `PI_HIE_1`, `PI_HIE_4`, `PI_PEA_1`) takes \
           `{\"numerator\": …, \"denominator\": …}`. Points at the value.",
    why: "\"Each measure in the repo will dictate which type is to be utilized\" \
          (CMSgov/qpp-submissions-docs, references/scoring.tsx); the value shape is fixed by \
          `metricType` in CMSgov/qpp-measures-data, measures/YYYY/measures-data.json, and the \
          Submissions API rejects a value of the other shape.",
    note: "the measure's metricType in CMS's measure data fixes the value's shape",
    help: "answer a boolean measure with true/false and a proportion measure with {\"numerator\", \"denominator\"}",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_ONCACB_1\", \"value\": { \"numerator\": 1, \"denominator\": 1 } },\n",
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
    for set in pi_sets(context.submission) {
        for measurement in context.first_occurrences(set) {
            let (Some(id), Some(value)) = (measurement.id(), &measurement.value) else {
                continue;
            };
            let Some(measure) = catalog.measure(id) else {
                continue;
            };
            let message = match (measure.metric_type, value) {
                (MetricType::Boolean, MeasureValue::Proportion(_)) => format!(
                    "` ({}) is a yes/no measure: its value is true or false, not a numerator and denominator",
                    measure.title
                ),
                (MetricType::Proportion, MeasureValue::Boolean(_)) => format!(
                    "` ({}) is a proportion measure: its value is {{\"numerator\": …, \"denominator\": …}}, not true or false",
                    measure.title
                ),
                _ => continue,
            };
            let message = Message::new()
                .text("`")
                .plain(ArgumentKind::Measure, id)
                .text(&message);
            out.push(finding(&META, value.loc(), message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_both_directions() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert!(found[0].message.contains("is a yes/no measure"));
        assert!(run(&RULE, META.valid.text).is_empty());

        let text =
            crate::valid_2025!().replace("{ \"numerator\": 861, \"denominator\": 1809 }", "true");
        let found = run(&RULE, &text);
        assert_eq!(found[0].at, "true");
        assert!(found[0].message.starts_with("`PI_PEA_1`"));
    }
}
