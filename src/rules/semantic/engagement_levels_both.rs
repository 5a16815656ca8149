//! `E002 engagement-levels-both`: both active-engagement levels of one
//! public-health measure in one PI set.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::Measurement;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, id_loc, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "E002",
    name: "engagement-levels-both",
    severity: Severity::Error,
    summary: "Both engagement levels (`_PRE` and `_PROD`) of one public-health measure are reported.",
    what: "Reports a PI measurement set that holds both active-engagement levels of one \
           public-health measure (`PI_PHCDRR_n_PRE` and `PI_PHCDRR_n_PROD`), whatever their \
           answers, pointing at the second and labelling the first.",
    why: "`_PRE` and `_PROD` are each other's `substitutes` (CMSgov/qpp-measures-data, \
          measures/YYYY/measures-data.json): a measure is at one level of active engagement, \
          and the Submissions API rejects a substitute submitted with the original \
          (CMSgov/qpp-submissions-docs, change log 8/15/2021).",
    note: "CMS rejects a set reporting both engagement levels of one measure",
    help: "keep the one level you were at: _PROD for validated production, _PRE for pre-production and validation",
    years: &[],
    family: crate::rules::Family::Engagement,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            crate::required_measures!(),
            ",\n        { \"measureId\": \"PI_PHCDRR_1_PRE\", \"value\": false }"
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
        let mut first_level: Vec<(&str, &Measurement)> = Vec::new();
        for measurement in context.first_occurrences(set) {
            let Some(id) = measurement.id() else {
                continue;
            };
            let Some(parent) = catalog.engagement_parent(id) else {
                continue;
            };
            match first_level.iter().find(|(p, _)| *p == parent) {
                None => first_level.push((parent, measurement)),
                Some((_, first)) if first.id() != Some(id) => out.push(
                    finding(
                        &META,
                        id_loc(measurement),
                        Message::new()
                            .text("`")
                            .plain(ArgumentKind::Measure, id)
                            .text("` and `")
                            .plain(ArgumentKind::Measure, first.id().unwrap_or_default())
                            .text("` are both reported for `")
                            .plain(ArgumentKind::Measure, parent)
                            .text("`; report one engagement level"),
                    )
                    .with_related(id_loc(first).span, "the other level is reported here"),
                ),
                Some(_) => {} // the same level twice: duplicate-measure
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_second_level() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PHCDRR_1_PRE\"");
        assert_eq!(found[0].related, ["\"PI_PHCDRR_1_PROD\""]);
        assert!(run(&RULE, META.valid.text).is_empty());
    }
}
