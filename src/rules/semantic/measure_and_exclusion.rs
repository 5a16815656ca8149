//! `R004 measure-and-exclusion`: a measure and its own exclusion in the same
//! PI set.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, id_loc, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "R004",
    name: "measure-and-exclusion",
    severity: Severity::Error,
    summary: "A measure and its own exclusion are in the same PI set; CMS rejects it.",
    what: "Reports an exclusion (`PI_LVPP_1`, `PI_EP_2_EX_*`, `PI_LVOTC_1`, `PI_LVITC_2`, \
           `PI_PHCDRR_1_EX_*`, `PI_PHCDRR_3_EX_*`) reported in the same PI measurement set as \
           the measure it excludes, whatever either answer is. Points at whichever of the two \
           comes second and labels the first.",
    why: "An exclusion \"can be submitted instead of current measure. Cannot submit both \
          current measure and the exclusion measure\" (CMSgov/qpp-measures-data, \
          measures-schema.yaml, `exclusion`); the Submissions API rejects both in one set \
          (CMSgov/qpp-submissions-docs, references/measurements.tsx; change log 8/15/2020).",
    note: "CMS rejects a measurement set holding a measure together with its exclusion",
    help: "keep the measure if you report it, or the exclusion if you claim it, not both",
    years: &[],
    family: crate::rules::Family::Required,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            crate::required_measures!(),
            ",\n        { \"measureId\": \"PI_LVPP_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_LVPP_1\", \"value\": true },\n",
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

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        for (index, exclusion) in context.first_occurrences_indexed(set) {
            let Some(exclusion_id) = exclusion.id() else {
                continue;
            };
            let Some(parent_id) = catalog.excluded_measure(exclusion_id) else {
                continue;
            };
            let Some((parent_index, parent)) = first.get(parent_id) else {
                continue;
            };
            let (second, first) = if parent_index < index {
                (exclusion, parent)
            } else {
                (parent, exclusion)
            };
            out.push(
                finding(
                    &META,
                    id_loc(second),
                    Message::new()
                        .text("`")
                        .plain(ArgumentKind::Measure, parent_id)
                        .text("` and its exclusion `")
                        .plain(ArgumentKind::Measure, exclusion_id)
                        .text("` are both in this set; report the measure or claim the exclusion, not both"),
                )
                .with_related(id_loc(first).span, "also reported here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_later_of_the_two() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_LVPP_1\"");
        assert_eq!(found[0].related, ["\"PI_EP_1\""]);
        assert!(run(&RULE, META.valid.text).is_empty());

        let text = crate::valid_2025!().replace(
            "{ \"measureId\": \"PI_PPHI_1\", \"value\": true },",
            "{ \"measureId\": \"PI_PPHI_1\", \"value\": true },\n        { \"measureId\": \"PI_PHCDRR_1_EX_2\", \"value\": false },",
        );
        let found = run(&RULE, &text);
        assert_eq!(
            found[0].at, "\"PI_PHCDRR_1\"",
            "an exclusion answered false still conflicts"
        );
        assert_eq!(found[0].related, ["\"PI_PHCDRR_1_EX_2\""]);
    }
}
