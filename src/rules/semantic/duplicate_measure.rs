//! `M003 duplicate-measure`: one measure reported twice in a PI set.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M003",
    name: "duplicate-measure",
    severity: Severity::Error,
    summary: "The same measure is reported more than once in one PI measurement set.",
    what: "Reports every repeat of a `measureId` within one PI measurement set, pointing at \
           the repeat and labelling the first occurrence. Other rules read the first \
           occurrence.",
    why: "No two measurements in one measurement set may have the same `measureId` \
          (CMSgov/qpp-submissions-docs, src/app/components/references/measurements.tsx); \
          with two answers CMS cannot tell which one you meant.",
    note: "a measurement set may hold each measure once",
    help: "keep one measurement for the measure and remove the other",
    years: &[],
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if context.catalog.is_none() {
        return;
    }
    for set in pi_sets(context.submission) {
        let mut first_seen = HashMap::new();
        for measurement in &set.measurements {
            let Some(id) = &measurement.measure_id else {
                continue;
            };
            match first_seen.get(id.value.as_str()) {
                None => {
                    first_seen.insert(id.value.as_str(), id.loc.span);
                }
                Some(&first) => out.push(
                    finding(
                        &META,
                        &id.loc,
                        format!("`{}` is reported more than once in this set", id.value),
                    )
                    .with_related(first, "first reported here"),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_repeat_and_labels_the_first() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PPHI_1\"");
        assert_eq!(found[0].related, ["\"PI_PPHI_1\""]);
        assert!(found[0].message.contains("more than once"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }
}
