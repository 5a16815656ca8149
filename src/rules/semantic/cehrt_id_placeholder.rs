//! `C004 cehrt-id-placeholder`: the documentation's placeholder CEHRT ID
//! (`XX15CXXXXXXXXXX`) instead of a real one.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "C004",
    name: "cehrt-id-placeholder",
    severity: Severity::Warning,
    summary: "The CEHRT ID is a documentation placeholder such as `XX15CXXXXXXXXXX`.",
    what: "Reports a `cehrtId` that is one of the year's format templates filled with `X` \
           (`XX15CXXXXXXXXXX`, `2025CXXXXXXXXXX`): it passes the format check but is the \
           placeholder from CMS's sample, not an ID issued for an EHR.",
    why: "CMS's PI sample submission carries the literal placeholder `XX15CXXXXXXXXXX` \
          (CMSgov/qpp-submissions-docs, references/json/submission-example-aci.json); a file \
          built from the sample keeps it unless someone replaces it, and PI credit needs the \
          real CMS EHR Certification ID (references/scoring.tsx).",
    note: "the placeholder from CMS's sample is not a CMS EHR Certification ID",
    help: "replace it with the CMS EHR Certification ID generated on ONC's CHPL",
    years: &[],
    family: crate::rules::Family::Cehrt,
    consequence: crate::rules::Consequences::POINTS,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"XX15CXXXXXXXXXX\",\n"
    ))),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: a placeholder of any year is never a real CEHRT ID.
    for set in pi_sets(context.submission) {
        let Some(id) = &set.cehrt_id else { continue };
        let upper = id.value.to_ascii_uppercase();
        if crate::catalog::is_cehrt_id_placeholder(&upper) {
            out.push(finding(
                &META,
                &id.loc,
                Message::new()
                    .text("the CEHRT ID ")
                    .quoted(ArgumentKind::Value, &id.value)
                    .text(" is the placeholder from CMS's documentation, not a real CEHRT ID"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_the_template() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"XX15CXXXXXXXXXX\"");
        assert!(run(&RULE, META.valid.text).is_empty());
        let text = crate::valid_2025!().replace("0015C01234ABCDE", "2025cxxxxxxxxxx");
        assert_eq!(run(&RULE, &text).len(), 1);
    }
}
