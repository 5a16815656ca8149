//! `I006 submission-method-not-allowed`: a PI set with a submission method
//! CMS does not accept for PI.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::Member;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{either, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "I006",
    name: "submission-method-not-allowed",
    severity: Severity::Error,
    summary: "A PI measurement set's `submissionMethod` is not one CMS accepts for PI.",
    what: "Reports a PI measurement set whose `submissionMethod` is missing (at the set) or \
           is not `registry` or `electronicHealthRecord` (at the value). The other methods \
           (`claims`, `cmsWebInterface`, `certifiedSurveyVendor`, `administrativeClaims`) \
           exist for quality data only. The accepted list is year data \
           (`piSubmissionMethods`).",
    why: "For PI, `registry` means data not sent as QRDA and `electronicHealthRecord` data \
          sent as QRDA; the other methods do not apply to PI (CMSgov/qpp-submissions-docs/\
          src/app/components/references/data.ts, measurementSetsFields; CMS's converter \
          always writes `electronicHealthRecord` for PI, CMSgov/qpp-conversion-tool \
          PiSectionEncoder.java).",
    note: "PI data is submitted by registry or electronicHealthRecord only",
    help: "use registry (JSON data entered or uploaded) or electronicHealthRecord (data from QRDA III)",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"claims\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"electronicHealthRecord\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015C01234ABCDE\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    let allowed = either(&catalog.pi_submission_methods);
    for set in pi_sets(context.submission) {
        match &set.submission_method {
            None => out.push(finding(
                &META,
                &context
                    .submission
                    .absent(&set.loc, Member::SubmissionMethod)
                    .0,
                format!("the PI measurement set has no `submissionMethod` ({allowed})"),
            )),
            Some(method) if !catalog.pi_submission_methods.contains(&method.value) => {
                out.push(finding(
                    &META,
                    &method.loc,
                    Message::new()
                        .quoted(ArgumentKind::Value, &method.value)
                        .text(&format!(
                            " is not a submission method for PI; PI accepts {allowed}"
                        )),
                ))
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_quality_only_methods() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"claims\"");
        assert_eq!(
            found[0].message,
            "`claims` is not a submission method for PI; PI accepts `registry` or `electronicHealthRecord`"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }
}
