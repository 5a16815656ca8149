//! `R005 multiple-exclusions`: more than one mutually exclusive exclusion
//! of one measure.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, id_loc, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "R005",
    name: "multiple-exclusions",
    severity: Severity::Error,
    summary: "Two exclusions of one measure that CMS makes mutually exclusive are both reported.",
    what: "Reports a second exclusion of the same measure in one PI measurement set when the \
           year's measure data lists the two as each other's `substitutes`: the public-health \
           exclusions `PI_PHCDRR_1_EX_1..3` and `PI_PHCDRR_3_EX_1..3` every year, and the PDMP \
           exclusions `PI_EP_2_EX_1`/`PI_EP_2_EX_2` from 2025 (in 2023 and 2024 both PDMP \
           exclusions may be claimed). Points at the second and labels the first.",
    why: "Where a measure has several exclusions that list each other in `substitutes`, at \
          most one may be claimed (CMSgov/qpp-measures-data, measures/YYYY/measures-data.json; \
          the PDMP link was added by change request PI_PY25_CR_20251121), and the Submissions \
          API rejects a substitute submitted with the original (CMSgov/qpp-submissions-docs, \
          change log 8/15/2021).",
    note: "CMS rejects a set claiming two exclusions that substitute for each other",
    help: "claim the one exclusion that applies and remove the other",
    years: &[],
    family: crate::rules::Family::Required,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            crate::required_measures!(),
            ",\n        { \"measureId\": \"PI_PHCDRR_3_EX_2\", \"value\": true }"
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
        let first = context.first_by_id(set);
        for (index, later) in context.first_occurrences_indexed(set) {
            let Some(later_id) = later.id() else {
                continue;
            };
            let Some(parent) = catalog.excluded_measure(later_id) else {
                continue;
            };
            // The earliest sibling exclusion before this one that lists it
            // as a substitute (a parent has at most a handful).
            let earlier = catalog
                .measure(parent)
                .map(|p| p.exclusion.as_slice())
                .unwrap_or_default()
                .iter()
                .filter(|sibling| sibling.as_str() != later_id)
                .filter(|sibling| {
                    catalog
                        .measure(sibling)
                        .is_some_and(|m| m.substitutes.iter().any(|s| s == later_id))
                })
                .filter_map(|sibling| first.get(sibling))
                .filter(|(i, _)| *i < index)
                .min_by_key(|(i, _)| *i);
            let Some((_, earlier)) = earlier else {
                continue;
            };
            out.push(
                finding(
                    &META,
                    id_loc(later),
                    Message::new()
                        .text("`")
                        .plain(ArgumentKind::Measure, later_id)
                        .text("` is a second exclusion of `")
                        .plain(ArgumentKind::Measure, parent)
                        .text("` after `")
                        .plain(ArgumentKind::Measure, earlier.id().unwrap_or_default())
                        .text("`; claim only one"),
                )
                .with_related(id_loc(earlier).span, "first exclusion claimed here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn points_at_the_second_exclusion() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PHCDRR_3_EX_2\"");
        assert_eq!(found[0].related, ["\"PI_PHCDRR_3_EX_1\""]);
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn pdmp_exclusions_are_exclusive_from_2025() {
        let text = crate::valid_2025!().replace(
            "{ \"measureId\": \"PI_EP_2\", \"value\": true }",
            "{ \"measureId\": \"PI_EP_2_EX_1\", \"value\": true },\n        { \"measureId\": \"PI_EP_2_EX_2\", \"value\": true }",
        );
        assert_eq!(run(&RULE, &text).len(), 1);
        assert_eq!(run_with_year(&RULE, &text, Some(2026)).len(), 1);
        assert!(run_with_year(&RULE, &text, Some(2024)).is_empty());
        assert!(run_with_year(&RULE, &text, Some(2023)).is_empty());
    }

    #[test]
    fn every_substitute_pair_has_a_rule() {
        // A pair of substitutes is either two exclusions of one measure
        // (this rule), two HIE measures (hie-options-mixed) or the two
        // engagement levels of one measure (engagement-levels-both). A new
        // kind of pair in a future year's data needs a rule of its own.
        use crate::rules::semantic::support::hie_option_of;
        for year in crate::catalog::supported_years() {
            let catalog = crate::catalog::year(i64::from(year)).unwrap();
            for measure in &catalog.measures {
                for other in &measure.substitutes {
                    let a = measure.measure_id.as_str();
                    let b = other.as_str();
                    let exclusions = catalog.excluded_measure(a).is_some()
                        && catalog.excluded_measure(a) == catalog.excluded_measure(b);
                    let hie = hie_option_of(catalog, a).is_some()
                        && hie_option_of(catalog, b).is_some()
                        && hie_option_of(catalog, a) != hie_option_of(catalog, b);
                    let levels = catalog.engagement_parent(a).is_some()
                        && catalog.engagement_parent(a) == catalog.engagement_parent(b);
                    assert!(exclusions || hie || levels, "{year}: {a} / {b}");
                }
            }
        }
    }
}
