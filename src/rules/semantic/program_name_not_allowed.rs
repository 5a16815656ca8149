//! `I007 program-name-not-allowed`: a PI set's programName that the year's
//! PI measures do not allow.

use crate::diagnostic::{Diagnostic, Severity, quote_short};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{closest, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

/// The program virtual groups may not submit to (they cannot be APM
/// participants).
const APM_PERFORMANCE_PATHWAY: &str = "app1";

pub static META: RuleMeta = RuleMeta {
    code: "I007",
    name: "program-name-not-allowed",
    severity: Severity::Error,
    summary: "A PI measurement set's `programName` is not a program PI measures may be submitted to that year.",
    what: "Reports, at the value, a `programName` that no PI measure of the year lists in \
           `allowedPrograms` (`mips`, `app1`, `appPlus` from 2025, `ssp` from 2026, and that \
           year's MVP ids such as `G0053` or `M1366`), with the closest allowed value; retired \
           programs such as `cpcPlus` and `pcf` are reported too. Also reports `app1` on a \
           virtual group. A missing `programName` means `mips` and is fine.",
    why: "`programName` must be a program the measure's `allowedPrograms` lists \
          (CMSgov/qpp-measures-data, measures/YYYY/measures-data.json); the API answers \
          \"measure ID … is not allowed to be submitted to the … program\" \
          (CMSgov/qpp-conversion-tool issue #1454). Virtual groups cannot submit to `app1` \
          (CMSgov/qpp-submissions-docs, change log 8/15/2021).",
    note: "CMS accepts PI measures only for the programs the year's measure data allows",
    help: "use mips (traditional MIPS), app1/appPlus (APM Performance Pathway) or the year's MVP id",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"pcf\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"M1366\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    let programs = catalog.pi_programs();
    let virtual_group = context
        .submission
        .entity_type
        .as_ref()
        .is_some_and(|t| t.value == "virtualGroup");
    for set in pi_sets(context.submission) {
        let Some(program) = &set.program_name else {
            continue;
        };
        if !programs.contains(&program.value.as_str()) {
            let suggestion = closest(&program.value, programs.iter().copied())
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            out.push(finding(
                &META,
                &program.loc,
                format!(
                    "{} is not a program PI measures may be submitted to in {year}{suggestion}",
                    quote_short(&program.value)
                ),
            ));
        } else if virtual_group && program.value == APM_PERFORMANCE_PATHWAY {
            out.push(finding(
                &META,
                &program.loc,
                "a virtual group cannot submit to `app1`: virtual groups are not APM participants",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn flags_retired_and_unknown_programs() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"pcf\"");
        assert_eq!(
            found[0].message,
            "`pcf` is not a program PI measures may be submitted to in 2025"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
        let text = crate::valid_2025!().replace("\"mips\"", "\"MIPS\"");
        assert!(
            run(&RULE, &text)[0]
                .message
                .ends_with("did you mean `mips`?")
        );
    }

    #[test]
    fn programs_follow_the_year() {
        let text = crate::valid_2025!().replace("\"mips\"", "\"appPlus\"");
        assert!(run(&RULE, &text).is_empty());
        assert_eq!(run_with_year(&RULE, &text, Some(2024)).len(), 1);
        let text = crate::valid_2025!().replace("\"mips\"", "\"ssp\"");
        assert_eq!(run(&RULE, &text).len(), 1);
        assert!(run_with_year(&RULE, &text, Some(2026)).is_empty());
    }

    #[test]
    fn virtual_groups_cannot_use_the_app() {
        let text = crate::file_with_identity!(
            "  \"entityType\": \"virtualGroup\",\n  \"entityId\": \"VG-1\",\n"
        )
        .replace("\"mips\"", "\"app1\"");
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("a virtual group cannot submit to `app1`")
        );
    }
}
