//! `I004 npi-malformed`: an NPI that is not exactly ten digits.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "I004",
    name: "npi-malformed",
    severity: Severity::Error,
    summary: "The NPI is not exactly 10 digits.",
    what: "Reports a `nationalProviderIdentifier` that is not a string of exactly ten ASCII \
           digits, at the value. In JSON the schema reports this first (`malformed-value`), \
           so this rule speaks for input formats without a schema (QRDA III). A wrong check \
           digit is `npi-check-digit`.",
    why: "Submissions API field table: nationalProviderIdentifier, \"10-digit identifier\" \
          (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          submissionsFields).",
    note: "an NPI is exactly ten digits",
    help: "write the clinician's ten-digit NPI",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose(
        "An NPI such as `123456789` (nine digits). In a JSON file the schema's \
         `malformed-value` (S005) reports it at the same place first; this rule fires on QRDA \
         III, e.g. `<id root=\"2.16.840.1.113883.4.6\" extension=\"123456789X\"/>` in \
         fixtures/invalid/qrda3/npi-malformed.xml.",
    ),
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
    if !(npi.value.len() == 10 && npi.value.bytes().all(|b| b.is_ascii_digit())) {
        out.push(finding(
            &META,
            &npi.loc,
            Message::new()
                .text("the NPI ")
                .quoted(ArgumentKind::Npi, &npi.value)
                .text(" is not exactly 10 digits"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_anything_but_ten_digits() {
        assert!(run(&RULE, META.valid.text).is_empty());
        for bad in ["123456789", "12345678930", "123456789O", " 1234567893"] {
            let text = META.valid.text.replace("1234567893", bad);
            let found = run(&RULE, &text);
            assert_eq!(found.len(), 1, "{bad}");
            assert_eq!(found[0].at, format!("\"{bad}\""));
        }
    }
}
