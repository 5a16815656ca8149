//! `C003 cehrt-id-lowercase`: a CEHRT ID written with lower-case letters.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "C003",
    name: "cehrt-id-lowercase",
    severity: Severity::Warning,
    summary: "The CEHRT ID has lower-case letters; CMS issues them in upper case.",
    what: "Reports a `cehrtId` that has an accepted format once upper-cased but is written \
           with lower-case letters, at the value.",
    why: "CMS EHR Certification IDs are issued in upper case (formats `XX15CXXXXXXXXXX`, \
          `2025CXXXXXXXXXX`: CMSgov/qpp-submissions-docs, data.ts); CMS's converter compared \
          the `15C` part case-insensitively (CMSgov/qpp-conversion-tool PR #1441), but \
          whether every CMS system matches IDs regardless of case is not documented.",
    note: "CEHRT IDs are issued in upper case; other CMS systems may compare them exactly",
    help: "write the CEHRT ID in upper case, exactly as CHPL shows it",
    years: &[],
    family: crate::rules::Family::Cehrt,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015c01234abcde\",\n"
    ))),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        let Some(id) = &set.cehrt_id else { continue };
        let upper = id.value.to_ascii_uppercase();
        if upper != id.value && catalog.cehrt_id_matches(&upper) {
            out.push(finding(
                &META,
                &id.loc,
                Message::new()
                    .text("the CEHRT ID ")
                    .quoted(ArgumentKind::Value, &id.value)
                    .text(&format!(
                        " has lower-case letters; CMS issues it as `{upper}`"
                    )),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_lower_case() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"0015c01234abcde\"");
        assert!(
            found[0]
                .message
                .ends_with("CMS issues it as `0015C01234ABCDE`")
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }
}
