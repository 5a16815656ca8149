//! `I005 npi-check-digit`: a ten-digit NPI whose check digit is wrong.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, npi_check_digit_ok};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "I005",
    name: "npi-check-digit",
    severity: Severity::Warning,
    summary: "The NPI's check digit is wrong (Luhn over the prefix 80840); likely a typo.",
    what: "Checks the last digit of a ten-digit `nationalProviderIdentifier` with the Luhn \
           algorithm over the prefix 80840 and the first nine digits, as the NPI standard \
           defines it, and reports a mismatch at the value. A warning, not an error: the \
           Submissions API documents no check-digit rule and CMS's own sample NPI \
           (`9876543210`) fails it.",
    why: "Every NPI issued carries a Luhn check digit computed with the prefix 80840 (CMS, \
          \"Requirements for Constructing an Authentic National Provider Identifier\", NPPES); \
          a wrong one almost always means a mistyped NPI, and the submission then attaches to \
          no clinician. The Submissions API docs' sample NPI fails the check \
          (CMSgov/qpp-submissions-docs, references/json/submission-example-aci.json), so \
          test data may legitimately fail it.",
    note: "every issued NPI passes the Luhn check over the prefix 80840",
    help: "check the NPI against NPPES; test NPIs may ignore this warning",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(crate::file_with_identity!(concat!(
        "  \"entityType\": \"individual\",\n  \"taxpayerIdentificationNumber\": \"000456789\",\n",
        "  \"nationalProviderIdentifier\": \"9876543210\",\n"
    ))),
    valid: Example::json(crate::file_with_identity!(concat!(
        "  \"entityType\": \"individual\",\n  \"taxpayerIdentificationNumber\": \"000456789\",\n",
        "  \"nationalProviderIdentifier\": \"1234567893\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    let Some(npi) = &context.submission.national_provider_identifier else {
        return;
    };
    let ten_digits = npi.value.len() == 10 && npi.value.bytes().all(|b| b.is_ascii_digit());
    if ten_digits && !npi_check_digit_ok(&npi.value) {
        out.push(finding(
            &META,
            &npi.loc,
            Message::new()
                .text("the NPI ")
                .quoted(ArgumentKind::Npi, &npi.value)
                .text(" fails the NPI check-digit test; it is probably mistyped"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_a_wrong_check_digit() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"9876543210\"");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(run(&RULE, META.valid.text).is_empty());
        // Wrong lengths are npi-malformed's.
        let text = META.valid.text.replace("1234567893", "123456789");
        assert!(run(&RULE, &text).is_empty());
    }
}
