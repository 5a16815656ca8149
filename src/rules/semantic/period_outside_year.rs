//! `P003 period-outside-year`: a performance date outside the performance
//! year.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, period_date, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "P003",
    name: "period-outside-year",
    severity: Severity::Error,
    summary: "A performance period date falls outside the performance year.",
    what: "Reports `performanceStart` or `performanceEnd` of a PI measurement set that is not \
           in the calendar year the rules apply (`performanceYear`, or `--year`). Each date \
           outside the year is a finding of its own, at the date.",
    why: "The PI performance period is a continuous period within the calendar year of the \
          performance year (QPP 2024 PI requirements; 2025 MIPS PI Guide: \"a minimum of 180 \
          continuous days within the calendar year\"); the Submissions API's own samples set \
          the dates to `<year>-01-01` and `<year>-12-31` \
          (CMSgov/qpp-submissions-docs, references/json/submission-example-aci.json).",
    note: "the PI performance period must lie within the calendar year of the performance year",
    help: "use dates of the performance year, or correct performanceYear",
    years: &[],
    family: crate::rules::Family::Period,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2024-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(_), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    for set in pi_sets(context.submission) {
        for (date, field) in [
            (&set.performance_start, "starts"),
            (&set.performance_end, "ends"),
        ] {
            let Some((day, loc)) = period_date(date) else {
                continue;
            };
            if i64::from(day.year()) != year {
                out.push(finding(
                    &META,
                    loc,
                    Message::new()
                        .text(&format!("the performance period {field} on "))
                        .plain(ArgumentKind::Date, day)
                        .text(", outside performance year ")
                        .plain(ArgumentKind::Year, year),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn flags_each_date_outside_the_year() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"2024-01-01\"");
        assert!(run(&RULE, META.valid.text).is_empty());
        let both = run_with_year(&RULE, META.valid.text, Some(2024));
        assert_eq!(both.len(), 2);
        assert!(both[1].message.contains("ends on 2025-12-31"));
    }
}
