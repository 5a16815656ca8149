//! `M002 measure-not-in-year`: a PI measure id that exists, but not in the
//! applied performance year.

use crate::catalog;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M002",
    name: "measure-not-in-year",
    severity: Severity::Error,
    summary: "A PI measure id is valid only in other performance years.",
    what: "Reports a `measureId` that is a PI measure in some supported year but not in the \
           applied one, naming the years it belongs to: `PI_PHCDRR_6` (public health \
           reporting using TEFCA) exists from 2026, `PI_EP_2_EX_3` (PDMP exclusion for \
           workflow or cost burden) only in 2023.",
    why: "Each performance year has its own PI measure list (CMSgov/qpp-measures-data, \
          measures/YYYY/measures-data.json) and the Submissions API rejects an id that is \
          not in that year's list (\"invalid measureId\"; CMSgov/qpp-submissions-docs, data.ts \
          measurementsFields).",
    note: "the Submissions API checks measure ids against the performance year's measure data",
    help: "remove the measure, or check performanceYear",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_PHCDRR_6\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2026",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_PHCDRR_6\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(year_catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    for set in pi_sets(context.submission) {
        for measurement in context.first_occurrences(set) {
            let Some(id) = &measurement.measure_id else {
                continue;
            };
            if year_catalog.measure(&id.value).is_some() {
                continue;
            }
            let years = catalog::years_with_measure(&id.value);
            let when = match years.as_slice() {
                [] => continue, // unknown-measure
                [only] => format!("only in {only}"),
                [first, .., last]
                    if usize::from(last.saturating_sub(*first)) + 1 == years.len() =>
                {
                    format!("in {first}–{last}")
                }
                _ => format!(
                    "in {}",
                    years
                        .iter()
                        .map(u16::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(finding(
                &META,
                &id.loc,
                Message::new()
                    .text("`")
                    .plain(ArgumentKind::Measure, &id.value)
                    .text("` is not a PI measure of ")
                    .plain(ArgumentKind::Year, year)
                    .text(&format!("; it exists {when}")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn names_the_years_the_measure_belongs_to() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PHCDRR_6\"");
        assert_eq!(
            found[0].message,
            "`PI_PHCDRR_6` is not a PI measure of 2025; it exists in 2026–2027"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn retired_measures_name_their_year() {
        let text = crate::valid_2025!().replace("\"PI_EP_2\"", "\"PI_EP_2_EX_3\"");
        let found = run_with_year(&RULE, &text, Some(2024));
        assert_eq!(
            found[0].message,
            "`PI_EP_2_EX_3` is not a PI measure of 2024; it exists only in 2023"
        );
        assert!(run_with_year(&RULE, &text, Some(2023)).is_empty());
    }
}
