//! `E003 engagement-level-without-measure`: an active-engagement level
//! whose public-health measure is not reported.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{boolean, finding, id_loc, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "E003",
    name: "engagement-level-without-measure",
    severity: Severity::Warning,
    summary: "An engagement level (`_PRE`/`_PROD`) is reported without its public-health measure.",
    what: "Reports, at its id, an active-engagement level (`PI_PHCDRR_n_PRE` or `_PROD`) in a \
           PI measurement set that does not report the public-health measure it belongs to \
           (`PI_PHCDRR_n`). A level describes the engagement behind a \"yes\" to its measure; \
           alone it earns nothing, and often the measure itself was forgotten.",
    why: "The levels are the `preprod` options of their public-health measure \
          (CMSgov/qpp-measures-data, measures/YYYY/measures-data.json); CMS scores the measure \
          and asks for its level of active engagement alongside it (2023 MIPS PI Quick Start \
          Guide).",
    note: "an engagement level belongs with its public-health measure",
    help: "report the public-health measure, answered yes, or remove the level",
    years: &[],
    family: crate::rules::Family::Engagement,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            crate::required_measures!(),
            ",\n        { \"measureId\": \"PI_PHCDRR_4_PROD\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            crate::required_measures!(),
            ",\n        { \"measureId\": \"PI_PHCDRR_4\", \"value\": true }",
            ",\n        { \"measureId\": \"PI_PHCDRR_4_PROD\", \"value\": true }"
        ),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        let present = context.first_by_id(set);
        for measurement in context.first_occurrences(set) {
            let Some(id) = measurement.id() else {
                continue;
            };
            let Some(parent) = catalog.engagement_parent(id) else {
                continue;
            };
            if present.contains(parent) {
                continue;
            }
            let exclusion = catalog.measure(parent).and_then(|p| {
                p.exclusion.iter().find(|e| {
                    present
                        .get(e)
                        .is_some_and(|(_, m)| boolean(m).is_some_and(|b| b.value))
                })
            });
            let why = match exclusion {
                Some(exclusion) => {
                    format!(
                        "`{parent}` is excluded here (`{exclusion}`), so the level claims nothing"
                    )
                }
                None => format!("`{parent}` is not reported"),
            };
            out.push(finding(
                &META,
                id_loc(measurement),
                Message::new()
                    .text("the engagement level `")
                    .plain(ArgumentKind::Measure, id)
                    .text(&format!("` is reported without its measure: {why}")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_a_level_alone() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PHCDRR_4_PROD\"");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.ends_with("`PI_PHCDRR_4` is not reported"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn says_when_the_measure_is_excluded() {
        let text = crate::valid_2025!().replace(
            "{ \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }",
            "{ \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true },\n        { \"measureId\": \"PI_PHCDRR_3_PROD\", \"value\": true }",
        );
        let found = run(&RULE, &text);
        assert!(
            found[0]
                .message
                .contains("is excluded here (`PI_PHCDRR_3_EX_1`)")
        );
    }
}
