//! `I003 tin-malformed`: a TIN that is not exactly nine digits.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "I003",
    name: "tin-malformed",
    severity: Severity::Error,
    summary: "The TIN is not exactly 9 digits.",
    what: "Reports a `taxpayerIdentificationNumber` that is not a string of exactly nine \
           ASCII digits (no dash, no spaces; leading zeros kept), at the value. In JSON the \
           schema reports this first (`malformed-value`), so this rule speaks for input \
           formats without a schema (QRDA III).",
    why: "Submissions API field table: taxpayerIdentificationNumber, \"9-digit identifier\" \
          (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          submissionsFields); CMS matches the submission to the practice by it.",
    note: "a TIN is exactly nine digits",
    help: "write the TIN as nine digits, without a dash",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose(
        "A TIN such as `00-0123456`. In a JSON file the schema's `malformed-value` (S005) \
         reports it at the same place first (see fixtures/invalid/tin-with-dash.json); this \
         rule fires on QRDA III, e.g. `<id root=\"2.16.840.1.113883.4.2\" extension=\"00012345\"/>` \
         in fixtures/invalid/qrda3/tin-malformed.xml.",
    ),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    let Some(tin) = &context.submission.taxpayer_identification_number else {
        return;
    };
    let well_formed = tin.value.len() == 9 && tin.value.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        out.push(finding(
            &META,
            &tin.loc,
            Message::new()
                .text("the TIN ")
                .quoted(ArgumentKind::Tin, &tin.value)
                .text(" is not exactly 9 digits"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_anything_but_nine_digits() {
        assert!(run(&RULE, META.valid.text).is_empty());
        for bad in ["00-0123456", "00012345", "0001234567", "00012345٣"] {
            let text = crate::valid_2025!().replace("000123456", bad);
            let found = run(&RULE, &text);
            assert_eq!(found.len(), 1, "{bad}");
            assert_eq!(found[0].at, format!("\"{bad}\""));
        }
    }
}
