//! `M001 unknown-measure`: a measure id that is no PI measure of any
//! supported year.

use crate::catalog;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{closest, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M001",
    name: "unknown-measure",
    severity: Severity::Error,
    summary: "A measure id in a PI set is not a PI measure of any supported year.",
    what: "Reports each `measureId` in a PI measurement set that is not a PI measure in any \
           performance year pilint has data for, pointing at the id and suggesting the \
           closest id of the applied year (ids are case-sensitive: `pi_ep_1` is not \
           `PI_EP_1`). An id that is a PI measure of other years only is \
           `measure-not-in-year`.",
    why: "The Submissions API accepts only measure ids of that year's measure data and \
          answers `InvalidValue` \"invalid measureId\" otherwise \
          (CMSgov/qpp-submissions-docs, data.ts measurementsFields; error body in \
          CMSgov/qpp-conversion-tool rest-api/src/test/resources/submissionErrorFixture.json); \
          PI ids are those with category `pi` in CMSgov/qpp-measures-data, \
          measures/YYYY/measures-data.json.",
    note: "the Submissions API rejects a measure id that is not in that year's PI measure data",
    help: "use the measure id exactly as CMS's measure data spells it",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_ONCACB1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_ONCACB_1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(year_catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        for measurement in context.first_occurrences(set) {
            let Some(id) = &measurement.measure_id else {
                continue;
            };
            // The file's own year first: it knows nearly every id, and
            // then no other year's catalog needs loading.
            if year_catalog.measure(&id.value).is_some()
                || !catalog::years_with_measure(&id.value).is_empty()
            {
                continue;
            }
            let ids = year_catalog.measures.iter().map(|m| m.measure_id.as_str());
            let suggestion = closest(&id.value, ids)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            out.push(finding(
                &META,
                &id.loc,
                Message::new()
                    .quoted(ArgumentKind::Measure, &id.value)
                    .text(&format!(" is not a PI measure id{suggestion}")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_the_id_and_suggests_the_closest() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_ONCACB1\"");
        assert_eq!(
            found[0].message,
            "`PI_ONCACB1` is not a PI measure id; did you mean `PI_ONCACB_1`?"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn case_matters_and_other_categories_are_unknown() {
        let text = crate::valid_2025!()
            .replace("\"PI_EP_2\"", "\"pi_ep_2\"")
            .replace("\"PI_PPHI_1\"", "\"047\"");
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "`047` is not a PI measure id");
        assert!(found[1].message.contains("did you mean `PI_EP_2`?"));
    }

    #[test]
    fn ids_of_other_years_are_left_to_measure_not_in_year() {
        let text = crate::valid_2025!().replace("PI_PHCDRR_3_EX_1", "PI_PHCDRR_6");
        assert!(run(&RULE, &text).is_empty());
    }
}
