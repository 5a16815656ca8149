//! `P004 period-too-short`: the PI performance period is shorter than the
//! year's minimum of continuous days.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{
    days_after, days_before, days_inclusive, finding, first_day_of, last_day_of, period_date,
    pi_sets,
};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "P004",
    name: "period-too-short",
    severity: Severity::Error,
    summary: "The performance period is shorter than the year's minimum (90 days in 2023, 180 from 2024).",
    what: "Counts the days of each PI measurement set's performance period, both ends \
           included (2025-01-01..2025-06-29 is 180 days), and reports a period shorter than \
           the year's minimum: 90 continuous days in 2023, 180 from 2024 on (2027 assumes \
           2026's value). The message gives the actual count and the latest start date that \
           would still work with the same end date (never later than what fits the calendar \
           year); the finding points at the start date.",
    why: "A PI performance period shorter than the minimum scores the whole category 0. \
          Sources: 2023 MIPS PI Quick Start Guide (\"a minimum of 90 continuous days\"; the \
          last 90-day period starts October 3, 2023); QPP 2024 PI requirements and 2025 MIPS \
          PI Guide (180 continuous days; the last 180-day period of 2025 starts July 5); \
          NAACOS 2026 PI FAQ (180 days). The Submissions API's score response computes \
          `performancePeriod` as end − start (364 for a full year), so its figure is one day \
          less than the inclusive count given here.",
    note: "a PI performance period shorter than the year's minimum scores the PI category 0",
    help: "start the period earlier (or end it later) so it covers the minimum number of days",
    years: &[],
    family: crate::rules::Family::Period,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-10-03\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-07-05\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    let minimum = i64::from(catalog.minimum_period_days);
    for set in pi_sets(context.submission) {
        let (Some((start, start_loc)), Some((end, end_loc))) = (
            period_date(&set.performance_start),
            period_date(&set.performance_end),
        ) else {
            continue;
        };
        if end < start {
            continue; // period-end-before-start
        }
        let days = days_inclusive(start, end);
        if days >= minimum {
            continue;
        }
        // The latest start that still gives `minimum` days: counted back
        // from the end date, or from 31 December when the end lies beyond
        // the performance year.
        let year_end = i32::try_from(year).ok().and_then(last_day_of);
        let anchor = match year_end {
            Some(year_end) if year_end < end => year_end,
            _ => end,
        };
        let latest = days_before(anchor, minimum - 1);
        let in_year = latest.is_some_and(|d| i64::from(d.year()) == year);
        let advice = match latest {
            Some(latest) if in_year && anchor == end => {
                format!("with this end date, start on {latest} or earlier")
            }
            Some(latest) if in_year => {
                format!("the latest start that fits {year} is {latest}")
            }
            _ => {
                let earliest_end = i32::try_from(year)
                    .ok()
                    .and_then(first_day_of)
                    .and_then(|first| days_after(first, minimum - 1));
                match earliest_end {
                    Some(earliest_end) => format!(
                        "no start date in {year} gives {minimum} days ending {end}; end the period on {earliest_end} or later"
                    ),
                    None => format!("no start date in {year} gives {minimum} days ending {end}"),
                }
            }
        };
        out.push(
            finding(
                &META,
                start_loc,
                Message::new()
                    .text("the performance period ")
                    .plain(ArgumentKind::Date, start)
                    .text("..")
                    .plain(ArgumentKind::Date, end)
                    .text(" is ")
                    .plain(ArgumentKind::Count, days)
                    .text(if days == 1 { " day; " } else { " days; " })
                    .plain(ArgumentKind::Year, year)
                    .text(&format!(
                        " needs at least {minimum} continuous days ({advice})"
                    )),
            )
            .with_note(format!(
                "a PI performance period shorter than the minimum scores the PI category 0 ({})",
                catalog.minimum_period_source
            ))
            .with_related(end_loc.span, "the period ends here"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    fn with_period(year: &str, start: &str, end: &str) -> String {
        crate::valid_2025!()
            .replace(
                "\"performanceYear\": 2025",
                &format!("\"performanceYear\": {year}"),
            )
            .replace("2025-01-01", start)
            .replace("2025-12-31", end)
    }

    #[test]
    fn counts_inclusively_and_gives_the_latest_start() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"2025-10-03\"");
        assert_eq!(
            found[0].message,
            "the performance period 2025-10-03..2025-12-31 is 90 days; 2025 needs at least 180 \
             continuous days (with this end date, start on 2025-07-05 or earlier)"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
        assert!(run(&RULE, &with_period("2025", "2025-01-01", "2025-06-29")).is_empty());
        let one_short = run(&RULE, &with_period("2025", "2025-01-02", "2025-06-29"));
        assert!(one_short[0].message.contains("is 179 days"));
        assert!(
            one_short[0]
                .message
                .contains("start on 2025-01-01 or earlier")
        );
    }

    #[test]
    fn ninety_days_suffice_in_2023_only() {
        let text = with_period("2023", "2023-10-03", "2023-12-31");
        assert!(run(&RULE, &text).is_empty());
        let text = with_period("2024", "2024-10-03", "2024-12-31");
        let found = run(&RULE, &text);
        assert!(
            found[0]
                .message
                .contains("is 90 days; 2024 needs at least 180")
        );
        assert!(found[0].message.contains("start on 2024-07-05 or earlier"));
    }

    #[test]
    fn advice_stays_inside_the_year() {
        // Ends too early for any start in the year.
        let found = run(&RULE, &with_period("2025", "2025-01-01", "2025-03-01"));
        assert!(
            found[0]
                .message
                .contains("no start date in 2025 gives 180 days ending 2025-03-01; end the period on 2025-06-29 or later"),
            "{}",
            found[0].message
        );
        // Ends after the year: count back from 31 December.
        let found = run(&RULE, &with_period("2025", "2025-12-01", "2026-01-31"));
        assert!(
            found[0]
                .message
                .contains("the latest start that fits 2025 is 2025-07-05")
        );
    }
}
