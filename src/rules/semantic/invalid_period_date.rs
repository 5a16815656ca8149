//! `P001 invalid-period-date`: a performance date that is missing, not
//! strict `YYYY-MM-DD`, or not a real calendar day.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::{MeasurementSet, Member, Node, Submission};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{DateProblem, finding, parse_date, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "P001",
    name: "invalid-period-date",
    severity: Severity::Error,
    summary: "A performance period date is missing, not YYYY-MM-DD, or not a real day.",
    what: "Reads `performanceStart` and `performanceEnd` of each PI measurement set. Each must \
           be present, written exactly `YYYY-MM-DD` (four-digit year, two-digit month and day, \
           no time or zone) and name a day that exists: `2025-02-29` and `2025-04-31` do not. \
           The finding points at the date (or at the set, when the date is missing).",
    why: "The Submissions API documents both fields as required RFC 3339 full-dates \
          (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          measurementSetsFields); a date that does not exist cannot start or end the PI \
          performance period, and without a period the minimum-length requirement cannot be \
          met (2025 MIPS PI Guide; QPP 2024 PI requirements).",
    note: "the Submissions API takes performance dates as RFC 3339 full-dates (YYYY-MM-DD)",
    help: "write a real calendar date as YYYY-MM-DD, e.g. 2025-01-01",
    years: &[],
    family: crate::rules::Family::Period,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-02-29\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-03-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    for set in pi_sets(context.submission) {
        let submission = context.submission;
        check_date(
            submission,
            set,
            &set.performance_start,
            Member::PerformanceStart,
            out,
        );
        check_date(
            submission,
            set,
            &set.performance_end,
            Member::PerformanceEnd,
            out,
        );
    }
}

fn check_date(
    submission: &Submission,
    set: &MeasurementSet,
    date: &Option<Node<String>>,
    member: Member,
    out: &mut Vec<Diagnostic>,
) {
    let field = member.json_key();
    let Some(date) = date else {
        let (at, name) = submission.absent(&set.loc, member);
        out.push(finding(
            &META,
            &at,
            format!("the PI measurement set has no {name}"),
        ));
        return;
    };
    match parse_date(&date.value) {
        Ok(_) => {}
        Err(DateProblem::NotIso) => out.push(finding(
            &META,
            &date.loc,
            Message::new()
                .text(&format!("`{field}` "))
                .quoted(ArgumentKind::Date, &date.value)
                .text(" is not a date in the form YYYY-MM-DD"),
        )),
        Err(DateProblem::NoSuchDay(reason)) => out.push(finding(
            &META,
            &date.loc,
            Message::new()
                .text(&format!("`{field}` "))
                .quoted(ArgumentKind::Date, &date.value)
                .text(&format!(" is not a real calendar day: {reason}")),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_days_that_do_not_exist() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"2025-02-29\"");
        assert!(found[0].message.contains("February 2025 has 28 days"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn flags_other_shapes_and_missing_dates() {
        let text = crate::valid_2025!()
            .replace("\"2025-12-31\"", "\"2025-12-31T00:00:00Z\"")
            .replace("      \"performanceStart\": \"2025-01-01\",\n", "");
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("no `performanceStart`"));
        assert_eq!(found[0].at, "{");
        assert!(
            found[1]
                .message
                .contains("not a date in the form YYYY-MM-DD")
        );
    }

    #[test]
    fn leap_days_exist_in_leap_years() {
        let text = crate::group_file!(
            year: "2024",
            measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
        )
        .replace("2024-12-31", "2024-02-29")
        .replace("2024-01-01", "2024-02-29");
        assert!(run(&RULE, &text).is_empty());
    }
}
