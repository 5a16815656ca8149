//! `P002 period-end-before-start`: the performance period ends before it
//! starts.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, period_date, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "P002",
    name: "period-end-before-start",
    severity: Severity::Error,
    summary: "The performance period ends before it starts.",
    what: "Compares `performanceStart` and `performanceEnd` of each PI measurement set and \
           reports an end date earlier than the start date, pointing at the end date. (The \
           same day for both is a one-day period: `period-too-short` reports that.)",
    why: "`performanceStart` is the first and `performanceEnd` the last day the data applies \
          to (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          measurementSetsFields); a period that ends before it starts holds no day of data, \
          so it cannot meet the PI minimum continuous period (scoring prerequisite).",
    note: "performanceStart is the first and performanceEnd the last day of the PI period",
    help: "swap the two dates, or correct the one that is wrong",
    years: &[],
    family: crate::rules::Family::Period,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-12-31\",\n",
        "      \"performanceEnd\": \"2025-01-01\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    for set in pi_sets(context.submission) {
        let (Some((start, start_loc)), Some((end, end_loc))) = (
            period_date(&set.performance_start),
            period_date(&set.performance_end),
        ) else {
            continue;
        };
        if end < start {
            out.push(
                finding(
                    &META,
                    end_loc,
                    Message::new()
                        .text("the performance period ends on ")
                        .plain(ArgumentKind::Date, end)
                        .text(", before it starts on ")
                        .plain(ArgumentKind::Date, start),
                )
                .with_related(start_loc.span, "the period starts here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_an_end_before_the_start() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"2025-01-01\"");
        assert_eq!(found[0].related, ["\"2025-12-31\""]);
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn a_one_day_period_is_not_reversed() {
        let text = crate::valid_2025!().replace("2025-01-01", "2025-12-31");
        assert!(run(&RULE, &text).is_empty());
    }
}
