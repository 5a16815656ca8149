//! `I008 duplicate-measurement-set`: two PI sets with the same submission
//! method and program in one submission.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::MeasurementSet;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

/// What the API assumes when `programName` is left out.
const DEFAULT_PROGRAM: &str = "mips";

pub static META: RuleMeta = RuleMeta {
    code: "I008",
    name: "duplicate-measurement-set",
    severity: Severity::Error,
    summary: "Two PI measurement sets share the same `submissionMethod` and `programName`.",
    what: "Reports a PI measurement set whose (`submissionMethod`, `programName`) pair \
           (a missing `programName` counts as `mips`) equals an earlier PI set's in the same \
           submission, at the later set, labelling the first. PI sets that differ in method or \
           program are allowed; CMS scores each and keeps the highest.",
    why: "Within a submission a measurement set is identified by its category, submission \
          method and program; a second one with the same triple is a duplicate \
          (CMSgov/qpp-submissions-docs/src/app/components/references/measurement-sets.tsx; \
          the API answers `DuplicateEntryError`, CMSgov/qpp-conversion-tool \
          submissionDuplicateEntryErrorFixture.json).",
    note: "a submission holds one PI measurement set per submission method and program",
    help: "merge the two sets, or remove the one you do not mean to send",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: concat!(
            crate::pi_set_2025!(),
            "      \"measurements\": [\n",
            crate::attestations_yes!(),
            crate::required_measures!(),
            "\n      ]\n    },\n    {\n",
            crate::pi_set_2025!()
        ),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),
    valid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: concat!(
            crate::pi_set_2025!(),
            "      \"measurements\": [\n",
            crate::attestations_yes!(),
            crate::required_measures!(),
            "\n      ]\n    },\n    {\n",
            "      \"category\": \"pi\",\n",
            "      \"submissionMethod\": \"electronicHealthRecord\",\n",
            "      \"programName\": \"mips\",\n",
            "      \"performanceStart\": \"2025-01-01\",\n",
            "      \"performanceEnd\": \"2025-12-31\",\n",
            "      \"cehrtId\": \"0015C01234ABCDE\",\n"
        ),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn key(set: &MeasurementSet) -> Option<(&str, &str)> {
    let method = set.submission_method.as_ref()?.value.as_str();
    let program = set
        .program_name
        .as_ref()
        .map_or(DEFAULT_PROGRAM, |p| p.value.as_str());
    Some((method, program))
}

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    let sets: Vec<&MeasurementSet> = pi_sets(context.submission).collect();
    for (index, set) in sets.iter().enumerate() {
        let Some((method, program)) = key(set) else {
            continue;
        };
        if let Some(first) = sets[..index]
            .iter()
            .find(|s| key(s) == Some((method, program)))
        {
            out.push(
                finding(
                    &META,
                    &set.loc,
                    Message::new()
                        .text("a second PI measurement set with submissionMethod `")
                        .plain(ArgumentKind::Value, method)
                        .text("` and programName `")
                        .plain(ArgumentKind::Value, program)
                        .text("`"),
                )
                .with_related(first.loc.span, "the first such set"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_second_set() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert_eq!(found[0].related, ["{"]);
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn a_missing_program_is_mips() {
        let text = META
            .invalid
            .text
            .replacen("      \"programName\": \"mips\",\n", "", 1);
        assert_eq!(run(&RULE, &text).len(), 1);
    }
}
