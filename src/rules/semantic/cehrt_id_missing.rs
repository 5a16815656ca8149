//! `C001 cehrt-id-missing`: a PI set without a CMS EHR Certification ID.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Member, SourceFormat};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "C001",
    name: "cehrt-id-missing",
    severity: Severity::Error,
    summary: "A PI measurement set has no CMS EHR Certification ID (`cehrtId`), or an empty one.",
    what: "Reports a PI measurement set without `cehrtId` (at the set) or with an empty or \
           blank one (at the value). In JSON a missing `cehrtId` is first reported by the \
           schema (`missing-property`), so this rule shows for an empty value there, and for \
           both cases in other input formats.",
    why: "`cehrtId` is \"writable, required\" for PI measurement sets \
          (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          measurementSetsFields), and PI credit needs it: \"Measurement set submitted \
          together with CEHRT ID, so will receive score\" (references/scoring.tsx; \
          scoring-example-output-aci.json `hasCehrtId`). Without it the PI category scores 0.",
    note: "a PI measurement set without a CEHRT ID scores the PI category 0",
    help: "add the CMS EHR Certification ID generated for your certified EHR on ONC's CHPL",
    years: &[],
    family: crate::rules::Family::Cehrt,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"\",\n"
    ))),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if context.catalog.is_none() {
        return;
    }
    for set in pi_sets(context.submission) {
        match &set.cehrt_id {
            None => {
                let (at, name) = context.submission.absent(&set.loc, Member::CehrtId);
                let whose = match context.submission.format {
                    SourceFormat::Json => "the PI measurement set",
                    SourceFormat::Qrda3 => "the document",
                };
                out.push(finding(
                    &META,
                    &at,
                    format!("{whose} has no {name}; without a CEHRT ID the PI category scores 0"),
                ));
            }
            Some(id) if id.value.trim().is_empty() => out.push(finding(
                &META,
                &id.loc,
                "`cehrtId` is empty; without a CEHRT ID the PI category scores 0",
            )),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_empty_and_missing_ids() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"\"");
        assert!(run(&RULE, META.valid.text).is_empty());

        let text = crate::valid_2025!().replace("      \"cehrtId\": \"0015C01234ABCDE\",\n", "");
        let found = run(&RULE, &text);
        assert_eq!(found[0].at, "{");
        assert!(found[0].message.contains("no `cehrtId`"));
    }
}
