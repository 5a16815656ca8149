//! `I007 program-name-not-allowed`: a PI set's programName that the year's
//! PI measures do not allow.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{closest, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

/// The program virtual groups may not submit to (they cannot be APM
/// participants).
const APM_PERFORMANCE_PATHWAY: &str = "app1";

/// The Shared Savings Program's `programName`, listed for PI from 2026.
const SHARED_SAVINGS: &str = "ssp";

/// The year CMS's tools disagreed on `ssp` (see the rule's docs).
const DISPUTED_SSP_YEAR: i64 = 2025;

/// Programs that never accepted PI data (their practices reported PI
/// under MIPS), with their titles; `programName` compared in lower case.
fn never_pi(program: &str) -> Option<&'static str> {
    match program {
        "pcf" => Some("Primary Care First"),
        "cpcplus" => Some("Comprehensive Primary Care Plus"),
        _ => None,
    }
}

pub static META: RuleMeta = RuleMeta {
    code: "I007",
    name: "program-name-not-allowed",
    severity: Severity::Error,
    summary: "A PI measurement set's `programName` is not a program PI measures may be submitted to that year.",
    what: "Reports, at the value, a `programName` that no PI measure of the year lists in \
           `allowedPrograms` (`mips`, `app1`, `appPlus` from 2025, `ssp` from 2026, and that \
           year's MVP ids such as `G0053` or `M1366`), with the closest allowed value. A PI set \
           sent to `pcf` or `cpcPlus` is reported as PI data those programs never accepted. \
           `ssp` in 2025 is a warning: CMS's tools disagreed on it that year. Also reports \
           `app1` on a virtual group. A missing `programName` means `mips` and is fine.",
    why: "`programName` must be a program the measure's `allowedPrograms` lists \
          (CMSgov/qpp-measures-data, measures/YYYY/measures-data.json); the API answers \
          \"measure ID … is not allowed to be submitted to the … program\" \
          (CMSgov/qpp-conversion-tool issue #1454). Virtual groups cannot submit to `app1` \
          (CMSgov/qpp-submissions-docs, change log 8/15/2021). PCF and CPC+ practices reported \
          PI under MIPS: CMS's converter refused PI data in a PCF document (error 106, \
          PCF_NO_PI, until PCF was removed in October 2025). For 2025, the Submissions API \
          schema lists `ssp` and the converter accepted SSP_PI_* names from July to December \
          2025, but CMS's 2025 measure data dropped `ssp` in November 2025; the 2026 and 2027 \
          measure data list it.",
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
        let lower = program.value.to_ascii_lowercase();
        if let Some(title) = never_pi(&lower) {
            out.push(finding(
                &META,
                &program.loc,
                Message::new()
                    .text("PI is not accepted for program ")
                    .quoted(ArgumentKind::Value, &program.value)
                    .text(&format!(
                        " ({title}): remove this PI measurement set, or send it under `mips`"
                    )),
            ));
        } else if program.value == SHARED_SAVINGS && year == DISPUTED_SSP_YEAR {
            out.push(
                finding(
                    &META,
                    &program.loc,
                    format!(
                        "CMS's tools disagree on `ssp` for {year}: the 2025 Submissions API schema lists it, and CMS's QRDA III converter accepted SSP_PI_* program names from July to December 2025, but CMS removed `ssp` from every 2025 PI measure's allowedPrograms in November 2025"
                    ),
                )
                .with_severity(Severity::Warning)
                // CMS's own tools disagree: pilint cannot say what CMS will do.
                .with_consequence(crate::rules::Consequence::None)
                .with_help("ask CMS whether `ssp` is accepted for 2025 PI data before submitting"),
            );
        } else if !programs.contains(&program.value.as_str()) {
            let suggestion = closest(&program.value, programs.iter().copied())
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            out.push(finding(
                &META,
                &program.loc,
                Message::new()
                    .quoted(ArgumentKind::Value, &program.value)
                    .text(" is not a program PI measures may be submitted to in ")
                    .plain(ArgumentKind::Year, year)
                    .text(&suggestion),
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
            "PI is not accepted for program `pcf` (Primary Care First): remove this PI measurement set, or send it under `mips`"
        );
        let text = META.invalid.text.replace("\"pcf\"", "\"pcs\"");
        assert_eq!(
            run(&RULE, &text)[0].message,
            "`pcs` is not a program PI measures may be submitted to in 2025"
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
        // 2025: CMS's tools disagreed, so a warning that says so.
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0]
                .message
                .starts_with("CMS's tools disagree on `ssp` for 2025")
        );
        assert_eq!(
            run_with_year(&RULE, &text, Some(2024))[0].severity,
            Severity::Error
        );
        assert!(run_with_year(&RULE, &text, Some(2026)).is_empty());
        assert!(run_with_year(&RULE, &text, Some(2027)).is_empty());
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
