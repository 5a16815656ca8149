//! `M005 invalid-count`: a numerator or denominator that is missing or not
//! a whole number of at least 0.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::{Count, Member, Node};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M005",
    name: "invalid-count",
    severity: Severity::Error,
    summary: "A numerator or denominator is missing or not a whole number ≥ 0.",
    what: "Checks both counts of every proportion value in a PI measurement set: each must be \
           present and a whole number of at least 0, written as an integer (`49`, not `49.0`, \
           `4.9e1` or `-1`). Points at the count (or at the value, when a count is missing).",
    why: "The Submissions API documents `numerator` and `denominator` as integers ≥ 0 \
          (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          measurementsFields); CMS's QRDA III converter rejects PI counts that are not whole \
          numbers (CMSgov/qpp-conversion-tool, ERROR_MESSAGES.md, PI numerator/denominator \
          errors).",
    note: "numerator and denominator are integer counts of 0 or more",
    help: "write each count as a whole number without a decimal point or exponent",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 49.0, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    for (measurement, proportion) in context.pi_proportions() {
        let id = measurement.id().unwrap_or("this measure");
        for (count, field) in [
            (&proportion.numerator, Member::Numerator),
            (&proportion.denominator, Member::Denominator),
        ] {
            match count {
                None => {
                    let (at, name) = context.submission.absent(&proportion.loc, field);
                    out.push(finding(
                        &META,
                        &at,
                        Message::new()
                            .text("the value of `")
                            .plain(ArgumentKind::Measure, id)
                            .text(&format!("` has no {name}")),
                    ))
                }
                Some(Node {
                    value: Count { whole: None, text },
                    loc,
                }) => out.push(finding(
                    &META,
                    loc,
                    Message::new()
                        .text(&format!("the {} of `", field.json_key()))
                        .plain(ArgumentKind::Measure, id)
                        .text("` is ")
                        .quoted(ArgumentKind::Value, text)
                        .text(", not a whole number of 0 or more"),
                )),
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_counts_that_are_not_whole_numbers() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].at, "49.0");
        assert_eq!(
            found[0].message,
            "the numerator of `PI_EP_1` is `49.0`, not a whole number of 0 or more"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn flags_negative_fractional_and_missing_counts() {
        let text = crate::valid_2025!()
            .replace("\"numerator\": 49,", "\"numerator\": -1,")
            .replace("\"numerator\": 1123,", "\"numerator\": 11.5,")
            .replace(", \"denominator\": 951", "");
        let found = run(&RULE, &text);
        let at: Vec<&str> = found.iter().map(|f| f.at.as_str()).collect();
        assert_eq!(at, ["-1", "11.5", "{"]);
        assert!(found[2].message.contains("has no `denominator`"));
    }
}
